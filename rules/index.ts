/**
 * The rule engine's public surface: pure functions `(merchant, peers?, now?) → result`. They read
 * no store, no clock and log nothing; the caller fetches the merchant, passes `now` (a luxon
 * DateTime) and formats the result into words. See ../shared/spec/rules.md.
 */
export type { IsoDate, TimeLeft } from "./time.js";
export { SHANGHAI, US_PACIFIC } from "./time.js";
export type { InvalidInput, MissingFields } from "./result.js";

export {
  entitlementsOf,
  peerRankPoints,
  RFQ_BUYER_REPLY_RUNGS,
  RFQ_FACTORS,
  RFQ_FULL_EFFECT_FROM,
  RFQ_GMV_RUNGS,
  RFQ_GOLD_BONUS,
  RFQ_GRAY_TEST_FROM,
  RFQ_ISSUE_DAYS,
  RFQ_LOGIN_DAY_RUNGS,
  RFQ_MAX_POINTS,
  RFQ_PEER_TOP_POINTS,
  RFQ_QUOTE_CAP,
  RFQ_QUOTE_FLOOR,
  RFQ_STAR_RUNGS,
  RFQ_TIER_TABLE,
  RFQ_TIERS,
  scoreRfq,
  tierRowOf,
  type RfqTierRow,
  type Comparison,
  type RfqEntitlements,
  type RfqFactor,
  type RfqFactorScore,
  type RfqMarketingStar,
  type RfqPeerRank,
  type RfqRung,
  type RfqSchedule,
  type RfqScore,
  type RfqScoreResult,
  type RfqStep,
  type RfqTier,
  quoteRate24h,
} from "./score-rfq.js";

export {
  checkGuarantee,
  FAST_STAR_MIN_RTS_7_DAYS,
  FAST_STAR_MIN_RTS_SMALL_ORDER,
  FIRST_COMPENSATION_DEADLINE,
  GUARANTEE_EXIT_AFTER_DAYS,
  GUARANTEE_REJOIN_AFTER_DAYS,
  firstCompensationApplies,
  type GuaranteeCheck,
  type GuaranteeCheckResult,
  type GuaranteeCountCondition,
  type GuaranteeState,
} from "./check-guarantee.js";

export {
  addWorkingDays,
  APPEAL_ENTRY,
  APPEAL_OBJECTIVE_MIN_ORDER_USD,
  APPEAL_WINDOW_HOURS,
  objectiveGroundApplies,
  checkAppeals,
  FACTORY_APPEAL_WORKING_DAYS,
  findFactoryAppealDeadline,
  LADDER_RULES,
  PENALTY_LADDERS,
  TA_CLOSURE_DAYS,
  taClosureEnds,
  TA_CLOSURE_BENEFITS_LOST,
  type AppealsCheck,
  type Ladder,
  type LadderRow,
  type AppealsCheckResult,
  type AppealWindow,
  type ExtraMeasure,
  type FactoryAppealDeadline,
  type LadderRule,
  type NextViolationCost,
  type PenaltyAppeal,
} from "./check-appeals.js";

export {
  checkFactory,
  FACTORY_AGREEMENT_PATH,
  GUANGZHOU_SHENZHEN,
  GUANGZHOU_SHENZHEN_NAMES,
  FACTORY_LIST_NAMES,
  FACTORY_LISTS,
  HEAT_MIN_INQUIRIES_EXCLUSIVE,
  ON_TIME_MIN_DISPATCHED_ORDERS,
  ON_TIME_MIN_RATE_EXCLUSIVE,
  onTimeOrdersNeeded,
  RESPONSE_MAX_HOURS_EXCLUSIVE,
  STRENGTH_MIN_TA_GMV_EXCLUSIVE,
  type FactoryAction,
  type FactoryCheck,
  type FactoryEntryCode,
  type FactoryEntryCondition,
  type FactoryList,
  type FactoryListCheck,
  type FactoryMetric,
  type FactoryThreshold,
} from "./check-factory.js";

