/**
 * RFQ merchant service score (RFQ商家服务分), spec/rules.md §1 — `/score`.
 */
import type { DateTime } from "luxon";
import type { Merchant, Rfq } from "./merchant.js";
import { gapUp, missingFields, type MissingFields } from "./result.js";
import { addCalendarDays, dateIn, SHANGHAI, type IsoDate } from "./time.js";

/** The five factors, in the briefing's table order (also the tie-break order for the best next step). */
export const RFQ_FACTORS = ["loginDays", "quotes", "responseRate24h", "buyerReplyRate", "gmv90d"] as const;
/** One of the five RFQ factors. */
export type RfqFactor = (typeof RFQ_FACTORS)[number];

/** How an input is compared with a threshold: at least (≥) or strictly more than (>). */
export type Comparison = ">=" | ">";

/** One rung of a points ladder: an input `op` `value` earns `points`. */
export interface RfqRung {
  readonly value: number;
  readonly op: Comparison;
  readonly points: number;
}

/** A step up: reaching `value` (by `op`) would give `points`, i.e. `gain` more than now. */
export interface RfqStep extends RfqRung {
  readonly gain: number;
}

/** The peer ranking behind a peer-ranked factor. */
export interface RfqPeerRank {
  /** Other merchants of the same L1 industry with RFQ data. */
  readonly n: number;
  /** How many of them are strictly below the merchant. */
  readonly lower: number;
  /** The step that would reach the top-10% 25 points (null when already there or unreachable). */
  readonly top: RfqStep | null;
}

/** One factor's score. */
export interface RfqFactorScore {
  readonly factor: RfqFactor;
  readonly method: "threshold" | "peer-rank";
  /** The merchant's input value (days, count, rate 0..1 or USD). */
  readonly input: number;
  readonly points: number;
  readonly max: number;
  /** The nearest step that gains points (null at the maximum, or when no input value can gain). */
  readonly next: RfqStep | null;
  /** Present for the peer-ranked factors (quotes, 24h response rate). */
  readonly peerRank: RfqPeerRank | null;
}

/** The score tiers (服务分档位), highest first. */
export const RFQ_TIERS = ["90-plus", "80-89", "70-79", "60-69", "40-59", "below-40"] as const;
/** A score tier, taken on the total including the Gold +20. */
export type RfqTier = (typeof RFQ_TIERS)[number];

/** What a tier grants (服务分新分层及配套权益). `"none"` is the briefing's 无. */
export interface RfqEntitlements {
  /** 服务力赠送报价条数. */
  readonly quotesGranted: number | "none";
  /** At ≥ 90 only: quotesGranted = min(cap, max(floor, lastMonth)). */
  readonly quotesGrantedRule: { readonly floor: number; readonly lastMonth: number; readonly cap: number } | null;
  /** 报价畅行 (free quotes). */
  readonly freeQuotes: number | "unlimited" | "none";
  /** 三星商机提前6小时（工作时段）先享. */
  readonly earlyThreeStarLeads: boolean;
}

/** 星等级-营销力 bonus, reported beside the score (not added to it). */
export interface RfqMarketingStar {
  readonly bonus: 0 | 3 | 5;
  /** The next bonus and how far the merchant is from it (null at +5). */
  readonly next: {
    readonly bonus: 3 | 5;
    readonly minGmvUsd: number;
    readonly minUsage: number;
    readonly gmvGapUsd: number;
    readonly usageGap: number;
  } | null;
}

/** Rollout phase and the next entitlement issue date at `now` (both Asia/Shanghai dates). */
export interface RfqSchedule {
  readonly phase: "not-started" | "gray-test" | "full";
  /** Entitlements are issued half on the 3rd and half on the 15th; this is the next such date (today counts). */
  readonly nextIssueDate: IsoDate;
}

