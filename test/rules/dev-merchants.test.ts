/**
 * The five sample merchants of ../shared/eval/dev-merchants.json through every rule. Expected
 * figures are worked out by hand from spec/rules.md in the comments, not read back from the code.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  buildVerifiedCard,
  checkAppeals,
  checkBrand,
  checkFactory,
  checkFees,
  checkFestival,
  checkGuarantee,
  checkZone,
  scoreRfq,
  type RfqScore,
} from "../../rules/index.js";
import { MerchantSchema, type Merchant } from "../../rules/merchant.js";
import { at } from "./fixtures.js";

const file = new URL("../../../shared/eval/dev-merchants.json", import.meta.url);
const merchants = z.array(MerchantSchema).parse(JSON.parse(readFileSync(file, "utf8")));
const NOW = at("2021-08-26T10:00:00+08:00");

function merchant(id: string): Merchant {
  const m = merchants.find((x) => x.id === id);
  if (!m) throw new Error(`no merchant ${id} in dev-merchants.json`);
  return m;
}

function rfqOf(id: string): RfqScore {
  const result = scoreRfq(merchant(id), merchants, NOW);
  if (!result.ok) throw new Error(`${id}: missing ${result.missing.join(",")}`);
  return result;
}

describe("dev merchants — RFQ service score", () => {
  // The 五金工具 peers with RFQ data are M10001, M10002 and M10003: each has n = 2 others.
  it.each([
    {
      id: "M10001",
      // login 22 → 5; quotes 55 > 20, 5 → lower 2, 10·2 ≥ 9·2 → 25; response 0.85 > 0.6, 0.2 → 25;
      // buyer reply 0.5 → 20; GMV 36000 → 25. 100 + Gold 20 = 120.
      points: [5, 25, 25, 20, 25],
      before: 100,
      total: 120,
      tier: "90-plus",
      // ≥ 90: min(100, max(30, 45 last month)) = 45; unlimited free quotes; early leads
      quotes: 45,
      free: "unlimited",
      // GMV 36000 ≥ 35000 and usage 1.0 = 100% → +5
      star: 5,
      best: null,
    },
    {
      id: "M10002",
      // login 12 → 3; quotes 20 > 5 only → lower 1, floor(240/18) = 13; response 0.6 > 0.2 only → 13;
      // buyer reply 0.12 → 10; GMV 2500 → 10. 49, not Gold.
      points: [3, 13, 13, 10, 10],
      before: 49,
      total: 49,
      tier: "40-59",
      quotes: 5,
      free: "none",
      // GMV 2500 < 25000 → 0
      star: 0,
      // quotes past 55 → lower 2 → 25 (+12); response past 0.85 → 25 (+12); reply 0.3 → +5; GMV 5000 → +5;
      // login 18 → +1. Tie at 12: table order → quotes.
      best: { factor: "quotes", gain: 12 },
    },
    {
      id: "M10003",
      // login 4 → 2; quotes 5 lowest → 0; response 0.2 lowest → 0; reply 0 → 0; GMV 0 → 0. Total 2.
      points: [2, 0, 0, 0, 0],
      before: 2,
      total: 2,
      tier: "below-40",
      quotes: "none",
      free: "none",
      star: 0,
      // quotes past 20 → lower 1 → 13 (+13), response past 0.6 → 13 (+13): quotes first
      best: { factor: "quotes", gain: 13 },
    },
  ] as const)("$id: total $total", ({ id, points, before, total, tier, quotes, free, star, best }) => {
    const result = rfqOf(id);
    expect(result.factors.map((f) => f.points)).toEqual(points);
    expect(result.totalBeforeGold).toBe(before);
    expect(result.total).toBe(total);
    expect(result.tier).toBe(tier);
    expect(result.entitlements.quotesGranted).toBe(quotes);
    expect(result.entitlements.freeQuotes).toBe(free);
    expect(result.marketingStar.bonus).toBe(star);
    expect(result.peerCount).toBe(2);
    expect(result.noPeers).toBe(false);
    if (best === null) expect(result.bestNextStep).toBeNull();
    else expect(result.bestNextStep).toMatchObject({ factor: best.factor, step: { gain: best.gain } });
  });

  it.each(["M10004", "M10005"])("%s has no RFQ data: says rfq is missing", (id) => {
    expect(scoreRfq(merchant(id), merchants, NOW)).toEqual({ ok: false, reason: "missing-fields", missing: ["rfq"] });
  });
});

describe("dev merchants — guarantee", () => {
  it.each([
    // joined 2021-08-10 (Shanghai) + 30 → 2021-09-09; 150 RTS ≤ 7 days ≥ 100 → star level
    ["M10001", "joined", "2021-09-09", "2021-10-09", true],
    // joined 2021-07-01 → exit from 07-31; exited 2021-08-20 → rejoin from 09-19; exited → no star level
    ["M10002", "exited", "2021-07-31", "2021-09-19", false],
    // joined 2021-09-05 22:00 PDT = 2021-09-06 13:00 Shanghai → exit from 2021-10-06
    ["M10005", "joined", "2021-10-06", "2021-11-05", false],
  ])("%s: %s, exit from %s, rejoin from %s, fast-trading star %s", (id, state, exit, rejoin, star) => {
    const result = checkGuarantee(merchant(id), NOW);
    expect(result).toMatchObject({
      ok: true,
      state,
      earliestExitDate: exit,
      rejoin: { earliestDate: rejoin },
      fastTradingStar: { eligible: star },
      firstCompensation: { stillApplies: true },
    });
  });

  it.each(["M10003", "M10004"])("%s has no guarantee data", (id) => {
    expect(checkGuarantee(merchant(id), NOW)).toMatchObject({ ok: false, missing: ["guarantee"] });
  });
});

describe("dev merchants — appeals at 2021-08-16 12:00 Shanghai", () => {
  const now = at("2021-08-16T12:00:00+08:00");

  it("M10002: both windows open, deadlines 7 × 24 h later; the next violation of each rule is the 2nd (3 points)", () => {
    const result = checkAppeals(merchant("M10002"), now);
    if (!result.ok) throw new Error("missing");
    expect(result.penalties.map((p) => [p.penaltyId, p.appeal.kind === "7-days" ? p.appeal.deadline.toISO() : null])).toEqual([
      ["P-201", "2021-08-17T10:00:00.000+08:00"],
      ["P-202", "2021-08-19T18:30:00.000+08:00"],
    ]);
    expect(result.openCount).toBe(2);
    expect(result.nextViolation).toMatchObject([
      { rule: "off-platform-communication", pastCount: 1, nextOrdinal: 2, points: 3 },
      { rule: "refuse-trade-assurance", pastCount: 1, nextOrdinal: 2, points: 3 },
    ]);
  });

  it("M10004: a drug-severe penalty has no appeal window in the briefing", () => {
    const result = checkAppeals(merchant("M10004"), now);
    expect(result.ok && result.penalties[0]?.appeal).toEqual({ kind: "none-given", consequence: "48-points-and-shop-closed" });
  });

  it("M10001: no penalties, the next violation would be a warning", () => {
    const result = checkAppeals(merchant("M10001"), now);
    expect(result.ok && result.nextViolation.every((c) => c.warningOnly)).toBe(true);
  });
});

describe("dev merchants — Find-Factory", () => {
  it("M10001: Gold factory enters directly and meets all four lists at their boundaries", () => {
    const result = checkFactory(merchant("M10001"));
    expect(result.entry).toMatchObject({ eligible: true, route: "gold-direct" });
    // 41 > 40; 1.9 < 2; 1 order and 0.91 > 0.9; 2001 > 2000
    expect(result.lists?.map((l) => [l.name, l.met])).toEqual([
      ["热度榜", true],
      ["回复时间榜", true],
      ["及时发货榜", true],
      ["实力榜", true],
    ]);
  });

  it("M10003: non-Gold factory in Dongguan must tick the agreement; no list met", () => {
    const result = checkFactory(merchant("M10003"));
    expect(result.entry).toMatchObject({ eligible: false, route: "agreement", actions: ["tick-agreement"] });
    // gaps: 41 − 12 = 29 inquiries; 5 − 2 = 3 h; 0.9 − 0.5 = 0.4; 2000 − 800 = 1200 USD
    expect(result.lists?.flatMap((l) => l.thresholds.filter((t) => !t.met).map((t) => t.gap))).toEqual([29, 3, 0.4, 1200]);
  });

  it("M10004: non-Gold in Shenzhen cannot enter; buying Gold is the way", () => {
    const result = checkFactory(merchant("M10004"));
    expect(result.entry).toMatchObject({ eligible: false, actions: ["buy-gold"] });
    expect(result.missing).toEqual(["factory"]);
  });

  it("M10002: a trading company cannot enter", () => {
    expect(checkFactory(merchant("M10002")).entry.eligible).toBe(false);
  });
});

describe("dev merchants — brand station, zone, festival, fees, card", () => {
  it("M10001 brand: 五金工具 is open; export exactly 1 bn CNY makes it a leading brand; own brand lacks marketing", () => {
    const result = checkBrand(merchant("M10001"), NOW);
    expect(result.industry.open).toBe(true);
    expect(result.leading).toMatchObject({ qualifies: true, unmet: [] });
    // 300,000 < 500,000 CNY marketing: 200,000 short
    expect(result.own?.unmet).toEqual(["marketing-at-least-500k-cny"]);
    expect(result.documents.audience).toBe("gold");
  });

  it.each([
    ["M10001", ["business-type-trading-or-integrated"]], // a factory
    ["M10002", ["gold"]],
    ["M10005", ["export-years-3"]], // 2 years
  ])("%s zone: unmet %o", (id, unmet) => {
    expect(checkZone(merchant(id), NOW).unmet).toEqual(unmet);
  });

  it.each([
    ["M10001", "cumulative"], // 五金工具
    ["M10004", "weekly"], // 灯具照明
    ["M10005", "cumulative"], // 服装
  ])("%s festival: %s windows", (id, type) => {
    expect(checkFestival(merchant(id), NOW).windowType).toBe(type);
  });

  it("M10001 fees: 40000 USD self export reaches the waiver exactly; agency export 0 is 20000 short", () => {
    const result = checkFees(merchant("M10001"), NOW);
    expect(result.ok && result.waivers.map((w) => [w.reached, w.gapUsd])).toEqual([
      [true, 0],
      [false, 20000],
    ]);
  });

  it("M10001 card: floor area null and QC 0 are skipped → certificates, R&D staff, patents", () => {
    const result = buildVerifiedCard(merchant("M10001"));
    expect(result.offline?.shown.map((f) => f.figure)).toEqual(["certificates", "rdStaff", "patents"]);
    expect(result.strengthTags?.shown).toEqual(["资深外贸行家", "质量控制专家"]);
  });

  it("M10002 card: not Gold, online data only", () => {
    expect(buildVerifiedCard(merchant("M10002")).offline?.notShownBecause).toBe("not-gold");
  });
});
