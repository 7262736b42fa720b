/**
 * September festival fee waivers (采购节 商家侧营销玩法), spec/rules.md §8 — `/fees`.
 */
import type { DateTime } from "luxon";
import { FESTIVAL_WINDOW } from "./festival.js";
import type { Merchant } from "./merchant.js";
import { offerPhase, type OfferPhase, type OfferWindow } from "./offer-window.js";
import { gapUp, missingFields, type MissingFields } from "./result.js";

/** briefing: 九月采购节—营销活动攻略 自营出口/市场采购出口服务费减免 — 累计实收金额≥4万美元后的次单起 交易服务费全免 */
export const SELF_EXPORT_WAIVER_MIN_USD = 40_000;
/** briefing: 九月采购节—营销活动攻略 一达通代理出口服务费减免 — 累计实收金额≥2万美元后的次单起 基础服务费全免 */
export const AGENCY_EXPORT_WAIVER_MIN_USD = 20_000;

/** The waivers are festival offers: they apply during the festival only (美西 9月1日–9月30日). */
export const FEE_WAIVER_WINDOW: OfferWindow = FESTIVAL_WINDOW;

/** One waiver: reached once the cumulative received amount is at least the threshold. */
export interface FeeWaiver {
  readonly route: "self-or-market-procurement-export" | "one-touch-agency-export";
  /** Which fee is waived. */
  readonly fee: "transaction-service-fee" | "basic-service-fee";
  readonly receivedUsd: number;
  readonly thresholdUsd: number;
  readonly reached: boolean;
  /** USD still to receive (0 when reached). */
  readonly gapUsd: number;
  /** The waiver starts with the order after the one that reaches the threshold (次单起). */
  readonly waivedFrom: "next-order";
}

/** A computed fee-waiver check. */
export interface FeesCheck {
  readonly ok: true;
  readonly waivers: readonly [FeeWaiver, FeeWaiver];
  /** Where `now` falls in {@link FEE_WAIVER_WINDOW}: after it, nothing is waived any more. */
  readonly offer: { readonly window: OfferWindow; readonly phase: OfferPhase };
}

/** What {@link checkFees} returns. */
export type FeesCheckResult = FeesCheck | MissingFields;

function waiver(
  route: FeeWaiver["route"],
  fee: FeeWaiver["fee"],
  receivedUsd: number,
  thresholdUsd: number,
): FeeWaiver {
  return {
    route,
    fee,
    receivedUsd,
    thresholdUsd,
    reached: receivedUsd >= thresholdUsd,
    gapUsd: gapUp(receivedUsd, thresholdUsd),
    waivedFrom: "next-order",
  };
}

/**
 * Checks the festival fee waivers for `/fees`: self-operated or market-procurement export ≥ USD
 * 40,000 waives the transaction service fee, One Touch agency export ≥ USD 20,000 the basic
 * service fee, each from the next order on; otherwise the gap; and whether the festival (the
 * offer's window) is before, during or after `now`. Returns {@link MissingFields} (`exportFees`)
 * without the figures.
 */
export function checkFees(merchant: Merchant, now: DateTime): FeesCheckResult {
  const fees = merchant.exportFees;
  if (!fees) return missingFields("exportFees");
  return {
    ok: true,
    waivers: [
      waiver(
        "self-or-market-procurement-export",
        "transaction-service-fee",
        fees.selfExportReceivedUsd,
        SELF_EXPORT_WAIVER_MIN_USD,
      ),
      waiver("one-touch-agency-export", "basic-service-fee", fees.agencyExportReceivedUsd, AGENCY_EXPORT_WAIVER_MIN_USD),
    ],
    offer: { window: FEE_WAIVER_WINDOW, phase: offerPhase(FEE_WAIVER_WINDOW, now) },
  };
}
