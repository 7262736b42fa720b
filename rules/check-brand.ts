/**
 * Industrial brand station (工业品牌站): leading and own brand, spec/rules.md §5 — `/brand`.
 */
import type { DateTime } from "luxon";
import type { BrandProfile, Merchant } from "./merchant.js";
import { offerPhase, offerWindow, spanOf, type OfferPhase, type OfferWindow } from "./offer-window.js";
import { SHANGHAI, US_PACIFIC } from "./time.js";
import { gapUp } from "./result.js";

/** briefing: 工业品牌站升级-报名通道 二、已开放行业 — 电工电气、五金工具、安防劳保、机械、包印 (包印 = 包装印刷) */
export const BRAND_OPEN_INDUSTRIES = ["电工电气", "五金工具", "安防劳保", "机械", "包装印刷"] as const;

/** One brand-station activity in the briefing's My Alibaba list: when to register, when it is online. */
export interface BrandActivity {
  readonly name: string;
  /** 报名时间 (中国时间). */
  readonly registration: OfferWindow;
  /** 上线时间 (美国时间, taken as US Pacific). */
  readonly online: OfferWindow;
}

/** briefing: 工业品牌站升级-报名通道 · My Alibaba 活动列表截图 — 报名时间 (中国时间) / 上线时间 (美国时间) */
export const BRAND_ACTIVITIES: readonly BrandActivity[] = [
  {
    name: "工业品牌站",
    registration: offerWindow("2021-07-01T09:00:00", "2021-08-25T22:59:59", SHANGHAI),
    online: offerWindow("2021-09-01T00:00:00", "2021-09-30T23:59:59", US_PACIFIC),
  },
  {
    name: "工业品牌站招商",
    registration: offerWindow("2021-06-01T15:00:00", "2022-01-01T15:59:59", SHANGHAI),
    online: offerWindow("2021-06-01T00:00:00", "2022-03-31T23:59:59", US_PACIFIC),
  },
  {
    name: "2021阿里工业品牌站升级云招募",
    registration: offerWindow("2021-05-05T05:07:39", "2021-12-20T23:59:59", SHANGHAI),
    online: offerWindow("2021-02-28T08:00:00", "2022-03-31T23:59:59", US_PACIFIC),
  },
];

/** From the first registration opening to the last one closing: when a merchant could register at all. */
export const BRAND_REGISTRATION_WINDOW: OfferWindow = spanOf(BRAND_ACTIVITIES.map((a) => a.registration));

/** briefing: 工业品牌站升级-招商标准 龙头品牌 — 1.年出口额≥10亿人民币 */
export const LEADING_MIN_EXPORT_CNY = 1_000_000_000;
/** briefing: 工业品牌站升级-招商标准 自主品牌 — 1.品牌注册年限≥3年 */
export const OWN_MIN_BRAND_YEARS = 3;
/** briefing: 工业品牌站升级-招商标准 自主品牌 — 2.年出口额≥1亿人民币 */
export const OWN_MIN_EXPORT_CNY = 100_000_000;
/** briefing: 工业品牌站升级-招商标准 自主品牌 — 3.不小于10人研发团队或企业评级为高新企业 */
export const OWN_MIN_RD_TEAM = 10;
/** briefing: 工业品牌站升级-招商标准 自主品牌 — 4.国际站年营销投入≥50万 */
export const OWN_MIN_MARKETING_CNY = 500_000;

/** Machine codes of the brand-station conditions (the caller words them). */
export type BrandConditionCode =
  | "industry-open"
  | "export-at-least-1bn-cny"
  | "listed-company"
  | "famous-trademark"
  | "brand-registered-3-years"
  | "export-at-least-100m-cny"
  | "rd-team-10-or-high-tech"
  | "marketing-at-least-500k-cny"
  | "trademark-certificate";

