import { beforeEach, describe, expect, it } from "vitest";
import { makeBot } from "../support/make-bot.js";
import type { TestBot } from "../support/make-bot.js";

const ON_DUTY = { onDuty: [{ id: "s-wang", name: "王小二" }], replyWithin: "工作日 2 小时内", canNotify: true };
const staff = { userId: "s-wang", userName: "王小二", staff: true } as const;
const SINCE = new Date("2021-08-20T00:00:00+08:00");

describe("clarify picks, votes and handoffs are logged for /unanswered, /stats and /teach", () => {
  let bot: TestBot;
  beforeEach(() => {
    bot = makeBot({ handoff: ON_DUTY });
  });

  it("records a clarify pick (question → entry) and offers it as a ready /teach", async () => {
    const first = await bot.ask("入驻", { conversationId: "c-pick" });
    expect(first.kind).toBe("clarify");
    const second = await bot.ask("2", { conversationId: "c-pick" });
    expect(second.kind).toBe("answer");
    const picked = first.choices![1]!;
    expect(second.entryId).toBe(picked);

    expect(bot.deps.store.questionStats({ since: SINCE }).picks).toBe(1);
    // Recorded as the question log keeps it: normalised, synonyms rewritten (入驻 → 加入).
    const normalized = bot.deps.index.prepare("入驻");
    const row = bot.deps.store.listUnanswered({ since: SINCE, maxClarifyConfidence: 1 }).find((r) => r.normalized === normalized);
    expect(row?.picked).toEqual({ entryId: picked, count: 1 });

    // Whether /unanswered lists this clarify depends on its confidence; a fallback asked the same way is always listed.
    bot.deps.store.recordQuestion({ at: new Date("2021-08-26T11:00:00+08:00"), kind: "fallback", normalized, userId: "u-2" });
    const report = await bot.ask("/unanswered", staff);
    const id = bot.deps.store.listUnanswered({ since: SINCE }).find((r) => r.normalized === normalized)!.id;
    expect(report.text).toContain(`追问后选了 ${picked}（1 次）→ /teach ${id} ${picked}`);
  });

  it("does not record a pick when the reply was a new question", async () => {
    await bot.ask("入驻", { conversationId: "c-nopick" });
    await bot.ask("RFQ服务分有哪几个因子", { conversationId: "c-nopick" });
    expect(bot.deps.store.questionStats({ since: SINCE }).picks).toBe(0);
  });

  it("shows picks, votes and handoffs opened and closed in /stats", async () => {
    await bot.ask("入驻", { conversationId: "c-s" });
    await bot.ask("1", { conversationId: "c-s" });
    await bot.ask("/feedback up guarantee-exit", { userId: "u-1" });
    await bot.ask("/feedback down guarantee-exit", { userId: "u-2" });
    await bot.ask("/feedback down factory-eligibility", { userId: "u-2" });
    await bot.ask("转人工", { userId: "u-3", conversationId: "c-3" });
    await bot.ask("转人工", { userId: "u-4", conversationId: "c-4" });
    await bot.ask("/done 1", staff);

    const { text } = await bot.ask("/stats", staff);
    expect(text).toContain("- 评价：有帮助 1 · 没帮助 2");
    expect(text).toContain("- 追问后选了候选条目：1 次");
    expect(text).toContain("- 转人工：新开 2 · 关闭 1 · 现在待处理 1");
  });

  it("lists handoff questions in /unanswered beside the fallbacks, staff only and never in a group", async () => {
    await bot.ask("转人工，我的保证金什么时候退", { userId: "u-5", conversationId: "c-5" });
    const report = await bot.ask("/unanswered", staff);
    expect(report.text).toContain("**转人工的问题**");
    expect(report.text).toMatch(/- 转人工 #1 · 2021-08-26 12:00（北京时间） · 「我的保证金什么时候退」 · 待处理/);
    await bot.ask("/done 1", staff);
    expect((await bot.ask("/unanswered", staff)).text).toContain("「我的保证金什么时候退」 · 已由 王小二 关闭");

    expect((await bot.ask("/unanswered", { userId: "u-5" })).kind).toBe("denied");
    const inGroup = await bot.ask("/unanswered", { ...staff, chat: "group", conversationId: "g" });
    expect(inGroup.text).not.toContain("保证金");
  });

  it("purges closed handoffs past the retention, keeping open ones", async () => {
    await bot.ask("转人工", { userId: "u-6", conversationId: "c-6" });
    await bot.ask("转人工", { userId: "u-7", conversationId: "c-7" });
    await bot.ask("/done 1", staff);
    const later = new Date(Date.parse("2021-08-26T12:00:00+08:00") + 91 * 86_400_000);
    await bot.ask("你好", { now: later });
    expect(bot.deps.store.getHandoff(1)).toBeUndefined();
    expect(bot.deps.store.getHandoff(2)?.closedAt).toBeNull();
  });
});