/** A computed RFQ service score. */
export interface RfqScore {
  readonly ok: true;
  readonly merchantId: string;
  readonly factors: readonly RfqFactorScore[];
  /** Sum of the five factors (max 100). */
  readonly totalBeforeGold: number;
  /** +20 for Gold merchants, else 0. */
  readonly goldBonus: number;
  /** totalBeforeGold + goldBonus (max 120): the tier is taken on this. */
  readonly total: number;
  readonly tier: RfqTier;
  readonly entitlements: RfqEntitlements;
  /** The next tier up and the points still needed for it (null at ≥ 90). */
  readonly nextTier: { readonly tier: RfqTier; readonly minTotal: number; readonly pointsNeeded: number } | null;
  readonly marketingStar: RfqMarketingStar;
  /** The single factor whose next step gains the most points (ties: table order); null when none can gain. */
  readonly bestNextStep: { readonly factor: RfqFactor; readonly step: RfqStep } | null;
  /** Peers used for the ranking (others, same industry, with RFQ data). */
  readonly peerCount: number;
  /** True when there was no peer: both ranked factors then get 25 (spec: Chosen). */
  readonly noPeers: boolean;
  /** Only when `now` was given. */
  readonly schedule: RfqSchedule | null;
}

/** What {@link scoreRfq} returns. */
export type RfqScoreResult = RfqScore | MissingFields;

// briefing: 服务分5大因子规则 — 本月至今RFQ登陆天数-总5分: ≥1天 1分, ≥4天 2分, ≥12天 3分, ≥18天 4分, ≥22天 5分
export const RFQ_LOGIN_DAY_RUNGS: readonly RfqRung[] = [
  { value: 1, op: ">=", points: 1 },
  { value: 4, op: ">=", points: 2 },
  { value: 12, op: ">=", points: 3 },
  { value: 18, op: ">=", points: 4 },
  { value: 22, op: ">=", points: 5 },
];
// briefing: 服务分5大因子规则 — 近30天报价买家回复率-总20分: >0 5分, ≥10% 10分, ≥30% 15分, ≥50% 20分
export const RFQ_BUYER_REPLY_RUNGS: readonly RfqRung[] = [
  { value: 0, op: ">", points: 5 },
  { value: 0.1, op: ">=", points: 10 },
  { value: 0.3, op: ">=", points: 15 },
  { value: 0.5, op: ">=", points: 20 },
];
// briefing: 服务分5大因子规则 — RFQ近90天累计实收GMV-总25分: >0 5分, ≥2000美金 10分, ≥5000美金 15分,
// ≥10000美金 20分, ≥25000美金 25分 (≥35000美金 is still 25 points; it only moves the marketing star)
export const RFQ_GMV_RUNGS: readonly RfqRung[] = [
  { value: 0, op: ">", points: 5 },
  { value: 2000, op: ">=", points: 10 },
  { value: 5000, op: ">=", points: 15 },
  { value: 10000, op: ">=", points: 20 },
  { value: 25000, op: ">=", points: 25 },
];

// briefing: 服务分5大因子规则 — 登陆天数 总5分, 本月报价个数 总25分, 24小时报价响应率 总25分, 买家回复率 总20分, GMV 总25分
export const RFQ_MAX_POINTS: Readonly<Record<RfqFactor, number>> = {
  loginDays: 5,
  quotes: 25,
  responseRate24h: 25,
  buyerReplyRate: 20,
  gmv90d: 25,
};

// briefing: 服务分5大因子规则 — 本月报价个数/24小时报价响应率: 同行TOP前10% 25分, 其余同行对比 0-24分
export const RFQ_PEER_TOP_POINTS = 25;
// briefing: 服务分新分层及配套权益 注1 — 金品VS其他商家，享受总服务分额外+20分
export const RFQ_GOLD_BONUS = 20;

/** One row of the tier table (服务分档位): from `minTotal` up to the next row's. */
export interface RfqTierRow {
  readonly tier: RfqTier;
  readonly minTotal: number;
  readonly quotesGranted: number | "none" | "formula";
  readonly freeQuotes: number | "unlimited" | "none";
  readonly earlyThreeStarLeads: boolean;
}

