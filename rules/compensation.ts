/**
 * Late-dispatch compensation of the guarantee upgrade service, spec/rules.md §2 and §10 —
 * `/compensation <order amount USD>`.
 */
import type { InvalidInput } from "./result.js";

/** briefing: 保障升级服务-常见问题 Q2 — 赔偿的标准为信保订单金额的10% */
export const COMPENSATION_RATE = 0.1;
/** briefing: 保障升级服务-常见问题 Q2 — 上限不超过100美金 */
export const COMPENSATION_CAP_USD = 100;
/** briefing: 保障升级服务介绍 — 买家在获取优惠券后90天使用 */
export const COUPON_VALID_DAYS = 90;

/** A computed compensation. */
export interface Compensation {
  readonly ok: true;
  readonly orderAmountUsd: number;
  /** 10% of the order amount, capped at USD 100, rounded to the cent (half up). */
  readonly compensationUsd: number;
  /** True when the cap applied (orders above USD 1,000). */
  readonly capped: boolean;
  readonly rate: number;
  readonly capUsd: number;
  /** Paid as a no-threshold coupon the buyer must use within 90 days, then recovered from the merchant. */
  readonly couponValidDays: number;
}

/** What {@link computeCompensation} returns. */
export type CompensationResult = Compensation | InvalidInput<"not-finite" | "not-positive">;

/**
 * Computes the compensation a buyer gets for a late dispatch under the guarantee upgrade service
 * (only when the buyer claims): 10% of the order amount, capped at USD 100. Rejects a
 * non-finite or non-positive amount with an `invalid-input` result instead of throwing.
 */
export function computeCompensation(orderAmountUsd: number): CompensationResult {
  if (!Number.isFinite(orderAmountUsd)) {
    return { ok: false, reason: "invalid-input", field: "orderAmountUsd", error: "not-finite" };
  }
  if (orderAmountUsd <= 0) {
    return { ok: false, reason: "invalid-input", field: "orderAmountUsd", error: "not-positive" };
  }
  // In cents, so that 10% of 123.45 is 12.35 and not 12.345000000000001.
  const orderCents = Math.round(orderAmountUsd * 100);
  const uncappedCents = Math.round(orderCents * COMPENSATION_RATE);
  const capCents = COMPENSATION_CAP_USD * 100;
  return {
    ok: true,
    orderAmountUsd,
    compensationUsd: Math.min(uncappedCents, capCents) / 100,
    capped: orderCents * COMPENSATION_RATE > capCents,
    rate: COMPENSATION_RATE,
    capUsd: COMPENSATION_CAP_USD,
    couponValidDays: COUPON_VALID_DAYS,
  };
}
