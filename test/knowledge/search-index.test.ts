import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";
import type { KnowledgeBase } from "../../knowledge/load-knowledge.js";
import { loadSynonyms } from "../../knowledge/load-synonyms.js";
import { matchQuestion } from "../../knowledge/match-question.js";
import { buildSearchIndex } from "../../knowledge/search-index.js";
import type { SearchIndex } from "../../knowledge/search-index.js";

let kb: KnowledgeBase;
let index: SearchIndex;
beforeAll(() => {
  kb = loadKnowledge();
  index = buildSearchIndex(kb, loadSynonyms());
});

const top = (q: string) => index.search(q, 3).candidates[0]?.entry.id;

describe("self-retrieval", () => {
  it("puts every entry first for its own question and each alternate", () => {
    const misses: string[] = [];
    let asked = 0;
    for (const e of kb.entries) {
      for (const q of [e.question, ...e.alternates]) {
        asked++;
        const got = top(q);
        if (got !== e.id) misses.push(`${e.id} ← "${q}" (got ${got})`);
      }
    }
    expect(asked).toBeGreaterThan(kb.entries.length * 5);
    expect(misses).toEqual([]);
  });

  it("answers (not clarifies) every entry's canonical question", () => {
    const notAnswered = kb.entries.filter((e) => {
      const m = matchQuestion(index, e.question);
      return m.kind !== "answer" || m.candidate.entry.id !== e.id;
    });
    expect(notAnswered.map((e) => e.id)).toEqual([]);
  });
});

describe("the way merchants really write", () => {
  it.each([
    ["traditional characters", "保障升級服務加入以後多久可以退出", "保障升级服务加入以后多久可以退出"],
    ["full-width letters and digits", "ＲＦＱ服务分９０分以上有什么权益", "RFQ服务分90分以上有什么权益"],
    ["an @mention and a greeting", "@阿里规则助手 你好，请问找工厂频道在哪里入驻？谢谢", "找工厂频道在哪里入驻"],
    ["a typo the synonyms know", "找工场频道在哪里入住", "找工厂频道在哪里入驻"],
    ["an abbreviation", "拒绝买家用TA会怎么样", "拒绝买家使用信用保障会怎样"],
    ["English", "Where do I join the Find Factory channel?", "找工厂频道在哪里入驻"],
  ])("%s reach the same entry as the plain question", (_label, variant, plain) => {
    expect(top(variant)).toBeDefined();
    expect(top(variant)).toBe(top(plain));
  });

  it("normalises traditional, full-width, mentions, greetings and punctuation alike", () => {
    expect(index.prepare("@小助手 您好！請問：ＴＡ訂單呢？？")).toBe(index.prepare("TA订单呢"));
  });

  it("drops a mention typed after a greeting and a symbol such as ～", () => {
    expect(index.prepare("老师好～@规则小助手 扣分了怎么办 多谢！")).toBe(index.prepare("扣分了怎么办"));
  });

  it("strips an English sign-off only as a whole word, and keeps a vocabulary term's courtesy words", () => {
    // "ty" (thank you) closes a message; it is not the end of "penalty", which reads as 处罚 wherever it stands.
    expect(index.prepare("the penalty was executed")).toBe("the 处罚 was executed");
    expect(index.prepare("what is the penalty")).toBe("what is the 处罚");
    expect(index.prepare("what is the penalty? ty")).toBe("what is the 处罚");
    // "hi tech" is a variant as a whole: "tech" alone is not one.
    expect(index.prepare("tech support")).toBe("tech support");
  });
});

describe("off-topic questions", () => {
  const offTopic = readFileSync(new URL("../fixtures/off-topic-questions.txt", import.meta.url), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

  it.each(offTopic)("%s → fallback", (q) => {
    const m = matchQuestion(index, q);
    expect(m.kind, `${q} matched ${m.kind === "answer" ? m.candidate.entry.id : m.kind}`).toBe("fallback");
  });
});

describe("confidence", () => {
  it("is a probability, higher for the canonical question than for a vague one", () => {
    const exact = index.search("保障升级服务加入后多久可以退出？", 1).candidates[0]!;
    const vague = index.search("退出", 1).candidates[0]!;
    for (const c of [exact, vague]) {
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
    expect(exact.confidence).toBeGreaterThan(vague.confidence);
  });

  it("returns no candidates for text with nothing to match", () => {
    expect(index.search("？？？", 3).candidates).toEqual([]);
  });
});

describe("checkRetrieval (npm run kb:check)", () => {
  it("reports a phrasing that finds another entry first, and flags near-duplicates", async () => {
    const { checkRetrieval } = await import("../../knowledge/check-retrieval.js");
    const a = kb.byId.get("guarantee-exit")!;
    const b = kb.byId.get("guarantee-rejoin")!;
    // b borrows a's canonical question as one of its alternates: a cannot come first for it any more.
    const entries = kb.entries.map((e) => (e.id === b.id ? { ...e, alternates: [...e.alternates, a.question] } : e));
    const tampered = { ...kb, entries, byId: new Map(entries.map((e) => [e.id, e])) };
    const report = checkRetrieval(tampered, buildSearchIndex(tampered, loadSynonyms()));
    expect(report.misses.join("\n")).toContain(a.question);
    expect(report.nearDuplicates.join("\n")).toMatch(/guarantee-exit ~ guarantee-rejoin/);
  });
});
