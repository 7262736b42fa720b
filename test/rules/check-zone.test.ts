import { describe, expect, it } from "vitest";
import { checkZone } from "../../rules/check-zone.js";
import type { Merchant } from "../../rules/merchant.js";
import { at, makeMerchant } from "./fixtures.js";

const NOW = at("2021-08-26T10:00:00+08:00");

const qualifying: Partial<Merchant> = { gold: true, businessType: "trading", exportYears: 3, odm: true };

describe("checkZone — premium trading zone", () => {
  it.each([
    [{}, true, []],
    [{ businessType: "integrated" }, true, []],
    [{ businessType: "factory" }, false, ["business-type-trading-or-integrated"]],
    [{ gold: false }, false, ["gold"]],
    [{ exportYears: 2.99 }, false, ["export-years-3"]],
    [{ exportYears: 10 }, true, []],
    [{ odm: false }, false, ["odm"]],
    [
      { gold: false, businessType: "factory", exportYears: 0, odm: false },
      false,
      ["gold", "business-type-trading-or-integrated", "export-years-3", "odm"],
    ],
  ] as const)("%o → eligible %s, unmet %o", (change, eligible, unmet) => {
    const result = checkZone(makeMerchant({ ...qualifying, ...change }), NOW);
    expect(result.eligible).toBe(eligible);
    expect(result.unmet).toEqual(unmet);
  });

  it("gives the export-years gap and how products are picked", () => {
    const result = checkZone(makeMerchant({ ...qualifying, exportYears: 2 }), NOW);
    expect(result.conditions).toContainEqual({ code: "export-years-3", met: false, value: 2, threshold: 3, gap: 1 });
    expect(result.products).toEqual({ perMerchant: 3, minGrowthScore: 75 });
  });
});

describe("checkZone — the dated zone slot (8月28-8月31日, Beijing time)", () => {
  it.each([
    ["2021-08-27T23:59:59+08:00", "before"],
    ["2021-08-28T00:00:00+08:00", "during"],
    ["2021-08-31T23:59:59+08:00", "during"],
    ["2021-09-01T00:00:00+08:00", "after"],
  ])("at %s the slot is %s", (iso, phase) => {
    expect(checkZone(makeMerchant(qualifying), at(iso)).slot.phase).toBe(phase);
  });
});
