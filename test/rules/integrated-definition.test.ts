import { describe, expect, it } from "vitest";
import { checkIntegrated } from "../../rules/index.js";

describe("checkIntegrated (工贸一体)", () => {
  it.each([
    // stake, agreement, signing stake, same legal person → now, from September
    [0.6, null, null, null, true, true],
    [0.5, null, null, null, true, true],
    [0.4, true, 0.55, null, false, true],
    [0.4, true, 0.5, false, false, false],
    [0.4, true, 0.5, null, false, null],
    [0.4, false, null, false, false, false],
    [0.4, null, null, null, false, null],
    [null, null, null, true, null, true],
  ] as const)("stake %s, agreement %s (%s), same legal person %s → now %s, from September %s", (stake, concertAgreement, concertStake, sameLegalPerson, now, fromSeptember) => {
    const c = checkIntegrated({ stake, concertAgreement, concertStake, sameLegalPerson });
    expect([c.now, c.fromSeptember]).toEqual([now, fromSeptember]);
  });
});