/** One condition; figures are present for the numeric ones. */
export interface BrandCondition {
  readonly code: BrandConditionCode;
  readonly met: boolean;
  readonly value?: number;
  readonly threshold?: number;
  /** How much more is needed (0 when met). */
  readonly gap?: number;
}

/** Documents the briefing lists (所需资质), as codes; labels in {@link BRAND_DOCUMENT_LABELS}. */
export type BrandDocument =
  | "stamped-export-orders-or-customs-declarations"
  | "gold-verification-report"
  | "stock-name-and-code"
  | "famous-trademark-certificate"
  | "high-tech-certificate"
  | "trademark-registration-or-brand-authorisation";

/** briefing: 工业品牌站升级-招商标准 所需资质 */
export const BRAND_DOCUMENT_LABELS: Readonly<Record<BrandDocument, string>> = {
  "stamped-export-orders-or-customs-declarations": "盖有公章的出口订单，订单清单或者带有出口金额的出口报关单",
  "gold-verification-report": "金品验真报告",
  "stock-name-and-code": "公司对应的股票名和股票代码",
  "famous-trademark-certificate": "省级以上工商局或相关机构出具的驰名/著名商标认定文件或证书",
  "high-tech-certificate": "高新企业认定文件",
  "trademark-registration-or-brand-authorisation": "有效期内的商标注册证或品牌授权书（仅受理通知书无效）",
};

/** The document list that applies to the merchant (Gold and non-Gold differ). */
export interface BrandDocuments {
  readonly audience: "gold" | "non-gold";
  /** Leading brand: one of `oneOf` (the one matching the condition met), plus all of `required`. */
  readonly leading: { readonly oneOf: readonly BrandDocument[]; readonly required: readonly BrandDocument[] };
  /** Own brand: all of these. */
  readonly own: readonly BrandDocument[];
  /**
   * What the Gold verification report must confirm: leading export ≥ 1 bn CNY; own brand export
   * ≥ 100 m CNY and an R&D team ≥ 10 (so for Gold the high-tech route is not documented).
   */
  readonly goldReportConfirms: { readonly leading: readonly string[]; readonly own: readonly string[] } | null;
}

/** The check of one brand type. */
export interface BrandTypeCheck {
  readonly qualifies: boolean;
  readonly conditions: readonly BrandCondition[];
  /** Every unmet condition (for the leading brand's any-of group: all three when none is met). */
  readonly unmet: readonly BrandConditionCode[];
}

/** A computed brand-station check. */
export interface BrandCheck {
  readonly ok: true;
  /** `brand` when the brand profile is absent (leading/own are then null). */
  readonly missing: readonly string[];
  readonly industry: { readonly name: string; readonly open: boolean };
  /** Any one of export ≥ 1 bn CNY, listed, famous trademark; plus industry open and trademark certificate. */
  readonly leading: (BrandTypeCheck & { readonly anyOfMet: boolean }) | null;
  /** All of the four, plus industry open and trademark certificate. */
  readonly own: BrandTypeCheck | null;
  readonly documents: BrandDocuments;
  /** Registration at `now`: the phase of {@link BRAND_REGISTRATION_WINDOW} and the activities open. */
  readonly registration: { readonly window: OfferWindow; readonly phase: OfferPhase; readonly open: readonly string[] };
}

function atLeast(code: BrandConditionCode, value: number, threshold: number): BrandCondition {
  return { code, met: value >= threshold, value, threshold, gap: gapUp(value, threshold) };
}

function leadingCheck(b: BrandProfile, industryOpen: boolean): NonNullable<BrandCheck["leading"]> {
  const anyOf: BrandCondition[] = [
    atLeast("export-at-least-1bn-cny", b.annualExportCny, LEADING_MIN_EXPORT_CNY),
    { code: "listed-company", met: b.listed },
    { code: "famous-trademark", met: b.famousTrademark },
  ];
  const required: BrandCondition[] = [
    { code: "industry-open", met: industryOpen },
    { code: "trademark-certificate", met: b.trademarkCertificate },
  ];
  const anyOfMet = anyOf.some((c) => c.met);
  const unmet = [...(anyOfMet ? [] : anyOf), ...required.filter((c) => !c.met)].map((c) => c.code);
  return { qualifies: unmet.length === 0, anyOfMet, conditions: [...anyOf, ...required], unmet };
}

