/**
 * Find-Factory channel (找工厂频道): entry and the four ranking lists, spec/rules.md §4 — `/factory`.
 */
import type { Merchant } from "./merchant.js";
import { allMet, gapDown, gapUp } from "./result.js";

/** briefing: 找工厂频道-报名入驻教程 — 报名位置 */
export const FACTORY_AGREEMENT_PATH = "MA后台-管理公司信息-找工厂入驻";

/** briefing: 找工厂频道-前台场景 榜单 — 热度榜 最近90天内有效询盘(排除风控)大于40 */
export const HEAT_MIN_INQUIRIES_EXCLUSIVE = 40;
/** briefing: 找工厂频道-前台场景 榜单 — 回复时间榜 店铺近90天内回复时间<2小时 */
export const RESPONSE_MAX_HOURS_EXCLUSIVE = 2;
/** briefing: 找工厂频道-前台场景 榜单 — 及时发货榜 店铺近90天内有1个发货订单 */
export const ON_TIME_MIN_DISPATCHED_ORDERS = 1;
/** briefing: 找工厂频道-前台场景 榜单 — 及时发货榜 及时发货率>90% */
export const ON_TIME_MIN_RATE_EXCLUSIVE = 0.9;
/** briefing: 找工厂频道-前台场景 榜单 — 实力榜 店铺近90天信保GMV>2000 */
export const STRENGTH_MIN_TA_GMV_EXCLUSIVE = 2000;

/** Machine codes of the channel entry conditions. */
export type FactoryEntryCode =
  | "business-type-factory-or-integrated"
  | "not-guangzhou-or-shenzhen"
  | "verified-licence-with-production"
  | "agreement-signed";

/** One entry condition; `met` is null when the field it needs is missing. */
export interface FactoryEntryCondition {
  readonly code: FactoryEntryCode;
  readonly met: boolean | null;
}

/** What the merchant could do about an unmet entry condition. */
export type FactoryAction =
  | "buy-gold"
  | "get-licence-verified-on-site"
  | "tick-agreement";

/** The four ranking lists of the channel (找工厂频道-前台场景 榜单), in the briefing's order. */
export const FACTORY_LISTS = ["heat", "response-time", "on-time-dispatch", "strength"] as const;
/** One of the four ranking lists. */
export type FactoryList = (typeof FACTORY_LISTS)[number];

/** The briefing's names of the lists. */
export const FACTORY_LIST_NAMES: Readonly<Record<FactoryList, string>> = {
  heat: "热度榜",
  "response-time": "回复时间榜",
  "on-time-dispatch": "及时发货榜",
  strength: "实力榜",
};

/** The 找工厂 metric (last 90 days) a list threshold reads. */
export type FactoryMetric =
  | "effectiveInquiries90d"
  | "avgReplyHours90d"
  | "dispatchedOrders90d"
  | "onTimeDispatchRate90d"
  | "taGmv90dUsd";

/**
 * One list threshold. `gap` is how far the value is from the threshold (0 when met). With a strict
 * comparison the value must go beyond the threshold; for whole counts (inquiries, orders) `gap` is
 * already the whole number still needed (40 inquiries → gap 1 for "> 40").
 */
export interface FactoryThreshold {
  readonly metric: FactoryMetric;
  readonly value: number;
  readonly op: ">" | "<" | ">=";
  readonly threshold: number;
  readonly met: boolean;
  readonly gap: number;
}

/** One ranking list: entered when every threshold is met. */
export interface FactoryListCheck {
  readonly list: FactoryList;
  readonly name: string;
  /** What the list is ordered by once entered. */
  readonly orderedBy: "effectiveInquiries90d" | "replyRate90d" | "onTimeDispatchRate90d" | "taGmv90dUsd";
  readonly thresholds: readonly FactoryThreshold[];
  readonly met: boolean;
}

/** A computed Find-Factory check. */
export interface FactoryCheck {
  readonly ok: true;
  /** `factory` when the 找工厂 metrics are absent (the lists are then null). */
  readonly missing: readonly string[];
  readonly entry: {
    /** false if any condition fails, null if one is unknown (missing data), else true. */
    readonly eligible: boolean | null;
    /** Gold factories enter directly; the others through the agreement at FACTORY_AGREEMENT_PATH. */
    readonly route: "gold-direct" | "agreement";
    readonly conditions: readonly FactoryEntryCondition[];
    readonly actions: readonly FactoryAction[];
  };
  /** Only products of factory/integrated merchants are ranked. */
  readonly listsApply: boolean;
  readonly lists: readonly FactoryListCheck[] | null;
}

/** briefing: 找工厂频道 提醒 — 广州和深圳地区的商家…暂时无法进入频道: the two cities, Chinese name → English. */
export const GUANGZHOU_SHENZHEN: Readonly<Record<string, string>> = { 广州: "Guangzhou", 深圳: "Shenzhen" };

/** Every name of the two cities as a lower-cased text reads it: 广州, guangzhou, 深圳, shenzhen. */
export const GUANGZHOU_SHENZHEN_NAMES: readonly string[] = Object.entries(GUANGZHOU_SHENZHEN).flatMap(([zh, en]) => [zh, en.toLowerCase()]);

const GZ_SZ = new Set(GUANGZHOU_SHENZHEN_NAMES);

