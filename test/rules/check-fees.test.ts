import { describe, expect, it } from "vitest";
import { checkFees, type FeesCheck } from "../../rules/check-fees.js";
import { at, makeMerchant } from "./fixtures.js";

const DURING = at("2021-09-15T12:00:00+08:00");

function fees(self: number, agency: number): FeesCheck {
  const result = checkFees(makeMerchant({ exportFees: { selfExportReceivedUsd: self, agencyExportReceivedUsd: agency } }), DURING);
  if (!result.ok) throw new Error("missing");
  return result;
}

describe("checkFees — festival fee waivers", () => {
  it.each([
    [0, false, 40000],
    [39999.99, false, 0.01],
    [40000, true, 0],
    [41000, true, 0],
  ])("self/market-procurement export %f USD → waived %s, gap %f", (amount, reached, gap) => {
    const [self] = fees(amount, 0).waivers;
    expect(self).toMatchObject({
      route: "self-or-market-procurement-export",
      fee: "transaction-service-fee",
      thresholdUsd: 40000,
      reached,
      gapUsd: gap,
      waivedFrom: "next-order",
    });
  });

  it.each([
    [0, false, 20000],
    [19999, false, 1],
    [20000, true, 0],
  ])("One Touch agency export %f USD → waived %s, gap %f", (amount, reached, gap) => {
    const [, agency] = fees(0, amount).waivers;
    expect(agency).toMatchObject({ fee: "basic-service-fee", thresholdUsd: 20000, reached, gapUsd: gap });
  });

  it("returns missing `exportFees` without figures", () => {
    expect(checkFees(makeMerchant(), DURING)).toMatchObject({ ok: false, missing: ["exportFees"] });
  });
});

describe("checkFees — the waivers are festival offers", () => {
  it.each([
    ["2021-09-01T14:59:59+08:00", "before"],
    ["2021-09-01T15:00:00+08:00", "during"],
    ["2021-10-01T14:59:59+08:00", "during"],
    ["2021-10-01T15:00:00+08:00", "after"],
  ])("at %s the offer is %s (美西 9月1日–9月30日)", (iso, phase) => {
    const result = checkFees(makeMerchant({ exportFees: { selfExportReceivedUsd: 50_000, agencyExportReceivedUsd: 0 } }), at(iso));
    expect(result.ok && result.offer.phase).toBe(phase);
  });
});
