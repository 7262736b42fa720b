import { beforeAll, describe, expect, it } from "vitest";
import type { QuestionRecord } from "../../bot/store/open-store.js";
import { send, STAFF, useBot } from "./harness.js";

const staff = { userId: STAFF, staff: true } as const;

function q(iso: string, kind: QuestionRecord["kind"], overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  return { at: new Date(iso), kind, userId: "u-1", ...overrides };
}

describe("/stats", () => {
  const bot = useBot();
  // Every message the pipeline handles is itself recorded: the refusals below go to a bot of
  // their own so the counted figures stay the seeded ones.
  const other = useBot();

  beforeAll(() => {
    const store = bot().deps.store;
    const answer = (iso: string, entryId: string) => store.recordQuestion(q(iso, "answer", { entryId, confidence: 0.9 }));
    // 2021-08-24 late evening and 2021-08-25 just after midnight, Shanghai: two days (one UTC day).
    answer("2021-08-24T23:30:00+08:00", "guarantee-exit");
    answer("2021-08-25T00:10:00+08:00", "guarantee-exit");
    answer("2021-08-26T09:00:00+08:00", "guarantee-exit");
    answer("2021-08-26T09:10:00+08:00", "factory-eligibility");
    store.recordQuestion(q("2021-08-26T09:20:00+08:00", "clarify", { normalized: "入驻", entryId: "factory-eligibility", confidence: 0.36 }));
    store.recordQuestion(q("2021-08-26T09:30:00+08:00", "fallback", { normalized: "天气", confidence: 0.1 }));
    store.recordQuestion(q("2021-08-26T09:40:00+08:00", "command", { command: "score" }));
    store.recordQuestion(q("2021-08-26T09:50:00+08:00", "denied", { command: "search" }));
    // Outside the default window.
    answer("2021-08-10T12:00:00+08:00", "factory-eligibility");
    const at = new Date("2021-08-26T10:00:00+08:00");
    store.recordVote({ entryId: "factory-eligibility", userId: "u-1", helpful: false, at });
    store.recordVote({ entryId: "factory-eligibility", userId: "u-2", helpful: false, at });
    store.recordVote({ entryId: "guarantee-exit", userId: "u-1", helpful: false, at });
    store.recordVote({ entryId: "guarantee-exit", userId: "u-2", helpful: true, at });
    store.recordVote({ entryId: "gone-entry", userId: "u-1", helpful: false, at: new Date("2021-08-26T10:00:00+08:00") });
  });

  it("is for support staff only: anyone else gets denied", async () => {
    for (const text of ["/stats", "/统计 30"]) {
      const reply = await send(other(), text, { userId: "u-alpha" });
      expect(reply.kind, text).toBe("denied");
      expect(reply.text, text).not.toMatch(/guarantee-exit|\d+%/);
    }
  });

  it("gives totals, shares, one line a day in Shanghai days, the most asked and the least liked entries", async () => {
    const { kind, title, text } = await send(bot(), "/stats", staff);
    expect(kind).toBe("command");
    expect(title).toBe("提问统计");
    const lines = text.split("\n");
    expect(lines[0]).toBe("**最近 7 天的提问统计**（2021-08-20 至 2021-08-26，北京时间）");
    expect(text).toContain("- 共 8 条消息：规则问题 6 条，指令 1 条，其他（无权限、出错）1 条");
    expect(text).toContain("- 规则问题中：直接回答 67%（4）· 追问确认 17%（1）· 未能回答 16%（1）");
    const days = lines.filter((l) => /^- 2021-08-\d\d：/.test(l));
    expect(days).toEqual([
      "- 2021-08-20：0 条",
      "- 2021-08-21：0 条",
      "- 2021-08-22：0 条",
      "- 2021-08-23：0 条",
      "- 2021-08-24：1 条（回答 1 · 追问 0 · 未答 0 · 指令 0 · 其他 0）",
      "- 2021-08-25：1 条（回答 1 · 追问 0 · 未答 0 · 指令 0 · 其他 0）",
      "- 2021-08-26：6 条（回答 2 · 追问 1 · 未答 1 · 指令 1 · 其他 1）",
    ]);
    const topic = (id: string) => bot().deps.kb.byId.get(id)?.topic;
    expect(text).toContain(`**被问最多的条目**\n\n1. guarantee-exit（${topic("guarantee-exit")}）：3 次\n2. factory-eligibility（${topic("factory-eligibility")}）：1 次`);
    expect(text).toContain(
      `**「没帮助」最多的条目**\n\n1. factory-eligibility（${topic("factory-eligibility")}）：没帮助 2 · 有帮助 0\n` +
        `2. gone-entry（已不在知识库中）：没帮助 1 · 有帮助 0\n3. guarantee-exit（${topic("guarantee-exit")}）：没帮助 1 · 有帮助 1`,
    );
  });

  it("widens the window on request, listing the latest 14 days only", async () => {
    const { text } = await send(bot(), "/统计 30", staff);
    expect(text).toContain("**最近 30 天的提问统计**（2021-07-28 至 2021-08-26，北京时间）");
    // The nine seeded messages, plus the /stats request of the test above (it is recorded too).
    expect(text).toContain("共 10 条消息");
    expect(text).toContain("factory-eligibility（");
    expect(text).toContain("**每天**（只列出最近 14 天）");
    expect(text.split("\n").filter((l) => /^- 2021-\d\d-\d\d：/.test(l))).toHaveLength(14);
  });

  it.each(["0", "400", "七", "7 天 8"])("refuses %s days with the usage", async (arg) => {
    const reply = await send(bot(), `/stats ${arg}`, staff);
    expect(reply.kind).toBe("error");
    expect(reply.text).toContain("/stats [天数]");
  });
});

describe("/stats on an empty log", () => {
  const bot = useBot();

  it("says nothing was recorded", async () => {
    const { kind, text } = await send(bot(), "/stats", staff);
    expect(kind).toBe("command");
    expect(text).toContain("这段时间没有记录到任何消息。");
  });

  it("gives shares that add up to 100", async () => {
    const store = bot().deps.store;
    const at = new Date("2021-08-26T09:00:00+08:00");
    store.recordQuestion({ at, kind: "answer", entryId: "guarantee-exit", userId: "u" });
    store.recordQuestion({ at, kind: "clarify", normalized: "入驻", userId: "u" });
    store.recordQuestion({ at, kind: "fallback", normalized: "天气", userId: "u" });
    const { text } = await send(bot(), "/stats", staff);
    expect(text).toContain("直接回答 34%（1）· 追问确认 33%（1）· 未能回答 33%（1）");
    expect(text).toContain("这段时间没有收到「没帮助」的评价");
  });
});