/** "Shenzhen", "shenzhen shi", "深圳市" → recognised; the record's city is free text. */
function isGuangzhouOrShenzhen(city: string): boolean {
  const key = city
    .trim()
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/(?:shi|city|市)$/u, "");
  return GZ_SZ.has(key);
}

function strictAbove(metric: FactoryMetric, value: number, threshold: number, whole: boolean): FactoryThreshold {
  const met = value > threshold;
  const gap = met ? 0 : whole ? Math.floor(threshold) + 1 - value : gapUp(value, threshold);
  return { metric, value, op: ">", threshold, met, gap };
}

function listCheck(
  list: FactoryList,
  orderedBy: FactoryListCheck["orderedBy"],
  thresholds: readonly FactoryThreshold[],
): FactoryListCheck {
  return { list, name: FACTORY_LIST_NAMES[list], orderedBy, thresholds, met: thresholds.every((t) => t.met) };
}

/**
 * Checks Find-Factory channel entry and the four ranking lists for `/factory`. Entry: factory or
 * integrated merchants; Gold enters directly; others need an on-site verified licence with
 * production scope and the ticked agreement, and cannot enter from Guangzhou or Shenzhen (the
 * action is then `buy-gold`). Every unmet condition is listed, each with an action where one helps.
 * Without the `factory` metrics the lists are null and entry may be unknown (null).
 */
export function checkFactory(merchant: Merchant): FactoryCheck {
  const f = merchant.factory ?? null;
  const isFactoryType = merchant.businessType === "factory" || merchant.businessType === "integrated";

  const conditions: FactoryEntryCondition[] = [{ code: "business-type-factory-or-integrated", met: isFactoryType }];
  const actions: FactoryAction[] = [];
  if (!merchant.gold) {
    const gzSz = isGuangzhouOrShenzhen(merchant.city);
    conditions.push(
      { code: "not-guangzhou-or-shenzhen", met: !gzSz },
      { code: "verified-licence-with-production", met: f ? f.verifiedLicenceWithProduction : null },
      { code: "agreement-signed", met: f ? f.agreementSigned : null },
    );
    if (isFactoryType) {
      // briefing: 找工厂频道 提醒 — 广州和深圳地区的商家…暂时无法进入频道。建议您购买金品进行直接准入
      if (gzSz) actions.push("buy-gold");
      else {
        if (f && !f.verifiedLicenceWithProduction) actions.push("get-licence-verified-on-site");
        if (f && !f.agreementSigned) actions.push("tick-agreement");
      }
    }
  }

  const lists: FactoryListCheck[] | null = f
    ? [
        listCheck("heat", "effectiveInquiries90d", [
          strictAbove("effectiveInquiries90d", f.effectiveInquiries90d, HEAT_MIN_INQUIRIES_EXCLUSIVE, true),
        ]),
        listCheck("response-time", "replyRate90d", [
          {
            metric: "avgReplyHours90d",
            value: f.avgReplyHours90d,
            op: "<",
            threshold: RESPONSE_MAX_HOURS_EXCLUSIVE,
            met: f.avgReplyHours90d < RESPONSE_MAX_HOURS_EXCLUSIVE,
            gap: gapDown(f.avgReplyHours90d, RESPONSE_MAX_HOURS_EXCLUSIVE),
          },
        ]),
        listCheck("on-time-dispatch", "onTimeDispatchRate90d", [
          {
            metric: "dispatchedOrders90d",
            value: f.dispatchedOrders90d,
            op: ">=",
            threshold: ON_TIME_MIN_DISPATCHED_ORDERS,
            met: f.dispatchedOrders90d >= ON_TIME_MIN_DISPATCHED_ORDERS,
            gap: gapUp(f.dispatchedOrders90d, ON_TIME_MIN_DISPATCHED_ORDERS),
          },
          strictAbove("onTimeDispatchRate90d", f.onTimeDispatchRate90d, ON_TIME_MIN_RATE_EXCLUSIVE, false),
        ]),
        listCheck("strength", "taGmv90dUsd", [
          strictAbove("taGmv90dUsd", f.taGmv90dUsd, STRENGTH_MIN_TA_GMV_EXCLUSIVE, false),
        ]),
      ]
    : null;

  return {
    ok: true,
    missing: f ? [] : ["factory"],
    entry: {
      eligible: allMet(conditions),
      route: merchant.gold ? "gold-direct" : "agreement",
      conditions,
      actions,
    },
    listsApply: isFactoryType,
    lists,
  };
}

/**
 * How many more orders, all dispatched on time, lift `onTime` of `dispatched` orders above the
 * on-time dispatch list's rate (strictly greater): the least x with (onTime + x) / (dispatched + x)
 * > the threshold; 0 when the rate is already above it.
 */
export function onTimeOrdersNeeded(onTime: number, dispatched: number, threshold = ON_TIME_MIN_RATE_EXCLUSIVE): number {
  if (dispatched > 0 && onTime / dispatched > threshold) return 0;
  // (onTime + x) > threshold · (dispatched + x)  ⇔  x > (threshold · dispatched − onTime) / (1 − threshold)
  const bound = (threshold * dispatched - onTime) / (1 - threshold);
  // Rounded first so that 0.9 · 40 − 36 = 1e-15 (floating point) is read as the exact 0 it is.
  const exact = Math.round(bound * 1e9) / 1e9;
  return Math.max(1, Math.floor(exact) + 1);
}
