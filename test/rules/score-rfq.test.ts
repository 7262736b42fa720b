import { describe, expect, it } from "vitest";
import type { Merchant, Rfq } from "../../rules/merchant.js";
import { peerRankPoints, scoreRfq, type RfqFactor, type RfqScore } from "../../rules/score-rfq.js";
import { at, makeMerchant } from "./fixtures.js";

function score(merchant: Merchant, peers: readonly Merchant[] = [], now?: Parameters<typeof scoreRfq>[2]): RfqScore {
  const result = scoreRfq(merchant, peers, now);
  if (!result.ok) throw new Error(`expected a score, got missing ${result.missing.join(",")}`);
  return result;
}

function factor(result: RfqScore, id: RfqFactor) {
  const f = result.factors.find((x) => x.factor === id);
  if (!f) throw new Error(`no factor ${id}`);
  return f;
}

/** A peer of the same industry with the given RFQ values. */
function peer(id: string, rfq: Partial<Rfq>): Merchant {
  return makeMerchant({ id, rfq });
}

describe("scoreRfq — login days, month to date (max 5)", () => {
  it.each([
    [0, 0, 1],
    [1, 1, 4],
    [3, 1, 4],
    [4, 2, 12],
    [11, 2, 12],
    [12, 3, 18],
    [17, 3, 18],
    [18, 4, 22],
    [21, 4, 22],
    [22, 5, null],
    [31, 5, null],
  ])("%i days → %i points, next threshold %s", (days, points, nextAt) => {
    const f = factor(score(makeMerchant({ rfq: { loginDaysMonthToDate: days } })), "loginDays");
    expect(f.points).toBe(points);
    expect(f.max).toBe(5);
    expect(f.next?.value ?? null).toBe(nextAt);
    if (f.next) expect(f.next.gain).toBe(f.next.points - points);
  });
});

describe("scoreRfq — buyer reply rate, last 30 days (max 20)", () => {
  it.each([
    [0, 0, { value: 0, op: ">", points: 5, gain: 5 }],
    [0.0001, 5, { value: 0.1, op: ">=", points: 10, gain: 5 }],
    [0.0999, 5, { value: 0.1, op: ">=", points: 10, gain: 5 }],
    [0.1, 10, { value: 0.3, op: ">=", points: 15, gain: 5 }],
    [0.2999, 10, { value: 0.3, op: ">=", points: 15, gain: 5 }],
    [0.3, 15, { value: 0.5, op: ">=", points: 20, gain: 5 }],
    [0.4999, 15, { value: 0.5, op: ">=", points: 20, gain: 5 }],
    [0.5, 20, null],
    [1, 20, null],
  ])("rate %f → %i points", (rate, points, next) => {
    const f = factor(score(makeMerchant({ rfq: { buyerReplyRate30d: rate } })), "buyerReplyRate");
    expect(f.points).toBe(points);
    expect(f.max).toBe(20);
    expect(f.next).toEqual(next);
  });
});

describe("scoreRfq — RFQ GMV, last 90 days (max 25)", () => {
  it.each([
    [0, 5, 0],
    [1, 10, 5],
    [1999, 10, 5],
    [2000, 15, 10],
    [4999, 15, 10],
    [5000, 20, 15],
    [9999, 20, 15],
    [10000, 25, 20],
    [24999, 25, 20],
    [25000, null, 25],
    [35000, null, 25],
  ])("GMV %i USD → points %i (next step worth %s)", (gmv, nextPoints, points) => {
    const f = factor(score(makeMerchant({ rfq: { gmv90dUsd: gmv } })), "gmv90d");
    expect(f.points).toBe(points);
    expect(f.next?.points ?? null).toBe(nextPoints);
  });
});