// briefing: 服务分新分层及配套权益 — 档位 ≥90 / 80-89 / 70-79 / 60-69 / 40-59 / <40;
// 服务力赠送报价条数 兜底30+报多返多(封顶100) / 30 / 20 / 10 / 5 / 无; 报价畅行 无限制 / 15 / 10 / 5 / 无 / 无;
// 三星商机提前6小时 √ / √ / √ / 无 / 无 / 无
export const RFQ_TIER_TABLE: readonly RfqTierRow[] = [
  { tier: "90-plus", minTotal: 90, quotesGranted: "formula", freeQuotes: "unlimited", earlyThreeStarLeads: true },
  { tier: "80-89", minTotal: 80, quotesGranted: 30, freeQuotes: 15, earlyThreeStarLeads: true },
  { tier: "70-79", minTotal: 70, quotesGranted: 20, freeQuotes: 10, earlyThreeStarLeads: true },
  { tier: "60-69", minTotal: 60, quotesGranted: 10, freeQuotes: 5, earlyThreeStarLeads: false },
  { tier: "40-59", minTotal: 40, quotesGranted: 5, freeQuotes: "none", earlyThreeStarLeads: false },
  { tier: "below-40", minTotal: 0, quotesGranted: "none", freeQuotes: "none", earlyThreeStarLeads: false },
];
// briefing: 服务分新分层及配套权益 ≥90分 — 兜底30条, 上月报价条数报多返多, 封顶100条
export const RFQ_QUOTE_FLOOR = 30;
export const RFQ_QUOTE_CAP = 100;

// briefing: 服务分5大因子规则 — GMV ≥25000美金 且本月免费权益消耗≥60% 星等级-营销力+3分;
// ≥35000美金 且本月免费权益消耗≥100% +5分
export const RFQ_STAR_RUNGS = [
  { bonus: 3, minGmvUsd: 25000, minUsage: 0.6 },
  { bonus: 5, minGmvUsd: 35000, minUsage: 1 },
] as const;

// briefing: RFQ商家服务分升级计划 — 8月1号启动灰测，预计9月1号全量生效 (Asia/Shanghai dates)
export const RFQ_GRAY_TEST_FROM: IsoDate = "2021-08-01";
export const RFQ_FULL_EFFECT_FROM: IsoDate = "2021-09-01";
// briefing: 服务分新分层及配套权益 注2 — 权益每月3号和15号分别发放，每次发放本月一半权益
export const RFQ_ISSUE_DAYS = [3, 15] as const;

/**
 * Points for a peer-ranked factor (spec §1, Chosen): 25 when `10 × lower ≥ 9 × n` (top 10%),
 * else `floor(240 × lower / (9 × n))`, in integer arithmetic; 25 when there is no peer (n = 0).
 * Note that the formula tops out at 23 below the top 10%: 24 is never awarded.
 */
/**
 * briefing: 服务分5大因子规则 注 — 24小时报价率 = 报价发生在商机发布24小时以内的商机量 ÷ 商家全部报出的RFQ数量.
 * Null when no quote was sent (the rate is undefined) or the counts cannot be (more within 24 hours than in all).
 */
export function quoteRate24h(within24Hours: number, allQuotes: number): number | null {
  if (!(allQuotes > 0) || within24Hours < 0 || within24Hours > allQuotes) return null;
  return within24Hours / allQuotes;
}

export function peerRankPoints(lower: number, n: number): number {
  if (n === 0 || 10 * lower >= 9 * n) return RFQ_PEER_TOP_POINTS;
  const numerator = 240 * lower;
  const denominator = 9 * n;
  return (numerator - (numerator % denominator)) / denominator;
}

function meets(input: number, rung: RfqRung): boolean {
  return rung.op === ">=" ? input >= rung.value : input > rung.value;
}

