/**
 * The merchant record (../shared/spec/merchant-record.md): the one boundary where operators'
 * files enter the bot. Parse with {@link MerchantSchema}; every rule takes the inferred type.
 * Unknown fields are rejected so that a typo in an import is never silently ignored.
 */
import { DateTime } from "luxon";
import { z } from "zod";

/** `[A-Za-z0-9_-]{1,32}`: anything else is not a merchant ID, so it cannot reach a query. */
export const MERCHANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const MerchantIdSchema = z.string().regex(MERCHANT_ID_PATTERN, "must be 1-32 letters, digits, _ or -");

/** ISO 8601 with an explicit offset or Z, e.g. `2021-08-12T10:00:00+08:00`. */
const timestamp = z
  .string()
  .regex(/(?:Z|[+-]\d{2}:?\d{2})$/, "must be ISO 8601 with an offset, e.g. 2021-08-12T10:00:00+08:00")
  .refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, "is not a valid ISO 8601 timestamp");

const rate = z.number().min(0, "must be a fraction from 0 to 1").max(1, "must be a fraction from 0 to 1");
const count = z.number().int("must be a whole number").min(0, "must not be negative");
const amount = z.number().finite().min(0, "must not be negative");
/** Optional fields may be omitted or null (merchant-record.md). */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

export const BUSINESS_TYPES = ["factory", "trading", "integrated"] as const;
export const PENALTY_RULES = [
  "off-platform-communication",
  "refuse-trade-assurance",
  "drug-severe",
  "counterfeit-repeat",
  "other",
] as const;

export const RfqSchema = z
  .object({
    loginDaysMonthToDate: count.max(31, "cannot exceed 31 days"),
    quotesMonthToDate: count,
    quotesLastMonth: count,
    responseRate24h: rate,
    buyerReplyRate30d: rate,
    gmv90dUsd: amount,
    freeEntitlementUsage: rate,
  })
  .strict();

export const GuaranteeSchema = z
  .object({
    joinedAt: opt(timestamp),
    exitedAt: opt(timestamp),
    rtsDispatchWithin7Days: count,
    rtsSmallOrder: count,
  })
  .strict();

export const PenaltySchema = z
  .object({
    id: z.string().min(1).max(64),
    rule: z.enum(PENALTY_RULES),
    at: timestamp,
    points: count,
  })
  .strict();

export const FactorySchema = z
  .object({
    verifiedLicenceWithProduction: z.boolean(),
    agreementSigned: z.boolean(),
    effectiveInquiries90d: count,
    avgReplyHours90d: amount,
    replyRate90d: rate,
    dispatchedOrders90d: count,
    onTimeDispatchRate90d: rate,
    taGmv90dUsd: amount,
  })
  .strict();

export const BrandSchema = z
  .object({
    annualExportCny: amount,
    listed: z.boolean(),
    famousTrademark: z.boolean(),
    brandRegisteredYears: amount,
    rdTeamSize: count,
    highTech: z.boolean(),
    annualMarketingCny: amount,
    trademarkCertificate: z.boolean(),
  })
  .strict();

export const ExportFeesSchema = z
  .object({
    selfExportReceivedUsd: amount,
    agencyExportReceivedUsd: amount,
  })
  .strict();

export const VerifiedSchema = z
  .object({
    floorAreaM2: opt(amount),
    certificates: opt(z.array(z.string().min(1))),
    qcInspectors: opt(count),
    rdStaff: opt(count),
    patents: opt(count),
    employees: opt(count),
    strengthTags: opt(z.array(z.string().min(1))),
  })
  .strict();

export const MerchantSchema = z
  .object({
    id: MerchantIdSchema,
    name: z.string().min(1).max(200),
    dingtalkUserIds: z.array(z.string().min(1).max(128)),
    gold: z.boolean(),
    businessType: z.enum(BUSINESS_TYPES),
    province: z.string().min(1),
    city: z.string().min(1),
    industry: z.string().min(1),
    category: opt(z.string().min(1)),
    exportYears: amount,
    odm: z.boolean(),
    rfq: opt(RfqSchema),
    guarantee: opt(GuaranteeSchema),
    penalties: opt(z.array(PenaltySchema)),
    factory: opt(FactorySchema),
    brand: opt(BrandSchema),
    exportFees: opt(ExportFeesSchema),
    verified: opt(VerifiedSchema),
  })
  .strict();

export type Merchant = z.infer<typeof MerchantSchema>;
export type BusinessType = (typeof BUSINESS_TYPES)[number];
export type PenaltyRule = (typeof PENALTY_RULES)[number];
export type Rfq = z.infer<typeof RfqSchema>;

/** An RFQ record with every figure at zero: the base a partial record (a hypothetical check, a test) fills in. */
export const ZERO_RFQ: Readonly<Rfq> = {
  loginDaysMonthToDate: 0,
  quotesMonthToDate: 0,
  quotesLastMonth: 0,
  responseRate24h: 0,
  buyerReplyRate30d: 0,
  gmv90dUsd: 0,
  freeEntitlementUsage: 0,
};
export type Guarantee = z.infer<typeof GuaranteeSchema>;
export type Penalty = z.infer<typeof PenaltySchema>;
export type FactoryMetrics = z.infer<typeof FactorySchema>;
export type BrandProfile = z.infer<typeof BrandSchema>;
export type ExportFees = z.infer<typeof ExportFeesSchema>;
export type VerifiedData = z.infer<typeof VerifiedSchema>;