describe("scoreRfq — marketing star (beside the score, not in it)", () => {
  it.each([
    [0, 1.0, 0],
    [10000, 1.0, 0],
    [24999, 1.0, 0],
    [25000, 0.59, 0],
    [25000, 0.6, 3],
    [25000, 1.0, 3],
    [34999, 1.0, 3],
    [35000, 0.59, 0],
    [35000, 0.6, 3],
    [35000, 0.99, 3],
    [35000, 1.0, 5],
    [50000, 1.0, 5],
  ])("GMV %i, usage %f → +%i", (gmv, usage, bonus) => {
    const result = score(makeMerchant({ rfq: { gmv90dUsd: gmv, freeEntitlementUsage: usage } }));
    expect(result.marketingStar.bonus).toBe(bonus);
    // The bonus is never part of the total: only the five factors (and Gold +20) are.
    expect(result.total).toBe(result.factors.reduce((s, f) => s + f.points, 0));
  });

  it("says what the next bonus needs", () => {
    const result = score(makeMerchant({ rfq: { gmv90dUsd: 30000, freeEntitlementUsage: 0.3 } }));
    expect(result.marketingStar.next).toEqual({ bonus: 3, minGmvUsd: 25000, minUsage: 0.6, gmvGapUsd: 0, usageGap: 0.3 });
    const three = score(makeMerchant({ rfq: { gmv90dUsd: 30000, freeEntitlementUsage: 0.6 } }));
    expect(three.marketingStar.next).toEqual({ bonus: 5, minGmvUsd: 35000, minUsage: 1, gmvGapUsd: 5000, usageGap: 0.4 });
    const five = score(makeMerchant({ rfq: { gmv90dUsd: 35000, freeEntitlementUsage: 1 } }));
    expect(five.marketingStar.next).toBeNull();
  });
});

describe("peerRankPoints — 25 when 10·lower ≥ 9·n, else floor(240·lower / 9n)", () => {
  it.each([
    // [lower, n, points]
    [0, 0, 25], // no peers: Chosen 25
    [0, 1, 0],
    [1, 1, 25],
    [1, 2, 13], // 240/18 = 13.33
    [2, 2, 25],
    [2, 3, 17], // 480/27 = 17.78
    [8, 10, 21], // 1920/90 = 21.33
    [9, 10, 25], // exactly the top 10%: 90 ≥ 90
    [17, 20, 22], // 4080/180 = 22.67
    [18, 20, 25],
    [89, 100, 23], // 21360/900 = 23.73: the formula never gives 24
    [90, 100, 25],
    [0, 100, 0],
    [3, 4, 20], // 720/36 = 20 exactly
  ])("lower %i of n %i → %i", (lower, n, points) => {
    expect(peerRankPoints(lower, n)).toBe(points);
  });
});

describe("scoreRfq — peer ranking", () => {
  it("with no peer gives 25 on both ranked factors and flags it", () => {
    const result = score(makeMerchant({ rfq: { quotesMonthToDate: 0, responseRate24h: 0 } }));
    expect(result.noPeers).toBe(true);
    expect(result.peerCount).toBe(0);
    expect(factor(result, "quotes").points).toBe(25);
    expect(factor(result, "responseRate24h").points).toBe(25);
    expect(factor(result, "quotes").next).toBeNull();
  });

  it("counts only other merchants of the same industry with RFQ data", () => {
    const me = makeMerchant({ id: "ME", rfq: { quotesMonthToDate: 10 } });
    const peers = [
      me, // itself: ignored
      makeMerchant({ id: "OTHER-IND", industry: "服装", rfq: { quotesMonthToDate: 1 } }),
      makeMerchant({ id: "NO-RFQ" }),
      peer("P1", { quotesMonthToDate: 5 }),
      peer("P2", { quotesMonthToDate: 50 }),
    ];
    const result = score(me, peers);
    expect(result.peerCount).toBe(2);
    expect(result.noPeers).toBe(false);
    expect(factor(result, "quotes").peerRank).toMatchObject({ n: 2, lower: 1 });
    expect(factor(result, "quotes").points).toBe(13);
  });

  it.each([
    // ties: equal values are not "lower"
    { mine: 10, peers: [10, 10, 20], lower: 0, points: 0, next: { value: 10, op: ">", points: 17, gain: 17 } },
    { mine: 11, peers: [10, 10, 20], lower: 2, points: 17, next: { value: 20, op: ">", points: 25, gain: 8 } },
    { mine: 20, peers: [10, 10, 20], lower: 2, points: 17, next: { value: 20, op: ">", points: 25, gain: 8 } },
    { mine: 21, peers: [10, 10, 20], lower: 3, points: 25, next: null },
    // top 10% exactly: 9 of 10 below
    { mine: 9, peers: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], lower: 9, points: 25, next: null },
    { mine: 8, peers: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], lower: 8, points: 21, next: { value: 8, op: ">", points: 25, gain: 4 } },
  ])("quotes $mine among $peers → lower $lower, $points points", ({ mine, peers, lower, points, next }) => {
    const me = makeMerchant({ id: "ME", rfq: { quotesMonthToDate: mine } });
    const result = score(me, peers.map((q, i) => peer(`P${i}`, { quotesMonthToDate: q })));
    const f = factor(result, "quotes");
    expect(f.peerRank?.lower).toBe(lower);
    expect(f.points).toBe(points);
    expect(f.next).toEqual(next);
  });

  it("finds the next step that really gains points when one more peer is not enough", () => {
    // n = 30: one more peer below adds 240/270 < 1 point, so the step is past the 2nd peer.
    const peers = Array.from({ length: 30 }, (_, i) => peer(`P${i}`, { quotesMonthToDate: i + 1 }));
    const me = makeMerchant({ id: "ME", rfq: { quotesMonthToDate: 1 } }); // lower 0 → 0 points
    const f = factor(score(me, peers), "quotes");
    expect(f.points).toBe(0);
    // past value 2: lower 2 → floor(480/270) = 1
    expect(f.next).toEqual({ value: 2, op: ">", points: 1, gain: 1 });
    // top 10%: lower ≥ 27 → past value 27
    expect(f.peerRank?.top).toEqual({ value: 27, op: ">", points: 25, gain: 25 });
  });

  it("cannot step past a peer at a 100% response rate", () => {
    const me = makeMerchant({ id: "ME", rfq: { responseRate24h: 0.5 } });
    const f = factor(score(me, [peer("P1", { responseRate24h: 1 })]), "responseRate24h");
    expect(f.points).toBe(0);
    expect(f.next).toBeNull();
  });
});