export { offerPhase, offerWindow, spanOf, type OfferPhase, type OfferWindow } from "./offer-window.js";

export {
  BRAND_ACTIVITIES,
  BRAND_DOCUMENT_LABELS,
  BRAND_REGISTRATION_WINDOW,
  BRAND_OPEN_INDUSTRIES,
  checkBrand,
  LEADING_MIN_EXPORT_CNY,
  OWN_MIN_BRAND_YEARS,
  OWN_MIN_EXPORT_CNY,
  OWN_MIN_MARKETING_CNY,
  OWN_MIN_RD_TEAM,
  type BrandActivity,
  type BrandCheck,
  type BrandCondition,
  type BrandConditionCode,
  type BrandDocument,
  type BrandDocuments,
  type BrandTypeCheck,
} from "./check-brand.js";

export {
  checkZone,
  ZONE_MIN_EXPORT_YEARS,
  ZONE_WINDOW,
  ZONE_MIN_PRODUCT_GROWTH_SCORE,
  ZONE_PRODUCTS_PER_MERCHANT,
  type ZoneCheck, type ZoneCondition, type ZoneConditionCode } from "./check-zone.js";

export {
  CATEGORY_LIST_TOP,
  CATEGORY_LOCK_AT,
  checkFestival,
  CUMULATIVE_INDUSTRIES,
  FESTIVAL_END,
  FESTIVAL_START,
  FESTIVAL_WINDOW,
  festivalWindowTypeOf,
  NETWORK_LIST_TOP,
  WEEKLY_INDUSTRIES,
  type FestivalCheck,
  type FestivalWeek,
  type FestivalWindow,
  type FestivalWindowType,
} from "./festival.js";

export {
  AGENCY_EXPORT_WAIVER_MIN_USD,
  checkFees,
  FEE_WAIVER_WINDOW,
  SELF_EXPORT_WAIVER_MIN_USD,
  type FeesCheck, type FeesCheckResult, type FeeWaiver } from "./check-fees.js";

export {
  buildVerifiedCard,
  CARD_SLOTS,
  MAX_OFFLINE_FIGURES,
  MAX_STRENGTH_TAGS,
  OFFLINE_FIGURE_PRIORITY,
  ONLINE_ITEMS,
  type OfflineFigure,
  type OnlineItem,
  type ShownFigure,
  type SkippedFigure,
  type VerifiedCard,
} from "./verified-card.js";

export {
  BRIEFING_TRADEMARK_TABLE,
  findTrademarks,
  GENERIC_TRADEMARKS,
  PROTECTED_TRADEMARKS,
  type TrademarkMatch,
} from "./find-trademarks.js";

export {
  COMPENSATION_CAP_USD,
  COMPENSATION_RATE,
  computeCompensation,
  COUPON_VALID_DAYS,
  type Compensation, type CompensationResult } from "./compensation.js";

export {
  computeKeywordCompetition,
  type KeywordCompetition,
  type KeywordCompetitionResult,
} from "./keyword-competition.js";

export {
  ARRIVAL_GUARANTEE_RATE,
  DDP_DISCOUNT_USD_PER_ORDER,
  FINANCE_RATE_FACTOR,
  INSPECTION_DISCOUNT_ORDERS,
  INSPECTION_PRICE_FACTOR,
  MULTIMODAL_DISCOUNT_CNY_PER_ORDER,
  MULTIMODAL_DISCOUNT_ORDERS,
  SHIPPING_DISCOUNT_MIN_GOODS_USD,
  SHIPPING_DISCOUNT_USD,
  WUYOU_DISCOUNT_CNY_PER_ORDER,
  WUYOU_DISCOUNT_ORDERS,
} from "./festival-offers.js";
export {
  checkIntegrated,
  INTEGRATED_CONCERT_MORE_THAN,
  INTEGRATED_MIN_STAKE,
  type IntegratedCheck,
  type IntegratedCondition,
  type IntegratedFacts,
} from "./integrated-definition.js";
