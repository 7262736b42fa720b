/**
 * September procurement festival rankings (9月采购节榜单), spec/rules.md §7 — `/festival`.
 * The festival runs on US Pacific time (美西, PDT in September); instants are also given in
 * Asia/Shanghai, where merchants read them.
 */
import { DateTime } from "luxon";
import type { Merchant } from "./merchant.js";
import { offerPhase, type OfferPhase, type OfferWindow } from "./offer-window.js";
import { endOfDate, SHANGHAI, startOfDate, US_PACIFIC, type IsoDate } from "./time.js";

/**
 * Festival start, in US Pacific time. briefing: 九月采购节—跨境供应链 — 2021年9月01日 00:00:00 -2021年9月30日
 * 23:59:59 PDT (= 2021年9月01日 15:00:00 - 2021年10月01日 14:59:59 CN)
 */
export const FESTIVAL_START = DateTime.fromObject({ year: 2021, month: 9, day: 1 }, { zone: US_PACIFIC });
/** Festival end (its last millisecond), in US Pacific time; same slide as {@link FESTIVAL_START}. */
export const FESTIVAL_END = DateTime.fromObject(
  { year: 2021, month: 9, day: 30, hour: 23, minute: 59, second: 59, millisecond: 999 },
  { zone: US_PACIFIC },
);
/** The festival as an offer window: every festival offer (fee waivers, coupons …) runs in it. */
export const FESTIVAL_WINDOW: OfferWindow = { start: FESTIVAL_START, end: FESTIVAL_END, zone: US_PACIFIC };
/** briefing: 榜单介绍 二级行业 — 按照8月29日（北京时间下午三点）商家所属的二级类目来锁定 */
export const CATEGORY_LOCK_AT = DateTime.fromObject(
  { year: 2021, month: 8, day: 29, hour: 15 },
  { zone: SHANGHAI },
);

/**
 * briefing: 全网热卖榜&类目热卖榜说明（每周统计）适用行业 — 19 names, though the slide says 共计18个行业;
 * kept as given (spec §7)
 */
export const WEEKLY_INDUSTRIES = [
  "美容个护",
  "鞋靴及配件",
  "商用及服务设备",
  "办公文教",
  "家电",
  "礼品工艺品",
  "建材",
  "家具",
  "灯具照明",
  "家居园艺",
  "汽摩配",
  "家纺",
  "健康医疗",
  "珠宝首饰",
  "手表",
  "包装印刷",
  "运动娱乐",
  "面料及纺织原材料",
  "食品饮料",
] as const;

/** briefing: 全网热卖榜&类目热卖榜说明（累计统计）适用行业 — 共计14个行业 */
export const CUMULATIVE_INDUSTRIES = [
  "服装",
  "箱包",
  "流行配饰",
  "安防劳保",
  "电工电气",
  "五金工具",
  "消费电子",
  "机械",
  "矿产冶金材料",
  "化工材料",
  "橡塑材料",
  "玩具",
  "元器件通信",
  "定制加工",
] as const;

// briefing: 每周统计 适用行业 — 汽摩配（含汽车配件及用品、和整车及交通）: these L1 names count as 汽摩配
const INDUSTRY_ALIASES: Readonly<Record<string, string>> = {
  汽车配件及用品: "汽摩配",
  整车及交通: "汽摩配",
};

/** Which GMV windows an industry's rankings use. */
export type FestivalWindowType = "weekly" | "cumulative" | "not-listed";

/** A window of whole US Pacific dates (inclusive) and the instants it spans. */
export interface FestivalWindow {
  /** US Pacific calendar dates, inclusive. */
  readonly fromDate: IsoDate;
  readonly toDate: IsoDate;
  /** 00:00:00.000 US Pacific of fromDate, in Asia/Shanghai. */
  readonly start: DateTime;
  /** 23:59:59.999 US Pacific of toDate, in Asia/Shanghai. */
  readonly end: DateTime;
}

/** One display week of the rankings and the GMV window it ranks by. */
export interface FestivalWeek {
  readonly week: number;
  readonly display: FestivalWindow;
  /** Null for an industry that is in neither list. */
  readonly gmv: FestivalWindow | null;
}

interface WeekRow {
  readonly week: number;
  readonly display: readonly [IsoDate, IsoDate];
  readonly weekly: readonly [IsoDate, IsoDate];
  readonly cumulative: readonly [IsoDate, IsoDate];
}

