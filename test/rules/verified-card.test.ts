import { describe, expect, it } from "vitest";
import type { VerifiedData } from "../../rules/merchant.js";
import { buildVerifiedCard } from "../../rules/verified-card.js";
import { makeMerchant } from "./fixtures.js";

function card(verified: VerifiedData, gold = true) {
  return buildVerifiedCard(makeMerchant({ gold, verified }));
}

describe("buildVerifiedCard — offline figures by priority (Gold only)", () => {
  it.each<[string, VerifiedData, string[]]>([
    [
      "all present: the top three",
      { floorAreaM2: 1200, certificates: ["ISO9001"], qcInspectors: 5, rdStaff: 3, patents: 2, employees: 64 },
      ["floorAreaM2", "certificates", "qcInspectors"],
    ],
    [
      "missing floor, zero QC: R&D staff before patents on the tie",
      { floorAreaM2: null, certificates: ["ISO9001", "BSCI"], qcInspectors: 0, rdStaff: 6, patents: 6, employees: 80 },
      ["certificates", "rdStaff", "patents"],
    ],
    [
      "empty certificates are not shown",
      { floorAreaM2: 500, certificates: [], qcInspectors: 2, rdStaff: 1, patents: 1, employees: 10 },
      ["floorAreaM2", "qcInspectors", "rdStaff"],
    ],
    [
      "employees reach a slot only when three above are absent",
      { floorAreaM2: 0, certificates: null, qcInspectors: 0, rdStaff: 0, patents: 4, employees: 10 },
      ["patents", "employees"],
    ],
    ["nothing to show", {}, []],
  ])("%s", (_name, verified, shown) => {
    const result = card(verified);
    expect(result.offline?.shown.map((f) => f.figure)).toEqual(shown);
    expect(result.offline?.shown.length).toBeLessThanOrEqual(3);
  });

  it("says why each other figure is not shown", () => {
    const result = card({ floorAreaM2: null, certificates: ["ISO9001"], qcInspectors: 0, rdStaff: 6, patents: 6, employees: 80 });
    expect(result.offline?.skipped).toEqual([
      { figure: "floorAreaM2", reason: "missing" },
      { figure: "qcInspectors", reason: "zero-or-empty" },
      { figure: "employees", reason: "no-slot" },
    ]);
    expect(result.offline?.shown[0]).toEqual({ figure: "certificates", value: ["ISO9001"] });
  });

  it.each([
    [["快速交货", "支持来图定制"], ["快速交货", "支持来图定制"], []],
    [["A", "B", "C"], ["A", "B"], ["C"]],
    [[], [], []],
  ])("strength tags %o → shown %o, extra %o", (tags, shown, extra) => {
    expect(card({ strengthTags: tags }).strengthTags).toEqual({ shown, extra });
  });
});

describe("buildVerifiedCard — who sees what", () => {
  it("shows only online data for non-Gold merchants, whatever verified data they have", () => {
    const result = card({ floorAreaM2: 1200, strengthTags: ["A"] }, false);
    expect(result.online).toEqual(["reply-time", "on-time-dispatch-rate", "gmv"]);
    expect(result.offline).toEqual({ shown: [], skipped: [], notShownBecause: "not-gold" });
    expect(result.strengthTags).toBeNull();
    expect(result.slots).toBe(6);
  });

  it("lists missing verified data for a Gold merchant", () => {
    const result = buildVerifiedCard(makeMerchant({ gold: true }));
    expect(result).toMatchObject({ ok: true, missing: ["verified"], offline: null, canHideOffline: false });
  });
});
