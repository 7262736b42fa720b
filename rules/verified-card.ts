/**
 * Verified supplier card (认证优商卡片), spec/rules.md §9 — `/card`.
 */
import type { Merchant, VerifiedData } from "./merchant.js";

/** briefing: 金品诚企品牌升级-身份差异化 商家右侧卡片升级 — 总共坑位数6个 */
export const CARD_SLOTS = 6;
/** briefing: 同上 — 普通商家展示线上数据 (及时回复时长, 准时发货率, GMV) */
export const ONLINE_ITEMS = ["reply-time", "on-time-dispatch-rate", "gmv"] as const;
/** An online figure on the card. */
export type OnlineItem = (typeof ONLINE_ITEMS)[number];
/** briefing: 同上 常见问题 — 线下数据只有3个坑, 优先级最后的不会出来 */
export const MAX_OFFLINE_FIGURES = 3;
/** briefing: 同上 — 实力标签 (自选2个) */
export const MAX_STRENGTH_TAGS = 2;
/**
 * briefing: 同上 — 优先级: 占地面积>商家证书>质检人数>研发人数=专利数量>员工人数.
 * R&D staff and patents tie; the tie keeps this order (R&D staff first), spec §9.
 */
export const OFFLINE_FIGURE_PRIORITY = [
  "floorAreaM2",
  "certificates",
  "qcInspectors",
  "rdStaff",
  "patents",
  "employees",
] as const;
/** An offline verified figure (a VerifiedData field). */
export type OfflineFigure = (typeof OFFLINE_FIGURE_PRIORITY)[number];

/** A shown offline figure: a number, or the certificate names. */
export interface ShownFigure {
  readonly figure: OfflineFigure;
  readonly value: number | readonly string[];
}

/**
 * Why a figure is not shown: absent (missing/null), zero or empty (nothing to show: a 0 is not
 * displayed, Chosen), or no slot left after the three of higher priority.
 */
export interface SkippedFigure {
  readonly figure: OfflineFigure;
  readonly reason: "missing" | "zero-or-empty" | "no-slot";
}

/** A computed card. */
export interface VerifiedCard {
  readonly ok: true;
  /** `verified` when a Gold merchant has no verified data (offline is then null). */
  readonly missing: readonly string[];
  readonly slots: number;
  readonly gold: boolean;
  /** Shown for every merchant. */
  readonly online: readonly OnlineItem[];
  /**
   * Gold only: the figures shown (at most 3, by priority) and the others with the reason.
   * For non-Gold merchants `shown` is empty and `notShownBecause` is `not-gold`: the briefing
   * shows offline verified data only for 认证优商 (Gold).
   */
  readonly offline: {
    readonly shown: readonly ShownFigure[];
    readonly skipped: readonly SkippedFigure[];
    readonly notShownBecause: "not-gold" | null;
  } | null;
  /** Gold only: the first two tags chosen; `extra` are tags beyond two, which cannot show. */
  readonly strengthTags: { readonly shown: readonly string[]; readonly extra: readonly string[] } | null;
  /** Offline figures cannot be hidden; changing them needs a re-verification (二次补验). */
  readonly canHideOffline: false;
}

/** A 0 or an empty list has nothing to show (Chosen): it is skipped like a missing figure. */
function hasContent(value: number | readonly string[]): boolean {
  return typeof value === "number" ? value > 0 : value.length > 0;
}

function pickFigures(v: VerifiedData): { shown: ShownFigure[]; skipped: SkippedFigure[] } {
  const shown: ShownFigure[] = [];
  const skipped: SkippedFigure[] = [];
  for (const figure of OFFLINE_FIGURE_PRIORITY) {
    const value = v[figure];
    if (value === null || value === undefined) skipped.push({ figure, reason: "missing" });
    else if (!hasContent(value)) skipped.push({ figure, reason: "zero-or-empty" });
    else if (shown.length >= MAX_OFFLINE_FIGURES) skipped.push({ figure, reason: "no-slot" });
    else shown.push({ figure, value });
  }
  return { shown, skipped };
}

/**
 * Builds the verified supplier card for `/card`: online data for everyone; for Gold merchants up
 * to 3 offline figures by priority (floor area > certificates > QC inspectors > R&D staff =
 * patents > employees, R&D first on the tie), skipping missing, zero and empty ones, plus their
 * 2 strength tags. Non-Gold merchants get no offline figures (`notShownBecause: "not-gold"`).
 */
export function buildVerifiedCard(merchant: Merchant): VerifiedCard {
  const base = { ok: true, slots: CARD_SLOTS, gold: merchant.gold, online: ONLINE_ITEMS, canHideOffline: false } as const;
  if (!merchant.gold) {
    return {
      ...base,
      missing: [],
      offline: { shown: [], skipped: [], notShownBecause: "not-gold" },
      strengthTags: null,
    };
  }
  const v = merchant.verified;
  if (!v) return { ...base, missing: ["verified"], offline: null, strengthTags: null };
  const tags = v.strengthTags ?? [];
  return {
    ...base,
    missing: [],
    offline: { ...pickFigures(v), notShownBecause: null },
    strengthTags: { shown: tags.slice(0, MAX_STRENGTH_TAGS), extra: tags.slice(MAX_STRENGTH_TAGS) },
  };
}