// briefing: 全网热卖榜&类目热卖榜说明（每周统计 / 累计统计）— 展示时间 and 美西时间 实收GMV统计区间
const WEEK_ROWS: readonly WeekRow[] = [
  { week: 1, display: ["2021-09-01", "2021-09-05"], weekly: ["2021-08-01", "2021-08-29"], cumulative: ["2021-08-01", "2021-08-29"] },
  { week: 2, display: ["2021-09-06", "2021-09-12"], weekly: ["2021-09-01", "2021-09-04"], cumulative: ["2021-09-01", "2021-09-04"] },
  { week: 3, display: ["2021-09-13", "2021-09-19"], weekly: ["2021-09-05", "2021-09-11"], cumulative: ["2021-09-01", "2021-09-11"] },
  { week: 4, display: ["2021-09-20", "2021-09-26"], weekly: ["2021-09-12", "2021-09-18"], cumulative: ["2021-09-01", "2021-09-18"] },
  { week: 5, display: ["2021-09-27", "2021-09-30"], weekly: ["2021-09-19", "2021-09-25"], cumulative: ["2021-09-01", "2021-09-25"] },
];

/** briefing: 榜单介绍 — 全网热卖榜 每个一级行业 top10 */
export const NETWORK_LIST_TOP = 10;
/** briefing: 榜单介绍 — 类目热卖榜 每个二级类目 top20 */
export const CATEGORY_LIST_TOP = 20;

/** A computed festival check. */
export interface FestivalCheck {
  readonly ok: true;
  /** `category` when the L2 category is absent (needed for the category list). */
  readonly missing: readonly string[];
  readonly industry: string;
  /** The list name the industry matched (after aliases), or null when not listed. */
  readonly listedAs: string | null;
  readonly windowType: FestivalWindowType;
  readonly category: string | null;
  readonly festival: { readonly start: DateTime; readonly end: DateTime };
  /** {@link FESTIVAL_WINDOW}: the festival as an offer, with the zone its dates are given in. */
  readonly window: OfferWindow;
  readonly phase: OfferPhase;
  readonly weeks: readonly FestivalWeek[];
  /** The display week containing `now`, or null. */
  readonly currentWeek: number | null;
  /** The first display week starting after `now`, or null. */
  readonly nextWeek: number | null;
  readonly categoryLock: { readonly at: DateTime; readonly passed: boolean };
  /** Per-industry GMV thresholds are not in the briefing. */
  readonly gmvThresholdKnown: false;
  readonly top: { readonly network: number; readonly category: number };
}

function pacificWindow([fromDate, toDate]: readonly [IsoDate, IsoDate]): FestivalWindow {
  return {
    fromDate,
    toDate,
    start: startOfDate(fromDate, US_PACIFIC).setZone(SHANGHAI),
    end: endOfDate(toDate, US_PACIFIC).setZone(SHANGHAI),
  };
}

/** Which GMV window type an L1 industry uses. */
export function festivalWindowTypeOf(industry: string): { readonly type: FestivalWindowType; readonly listedAs: string | null } {
  const name = INDUSTRY_ALIASES[industry.trim()] ?? industry.trim();
  if ((WEEKLY_INDUSTRIES as readonly string[]).includes(name)) return { type: "weekly", listedAs: name };
  if ((CUMULATIVE_INDUSTRIES as readonly string[]).includes(name)) return { type: "cumulative", listedAs: name };
  return { type: "not-listed", listedAs: null };
}

/**
 * Checks the festival rankings for `/festival`: whether the merchant's industry uses weekly or
 * cumulative GMV windows (or is not listed), the five display weeks with their GMV windows (US
 * Pacific dates and Asia/Shanghai instants), the current and next week at `now`, and whether the
 * L2 category lock (2021-08-29 15:00 Asia/Shanghai) has passed. Thresholds are per industry and
 * not in the briefing (`gmvThresholdKnown: false`).
 */
export function checkFestival(merchant: Merchant, now: DateTime): FestivalCheck {
  const { type, listedAs } = festivalWindowTypeOf(merchant.industry);
  const weeks = WEEK_ROWS.map(
    (row): FestivalWeek => ({
      week: row.week,
      display: pacificWindow(row.display),
      gmv: type === "weekly" ? pacificWindow(row.weekly) : type === "cumulative" ? pacificWindow(row.cumulative) : null,
    }),
  );
  const t = now.toMillis();
  const current = weeks.find((w) => w.display.start.toMillis() <= t && t <= w.display.end.toMillis());
  const next = weeks.find((w) => w.display.start.toMillis() > t);
  const phase = offerPhase(FESTIVAL_WINDOW, now);
  return {
    ok: true,
    missing: merchant.category ? [] : ["category"],
    industry: merchant.industry,
    listedAs,
    windowType: type,
    category: merchant.category ?? null,
    festival: { start: FESTIVAL_START.setZone(SHANGHAI), end: FESTIVAL_END.setZone(SHANGHAI) },
    window: FESTIVAL_WINDOW,
    phase,
    weeks,
    currentWeek: current?.week ?? null,
    nextWeek: next?.week ?? null,
    categoryLock: { at: CATEGORY_LOCK_AT, passed: t >= CATEGORY_LOCK_AT.toMillis() },
    gmvThresholdKnown: false,
    top: { network: NETWORK_LIST_TOP, category: CATEGORY_LIST_TOP },
  };
}
