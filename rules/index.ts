/**
 * The rule engine's public surface: pure functions `(merchant, peers?, now?) → result`. They read
 * no store, no clock and log nothing; the caller fetches the merchant, passes `now` (a luxon
 * DateTime) and formats the result into words. See ../shared/spec/rules.md.
 */
export type { IsoDate, TimeLeft } from "./time.js";
export { SHANGHAI, US_PACIFIC } from "./time.js";
export type { InvalidInput, MissingFields } from "./result.js";

export {
  peerRankPoints,
  RFQ_FACTORS,
  RFQ_TIERS,
  scoreRfq,
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
} from "./score-rfq.js";

export {
  checkGuarantee,
  FIRST_COMPENSATION_DEADLINE,
  firstCompensationApplies,
  type GuaranteeCheck,
  type GuaranteeCheckResult,
  type GuaranteeCountCondition,
  type GuaranteeState,
} from "./check-guarantee.js";

export {
  addWorkingDays,
  APPEAL_ENTRY,
  checkAppeals,
  findFactoryAppealDeadline,
  LADDER_RULES,
  type AppealsCheck,
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
  FACTORY_LIST_NAMES,
  FACTORY_LISTS,
  type FactoryAction,
  type FactoryCheck,
  type FactoryEntryCode,
  type FactoryEntryCondition,
  type FactoryList,
  type FactoryListCheck,
  type FactoryMetric,
  type FactoryThreshold,
} from "./check-factory.js";

export {
  BRAND_DOCUMENT_LABELS,
  BRAND_OPEN_INDUSTRIES,
  checkBrand,
  type BrandCheck,
  type BrandCondition,
  type BrandConditionCode,
  type BrandDocument,
  type BrandDocuments,
  type BrandTypeCheck,
} from "./check-brand.js";

export { checkZone, type ZoneCheck, type ZoneCondition, type ZoneConditionCode } from "./check-zone.js";

export {
  CATEGORY_LOCK_AT,
  checkFestival,
  CUMULATIVE_INDUSTRIES,
  FESTIVAL_END,
  FESTIVAL_START,
  festivalWindowTypeOf,
  WEEKLY_INDUSTRIES,
  type FestivalCheck,
  type FestivalWeek,
  type FestivalWindow,
  type FestivalWindowType,
} from "./festival.js";

export { checkFees, type FeesCheck, type FeesCheckResult, type FeeWaiver } from "./check-fees.js";

export {
  buildVerifiedCard,
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

export { computeCompensation, type Compensation, type CompensationResult } from "./compensation.js";

export {
  computeKeywordCompetition,
  type KeywordCompetition,
  type KeywordCompetitionResult,
} from "./keyword-competition.js";
