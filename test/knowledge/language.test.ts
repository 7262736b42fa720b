import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";
import { questionLanguage } from "../../knowledge/language.js";

describe("questionLanguage", () => {
  it.each([
    ["hi", "en"],
    ["hello", "en"],
    ["thanks!", "en"],
    ["appeal?", "en"],
    ["RFQ score 75 how many quotes?", "en"],
    ["@bot what's the appeal deadline", "en"],
    ["@小助手 what's the appeal deadline", "en"],
    ["how do I check M10001's RFQ score", "en"],
    ["see https://www.alibaba.com/trade-assurance-页面 what does it mean", "en"],
    ["/faq how do I appeal a penalty", "en"],
    ["When does the September Sourcing Festival end?", "en"],
    // an English sentence quoting a Chinese name is English; Chinese grammar around English words is Chinese
    ["Does 平台首单包赔 still cover our first late order?", "en"],
    ["Who presented the Gold Supplier (金品诚企) upgrade part?", "en"],
    ["How long must we stay in 保障升级服务 before we can leave?", "en"],
    ["exit date 9/1，earliest rejoin是哪天？", "zh"],
    ["verified card怎么申请", "zh"],
    ["my RFQ score is 75, 能拿几条 free quotes", "zh"],
    ["信保 compensation cap?", "zh"],
    ["RFQ服务分75分能拿几条报价", "zh"],
    ["Trade Assurance 赔付上限是多少", "zh"],
    ["你好", "zh"],
    ["申诉", "zh"],
    ["RFQ", "zh"],
    ["GMV?", "zh"],
    ["P4P", "zh"],
    ["/score M10001", "zh"],
    ["", "zh"],
    ["   ", "zh"],
    ["75", "zh"],
    ["👍", "zh"],
    ["@bot", "zh"],
    ["オーケー", "zh"],
  ] as const)("%j → %s", (text, expected) => {
    expect(questionLanguage(text)).toBe(expected);
  });

  it("reads every phrasing in the knowledge base as the language it is written in", () => {
    const wrong: string[] = [];
    let english = 0;
    for (const e of loadKnowledge().entries) {
      for (const q of [e.question, ...e.alternates]) {
        const expected = /[\u4e00-\u9fff]/.test(q) ? "zh" : "en";
        if (expected === "en") english++;
        if (questionLanguage(q) !== expected) wrong.push(`${e.id}: ${q}`);
      }
    }
    expect(english).toBeGreaterThan(150);
    expect(wrong).toEqual([]);
  });
});
