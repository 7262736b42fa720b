import { describe, expect, it } from "vitest";
import { checkGuarantee, type GuaranteeCheck } from "../../rules/check-guarantee.js";
import type { Guarantee } from "../../rules/merchant.js";
import { at, makeMerchant } from "./fixtures.js";

const NOW = at("2021-08-26T10:00:00+08:00");

function check(guarantee: Partial<Guarantee>, now = NOW): GuaranteeCheck {
  const result = checkGuarantee(
    makeMerchant({ guarantee: { rtsDispatchWithin7Days: 0, rtsSmallOrder: 0, ...guarantee } }),
    now,
  );
  if (!result.ok) throw new Error(`missing ${result.missing.join(",")}`);
  return result;
}

describe("checkGuarantee — earliest exit date = Shanghai join date + 30 days", () => {
  it.each([
    ["2021-08-10T09:00:00+08:00", "2021-08-10", "2021-09-09"],
    // the time-zone case: 22:00 PDT on 09-05 is 13:00 on 09-06 in Shanghai
    ["2021-09-05T22:00:00-07:00", "2021-09-06", "2021-10-06"],
    ["2021-09-05T08:59:59-07:00", "2021-09-05", "2021-10-05"],
    ["2021-08-31T23:59:59+08:00", "2021-08-31", "2021-09-30"],
    ["2021-08-31T16:00:00Z", "2021-09-01", "2021-10-01"],
    ["2021-01-31T10:00:00+08:00", "2021-01-31", "2021-03-02"],
  ])("joined %s → joined on %s, exit from %s", (joinedAt, joinedOn, exitDate) => {
    const result = check({ joinedAt });
    expect(result.state).toBe("joined");
    expect(result.joinedOn).toBe(joinedOn);
    expect(result.earliestExitDate).toBe(exitDate);
    expect(result.rejoin?.basis).toBe("earliest-exit");
  });

  it.each([
    ["2021-09-08T23:59:59+08:00", false, 1],
    ["2021-09-08T16:00:00Z", true, 0], // 2021-09-09 00:00 in Shanghai
    ["2021-09-09T00:00:00+08:00", true, 0],
    ["2021-08-26T10:00:00+08:00", false, 14],
  ])("joined 2021-08-10: at %s can exit %s, %i days left", (now, canExit, daysLeft) => {
    const result = check({ joinedAt: "2021-08-10T09:00:00+08:00" }, at(now));
    expect(result.canExitNow).toBe(canExit);
    expect(result.daysUntilExit).toBe(daysLeft);
    // if the merchant leaves on the first possible day, it may come back 30 days later
    expect(result.rejoin).toMatchObject({ basis: "earliest-exit", earliestDate: "2021-10-09", canRejoinNow: null });
  });
});

describe("checkGuarantee — earliest rejoin date = Shanghai exit date + 30 days", () => {
  it.each([
    ["2021-09-18T23:59:59+08:00", false, 1],
    ["2021-09-19T00:00:00+08:00", true, 0],
    ["2021-08-26T10:00:00+08:00", false, 24],
  ])("exited 2021-08-20: at %s can rejoin %s, %i days left", (now, canRejoin, daysLeft) => {
    const result = check({ joinedAt: "2021-07-01T10:00:00+08:00", exitedAt: "2021-08-20T10:00:00+08:00" }, at(now));
    expect(result.state).toBe("exited");
    expect(result.exitedOn).toBe("2021-08-20");
    expect(result.canExitNow).toBe(false);
    expect(result.daysUntilExit).toBeNull();
    expect(result.rejoin).toEqual({
      basis: "actual-exit",
      earliestDate: "2021-09-19",
      canRejoinNow: canRejoin,
      daysUntilRejoin: daysLeft,
    });
  });

  it("takes the exit date in Shanghai too", () => {
    // 2021-08-19 20:00 PDT = 2021-08-20 11:00 in Shanghai
    const result = check({ joinedAt: "2021-07-01T10:00:00+08:00", exitedAt: "2021-08-19T20:00:00-07:00" });
    expect(result.exitedOn).toBe("2021-08-20");
    expect(result.rejoin?.earliestDate).toBe("2021-09-19");
  });

  it("treats an exit before the latest join as a rejoin", () => {
    const result = check({ joinedAt: "2021-08-20T10:00:00+08:00", exitedAt: "2021-07-01T10:00:00+08:00" });
    expect(result.state).toBe("joined");
    expect(result.earliestExitDate).toBe("2021-09-19");
  });

  it("is exited with only an exit date", () => {
    const result = check({ exitedAt: "2021-08-20T10:00:00+08:00" });
    expect(result.state).toBe("exited");
    expect(result.earliestExitDate).toBeNull();
    expect(result.rejoin?.earliestDate).toBe("2021-09-19");
  });
});