describe("scoreRfq — tiers and entitlements on the total incl. Gold +20", () => {
  // Peer set-ups: "bottom" = one peer above on both ranked factors (0 + 0); "quotes-top" = the peer
  // is below on quotes, above on response rate (25 + 0); "none" = no peer (25 + 25).
  const peerSets = {
    bottom: [peer("P", { quotesMonthToDate: 100, responseRate24h: 1 })],
    "quotes-top": [peer("P", { quotesMonthToDate: 0, responseRate24h: 1 })],
    none: [],
  } as const;

  it.each([
    // login days → points, buyer reply → points, GMV → points; ranked points from the peer set
    { total: 39, gold: false, peers: "bottom", login: 18, reply: 0.1, gmv: 25000, tier: "below-40", quotes: "none", free: "none", early: false }, // 4+10+25
    { total: 40, gold: false, peers: "bottom", login: 22, reply: 0.1, gmv: 25000, tier: "40-59", quotes: 5, free: "none", early: false }, // 5+10+25
    { total: 59, gold: true, peers: "bottom", login: 18, reply: 0.1, gmv: 25000, tier: "40-59", quotes: 5, free: "none", early: false }, // 39+20
    { total: 60, gold: true, peers: "bottom", login: 22, reply: 0.1, gmv: 25000, tier: "60-69", quotes: 10, free: 5, early: false }, // 40+20
    { total: 69, gold: false, peers: "quotes-top", login: 18, reply: 0.3, gmv: 25000, tier: "60-69", quotes: 10, free: 5, early: false }, // 25+4+15+25
    { total: 70, gold: false, peers: "quotes-top", login: 22, reply: 0.3, gmv: 25000, tier: "70-79", quotes: 20, free: 10, early: true }, // 25+5+15+25
    { total: 79, gold: false, peers: "none", login: 18, reply: 0.01, gmv: 10000, tier: "70-79", quotes: 20, free: 10, early: true }, // 50+4+5+20
    { total: 80, gold: false, peers: "none", login: 22, reply: 0.01, gmv: 10000, tier: "80-89", quotes: 30, free: 15, early: true }, // 50+5+5+20
    { total: 89, gold: true, peers: "quotes-top", login: 18, reply: 0.3, gmv: 25000, tier: "80-89", quotes: 30, free: 15, early: true }, // 69+20
    { total: 90, gold: true, peers: "quotes-top", login: 22, reply: 0.3, gmv: 25000, tier: "90-plus", quotes: 30, free: "unlimited", early: true }, // 70+20
    { total: 90, gold: false, peers: "none", login: 22, reply: 0.3, gmv: 10000, tier: "90-plus", quotes: 30, free: "unlimited", early: true }, // 50+5+15+20
  ] as const)("total $total (gold $gold) → $tier", ({ total, gold, peers, login, reply, gmv, tier, quotes, free, early }) => {
    const me = makeMerchant({
      id: "ME",
      gold,
      rfq: { loginDaysMonthToDate: login, buyerReplyRate30d: reply, gmv90dUsd: gmv, quotesMonthToDate: 50, responseRate24h: 0.5, quotesLastMonth: 0 },
    });
    const result = score(me, peerSets[peers]);
    expect(result.goldBonus).toBe(gold ? 20 : 0);
    expect(result.totalBeforeGold).toBe(total - result.goldBonus);
    expect(result.total).toBe(total);
    expect(result.tier).toBe(tier);
    expect(result.entitlements.quotesGranted).toBe(quotes);
    expect(result.entitlements.freeQuotes).toBe(free);
    expect(result.entitlements.earlyThreeStarLeads).toBe(early);
  });

  it.each([
    [0, 30],
    [29, 30],
    [30, 30],
    [45, 45],
    [100, 100],
    [101, 100],
  ])("at ≥ 90, last month's %i quotes → %i quotes granted", (lastMonth, granted) => {
    const me = makeMerchant({ rfq: { loginDaysMonthToDate: 22, buyerReplyRate30d: 0.5, gmv90dUsd: 25000, quotesLastMonth: lastMonth } });
    const result = score(me); // 5 + 25 + 25 + 20 + 25 = 100
    expect(result.tier).toBe("90-plus");
    expect(result.entitlements.quotesGranted).toBe(granted);
    expect(result.entitlements.quotesGrantedRule).toEqual({ floor: 30, lastMonth, cap: 100 });
  });

  it("reports the points still needed for the next tier", () => {
    const result = score(makeMerchant({ rfq: { loginDaysMonthToDate: 1 } }), [peer("P", { quotesMonthToDate: 5, responseRate24h: 1 })]);
    expect(result.total).toBe(1);
    expect(result.nextTier).toEqual({ tier: "40-59", minTotal: 40, pointsNeeded: 39 });
    // 5 + 25 + 25 (no peers) + 20 = 75 + Gold 20 = 95
    const top = score(makeMerchant({ gold: true, rfq: { loginDaysMonthToDate: 22, buyerReplyRate30d: 0.5 } }));
    expect(top.total).toBe(95);
    expect(top.nextTier).toBeNull();
  });
});

