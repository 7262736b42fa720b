import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  checkAppeals,
  findFactoryAppealDeadline,
  type AppealsCheck,
  type LadderRule,
} from "../../rules/check-appeals.js";
import type { Penalty } from "../../rules/merchant.js";
import { at, makeMerchant } from "./fixtures.js";

function check(penalties: readonly Penalty[], now: string): AppealsCheck {
  const result = checkAppeals(makeMerchant({ penalties: [...penalties] }), at(now));
  if (!result.ok) throw new Error(`missing ${result.missing.join(",")}`);
  return result;
}

function penalty(id: string, rule: Penalty["rule"], when: string, points = 0): Penalty {
  return { id, rule, at: when, points };
}

describe("checkAppeals — appeal deadline = penalty time + 7 × 24 h, in Asia/Shanghai", () => {
  it.each([
    ["2021-08-10T10:00:00+08:00", "2021-08-17T10:00:00.000+08:00"],
    ["2021-08-12T18:30:00+08:00", "2021-08-19T18:30:00.000+08:00"],
    ["2021-08-12T20:00:00-07:00", "2021-08-20T11:00:00.000+08:00"], // 08-13 11:00 in Shanghai
    ["2021-08-28T23:30:00+08:00", "2021-09-04T23:30:00.000+08:00"],
  ])("penalty at %s → deadline %s", (when, deadline) => {
    const result = check([penalty("P", "refuse-trade-assurance", when)], "2021-08-01T00:00:00+08:00");
    const appeal = result.penalties[0]?.appeal;
    expect(appeal?.kind).toBe("7-days");
    if (appeal?.kind === "7-days") expect(appeal.deadline.toISO()).toBe(deadline);
  });

  it.each([
    ["2021-08-16T12:00:00+08:00", true, { days: 0, hours: 22, minutes: 0 }],
    ["2021-08-17T09:59:00+08:00", true, { days: 0, hours: 0, minutes: 1 }],
    ["2021-08-17T10:00:00+08:00", true, { days: 0, hours: 0, minutes: 0 }], // the deadline itself still counts
    ["2021-08-17T10:00:00.001+08:00", false, { days: 0, hours: 0, minutes: 0 }],
    ["2021-08-17T02:00:00Z", true, { days: 0, hours: 0, minutes: 0 }], // the same instant in UTC
    ["2021-08-17T02:00:01Z", false, { days: 0, hours: 0, minutes: 0 }],
    ["2021-08-10T10:00:00+08:00", true, { days: 7, hours: 0, minutes: 0 }],
  ])("penalty 2021-08-10 10:00: at %s open %s, left %o", (now, open, timeLeft) => {
    const result = check([penalty("P", "off-platform-communication", "2021-08-10T10:00:00+08:00")], now);
    const appeal = result.penalties[0]?.appeal;
    if (appeal?.kind !== "7-days") throw new Error("expected a window");
    expect(appeal.open).toBe(open);
    expect(appeal.timeLeft).toEqual(timeLeft);
    expect(result.openCount).toBe(open ? 1 : 0);
  });

  it("gives no window for drug-severe and counterfeit-repeat penalties", () => {
    const result = check(
      [
        penalty("D", "drug-severe", "2021-08-03T10:00:00+08:00", 48),
        penalty("C", "counterfeit-repeat", "2021-07-23T10:00:00+08:00"),
      ],
      "2021-08-04T10:00:00+08:00",
    );
    expect(result.penalties.map((p) => p.appeal)).toEqual([
      { kind: "none-given", consequence: "48-points-and-shop-closed" },
      { kind: "none-given", consequence: "shop-closed" },
    ]);
    expect(result.openCount).toBe(0);
  });

  it("reports the penalty time in Shanghai", () => {
    const result = check([penalty("P", "other", "2021-08-12T20:00:00-07:00")], "2021-08-14T00:00:00+08:00");
    expect(result.penalties[0]?.at.toISO()).toBe("2021-08-13T11:00:00.000+08:00");
  });

  it("returns missing `penalties` when the record has no list", () => {
    expect(checkAppeals(makeMerchant(), at("2021-08-14T00:00:00+08:00"))).toMatchObject({
      ok: false,
      missing: ["penalties"],
    });
  });
});

