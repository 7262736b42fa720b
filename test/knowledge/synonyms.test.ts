/**
 * The vocabulary's rewriter (knowledge/load-synonyms.ts): variants to their canonical term, Latin
 * variants as whole words, in questions and entries alike.
 */
import { describe, expect, it } from "vitest";
import { buildSynonyms, loadSynonyms, variantPattern } from "../../knowledge/load-synonyms.js";

describe("buildSynonyms", () => {
  const { rewrite } = buildSynonyms([
    { canonical: "实力标签", variants: ["strength tag", "strength tags"] },
    { canonical: "优惠券", variants: ["coupon", "voucher"] },
    { canonical: "信保", variants: ["ta", "trade assurance"] },
    { canonical: "找工厂", variants: ["找工场"] },
  ]);

  it.each([
    ["which strength tags are for us", "which 实力标签 are for us"],
    ["coupon or voucher", "优惠券 or 优惠券"],
    ["a trade assurance order", "a 信保 order"],
    ["找工场怎么入驻", "找工厂怎么入驻"],
  ])("%s", (text, expected) => {
    expect(rewrite(text)).toBe(expected);
  });

  it("a Latin variant is a whole word, not part of another one", () => {
    expect(rewrite("data and tables")).toBe("data and tables");
    expect(rewrite("tasks")).toBe("tasks");
    expect(rewrite("coupons")).toBe("coupons");
  });

  it("the longest variant at a position wins, and a shorter one where the longer does not fit", () => {
    const { rewrite: r } = buildSynonyms([
      { canonical: "处罚", variants: ["penal", "penalty", "penalties"] },
      { canonical: "申诉", variants: ["appeal", "appeal deadline"] },
    ]);
    expect(r("the penalty and the appeal deadline")).toBe("the 处罚 and the 申诉");
    expect(r("penalties, penal, penalty2")).toBe("处罚, 处罚, penalty2");
  });
});

describe("variantPattern", () => {
  // The plain way to write it: every variant on its own, longest first, Latin ones as whole words.
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const word = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);
  const flatPattern = (variants: readonly string[]) =>
    [...variants].sort((a, b) => b.length - a.length).map((v) => `${word(v[0]) ? "(?<![a-z0-9])" : ""}${escape(v)}${word(v.at(-1)) ? "(?![a-z0-9])" : ""}`).join("|");

  it("matches what a flat alternation of the variants, longest first, matches", () => {
    const variants = ["go live", "live", "live stream", "ma后台", "后台", "rfq", "rfq服务分", "服务分", "ta", "ta订单", "penal", "penalty"];
    const flat = new RegExp(flatPattern(variants), "gu");
    const trie = new RegExp(variantPattern(variants), "gu");
    for (const text of ["go live stream now", "ma后台的rfq服务分", "ta订单 tasks ta", "penalty penalties penal", "the live stream went live", "后台服务分rfq2"]) {
      expect([...text.matchAll(trie)].map((m) => [m.index, m[0]])).toEqual([...text.matchAll(flat)].map((m) => [m.index, m[0]]));
    }
  });

  it("keeps the vocabulary's pattern small: each character of a shared prefix is written once", () => {
    const { terms } = loadSynonyms();
    expect(variantPattern(terms).length).toBeLessThan(0.75 * flatPattern(terms).length);
  });
});
