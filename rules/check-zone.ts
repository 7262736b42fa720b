/**
 * Premium trading zone (优质贸易专区), spec/rules.md §6 — `/zone`.
 */
import type { DateTime } from "luxon";
import type { Merchant } from "./merchant.js";
import { offerPhase, offerWindow, type OfferPhase, type OfferWindow } from "./offer-window.js";
import { SHANGHAI } from "./time.js";
import { gapUp } from "./result.js";

/**
 * briefing: 金品诚企品牌升级-场景差异化 — 优质贸易专区（季度活动资源，贸易商专属，8月28-8月31日APP首焦）:
 * the one zone slot the briefing dates (Beijing time, as the briefing's dates are by default).
 */
export const ZONE_WINDOW: OfferWindow = offerWindow("2021-08-28", "2021-08-31", SHANGHAI);
/** briefing: 金品诚企品牌升级-场景差异化 — 优质贸易专区 入围门槛: 出口年限≥3 */
export const ZONE_MIN_EXPORT_YEARS = 3;
/** briefing: 金品诚企品牌升级-场景差异化 — 商品：自动圈品，一商3品 */
export const ZONE_PRODUCTS_PER_MERCHANT = 3;
/** briefing: 金品诚企品牌升级-场景差异化 — 商品成长分≥75 */
export const ZONE_MIN_PRODUCT_GROWTH_SCORE = 75;

/** Machine codes of the zone conditions. */
export type ZoneConditionCode = "gold" | "business-type-trading-or-integrated" | "export-years-3" | "odm";

/** One zone condition, met or not. */
export interface ZoneCondition {
  readonly code: ZoneConditionCode;
  readonly met: boolean;
  /** For export years: the value, the threshold and the years still needed (0 when met). */
  readonly value?: number;
  readonly threshold?: number;
  readonly gap?: number;
}

/** A computed premium-zone check. */
export interface ZoneCheck {
  readonly ok: true;
  readonly eligible: boolean;
  readonly conditions: readonly ZoneCondition[];
  /** Every unmet condition. */
  readonly unmet: readonly ZoneConditionCode[];
  /** How products are picked once in (automatically; the merchant does nothing). */
  readonly products: { readonly perMerchant: number; readonly minGrowthScore: number };
  /** Where `now` falls in {@link ZONE_WINDOW}. */
  readonly slot: { readonly window: OfferWindow; readonly phase: OfferPhase };
}

/**
 * Checks the premium trading zone for `/zone`: Gold service active, business type trading or
 * integrated, export years ≥ 3 and ODM service, with every unmet condition listed, and whether
 * the dated zone slot is before, during or after `now`. The briefing says the figures come from
 * the Gold verification report; the record is taken as that.
 */
export function checkZone(merchant: Merchant, now: DateTime): ZoneCheck {
  // briefing: 金品诚企品牌升级-场景差异化 — 入围门槛：金品服务中+企业类型贸易或者工贸一体+出口年限≥3+提供ODM服务
  const conditions: ZoneCondition[] = [
    { code: "gold", met: merchant.gold },
    {
      code: "business-type-trading-or-integrated",
      met: merchant.businessType === "trading" || merchant.businessType === "integrated",
    },
    {
      code: "export-years-3",
      met: merchant.exportYears >= ZONE_MIN_EXPORT_YEARS,
      value: merchant.exportYears,
      threshold: ZONE_MIN_EXPORT_YEARS,
      gap: gapUp(merchant.exportYears, ZONE_MIN_EXPORT_YEARS),
    },
    { code: "odm", met: merchant.odm },
  ];
  const unmet = conditions.filter((c) => !c.met).map((c) => c.code);
  return {
    ok: true,
    eligible: unmet.length === 0,
    conditions,
    unmet,
    products: { perMerchant: ZONE_PRODUCTS_PER_MERCHANT, minGrowthScore: ZONE_MIN_PRODUCT_GROWTH_SCORE },
    slot: { window: ZONE_WINDOW, phase: offerPhase(ZONE_WINDOW, now) },
  };
}