describe("checkAppeals — what the next violation costs", () => {
  const NOW = "2021-12-01T00:00:00+08:00";

  function costOf(rule: LadderRule, past: number) {
    const list = Array.from({ length: past }, (_, i) =>
      penalty(`P${i}`, rule, `2021-09-${String(i + 1).padStart(2, "0")}T10:00:00+08:00`),
    );
    const cost = check(list, NOW).nextViolation.find((c) => c.rule === rule);
    if (!cost) throw new Error(`no cost for ${rule}`);
    return cost;
  }

  it.each([
    [0, 1, true, 0],
    [1, 2, false, 3],
    [2, 3, false, 3],
    [3, 4, false, 6],
    [7, 8, false, 6],
  ])("off-platform communication: %i past → violation #%i, warning %s, %i points", (past, ordinal, warning, points) => {
    const cost = costOf("off-platform-communication", past);
    expect(cost).toMatchObject({ pastCount: past, nextOrdinal: ordinal, warningOnly: warning, points, extra: [] });
    expect(cost.severeCaseMeasures).toEqual(["shop-blocked", "search-demotion", "account-closed"]);
  });

  it.each([
    [0, 1, true, 0, []],
    [1, 2, false, 3, []],
    [2, 3, false, 3, []],
    [3, 4, false, 3, ["trade-assurance-closed-90-days"]],
    [5, 6, false, 3, ["trade-assurance-closed-90-days"]],
  ])("refusing Trade Assurance: %i past → violation #%i, warning %s, %i points, %o", (past, ordinal, warning, points, extra) => {
    const cost = costOf("refuse-trade-assurance", past);
    expect(cost).toMatchObject({ pastCount: past, nextOrdinal: ordinal, warningOnly: warning, points, extra });
    expect(cost.severeCaseMeasures).toEqual([]);
  });

  it("counts only the rule's own penalties, from its effective date, up to now", () => {
    const result = check(
      [
        penalty("old", "refuse-trade-assurance", "2021-08-08T23:59:00+08:00"), // before 2021-08-09
        penalty("ok", "refuse-trade-assurance", "2021-08-09T00:00:00+08:00"),
        penalty("future", "refuse-trade-assurance", "2021-08-30T00:00:00+08:00"),
        penalty("other-rule", "off-platform-communication", "2021-08-10T00:00:00+08:00"),
      ],
      "2021-08-20T00:00:00+08:00",
    );
    expect(result.nextViolation).toMatchObject([
      { rule: "off-platform-communication", countedFrom: "2021-01-01", pastCount: 1, points: 3 },
      { rule: "refuse-trade-assurance", countedFrom: "2021-08-09", pastCount: 1, points: 3 },
    ]);
  });

  it("gives the first-violation cost to a merchant with an empty list", () => {
    const result = check([], NOW);
    expect(result.penalties).toEqual([]);
    expect(result.nextViolation.map((c) => [c.rule, c.warningOnly])).toEqual([
      ["off-platform-communication", true],
      ["refuse-trade-assurance", true],
    ]);
  });
});

describe("addWorkingDays / findFactoryAppealDeadline — 5 working days after the removal e-mail", () => {
  it.each([
    // [start, n, holidays, make-up workdays, result]
    ["2021-09-01", 5, [], [], "2021-09-08"], // Wed → Thu, Fri, Mon, Tue, Wed
    ["2021-09-03", 5, [], [], "2021-09-10"], // Fri: across a weekend
    ["2021-09-04", 5, [], [], "2021-09-10"], // Sat
    ["2021-09-05", 5, [], [], "2021-09-10"], // Sun
    ["2021-09-03", 5, ["2021-09-06"], [], "2021-09-13"], // a Monday holiday
    ["2021-09-03", 5, ["2021-09-04"], [], "2021-09-10"], // a holiday on a weekend changes nothing
    // Mid-Autumn 2021: 09-20, 09-21 off, Saturday 09-18 worked
    ["2021-09-16", 5, ["2021-09-20", "2021-09-21"], ["2021-09-18"], "2021-09-24"],
    ["2021-09-16", 5, ["2021-09-20", "2021-09-21"], [], "2021-09-27"],
    // National Day 2021: 10-01..10-07 off, Saturday 10-09 worked
    [
      "2021-09-30",
      5,
      ["2021-10-01", "2021-10-04", "2021-10-05", "2021-10-06", "2021-10-07"],
      ["2021-10-09"],
      "2021-10-13",
    ],
    ["2021-09-03", 0, [], [], "2021-09-03"],
    ["2021-09-03", 1, [], [], "2021-09-06"],
  ] as const)("%s + %i working days (holidays %o, make-up %o) → %s", (start, n, holidays, makeUp, expected) => {
    expect(addWorkingDays(start, n, holidays, makeUp)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN])("rejects %f working days", (n) => {
    expect(() => addWorkingDays("2021-09-03", n, [])).toThrow(RangeError);
  });

  it.each([
    ["2021-09-03T10:00:00+08:00", [], "2021-09-03", "2021-09-10"],
    ["2021-09-02T20:00:00-07:00", [], "2021-09-03", "2021-09-10"], // Friday 11:00 in Shanghai
    ["2021-09-03T20:00:00-07:00", [], "2021-09-04", "2021-09-10"], // Saturday in Shanghai
    ["2021-09-03T10:00:00+08:00", ["2021-09-06"], "2021-09-03", "2021-09-13"],
  ] as const)("e-mail at %s (holidays %o) → e-mail date %s, deadline %s", (email, holidays, emailDate, deadlineDate) => {
    const result = findFactoryAppealDeadline(at(email), holidays);
    expect(result.emailDate).toBe(emailDate);
    expect(result.deadlineDate).toBe(deadlineDate);
    expect(result.deadline.toISO()).toBe(`${deadlineDate}T23:59:59.999+08:00`);
  });
});
