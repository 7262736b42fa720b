import { describe, expect, it } from "vitest";
import { checkZone } from "../../rules/check-zone.js";
import type { Merchant } from "../../rules/merchant.js";
import { makeMerchant } from "./fixtures.js";

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
    const result = checkZone(makeMerchant({ ...qualifying, ...change }));
    expect(result.eligible).toBe(eligible);
    expect(result.unmet).toEqual(unmet);
  });

  it("gives the export-years gap and how products are picked", () => {
    const result = checkZone(makeMerchant({ ...qualifying, exportYears: 2 }));
    expect(result.conditions).toContainEqual({ code: "export-years-3", met: false, value: 2, threshold: 3, gap: 1 });
    expect(result.products).toEqual({ perMerchant: 3, minGrowthScore: 75 });
  });
});
