/**
 * The vocabulary's rewriter (knowledge/load-synonyms.ts): variants to their canonical term, Latin
 * variants as whole words, in questions and entries alike.
 */
import { describe, expect, it } from "vitest";
import { buildSynonyms } from "../../knowledge/load-synonyms.js";

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
});