function scoreLadder(factor: RfqFactor, input: number, rungs: readonly RfqRung[]): RfqFactorScore {
  let points = 0;
  let next: RfqStep | null = null;
  for (const rung of rungs) {
    if (meets(input, rung)) points = rung.points;
    else {
      next = { ...rung, gain: rung.points - points };
      break;
    }
  }
  return { factor, method: "threshold", input, points, max: RFQ_MAX_POINTS[factor], next, peerRank: null };
}

/**
 * The smallest step above `input` whose points satisfy `wanted`. A merchant moves up only by
 * strictly passing a peer value v ≥ input, which makes every peer ≤ v "lower"; `cap` is the
 * largest possible input (1 for rates), which cannot be passed.
 */
function findPeerStep(
  input: number,
  peerValues: readonly number[],
  current: number,
  cap: number,
  wanted: (points: number) => boolean,
): RfqStep | null {
  const n = peerValues.length;
  const candidates = [...new Set(peerValues.filter((v) => v >= input))].sort((a, b) => a - b);
  for (const v of candidates) {
    if (v >= cap) break;
    const points = peerRankPoints(peerValues.filter((p) => p <= v).length, n);
    if (points > current && wanted(points)) return { value: v, op: ">", points, gain: points - current };
  }
  return null;
}

function scorePeerRank(
  factor: RfqFactor,
  input: number,
  peerValues: readonly number[],
  cap: number,
): RfqFactorScore {
  const n = peerValues.length;
  const lower = peerValues.filter((v) => v < input).length;
  const points = peerRankPoints(lower, n);
  const next = findPeerStep(input, peerValues, points, cap, () => true);
  const top = findPeerStep(input, peerValues, points, cap, (p) => p === RFQ_PEER_TOP_POINTS);
  return { factor, method: "peer-rank", input, points, max: RFQ_MAX_POINTS[factor], next, peerRank: { n, lower, top } };
}

/** The tier row a total (including the Gold +20) falls in. */
export function tierRowOf(total: number): RfqTierRow {
  // The last row has minTotal 0, and totals are never negative.
  return RFQ_TIER_TABLE.find((row) => total >= row.minTotal) ?? (RFQ_TIER_TABLE[RFQ_TIER_TABLE.length - 1] as RfqTierRow);
}

/** What a tier row grants, given last month's quote count (used only at ≥ 90). */
export function entitlementsOf(row: RfqTierRow, quotesLastMonth: number): RfqEntitlements {
  if (row.quotesGranted === "formula") {
    return {
      quotesGranted: Math.min(RFQ_QUOTE_CAP, Math.max(RFQ_QUOTE_FLOOR, quotesLastMonth)),
      quotesGrantedRule: { floor: RFQ_QUOTE_FLOOR, lastMonth: quotesLastMonth, cap: RFQ_QUOTE_CAP },
      freeQuotes: row.freeQuotes,
      earlyThreeStarLeads: row.earlyThreeStarLeads,
    };
  }
  return {
    quotesGranted: row.quotesGranted,
    quotesGrantedRule: null,
    freeQuotes: row.freeQuotes,
    earlyThreeStarLeads: row.earlyThreeStarLeads,
  };
}

function marketingStarOf(rfq: Rfq): RfqMarketingStar {
  let bonus: 0 | 3 | 5 = 0;
  for (const rung of RFQ_STAR_RUNGS) {
    if (rfq.gmv90dUsd >= rung.minGmvUsd && rfq.freeEntitlementUsage >= rung.minUsage) bonus = rung.bonus;
  }
  const nextRung = RFQ_STAR_RUNGS.find((rung) => rung.bonus > bonus);
  return {
    bonus,
    next: nextRung
      ? {
          bonus: nextRung.bonus,
          minGmvUsd: nextRung.minGmvUsd,
          minUsage: nextRung.minUsage,
          gmvGapUsd: gapUp(rfq.gmv90dUsd, nextRung.minGmvUsd),
          usageGap: gapUp(rfq.freeEntitlementUsage, nextRung.minUsage),
        }
      : null,
  };
}

