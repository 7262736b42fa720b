import { beforeAll, describe, expect, it } from "vitest";
import type { QuestionRecord } from "../../bot/store/open-store.js";
import { send, STAFF, useBot } from "./harness.js";

const staff = { userId: STAFF, staff: true } as const;

/** A recorded reply at `iso`; fallback unless told. */
function q(iso: string, normalized: string, overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  return { at: new Date(iso), kind: "fallback", normalized, userId: "u-1", ...overrides };
}

describe("/unanswered", () => {
  const bot = useBot();

  beforeAll(() => {
    const store = bot().deps.store;
    // The harness clock is 2021-08-26 12:00 in Shanghai; 7 days = from 2021-08-20 00:00 there.
    store.recordQuestion(q("2021-08-21T10:00:00+08:00", "今天天气怎么样", { entryId: "market-live-day-group", confidence: 0.2 }));
    store.recordQuestion(q("2021-08-24T10:00:00+08:00", "今天天气怎么样", { entryId: "market-live-day-group", confidence: 0.17, userId: "u-2" }));
    store.recordQuestion(q("2021-08-25T10:00:00+08:00", "今天天气怎么样", { entryId: "guarantee-exit", confidence: 0.3162 }));
    store.recordQuestion(q("2021-08-20T00:00:00+08:00", "入驻", { kind: "clarify", entryId: "factory-eligibility", confidence: 0.36 }));
    store.recordQuestion(q("2021-08-26T09:00:00+08:00", "入驻", { kind: "clarify", entryId: "factory-eligibility", confidence: 0.36 }));
    // A confident clarify, an answer and a question from before the window: none is listed by default.
    store.recordQuestion(q("2021-08-26T09:00:00+08:00", "信保是什么", { kind: "clarify", entryId: "guarantee-exit", confidence: 0.7 }));
    store.recordQuestion(q("2021-08-26T09:00:00+08:00", "保障升级服务多久能退出", { kind: "answer", entryId: "guarantee-exit", confidence: 0.9 }));
    store.recordQuestion(q("2021-08-19T23:59:59+08:00", "上个月的问题", { userId: "u-3" }));
    store.recordQuestion(q("2021-08-19T12:00:00+08:00", "[点我](http://evil.example)"));
  });

  it("is for support staff only: anyone else gets denied", async () => {
    for (const text of ["/unanswered", "/未解答 30", "/待补充"]) {
      const reply = await send(bot(), text, { userId: "u-alpha" });
      expect(reply.kind, text).toBe("denied");
      expect(reply.text, text).not.toContain("天气");
    }
  });

  it("lists the last 7 days' questions, most asked first, with the latest nearest entry", async () => {
    const { kind, text } = await send(bot(), "/unanswered", staff);
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("**最近 7 天未解答的问题**（2021-08-20 至 2021-08-26，北京时间；按次数排序，最多 20 个）");
    const rows = text.split("\n").filter((l) => l.startsWith("- "));
    expect(rows).toEqual([
      "- #3 · 3 次 · 「今天天气怎么样」 · 最近 2021-08-25 · 最接近 guarantee-exit（置信度 0.32）",
      "- #5 · 2 次 · 「入驻」 · 最近 2021-08-26 · 最接近 factory-eligibility（置信度 0.36）",
    ]);
    expect(text).not.toContain("信保是什么");
    expect(text).not.toContain("上个月的问题");
  });

  it("takes a window in days, with or without 天", async () => {
    for (const arg of ["30", "30天", "30 天", "３０"]) {
      const { kind, text } = await send(bot(), `/unanswered ${arg}`, staff);
      expect(kind, arg).toBe("command");
      expect(text, arg).toContain("最近 30 天未解答的问题");
      expect(text, arg).toContain("「上个月的问题」");
    }
    const alias = await send(bot(), "/待补充 1", staff);
    expect(alias.text).toContain("「入驻」");
    expect(alias.text).not.toContain("天气");
  });

  it("never lets a recorded question turn into markdown", async () => {
    const { text } = await send(bot(), "/unanswered 30", staff);
    expect(text).not.toContain("](http");
    expect(text).toContain("「［点我］（http://evil.example）」");
  });

  it.each(["0", "366", "abc", "-1", "7 8", "1.5"])("refuses %s days with the usage", async (arg) => {
    const reply = await send(bot(), `/unanswered ${arg}`, staff);
    expect(reply.kind).toBe("error");
    expect(reply.text).toContain("/unanswered [天数]");
    expect(reply.text).toContain("1 到 365");
  });
});

describe("/unanswered on an empty or busy log", () => {
  const bot = useBot();

  it("says nothing was recorded in the window", async () => {
    const reply = await send(bot(), "/unanswered", staff);
    expect(reply.kind).toBe("command");
    expect(reply.text).toBe("最近 7 天（2021-08-20 至 2021-08-26，北京时间）没有记录到未解答的问题，也没有转人工。");
  });

  it("lists at most 20 questions", async () => {
    for (let i = 0; i < 25; i++) bot().deps.store.recordQuestion(q("2021-08-26T08:00:00+08:00", `问题${i}`));
    const { text } = await send(bot(), "/unanswered", staff);
    expect(text.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(20);
  });
});