describe("scoreRfq — best next step", () => {
  it.each([
    // no peers: ranked factors at 25; ties keep table order (buyer reply before GMV)
    { login: 21, reply: 0.29, gmv: 24999, factor: "buyerReplyRate", gain: 5 },
    { login: 21, reply: 0.5, gmv: 24999, factor: "gmv90d", gain: 5 },
    { login: 21, reply: 0.5, gmv: 25000, factor: "loginDays", gain: 1 },
    { login: 22, reply: 0.5, gmv: 25000, factor: null, gain: null },
  ] as const)("login $login, reply $reply, GMV $gmv → $factor", ({ login, reply, gmv, factor: best, gain }) => {
    const result = score(makeMerchant({ rfq: { loginDaysMonthToDate: login, buyerReplyRate30d: reply, gmv90dUsd: gmv } }));
    expect(result.bestNextStep?.factor ?? null).toBe(best);
    expect(result.bestNextStep?.step.gain ?? null).toBe(gain);
  });

  it("prefers a peer-ranked step when it gains more", () => {
    const me = makeMerchant({ id: "ME", rfq: { quotesMonthToDate: 3, responseRate24h: 0.9 } });
    const result = score(me, [peer("P1", { quotesMonthToDate: 4, responseRate24h: 0.1 })]);
    expect(result.bestNextStep).toEqual({ factor: "quotes", step: { value: 4, op: ">", points: 25, gain: 25 } });
  });
});

describe("scoreRfq — missing data and schedule", () => {
  it("says which field is missing instead of throwing", () => {
    expect(scoreRfq(makeMerchant(), [])).toEqual({ ok: false, reason: "missing-fields", missing: ["rfq"] });
    expect(scoreRfq(makeMerchant({ rfq: null }), [])).toMatchObject({ ok: false, missing: ["rfq"] });
  });

  it.each([
    ["2021-07-31T12:00:00+08:00", "not-started", "2021-08-03"],
    ["2021-08-02T12:00:00+08:00", "gray-test", "2021-08-03"],
    ["2021-08-03T23:59:00+08:00", "gray-test", "2021-08-03"],
    ["2021-08-04T00:00:00+08:00", "gray-test", "2021-08-15"],
    ["2021-08-15T17:00:00Z", "gray-test", "2021-09-03"], // 2021-08-16 01:00 in Shanghai
    ["2021-08-31T16:00:00Z", "full", "2021-09-03"], // 2021-09-01 00:00 in Shanghai
    ["2021-12-20T12:00:00+08:00", "full", "2022-01-03"],
  ])("at %s: phase %s, next issue %s", (now, phase, nextIssueDate) => {
    const result = score(makeMerchant({ rfq: {} }), [], at(now));
    expect(result.schedule).toEqual({ phase, nextIssueDate });
  });

  it("has no schedule without now", () => {
    expect(score(makeMerchant({ rfq: {} })).schedule).toBeNull();
  });
});