function scheduleAt(now: DateTime): RfqSchedule {
  const today = dateIn(now);
  const phase = today < RFQ_GRAY_TEST_FROM ? "not-started" : today < RFQ_FULL_EFFECT_FROM ? "gray-test" : "full";
  const day = Number(today.slice(8, 10));
  const monthStart = `${today.slice(0, 8)}01`;
  const issueDay = RFQ_ISSUE_DAYS.find((d) => d >= day);
  const nextIssueDate =
    issueDay === undefined
      ? addCalendarDays(dateIn(now.setZone(SHANGHAI).startOf("month").plus({ months: 1 })), RFQ_ISSUE_DAYS[0] - 1)
      : addCalendarDays(monthStart, issueDay - 1);
  return { phase, nextIssueDate };
}

/**
 * Scores a merchant's RFQ service score (RFQ商家服务分) for `/score`: each factor's points and
 * next step, the total with the Gold +20, the tier and its entitlements, the marketing-star bonus
 * and the best next step.
 *
 * `peers` may be the whole store: the merchant itself, other industries and merchants without RFQ
 * data are filtered out here. Pass `now` to get the rollout phase and next issue date. Returns
 * {@link MissingFields} (`rfq`) when the merchant has no RFQ data; never throws for data.
 */
export function scoreRfq(merchant: Merchant, peers: readonly Merchant[], now?: DateTime): RfqScoreResult {
  const rfq = merchant.rfq;
  if (!rfq) return missingFields("rfq");

  const peerRfqs = peers
    .filter((p) => p.id !== merchant.id && p.industry === merchant.industry)
    .flatMap((p) => (p.rfq ? [p.rfq] : []));
  const n = peerRfqs.length;

  const factors: RfqFactorScore[] = [
    scoreLadder("loginDays", rfq.loginDaysMonthToDate, RFQ_LOGIN_DAY_RUNGS),
    scorePeerRank(
      "quotes",
      rfq.quotesMonthToDate,
      peerRfqs.map((p) => p.quotesMonthToDate),
      Number.POSITIVE_INFINITY,
    ),
    scorePeerRank(
      "responseRate24h",
      rfq.responseRate24h,
      peerRfqs.map((p) => p.responseRate24h),
      1,
    ),
    scoreLadder("buyerReplyRate", rfq.buyerReplyRate30d, RFQ_BUYER_REPLY_RUNGS),
    scoreLadder("gmv90d", rfq.gmv90dUsd, RFQ_GMV_RUNGS),
  ];

  const totalBeforeGold = factors.reduce((sum, f) => sum + f.points, 0);
  const goldBonus = merchant.gold ? RFQ_GOLD_BONUS : 0;
  const total = totalBeforeGold + goldBonus;
  const row = tierRowOf(total);
  const rowIndex = RFQ_TIER_TABLE.indexOf(row);
  const upper = rowIndex > 0 ? RFQ_TIER_TABLE[rowIndex - 1] : undefined;

  let bestNextStep: RfqScore["bestNextStep"] = null;
  for (const f of factors) {
    if (f.next && (bestNextStep === null || f.next.gain > bestNextStep.step.gain)) {
      bestNextStep = { factor: f.factor, step: f.next };
    }
  }

  return {
    ok: true,
    merchantId: merchant.id,
    factors,
    totalBeforeGold,
    goldBonus,
    total,
    tier: row.tier,
    entitlements: entitlementsOf(row, rfq.quotesLastMonth),
    nextTier: upper ? { tier: upper.tier, minTotal: upper.minTotal, pointsNeeded: upper.minTotal - total } : null,
    marketingStar: marketingStarOf(rfq),
    bestNextStep,
    peerCount: n,
    noPeers: n === 0,
    schedule: now ? scheduleAt(now) : null,
  };
}
