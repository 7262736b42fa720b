/**
 * Domain words typed in pinyin are read as the words (knowledge/pinyin-spelling.ts): with or
 * without spaces between syllables, in either reading of a polyphonic character, never a
 * one-syllable word or an English word.
 */
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";
import { loadSynonyms } from "../../knowledge/load-synonyms.js";
import { normalizeText } from "../../knowledge/normalize-text.js";
import { pinyinSpelling } from "../../knowledge/pinyin-spelling.js";
import { textPreparer } from "../../knowledge/search-index.js";

describe("pinyinSpelling", () => {
  const respell = pinyinSpelling(["找工厂", "实力标签", "成长分", "绿色", "报价", "背景"], new Set(["beijing"]));

  it.each([
    ["how to join zhao gongchang", "how to join 找工厂"],
    ["zhaogongchang entry", "找工厂 entry"],
    ["set shili biaoqian now", "set 实力标签 now"],
    // 长 read zhang, ü typed v or u
    ["chengzhang fen", "成长分"],
    ["lvse and luse", "绿色 and 绿色"],
  ])("%s", (text, expected) => {
    expect(respell(text)).toBe(expected);
  });

  it("leaves English words, one-syllable words and English spellings alone", () => {
    expect(respell("bao jia")).toBe("报价");
    expect(respell("the bao")).toBe("the bao");
    expect(respell("beijing office")).toBe("beijing office");
    expect(respell("china banana tiger")).toBe("china banana tiger");
  });
});

describe("through the index's text preparation", () => {
  const { prepare } = textPreparer(loadKnowledge(), loadSynonyms());

  it("a programme typed in pinyin meets its canonical term", () => {
    expect(prepare("Jinpin members can go into zhao gongchang directly?")).toContain("金品诚企");
    expect(prepare("RFQ fuwufen 92")).toContain("rfq服务分");
    expect(prepare("Yidatong fee in caigoujie")).toMatch(/一达通.*采购节/u);
  });

  it.each([
    "How long must I stay in the guarantee upgrade service before I can quit?",
    "Which RFQ score gets unlimited free quotes?",
    "We are a trading company in Ningbo with 8 sales, can we join the find factory channel?",
    "What's the cap on compensation for a late shipment, and is it paid as a coupon?",
    "Hi team, quick one: when does the September sourcing festival start in China time?",
  ])("an English question without pinyin reads as before: %s", (q) => {
    const synonyms = loadSynonyms();
    expect(prepare(q)).toBe(synonyms.rewrite(normalizeText(q)));
  });
});
