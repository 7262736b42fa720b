/**
 * Words and numbers for the personalised checks: every check command formats dates, money,
 * rates, time left, missing fields and the source line through these, so that all replies read
 * alike (DingTalk markdown, no tables, no code blocks; Asia/Shanghai dates with the weekday).
 */
import { DateTime } from "luxon";
import type { BusinessType, PenaltyRule } from "../../rules/merchant.js";
import { SHANGHAI, US_PACIFIC, type IsoDate, type OfferPhase, type OfferWindow, type TimeLeft } from "../../rules/index.js";
import { formatValidityRange, validityNote, VALIDITY_ZONES_SET, type ValidityWindow, type ValidityZone } from "../../knowledge/validity.js";
import type { CheckView } from "./personal-check.js";
import type { Language } from "../../knowledge/language.js";

const WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"] as const;

/** What the answer says where spec/rules.md marks a product decision (**Chosen:**). */
export const ESTIMATE_NOTE = "按简报规则估算";

function toShanghai(when: DateTime | IsoDate): DateTime {
  const dt = typeof when === "string" ? DateTime.fromISO(when, { zone: SHANGHAI }) : when.setZone(SHANGHAI);
  if (!dt.isValid) throw new RangeError(`cannot format an invalid date: ${String(when)}`);
  return dt;
}

function weekdayName(dt: DateTime): string {
  return `周${WEEKDAYS[dt.weekday - 1] ?? ""}`;
}

/** `2021-09-09（周四）`: an instant's Asia/Shanghai date, or a calendar date (taken as Shanghai). */
export function formatDate(when: DateTime | IsoDate): string {
  const dt = toShanghai(when);
  return `${dt.toFormat("yyyy-MM-dd")}（${weekdayName(dt)}）`;
}

/** `2021-08-17（周二）10:00`: an instant in Asia/Shanghai. */
export function formatDateTime(when: DateTime): string {
  return `${formatDate(when)}${toShanghai(when).toFormat("HH:mm")}`;
}

/** `2021-09-30 23:59:59 美西时间（北京时间 2021-10-01（周五）14:59:59）`: an instant in both zones. */
export function formatBothZones(when: DateTime, withSeconds = false): string {
  const pattern = withSeconds ? "HH:mm:ss" : "HH:mm";
  const pacific = when.setZone(US_PACIFIC);
  const shanghai = toShanghai(when);
  return `${pacific.toFormat(`yyyy-MM-dd ${pattern}`)} 美西时间（北京时间 ${formatDate(shanghai)}${shanghai.toFormat(pattern)}）`;
}

/**
 * Which way to drop decimals: a merchant's own figure is cut `down` (9.99% never reads as a
 * 10% threshold it has not reached), a gap is rounded `up` (a gap never reads as 0), anything
 * else to the `nearest`.
 */
export type Rounding = "down" | "up" | "nearest";

const ROUNDING_MODES = { down: "trunc", up: "expand", nearest: "halfExpand" } as const;
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `12,345.5`: thousands separators and at most `maxDecimals` decimals, trailing zeros dropped.
 * Floating-point noise (0.1 + 0.2) is removed before rounding, so it can never tip a digit.
 */