function ownCheck(b: BrandProfile, industryOpen: boolean): BrandTypeCheck {
  const conditions: BrandCondition[] = [
    { code: "industry-open", met: industryOpen },
    atLeast("brand-registered-3-years", b.brandRegisteredYears, OWN_MIN_BRAND_YEARS),
    atLeast("export-at-least-100m-cny", b.annualExportCny, OWN_MIN_EXPORT_CNY),
    {
      code: "rd-team-10-or-high-tech",
      met: b.rdTeamSize >= OWN_MIN_RD_TEAM || b.highTech,
      value: b.rdTeamSize,
      threshold: OWN_MIN_RD_TEAM,
      gap: b.highTech ? 0 : gapUp(b.rdTeamSize, OWN_MIN_RD_TEAM),
    },
    atLeast("marketing-at-least-500k-cny", b.annualMarketingCny, OWN_MIN_MARKETING_CNY),
    { code: "trademark-certificate", met: b.trademarkCertificate },
  ];
  const unmet = conditions.filter((c) => !c.met).map((c) => c.code);
  return { qualifies: unmet.length === 0, conditions, unmet };
}

// briefing: 工业品牌站升级-招商标准 所需资质 — 一、非金品商家 / 二、金品商家
function documentsFor(gold: boolean): BrandDocuments {
  const trademark = "trademark-registration-or-brand-authorisation" as const;
  if (gold) {
    return {
      audience: "gold",
      leading: {
        oneOf: ["gold-verification-report", "stock-name-and-code", "famous-trademark-certificate"],
        required: [trademark],
      },
      own: ["gold-verification-report", trademark],
      // briefing: 金品商家 — 金品验真报告（确保验真的出口额≥10亿）; 自主品牌 金品验真报告（确保验真的出口额≥1亿且研发团队≥10人）
      goldReportConfirms: {
        leading: ["export-at-least-1bn-cny"],
        own: ["export-at-least-100m-cny", "rd-team-at-least-10"],
      },
    };
  }
  return {
    audience: "non-gold",
    leading: {
      oneOf: ["stamped-export-orders-or-customs-declarations", "stock-name-and-code", "famous-trademark-certificate"],
      required: [trademark],
    },
    own: ["stamped-export-orders-or-customs-declarations", "high-tech-certificate", trademark],
    goldReportConfirms: null,
  };
}

/**
 * Checks the industrial brand station for `/brand`: whether the merchant's industry is open, and
 * for the leading brand (any one of three) and own brand (all four) every unmet condition,
 * including the trademark certificate both need; plus the document list for Gold or non-Gold.
 * Without the `brand` profile, leading/own are null and `missing` says so. `registration` says
 * whether registration is open at `now` (it closed for good on 2022-01-01 15:59:59 Beijing time).
 */
export function checkBrand(merchant: Merchant, now: DateTime): BrandCheck {
  const open = (BRAND_OPEN_INDUSTRIES as readonly string[]).includes(merchant.industry);
  const b = merchant.brand ?? null;
  return {
    ok: true,
    missing: b ? [] : ["brand"],
    industry: { name: merchant.industry, open },
    leading: b ? leadingCheck(b, open) : null,
    own: b ? ownCheck(b, open) : null,
    documents: documentsFor(merchant.gold),
    registration: {
      window: BRAND_REGISTRATION_WINDOW,
      phase: offerPhase(BRAND_REGISTRATION_WINDOW, now),
      open: BRAND_ACTIVITIES.filter((a) => offerPhase(a.registration, now) === "during").map((a) => a.name),
    },
  };
}
