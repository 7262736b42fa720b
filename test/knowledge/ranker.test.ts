import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";
import type { KnowledgeBase } from "../../knowledge/load-knowledge.js";
import { loadSynonyms } from "../../knowledge/load-synonyms.js";
import { matchQuestion } from "../../knowledge/match-question.js";
import { askingClause, featurize } from "../../knowledge/ranker-features.js";
import {
  OFF_TOPIC_CLASS,
  createRanker,
  fingerprintOf,
  loadRankerModel,
  parseRankerFile,
  serializeRankerModel,
} from "../../knowledge/ranker.js";
import type { RankerModel } from "../../knowledge/ranker.js";
import { buildSearchIndex } from "../../knowledge/search-index.js";
import { buildLexicon } from "../../knowledge/tokenize.js";
import { trainRanker } from "../../knowledge/train-ranker.js";

let kb: KnowledgeBase;
let committed: RankerModel;
beforeAll(() => {
  kb = loadKnowledge();
  committed = loadRankerModel()!;
});

const lexicon = buildLexicon(["保障升级服务"]);

describe("askingClause", () => {
  it.each([
    ["我上周刚把保障升级服务开了，老板说不想要了，能不能马上关掉", "能不能马上关掉"],
    ["我们做五金的。请问被处罚几天内能申诉？", "被处罚几天内能申诉"],
    ["我们做五金的，上周加了保障升级，怎么退？", "上周加了保障升级 怎么退"],
    ["We joined last week, my boss changed his mind. How long until we can leave?", "how long until we can leave"],
    ["麻烦问下，找工厂怎么入驻？？辛苦了", undefined],
  ])("finds the clause that asks in %j, read normalised", (text, clause) => {
    expect(askingClause(text)).toBe(clause);
  });

  it.each(["保障升级服务多久能退出", "我们是做五金的，上周加了保障升级"])("is undefined when no clause of several asks, or there is one clause: %j", (text) => {
    expect(askingClause(text)).toBeUndefined();
  });
});

describe("featurize", () => {
  it("gives a homophone typo the same pinyin view as the right characters", () => {
    const right = featurize("保障升级服务怎么退出", lexicon);
    const typo = featurize("保账升级服务怎么退出", lexicon);
    expect(typo.pinyin).toEqual(right.pinyin);
    expect(typo.chars).not.toEqual(right.chars);
  });

  it("weighs the asking clause's features more than the story around it, and normalises each view", () => {
    const plain = featurize("老板 能不能关掉", lexicon);
    const asked = featurize("老板 能不能关掉", lexicon, "能不能关掉");
    expect(asked.chars.get("b:关掉")! / asked.chars.get("b:老板")!).toBe(2);
    expect(plain.chars.get("b:关掉")).toBe(plain.chars.get("b:老板"));
    for (const v of [asked.chars, asked.pinyin]) expect([...v.values()].reduce((a, x) => a + x * x, 0)).toBeCloseTo(1, 9);
  });
});

describe("the committed weights", () => {
  it("are fitted for exactly these entries, with the off-topic class last", () => {
    expect(committed.fingerprint).toBe(fingerprintOf(kb.entries.map((e) => e.id)));
    expect(committed.classes.at(-1)).toBe(OFF_TOPIC_CLASS);
    expect(committed.classes.length).toBe(kb.entries.length + 1);
  });

  it("survive a write and a read unchanged (to the stored precision)", () => {
    const again = parseRankerFile(JSON.parse(JSON.stringify(serializeRankerModel(committed))));
    const index = buildSearchIndex(kb, loadSynonyms(), { ranker: null });
    const x = index.featurize("保障升级服务多久能退出");
    const a = createRanker(committed).probabilities(x);
    const b = createRanker(again).probabilities(x);
    for (let c = 0; c < a.length; c++) expect(b[c]).toBeCloseTo(a[c]!, 3);
  });

  it("are refused when a feature names a class that does not exist", () => {
    const file = serializeRankerModel(committed);
    file.views.chars.classes[0] = committed.classes.length + 3;
    expect(() => parseRankerFile(file)).toThrow(/names class/);
    const cut = serializeRankerModel(committed);
    cut.views.pinyin.weights.pop();
    expect(() => parseRankerFile(cut)).toThrow(/weights for/);
  });

  it("are not used for a knowledge base they were not fitted for", () => {
    const fewer = { ...kb, entries: kb.entries.slice(1), byId: new Map(kb.entries.slice(1).map((e) => [e.id, e])) };
    expect(buildSearchIndex(fewer, loadSynonyms()).ranker).toBeUndefined();
    expect(buildSearchIndex(kb, loadSynonyms()).ranker).toBeDefined();
  });
});

describe("trainRanker", () => {
  it("learns a small problem and keeps an explicit off-topic class", () => {
    const classes = ["exit", "appeal", OFF_TOPIC_CLASS];
    const f = (t: string) => featurize(t, lexicon);
    const examples = [
      ...["保障升级服务多久能退出", "保障升级什么时候可以退", "退出保障升级要等几天"].map((t) => ({ x: f(t), target: 0, weight: 1 })),
      ...["被处罚几天内能申诉", "处罚了怎么申诉", "申诉期限是多久"].map((t) => ({ x: f(t), target: 1, weight: 1 })),
      ...["今天天气怎么样", "推荐一部电影", "明天会下雨吗"].map((t) => ({ x: f(t), target: 2, weight: 1 })),
    ];
    const ranker = createRanker(trainRanker(examples, classes, { epochs: 30 }));
    const best = (t: string) => {
      const p = ranker.probabilities(f(t));
      return classes[p.indexOf(Math.max(...p))];
    };
    expect(best("保障升级退出")).toBe("exit");
    expect(best("怎么申诉处罚")).toBe("appeal");
    expect(best("天气下雨吗")).toBe(OFF_TOPIC_CLASS);
  });
});

describe("teaching", () => {
  it("makes a taught phrasing find its entry at once, and another index is not changed by it", () => {
    const synonyms = loadSynonyms();
    const taughtIndex = buildSearchIndex(kb, synonyms);
    const otherIndex = buildSearchIndex(kb, synonyms);
    const phrasing = "那个绿色通道的工厂牌子咋整";
    const before = matchQuestion(taughtIndex, phrasing);
    expect(before.kind === "answer" && before.candidate.entry.id === "factory-how-to-join").toBe(false);
    const p = taughtIndex.teach(phrasing, "factory-how-to-join")!;
    expect(p).toBeGreaterThanOrEqual(0.8);
    const after = matchQuestion(taughtIndex, phrasing);
    expect(after.kind).toBe("answer");
    expect(after.kind === "answer" && after.candidate.entry.id).toBe("factory-how-to-join");
    const untouched = otherIndex.search(phrasing).candidates[0];
    expect(untouched?.features.learned ?? 0).toBeLessThan(0.8);
  });

  it("can teach a phrasing as off-topic, and refuses an unknown entry", () => {
    const index = buildSearchIndex(kb, loadSynonyms());
    const phrasing = "信保的服务费是收几个点";
    index.teach(phrasing, null);
    expect(matchQuestion(index, phrasing).kind).toBe("fallback");
    expect(() => index.teach(phrasing, "no-such-entry")).toThrow(/no class/);
  });
});