describe("checkGuarantee — missing data", () => {
  it("returns missing `guarantee` without guarantee data", () => {
    expect(checkGuarantee(makeMerchant(), NOW)).toEqual({ ok: false, reason: "missing-fields", missing: ["guarantee"] });
  });

  it("lists guarantee.joinedAt when there is no date", () => {
    const result = check({ joinedAt: null, exitedAt: null, rtsDispatchWithin7Days: 120 });
    expect(result.state).toBe("unknown");
    expect(result.missing).toEqual(["guarantee.joinedAt"]);
    expect(result.canExitNow).toBeNull();
    expect(result.fastTradingStar.eligible).toBe(false);
    expect(result.fastTradingStar.rtsDispatchWithin7Days.met).toBe(true);
  });
});

describe("checkGuarantee — fast-trading star level", () => {
  it.each([
    [0, 0, false, 100, 50],
    [99, 49, false, 1, 1],
    [100, 0, true, 0, 50],
    [0, 50, true, 100, 0],
    [150, 60, true, 0, 0],
  ])("RTS ≤7 days %i, small-order %i → eligible %s (gaps %i, %i)", (rts7, small, eligible, gap7, gapSmall) => {
    const result = check({ joinedAt: "2021-08-10T09:00:00+08:00", rtsDispatchWithin7Days: rts7, rtsSmallOrder: small });
    expect(result.fastTradingStar.eligible).toBe(eligible);
    expect(result.fastTradingStar.rtsDispatchWithin7Days).toMatchObject({ min: 100, gap: gap7 });
    expect(result.fastTradingStar.rtsSmallOrder).toMatchObject({ min: 50, gap: gapSmall });
  });

  it("needs the merchant to be joined", () => {
    const result = check({
      joinedAt: "2021-07-01T10:00:00+08:00",
      exitedAt: "2021-08-20T10:00:00+08:00",
      rtsSmallOrder: 55,
    });
    expect(result.fastTradingStar).toMatchObject({ eligible: false, joined: false });
    expect(result.fastTradingStar.rtsSmallOrder.met).toBe(true);
  });
});

describe("checkGuarantee — first compensation paid by the platform until 2021-09-30 23:59:59 US Pacific", () => {
  it.each([
    ["2021-09-30T23:59:59-07:00", true],
    ["2021-09-30T23:59:59.999-07:00", true],
    ["2021-10-01T00:00:00-07:00", false],
    ["2021-10-01T14:59:59+08:00", true],
    ["2021-10-01T15:00:00+08:00", false],
    ["2021-08-26T10:00:00+08:00", true],
  ])("at %s → still applies %s", (now, applies) => {
    const result = check({ joinedAt: "2021-08-10T09:00:00+08:00" }, at(now));
    expect(result.firstCompensation.stillApplies).toBe(applies);
    expect(result.firstCompensation.deadline.toISO()).toBe("2021-09-30T23:59:59.000-07:00");
  });
});

describe("a guarantee that starts after now", () => {
  it("is joined but flagged as not started yet, in Shanghai dates", () => {
    const merchant = makeMerchant({
      guarantee: { joinedAt: "2021-09-05T22:00:00-07:00", exitedAt: null, rtsDispatchWithin7Days: 0, rtsSmallOrder: 0 },
    });
    const before = checkGuarantee(merchant, at("2021-08-26T12:00:00+08:00"));
    const after = checkGuarantee(merchant, at("2021-09-07T12:00:00+08:00"));
    expect(before).toMatchObject({ ok: true, state: "joined", joinedOn: "2021-09-06", startsLater: true });
    expect(after).toMatchObject({ ok: true, startsLater: false });
  });
});
