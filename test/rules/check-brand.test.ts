import { describe, expect, it } from "vitest";
import { BRAND_REGISTRATION_WINDOW, checkBrand } from "../../rules/check-brand.js";
import type { BrandProfile } from "../../rules/merchant.js";
import { at, makeMerchant } from "./fixtures.js";

const NOW = at("2021-08-26T10:00:00+08:00");

const nothing: BrandProfile = {
  annualExportCny: 0,
  listed: false,
  famousTrademark: false,
  brandRegisteredYears: 0,
  rdTeamSize: 0,
  highTech: false,
  annualMarketingCny: 0,
  trademarkCertificate: false,
};

function brand(profile: Partial<BrandProfile>, industry = "五金工具", gold = false) {
  return checkBrand(makeMerchant({ industry, gold, brand: { ...nothing, ...profile } }), NOW);
}

describe("checkBrand — open industries", () => {
  it.each([
    ["电工电气", true],
    ["五金工具", true],
    ["安防劳保", true],
    ["机械", true],
    ["包装印刷", true],
    ["家居园艺", false],
    ["服装", false],
  ])("%s → open %s", (industry, open) => {
    expect(brand({}, industry).industry.open).toBe(open);
  });
});

describe("checkBrand — leading brand: any one of three, plus the trademark certificate", () => {
  it.each([
    [{}, false, ["export-at-least-1bn-cny", "listed-company", "famous-trademark", "trademark-certificate"]],
    [{ trademarkCertificate: true }, false, ["export-at-least-1bn-cny", "listed-company", "famous-trademark"]],
    [{ annualExportCny: 999_999_999, trademarkCertificate: true }, false, ["export-at-least-1bn-cny", "listed-company", "famous-trademark"]],
    [{ annualExportCny: 1_000_000_000, trademarkCertificate: true }, true, []],
    [{ listed: true, trademarkCertificate: true }, true, []],
    [{ famousTrademark: true, trademarkCertificate: true }, true, []],
    [{ famousTrademark: true }, false, ["trademark-certificate"]],
  ] as const)("%o → qualifies %s, unmet %o", (profile, qualifies, unmet) => {
    const result = brand(profile);
    expect(result.leading?.qualifies).toBe(qualifies);
    expect(result.leading?.unmet).toEqual(unmet);
  });

  it("adds a closed industry to the unmet conditions", () => {
    expect(brand({ listed: true, trademarkCertificate: true }, "家居园艺").leading?.unmet).toEqual(["industry-open"]);
  });
});

describe("checkBrand — own brand: all four, plus the trademark certificate", () => {
  const all: Partial<BrandProfile> = {
    brandRegisteredYears: 3,
    annualExportCny: 100_000_000,
    rdTeamSize: 10,
    annualMarketingCny: 500_000,
    trademarkCertificate: true,
  };

  it.each([
    [{}, true, []],
    [{ rdTeamSize: 9 }, false, ["rd-team-10-or-high-tech"]],
    [{ rdTeamSize: 0, highTech: true }, true, []],
    [{ brandRegisteredYears: 2.9 }, false, ["brand-registered-3-years"]],
    [{ annualExportCny: 99_999_999 }, false, ["export-at-least-100m-cny"]],
    [{ annualMarketingCny: 499_999 }, false, ["marketing-at-least-500k-cny"]],
    [{ trademarkCertificate: false }, false, ["trademark-certificate"]],
  ] as const)("boundary %o → qualifies %s, unmet %o", (change, qualifies, unmet) => {
    const result = brand({ ...all, ...change });
    expect(result.own?.qualifies).toBe(qualifies);
    expect(result.own?.unmet).toEqual(unmet);
  });

  it("lists every unmet condition, not just the first, with the gaps", () => {
    const result = brand({ brandRegisteredYears: 1, annualExportCny: 50_000_000, rdTeamSize: 4, annualMarketingCny: 100_000 }, "家居园艺");
    expect(result.own?.unmet).toEqual([
      "industry-open",
      "brand-registered-3-years",
      "export-at-least-100m-cny",
      "rd-team-10-or-high-tech",
      "marketing-at-least-500k-cny",
      "trademark-certificate",
    ]);
    expect(result.own?.conditions).toContainEqual({
      code: "marketing-at-least-500k-cny",
      met: false,
      value: 100_000,
      threshold: 500_000,
      gap: 400_000,
    });
    expect(result.own?.conditions).toContainEqual({
      code: "rd-team-10-or-high-tech",
      met: false,
      value: 4,
      threshold: 10,
      gap: 6,
    });
  });
});

describe("checkBrand — documents and missing data", () => {
  it("gives the non-Gold list", () => {
    expect(brand({}, "五金工具", false).documents).toEqual({
      audience: "non-gold",
      leading: {
        oneOf: ["stamped-export-orders-or-customs-declarations", "stock-name-and-code", "famous-trademark-certificate"],
        required: ["trademark-registration-or-brand-authorisation"],
      },
      own: ["stamped-export-orders-or-customs-declarations", "high-tech-certificate", "trademark-registration-or-brand-authorisation"],
      goldReportConfirms: null,
    });
  });

  it("gives the Gold list (the verification report replaces the export documents)", () => {
    const docs = brand({}, "五金工具", true).documents;
    expect(docs.audience).toBe("gold");
    expect(docs.leading.oneOf).toEqual(["gold-verification-report", "stock-name-and-code", "famous-trademark-certificate"]);
    expect(docs.own).toEqual(["gold-verification-report", "trademark-registration-or-brand-authorisation"]);
    expect(docs.goldReportConfirms?.own).toEqual(["export-at-least-100m-cny", "rd-team-at-least-10"]);
  });

  it("still answers the industry without a brand profile", () => {
    const result = checkBrand(makeMerchant({ industry: "机械" }), NOW);
    expect(result).toMatchObject({ ok: true, missing: ["brand"], industry: { open: true }, leading: null, own: null });
  });
});

describe("checkBrand — registration windows (报名时间, 中国时间)", () => {
  it.each([
    ["2021-05-05T05:07:38+08:00", "before", []],
    ["2021-08-25T22:59:59+08:00", "during", ["工业品牌站", "工业品牌站招商", "2021阿里工业品牌站升级云招募"]],
    ["2021-08-26T10:00:00+08:00", "during", ["工业品牌站招商", "2021阿里工业品牌站升级云招募"]],
    ["2021-12-21T00:00:00+08:00", "during", ["工业品牌站招商"]],
    ["2022-01-01T15:59:59+08:00", "during", ["工业品牌站招商"]],
    ["2022-01-01T16:00:00+08:00", "after", []],
    ["2026-12-01T10:00:00+08:00", "after", []],
  ])("at %s registration is %s, open: %j", (iso, phase, open) => {
    const result = checkBrand(makeMerchant({ industry: "机械" }), at(iso));
    expect(result.registration).toMatchObject({ phase, open });
  });

  it("the last registration closes 2022-01-01 15:59:59 Beijing time", () => {
    expect(BRAND_REGISTRATION_WINDOW.end.setZone("Asia/Shanghai").toISO()).toBe("2022-01-01T15:59:59.999+08:00");
  });
});