export function formatNumber(n: number, maxDecimals = 2, rounding: Rounding = "nearest"): string {
  const key = `${maxDecimals}:${rounding}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { maximumFractionDigits: maxDecimals, roundingMode: ROUNDING_MODES[rounding] });
    numberFormats.set(key, format);
  }
  return format.format(Math.round(n * 1e6) / 1e6);
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st, 30th. */
export function ordinalEn(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** `2,001 美元`, `12.35 美元`: a figure (cut down to the cent unless told). */
export function formatUsd(n: number, rounding: Rounding = "down"): string {
  return `${formatNumber(n, 2, rounding)} 美元`;
}

/** A USD gap, rounded up to the cent. */
export function formatUsdGap(n: number): string {
  return formatUsd(n, "up");
}

/**
 * CNY in the briefing's units when exact: `10亿元`, `1.5亿元`, `50万元`; otherwise in full
 * (`999,999,999元`), so that an amount just under a threshold never reads as the threshold.
 */
export function formatCny(n: number, rounding: Rounding = "down"): string {
  if (Math.abs(n) >= 1e8 && Number.isInteger(n / 1e6)) return `${formatNumber(n / 1e8, 2)}亿元`;
  if (Math.abs(n) >= 1e4 && Number.isInteger(n / 100)) return `${formatNumber(n / 1e4, 2)}万元`;
  return `${formatNumber(n, 2, rounding)}元`;
}

/** A rate 0..1 as a percentage with at most one decimal, cut down: 0.855 → `85.5%`, 0.0999 → `9.9%`. */
export function formatPercent(rate: number): string {
  return `${formatNumber(rate * 100, 1, "down")}%`;
}

/** A rate gap in percentage points, rounded up: 0.4 → `40 个百分点`, 0.0001 → `0.1 个百分点`. */
export function formatPoints(rateGap: number): string {
  return `${formatNumber(rateGap * 100, 1, "up")} 个百分点`;
}

/** `6天22小时5分钟` (zero parts left out); `不到1分钟` when nothing is left but seconds. */
export function formatTimeLeft(left: TimeLeft): string {
  const parts = [
    left.days > 0 ? `${left.days}天` : "",
    left.hours > 0 ? `${left.hours}小时` : "",
    left.minutes > 0 ? `${left.minutes}分钟` : "",
  ].join("");
  return parts || "不到1分钟";
}

/** ✓ for met, ✗ for unmet, ？ for unknown (a field is missing). */
export function mark(met: boolean | null): string {
  return met === null ? "？" : met ? "✓" : "✗";
}

/** The penalty rules by the names the briefing gives them. */
export const PENALTY_RULE_NAMES: Readonly<Record<PenaltyRule, string>> = {
  "off-platform-communication": "引导买家使用非国际站沟通软件",
  "refuse-trade-assurance": "拒绝/有条件使用信用保障",
  "drug-severe": "药品禁限售严重违规",
  "counterfeit-repeat": "售假重复侵权违规",
  other: "其他违规",
};

/** The business types as the briefing names them (工厂 / 贸易 / 工贸一体). */
export const BUSINESS_TYPE_NAMES: Readonly<Record<BusinessType, string>> = {
  factory: "工厂",
  trading: "贸易",
  integrated: "工贸一体",
};

/** What each merchant-record field holds, for "商户资料缺少 …" (spec/merchant-record.md). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  rfq: "RFQ数据",
  guarantee: "保障升级服务数据",
  "guarantee.joinedAt": "加入保障升级服务的时间",
  penalties: "处罚记录",
  factory: "找工厂数据",
  brand: "品牌资料",
  exportFees: "出口收款数据",
  verified: "验真线下数据",
  category: "二级类目",
};

/** `rfq（RFQ数据）、brand（品牌资料）`: the field paths with what they hold. */
export function describeFields(missing: readonly string[]): string {
  return missing.map((f) => (FIELD_LABELS[f] ? `${f}（${FIELD_LABELS[f]}）` : f)).join("、");
}

/** `商户资料缺少 rfq（RFQ数据），暂时无法计算服务分`. */
export function missingFieldsText(missing: readonly string[], cannot: string): string {
  return `商户资料缺少 ${describeFields(missing)}，${cannot}`;
}

/** What to do about missing data. */
export const MISSING_DATA_HINT = "请联系客户经理或客服补充商户资料后再查询。";

/**
 * The whole answer of a check that cannot compute anything: the missing fields in bold, what to
 * do, any `extra` lines, the source. The reply kind stays "command": it is an answer, not an error.
 */
export function missingFieldsView(title: string, missing: readonly string[], cannot: string, slide: string, ...extra: string[]): CheckView {
  return { title, text: joinBlocks(`**${missingFieldsText(missing, cannot)}**`, MISSING_DATA_HINT, ...extra, sourceLine(slide)) };
}

/** The last line of every check: `> 依据：2021年8月26日商家发布会 · <talk/slide>` (in English for an English reply). */
export function sourceLine(slide: string, lang: Language = "zh"): string {
  return lang === "en" ? `> Source: merchant briefing of 26 August 2021 (${slide})` : `> 依据：2021年8月26日商家发布会 · ${slide}`;
}

/** Joins blocks (a headline, a list, a next step, the source) with blank lines between them. */
export function joinBlocks(...blocks: readonly (string | readonly string[] | null | undefined | false)[]): string {
  return blocks
    .map((b) => (typeof b === "string" ? b : b ? b.join("\n") : ""))
    .filter((b) => b.length > 0)
    .join("\n\n");
}

/** `- ` before each line. */
export function bullets(lines: readonly string[]): string[] {
  return lines.map((l) => `- ${l}`);
}

/** The markdown title of a check: `M10001 的RFQ服务分`. */
export function checkTitle(merchantId: string, what: string): string {
  return `${merchantId} 的${what}`;
}

/**
 * A number typed by a user for a tool command: `600`, `1,200.50`, `$600`, `600美元`, `-5`
 * (full-width digits folded). Null when it is not a plain decimal number; range checks are the
 * rule's job (it says what is wrong).
 */
export function parseNumberArg(raw: string): number | null {
  let s = raw
    .normalize("NFKC")
    .trim()
    .replace(/^(?:us\$|\$|usd)\s*/i, "")
    .replace(/\s*(?:usd|美元|美金|刀)$/i, "");
  if (/^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(s)) return null;
  return Number(s);
}

/** A rule's offer window in the terms of an entry's validity (docs/validity.md), to word it alike. */
function asValidity(window: OfferWindow): ValidityWindow {
  if (!VALIDITY_ZONES_SET.has(window.zone)) throw new RangeError(`no wording for offers in zone ${window.zone}`);
  const zone = window.zone as ValidityZone;
  const end = window.end.setZone(zone);
  const wholeDay = end.toMillis() === end.endOf("day").toMillis();
  return {
    kind: "offer",
    zone,
    from: window.start.setZone(zone).toFormat("yyyy-MM-dd"),
    until: wholeDay ? end.toFormat("yyyy-MM-dd") : end.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    start: window.start,
    end: window.end,
  };
}

/**
 * The lead line of a check whose offer is not on at `now`:
 * `> **已结束**：采购节服务费减免适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），现已结束。`
 * Undefined while the offer runs.
 */
export function offerNote(window: OfferWindow, phase: OfferPhase, subject: string): string | undefined {
  if (phase === "during") return undefined;
  return validityNote({ ...asValidity(window), state: phase === "before" ? "upcoming" : "ended" }, "zh", subject);
}

/** `2021年9月1日 至 2021年9月30日（美国太平洋时间）`: an offer's dates, for /check's one-liners. */
export function offerRange(window: OfferWindow): string {
  return formatValidityRange(asValidity(window), "zh");
}
