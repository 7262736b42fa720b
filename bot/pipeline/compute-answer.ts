/**
 * Hypothetical checks: a rule question that carries the merchant's own figures ("服务分75能拿多少
 * 赠送报价？", "3000美元的订单逾期最多赔多少") gets the computed result, the arithmetic in one line,
 * then the rule and its source. Each calculator feeds the same rules/ functions the personalised
 * checks call with a partial merchant record built from the question's slots; none retypes a
 * threshold. How entries name their calculator (`compute:`) and what happens when a figure is
 * missing: docs/computed-answers.md.
 */
import { DateTime, type Duration } from "luxon";
import { askingClause } from "../../knowledge/ranker-features.js";
import type { ComputeRule } from "../../knowledge/schema.js";
import {
  APPEAL_OBJECTIVE_MIN_ORDER_USD,
  ARRIVAL_GUARANTEE_RATE,
  COUPON_VALID_DAYS,
  FINANCE_RATE_FACTOR,
  INSPECTION_DISCOUNT_ORDERS,
  INSPECTION_PRICE_FACTOR,
  objectiveGroundApplies,
  quoteRate24h,
  checkAppeals,
  checkBrand,
  checkFactory,
  onTimeOrdersNeeded,
  FACTORY_AGREEMENT_PATH,
  GUANGZHOU_SHENZHEN,
  GUANGZHOU_SHENZHEN_NAMES,
  checkFees,
  checkFestival,
  checkGuarantee,
  checkZone,
  computeKeywordCompetition,
  COMPENSATION_CAP_USD,
  DDP_DISCOUNT_USD_PER_ORDER,
  MULTIMODAL_DISCOUNT_CNY_PER_ORDER,
  MULTIMODAL_DISCOUNT_ORDERS,
  SHIPPING_DISCOUNT_MIN_GOODS_USD,
  SHIPPING_DISCOUNT_USD,
  WUYOU_DISCOUNT_CNY_PER_ORDER,
  WUYOU_DISCOUNT_ORDERS,
  COMPENSATION_RATE,
  computeCompensation,
  entitlementsOf,
  FAST_STAR_MIN_RTS_7_DAYS,
  FAST_STAR_MIN_RTS_SMALL_ORDER,
  FESTIVAL_END,
  FESTIVAL_START,
  NETWORK_LIST_TOP,
  WEEKLY_INDUSTRIES,
  CUMULATIVE_INDUSTRIES,
  BRAND_ACTIVITIES,
  BRAND_OPEN_INDUSTRIES,
  offerPhase,
  CATEGORY_LIST_TOP,
  CATEGORY_LOCK_AT,
  buildVerifiedCard,
  MAX_OFFLINE_FIGURES,
  OFFLINE_FIGURE_PRIORITY,
  FACTORY_LIST_NAMES,
  festivalWindowTypeOf,
  checkIntegrated,
  INTEGRATED_CONCERT_MORE_THAN,
  INTEGRATED_MIN_STAKE,
  FIRST_COMPENSATION_DEADLINE,
  findFactoryAppealDeadline,
  firstCompensationApplies,
  GUARANTEE_EXIT_AFTER_DAYS,
  GUARANTEE_REJOIN_AFTER_DAYS,
  APPEAL_WINDOW_HOURS,
  FACTORY_APPEAL_WORKING_DAYS,
  PENALTY_LADDERS,
  RFQ_GOLD_BONUS,
  RFQ_PEER_TOP_POINTS,
  RFQ_STAR_RUNGS,
  RFQ_LOGIN_DAY_RUNGS,
  RFQ_BUYER_REPLY_RUNGS,
  RFQ_GMV_RUNGS,
  RFQ_ISSUE_DAYS,
  RFQ_TIER_TABLE,
  scoreRfq,
  SHANGHAI,
  TA_CLOSURE_DAYS,
  taClosureEnds,
  TA_CLOSURE_BENEFITS_LOST,
  tierRowOf,
  US_PACIFIC,
  type LadderRule,
  type RfqEntitlements,
  type RfqTierRow,
  type RfqFactor,
  type FestivalWindowType,
} from "../../rules/index.js";
import type { BrandCondition } from "../../rules/check-brand.js";
import type { FeeWaiver } from "../../rules/check-fees.js";
import { ZERO_RFQ } from "../../rules/merchant.js";
import type { Merchant, Penalty, Rfq } from "../../rules/merchant.js";
import { ESTIMATE_NOTE, formatCny, formatNumber, formatPercent, formatPoints, formatUsd, formatUsdGap, ordinalEn, PENALTY_RULE_NAMES } from "../commands/format-check.js";
import { TIER_LABELS } from "../commands/score.js";
import { FIGURE_NAMES } from "../commands/card.js";
import { ALL_COMPANY_FACTS, companyFactKind, isCompanyFact, isOfflineDeal, isOtherBusiness, needsNoPlace, type CompanyFactKind } from "./account-figures.js";
import { industryEnglishName, numberNear, numbersOf, type DateSlot, type NumberSlot, type Slots } from "./extract-slots.js";

/** A computed answer, in the order the reply shows it. */
export interface Computed {
  readonly kind: "computed";
  /** The result, one sentence, shown first in bold. */
  readonly result: string;
  /** The arithmetic, one line. */
  readonly arithmetic: string;
  /** The rule as the briefing states it (and what was chosen where it is silent). */
  readonly rule: string;
  /** Briefing talk and slide. */
  readonly source: string;
  /**
   * The same three lines in English, for a question asked in English (docs/languages.md): the
   * same figures, from the same values and constants as the Chinese lines.
   */
  readonly en: { readonly result: string; readonly arithmetic: string; readonly rule: string };
}

/** The question lacks a figure: the line that says which one would give the exact result. */
export interface NeedsFigure {
  readonly kind: "needs";
  readonly ask: string;
  /** The same line in English, for a question asked in English (docs/languages.md). */
  readonly en: { readonly ask: string };
}

export type Calculation = Computed | NeedsFigure;

/** One calculator: which slots it reads, how the question talks about it, and the computation. */
export interface Calculator {
  /** Slot names, as entries list them under `compute.needs`. */
  readonly needs: readonly string[];
  /**
   * Words that say a question is about this rule, for questions the matcher sent elsewhere
   * (a clarify, a fallback, an entry without `compute`): used only with every figure present.
   */
  readonly cue: RegExp;
  /**
   * The kinds of fact about the company itself the rule reads (the card reads its staff and size,
   * the zone its years and catalogue …). Company facts of other kinds in a message are named in
   * its reply as not used (account-figures.ts, `companyFactKind`; the brand criteria's R&D team
   * and brand years are not company facts there, so the brand rules read them as their own figures).
   */
  readonly readsCompanyFacts?: readonly CompanyFactKind[];
  /**
   * Figures of a story the rule never reads (another order, an earlier month: account-figures.ts
   * `isOtherBusiness`; the orders and money around a given service score): taken out of its
   * slots before it runs, and named in its reply as not used.
   */
  readonly setsAside?: (n: NumberSlot) => boolean;
  run(slots: Slots, now: DateTime): Calculation;
}

/** Both wordings are required, so that no calculator can leave an English question a Chinese line. */
const needs = (ask: string, askEn: string): NeedsFigure => ({ kind: "needs", ask, en: { ask: askEn } });

/**
 * Several cases of one question ("家具和机械两个客户…", two payments, two times) answered together:
 * every case's result and arithmetic in turn, with the first case's rule and source (or, with
 * `ownRules`, every case's). Undefined
 * unless every case computes, so that one case short is never shown as the whole answer.
 */
export function eachComputed(cases: readonly Calculation[], ownRules = false): Computed | undefined {
  const done = cases.filter((c): c is Computed => c.kind === "computed");
  if (done.length === 0 || done.length !== cases.length) return undefined;
  const [first] = done as [Computed, ...Computed[]];
  const distinct = (lines: readonly string[]) => [...new Set(lines)];
  // Cases of different rules (two RFQ factors, an appeal's deadline and its ground b) keep each rule line and source.
  const rules = ownRules ? { rule: distinct(done.map((c) => c.rule)).join("；"), source: distinct(done.map((c) => c.source)).join("；") } : {};
  const rulesEn = ownRules ? { rule: distinct(done.map((c) => c.en.rule)).join("; ") } : {};
  return {
    ...first,
    ...rules,
    result: done.map((c) => c.result).join("；"),
    arithmetic: distinct(done.map((c) => c.arithmetic)).join("；"),
    en: { ...first.en, result: done.map((c) => c.en.result).join("; "), arithmetic: distinct(done.map((c) => c.en.arithmetic)).join("; "), ...rulesEn },
  };
}

/** How many display weeks the festival lists run for, from the festival rule's own weeks. */
function festivalWeekCount(now: DateTime): number {
  return checkFestival(partialMerchant({}), now).weeks.length;
}

// ---------------------------------------------------------------- formatting

/** An English phrase at the start of a sentence. */
const capitalise = (phrase: string) => phrase.charAt(0).toUpperCase() + phrase.slice(1);

const WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"] as const;

/** `2021-09-17（9月17日，周五）`. */
function day(dt: DateTime): string {
  return `${dt.toFormat("yyyy-MM-dd")}（${dt.month}月${dt.day}日，周${WEEKDAYS[dt.weekday - 1] ?? ""}）`;
}
/** An ISO date as a month and day, `9月12日` / `September 12` (festival windows, US Pacific dates). */
function md(iso: string): string {
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}
function mdEn(iso: string): string {
  return DateTime.fromISO(iso).setLocale("en").toFormat("MMMM d");
}
function dayOf(iso: string): string {
  return day(DateTime.fromISO(iso, { zone: SHANGHAI }));
}
/** `2021-08-30 16:00（8月30日 16:00，周一，北京时间）`. */
function dayTime(dt: DateTime): string {
  const s = dt.setZone(SHANGHAI);
  return `${s.toFormat("yyyy-MM-dd HH:mm")}（${s.month}月${s.day}日 ${s.toFormat("HH:mm")}，周${WEEKDAYS[s.weekday - 1] ?? ""}，北京时间）`;
}
const WEEKDAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** `2021-09-17 (Fri, September 17)`. */
function dayEn(dt: DateTime): string {
  return `${dt.toFormat("yyyy-MM-dd")} (${WEEKDAYS_EN[dt.weekday - 1] ?? ""}, ${dt.setLocale("en").toFormat("MMMM d")})`;
}
function dayOfEn(iso: string): string {
  return dayEn(DateTime.fromISO(iso, { zone: SHANGHAI }));
}
/** `2021-08-30 16:00 (Mon, August 30, 4 pm Beijing time)`. */
function dayTimeEn(dt: DateTime): string {
  const s = dt.setZone(SHANGHAI);
  return `${s.toFormat("yyyy-MM-dd HH:mm")} (${WEEKDAYS_EN[s.weekday - 1] ?? ""}, ${s.setLocale("en").toFormat("MMMM d")}, Beijing time)`;
}
/** `US$1,000`, `US$100.1`: cut down to the cent like formatUsd unless told (a gap rounds up). */
/** `1 day`, `3 days`: an English count with its noun. */
function countEn(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

function usdEn(n: number, rounding: "down" | "up" | "nearest" = "down"): string {
  return `US$${formatNumber(n, 2, rounding)}`;
}

/** `RMB 1 billion`, `RMB 500 million`, `RMB 500,000`: the same amounts as formatCny, in English. */
function cnyEn(n: number, rounding: "down" | "up" = "down"): string {
  if (Math.abs(n) >= 1e9 && Number.isInteger(n / 1e7)) return `RMB ${formatNumber(n / 1e9, 2)} billion`;
  if (Math.abs(n) >= 1e6 && Number.isInteger(n / 1e4)) return `RMB ${formatNumber(n / 1e6, 2)} million`;
  return `RMB ${formatNumber(n, 2, rounding)}`;
}

function zoneName(zone: string): string {
  return zone === US_PACIFIC ? "美西时间" : "北京时间";
}
function zoneNameEn(zone: string): string {
  return zone === US_PACIFIC ? "US Pacific time" : "Beijing time";
}
/** ESTIMATE_NOTE in English: where the product chose a reading the briefing leaves open. */
const ESTIMATE_NOTE_EN = "our reading of the briefing's rule";

// ---------------------------------------------------------------- partial records

/**
 * A merchant record holding only what the question said: the rule functions take whole records,
 * so the fields the question did not mention are set to values the computed figure does not read
 * (each calculator reads only the part of the result its slots decide).
 */
function partialMerchant(overrides: Partial<Merchant>): Merchant {
  return {
    id: "hypothetical",
    name: "hypothetical",
    dingtalkUserIds: [],
    gold: false,
    businessType: "factory",
    province: "-",
    city: "-",
    industry: "-",
    exportYears: 0,
    odm: false,
    ...overrides,
  };
}

function partialRfq(overrides: Partial<Rfq>): Rfq {
  return { ...ZERO_RFQ, ...overrides };
}

// ---------------------------------------------------------------- slot readers

// 原始分/基础分/raw: the score before the Gold +20 (docs/computed-answers.md).
const SCORE_WORDS = /服务分|分数|总分|得分|score|打了|评分|rfq分|原始分|基础分|\braw\b|(?:五|5)(?:项|个|大)因子|因子分|因子(?:加起来|合计|总和|总分)/u;
const LAST_MONTH = /上月|上个月|last month|上一个月|上期/u;
const USD_NEAR = /订单|order|金额|货值|ta|信保|gmv|实收|累计|收款|交易额/u;

/** A clause that names the score and then says what it is: "score before the Gold bonus is ", "服务分这个月是". */
const SCORE_TOLD = /(?:服务分|score)[^\d，,。.；;]{0,40}?(?:\bis|\bwas|\bof|=|是|为|有)\s*$/u;

function scoreNumber(slots: Slots): NumberSlot | undefined {
  const near = numberNear(slots, ["plain", "score"], SCORE_WORDS, 10, (n) => n.value > 120 || /\d/u.test(n.after.slice(0, 1)));
  if (near) return near;
  // "Our RFQ service score before the Gold bonus is 70": the score named further back in its own clause.
  const told = slots.numbers.filter((n) => (n.kind === "plain" || n.kind === "score") && n.value <= 120 && SCORE_TOLD.test(slots.text.slice(Math.max(0, n.index - 60), n.index).split(/[，,。；;！!？?]|\.(?!\d)/u).pop() ?? ""));
  if (told.length === 1) return told[0];
  // "75分能拿几条", "刚好90分，上个月报了100条，这个月给多少": a lone N分 in a question about the score,
  // or beside last month's quotes (the tier's other figure), unless it is points gained or lost (多拿1分, 扣3分).
  const scored = numbersOf(slots, "score").filter((n) => n.value <= 120 && !/扣|罚|拿|多|加|差|得|到|几|减/u.test(n.before.slice(-3)));
  // "89分跟90分差很多吗": two scores compared; the first is the one the merchant has.
  const compared = scored.length === 2 && /(?:跟|和|与|同|对比|比|还是|或者?|vs\.?|versus)\s*$/u.test(scored[1]!.lead);
  return (scored.length === 1 || compared) && /服务分|分数|档|score|tier|原始|raw|上个?月[^，。,.；;]{0,8}报|last month[^,.;]{0,16}quot/u.test(slots.text) ? scored[0] : undefined;
}

function usdAmount(slots: Slots, near?: RegExp): NumberSlot | undefined {
  const amounts = slots.numbers.filter((n) => n.kind === "amount" && n.currency !== "CNY");
  const byWords = near ? amounts.find((n) => near.test(n.before) || near.test(n.after.slice(0, 6))) ?? amounts.find((n) => near.test(n.lead)) : undefined;
  if (byWords) return byWords;
  if (amounts.length === 1) return amounts[0];
  // A bare number right next to 订单/金额 ("订单3000逾期…") is an amount too.
  return near ? numberNear(slots, ["plain"], near, 4) : undefined;
}

function ordinalOrCount(slots: Slots, unit: RegExp): { ordinal?: number; past?: number } {
  // "再被判一次", "又犯一次": one more offence, not a count of them.
  const oneMore = (n: NumberSlot) => n.value === 1 && /(?:再|又)[^，。,.]{0,4}$|(?:once )?more$/u.test(n.lead);
  // "之前警告过一次、扣过一次3分，这次又被罚": earlier offences told one by one add up.
  // They are listed together (nothing but 、/和 and a few words between them), so that an offence
  // of another rule told elsewhere ("公司去年还被罚过一次知识产权") is not counted in.
  const told = slots.numbers.filter((n) => n.kind === "count" && unit.test(n.unit) && /(?:警告|扣|罚|判|犯)(?:过|了)\s*$/u.test(n.before));
  const listed = told.length >= 2 && told.every((n, i) => i === 0 || /^[^，,。.；;！!？?（）()]{0,8}$/u.test(slots.text.slice(told[i - 1]!.index + told[i - 1]!.raw.length, n.index)));
  if (listed && /这次|这回|又|再|this time|again/u.test(slots.text)) return { past: told.reduce((a, n) => a + n.value, 0) };
  const c = slots.numbers.find((n) => n.kind === "count" && unit.test(n.unit) && !oneMore(n));
  // "被罚了5次（第一次是警告）": with a count beside it, an ordinal that says what that offence
  // got describes the ladder, not which offence this is.
  const describesLadder = (n: NumberSlot) => c !== undefined && /^\s*(?:是|为|只是|就是|只)?(?:警告|扣\s*\d|warning)|^\s*(?:one )?(?:was|is|got) (?:a |just a |only a )?warning/u.test(n.after);
  const ord = slots.numbers.find((n) => n.kind === "ordinal" && unit.test(n.unit) && n.value <= 50 && !describesLadder(n));
  if (ord) return { ordinal: ord.value };
  if (!c) return {};
  // "已经被罚了3次，再犯…" counts the past; "犯了4次一共扣几分", "被罚了3次，总共扣了多少" name the total.
  if (/再|下一?次|又|next|again/u.test(c.after)) return { past: c.value };
  if (/一共|总共|累计|合计|加起来|总计|in total|so far|altogether/u.test(slots.text)) return { ordinal: c.value };
  if (/已经|已|之前|前面|罚过|犯过|被罚了/u.test(c.before)) return { past: c.value };
  return { ordinal: c.value };
}

// ---------------------------------------------------------------- RFQ service score

/** The lowest total whose tier has the 3-star leads 6 hours early, from the tier table. */
const EARLY_LEADS_FROM = Math.min(...RFQ_TIER_TABLE.filter((r) => r.earlyThreeStarLeads).map((r) => r.minTotal));

function entitlementText(e: RfqEntitlements): string {
  const granted = e.quotesGranted === "none" ? "服务力赠送报价：无" : `服务力赠送报价 ${e.quotesGranted} 条`;
  const free = e.freeQuotes === "unlimited" ? "报价畅行：无限制" : e.freeQuotes === "none" ? "报价畅行：无" : `报价畅行 ${e.freeQuotes} 条`;
  return `${granted}，${free}，${e.earlyThreeStarLeads ? "能享受三星商机提前6小时先享" : `不能享受三星商机提前6小时先享（${EARLY_LEADS_FROM}分及以上才有）`}`;
}

/** The comparison that puts a total in its tier: `70 ≤ 73 < 80`, `93 ≥ 90`, `35 < 40`. */
function tierBounds(row: RfqTierRow, total: number): string {
  const i = RFQ_TIER_TABLE.indexOf(row);
  const upper = RFQ_TIER_TABLE[i - 1]?.minTotal;
  if (upper === undefined) return `${formatNumber(total)} ≥ ${row.minTotal}`;
  if (row.minTotal <= 0) return `${formatNumber(total)} < ${upper}`;
  return `${row.minTotal} ≤ ${formatNumber(total)} < ${upper}`;
}

/** A tier's label in English: `70–79 points`, `≥90 points`, `<40 points` (the same figures as TIER_LABELS). */
function tierEn(row: { tier: keyof typeof TIER_LABELS }): string {
  return TIER_LABELS[row.tier].replace(/分$/u, " points");
}

/**
 * "这个月能拿45条吗": a number of quotes granted the merchant asks about (not last month's count),
 * answered yes or no before the tier.
 */
function askedQuotes(slots: Slots, lastMonth: NumberSlot | undefined, granted: RfqEntitlements["quotesGranted"]): { zh: string; en: string } {
  const n = slots.numbers.find((x) => x !== lastMonth && x.kind === "count" && x.unit === "条" && /(?:能|可以|可)(?:按[^，。,.？?\d]{0,8})?(?:拿|得|有|领|获得)(?:到)?\s*$|拿到\s*$|(?:这个月|本月|this month)(?:就|会)?(?:是|有|给|拿)\s*$|\bcan (?:i|we) (?:get|receive)\s*$/u.test(x.lead));
  if (!n || typeof granted !== "number") return { zh: "", en: "" };
  // "只能拿20条对吧": the merchant believes it is only that many.
  if (/只|only|just/u.test(n.lead) && n.value < granted) return { zh: `不止 ${n.value} 条，本月是 ${granted} 条：`, en: `More than ${n.value}: this month's quotes granted are ${granted}; ` };
  return n.value <= granted
    ? { zh: `能拿到 ${n.value} 条（本月 ${granted} 条）：`, en: `Yes, ${n.value} is within this month's ${granted} quotes granted: ` }
    : { zh: `拿不到 ${n.value} 条，本月是 ${granted} 条：`, en: `No, not ${n.value}: this month's quotes granted are ${granted}; ` };
}

/** The free-quotes entitlement (报价畅行) in English: "free quotes (报价畅行): 15 quotes". */
function freeQuotingEn(q: RfqEntitlements["freeQuotes"]): string {
  return `free quotes (报价畅行): ${q === "unlimited" ? "unlimited" : q === "none" ? "none" : `${String(q)} quotes`}`;
}

function entitlementTextEn(e: RfqEntitlements): string {
  // The English terms of the rule table (docs/languages.md): quotes granted (赠送报价), free quotes (报价畅行).
  const granted = e.quotesGranted === "none" ? "no quotes granted (赠送报价)" : `${String(e.quotesGranted)} quotes granted (赠送报价)`;
  const free = freeQuotingEn(e.freeQuotes);
  return `${granted} a month, ${free}, ${e.earlyThreeStarLeads ? "3-star RFQs 6 hours early" : `no 3-star RFQs 6 hours early (from ${EARLY_LEADS_FROM} points)`}`;
}

/**
 * "本月3号能先到多少", "15号发几条", "when do they come in": the question asks about the issue days.
 * "今天8号了，我后台只看到15条", "今天是8月14號…全部到帳了吗", "today is the 10th": the day it is now
 * says how many have come already.
 */
const ISSUE_DAY_WORDS = new RegExp(`(?:^|[^\\d])(?:${RFQ_ISSUE_DAYS.join("|")})\\s*(?:号|日|th|rd)|发一半|先到|先发|第一次发|什么时候(?:到|发|给)|几号(?:到|发)|到账|到帐|少发|只(?:看到|收到|到了)|first (?:half|issue|batch)|when (?:do|will|does|are) (?:they|it|the (?:granted )?quotes?)[^.?!]{0,12}(?:come|arrive|issued|credited)|(?:come|arrive) in\\b`, "u");
const TODAY_DAY = /(?:今天|今日|现在|到今天)(?:是|已经|都)?\s*(?:\d{1,2}\s*月\s*)?(\d{1,2})\s*[号日]|today is (?:the )?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*)?(\d{1,2})(?:st|nd|rd|th)?\b/u;

/** The quotes the merchant sees have come ("后台只看到15条", "we only got 15"). */
const SEEN_QUOTES = /(?:只|才|看到|收到|到了|到账|到帐|only (?:see|got|received|have)|we (?:see|got|received))\s*(?:了)?\s*$/u;

/** The line a grant gets when the question asks about the issue days: each brings half, and by today so many. */
function issueHalf(slots: Slots, quotes: number | "none" | "unlimited" | "formula"): { zh: string; en: string } {
  if (typeof quotes !== "number" || !ISSUE_DAY_WORDS.test(slots.text)) return { zh: "", en: "" };
  const half = quotes / RFQ_ISSUE_DAYS.length;
  const h = formatNumber(half, 1);
  const todayDate = slots.dates.find((d) => /(?:今天|今日|现在|today|now)\s*(?:是|is|it is)?\s*$/u.test(d.before));
  const today = todayDate ? undefined : TODAY_DAY.exec(slots.text);
  const day = todayDate ? todayDate.instant.day : today ? Number(today[1] ?? today[2]) : undefined;
  const byZh = todayDate ? todayDate.instant.toFormat("M月d日") : `${day}号`;
  let zh = `；每月分 ${RFQ_ISSUE_DAYS.length} 次各发一半：${RFQ_ISSUE_DAYS.map((d) => `${d}号发 ${h} 条`).join("，")}`;
  let en = `; issued in ${RFQ_ISSUE_DAYS.length} halves: ${RFQ_ISSUE_DAYS.map((d) => `${h} on the ${ordinalEn(d)}`).join(", ")}`;
  if (day !== undefined && day >= 1 && day <= 31) {
    const come = RFQ_ISSUE_DAYS.filter((d) => d <= day);
    const next = RFQ_ISSUE_DAYS.find((d) => d > day);
    const arrived = formatNumber(half * come.length, 1);
    // "我后台只看到15条": the count seen, against the count due by then.
    const seen = slots.numbers.find((n) => n.kind === "count" && SEEN_QUOTES.test(n.lead))?.value;
    const short = seen === undefined ? undefined : half * come.length - seen;
    const verdict = short === undefined ? "" : short <= 0 ? "，没有少发" : `，你看到 ${seen} 条，少了 ${formatNumber(short, 1)} 条，请联系客户经理核实`;
    const verdictEn = short === undefined ? "" : short <= 0 ? ", none missing" : `; you see ${seen}, ${formatNumber(short, 1)} short: ask your account manager to check`;
    zh += next === undefined ? `；到${byZh}应已全部发放（${arrived} 条）${verdict}` : `；到${byZh}还没有全部发放：应已发 ${arrived} 条${verdict}；还有 ${h} 条${next}号发`;
    en += next === undefined ? `; by the ${ordinalEn(day)} all ${arrived} should have been issued${verdictEn}` : `; by the ${ordinalEn(day)} not all have been issued: ${arrived} should have come${verdictEn}; the other ${h} come on the ${ordinalEn(next)}`;
  }
  return { zh, en };
}

/** A question that looks at the next tier: the gap or what reaching it brings. */
const NEXT_TIER_ASKED = /差|升到|升档|涨到|提到|到了|下一档|再.{0,4}分|就有|就能|能多|多几|多拿|next tier|higher tier|reach|short|more points|points? more|until|go up|get to/u;

/** What the next tier brings beyond this one: "多 10 条赠送报价、多 5 条报价畅行，并可享三星商机提前6小时先享". */
function tierGain(now: RfqEntitlements, next: RfqEntitlements): { zh: string; en: string } {
  const count = (v: number | "none" | "unlimited") => (v === "none" ? 0 : v);
  const zh: string[] = [];
  const en: string[] = [];
  const [ga, gb] = [now.quotesGranted === "none" ? 0 : now.quotesGranted, next.quotesGranted === "none" ? 0 : next.quotesGranted];
  if (gb > ga) {
    zh.push(`多 ${gb - ga} 条赠送报价`);
    en.push(`${gb - ga} more quotes granted`);
  }
  const [fa, fb] = [count(now.freeQuotes), count(next.freeQuotes)];
  if (fb === "unlimited" && fa !== "unlimited") {
    zh.push("报价畅行变为无限制");
    en.push("unlimited free quotes");
  } else if (typeof fa === "number" && typeof fb === "number" && fb > fa) {
    zh.push(`多 ${fb - fa} 条报价畅行`);
    en.push(`${fb - fa} more free quotes`);
  }
  if (next.earlyThreeStarLeads && !now.earlyThreeStarLeads) {
    zh.push("并且有三星商机提前6小时先享");
    en.push("and 3-star RFQs 6 hours early");
  }
  return zh.length === 0 ? { zh: "", en: "" } : { zh: `，比现在${zh.join("、").replace("、并且", "，并且")}`, en: `, that is ${en.join(", ").replace(", and", " and")} than now` };
}

/** "还差 1 分到 60 分（60–69分档：服务力赠送报价 10 条，报价畅行 5 条）": the gap to the next tier and, when asked, what that tier brings. */
function nextTierGap(row: RfqTierRow, total: number, slots: Slots): { zh: string; en: string } {
  const upper = RFQ_TIER_TABLE[RFQ_TIER_TABLE.indexOf(row) - 1];
  if (!upper) return { zh: "", en: "" };
  const u = entitlementsOf(upper, 0);
  // What the next tier brings, when the question looks at it ("是不是就差一分就有报价畅行了").
  const show = upper.quotesGranted !== "formula" && NEXT_TIER_ASKED.test(slots.text);
  const gain = show ? tierGain(entitlementsOf(row, 0), u) : { zh: "", en: "" };
  const brings = show ? `：${entitlementText(u).split("，").slice(0, 2).join("，")}${gain.zh}` : "";
  const bringsEn = show ? `: ${entitlementTextEn(u).split(", ").slice(0, 2).join(", ")}${gain.en}` : "";
  return {
    zh: `；还差 ${upper.minTotal - total} 分到 ${upper.minTotal} 分（${TIER_LABELS[upper.tier]}档${brings}）`,
    en: `; ${countEn(upper.minTotal - total, "point", "points")} short of ${upper.minTotal} (the ${tierEn(upper)} tier${bringsEn})`,
  };
}

/** Two scores (before and after): each one's tier and grant, and the difference in quotes granted. */
/**
 * Two scores of one merchant, the one now and the one it goes to (or is compared with): both
 * tiers side by side. The top tier's quotes follow last month's quotes, so it needs that count.
 */
function scoreChange(from: number, to: number, gold: boolean, quotesLastMonth?: number): Calculation {
  const bonus = gold ? RFQ_GOLD_BONUS : 0;
  const [a, b] = [tierRowOf(from + bonus), tierRowOf(to + bonus)];
  for (const row of [a, b]) {
    if (row.quotesGranted === "formula" && quotesLastMonth === undefined) {
      return needs(`${TIER_LABELS[row.tier]}档的赠送条数按上月报价条数计：请告诉我上月报价条数。`, `In the ${tierEn(row)} tier the quotes granted follow the number of quotes you sent last month: tell me how many you sent.`);
    }
  }
  const [ea, eb] = [entitlementsOf(a, quotesLastMonth ?? 0), entitlementsOf(b, quotesLastMonth ?? 0)];
  // The top tier's count as the formula gives it: max(floor, last month), at most the cap.
  const formula = [ea, eb].map((e) => e.quotesGrantedRule).find((f) => f !== null);
  const top = [a, b].find((r) => r.quotesGranted === "formula");
  const formulaZh = formula && top ? `；${TIER_LABELS[top.tier]}档：max(${formula.floor}, 上月 ${formula.lastMonth}) = ${Math.max(formula.floor, formula.lastMonth)}，封顶 ${formula.cap}` : "";
  const formulaEn = formula && top ? `; ${tierEn(top)} tier: max(${formula.floor}, last month ${formula.lastMonth}) = ${Math.max(formula.floor, formula.lastMonth)}, capped at ${formula.cap}` : "";
  const qa = ea.quotesGranted === "none" ? 0 : ea.quotesGranted;
  const qb = eb.quotesGranted === "none" ? 0 : eb.quotesGranted;
  const diff = qb - qa;
  // The free quotes' change too ("What we get more now?"): a difference only between two counts.
  const [ca, cb] = [ea.freeQuotes, eb.freeQuotes].map((f) => (f === "none" ? 0 : f));
  const [fa, fb] = [ca, cb].map((f) => (f === "unlimited" ? "不限量" : String(f)));
  const [faEn, fbEn] = [String(ca), String(cb)];
  const freeDiff = typeof ca === "number" && typeof cb === "number" ? cb - ca : 0;
  // The free quotes' change beside the granted ones' (报价畅行 10 → 15 is 5 more; to the top tier, no limit).
  const freeChange =
    freeDiff !== 0
      ? { zh: `，报价畅行${freeDiff > 0 ? `多 ${freeDiff}` : `少 ${-freeDiff}`} 条`, en: `, ${Math.abs(freeDiff)} ${freeDiff > 0 ? "more" : "fewer"} free quotes` }
      : cb !== ca && (cb === "unlimited" || ca === "unlimited")
        ? cb === "unlimited"
          ? { zh: "，报价畅行变为不限量", en: ", and free quotes become unlimited" }
          : { zh: "，报价畅行不再不限量", en: ", and free quotes are no longer unlimited" }
        : { zh: "", en: "" };
  const label = (v: number) => (gold ? `${v} + 金品 ${RFQ_GOLD_BONUS} = ${v + bonus} 分` : `${v} 分`);
  const labelEn = (v: number) => (gold ? `${v} + Gold ${RFQ_GOLD_BONUS} = ${v + bonus} points` : `${v} points`);
  return {
    kind: "computed",
    result: `${label(from)}（${TIER_LABELS[a.tier]}档）赠送报价 ${qa} 条 → ${label(to)}（${TIER_LABELS[b.tier]}档）赠送报价 ${qb} 条：${diff === 0 ? "条数不变" : diff > 0 ? `多 ${diff} 条` : `少 ${-diff} 条`}${freeChange.zh}；${label(to)}时：${entitlementText(eb)}`,
    arithmetic: `${qb} − ${qa} = ${diff} 条（报价畅行 ${fa} → ${fb}${freeDiff > 0 ? `，多 ${freeDiff} 条` : freeDiff < 0 ? `，少 ${-freeDiff} 条` : ""}）${formulaZh}`,
    rule: `服务分档位：${RFQ_TIER_TABLE.map((r) => TIER_LABELS[r.tier]).join(" / ")}；金品诚企总分额外 +${RFQ_GOLD_BONUS} 分`,
    source: "RFQ商家服务分升级计划 · 服务分新分层及配套权益",
    en: {
      result: `${labelEn(from)} (${tierEn(a)} tier): ${qa} quotes granted → ${labelEn(to)} (${tierEn(b)} tier): ${qb} quotes granted: ${diff === 0 ? "no change" : diff > 0 ? `${diff} more` : `${-diff} fewer`}${freeChange.en}; at ${labelEn(to)}: ${entitlementTextEn(eb)}`,
      arithmetic: `${qb} − ${qa} = ${diff} quotes (free quotes ${faEn} → ${fbEn}${freeDiff > 0 ? `, ${freeDiff} more` : freeDiff < 0 ? `, ${-freeDiff} fewer` : ""})${formulaEn}`,
      rule: `Service score tiers: ${RFQ_TIER_TABLE.map((r) => tierEn(r)).join(" / ")}; Gold Suppliers (金品诚企) get +${RFQ_GOLD_BONUS} points on the total`,
    },
  };
}

/** "涨两分", "再提高5分", "up 3 points": points gained or lost on the way to a score, not a score. */
const isRise = (n: NumberSlot | undefined) => n !== undefined && n.kind === "score" && /(?:涨|升|降|掉|跌|提高|提升|多|加|up|down|more)\s*$/u.test(n.lead) && /^\s*(?:到|至|to\b)/u.test(n.after);

/** The tier table as a rule line, with the Gold bonus, in both languages; and its source. */
const TIER_RULE = `服务分档位：${RFQ_TIER_TABLE.map((r) => TIER_LABELS[r.tier]).join(" / ")}；金品诚企总分额外 +${RFQ_GOLD_BONUS} 分，档位按含 +${RFQ_GOLD_BONUS} 的总分计`;
const TIER_RULE_EN = `Service score tiers: ${RFQ_TIER_TABLE.map((r) => tierEn(r)).join(" / ")}; Gold Suppliers (金品诚企) get +${RFQ_GOLD_BONUS} points on the total, and the tier goes by the total with the bonus`;
const TIER_SOURCE = "RFQ商家服务分升级计划 · 服务分新分层及配套权益";

/** "金品加10分", "Gold adds only 10": the bonus a merchant believes Gold gives. */
const GOLD_BONUS_CLAIM = /(?:金品|gold(?: supplier)?|verified(?: supplier)?)[^，,。.;；\d]{0,8}(?:只|只多|多|额外)?(?:加|\+|adds?(?: only)?|bonus(?: is| of)?|gives?(?: only)?)\s*\+?\s*$/u;
/** "要是买了金品", "if we buy Gold": a merchant not Gold yet asks about the tier with it. */
const GOLD_IF_BOUGHT = /(?:要是|如果|假如|若是?|等)[^，,。？?]{0,6}(?:买|开通|开|升级|加入|续)(?:了|成|到)?(?:金品|gold)|\bif (?:we|i) (?:buy|bought|get|got|upgrade to|join|joined|become)(?: an?| the)? (?:gold|verified)|\bif\b[^,.?;]{0,60}?\b(?:buys|bought|gets|upgrades to|joins|becomes|goes)(?: an?| the)? (?:gold|verified)/u;

/** "那就是75分", "that makes it 75": the merchant's own sum, made with the bonus believed. */
const CLAIMED_SUM = /(?:那就是|那就|就是|就成了|变成|成了|算下来|=|makes? it|would be|that'?s)\s*$/u;

/** The merchant believes their score brings unlimited free quotes ("报价畅行是不是无限的", "means unlimited free quotes"). */
const UNLIMITED_CLAIM = /(?:报价畅行|畅行|free quot\w*)[^。？?]{0,12}(?:无限|不限|没有上限|unlimited)|(?:无限|不限量|unlimited)[^。？?]{0,12}(?:报价畅行|畅行|free quot\w*)/u;

/** The score told already holds the Gold bonus ("已含金品加分", "already includes the Gold Supplier bonus"). */
const BONUS_INCLUDED = /(?:已经?|都已经?)(?:含|包含|包括|算上|加上|加过|加了)(?:了)?(?:金品|gold)?(?:的)?(?:\s*20\s*分?)?(?:加分|bonus)|already (?:includes?|including|included|has|with) (?:the )?(?:gold(?: supplier)?|verified(?: supplier)?)(?: \+?20)? bonus|(?:gold(?: supplier)?|verified(?: supplier)?)? ?bonus (?:is )?already (?:included|in it|in|counted)/u;

/** Replies the merchant's quotes got from buyers ("客户回了9条", "buyers replied to 9"). */
const BUYER_REPLIES_LEAD = /(?:客户|买家|buyers?|customers?)\s*(?:回|回复|replied|answered)(?:了|to)?\s*$/u;

const rfqTier: Calculator = {
  needs: ["score"],
  // With the score told, the tier reads only it and last month's quotes: orders won and money are the story.
  // nor are the buyers' replies ("客户回了9条"), a factor's input the told score already holds.
  setsAside: (n) => isOtherBusiness(n) || n.kind === "amount" || (n.kind === "count" && (/^(?:单|笔|orders?|deals?|天)$/u.test(n.unit) || BUYER_REPLIES_LEAD.test(n.lead))),
  // "89分跟90分…能拿几条赠送报价": points told with the tier's quotes are a score.
  cue: /服务分|总分|rfq.*(?:分|档)|\bscore\b|\btier\b|(?:原始|基础)分|\braw\b|金品[^，,。？?]{0,4}加\d+分|\d\s*分[^。？?\n]{0,30}(?:赠送报价|报价畅行)/u,
  run(slots, now) {
    // "我们现在不是金品…要是买了金品，能拿几条": the tier with Gold, worked out as asked.
    if (slots.gold === false && GOLD_IF_BOUGHT.test(slots.text)) {
      const r = rfqTier.run({ ...slots, gold: true }, now);
      // "compared with now": the tier without Gold, as it is today, beside it.
      const today = rfqTier.run({ ...slots, gold: null }, now);
      const nowZh = today.kind === "computed" ? `；现在（未买金品）：${today.result}` : "";
      const nowEn = today.kind === "computed" ? `; now (without Gold): ${today.en.result}` : "";
      return r.kind !== "computed" ? r : { ...r, result: `买了金品后：${r.result}${nowZh}`, en: { ...r.en, result: `With Gold: ${r.en.result}${nowEn}` } };
    }
    // "听说金品加10分，那就是75分": the Gold bonus the merchant believes, and the sum made with it, are
    // claims to correct, not scores; the tier is worked out without them and says what is right.
    const bonusClaim = slots.gold === true ? slots.numbers.find((n) => (n.kind === "plain" || n.kind === "score") && GOLD_BONUS_CLAIM.test(n.lead) && !/before|without|excluding|不含|未加|没加|加之前/u.test(n.lead)) : undefined;
    if (bonusClaim) {
      const scores = slots.numbers.filter((n) => n.kind === "plain" || n.kind === "score");
      // "加10分就52", "那总分88": the sum said after the claim, by its words or by being a score plus the claimed bonus.
      const after = scores.filter((n) => n.index > bonusClaim.index);
      const sumClaim = after.find((n) => scores.some((m) => m !== n && m !== bonusClaim && m.value + bonusClaim.value === n.value)) ?? after.find((n) => CLAIMED_SUM.test(n.lead));
      // "…42分，加10分就52": the claimed bonus said again.
      const again = scores.filter((n) => n !== bonusClaim && n.value === bonusClaim.value && /(?:加|\+|plus|add)\s*$/u.test(n.lead));
      const r = rfqTier.run({ ...slots, numbers: slots.numbers.filter((n) => n !== bonusClaim && n !== sumClaim && !again.includes(n)) }, now);
      if (r.kind !== "computed") return r;
      const right = bonusClaim.value === RFQ_GOLD_BONUS;
      return {
        ...r,
        result: `${right ? `对，金品加 ${RFQ_GOLD_BONUS} 分` : `不对，金品加的是 ${RFQ_GOLD_BONUS} 分，不是 ${bonusClaim.value} 分`}${sumClaim ? `（所以${sumClaim.value === 0 ? "" : `不是 ${sumClaim.value} 分`}）` : ""}：${r.result}`,
        en: { ...r.en, result: `${right ? `Right, Gold adds ${RFQ_GOLD_BONUS} points` : `Not quite: Gold adds ${RFQ_GOLD_BONUS} points, not ${bonusClaim.value}`}${sumClaim ? ` (so not ${sumClaim.value})` : ""}: ${r.en.result}` },
      };
    }
    const scoreSlot = scoreNumber(slots);
    const given = scoreSlot?.value;
    if (given === undefined) return needs("告诉我你的服务分（例如「服务分75」），我帮你算出档位和本档权益。", "Tell me your service score (e.g. \"service score 75\") and I'll work out your tier and what it brings.");
    // "服务分80-90分有多少", "60到70分有什么权益", "between 60 and 70": a band of the table, not the merchant's score.
    const band = /(?<![\d.])(\d{2,3})\s*(?:分)?\s*(?:-|–|~|～|到|至)\s*(\d{2,3})\s*分|between\s+(\d{2,3})\s+and\s+(\d{2,3})/u.exec(slots.text);
    if (band) {
      const [lo, hi] = [Number(band[1] ?? band[3]), Number(band[2] ?? band[4])];
      const row = tierRowOf(lo);
      const upper = RFQ_TIER_TABLE[RFQ_TIER_TABLE.indexOf(row) - 1];
      // One row of the table: from its lower bound up to the next row's ("80-90" or "80-89").
      if (lo === row.minTotal && upper && (hi === upper.minTotal || hi === upper.minTotal - 1) && row.quotesGranted !== "formula" && slots.gold !== true) {
        const e = entitlementsOf(row, 0);
        return {
          kind: "computed",
          result: `${lo}–${hi}分（${row.minTotal} ≤ 服务分 < ${upper.minTotal}）是 ${TIER_LABELS[row.tier]}档：${entitlementText(e)}`,
          arithmetic: `${row.minTotal} ≤ 服务分 < ${upper.minTotal} → ${TIER_LABELS[row.tier]}档`,
          rule: TIER_RULE,
          source: TIER_SOURCE,
          en: {
            result: `${lo}–${hi} points (${row.minTotal} ≤ score < ${upper.minTotal}) is the ${tierEn(row)} tier: ${entitlementTextEn(e)}`,
            arithmetic: `${row.minTotal} ≤ score < ${upper.minTotal} → ${tierEn(row)}`,
            rule: TIER_RULE_EN,
          },
        };
      }
    }
    // "服务分从75涨到85", "上个月80，这个月掉到72": a second score is a change of score; both tiers, side by side.
    // "要是能冲到83", "89分跟90分…两个分数各能拿几条": a score it could reach, or one compared with it.
    // "再涨一分到九十" is a rise of 1 to 90: a number of points followed by where they lead is no score.
    const second = slots.numbers.find(
      (n) => n !== scoreSlot && n.index > scoreSlot!.index && (n.kind === "plain" || n.kind === "score") && n.value <= 120 && !/^\s*(?:号|日|点|月|年|条|次)/u.test(n.after) && !/^\s*分?\s*(?:到|至|to\b)/u.test(n.after) && // a change, not a target: "从75涨到85", "掉到72", "from 79 to 80" — "差几分到70" asks the gap
        ((/(?:涨|升|降|掉|跌|变|提高|提升|冲|做|达|拉|提|回)\S{0,2}(?:到|成|为)?\s*$/u.test(n.lead) || (/从\S{0,4}$/u.test(scoreSlot!.lead) && /(?:到|→|->)\s*$/u.test(n.lead))) ||
          (/\bfrom\s*$/u.test(scoreSlot!.lead) && /\bto\s*$/u.test(n.lead)) ||
          (n.kind === "score" && scoreSlot!.kind === "score" && /(?:跟|和|与|同|对比|比|vs\.?|versus|and)\s*$/u.test(n.lead)) ||
          // "再涨两分到九十": the score the rise before it leads to.
          (/^\s*(?:到|至|to)\s*$/u.test(n.lead) && isRise(slots.numbers[slots.numbers.indexOf(n) - 1]))),
    );
    // 12 characters: "130 quotes last month" names the month after the unit.
    const quotesLastMonth = (...scores: (NumberSlot | undefined)[]) => numberNear(slots, ["count", "plain"], LAST_MONTH, 12, (n) => scores.includes(n) || n.unit === "天");
    if (second) return scoreChange(given, second.value, slots.gold === true, quotesLastMonth(scoreSlot, second)?.value);
    // "这个月掉到79.5了，上个月还82": a later score said to be the earlier one is the change the other way.
    const earlier = slots.numbers.find(
      (n) => n !== scoreSlot && (n.kind === "plain" || n.kind === "score") && n.value <= 120 && !/^\s*(?:号|日|点|月|年|条|次)/u.test(n.after) && /(?:上个?月|之前|以前|原来|原先|last month|previously|used to be)\s*(?:还|是|有|才|只有|is|was)?\s*$/u.test(n.lead),
    );
    // "91, and that already includes the Gold Supplier bonus": the score told is the total.
    const included = slots.gold === true && BONUS_INCLUDED.test(slots.text);
    if (earlier) return scoreChange(earlier.value, given, slots.gold === true && !included, quotesLastMonth(scoreSlot, earlier)?.value);
    const gold = slots.gold === true && !included;
    const total = gold ? given + RFQ_GOLD_BONUS : given;
    const row = tierRowOf(total);
    const lastMonth = quotesLastMonth(scoreSlot);
    const sum = gold ? `${given} + 金品 ${RFQ_GOLD_BONUS} = ${total} 分` : included ? `${total} 分（已含金品 ${RFQ_GOLD_BONUS} 分）` : `${total} 分`;
    const sumEn = gold ? `${given} + Gold ${RFQ_GOLD_BONUS} = ${total} points` : included ? `${total} points (the Gold ${RFQ_GOLD_BONUS} already in)` : `${total} points`;
    if (row.quotesGranted === "formula") {
      const probe = entitlementsOf(row, 0).quotesGrantedRule!;
      if (!lastMonth) {
        const e = entitlementsOf(row, 0);
        return {
          kind: "computed",
          result: `服务分 ${sum}，属于 ${TIER_LABELS[row.tier]}档：赠送报价兜底 ${probe.floor} 条、按上月报价条数报多返多、封顶 ${probe.cap} 条；报价畅行${e.freeQuotes === "unlimited" ? "无限制" : ` ${String(e.freeQuotes)} 条`}；能享受三星商机提前6小时先享`,
          arithmetic: `${sum} ≥ ${row.minTotal} → ${TIER_LABELS[row.tier]}档；赠送条数 = min(${probe.cap}, max(${probe.floor}, 上月报价条数))——告诉我上月报价条数可算出确切条数`,
          rule: TIER_RULE,
          source: TIER_SOURCE,
          en: {
            result: `A score of ${sumEn} is in the ${tierEn(row)} tier: at least ${probe.floor} quotes granted, as many as you sent last month, at most ${probe.cap}; ${freeQuotingEn(e.freeQuotes)}; 3-star RFQs 6 hours early`,
            arithmetic: `${sumEn} ≥ ${row.minTotal} → ${tierEn(row)}; quotes granted = min(${probe.cap}, max(${probe.floor}, quotes sent last month)): tell me last month's quotes for the exact number`,
            rule: TIER_RULE_EN,
          },
        };
      }
      const e = entitlementsOf(row, lastMonth.value);
      const told = askedQuotes(slots, lastMonth, e.quotesGranted);
      // Last month above the cap: not all of them come back, which the merchant often expects.
      const capped = lastMonth.value > probe.cap ? { zh: `不是全部 ${lastMonth.value} 条：封顶 ${probe.cap} 条。`, en: `Not all ${lastMonth.value}, capped at ${probe.cap}: ` } : { zh: "", en: "" };
      const asked = told.zh ? told : capped;
      return {
        kind: "computed",
        result: `${asked.zh}服务分 ${sum}，${TIER_LABELS[row.tier]}档：本月赠送报价 ${e.quotesGranted} 条（上月报价 ${lastMonth.value} 条，兜底 ${probe.floor}、报多返多、封顶 ${probe.cap}）${issueHalf(slots, e.quotesGranted).zh}，报价畅行无限制，能享受三星商机提前6小时先享`,
        arithmetic: `min(${probe.cap}, max(${probe.floor}, ${lastMonth.value})) = ${e.quotesGranted} 条`,
        rule: TIER_RULE,
        source: TIER_SOURCE,
        en: {
          result: `${asked.en}${asked.en ? "a" : "A"} score of ${sumEn} is in the ${tierEn(row)} tier: ${String(e.quotesGranted)} quotes granted this month (${lastMonth.value} quotes sent last month; at least ${probe.floor}, at most ${probe.cap})${issueHalf(slots, e.quotesGranted).en}, ${freeQuotingEn("unlimited")}, 3-star RFQs 6 hours early`,
          arithmetic: `min(${probe.cap}, max(${probe.floor}, ${lastMonth.value})) = ${String(e.quotesGranted)} quotes`,
          rule: TIER_RULE_EN,
        },
      };
    }
    const e = entitlementsOf(row, 0);
    const { zh: gap, en: gapEn } = nextTierGap(row, total, slots);
    const issue = issueHalf(slots, e.quotesGranted);
    // "上个月报了45条，这个月能拿45条吗" below the top tier: last month's quotes do not count here.
    const top = RFQ_TIER_TABLE.find((r) => r.quotesGranted === "formula");
    const notFormula = lastMonth && top ? `（上月报价 ${lastMonth.value} 条不影响本档：按上月报多返多只适用于 ${TIER_LABELS[top.tier]}档）` : "";
    const notFormulaEn = lastMonth && top ? ` (the ${lastMonth.value} quotes sent last month do not count here: quotes granted follow last month's quotes only in the ${tierEn(top)} tier)` : "";
    const asked = askedQuotes(slots, lastMonth, e.quotesGranted);
    // "85 means unlimited free quotes, right?": unlimited free quoting is the top tier's alone.
    const unlimited = UNLIMITED_CLAIM.test(slots.text) && top ? { zh: `不是：报价畅行无限制只有 ${TIER_LABELS[top.tier]}档才有。`, en: `No: unlimited free quotes come only with the ${tierEn(top)} tier. ` } : { zh: "", en: "" };
    return {
      kind: "computed",
      result: `${unlimited.zh}${asked.zh}服务分 ${sum}，属于 ${TIER_LABELS[row.tier]}档：${entitlementText(e)}${notFormula}${issue.zh}${gap}`,
      arithmetic: `${sum} 落在 ${TIER_LABELS[row.tier]}（${tierBounds(row, total)}）${gold ? `（不含金品加分时是 ${TIER_LABELS[tierRowOf(given).tier]}）` : ""}`,
      rule: TIER_RULE,
      source: TIER_SOURCE,
      en: {
        result: `${unlimited.en}${asked.en}a score of ${sumEn} is in the ${tierEn(row)} tier: ${entitlementTextEn(e)}${notFormulaEn}${issue.en}${gapEn}`.replace(/^a |(?<=\. )a /u, "A "),
        arithmetic: `${sumEn} falls in ${tierEn(row)} (${tierBounds(row, total)})${gold ? ` (without the Gold bonus: ${tierEn(tierRowOf(given))})` : ""}`,
        rule: TIER_RULE_EN,
      },
    };
  },
};

/** The question seen with one factor's figure only: computed as that factor alone, never split again. */
const ONE_FACTOR_VIEWS = new WeakSet<Slots>();

const FACTOR_WORDS: readonly { factor: RfqFactor; kinds: NumberSlot["kind"][]; near: RegExp; name: string; nameEn: string }[] = [
  { factor: "loginDays", kinds: ["count"], near: /登录|登陆|login|logged in|log in|上线/u, name: "本月至今RFQ登录天数", nameEn: "RFQ login days this month" },
  { factor: "buyerReplyRate", kinds: ["percent"], near: /买家回复|回复率|回复律|reply rate|replied/u, name: "近30天报价买家回复率", nameEn: "Buyer reply rate to quotes, last 30 days" },
  // "RFQ相关的到账是4800美金", "RFQ money received": money received is what the factor counts.
  { factor: "gmv90d", kinds: ["amount"], near: /gmv|交易额|实收|实受|成交|到账|到帐|收到|received|turnover/u, name: "RFQ近90天累计实收GMV", nameEn: "RFQ GMV received, last 90 days" },
];

/**
 * The buyer reply rate as written ("回复率35%"), or as the two counts it is made of ("报价50条，
 * 买家回了4条" → 8%): the rate is replies ÷ quotes, as the briefing defines it.
 */
function replyRateSlot(slots: Slots, near: RegExp): NumberSlot | undefined {
  const rates = slots.numbers.filter((x) => x.kind === "percent" && !/前|top\s*$/u.test(x.before.slice(-5)));
  const written =
    rates.find((x) => near.test(x.before.slice(-8))) ??
    rates.find((x) => near.test(x.after.slice(0, 6))) ??
    // "Our reply rate from buyers is 25%": the one rate in a question that names it.
    (rates.length === 1 && near.test(slots.text) ? rates[0] : undefined);
  if (written) return written;
  // "回复率是0": a rate of nothing, written without a percent sign.
  const zero = slots.numbers.find((x) => x.kind === "plain" && x.value === 0 && near.test(x.before.slice(-8)));
  if (zero) return { ...zero, kind: "percent", unit: "%" };
  const counts = slots.numbers.filter((x) => x.kind === "count" && /条|个/u.test(x.unit));
  const quotes = counts.find((x) => /报价|报了|quote/u.test(x.before.slice(-6) + x.after.slice(0, 3)));
  // "9条有买家回复": the word may come a few characters after the count.
  const replies = counts.find((x) => x !== quotes && /回复|回了|回覆|replied|repl/u.test(x.before.slice(-6) + x.after.slice(0, 6)));
  if (!quotes || !replies || quotes.value <= 0 || replies.value > quotes.value) return undefined;
  return { ...replies, value: replies.value / quotes.value, kind: "percent", unit: "%", raw: `${replies.raw}/${quotes.raw}` };
}

/** A factor's figure by the words next to it, or the one figure of its kind in a question that names the factor. */
function factorSlot(slots: Slots, kinds: readonly NumberSlot["kind"][], near: RegExp): NumberSlot | undefined {
  const pool = slots.numbers.filter((x) => kinds.includes(x.kind));
  // Only when it is the only figure at all: with other numbers about, which one is meant is a guess.
  return (
    pool.find((x) => near.test(x.before) || near.test(x.after.slice(0, 6))) ??
    pool.find((x) => near.test(x.lead)) ??
    // ("就一单…8000美金": a one is an article, no other figure.)
    (slots.numbers.filter((x) => !x.period && !needsNoPlace(x)).length === 1 && pool.filter((x) => !x.period).length === 1 && near.test(slots.text) ? pool.find((x) => !x.period) : undefined)
  );
}

/** The words of a figure's own clause: those leading up to it and those after it up to the next comma. */
const clauseOf = (slots: Slots, n: NumberSlot) => `${n.lead} ${sentenceAfter(slots, n).split(/[，,；;]/u)[0] ?? ""}`;

/** "订单起草了3000美金，买家还没付款", "下周才付": money not received (an order drafted, unpaid, due later). */
const UNPAID = /起草|(?:还)?(?:没|未)(?:有)?(?:付款|支付|付钱|到账|收款|付)|才(?:付|到账)|pending|unpaid|not (?:yet )?(?:been )?paid|(?:hasn't|has not|haven't|have not) (?:yet )?paid|draft(?:ed)?/u;
/** "没有起草没付的单子", "no unpaid orders": the merchant saying there is none. */
const NO_UNPAID = /(?:没有|没|无)(?:起草|未付|没付|未支付|待付)[^，,。；;]*(?:单子|订单|单)|\bno (?:unpaid|drafted?|pending)\b[^,.;]*/gu;
/** Whether a text tells of money not received, other than saying there is none. */
const mentionsUnpaid = (text: string) => UNPAID.test(text.replace(NO_UNPAID, ""));

/** One factor's points at a value, by the rule's own scoring. */
function factorPoints(factor: RfqFactor, value: number): number | undefined {
  const rfq =
    factor === "loginDays" ? partialRfq({ loginDaysMonthToDate: value }) : factor === "buyerReplyRate" ? partialRfq({ buyerReplyRate30d: Math.min(1, value) }) : partialRfq({ gmv90dUsd: value });
  const score = scoreRfq(partialMerchant({ rfq }), []);
  return score.ok ? score.factors.find((x) => x.factor === factor)?.points : undefined;
}

/** The words that make a second figure of one factor its new value ("明天再登一次变成12天", "from 20% to 35%"). */
const FACTOR_CHANGE_TO = /(?:变成|变为|到|涨到|提到|提高到|增加到|升到|冲到|达到|become|becomes|goes? (?:up )?to|rises? to|up to|reach(?:es)?|to)\s*$/u;

/**
 * A factor told at two values, the second its change ("登录了11天，明天再登一次变成12天，能多拿几分"):
 * the factor at each and the points gained or lost, or undefined when the question is not that.
 */
function factorChange(slots: Slots, now: DateTime): Calculation | undefined {
  for (const f of FACTOR_WORDS) {
    const same = slots.numbers.filter((n) => f.kinds.includes(n.kind) && (f.factor !== "loginDays" || n.unit === "天") && !n.period);
    if (same.length !== 2 || !FACTOR_CHANGE_TO.test(same[1]!.lead) || !f.near.test(slots.text)) continue;
    // Each value on its own ("再登1次" is how the change came, not a figure of the factor).
    const [a, b] = same.map((n) => rfqFactor.run({ ...slots, numbers: slots.numbers.filter((m) => m === n || !f.kinds.includes(m.kind)) }, now));
    if (a?.kind !== "computed" || b?.kind !== "computed") return undefined;
    const [pa, pb] = same.map((n) => factorPoints(f.factor, n.value));
    if (pa === undefined || pb === undefined) return undefined;
    const d = pb - pa;
    return {
      ...b,
      result: `${a.result} → ${b.result}：${d === 0 ? "得分不变" : d > 0 ? `多 ${formatNumber(d, 1)} 分` : `少 ${formatNumber(-d, 1)} 分`}`,
      arithmetic: `${pb} − ${pa} = ${formatNumber(d, 1)} 分`,
      en: { ...b.en, result: `${a.en.result} → ${b.en.result}: ${d === 0 ? "no change" : d > 0 ? `${countEn(d, "point", "points")} more` : `${countEn(-d, "point", "points")} fewer`}`, arithmetic: `${pb} − ${pa} = ${formatNumber(d, 1)} points` },
    };
  }
  return undefined;
}

const rfqFactor: Calculator = {
  needs: ["factor-value"],
  // An offline deal or another client's order beside the RFQ money is not RFQ GMV.
  setsAside: (n) => isOtherBusiness(n) || isOfflineDeal(n),
  cue: /^(?=[\s\S]*(?:登录|登陆|login|回复率|回复律|买家回|reply rate|gmv|实收|实受|到账|到帐))(?=[\s\S]*(?:分|points?|score|下一档|next (?:band|tier|level)))/u,
  run(slots, now) {
    const change = factorChange(slots, now);
    if (change) return change;
    const given = FACTOR_WORDS.filter((f) => (f.factor === "buyerReplyRate" ? replyRateSlot(slots, f.near) : factorSlot(slots, f.kinds, f.near)));
    // "How many points do these two factors give?": each factor's points, when no total is asked.
    if (given.length > 1 && !ONE_FACTOR_VIEWS.has(slots) && !/总分|total|tier|档|服务分(?:是|能|有)?多少|score is/u.test(slots.text)) {
      const each = given.map((f) => {
        const n = f.factor === "buyerReplyRate" ? replyRateSlot(slots, f.near) : factorSlot(slots, f.kinds, f.near);
        const view: Slots = { ...slots, numbers: slots.numbers.filter((x) => x === n || x.period) };
        ONE_FACTOR_VIEWS.add(view);
        return rfqFactor.run(view, now);
      });
      const joined = eachComputed(each, true);
      if (joined) return joined;
    }
    if (given.length > 1) return needs("你给了几项因子的数字：要算总分，请一起说明报价个数和24小时响应率的同行排名（例如「都在同行前10%」）；要算单项，一次问一项。", "You gave figures for several factors: for the total score, also say where your quote count and 24-hour response rate rank among peers (e.g. \"both in the peer top 10%\"); for one factor, ask one at a time.");
    // "起草了8000美金的订单买家还没付款，另外已经到账的有1900美金": the unpaid amount is left out, the received one counts.
    const usd = slots.numbers.filter((x) => x.kind === "amount" && x.currency !== "CNY");
    const ownClause = (x: NumberSlot) => clauseOf(slots, x);
    const unpaidAmounts = usd.filter((x) => mentionsUnpaid(ownClause(x)));
    const others = usd.filter((x) => !unpaidAmounts.includes(x));
    const paidAmount = unpaidAmounts.length === 0 ? undefined : others.length === 1 ? others[0] : others.find((x) => /到账|实收|收到|已收|received|paid in/u.test(ownClause(x)));
    for (const f of FACTOR_WORDS) {
      const found = f.factor === "buyerReplyRate" ? replyRateSlot(slots, f.near) : factorSlot(slots, f.kinds, f.near);
      const n = f.factor === "gmv90d" && paidAmount ? paidAmount : found;
      if (!n || (f.factor === "loginDays" && n.unit !== "天") || (f.factor === "gmv90d" && n.currency === "CNY")) continue;
      // briefing: RFQ近90天交易额 counts money received; an order drafted but not paid is not counted.
      // Only money not received at all ("起草了3000美金的订单，买家还没付款") makes the factor's GMV nothing.
      // (With one amount, the message's unpaid words are about it: "GMV 1.8万美金，都是起草的买家还没付".)
      const unpaid = f.factor === "gmv90d" && !paidAmount && mentionsUnpaid(slots.text) && (others.length === 0 || usd.length === 1);
      const leftOut = f.factor === "gmv90d" && paidAmount ? `（起草未支付的 ${unpaidAmounts.map((x) => formatUsd(x.value)).join("、")} 不计入）` : "";
      const leftOutEn = f.factor === "gmv90d" && paidAmount ? ` (the ${unpaidAmounts.map((x) => usdEn(x.value)).join(", ")} drafted but unpaid does not count)` : "";
      const rfq =
        f.factor === "loginDays"
          ? partialRfq({ loginDaysMonthToDate: n.value })
          : f.factor === "buyerReplyRate"
            ? partialRfq({ buyerReplyRate30d: Math.min(1, n.value) })
            : partialRfq({ gmv90dUsd: unpaid ? 0 : n.value });
      const score = scoreRfq(partialMerchant({ rfq }), []);
      if (!score.ok) break;
      const fs = score.factors.find((x) => x.factor === f.factor)!;
      const derived = n.raw.includes("/") ? `（${n.raw} = ${formatNumber(n.value * 100, 1)}%）` : "";
      const shown = f.factor === "loginDays" ? `${formatNumber(n.value)} 天` : f.factor === "buyerReplyRate" ? `${formatPercent(n.value)}${derived}` : formatUsd(n.value);
      // How far the next band is: whole days (one more when the band is "more than"), percentage
      // points or dollars ("以上"/"more than" when reaching the figure itself is not enough).
      const nx = fs.next;
      const strict = nx?.op === ">";
      const shortZh = !nx
        ? ""
        : f.factor === "loginDays"
          ? `（还差 ${nx.value - n.value + (strict ? 1 : 0)} 天）`
          : f.factor === "buyerReplyRate"
            ? `（还差 ${formatPoints(nx.value - n.value)}${strict ? "以上" : ""}）`
            : `（还差 ${formatUsdGap(nx.value - n.value)}${strict ? "以上" : ""}）`;
      const shortEn = !nx
        ? ""
        : f.factor === "loginDays"
          ? ` (${countEn(nx.value - n.value + (strict ? 1 : 0), "more day", "more days")})`
          : f.factor === "buyerReplyRate"
            ? ` (${strict ? "more than " : ""}${formatNumber((nx.value - n.value) * 100, 1, "up")} percentage points more)`
            : ` (${strict ? "more than " : ""}${usdEn(nx.value - n.value, "up")} more)`;
      // The points the next band adds ("多 1 分"), and, at exactly a "≥" threshold, what one day or
      // one dollar less would give ("少 1 美元（1,999 美元）就只得 5 分").
      const gainZh = nx && nx.points > fs.points ? `，多 ${nx.points - fs.points} 分` : "";
      const gainEn = nx && nx.points > fs.points ? `, ${countEn(nx.points - fs.points, "more point", "more points")}` : "";
      const next = nx ? `；下一档 ${nx.op === ">=" ? "≥" : ">"} ${f.factor === "buyerReplyRate" ? formatPercent(nx.value) : f.factor === "gmv90d" ? formatUsd(nx.value) : `${nx.value} 天`} 得 ${nx.points} 分${shortZh.replace(/）$/u, `${gainZh}）`)}` : "；已满分";
      const shownEn = f.factor === "loginDays" ? `${formatNumber(n.value)} days` : f.factor === "buyerReplyRate" ? `${formatPercent(n.value)}${derived ? ` (${n.raw} = ${formatNumber(n.value * 100, 1)}%)` : ""}` : usdEn(n.value);
      // The band reached, in the rule table's terms ("≥ 10%"), beside its points.
      const rungs = f.factor === "loginDays" ? RFQ_LOGIN_DAY_RUNGS : f.factor === "buyerReplyRate" ? RFQ_BUYER_REPLY_RUNGS : RFQ_GMV_RUNGS;
      const reached = [...rungs].reverse().find((r) => (r.op === ">=" ? fs.input >= r.value : fs.input > r.value));
      const bandValue = (v: number, en: boolean) => (f.factor === "buyerReplyRate" ? formatPercent(v) : f.factor === "gmv90d" ? (en ? usdEn(v) : formatUsd(v)) : en ? `${v} days` : `${v} 天`);
      const reachedZh = reached ? `（${reached.op === ">=" ? "≥" : ">"} ${bandValue(reached.value, false)}）` : "";
      const reachedEn = reached ? ` (${reached.op === ">=" ? "≥" : ">"} ${bandValue(reached.value, true)})` : "";
      const nextEn = nx ? `; next band ${nx.op === ">=" ? "≥" : ">"} ${f.factor === "buyerReplyRate" ? formatPercent(nx.value) : f.factor === "gmv90d" ? usdEn(nx.value) : `${nx.value} days`}: ${nx.points} points${shortEn.replace(/\)$/u, `${gainEn})`)}` : "; full marks";
      const onEdge = reached && reached.op === ">=" && fs.input === reached.value && f.factor !== "buyerReplyRate";
      const belowPoints = onEdge ? (rungs[rungs.indexOf(reached) - 1]?.points ?? 0) : 0;
      const edgeZh = onEdge
        ? `；正好在 ${bandValue(reached.value, false)} 的门槛上：少 1 ${f.factor === "loginDays" ? "天" : "美元"}（${f.factor === "loginDays" ? `${reached.value - 1} 天` : formatUsd(reached.value - 1)}）就只得 ${belowPoints} 分`
        : "";
      const edgeEn = onEdge
        ? `; exactly on the ${bandValue(reached.value, true)} threshold: ${f.factor === "loginDays" ? "1 day" : "US$1"} less (${f.factor === "loginDays" ? `${reached.value - 1} days` : usdEn(reached.value - 1)}) gives only ${belowPoints} points`
        : "";
      if (unpaid) {
        return {
          kind: "computed",
          result: `起草未支付的订单不计入：${f.name}按 0 美元算 → 该项得 ${fs.points} 分（满分 ${fs.max} 分）`,
          arithmetic: `${shown} 尚未付款，不计入实收GMV；0 美元所在的档位得 ${fs.points} 分`,
          rule: `RFQ近90天交易额 = 近90天RFQ相关实际到账金额，起草未支付订单不计算`,
          source: "RFQ商家服务分升级计划 · 服务分5大因子规则",
          en: {
            result: `Orders drafted but not paid do not count: ${f.nameEn} is US$0 → ${fs.points} points for this factor (out of ${fs.max})`,
            arithmetic: `${shownEn} is not paid yet, so it is not received GMV; US$0 is in the band worth ${fs.points} points`,
            rule: "RFQ GMV in the last 90 days is the RFQ money actually received; orders drafted but not paid do not count",
          },
        };
      }
      return {
        kind: "computed",
        result: `${f.name} ${shown} → 该项得 ${fs.points} 分（满分 ${fs.max} 分）`,
        arithmetic: `${shown}${leftOut} 所在的档位${reachedZh}得 ${fs.points} 分${edgeZh}${next}`,
        rule: `服务分5大因子：${f.name}按阈值计分，满分 ${fs.max} 分`,
        source: "RFQ商家服务分升级计划 · 服务分5大因子规则",
        en: {
          result: `${f.nameEn} ${shownEn} → ${fs.points} points for this factor (out of ${fs.max})`,
          arithmetic: `${shownEn}${leftOutEn} is in the band${reachedEn} worth ${fs.points} points${edgeEn}${nextEn}`,
          rule: `The service score has 5 factors; ${f.nameEn.toLowerCase()} scores by thresholds, at most ${fs.max} points`,
        },
      };
    }
    // "报价个数同行排名前5%": the top 10% of peers get the factor's full points; below that the
    // points follow the exact rank, which one percentage does not give.
    const rank = slots.numbers.find((n) => n.kind === "percent" && /(?:前|top)\s*$/u.test(n.before));
    const factorName = QUOTES_FACTOR.test(slots.text) || /quote (?:number|count)|quotes? (?:in|among)/u.test(slots.text) ? "quotes" : RESPONSE_FACTOR.test(slots.text) ? "responseRate24h" : undefined;
    if (rank && factorName && rank.value > 0 && rank.value <= 1) {
      const zh = factorName === "quotes" ? "本月报价个数" : "24小时报价响应率";
      const en = factorName === "quotes" ? "Quotes this month" : "The 24-hour quote response rate";
      const topShare = 0.1;
      if (rank.value <= topShare) {
        return {
          kind: "computed",
          result: `${zh}同行排名前 ${formatPercent(rank.value)}，在前 ${formatPercent(topShare)} 以内 → 该项得 ${RFQ_PEER_TOP_POINTS} 分（满分）`,
          arithmetic: `前 ${formatPercent(rank.value)} ≤ 前 ${formatPercent(topShare)} → ${RFQ_PEER_TOP_POINTS} 分`,
          rule: `服务分5大因子：${zh}与同行对比，同行TOP前10%得 ${RFQ_PEER_TOP_POINTS} 分（满分），排名越前分数越高`,
          source: "RFQ商家服务分升级计划 · 服务分5大因子规则",
          en: {
            result: `${en} in the top ${formatPercent(rank.value)} of peers is within the top ${formatPercent(topShare)} → ${RFQ_PEER_TOP_POINTS} points for this factor (full marks)`,
            arithmetic: `top ${formatPercent(rank.value)} ≤ top ${formatPercent(topShare)} → ${RFQ_PEER_TOP_POINTS} points`,
            rule: `The service score has 5 factors; this one compares you with your peers: the top 10% get ${RFQ_PEER_TOP_POINTS} points (full marks), a higher rank scores more`,
          },
        };
      }
    }
    if (slots.numbers.some((n) => /报价个数|报价数|响应率|报价率/u.test(n.before))) {
      return needs("「本月报价个数」和「24小时报价响应率」按同行排名计分，单凭你的数字算不出：绑定商户后发送 /score 可按同行数据算出。", "The quote count this month and the 24-hour quote response rate are scored by your rank among peers, so your own figure alone cannot give the points: bind your account and send /score to have them worked out from peer data.");
    }
    return needs("告诉我某一项的数字（例如「登录了15天」「买家回复率35%」「RFQ近90天GMV 6000美元」），我帮你算这一项得几分。", "Tell me one factor's figure (e.g. \"logged in 15 days\", \"buyer reply rate 35%\", \"RFQ GMV US$6,000 in the last 90 days\") and I'll work out its points.");
  },
};

const rfqStarBonus: Calculator = {
  needs: ["gmvUsd", "entitlementUsage"],
  cue: /营销力|星等级|marketing.{0,12}(?:star|power|bonus)|star level/u,
  run(slots) {
    const gmv = usdAmount(slots, /gmv|实收|交易额/u);
    const usage = numberNear(slots, ["percent"], /消耗|使用|用了|usage|used|consum|权益|entitlement|benefit/u, 10);
    if (!gmv || !usage) return needs("告诉我RFQ近90天实收GMV（美元）和本月免费权益消耗比例（例如「GMV 3万美元，权益用了70%」），我帮你算营销力加几分。", "Tell me your RFQ GMV received in the last 90 days (US$) and the share of this month's free benefits used (e.g. \"GMV US$30,000, 70% of benefits used\") and I'll work out the marketing points.");
    const score = scoreRfq(partialMerchant({ rfq: partialRfq({ gmv90dUsd: gmv.value, freeEntitlementUsage: Math.min(1, usage.value) }) }), []);
    if (!score.ok) return needs("请给出GMV和权益消耗比例。", "Please give the GMV and the share of benefits used.");
    const star = score.marketingStar;
    // The rung reached, as the rule table states it.
    const rung = RFQ_STAR_RUNGS.find((r) => r.bonus === star.bonus);
    const gmvPoints = score.factors.find((f) => f.factor === "gmv90d")!;
    // What the next rung needs, and how far the figures are from it.
    const gmvShort = star.next ? Math.max(0, star.next.minGmvUsd - gmv.value) : 0;
    const usageShort = star.next ? Math.max(0, star.next.minUsage - Math.min(1, usage.value)) : 0;
    const shortZh = [gmvShort > 0 ? `GMV 还差 ${formatUsdGap(gmvShort)}` : "", usageShort > 0 ? `消耗还差 ${formatPoints(usageShort)}` : ""].filter(Boolean).join("，");
    const shortEn = [gmvShort > 0 ? `GMV ${usdEn(gmvShort, "up")} short` : "", usageShort > 0 ? `usage ${formatNumber(usageShort * 100, 1, "up")} percentage points short` : ""].filter(Boolean).join(", ");
    const next = star.next ? `；要拿 +${star.next.bonus} 分需 GMV ≥ ${formatUsd(star.next.minGmvUsd)} 且消耗 ≥ ${formatPercent(star.next.minUsage)}${shortZh ? `（${shortZh}）` : ""}` : "";
    const nextEn = star.next ? `; +${star.next.bonus} needs GMV ≥ ${usdEn(star.next.minGmvUsd)} and usage ≥ ${formatPercent(star.next.minUsage)}${shortEn ? ` (${shortEn})` : ""}` : "";
    // "Do they get the +5?", "能加5分吗": a higher bonus asked about is answered no first.
    const askedBonus = /\+\s*(\d+)(?!\s*%)|(?:加|拿|得|有)\s*(\d+)\s*分/u.exec(slots.text);
    const askedValue = askedBonus ? Number(askedBonus[1] ?? askedBonus[2]) : undefined;
    const higherAsked = askedValue !== undefined && askedValue > star.bonus && RFQ_STAR_RUNGS.some((r) => r.bonus === askedValue) ? askedValue : undefined;
    // "what changes if we use 100%", "要是用到100%呢": the other usage asked about, worked out too.
    const other = slots.numbers.find((n) => n !== usage && n.kind === "percent" && n.index > usage.index && /(?:if|用到|用满|达到|到|消耗到|提到)[^，,。.;；]{0,20}$/u.test(n.lead));
    const then = other ? scoreRfq(partialMerchant({ rfq: partialRfq({ gmv90dUsd: gmv.value, freeEntitlementUsage: Math.min(1, other.value) }) }), []) : undefined;
    const thenStar = then?.ok ? then.marketingStar : undefined;
    const change = (b: number) => (b > star.bonus ? `，多 ${b - star.bonus} 分` : b < star.bonus ? `，少 ${star.bonus - b} 分` : "，不变");
    const changeEn = (b: number) => (b > star.bonus ? `, ${countEn(b - star.bonus, "more point", "more points")}` : b < star.bonus ? `, ${countEn(star.bonus - b, "point", "points")} fewer` : ", no change");
    const thenZh = other && thenStar ? `；若消耗到 ${formatPercent(other.value)}：${thenStar.bonus > 0 ? `+${thenStar.bonus} 分` : "不加分"}${change(thenStar.bonus)}` : "";
    const thenEn = other && thenStar ? `; at ${formatPercent(other.value)} used: ${thenStar.bonus > 0 ? `+${thenStar.bonus} points` : "no bonus"}${changeEn(thenStar.bonus)}` : "";
    const leadZh = higherAsked !== undefined ? `拿不到 +${higherAsked} 分，` : "";
    const leadEn = higherAsked !== undefined ? `No, not +${higherAsked}: ` : "Yes: ";
    return {
      kind: "computed",
      result: `${star.bonus > 0 ? `${leadZh}能加：星等级-营销力 +${star.bonus} 分（计入星等级，不加在服务分上）${higherAsked !== undefined ? next : ""}` : `不能加星等级-营销力分${next}`}${thenZh}；服务分的GMV这一项得 ${gmvPoints.points} 分`,
      arithmetic: `GMV ${formatUsd(gmv.value)}、本月免费权益消耗 ${formatPercent(usage.value)}${rung ? `（≥ ${formatUsd(rung.minGmvUsd)} 且 ≥ ${formatPercent(rung.minUsage)}）` : ""}${star.bonus > 0 ? ` → +${star.bonus} 分` : ""}${star.bonus > 0 ? next : ""}`,
      rule: "RFQ近90天累计实收GMV达到门槛且本月免费权益消耗达标，星等级-营销力加分",
      en: {
        result: `${star.bonus > 0 ? `${leadEn}marketing star (星等级-营销力) +${star.bonus} points (on the star level, not on the service score)${higherAsked !== undefined ? nextEn : ""}` : `No marketing star bonus (no points on the star level)${nextEn}`}${thenEn}; the GMV factor of the service score is ${gmvPoints.points} points`,
        arithmetic: `GMV ${usdEn(gmv.value)}, free benefits used this month ${formatPercent(usage.value)}${rung ? ` (≥ ${usdEn(rung.minGmvUsd)} and ≥ ${formatPercent(rung.minUsage)})` : ""}${star.bonus > 0 ? ` → +${star.bonus} points${nextEn}` : ""}`,
        rule: "RFQ GMV received in the last 90 days at the threshold and this month's free benefits used enough: marketing star points",
      },
      source: "RFQ商家服务分升级计划 · 服务分5大因子规则",
    };
  },
};

// ---------------------------------------------------------------- guarantee upgrade service

/** Orders said to be dispatched on time beside the late one(s): they owe nothing, and the reply says so. */
function onTimeNote(onTime: readonly NumberSlot[]): { zh: string; en: string } {
  if (onTime.length === 0) return { zh: "", en: "" };
  return {
    zh: `；${onTime.map((n) => formatUsd(n.value)).join("、")} 的订单按时发货，不用赔`,
    en: `; the ${onTime.map((n) => usdEn(n.value)).join(", ")} order was dispatched on time: nothing to pay`,
  };
}

/** Several late orders: each is compensated on its own (10%, capped per order), then summed. */
function severalOrders(amounts: readonly NumberSlot[], onTime: readonly NumberSlot[] = []): Calculation {
  const each = amounts.map((a) => computeCompensation(a.value));
  if (each.some((c) => !c.ok)) return needs("每笔订单金额都需大于 0（美元）。", "Each order amount must be above US$0.");
  const ok = each.flatMap((c) => (c.ok ? [c] : []));
  const total = Math.round(ok.reduce((sum, c) => sum + c.compensationUsd * 100, 0)) / 100;
  const onTimeLine = onTimeNote(onTime);
  return {
    kind: "computed",
    result: `${ok.length} 笔订单合计最多赔 ${formatUsd(total)}（每笔单独计算、单独封顶，以无门槛优惠券形式发放）`,
    arithmetic:
      ok.map((c) => `${formatUsd(c.orderAmountUsd)} → ${formatUsd(c.compensationUsd)}${c.capped ? "（封顶）" : ""}`).join("；") +
      `；合计 ${formatUsd(total)}` +
      onTimeLine.zh,
    rule: `逾期发货且买家发起赔偿申请时，每笔按信保订单金额的 ${formatPercent(COMPENSATION_RATE)} 赔偿，上限 ${formatUsd(COMPENSATION_CAP_USD)}`,
    source: "信用保障「保障升级服务」上线 · 常见问题 Q2",
    en: {
      result: `${ok.length} orders: at most ${usdEn(total)} in total (each order computed and capped on its own, paid as no-threshold coupons)`,
      arithmetic:
        ok.map((c) => `${usdEn(c.orderAmountUsd)} → ${usdEn(c.compensationUsd)}${c.capped ? " (capped)" : ""}`).join("; ") +
        `; total ${usdEn(total)}` +
        onTimeLine.en,
      rule: `When you dispatch late and the buyer claims, each order is compensated at ${formatPercent(COMPENSATION_RATE)} of its Trade Assurance amount, at most ${usdEn(COMPENSATION_CAP_USD)}`,
    },
  };
}

/** "买家没有申请赔偿", "the buyer hasn't claimed": no claim, so nothing is owed yet. */
const NO_CLAIM = /(?:买家|客户|对方)(?:还)?(?:没有?|未|并没有?|不)(?:申请|要求|发起|提出|索赔|要)(?:赔偿|赔付|补偿|索赔)?|(?:buyer|customer)\s+(?:has|have|did|does)?\s*(?:not|n't|never)\s+(?:yet\s+)?(?:claim|ask|request|file)|no (?:claim|compensation request) (?:was |has been )?(?:made|filed)/u;

/** An order dispatched on time ("按时发的", "shipped on time"). */
const ON_TIME = /按时|准时|没(?:有)?(?:逾期|晚发|延误)|on time|not late/u;

/** A lateness in days ("shipped 4 days late", "晚发了3天", "逾期2天"): the compensation does not depend on it. */
const daysLate = (n: NumberSlot): boolean =>
  n.kind === "count" && /^(?:天|days?)$/u.test(n.unit) && (/^\s*(?:late|behind|overdue)\b/u.test(n.after) || /(?:晚|迟|逾期|延迟|延误|晚发|迟发)(?:了|发货)?\s*$/u.test(n.lead));

const guaranteeCompensation: Calculator = {
  needs: ["orderAmountUsd"],
  // Another order, the goods count, a unit price: not the late order's amount. Another order said
  // to be dispatched on time stays: the reply says it owes nothing ("另一单1200美元的按时发了").
  // How many days late ("shipped 4 days late", "晚发了3天") does not change the compensation either.
  setsAside: (n) => (isOtherBusiness(n) && !(n.kind === "amount" && ON_TIME.test(n.after.split(/[，,。；;]/u)[0] ?? ""))) || companyFactKind(n) === "price" || daysLate(n),
  // Not the festival's arrival guarantee (到货保障, 10% without a cap): its own calculator.
  cue: /^(?![\s\S]*(?:到货保障|arrival guarantee))[\s\S]*(?:赔|补偿|compensat|优惠券|逾期|晚发|发货晚|迟发|延迟发货|发晚了|late (?:dispatch|shipment)|shipped late|dispatched late)/u,
  run(slots) {
    // "是不是要赔1800美金", "按10%就是300美元": an amount after 赔/补偿/就是 is the merchant's guess at the result, not an order.
    const amounts = slots.numbers.filter(
      (n) => n.kind === "amount" && n.currency !== "CNY" && !/(?:赔|补偿|赔偿|券|上限|封顶|cap|compensat\w*|就是|即|等于|=|算下来|应该是|是不是)\s*(?:了|给|付)?\s*(?:us\s?\$|\$)?$/u.test(n.before),
    );
    // "另外还有一笔1200美元的单是按时发的": an order dispatched on time owes nothing and is said to.
    const onTime = amounts.length > 1 ? amounts.filter((n) => ON_TIME.test(clauseOf(slots, n))) : [];
    const usd = amounts.filter((n) => !onTime.includes(n));
    // Amounts named as something else than an order (运费, 累计, GMV) are not orders; the rest, when
    // more than one, are several orders ("3000美元和5000美元各逾期一单").
    // Several amounts written as one list ("3000美元和5000美元各逾期一单", "300、700和2500美金") are
    // several orders; amounts apart may be anything (运费, a sum the merchant worked out), so they are not.
    const inOneList = usd.length > 1 && usd.every((n, i) => i === 0 || /^\s*(?:[、/]|和|及|与|跟|,\s|and|&)\s*$/u.test(slots.text.slice(usd[i - 1]!.index + usd[i - 1]!.raw.length, n.index)));
    if (inOneList) return severalOrders(usd, onTime);
    if (usd.length > 1 && /两笔|几笔|[2-9]\s*(?:笔|张|个|单)|分别|各|每笔|both|two orders|[2-9] orders|总共|一共|合计|加起来|in total/u.test(slots.text)) return severalOrders(usd, onTime);
    // With several amounts and no word saying they are several orders, the order amount is the
    // one named as such; otherwise which one is meant is a guess.
    const amount = usd.length === 1 ? usd[0] : usdAmount(slots, /订单|order|金额|货值|ta|信保/u);
    if (!amount && usd.length > 1) return needs("你的问题里有几个金额：告诉我逾期的那笔信保订单金额（美元）；几笔订单请说「分别」，我逐笔算再加总。", "Your question has several amounts: tell me the amount (US$) of the late Trade Assurance order; for several orders say \"respectively\" and I'll work out each and add them up.");
    if (!amount) return needs("告诉我信保订单金额（美元，例如「3000美元的订单」），我帮你算出买家可获的赔偿。", "Tell me the Trade Assurance order amount (US$, e.g. \"a US$3,000 order\") and I'll work out the buyer's compensation.");
    if (amount.currency === "CNY") return needs("赔偿按信保订单的美元金额计算，请告诉我订单金额是多少美元。", "Compensation is worked out from the order amount in US dollars: please tell me the order amount in US$.");
    const c = computeCompensation(amount.value);
    if (!c.ok) return needs("订单金额需大于 0（美元）。", "The order amount must be above US$0.");
    const raw = formatUsd(Math.round(amount.value * COMPENSATION_RATE * 100) / 100, "nearest");
    const rawEn = usdEn(Math.round(amount.value * COMPENSATION_RATE * 100) / 100, "nearest");
    // briefing 常见问题 Q1: compensation is owed only when the buyer claims it for that order.
    const unclaimed = NO_CLAIM.test(slots.text);
    // "晚发了两天": how late does not change the amount; said, so the figure is seen to count for nothing.
    const late = slots.numbers.find((n) => n.kind === "count" && n.unit === "天" && /晚|迟|延|逾期|late|delay/u.test(n.lead + n.after.slice(0, 4)));
    const lateZh = late ? `（逾期 ${late.value} 天：赔付不按逾期天数计）` : "";
    const lateEn = late ? ` (${countEn(late.value, "day", "days")} late: the amount does not depend on how late)` : "";
    // The days and dates of the story ("原定10天发货…拖到第13天", "8月12号加入"): they do not change the amount.
    const storyDays = slots.numbers.filter((n) => n !== late && !n.period && (n.kind === "count" || n.kind === "ordinal") && /^(?:天|日|days?)$/u.test(n.unit));
    // (Dates are the question itself when it asks about the platform's first compensation: that calculator decides them.)
    const storyDates = firstCompensation.cue.test(slots.text) ? [] : slots.dates.map((d) => d.raw.trim());
    const story = [...storyDays.map((n) => n.raw.trim()), ...storyDates];
    const onTimeLine = onTimeNote(onTime);
    const storyLine = unusedLine(story, "赔付金额（按订单金额计，与天数、日期无关）", "the amount (it goes by the order amount, not by days or dates)");
    const belief = compensationBelief(slots, amount, c.compensationUsd);
    return {
      kind: "computed",
      result: belief.zh + (unclaimed
        ? `现在不用赔：只有买家针对该订单申请赔偿时才赔；若买家申请，最多赔 ${formatUsd(c.compensationUsd)}${c.capped ? "（已封顶）" : ""}，以无门槛优惠券形式发放`
        : `买家最多可获 ${formatUsd(c.compensationUsd)} 赔偿${c.capped ? "（已封顶）" : ""}，以无门槛优惠券形式发放，买家 ${c.couponValidDays} 天内使用，平台再向商家追缴`),
      arithmetic: `${formatUsd(c.orderAmountUsd)} × ${formatPercent(c.rate)} = ${raw}${c.capped ? `，超过上限按 ${formatUsd(c.capUsd)} 计` : `，未超过上限 ${formatUsd(COMPENSATION_CAP_USD)}`}${lateZh}${onTimeLine.zh}${storyLine.zh}`,
      rule: `逾期发货且买家发起赔偿申请时，按信保订单金额的 ${formatPercent(COMPENSATION_RATE)} 赔偿，上限 ${formatUsd(COMPENSATION_CAP_USD)}`,
      source: "信用保障「保障升级服务」上线 · 常见问题 Q2",
      en: {
        result: belief.en + (unclaimed
          ? `Nothing to pay for now: compensation is owed only when the buyer claims it for that order; if the buyer does, at most ${usdEn(c.compensationUsd)}${c.capped ? " (capped)" : ""} as a no-threshold coupon`
          : `The buyer gets at most ${usdEn(c.compensationUsd)}${c.capped ? " (capped)" : ""} as a no-threshold coupon, to use within ${c.couponValidDays} days; the platform then recovers it from you`),
        arithmetic: `${usdEn(c.orderAmountUsd)} × ${formatPercent(c.rate)} = ${rawEn}${c.capped ? `, above the cap, so ${usdEn(c.capUsd)}` : `, within the ${usdEn(COMPENSATION_CAP_USD)} cap`}${lateEn}${onTimeLine.en}${storyLine.en}`,
        rule: `When you dispatch late and the buyer claims, the compensation is ${formatPercent(COMPENSATION_RATE)} of the Trade Assurance order, at most ${usdEn(COMPENSATION_CAP_USD)}`,
      },
    };
  },
};

/**
 * "按订单金额20%吧？…要赔600？": the rate and the sum the merchant believes, confirmed or corrected
 * first; empty when the question states neither.
 */
function compensationBelief(slots: Slots, order: NumberSlot, owed: number): { zh: string; en: string } {
  const rate = slots.numbers.find((n) => n.kind === "percent");
  const sum = slots.numbers.find((n) => n !== order && (n.kind === "plain" || n.kind === "amount") && n.currency !== "CNY" && /(?:赔|补偿|就是|等于|=)\s*(?:了|给|付)?\s*(?:us\s?\$|\$)?$/u.test(n.before));
  if (!rate && !sum) return { zh: "", en: "" };
  const rateRight = rate ? Math.abs(rate.value - COMPENSATION_RATE) < 1e-9 : true;
  const sumRight = sum ? Math.abs(sum.value - owed) < 0.005 : true;
  const right = rateRight && sumRight;
  const zh = [
    rate ? (rateRight ? `是按订单金额的 ${formatPercent(COMPENSATION_RATE)}` : `按订单金额的 ${formatPercent(COMPENSATION_RATE)}（不是 ${formatPercent(rate.value)}）`) : "",
    sum && !sumRight ? `${rate ? "所以" : ""}不是 ${formatUsd(sum.value)}` : "",
  ].filter(Boolean);
  const en = [
    rate ? (rateRight ? `it is ${formatPercent(COMPENSATION_RATE)} of the order` : `it is ${formatPercent(COMPENSATION_RATE)} of the order (not ${formatPercent(rate.value)})`) : "",
    sum && !sumRight ? `${rate ? "so " : ""}not ${usdEn(sum.value)}` : "",
  ].filter(Boolean);
  return { zh: `${right ? "对" : "不对"}，${zh.join("，")}${zh.length ? "：" : ""}`, en: `${right ? "Right" : "Not quite"}: ${en.join(", ")}${en.length ? ". " : ""}` };
}

function firstDate(slots: Slots, near?: RegExp) {
  return (near ? slots.dates.find((d) => near.test(d.before) || near.test(slots.text.slice(d.index + d.raw.length, d.index + d.raw.length + 8))) : undefined) ?? slots.dates[0];
}

// "加的", "加了", "开了" are how a chat says it joined ("8月18号加的保障升级"); "再加" is a rejoin, read by its own cue.
const JOIN_WORDS = /加入|开通|入驻|参加|(?<![再重新从])加(?:的|了|上)|开了|开的|join|sign(?:ed)? up|enrol/u;
const EXIT_WORDS = /退出|退了|退掉|exit|left|leave|quit/u;

/** Whether a date is when the merchant joined or left the service, by the nearest such word. */
function dateRole(slots: Slots, d: DateSlot): "join" | "exit" | null {
  // The words of the date's own clause: back to a comma or full stop (at most 16 characters), and on to the next.
  const lead = slots.text.slice(Math.max(0, d.index - 16), d.index);
  const before = lead.slice(Math.max(0, ...[...lead.matchAll(/[，,。；;！!？?]/gu)].map((x) => x.index + 1)));
  const after = (slots.text.slice(d.index + d.raw.length, d.index + d.raw.length + 8).split(/[，,。；;！!？?]/u)[0] ?? "");
  const last = (re: RegExp, s: string) => Math.max(-1, ...[...s.matchAll(new RegExp(re.source, "gu"))].map((m) => m.index));
  const jb = last(JOIN_WORDS, before);
  const eb = last(EXIT_WORDS, before);
  if (jb >= 0 || eb >= 0) return jb > eb ? "join" : "exit";
  const ja = after.search(JOIN_WORDS);
  const ea = after.search(EXIT_WORDS);
  if (ja < 0 && ea < 0) return null;
  return ea < 0 || (ja >= 0 && ja < ea) ? "join" : "exit";
}

/** The exit has happened ("已经退出", "9月10日退了", "we left on …"), not asked about. */
const EXITED = /(?:已经?)(?:退出|退)|退出了|退了|退掉了|\b(?:left|exited|quit|withdrew|opted out)\b/u;

/** "今天能退出吗", "can I rejoin now": the question asks about the day it is asked. */
const ASKS_TODAY = /今天|今日|现在|目前|此刻|当下|\btoday\b|\bnow\b|\byet\b/u;

/** Whole days from the day of `now` (Beijing time) to an ISO date: 0 on that day. */
function daysUntil(now: DateTime, isoDate: string): number {
  return Math.max(0, Math.round(DateTime.fromISO(isoDate, { zone: SHANGHAI }).diff(now.setZone(SHANGHAI).startOf("day"), "days").days));
}

/**
 * Figures of the question a date rule cannot use ("一周能出2000件", "订单650美元"): an amount, a
 * count of pieces or people. They are named in its lines as not used, so the merchant sees they
 * were read and that they do not move the date; a day count, a one and a calendar year are not listed.
 */
function unusedByDateRule(slots: Slots): { zh: string; en: string } {
  return unusedFigures(slots, (n) => n.kind === "count" && /^(?:天|日|days?)$/u.test(n.unit), "这个日期", "this date");
}

/** The figures a rule did not use (`used` tells the ones it did), named as such in both languages. */
function unusedFigures(slots: Slots, used: (n: NumberSlot) => boolean, whatZh: string, whatEn: string): { zh: string; en: string } {
  return unusedLine(
    slots.numbers.filter((n) => !n.period && !needsNoPlace(n) && !used(n)).map((n) => n.raw.trim()),
    whatZh,
    whatEn,
  );
}

/** The end of an arithmetic line naming figures as written that do not change `what`; empty for none. */
export function unusedLine(raws: readonly string[], whatZh: string, whatEn: string): { zh: string; en: string } {
  if (raws.length === 0) return { zh: "", en: "" };
  // An English line names a figure written with Chinese in parentheses (docs/languages.md).
  const listEn = raws.map((r) => (/\p{Script=Han}/u.test(r) ? `(${r})` : r));
  return { zh: `；你提到的${raws.join("、")}不影响${whatZh}，没有用到`, en: `; ${listEn.join(", ")} in your message do not change ${whatEn} and were not used` };
}

const guaranteeExit: Calculator = {
  needs: ["joinDate"],
  cue: new RegExp(`^(?=[\\s\\S]*(?:${JOIN_WORDS.source}))(?=[\\s\\S]*(?:退出|退|leave|exit|quit))`, "u"),
  run(slots, now) {
    // "8月20日加入…10月5日退出了…最早什么时候能重新加入", "9月30日退出，最早哪天可以再次加入": the
    // rejoin, from the exit date, with or without the join date.
    if (guaranteeRejoin.cue.test(slots.text) && slots.dates.some((x) => dateRole(slots, x) === "exit")) return guaranteeRejoin.run(slots, now);
    // "9月10日退出了，…": the exit has happened, so the earliest exit is not what is asked; a question
    // whose words are not the rejoin's is asked back rather than answered with an exit date.
    if (EXITED.test(slots.text) && slots.dates.some((x) => dateRole(slots, x) === "exit")) return needs("重新加入按退出日算：告诉我退出的日期（例如「9月20号退出」）和你想算的事（例如「最早哪天能重新加入」），我帮你算。", "Rejoining counts from the day you left: tell me that date (e.g. \"left on September 20\") and what you want worked out (e.g. \"the earliest day I can rejoin\").");
    // Without a join word beside it, the one date no word explains is the join when the others
    // (the days asked about: "…on August 18. Can we leave on September 10?") come after it.
    const unnamed = slots.dates.filter((x) => dateRole(slots, x) === null);
    const d =
      slots.dates.find((x) => dateRole(slots, x) === "join") ??
      (unnamed.length === 1 && slots.dates.every((x) => x === unnamed[0] || x.instant > unnamed[0]!.instant) ? unnamed[0] : undefined);
    if (!d) return needs("告诉我加入（开始承担保障）的日期（例如「8月18日加入」），我帮你算最早哪天能退出。", "Tell me the date you joined (started carrying the guarantee), e.g. \"joined on August 18\", and I'll work out the earliest day you can leave.");
    // "8月18日加入，退出后多久能再加入": the question is the rejoin, which needs the exit date.
    if (guaranteeRejoin.cue.test(slots.text) && !slots.dates.some((x) => dateRole(slots, x) === "exit")) return needs("重新加入按退出日算：告诉我退出的日期（例如「9月20号退出」），我帮你算最早哪天能重新加入。", "Rejoining counts from the day you left: tell me that date (e.g. \"left on September 20\") and I'll work out the earliest day you can rejoin.");
    // "打算9月5日加入": a join still ahead is asked about as of that day.
    const g = checkGuarantee(
      partialMerchant({ guarantee: { joinedAt: d.instant.toISO(), exitedAt: null, rtsDispatchWithin7Days: 0, rtsSmallOrder: 0 } }),
      d.instant > now ? d.instant : now,
    );
    if (!g.ok || !g.earliestExitDate || !g.joinedOn) return needs("请告诉我加入的日期。", "Please tell me the date you joined.");
    const shifted = g.joinedOn !== d.instant.toISODate() ? `（${zoneName(d.zone)} ${d.raw} 是北京时间 ${g.joinedOn}）` : "";
    // "8月18日加入，9月10日能退出吗": the rule asked on that day.
    const asked = slots.dates.find((x) => x !== d && x.instant > d.instant);
    const onDay = asked ? checkGuarantee(partialMerchant({ guarantee: { joinedAt: d.instant.toISO(), exitedAt: null, rtsDispatchWithin7Days: 0, rtsSmallOrder: 0 } }), asked.instant.setZone(SHANGHAI).endOf("day")) : undefined;
    // "今天能退出吗": the rule asked on the day of the question.
    const today = !asked && ASKS_TODAY.test(slots.text) ? g : undefined;
    const verdict = onDay?.ok
      ? `${asked!.instant.toFormat("M月d日")}${onDay.canExitNow ? "可以退出" : `还不能退出，还要等 ${daysUntil(asked!.instant, g.earliestExitDate)} 天`}；`
      : today
        ? `今天（${now.toFormat("M月d日")}）${today.canExitNow ? "已经可以退出" : `还不能退出，还要等 ${daysUntil(now, g.earliestExitDate)} 天`}；`
        : "";
    const verdictEn = onDay?.ok
      ? `${onDay.canExitNow ? "Yes" : "No"}, on ${asked!.instant.setLocale("en").toFormat("MMMM d")} you ${onDay.canExitNow ? "can leave" : `cannot leave yet: ${countEn(daysUntil(asked!.instant, g.earliestExitDate), "more day", "more days")} to wait`}; `
      : today
        ? `${today.canExitNow ? "Yes, today" : "Not yet: today"} (${now.setLocale("en").toFormat("MMMM d")}) you ${today.canExitNow ? "can leave" : `cannot leave for another ${countEn(daysUntil(now, g.earliestExitDate), "day", "days")}`}; `
        : "";
    const shiftedEn = g.joinedOn !== d.instant.toISODate() ? ` (${d.raw}, ${zoneNameEn(d.zone)}, is ${g.joinedOn} Beijing time)` : "";
    return {
      kind: "computed",
      result: `${verdict}最早 ${dayOf(g.earliestExitDate)} 可以退出保障升级服务`,
      arithmetic: `加入日 ${g.joinedOn}${shifted} + ${GUARANTEE_EXIT_AFTER_DAYS} 天 = ${g.earliestExitDate}${unusedByDateRule(slots).zh}`,
      rule: `承担保障起之后的第${GUARANTEE_EXIT_AFTER_DAYS}天可以退出（${ESTIMATE_NOTE}：加入日 + ${GUARANTEE_EXIT_AFTER_DAYS} 个日历日，北京时间）`,
      source: "信用保障「保障升级服务」上线 · 常见问题 Q6",
      en: {
        result: `${verdictEn}the earliest day to leave the Guarantee Upgrade service (保障升级服务) is ${dayOfEn(g.earliestExitDate)}`,
        arithmetic: `joined ${g.joinedOn}${shiftedEn} + ${GUARANTEE_EXIT_AFTER_DAYS} days = ${g.earliestExitDate}${unusedByDateRule(slots).en}`,
        rule: `You may leave from the ${ordinalEn(GUARANTEE_EXIT_AFTER_DAYS)} day after the guarantee starts (${ESTIMATE_NOTE_EN}: join date + ${GUARANTEE_EXIT_AFTER_DAYS} calendar days, Beijing time)`,
      },
    };
  },
};

/** Joined on a day, leaving on the first day possible: the earliest rejoin date, the rule's `earliest-exit` basis. */
function rejoinAfterEarliestExit(join: DateSlot, now: DateTime): Calculation {
  const g = checkGuarantee(
    partialMerchant({ guarantee: { joinedAt: join.instant.toISO(), exitedAt: null, rtsDispatchWithin7Days: 0, rtsSmallOrder: 0 } }),
    join.instant > now ? join.instant : now,
  );
  if (!g.ok || !g.rejoin || !g.earliestExitDate || !g.joinedOn) return needs("请告诉我加入或退出的日期。", "Please tell me the date you joined or left.");
  return {
    kind: "computed",
    result: `最早 ${dayOf(g.earliestExitDate)} 退出，最早 ${dayOf(g.rejoin.earliestDate)} 可以重新加入`,
    arithmetic: `加入日 ${g.joinedOn} + ${GUARANTEE_EXIT_AFTER_DAYS} 天 = 退出日 ${g.earliestExitDate}；+ ${GUARANTEE_REJOIN_AFTER_DAYS} 天 = ${g.rejoin.earliestDate}`,
    rule: `承担保障起第${GUARANTEE_EXIT_AFTER_DAYS}天可以退出，退出后${GUARANTEE_REJOIN_AFTER_DAYS}天内不能再加入（${ESTIMATE_NOTE}：各按日历日加，北京时间）`,
    source: "信用保障「保障升级服务」上线 · 常见问题 Q6",
    en: {
      result: `Leave on ${dayOfEn(g.earliestExitDate)} at the earliest, rejoin on ${dayOfEn(g.rejoin.earliestDate)} at the earliest`,
      arithmetic: `joined ${g.joinedOn} + ${GUARANTEE_EXIT_AFTER_DAYS} days = left ${g.earliestExitDate}; + ${GUARANTEE_REJOIN_AFTER_DAYS} days = ${g.rejoin.earliestDate}`,
      rule: `You may leave from the ${ordinalEn(GUARANTEE_EXIT_AFTER_DAYS)} day after the guarantee starts and may not rejoin within ${GUARANTEE_REJOIN_AFTER_DAYS} days of leaving (${ESTIMATE_NOTE_EN}: calendar days, Beijing time)`,
    },
  };
}

const guaranteeRejoin: Calculator = {
  needs: ["exitDate"],
  cue: /(?:再次|再|重新|从新)(?:加入|开通|参加|加进|报名|回来|加(?=[？?吗呢，,。]|$))|come back|get back (?:in|on)|re-?apply|(?:下次|下回)[^，。,.]{0,8}(?:加入|开通|参加)|加回|回去|rejoin|join(?: it| the service)? again|re-join|join back|sign (?:up again|back up)|re-?enrol/u,
  run(slots, now) {
    const exit = slots.dates.find((x) => dateRole(slots, x) === "exit");
    const join = slots.dates.find((x) => dateRole(slots, x) === "join");
    if (!exit && join && /第一天|最早|马上|立刻|一到|as soon as|earliest/u.test(slots.text)) return rejoinAfterEarliestExit(join, now);
    const d = exit ?? (slots.dates.length === 1 && dateRole(slots, slots.dates[0]!) === null ? slots.dates[0] : undefined);
    if (!d) return needs("告诉我退出的日期（例如「9月20号退出」），我帮你算最早哪天能重新加入。", "Tell me the date you left (e.g. \"left on September 20\") and I'll work out the earliest day you can rejoin.");
    const g = checkGuarantee(
      partialMerchant({ guarantee: { joinedAt: null, exitedAt: d.instant.toISO(), rtsDispatchWithin7Days: 0, rtsSmallOrder: 0 } }),
      now,
    );
    if (!g.ok || !g.rejoin || !g.exitedOn) return needs("请告诉我退出的日期。", "Please tell me the date you left.");
    // The join date beside the exit date does not move the rejoin: said, so that it is seen to be read.
    const earlierJoin = join && join !== d && join.instant < d.instant ? join : undefined;
    const joinNote = earlierJoin ? `（加入日 ${earlierJoin.date} 不影响：重新加入按退出日算）` : "";
    const joinNoteEn = earlierJoin ? ` (the join date, ${earlierJoin.date}, does not change it: rejoining counts from the exit)` : "";
    const asked = slots.dates.find((x) => x !== d && x.instant > d.instant);
    const onDay = asked ? checkGuarantee(partialMerchant({ guarantee: { joinedAt: null, exitedAt: d.instant.toISO(), rtsDispatchWithin7Days: 0, rtsSmallOrder: 0 } }), asked.instant.setZone(SHANGHAI).endOf("day")) : undefined;
    // "今天能再加入吗" of an exit still ahead of today is not asked of today: the exit date is told as it will be.
    const today = !asked && ASKS_TODAY.test(slots.text) && g.rejoin.earliestDate && d.instant <= now ? g.rejoin : undefined;
    const verdict =
      onDay?.ok && onDay.rejoin
        ? `${asked!.instant.toFormat("M月d日")}${onDay.rejoin.canRejoinNow ? "可以重新加入" : "还不能重新加入"}；`
        : today
          ? `今天（${now.toFormat("M月d日")}）${today.canRejoinNow ? "已经可以重新加入" : `还不能重新加入，还要等 ${daysUntil(now, today.earliestDate)} 天`}；`
          : "";
    const verdictEn =
      onDay?.ok && onDay.rejoin
        ? `${onDay.rejoin.canRejoinNow ? "Yes" : "No"}, on ${asked!.instant.setLocale("en").toFormat("MMMM d")} you ${onDay.rejoin.canRejoinNow ? "can" : "cannot yet"} rejoin; `
        : today
          ? `${today.canRejoinNow ? "Yes, today" : "Not yet: today"} (${now.setLocale("en").toFormat("MMMM d")}) you ${today.canRejoinNow ? "can rejoin" : `cannot rejoin for another ${countEn(daysUntil(now, today.earliestDate), "day", "days")}`}; `
          : "";
    return {
      kind: "computed",
      result: `${verdict}最早 ${dayOf(g.rejoin.earliestDate)} 可以重新加入保障升级服务`,
      arithmetic: `退出日 ${g.exitedOn} + ${GUARANTEE_REJOIN_AFTER_DAYS} 天 = ${g.rejoin.earliestDate}${joinNote}${unusedByDateRule(slots).zh}`,
      rule: `退出后的${GUARANTEE_REJOIN_AFTER_DAYS}天内不能再加入（${ESTIMATE_NOTE}：退出日 + ${GUARANTEE_REJOIN_AFTER_DAYS} 个日历日，北京时间）`,
      source: "信用保障「保障升级服务」上线 · 常见问题 Q6",
      en: {
        result: `${verdictEn}the earliest day to rejoin the Guarantee Upgrade service (保障升级服务) is ${dayOfEn(g.rejoin.earliestDate)}`,
        arithmetic: `left ${g.exitedOn} + ${GUARANTEE_REJOIN_AFTER_DAYS} days = ${g.rejoin.earliestDate}${joinNoteEn}${unusedByDateRule(slots).en}`,
        rule: `No rejoining within ${GUARANTEE_REJOIN_AFTER_DAYS} days of leaving (${ESTIMATE_NOTE_EN}: exit date + ${GUARANTEE_REJOIN_AFTER_DAYS} calendar days, Beijing time)`,
      },
    };
  },
};

/** "没加入保障升级", "還沒開通", "we haven't joined the guarantee": not in the service. */
const NOT_JOINED = /(?:没|未|还没|没有|沒|還沒|沒有)(?:有)?(?:加入|开通|參加|参加|加進|加进|開通|join|入)|(?:haven't|have not|hasn't|has not|not yet|didn't|did not|never) (?:joined|signed up|enrolled)|not (?:a )?member|not (?:yet )?in the (?:guarantee )?upgrade/u;

/** The merchant said to be in the guarantee upgrade service already. */
const IN_SERVICE = /(?:已经?|早就|都)(?:加入|加了|开通|开了)(?:了)?保障升级|(?:在|加了)保障升级服务里|\b(?:is|are|we'?re|they'?re) (?:already )?in the (?:guarantee )?upgrade service|\b(?:has|have) (?:already )?joined the (?:guarantee )?upgrade/u;

const guaranteeFastStar: Calculator = {
  needs: ["rtsProducts"],
  cue: /快速交易星|fast.?trad|快速星/u,
  run(slots, now) {
    // "49 small-order quick-customisation RTS products": words between the figure and its unit.
    const productsLater = (n: NumberSlot) => n.kind === "plain" && /^\s*(?:个|款)?\s*(?:支持)?(?:small|quick|小单|快定)[^,，。;；]{0,40}?(?:products?|items?|skus?|商品)/u.test(sentenceAfter(slots, n));
    // "店铺一共380个产品": the size of the catalogue, not RTS products.
    const products = slots.numbers.filter((n) => ((n.kind === "count" && /个|款|件|sku|品/u.test(n.unit + n.after.slice(0, 2)) && n.unit !== "天") || productsLater(n)) && companyFactKind(n) !== "catalog");
    if (products.length > 2) return needs("告诉我支持7天及以内发货的RTS商品数和支持小单快定的RTS商品数，我帮你算能否开启快速交易星等级。", "Tell me how many RTS products ship within 7 days and how many support small fast orders (小单快定), and I'll work out whether you can unlock the fast-trading star level.");
    // Its own clause first ("支持小单快定的48个"), then the words just after it.
    const small =
      products.find((n) => /小单|快定|定制|small|quick/u.test(n.lead)) ??
      products.find((n) => /小单|快定|定制|small|quick/u.test(n.before.slice(-8) + n.after.slice(0, 20)) && !/7天|7 days|七天/u.test(n.after.slice(0, 12)));
    const seven = products.find((n) => n !== small && (/7天|七天|rts|发货|7 days|ship|dispatch/u.test(n.before + n.raw + n.after.slice(0, 24)) || !small));
    if (!small && !seven) return needs("告诉我支持7天及以内发货的RTS商品数，或支持小单快定的RTS商品数，我帮你算能否开启快速交易星等级。", "Tell me how many RTS products ship within 7 days, or how many support small fast orders (小单快定), and I'll work out whether you can unlock the fast-trading star level.");
    const g = checkGuarantee(
      partialMerchant({
        guarantee: { joinedAt: now.minus({ days: 1 }).toISO(), exitedAt: null, rtsDispatchWithin7Days: seven?.value ?? 0, rtsSmallOrder: small?.value ?? 0 },
      }),
      now,
    );
    if (!g.ok) return needs("请告诉我RTS商品数。", "Please tell me the number of RTS products.");
    const s = g.fastTradingStar;
    const parts = [
      seven ? `7天发货RTS ${seven.value} 个${s.rtsDispatchWithin7Days.met ? ` ≥ ${FAST_STAR_MIN_RTS_7_DAYS} ✓` : ` < ${FAST_STAR_MIN_RTS_7_DAYS}，还差 ${s.rtsDispatchWithin7Days.gap} 个`}` : "",
      small ? `小单快定RTS ${small.value} 个${s.rtsSmallOrder.met ? ` ≥ ${FAST_STAR_MIN_RTS_SMALL_ORDER} ✓` : ` < ${FAST_STAR_MIN_RTS_SMALL_ORDER}，还差 ${s.rtsSmallOrder.gap} 个`}` : "",
    ].filter(Boolean);
    const met = s.rtsDispatchWithin7Days.met || s.rtsSmallOrder.met;
    // "我們沒加入保障升級服務，但…150個": the products alone do not open it.
    const notJoined = NOT_JOINED.test(slots.text);
    // "8月20号已经加入了保障升级服务": a join before today meets the other condition.
    const joined = notJoined ? undefined : slots.dates.find((d) => d.instant <= now && /加入|加的|开通|开了|参加|joined|signed up/u.test(slots.text.slice(d.index, d.index + d.raw.length + 16)));
    // "Merchant is in the upgrade service", "已经加了保障升级": joined, without a date.
    const inService = !notJoined && (joined !== undefined || IN_SERVICE.test(slots.text));
    const joinedZh = joined ? `；${joined.instant.setZone(SHANGHAI).toFormat("M月d日")}已加入保障升级服务 ✓` : "";
    const joinedEn = joined ? `; joined the Guarantee Upgrade service on ${joined.instant.setZone(SHANGHAI).setLocale("en").toFormat("MMMM d")} ✓` : "";
    return {
      kind: "computed",
      result: notJoined
        ? `不能：快速交易星等级要先加入保障升级服务${met ? "（商品数已满足，加入后即可开启）" : "，商品数也还不够"}`
        : met
          ? inService
            ? "能开启快速交易星等级：已加入保障升级服务，商品数也满足"
            : "满足快速交易星等级的开启条件（需已加入保障升级服务）"
          : "不能开启快速交易星等级：暂不满足开启条件",
      arithmetic: parts.join("；") + joinedZh,
      rule: `加入保障升级服务，且支持7天及以内发货的RTS商品 ≥ ${FAST_STAR_MIN_RTS_7_DAYS} 个或支持小单快定的RTS商品 ≥ ${FAST_STAR_MIN_RTS_SMALL_ORDER} 个（满足其一）`,
      en: {
        result: notJoined
          ? `No: the fast-trading star (快速交易星等级) needs the Guarantee Upgrade service joined first${met ? " (the products already qualify: once you join, it opens)" : ", and the products are not enough yet either"}`
          : met
            ? inService
              ? "Yes, you can open the fast-trading star (快速交易星等级): you have joined the Guarantee Upgrade service and the products qualify"
              : "Yes, you meet the conditions for the fast-trading star (快速交易星等级), once you have joined the Guarantee Upgrade service"
            : "No, not yet: the fast-trading star (快速交易星等级) conditions are not met",
        arithmetic: [
          seven ? `RTS products shipping within 7 days: ${seven.value}${s.rtsDispatchWithin7Days.met ? ` ≥ ${FAST_STAR_MIN_RTS_7_DAYS} ✓` : ` < ${FAST_STAR_MIN_RTS_7_DAYS}, ${s.rtsDispatchWithin7Days.gap} short`}` : "",
          small ? `RTS products for small quick orders: ${small.value}${s.rtsSmallOrder.met ? ` ≥ ${FAST_STAR_MIN_RTS_SMALL_ORDER} ✓` : ` < ${FAST_STAR_MIN_RTS_SMALL_ORDER}, ${s.rtsSmallOrder.gap} short`}` : "",
        ]
          .filter(Boolean)
          .join("; ") + joinedEn,
        rule: `Joined the Guarantee Upgrade service, and either ≥ ${FAST_STAR_MIN_RTS_7_DAYS} RTS products shipping within 7 days or ≥ ${FAST_STAR_MIN_RTS_SMALL_ORDER} RTS products for small quick orders`,
      },
      source: "信用保障「保障升级服务」上线 · 卖家权益 权益四",
    };
  },
};

// ---------------------------------------------------------------- penalties and appeals

/** The offence from which refusing Trade Assurance also closes it, from the ladder. */
const CLOSURE_FROM = PENALTY_LADDERS["refuse-trade-assurance"].rows.find((r) => r.extra.includes("trade-assurance-closed-90-days"))?.fromOrdinal;

/** What the k-th violation of a laddered rule costs, for k = 1 … n, read from checkAppeals fed k − 1 past ones. */
function ladderCosts(rule: LadderRule, n: number, now: DateTime) {
  const ladder = PENALTY_LADDERS[rule];
  const from = DateTime.fromISO(`${ladder.effectiveFrom}T12:00:00`, { zone: SHANGHAI });
  const at = now < from ? from.plus({ days: 1 }) : now;
  return Array.from({ length: n }, (_, k) => {
    const penalties: Penalty[] = Array.from({ length: k }, (_, i) => ({ id: `p${i}`, rule, at: from.toISO() ?? "", points: 0 }));
    const check = checkAppeals(partialMerchant({ penalties }), at);
    if (!check.ok) throw new Error("penalties were given");
    return check.nextViolation.find((v) => v.rule === rule)!;
  });
}

/** What may stand between two ordinals that name offences to sum: "第3次和第4次", "第2、3次". */
const ORDINAL_LIST_JOIN = /^\s*(?:和|与|跟|及|以及|加|、|,|，|\/|&|and|plus|or|或)?\s*$/u;

/**
 * The offences so far, from the points they cost ("已经累计被扣了12分" on the 0/3/3/6 ladder is 4
 * offences). Only a total the ladder reaches in exactly one number of offences counts: 0 points
 * (none, or a warning) tells nothing, and a total the ladder never sums to is not guessed at.
 */
function offencesFromPoints(rule: LadderRule, slots: Slots, now: DateTime): { points: number; offences: number } | undefined {
  const p = slots.numbers.find((x) => x.kind === "score" && /扣|deduct|lost|docked|penali[sz]ed/u.test(x.lead) && !/下次|这次|再|next|again/u.test(x.lead));
  if (!p || p.value <= 0 || !/再|下次|下一次|又|next|again/u.test(slots.text)) return undefined;
  const costs = ladderCosts(rule, 50, now);
  const matches: number[] = [];
  let sum = 0;
  costs.forEach((c, i) => {
    sum += c.points;
    if (sum === p.value) matches.push(i + 1);
  });
  return matches.length === 1 ? { points: p.value, offences: matches[0]! } : undefined;
}

function namedViolations(rule: LadderRule, ordinals: readonly number[], now: DateTime): Calculation {
  const sorted = [...new Set(ordinals)].sort((a, b) => a - b);
  const costs = ladderCosts(rule, sorted[sorted.length - 1]!, now);
  const picked = sorted.map((k) => ({ k, cost: costs[k - 1]! }));
  const total = picked.reduce((sum, p) => sum + p.cost.points, 0);
  return {
    kind: "computed",
    result: `${picked.map((p) => `第${p.k}次${p.cost.warningOnly ? "警告" : `扣${p.cost.points}分`}`).join("，")}，合计扣 ${total} 分`,
    arithmetic: `${picked.map((p) => (p.cost.warningOnly ? "0（警告）" : String(p.cost.points))).join(" + ")} = ${total} 分`,
    rule: `${PENALTY_RULE_NAMES[rule]}按违规次数阶梯扣分（${PENALTY_LADDERS[rule].effectiveFrom}起计）`,
    source: "国际站规则更新解读 · 管控公告",
    en: {
      result: `${picked.map((p) => `offence ${p.k}: ${p.cost.warningOnly ? "a warning" : `${p.cost.points} points`}`).join(", ")}; ${total} points in all`,
      arithmetic: `${picked.map((p) => (p.cost.warningOnly ? "0 (warning)" : String(p.cost.points))).join(" + ")} = ${total} points`,
      rule: `${PENALTY_RULE_NAMES_EN[rule]}: points by the number of offences (counted from ${PENALTY_LADDERS[rule].effectiveFrom})`,
    },
  };
}

const PENALTY_RULE_NAMES_EN: Readonly<Record<LadderRule, string>> = {
  "off-platform-communication": "Leading buyers to chat tools outside Alibaba.com",
  "refuse-trade-assurance": "Refusing Trade Assurance, or using it only on conditions",
};

/** The last penalty rule named in `text`, by where its words last occur. */
function ruleNamedLast(text: string): LadderRule | undefined {
  const at = (re: RegExp) => Math.max(-1, ...[...text.matchAll(new RegExp(re.source, "gu"))].map((m) => m.index));
  const ta = at(REFUSE_TA_CUE);
  const off = at(OFF_PLATFORM_CUE);
  return ta < 0 && off < 0 ? undefined : ta > off ? "refuse-trade-assurance" : "off-platform-communication";
}

/** Two offences of the two rules in one question: each costed on its own ladder. */
function twoRules(slots: Slots, ordinals: readonly NumberSlot[], now: DateTime): Calculation {
  const parts = ordinals.map((o) => ({ k: o.value, rule: ruleNamedLast(slots.text.slice(0, o.index)) }));
  if (parts.some((p) => p.rule === undefined) || parts[0]!.rule === parts[1]!.rule) return needs("告诉我每一次分别是哪条规则的第几次（例如「站外沟通第4次、拒用信保第4次」），我帮你分别算。", "Tell me which rule each offence is under and its number (e.g. \"off-platform communication, 4th; refusing Trade Assurance, 4th\") and I'll work out each.");
  const rows = parts.map((p) => {
    const rule = p.rule!;
    const cost = ladderCosts(rule, p.k, now)[p.k - 1]!;
    const closes = cost.extra.includes("trade-assurance-closed-90-days");
    return {
      zh: `${PENALTY_RULE_NAMES[rule]}第${p.k}次${cost.warningOnly ? "警告" : `扣 ${cost.points} 分`}${closes ? `，并关闭信用保障服务资格${TA_CLOSURE_DAYS}天` : ""}`,
      en: `${PENALTY_RULE_NAMES_EN[rule]}, offence ${p.k}: ${cost.warningOnly ? "a warning" : `${cost.points} points`}${closes ? `, and Trade Assurance closed for ${TA_CLOSURE_DAYS} days` : ""}`,
      points: cost.points,
    };
  });
  return {
    kind: "computed",
    result: rows.map((r) => r.zh).join("；"),
    arithmetic: `两条规则各按自己的阶梯计：${rows.map((r) => `${r.points} 分`).join("、")}`,
    rule: `两条规则分开计次：${PENALTY_RULE_NAMES["off-platform-communication"]}（${PENALTY_LADDERS["off-platform-communication"].effectiveFrom}起）、${PENALTY_RULE_NAMES["refuse-trade-assurance"]}（${PENALTY_LADDERS["refuse-trade-assurance"].effectiveFrom}起）`,
    source: "国际站规则更新解读 · 管控公告",
    en: {
      result: rows.map((r) => r.en).join("; "),
      arithmetic: `each rule on its own ladder: ${rows.map((r) => `${r.points} points`).join(", ")}`,
      rule: `The two rules are counted apart: ${PENALTY_RULE_NAMES_EN["off-platform-communication"]} (from ${PENALTY_LADDERS["off-platform-communication"].effectiveFrom}), ${PENALTY_RULE_NAMES_EN["refuse-trade-assurance"]} (from ${PENALTY_LADDERS["refuse-trade-assurance"].effectiveFrom})`,
    },
  };
}

// "没开信保单", "didn't open a Trade Assurance order": not using Trade Assurance, said as a story says it.
const REFUSE_TA_CUE = /拒(?:绝|用)?.{0,4}(?:信保|信用保障)|(?:信保|信用保障)[^。？?]{0,12}拒(?:绝|了)|不(?:用|走)信保|(?:没|未)有?(?:开|用|走|做)(?:信保|信用保障)|refus.{0,20}(?:trade assurance|\bta\b)|(?:trade assurance|\bta\b).{0,12}refus|(?:didn['’]?t|did not|never) (?:open|use|do|place)(?: an?| the)? (?:trade assurance|\bta\b)|(?:not|without) (?:using |opening )?(?:an? |the )?(?:trade assurance|\bta\b)/u;
// "走线下不用信保", "线下打款": an offline payment is refusing Trade Assurance, not leading a chat off the platform.
const OFF_PLATFORM_CUE = /站外|线下(?!\s*(?:不用|不走|不开|打款|付款|交易|转账|汇款|收款))|whatsapp|微信|skype|wechat|off.?platform|outside (?:alibaba|the platform)/u;

/** The e-mail or phone registered on Alibaba.com, named either way round ("国际站登记的邮箱", "the email address registered on Alibaba.com"). */
const REGISTERED_CONTACT = /(?:登记|注册|绑定|registered).{0,8}(?:邮箱|邮件|手机|电话|email|e-mail|phone)|(?:邮箱|邮件|手机号?|电话|e-?mail(?: address)?|phone(?: number)?)[^。.!?？！]{0,40}?(?:registered|登记|注册)(?: (?:on|with) alibaba)?/u;

function penaltyCalculator(rule: LadderRule): Calculator {
  const name = PENALTY_RULE_NAMES[rule];
  const own = rule === "refuse-trade-assurance" ? REFUSE_TA_CUE : OFF_PLATFORM_CUE;
  return {
    needs: ["offenceNumber"],
    cue: own,
    run(slots, now) {
      const ladder = PENALTY_LADDERS[rule];
      // "TA refusal 累计6次了" asked where the off-platform rule ranked first: the other ladder is meant.
      const other = rule === "refuse-trade-assurance" ? OFF_PLATFORM_CUE : REFUSE_TA_CUE;
      if (!own.test(slots.text) && other.test(slots.text)) {
        return needs(`这个问题问的是另一条处罚规则：告诉我是「${PENALTY_RULE_NAMES[rule]}」的第几次，我帮你算。`, `This question is about the other penalty rule; tell me which offence of "${PENALTY_RULE_NAMES_EN[rule]}" it is and I'll work it out.`);
      }
      // briefing 直播FAQ Q2: the e-mail and phone registered on Alibaba.com, used where needed
      // (a contract to confirm), are not off-platform communication: no ladder to climb.
      const registered = rule === "off-platform-communication" ? REGISTERED_CONTACT.exec(slots.text) : null;
      // "…这已经是第4次了，扣多少？另外我们用国际站登记的邮箱确认合同，这个也算违规吗": two questions, each answered.
      const aside = registered ? /另外|此外|还有个?问题|顺便问|\b(?:also|besides|separately|by the way|btw)\b/u.exec(slots.text.slice(0, registered.index)) : null;
      if (registered && aside) {
        const cut = aside.index;
        const named = slots.numbers.some((x) => x.index < cut && x.kind === "ordinal" && /^次$|^回$|^$/u.test(x.unit));
        const first = named ? this.run({ ...slots, text: slots.text.slice(0, cut), numbers: slots.numbers.filter((x) => x.index < cut), dates: slots.dates.filter((d) => d.index < cut) }, now) : undefined;
        if (first?.kind === "computed") {
          return {
            ...first,
            result: `${first.result}；另外，用国际站登记的邮箱、手机号码（如合同确认）不算违规、不扣分`,
            en: { ...first.en, result: `${first.en.result}; and using the e-mail or phone registered on Alibaba.com (to confirm a contract, say) is not an offence and costs no points` },
          };
        }
      }
      if (registered) {
        // "之前被警告过一次，这次会算第二次扣3分吗": not an offence, so it does not climb the ladder.
        const { ordinal, past } = ordinalOrCount(slots, /^次$|^回$|^$/u);
        const k = ordinal ?? (past !== undefined ? past + 1 : undefined);
        const would = k !== undefined && k >= 1 && k <= 50 ? ladderCosts(rule, k, now)[k - 1] : undefined;
        const wouldZh = would && k ? `不计为第${k}次（若是违规，第${k}次${would.warningOnly ? "警告" : `扣 ${would.points} 分`}）` : "使用登记的邮箱、手机号码 → 不属于站外沟通";
        const wouldEn = would && k ? `it does not count as offence ${k} (an offence ${k} would cost ${would.warningOnly ? "a warning" : `${would.points} points`})` : "the registered e-mail or phone → not off-platform communication";
        return {
          kind: "computed",
          result: "不算违规、不扣分：合理场景下（如合同确认）使用在国际站登记的邮箱、手机号码沟通，暂不认定为站外沟通违规",
          arithmetic: wouldZh,
          rule: "直播FAQ：合理场景下使用在国际站登记的邮箱和手机号码沟通，暂不认定违规；引导买家使用其他非国际站沟通软件的，按站外沟通规则处罚",
          source: "国际站规则更新解读 · 直播FAQ Q2",
          en: {
            result: "Not an offence, no points: using the e-mail address and mobile number registered on Alibaba.com for a legitimate purpose (such as confirming a contract) is for now not treated as off-platform communication",
            arithmetic: wouldEn,
            rule: "Live FAQ: the e-mail and phone registered on Alibaba.com, used where needed, are for now not a violation; steering buyers to other non-Alibaba.com tools is penalised under the off-platform rule",
          },
        };
      }
      const when = /哪天|什么时候|几号|日期|恢复|when|which day|what date/u.test(slots.text);
      if (slots.dates.length > 0) {
        // A dated penalty: the question is about a deadline (the appeal, the closure), not the points.
        if (/申诉|appeal/u.test(slots.text)) return needs("申诉期限按处罚执行时间算：问「X月X日X点被罚，最晚什么时候申诉」即可。", "The appeal deadline counts from when the penalty was applied: ask \"penalised on <date> at <time>, when is the last moment to appeal\".");
        if (when && rule === "refuse-trade-assurance" && /恢复|关闭|关|reopen|restor|closed/u.test(slots.text)) return taClosureEnd.run(slots, now);
        if (when) return needs("这条规则按违规次数扣分：告诉我这是第几次违规，我帮你算扣几分。", "This rule deducts points by the number of the offence: tell me which offence it is and I'll work out the points deducted.");
      }
      // "第3次和第4次一共扣多少": the named violations, summed.
      const named = slots.numbers.filter((x) => x.kind === "ordinal" && /^次$|^回$|^$/u.test(x.unit) && x.value >= 1 && x.value <= 50);
      const bothRules = REFUSE_TA_CUE.test(slots.text) && OFF_PLATFORM_CUE.test(slots.text);
      // "站外沟通第4次和拒用信保第4次分别扣几分": each ordinal on the rule named just before it.
      if (named.length === 2 && bothRules) return twoRules(slots, named, now);
      // "站外沟通被抓了6次，拒用信保1次…站外沟通那部分一共扣了多少分": both rules told, the
      // clause that asks names only the other one: that rule's ladder is the one asked about.
      const asking = bothRules ? askingClause(slots.text) : undefined;
      if (asking && other.test(asking) && !own.test(asking)) return penaltyCalculator(rule === "refuse-trade-assurance" ? "off-platform-communication" : "refuse-trade-assurance").run(slots, now);
      // Ordinals joined as a list ("第3次和第4次", "第1次警告，第2、3次各扣几分": the last list)
      // name the offences to sum; ordinals told as a story ("第一次是警告，后面两次各扣了3分…这已经
      // 是第4次了") lead up to the one asked about, the largest.
      const joined = (i: number) => ORDINAL_LIST_JOIN.test(slots.text.slice(named[i - 1]!.index + named[i - 1]!.raw.length, named[i]!.index));
      let runStart = named.length - 1;
      while (runStart > 0 && joined(runStart)) runStart--;
      if (named.length - runStart > 1) return namedViolations(rule, named.slice(runStart).map((x) => x.value), now);
      const told = ordinalOrCount(slots, /^次$|^回$|^$/u);
      const ordinal = named.length > 1 ? Math.max(...named.map((x) => x.value)) : told.ordinal;
      // "已经累计被扣了12分，再被判一次扣几分": the offences so far, read back from their points.
      const fromPoints = ordinal === undefined && told.past === undefined ? offencesFromPoints(rule, slots, now) : undefined;
      const past = told.past ?? fromPoints?.offences;
      const n = ordinal ?? (past !== undefined ? past + 1 : undefined);
      if (n === undefined || n < 1 || n > 50) return needs(`告诉我这是第几次违规（例如「第4次」），我帮你算扣几分、累计扣几分。`, "Tell me which offence it is (e.g. \"the 4th\") and I'll work out the points deducted for it and in total.");
      const costs = ladderCosts(rule, n, now);
      const nth = costs[n - 1]!;
      const total = costs.reduce((sum, c) => sum + c.points, 0);
      const closes = ladder.rows.find((r) => r.extra.includes("trade-assurance-closed-90-days"));
      const asksClosure = closes !== undefined && /关|封|close|suspend|shut/u.test(slots.text.replace(/关于|相关|有关|关系/gu, ""));
      // "这次之后信用卡拒付保障、瞬时到账还能用吗": what the closure takes away, when asked.
      const asksBenefits = /还能用|能不能用|还能享受|权益|还有没有|still (?:use|have|get)|benefits?|available/u.test(slots.text);
      const closedNow = nth.extra.includes("trade-assurance-closed-90-days");
      const lostZh = closedNow && asksBenefits ? `，期间${TA_CLOSURE_BENEFITS_LOST.map(([zh]) => zh).join("、")}等交易权益都不能用` : "";
      const lostEn = closedNow && asksBenefits ? `; while it is closed, ${TA_CLOSURE_BENEFITS_LOST.map(([, en]) => en).join(", ")} and the other trade benefits cannot be used` : "";
      const extra = closedNow
        ? `，并关闭信用保障服务资格${TA_CLOSURE_DAYS}天${lostZh}`
        : asksClosure
          ? `，不会关闭信用保障服务资格（第${closes.fromOrdinal}次起才关闭${TA_CLOSURE_DAYS}天）`
          : "";
      const word = (c: (typeof costs)[number]) => (c.warningOnly ? "警告" : `扣${c.points}分`);
      const rows = ladder.rows.map((r, i) => {
        const to = ladder.rows[i + 1]?.fromOrdinal;
        const span = to === undefined ? `第${r.fromOrdinal}次起` : to - r.fromOrdinal === 1 ? `第${r.fromOrdinal}次` : `第${r.fromOrdinal}–${to - 1}次`;
        const more = r.extra.includes("trade-assurance-closed-90-days") ? `并关闭信用保障服务资格${TA_CLOSURE_DAYS}天` : "";
        return `${span}${r.warningOnly ? "警告" : `扣${r.points}分/次`}${more}`;
      });
      const rowsEn = ladder.rows.map((r, i) => {
        const to = ladder.rows[i + 1]?.fromOrdinal;
        const span = to === undefined ? `offence ${r.fromOrdinal} on` : to - r.fromOrdinal === 1 ? `offence ${r.fromOrdinal}` : `offences ${r.fromOrdinal}–${to - 1}`;
        const more = r.extra.includes("trade-assurance-closed-90-days") ? ` and Trade Assurance closed for ${TA_CLOSURE_DAYS} days` : "";
        return `${span}: ${r.warningOnly ? "a warning" : `${r.points} points each`}${more}`;
      });
      const wordEn = (c: (typeof costs)[number]) => (c.warningOnly ? "a warning" : `${c.points} points`);
      const extraEn = closedNow
        ? `, and Trade Assurance is closed for ${TA_CLOSURE_DAYS} days${lostEn}`
        : asksClosure
          ? `; Trade Assurance is not closed (closed for ${TA_CLOSURE_DAYS} days from offence ${closes.fromOrdinal} on)`
          : "";
      const asksTotal = /一共|总共|累计|合计|加起来|总计|共扣|in total|altogether|total/u.test(slots.text);
      // "一共被罚了6次…下次再犯扣多少": the next offence too, when the figure was the ones so far.
      const next = ordinal !== undefined && n < 50 && /下次|下一次|再犯|再被|再有|next (?:time|offence|one)|happens again|do it again/u.test(slots.text) ? ladderCosts(rule, n + 1, now)[n]! : undefined;
      const nextZh = next ? `；下次（第${n + 1}次）${next.warningOnly ? "警告" : `扣 ${next.points} 分`}` : "";
      const nextEn = next ? `; the next one (offence ${n + 1}) costs ${next.warningOnly ? "a warning" : `${next.points} points`}` : "";
      const soFar = fromPoints ? costs.slice(0, fromPoints.offences) : [];
      // "Already 5 times penalized… the 6th time": the offences before this one, said as given.
      const before = !fromPoints && n > 1 ? slots.numbers.find((x) => x.kind === "count" && /^次$|^回$/u.test(x.unit) && x.value === n - 1) : undefined;
      const soFarZh = fromPoints
        ? `已累计扣 ${fromPoints.points} 分，即已被罚 ${fromPoints.offences} 次（${soFar.map((c) => (c.warningOnly ? "0" : String(c.points))).join(" + ")}）；这次是`
        : before
          ? `已被罚 ${before.value} 次；这次是`
          : "";
      // "One of those buyers ended up placing a $3,400 order": amounts and rates do not move the points.
      const amountsUnused = unusedFigures(slots, (n) => n.kind !== "amount" && n.kind !== "percent", "扣分", "the points");
      const soFarEn = fromPoints
        ? `${fromPoints.points} points so far means ${fromPoints.offences} offences (${soFar.map((c) => (c.warningOnly ? "0" : String(c.points))).join(" + ")}). `
        : before
          ? `${countEn(before.value, "offence", "offences")} so far. `
          : "";
      // "第2次被抓，应该也还是警告吧？": the warning asked about is confirmed or corrected first.
      const asksWarning = /警告(?:吧|吗|么|呢)|还是警告|只是警告|是不是只?警告|just a warning|only a warning|still a warning|a warning\?/u.test(slots.text);
      const warningZh = asksWarning ? (nth.warningOnly ? "是，" : "不是警告：") : "";
      const warningEn = asksWarning ? (nth.warningOnly ? "Yes, " : "No, not a warning: ") : "";
      return {
        kind: "computed",
        result:
          warningZh +
          soFarZh +
          (asksTotal
            ? `第${n}次${word(nth)}${extra}；${n}次累计共扣 ${total} 分`
            : `第${n}次${nth.warningOnly ? "只警告、不扣分" : `扣 ${nth.points} 分`}${extra}${n > 1 ? `（${n}次累计共扣 ${total} 分）` : ""}`) +
          nextZh,
        arithmetic: `${costs.map((c) => (c.warningOnly ? "0（警告）" : String(c.points))).join(" + ")} = ${total} 分${amountsUnused.zh}`,
        rule: `${name}（${ladder.effectiveFrom}起）：${rows.join("；")}${nth.severeCaseMeasures.length > 0 ? "；情节严重的店铺屏蔽、搜索降权直至关闭账号" : ""}`,
        source: "国际站规则更新解读 · 管控公告",
        en: {
          result:
            warningEn +
            soFarEn +
            (asksTotal
              ? `Offence ${n}: ${wordEn(nth)}${extraEn}; ${n} offences cost ${total} points in total`
              : `Offence ${n}: ${nth.warningOnly ? "a warning only, no points" : `${nth.points} points deducted`}${extraEn}${n > 1 ? ` (${n} offences: ${total} points in total)` : ""}`) +
            nextEn,
          arithmetic: `${costs.map((c) => (c.warningOnly ? "0 (warning)" : String(c.points))).join(" + ")} = ${total} points${amountsUnused.en}`,
          rule: `${PENALTY_RULE_NAMES_EN[rule]} (from ${ladder.effectiveFrom}): ${rowsEn.join("; ")}${nth.severeCaseMeasures.length > 0 ? "; in severe cases the store may be blocked, demoted in search or closed" : ""}`,
        },
      };
    },
  };
}

/**
 * For a refused-Trade-Assurance penalty whose message gives the order's amount (one US$ amount),
 * the ground that amount decides: b (objective reasons) needs an order of at least the minimum.
 */
function groundNote(slots: Slots): { zh: string; en: string; leadZh: string; leadEn: string } {
  const usd = slots.numbers.filter((n) => n.kind === "amount" && n.currency !== "CNY");
  if (usd.length !== 1 || !REFUSE_TA_CUE.test(slots.text)) return { zh: "", en: "", leadZh: "", leadEn: "" };
  const order = usd[0]!.value;
  const g = objectiveGroundApplies(order);
  // "Can we appeal on the objective-reason ground (b)?": the answer to that leads the reply.
  const asked = /客观|情形\s*[b（(]|理由\s*b|ground\s*\(?b\b|\(b\)|objective/u.test(slots.text);
  const leadZh = !asked ? "" : g.applies ? `可以用客观原因（情形b）申诉：订单 ${formatUsd(order)} ≥ ${formatUsd(APPEAL_OBJECTIVE_MIN_ORDER_USD)}；` : `不能用客观原因（情形b）申诉：情形b需订单 ≥ ${formatUsd(APPEAL_OBJECTIVE_MIN_ORDER_USD)}，这单 ${formatUsd(order)}，差 ${formatUsd(APPEAL_OBJECTIVE_MIN_ORDER_USD - order)}；情形a、c仍可；`;
  const leadEn = !asked
    ? ""
    : g.applies
      ? `Yes, ground b (objective reasons) applies: the order of ${usdEn(order)} ≥ ${usdEn(APPEAL_OBJECTIVE_MIN_ORDER_USD)}; `
      : `No, not on ground b (objective reasons): it needs an order of at least ${usdEn(APPEAL_OBJECTIVE_MIN_ORDER_USD)} and ${usdEn(order)} is ${usdEn(APPEAL_OBJECTIVE_MIN_ORDER_USD - order)} short; grounds a and c remain; `;
  return g.applies
    ? {
        leadZh,
        leadEn,
        zh: `；订单 ${formatUsd(order)} ≥ ${formatUsd(APPEAL_OBJECTIVE_MIN_ORDER_USD)}：申诉理由除买家要求不走信保（情形a）外，客观原因不能操作信保（情形b）也适用`,
        en: `; the order of ${usdEn(order)} ≥ ${usdEn(APPEAL_OBJECTIVE_MIN_ORDER_USD)}: besides the buyer asking not to use Trade Assurance (ground a), objective reasons (ground b) are a ground too`,
      }
    : {
        leadZh,
        leadEn,
        zh: `；订单 ${formatUsd(order)} < ${formatUsd(APPEAL_OBJECTIVE_MIN_ORDER_USD)}：申诉理由不能用客观原因（情形b），只能是买家要求不走信保（情形a）或其他正当理由（情形c）`,
        en: `; the order of ${usdEn(order)} < ${usdEn(APPEAL_OBJECTIVE_MIN_ORDER_USD)}: objective reasons (ground b) are not a ground; only the buyer asking not to use Trade Assurance (ground a) or another proper reason (ground c) are`,
      };
}

/** A time left, in whole days, hours and minutes, the zero parts left out: "10 分钟", "1 day 2 hours". */
function timeLeft(d: Duration): { zh: string; en: string } {
  const { days = 0, hours = 0, minutes = 0 } = d.toObject();
  const parts = [
    [Math.floor(days), "天", "day", "days"],
    [Math.floor(hours), "小时", "hour", "hours"],
    [Math.floor(minutes), "分钟", "minute", "minutes"],
  ] as const;
  const kept = parts.filter(([n]) => n > 0);
  if (kept.length === 0) return { zh: "不到 1 分钟", en: "less than a minute" };
  return { zh: kept.map(([n, zh]) => `${n} ${zh}`).join(" "), en: kept.map(([n, , one, many]) => countEn(n, one, many)).join(" ") };
}

/** The appeal window as the merchant words it ("申述期是15天吧", "the appeal window is 15 days"). */
const APPEAL_PERIOD_LEAD = /(?:申诉|appeal)[^，,。？?\d]{0,6}(?:期|时间|时限|期限|window|period|deadline)[^，,。？?\d]{0,4}$/u;

/** Words that make the points after them the penalty's own ("penalty … for refusing TA, 3 points"). */
const PENALTY_POINTS_LEAD = /罚|扣|被判|penal|deduct|refus|拒用/u;

const appealDeadline: Calculator = {
  needs: ["penaltyTime"],
  // "客户是第二次跟我们下单", "另一单": the story's other business does not move the window.
  setsAside: isOtherBusiness,
  cue: /^(?=[\s\S]*(?:罚|扣.{0,3}分|被判|判了|penal|sanction))(?=[\s\S]*(?:申诉|appeal))/u,
  run(slots, now) {
    const d = firstDate(slots, /罚|处罚|扣|被判|判了|penal/u);
    if (!d) return needs("告诉我处罚执行的日期和时间（例如「8月23日下午4点被罚」），我帮你算申诉截止时间。", "Tell me the date and time the penalty was applied (e.g. \"penalised on August 23 at 4 pm\") and I'll work out the appeal deadline.");
    const penalty: Penalty = { id: "p", rule: "other", at: d.instant.toISO() ?? "", points: 0 };
    const check = checkAppeals(partialMerchant({ penalties: [penalty] }), now);
    if (!check.ok) return needs("请告诉我处罚的时间。", "Please tell me when the penalty was applied.");
    const appeal = check.penalties[0]!.appeal;
    if (appeal.kind !== "7-days") return needs("请告诉我处罚的时间。", "Please tell me when the penalty was applied.");
    const days = APPEAL_WINDOW_HOURS / 24;
    // "8月23日被罚，8月29日还能申诉吗": the window asked at that moment (end of that day without a time);
    // a date before the penalty (a rule's start, "8月1日起的新规") is not the question.
    // "is it still open now?", "现在还能申诉吗": without a later day, the moment asked is now.
    const askedNow = ASKS_TODAY.test(slots.text) && now > d.instant ? nowAsSlot(now) : undefined;
    const asked = slots.dates.find((x) => x !== d && x.instant > d.instant) ?? askedNow;
    const at = asked ? (asked.time ? asked.instant : asked.instant.endOf("day")) : undefined;
    const onDay = at ? checkAppeals(partialMerchant({ penalties: [penalty] }), at) : undefined;
    const askedWindow = onDay?.ok ? onDay.penalties[0]!.appeal : undefined;
    // "现在是8月27日上午10:25，还来得及吗": with a time asked, how long is left.
    const left = asked?.time && askedWindow?.kind === "7-days" && askedWindow.open ? timeLeft(appeal.deadline.diff(asked.instant, ["days", "hours", "minutes"])) : undefined;
    // "现在26号9点55了还能申诉吗": past the deadline at a time, by how much.
    const late = asked?.time && askedWindow?.kind === "7-days" && !askedWindow.open ? timeLeft(asked.instant.diff(appeal.deadline, ["days", "hours", "minutes"])) : undefined;
    const stamp = asked ? `${asked.instant.toFormat("M月d日")}${asked.time ? ` ${asked.time}` : ""}` : "";
    const stampEn = asked ? `${asked.instant.setLocale("en").toFormat("MMMM d")}${asked.time ? ` ${asked.time}` : ""}` : "";
    const whenZh = asked === askedNow ? `现在（${stamp}）` : stamp;
    const whenEn = asked === askedNow ? `now (${stampEn} Beijing time)` : `on ${stampEn}`;
    const verdict =
      asked && askedWindow?.kind === "7-days"
        ? askedWindow.open
          ? `来得及，${whenZh}还可以申诉${left ? `（还剩 ${left.zh}）` : ""}；`
          : asked.time === null && asked.instant.toISODate() === appeal.deadline.setZone(SHANGHAI).toISODate()
            ? `${asked.instant.toFormat("M月d日")}当天 ${appeal.deadline.setZone(SHANGHAI).toFormat("HH:mm")} 前还可以申诉；`
            : `来不及，${whenZh}已不能申诉${late ? `（已过截止 ${late.zh}）` : ""}；`
        : "";
    const noTime = d.time === null ? `（没说具体几点，按当天 00:00 算；实际截止是处罚执行时刻往后 ${days}×24 小时）` : "";
    const verdictEn =
      asked && askedWindow?.kind === "7-days"
        ? askedWindow.open
          ? `Yes, ${whenEn} you can still appeal${left ? ` (${left.en} left)` : ""}; `
          : asked.time === null && asked.instant.toISODate() === appeal.deadline.setZone(SHANGHAI).toISODate()
            ? `On ${asked.instant.setLocale("en").toFormat("MMMM d")} you can still appeal before ${appeal.deadline.setZone(SHANGHAI).toFormat("HH:mm")}; `
            : `No, ${whenEn} the appeal window has closed${late ? ` (${late.en} past the deadline)` : ""}; `
        : "";
    const noTimeEn = d.time === null ? ` (no time given, so 00:00 that day; the real deadline is ${days}×24 hours after the penalty was executed)` : "";
    const inZoneEn = d.zoneNamed && d.zone !== SHANGHAI ? `, that is ${appeal.deadline.setZone(d.zone).toFormat("yyyy-MM-dd HH:mm")} ${zoneNameEn(d.zone)}` : "";
    // "被判了拒用信保，扣了3分，最晚什么时候申诉": the points the penalty cost do not move the window.
    // "penalised for refusing TA, 3 points" names them after the penalty in the same sentence.
    const points = slots.numbers.filter((n) => n.kind === "score" && (/扣|罚|deduct|lost/u.test(n.before.slice(-4)) || PENALTY_POINTS_LEAD.test(sentenceBefore(slots, n))));
    const pointsNote = points.length === 1 ? `（扣 ${points[0]!.value} 分的处罚，申诉期限与扣分多少无关）` : "";
    const pointsNoteEn = points.length === 1 ? ` (a ${points[0]!.value}-point penalty; the window does not depend on the points)` : "";
    // "申述期是15天吧": the window the merchant believes, corrected first (or confirmed).
    const claimed = slots.numbers.find((n) => n.kind === "count" && /^(?:天|days?)$/u.test(n.unit) && APPEAL_PERIOD_LEAD.test(n.lead));
    const claimZh = claimed ? (claimed.value === days ? `对，是 ${days} 天：` : `不是 ${claimed.value} 天，是处罚执行后 ${days} 天内：`) : "";
    const claimEn = claimed ? (claimed.value === days ? `Right, ${days} days: ` : `Not ${claimed.value} days but ${days} days from the penalty: `) : "";
    // "拒用信保被罚…订单6800美金，还能申诉吗": the order's amount decides one of the grounds (b).
    const ground = groundNote(slots);
    const en = {
      result: `${claimEn}${ground.leadEn}${verdictEn}appeal by ${dayTimeEn(appeal.deadline)}${inZoneEn}${noTimeEn}`,
      arithmetic: `penalty at ${dayTimeEn(d.instant)} + ${days}×24 hours = ${appeal.deadline.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm")}${pointsNoteEn}${ground.en}`,
      rule: `A penalty may be appealed within ${days} days of its execution (${ESTIMATE_NOTE_EN}: penalty time + ${days}×24 hours, Beijing time), under My Alibaba - Service center - Appeals (MA后台-服务中心-申诉中心)`,
    };
    return {
      en,
      kind: "computed",
      result: `${claimZh}${ground.leadZh}${verdict}申诉截止 ${dayTime(appeal.deadline)}${d.zoneNamed && d.zone !== SHANGHAI ? `，即${zoneName(d.zone)} ${appeal.deadline.setZone(d.zone).toFormat("yyyy-MM-dd HH:mm")}（${appeal.deadline.setZone(d.zone).toFormat("M月d日 HH:mm")}）` : ""}${noTime}`,
      arithmetic: `处罚时间 ${dayTime(d.instant)} + ${days}×24 小时 = ${appeal.deadline.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm")}${pointsNote}${ground.zh}`,
      rule: `卖家被执行处罚${days}天内可以提起申诉（${ESTIMATE_NOTE}：处罚时间 + ${days}×24 小时，北京时间），入口 MA后台-服务中心-申诉中心`,
      source: "国际站规则更新解读 · 直播FAQ Q3",
    };
  },
};

// ---------------------------------------------------------------- Find-Factory

type FactoryListName = "heat" | "response-time" | "on-time-dispatch" | "strength";

const FACTORY_LIST_NAMES_EN: Readonly<Record<FactoryListName, string>> = {
  heat: "the hot list",
  "response-time": "the reply time list",
  "on-time-dispatch": "the on-time dispatch list",
  strength: "the strength list",
};

interface FactoryListResult {
  text: string;
  /** The comparison that decides, without the verdict ("52 > 40"): the working line. */
  arithmetic: string;
  /** Said after the working only (a figure told that orders the list but does not decide entry). */
  note?: string;
  met: boolean;
  thresholds: string;
  en: { text: string; arithmetic: string; thresholds: string };
}

/** Said right after the one order count: every order dispatched on time ("是按时发的", "all on time"). */
const ALL_ON_TIME =
  /(?:都|全|全部|均|(?<![不没沒])是)(?:是)?(?:按时|及时|准时|on.?time)|\b(?:all|both)\b(?: of them)?(?: were)?(?: shipped| dispatched)? on.?time|\b(?:it|they) (?:was|were) (?:shipped |dispatched )?on.?time/iu;

/**
 * The words before a figure back to the previous figure (a period such as "last 90 days" is words,
 * not a figure) or the start of its sentence, however long: a number's `lead` stops at 30
 * characters, and "rfq gmv received in the last 90 days is " loses its "rfq gmv".
 */
function wordsBefore(slots: Slots, n: NumberSlot): string {
  const prev = Math.max(0, ...slots.numbers.filter((x) => x.index < n.index && !x.period).map((x) => x.index + x.raw.length), ...slots.dates.filter((d) => d.index < n.index).map((d) => d.index + d.raw.length));
  const head = slots.text.slice(prev, n.index);
  return head.split(/[。？?！!;；]|\.(?!\d)/u).pop() ?? "";
}

/** The sentence a figure stands in, up to the figure, across the figures and dates before it. */
function sentenceBefore(slots: Slots, n: NumberSlot): string {
  return slots.text.slice(0, n.index).split(/[。？?！!;；]|\.(?!\d)/u).pop() ?? "";
}

/** The rest of the sentence a figure stands in (a slot's own `after` is only a short window). */
function sentenceAfter(slots: Slots, n: NumberSlot): string {
  return slots.text.slice(n.index + n.raw.length).split(/[。？?！!]|\.(?!\d)/u)[0] ?? "";
}

/** A threshold's comparison in words, for the rule line. */
const OP_WORDS: Readonly<Record<">" | "<" | ">=" | "<=", { zh: string; en: string }>> = {
  ">": { zh: "大于", en: "more than" },
  ">=": { zh: "不低于", en: "at least" },
  "<": { zh: "小于", en: "under" },
  "<=": { zh: "不超过", en: "at most" },
};

/** "热度榜门槛是40个询盘", "the threshold is 40": the rule's figure restated, not the merchant's. */
/** "满四十个有效询盘就能上": the threshold as the merchant believes it, not a count of their own. */
const believedThreshold = (n: NumberSlot) => /(?:满|够|达到|到了?)\s*$/u.test(n.lead) && /^\s*(?:个|条|家)?[^，,。；;\d]{0,8}?(?:就|才)(?:能|可以|行|算)/u.test(n.after);
const RESTATED_THRESHOLD = /(?:门槛|要求|标准|threshold|cut-?off|minimum)\s*(?:是|为|就是|要|需|is|of)?\s*(?:大于|超过|至少|不少于|more than|above|at least)?\s*$/u;

/** Words saying orders went out late ("晚发了", "延误", "没按时", "shipped late"). */
const LATE_ORDERS = /晚|迟|延误|延迟|逾期|超时|没按时|没及时|late|delayed/u;

function factoryList(slots: Slots, list: FactoryListName): FactoryListResult | NeedsFigure {
  // The company's own figures ("店铺有230个产品", "unit price 0.3 USD") are no list's metric, nor is the threshold restated.
  const inquiryCounts =
    list === "heat" ? slots.numbers.filter((n) => (n.kind === "plain" || (n.kind === "count" && /^(?:个|条|家)$/u.test(n.unit))) && !isCompanyFact(n) && !needsNoPlace(n) && !RESTATED_THRESHOLD.test(n.lead) && !believedThreshold(n)) : [];
  // Effective inquiries exclude the risk-controlled ones (排除风控): "55个，其中16个被风控排除" → 39.
  const excluded = inquiryCounts.filter((n) => /排除|风控|无效|不算|剔除|excluded|filtered/u.test((n.after.split(/\d/u)[0] ?? "").slice(0, 10)));
  const totals = inquiryCounts.filter((n) => !excluded.includes(n));
  if (list === "heat" && (totals.length > 1 || excluded.length > 1)) return needs("告诉我近90天的有效询盘数（已排除风控的那个数），我帮你算能否上热度榜。", "Tell me your effective inquiries in the last 90 days (the one number, after risk-control exclusions) and I'll work out whether you make the hot list.");
  const total = list === "heat" ? numberNear(slots, ["count", "plain"], /询盘|inquir/u, 8, (n) => n.unit === "天" || excluded.includes(n) || RESTATED_THRESHOLD.test(n.lead) || believedThreshold(n)) : undefined;
  // "38 effective inquiries", "询盘有38": the one count in a question about inquiries.
  const only = !total && totals.length === 1 && /询盘|inquir/u.test(slots.text) ? totals[0] : undefined;
  const inquiries =
    !total && only ? only : total && excluded[0] && excluded[0].value <= total.value ? { ...total, value: total.value - excluded[0].value, raw: `${total.value} − ${excluded[0].value}` } : total;
  const hoursSlot = list === "response-time" ? slots.numbers.find((n) => n.kind === "count" && n.unit === "小时") : undefined;
  // "1小时50分钟", "1小时59分" (分 right after the hours is minutes, not points).
  const minutes =
    list === "response-time"
      ? slots.numbers.find((n) => n.kind === "plain" && /^分钟|^min/u.test(n.after)) ??
        slots.numbers.find((n) => n.kind === "score" && n.unit === "分" && hoursSlot !== undefined && n.index > hoursSlot.index && /^\s*$/u.test(slots.text.slice(hoursSlot.index + hoursSlot.raw.length, n.index)))
      : undefined;
  const upToNextNumber = (n: NumberSlot) => n.after.split(/\d/u)[0] ?? "";
  const orderCounts =
    list === "on-time-dispatch"
      ? slots.numbers.filter(
          (n) =>
            (n.kind === "count" && (/单|orders?/u.test(n.unit) || (n.unit === "个" && (/^\s*(?:发货|已发货|发出的?)?订单/u.test(n.after) || /订单(?:数|数量)?(?:是|有|为)?\s*$/u.test(n.lead))))) ||
            (n.kind === "plain" && /^\s*(?:of them|(?:were |shipped |dispatched )*on.?time)/u.test(n.after)),
        )
      : [];
  // The one percentage told is the on-time rate unless its words make it another rate ("回复率80%").
  const otherRate = (n: NumberSlot) => OTHER_RATE.test(n.lead);
  const percents = numbersOf(slots, "percent");
  const lone = percents.length === 1 && !otherRate(percents[0]!) ? percents[0] : undefined;
  const written = list === "on-time-dispatch" ? numberNear(slots, ["percent"], /及时|准时|发货率|on.?time/u, 10, otherRate) ?? lone : undefined;
  // "发了30单，其中28单及时发货" → 28 / 30.
  // What the words after a count say of those orders: the first of "on time" or "late" to come
  // decides ("其中四单晚发了 及时发货榜进不去吧" is four late orders, not four on time).
  const saidOf = (n: NumberSlot): "on-time" | "late" | undefined => {
    const clause = upToNextNumber(n).split(/[，,。；;]/u)[0] ?? "";
    const onTime = clause.search(/及时|准时|按时|on.?time/u);
    const late = clause.search(LATE_ORDERS);
    if (onTime < 0 && late < 0) return undefined;
    return late >= 0 && (onTime < 0 || late < onTime) ? "late" : "on-time";
  };
  const onTimeOrders = orderCounts.find((n) => /及时|准时|按时|on.?time/u.test(n.lead)) ?? orderCounts.find((n) => saidOf(n) === "on-time");
  // "发了30单，有3单是台风晚的" → (30 − 3) / 30.
  const lateOrders = onTimeOrders ? undefined : orderCounts.find((n, i) => i > 0 && saidOf(n) === "late");
  const allOrders = orderCounts.find((n) => n !== onTimeOrders && n !== lateOrders);
  // The on-time share the late orders leave, when they are a part of the orders.
  const lateLeaves = lateOrders && allOrders && allOrders.value > 0 && lateOrders.value <= allOrders.value ? (allOrders.value - lateOrders.value) / allOrders.value : undefined;
  const derived =
    !written && onTimeOrders && allOrders && allOrders.value > 0 && onTimeOrders.value <= allOrders.value
      ? { ...onTimeOrders, value: onTimeOrders.value / allOrders.value, kind: "percent" as const }
      : !written && allOrders && lateLeaves !== undefined
        ? { ...allOrders, value: lateLeaves, kind: "percent" as const }
        : undefined;
  // "只发了1单，是按时发的", "shipped 3 orders, all on time": every order on time is a 100% rate.
  const allOnTime =
    !written && !derived && orderCounts.length === 1 && ALL_ON_TIME.test(sentenceAfter(slots, orderCounts[0]!))
      ? { ...orderCounts[0]!, value: 1, kind: "percent" as const }
      : undefined;
  const rate = written ?? derived ?? allOnTime;
  // "没有发货订单", "0单", "no orders shipped": the list also needs at least one dispatched order.
  const noOrders = /没有?(?:任何)?(?:发货|发出)?(?:的)?订单|没发(?:过)?货|(?<![\d.])0\s*单|零单|no (?:shipped )?orders|no orders? shipped|haven't shipped/u.test(slots.text);
  const orders = derived ? allOrders : orderCounts[0];
  const ordersValue = noOrders ? 0 : orders?.value;
  const amounts = slots.numbers.filter((n) => (n.kind === "amount" || (n.kind === "plain" && n.value >= 100)) && !isCompanyFact(n));
  if (list === "strength" && amounts.length > 1) return needs("告诉我你自己近90天的信保GMV（美元，一个数），我帮你算能否上实力榜；入榜后按信保GMV从高到低排名。", "Tell me your own Trade Assurance GMV in the last 90 days (US$, one number) and I'll work out whether you make the strength list; listed shops are ranked by that GMV, highest first.");
  const gmv = list === "strength" ? usdAmount(slots, /信保|ta|gmv|交易额/u) ?? amounts[0] : undefined;
  const asks: Record<FactoryListName, readonly [string, string]> = {
    heat: ["告诉我近90天的有效询盘数（例如「有效询盘35个」），我帮你算能否上热度榜。", "Tell me your effective inquiries in the last 90 days (e.g. \"35 effective inquiries\") and I'll work out whether you make the hot list."],
    "response-time": ["告诉我近90天的平均回复时间（例如「平均回复1.5小时」），我帮你算能否上回复时间榜。", "Tell me your average reply time in the last 90 days (e.g. \"average reply 1.5 hours\") and I'll work out whether you make the reply time list."],
    "on-time-dispatch": ["告诉我近90天的及时发货率（例如「及时发货率92%」），我帮你算能否上及时发货榜。", "Tell me your on-time dispatch rate in the last 90 days (e.g. \"on-time dispatch rate 92%\") and I'll work out whether you make the on-time dispatch list."],
    strength: ["告诉我近90天的信保GMV（美元，例如「信保GMV 1800美元」），我帮你算能否上实力榜。", "Tell me your Trade Assurance GMV in the last 90 days (US$, e.g. \"TA GMV US$1,800\") and I'll work out whether you make the strength list."],
  };
  // "1小时50分钟": the minutes right after the hours belong to them.
  const extraMinutes = hoursSlot && minutes && minutes.index > hoursSlot.index && /^\s*$/u.test(slots.text.slice(hoursSlot.index + hoursSlot.raw.length, minutes.index)) ? minutes : undefined;
  const hours = hoursSlot ? hoursSlot.value + (extraMinutes ? extraMinutes.value / 60 : 0) : minutes ? minutes.value / 60 : undefined;
  const value = list === "heat" ? inquiries?.value : list === "response-time" ? hours : list === "on-time-dispatch" ? rate?.value : gmv?.value;
  if (value === undefined || (list === "strength" && gmv?.currency === "CNY")) return needs(...asks[list]);
  const check = checkFactory(
    partialMerchant({
      factory: {
        verifiedLicenceWithProduction: true,
        agreementSigned: true,
        effectiveInquiries90d: list === "heat" ? Math.round(value) : 0,
        avgReplyHours90d: list === "response-time" ? value : 0,
        replyRate90d: 0,
        dispatchedOrders90d: list === "on-time-dispatch" ? (ordersValue ?? 1) : 0,
        onTimeDispatchRate90d: list === "on-time-dispatch" ? Math.min(1, value) : 0,
        taGmv90dUsd: list === "strength" ? value : 0,
      },
    }),
  );
  const l = check.lists!.find((x) => x.list === list)!;
  const ordersT = l.thresholds.find((x) => x.metric === "dispatchedOrders90d");
  if (ordersT && !ordersT.met) {
    const thresholdsEn = `${FACTORY_LIST_NAMES_EN[list]}: at least ${ordersT.threshold} dispatched orders in the last 90 days, and an on-time dispatch rate > ${formatPercent(onTimeRateOf(l))}`;
    // "及时发货率显示92%，但这90天一单都没发过": a rate without orders does not count.
    const shownRate = rate ? `；显示的及时发货率 ${formatPercent(rate.value)} 没有发货订单不算数` : "";
    const shownRateEn = rate ? `; the on-time rate shown (${formatPercent(rate.value)}) does not count without dispatched orders` : "";
    const arithmetic = `近90天发货订单 ${ordersT.value} 单，需至少 ${ordersT.threshold} 单（有发货订单后，及时发货率还需 > ${formatPercent(onTimeRateOf(l))}）${shownRate}`;
    return {
      text: `不能上${l.name}：${arithmetic}`,
      arithmetic,
      met: false,
      thresholds: `${l.name}门槛：近90天至少 ${ordersT.threshold} 个发货订单，且及时发货率 > ${formatPercent(onTimeRateOf(l))}`,
      en: {
        text: `No, not on ${FACTORY_LIST_NAMES_EN[list]}: ${ordersT.value} orders dispatched in the last 90 days, at least ${ordersT.threshold} needed${shownRateEn}`,
        arithmetic: `${ordersT.value} < ${ordersT.threshold} orders`,
        thresholds: thresholdsEn,
      },
    };
  }
  const t = l.thresholds.find((x) => x.metric !== "dispatchedOrders90d") ?? l.thresholds[0]!;
  const fmt = (v: number) =>
    t.metric === "effectiveInquiries90d" ? `${formatNumber(v)} 个` : t.metric === "avgReplyHours90d" ? `${formatNumber(v)} 小时` : t.metric === "onTimeDispatchRate90d" ? formatPercent(v) : formatUsd(v);
  const gap =
    t.met
      ? ""
      : t.metric === "effectiveInquiries90d"
        ? `，还差 ${t.gap} 个（至少要 ${t.threshold + 1} 个）`
        : t.metric === "avgReplyHours90d"
          ? `，需缩短到 ${fmt(t.threshold)}以内`
          : t.metric === "onTimeDispatchRate90d"
            ? `，需超过 ${fmt(t.threshold)}${t.gap > 0 ? `（还差 ${formatNumber(t.gap * 100, 1, "up")} 个百分点以上）` : "（刚好等于门槛不算超过）"}`
            : `，需超过 ${fmt(t.threshold)}${t.gap > 0 ? `（还差 ${formatUsdGap(t.gap)}以上）` : "（刚好等于门槛不算超过）"}`;
  // From counts of orders, how many more on-time ones would lift the rate above the threshold.
  const onTimeCount = lateOrders && allOrders ? allOrders.value - lateOrders.value : derived && allOrders ? onTimeOrders!.value : undefined;
  const moreOnTime = ((): { zh: string; en: string } => {
    if (t.met || t.metric !== "onTimeDispatchRate90d" || onTimeCount === undefined || !allOrders) return { zh: "", en: "" };
    const x = onTimeOrdersNeeded(onTimeCount, allOrders.value, t.threshold);
    const after = `${onTimeCount + x}/${allOrders.value + x} = ${formatNumber(((onTimeCount + x) / (allOrders.value + x)) * 100, 1)}%`;
    return { zh: `；再按时发 ${x} 单就能超过：${after}`, en: `; ${countEn(x, "more order", "more orders")} dispatched on time would lift it above: ${after}` };
  })();
  const ordersNote =
    list === "on-time-dispatch" && !orders
      ? "（另需近90天至少1个发货订单）"
      : lateOrders && allOrders && lateLeaves !== undefined
        ? `（${allOrders.value} 单中 ${lateOrders.value} 单晚发：${allOrders.value - lateOrders.value}/${allOrders.value} 单 = ${formatNumber(lateLeaves * 100, 1)}% 及时${moreOnTime.zh}）`
        : derived && allOrders
        ? `（${onTimeOrders!.value}/${allOrders.value} 单 = ${formatNumber(derived.value * 100, 1)}%${moreOnTime.zh}）`
        : allOnTime
          ? `（${orderCounts[0]!.value} 单全部及时发货 = 100%）`
          : list === "on-time-dispatch" && orders && ordersT
            ? `（近90天发货订单 ${orders.value} 单 ≥ ${ordersT.threshold} 单 ✓）`
            : inquiries?.raw.includes("−")
          ? `（有效询盘 ${inquiries.raw} = ${inquiries.value} 个，已排除风控）`
          : list === "response-time" && (extraMinutes || (!hoursSlot && minutes))
            ? `（${hoursSlot ? `${hoursSlot.value} 小时 ` : ""}${(extraMinutes ?? minutes)!.value} 分钟 = ${formatNumber(value, 2)} 小时）`
            : "";
  const fmtEn = (v: number) =>
    t.metric === "effectiveInquiries90d" ? `${formatNumber(v)} inquiries` : t.metric === "avgReplyHours90d" ? `${formatNumber(v)} hours` : t.metric === "onTimeDispatchRate90d" ? formatPercent(v) : usdEn(v);
  const gapEn = t.met
    ? ""
    : t.metric === "effectiveInquiries90d"
      ? `, ${t.gap} short (at least ${t.threshold + 1} needed)`
      : t.metric === "avgReplyHours90d"
        ? `; it must be under ${fmtEn(t.threshold)}`
        : t.metric === "onTimeDispatchRate90d"
          ? `; it must be above ${fmtEn(t.threshold)}${t.gap > 0 ? "" : " (exactly the threshold is not above it)"}`
          : `; it must be above ${fmtEn(t.threshold)}`;
  const compareEn = `${fmtEn(t.value)} ${t.met ? (t.op === "<" ? "<" : ">") : t.op === "<" ? "is not under" : "is not above"} ${fmtEn(t.threshold)}`;
  const ordersNoteEn =
    list === "on-time-dispatch" && !orders
      ? " (at least 1 dispatched order in the last 90 days is needed too)"
      : lateOrders && allOrders && lateLeaves !== undefined
        ? ` (${lateOrders.value} of ${countEn(allOrders.value, "order", "orders")} late: ${allOrders.value - lateOrders.value}/${allOrders.value} = ${formatNumber(lateLeaves * 100, 1)}% on time${moreOnTime.en})`
        : derived && allOrders
        ? ` (${onTimeOrders!.value}/${allOrders.value} orders = ${formatNumber(derived.value * 100, 1)}%)`
        : allOnTime
          ? ` (all ${countEn(orderCounts[0]!.value, "order", "orders")} on time = 100%)`
          : list === "on-time-dispatch" && orders && ordersT
            ? ` (${countEn(orders.value, "order", "orders")} dispatched in the last 90 days ≥ ${ordersT.threshold} ✓)`
            : inquiries?.raw.includes("−")
          ? ` (effective inquiries ${inquiries.raw} = ${inquiries.value}, risk-filtered ones left out)`
          : list === "response-time" && (extraMinutes || (!hoursSlot && minutes))
            ? ` (${hoursSlot ? `${hoursSlot.value} hours ` : ""}${(extraMinutes ?? minutes)!.value} minutes = ${formatNumber(value, 2)} hours)`
            : "";
  const metricEn =
    t.metric === "effectiveInquiries90d" ? "effective inquiries (risk-filtered ones left out)" : t.metric === "avgReplyHours90d" ? "average reply time" : t.metric === "onTimeDispatchRate90d" ? "on-time dispatch rate (and at least 1 dispatched order)" : "Trade Assurance GMV";
  // The reply-time list ranks by reply rate: a rate told beside the reply time orders the list, it does not decide entry.
  const rankRate = list === "response-time" ? slots.numbers.find((n) => n.kind === "percent" && /回复率|回覆率|reply rate|response rate/u.test(n.lead + n.before)) : undefined;
  const rankNote = rankRate ? `；回复率 ${formatPercent(rankRate.value)} 只决定入榜后的排名（按回复率从高到低），不影响能否入榜` : "";
  const rankNoteEn = rankRate ? `; the reply rate of ${formatPercent(rankRate.value)} only orders the list once on it (highest first), it does not decide entry` : "";
  const en = {
    text: `${t.met ? "Yes" : "No"}, ${t.met ? "on" : "not on"} ${FACTORY_LIST_NAMES_EN[list]}: ${compareEn}${gapEn}${ordersNoteEn}`,
    arithmetic: `${compareEn}${ordersNoteEn}${rankNoteEn}`,
    thresholds: `${FACTORY_LIST_NAMES_EN[list]}: ${metricEn} in the last 90 days ${OP_WORDS[t.op].en} ${fmtEn(t.threshold)}`,
  };
  const arithmetic = `${fmt(t.value)} ${t.met ? (t.op === "<" ? "<" : ">") : t.op === "<" ? "不低于" : "未超过"} ${fmt(t.threshold)}${gap}${ordersNote}`;
  return {
    en,
    text: `${t.met ? "能" : "不能"}上${l.name}：${arithmetic}`,
    arithmetic,
    note: rankNote,
    met: t.met,
    // The rule in words, as the briefing states it ("大于40个", "小于2小时").
    thresholds: `${l.name}门槛：近90天${t.metric === "effectiveInquiries90d" ? "有效询盘（排除风控）" : t.metric === "avgReplyHours90d" ? "平均回复时间" : t.metric === "onTimeDispatchRate90d" ? "及时发货率（且至少1个发货订单）" : "信保GMV"}${OP_WORDS[t.op].zh} ${fmt(t.threshold)}`,
  };
}

/** The on-time rate threshold of the on-time list, as the rule reported it. */
function onTimeRateOf(l: { thresholds: readonly { metric: string; threshold: number }[] }): number {
  return l.thresholds.find((x) => x.metric === "onTimeDispatchRate90d")?.threshold ?? 0;
}

/** Another rate than the on-time one ("回复率70%", "reply rate"): the reply time list ranks by it, the on-time list never reads it. */
const OTHER_RATE = /回复|reply|response|转化|conversion/u;

function factoryCalculator(list: FactoryListName, need: string, cue: RegExp): Calculator {
  return {
    needs: [need],
    cue,
    ...(list === "on-time-dispatch" ? { setsAside: (n: NumberSlot) => n.kind === "percent" && OTHER_RATE.test(n.lead) } : {}),
    run(slots) {
      const r = factoryList(slots, list);
      if ("kind" in r) return r;
      const figures = r.arithmetic;
      // The lists pick products of factories and integrated merchants only: a pure trading company's are not picked.
      if (slots.businessType === "trading") {
        return {
          kind: "computed",
          result: `不能上${FACTORY_LIST_NAMES[list]}：榜单只圈选工厂、工贸一体商家的商品，贸易公司的商品不在范围内`,
          arithmetic: `企业类型：贸易公司 → 不在选商范围（数字本身：${figures}）`,
          rule: `找工厂四个榜单均无行业限制，需为工厂、工贸一体商家的商品；${r.thresholds}`,
          source: "全新导购场景-找工厂频道 · 前台场景 榜单",
          en: {
            result: `No, not on ${FACTORY_LIST_NAMES_EN[list]}: the lists pick products of factories and integrated manufacturer-traders only, not a trading company's`,
            arithmetic: `business type: trading company → outside the lists' scope (the figures themselves: ${r.en.arithmetic})`,
            rule: `All four Find Factory lists are open to every industry, for products of factories and integrated manufacturer-traders; ${r.en.thresholds}`,
          },
        };
      }
      return {
        kind: "computed",
        result: r.text,
        arithmetic: figures + (r.note ?? ""),
        rule: r.thresholds,
        source: "全新导购场景-找工厂频道 · 前台场景 榜单",
        en: { result: r.en.text, arithmetic: r.en.arithmetic, rule: r.en.thresholds },
      };
    },
  };
}

/** The four Find Factory lists, in the briefing's order. */
const FACTORY_LISTS: readonly FactoryListName[] = ["heat", "response-time", "on-time-dispatch", "strength"];

/**
 * "有效询盘52个，发货30单及时率92%，信保GMV 1500美金，哪几个榜能进": every list whose figure the
 * question gives, each decided by its own rule; a list whose figure is missing is named as such.
 */
const factoryLists: Calculator = {
  needs: ["inquiries", "replyHours", "onTimeRate", "taGmvUsd"],
  cue: /哪(?:几|些)个?榜|几个榜|能上哪|能进哪|which (?:of the )?lists?|what lists?/u,
  run(slots) {
    const decided = FACTORY_LISTS.map((list) => ({ list, r: factoryList(slots, list) })).filter((x): x is { list: FactoryListName; r: FactoryListResult } => !("kind" in x.r));
    if (decided.length < 2) {
      return needs("告诉我近90天的有效询盘数、平均回复时间、及时发货率（和发货订单数）、信保GMV，我帮你逐个算能上哪几个榜。", "Tell me your effective inquiries, average reply time, on-time dispatch rate (and dispatched orders) and Trade Assurance GMV over the last 90 days, and I'll work out list by list which ones you make.");
    }
    const trading = slots.businessType === "trading";
    const on = trading ? [] : decided.filter((x) => x.r.met);
    const off = trading ? decided : decided.filter((x) => !x.r.met);
    const unknown = FACTORY_LISTS.filter((l) => !decided.some((x) => x.list === l));
    const names = (xs: readonly { list: FactoryListName }[], en = false) => xs.map((x) => (en ? FACTORY_LIST_NAMES_EN : FACTORY_LIST_NAMES)[x.list]).join(en ? ", " : "、");
    const parts = [
      on.length > 0 ? `能上：${names(on)}` : "四个榜单都还上不了",
      off.length > 0 && on.length > 0 ? `不能上：${names(off)}` : "",
      unknown.length > 0 ? `${unknown.map((l) => FACTORY_LIST_NAMES[l]).join("、")}：问题里没有给出确切的数字` : "",
    ].filter(Boolean);
    const partsEn = [
      on.length > 0 ? `you make ${names(on, true)}` : "you make none of the lists yet",
      off.length > 0 && on.length > 0 ? `not ${names(off, true)}` : "",
      unknown.length > 0 ? `${unknown.map((l) => FACTORY_LIST_NAMES_EN[l]).join(", ")}: no exact figure given` : "",
    ].filter(Boolean);
    const figures = decided.map((x) => `${FACTORY_LIST_NAMES[x.list]}：${x.r.arithmetic}${x.r.note ?? ""}`).join("；");
    return {
      kind: "computed",
      result: `${parts.join("；")}${trading ? "（榜单只圈选工厂、工贸一体商家的商品，贸易公司的商品不在范围内）" : ""}`,
      arithmetic: figures,
      rule: `找工厂四个榜单无需报名、系统自动圈选，需为工厂、工贸一体商家的商品：${decided.map((x) => x.r.thresholds).join("；")}`,
      source: "全新导购场景-找工厂频道 · 前台场景 榜单",
      en: {
        result: `${partsEn.join("; ")}${trading ? " (the lists pick products of factories and integrated manufacturer-traders only, not a trading company's)" : ""}`,
        arithmetic: decided.map((x) => `${FACTORY_LIST_NAMES_EN[x.list]}: ${x.r.en.arithmetic}`).join("; "),
        rule: `The four Find Factory lists need no sign-up (the system picks) and take products of factories and integrated manufacturer-traders: ${decided.map((x) => x.r.en.thresholds).join("; ")}`,
      },
    };
  },
};

const factoryRemovalAppeal: Calculator = {
  needs: ["removalEmailDate"],
  cue: /清退.{0,20}申诉|removed.{0,30}appeal/u,
  run(slots) {
    // "8月27号（周五）收到找工厂的清退邮件，9月6号再发邮件申诉": the day it was received, then the day asked.
    const received = slots.dates.find((x) => /^[^，,。；;]{0,16}?(?:收到|接到|received|got)/u.test(slots.text.slice(x.index + x.raw.length)));
    const d = received ?? firstDate(slots, /清退|邮件|通知|email|removed/u);
    if (!d) return needs("告诉我收到清退通知邮件的日期（例如「9月3日收到清退邮件」），我帮你算申诉截止日。", "Tell me the date you received the removal notice e-mail (e.g. \"removal e-mail received on September 3\") and I'll work out the appeal deadline.");
    const r = findFactoryAppealDeadline(d.instant, []);
    // "8/30收到的，9/7还能发邮件申诉吗": a later day asked about is answered yes or no first.
    const asked = slots.dates.find((x) => x !== d && x.instant > d.instant);
    const open = asked !== undefined && asked.date <= r.deadlineDate;
    const on = asked?.instant.toFormat("M月d日");
    const onEn = asked?.instant.setLocale("en").toFormat("MMMM d");
    const verdict = asked ? (open ? `${on}还可以申诉；` : `${on}已不能申诉（已过截止日）；`) : "";
    const verdictEn = asked ? (open ? `Yes, on ${onEn} you can still appeal; ` : `No, on ${onEn} the appeal window has closed; `) : "";
    return {
      kind: "computed",
      result: `${verdict}最晚 ${dayOf(r.deadlineDate)} 前以邮件方式发起申诉（只有一次机会）`,
      arithmetic: `邮件日 ${r.emailDate} 起往后数 ${FACTORY_APPEAL_WORKING_DAYS} 个工作日（周一至周五）= ${r.deadlineDate}`,
      rule: `清退通知邮件发出后${FACTORY_APPEAL_WORKING_DAYS}个工作日内可以邮件申诉一次（${ESTIMATE_NOTE}：工作日按周一至周五计，节假日未扣除）`,
      source: "全新导购场景-找工厂频道 · 找工厂入驻协议 三、持续审核",
      en: {
        result: `${verdictEn}appeal by e-mail by ${dayOfEn(r.deadlineDate)} at the latest (one chance only)`.replace(/^a/u, "A"),
        arithmetic: `e-mail on ${r.emailDate} + ${FACTORY_APPEAL_WORKING_DAYS} working days (Monday to Friday) = ${r.deadlineDate}`,
        rule: `A removal from Find Factory may be appealed once by e-mail within ${FACTORY_APPEAL_WORKING_DAYS} working days of the notice (${ESTIMATE_NOTE_EN}: Monday to Friday, public holidays not taken out)`,
      },
    };
  },
};

// ---------------------------------------------------------------- festival

const AGENCY_WORDS = /一达通|代理出口|one ?touch/u;
const SELF_WORDS = /自营出口|自营|市场采购|self.{0,12}export|market procurement/u;

/** Whether a fee question is about OneTouch agency export: named, or asked of that rule with no other route named. */
const agencyMeant = (text: string, route: "self" | "agency") => AGENCY_WORDS.test(text) || (route === "agency" && !/自营|市场采购/u.test(text));

/** Where the briefing states the fee waivers. */
const FEE_WAIVER_SOURCE = "九月采购节—营销活动攻略 · 商家侧营销玩法";

/** The waived fee and the export route of a waiver, and the waiver's rule line, in both languages. */
function waiverWords(w: FeeWaiver, agency: boolean) {
  const fee = w.fee === "basic-service-fee" ? "基础服务费" : "交易服务费";
  const feeEn = w.fee === "basic-service-fee" ? "basic service fee" : "transaction service fee";
  const routeName = agency ? "一达通代理出口" : "自营出口/市场采购出口";
  const routeEn = agency ? "OneTouch agency export (一达通代理出口)" : "self-export or market procurement export (自营出口/市场采购出口)";
  return {
    fee,
    feeEn,
    routeName,
    routeEn,
    rule: `${routeName}（信用保障/e收汇）累计实收 ≥ ${formatUsd(w.thresholdUsd)} 后，次单起${fee}全免`,
    ruleEn: `Once ${routeEn} received through Trade Assurance or e-collection (信用保障/e收汇) reaches ${usdEn(w.thresholdUsd)}, the ${feeEn} is waived from the next order on`,
  };
}

/** The waiver of the route a question is about, at `receivedUsd` received, with its words; undefined when the rule cannot say. */
function waiverAt(route: "self" | "agency", slots: Slots, receivedUsd: number, now: DateTime) {
  const agency = agencyMeant(slots.text, route);
  const check = checkFees(partialMerchant({ exportFees: { selfExportReceivedUsd: receivedUsd, agencyExportReceivedUsd: receivedUsd } }), now);
  if (!check.ok) return undefined;
  const w = check.waivers[agency ? 1 : 0];
  return { w, ...waiverWords(w, agency) };
}
const NEEDS_TOTAL = needs("请告诉我累计实收金额。", "Please tell me the total received so far.");

/** One waiver, worded. */
function waiverLine(w: FeeWaiver, agency: boolean) {
  const words = waiverWords(w, agency);
  const { fee, feeEn, routeName } = words;
  // It starts the English sentence.
  const routeEn = capitalise(words.routeEn);
  return {
    // The decision first, then the figures it rests on.
    result: w.reached ? `${routeName}已达标，次单起${fee}全免（累计实收 ${formatUsd(w.receivedUsd)} ≥ ${formatUsd(w.thresholdUsd)}）` : `${routeName}还差 ${formatUsdGap(w.gapUsd)}：达到 ${formatUsd(w.thresholdUsd)} 后的下一单起${fee}全免`,
    arithmetic: w.reached ? `${formatUsd(w.receivedUsd)} ≥ ${formatUsd(w.thresholdUsd)}` : `${formatUsd(w.thresholdUsd)} − ${formatUsd(w.receivedUsd)} = ${formatUsdGap(w.gapUsd)}`,
    rule: words.rule,
    en: {
      result: w.reached
        ? `${routeEn}: ${usdEn(w.receivedUsd)} ≥ ${usdEn(w.thresholdUsd)}, reached, the ${feeEn} is waived from the next order`
        : `${routeEn}: ${usdEn(w.gapUsd, "up")} to go; the ${feeEn} is waived from the order after reaching ${usdEn(w.thresholdUsd)}`,
      arithmetic: w.reached ? `${usdEn(w.receivedUsd)} ≥ ${usdEn(w.thresholdUsd)}` : `${usdEn(w.thresholdUsd)} − ${usdEn(w.receivedUsd)} = ${usdEn(w.gapUsd, "up")}`,
      rule: `${routeEn} received through Trade Assurance or e-collection (信用保障/e收汇) ≥ ${usdEn(w.thresholdUsd)}: the ${feeEn} is waived from the next order`,
    },
  };
}

/** A question that weighs one total against both routes ("哪个能免", "which one", "either … or", "还是"). */
const WHICH_ROUTE = /哪(?:个|一个|种|条)|还是|分别|两种|都|which|either|each|both|compare/u;

/**
 * Several amounts in a fee question: each route's amount by the route named in its clause
 * ("自营出口累计2.6万美金，一达通代理出口累计2.1万美金"); both waivers when both are named, else ask.
 * One total with both routes asked about is weighed against each route's threshold.
 */
function bothRoutes(slots: Slots, usd: readonly NumberSlot[], now: DateTime): Calculation {
  const ask = needs("你的问题里有几个金额：告诉我自营出口/市场采购出口累计实收多少美元、一达通代理出口累计实收多少美元（各一个数），我帮你分别算。", "Your question has several amounts: tell me the total received (US$) for self-operated or market-procurement export and for OneTouch (一达通) agency export, one number each, and I'll work out each.");
  const routeOf = (n: NumberSlot) => {
    const a = AGENCY_WORDS.test(n.lead);
    const b = SELF_WORDS.test(n.lead);
    return a === b ? null : a ? "agency" : "self";
  };
  // "received so far is US$30,000 … either self-operated export or One Touch: which one gets a fee
  // waived?": one total, weighed against each route's threshold.
  const shared = usd.length === 1 && WHICH_ROUTE.test(slots.text);
  const self = shared ? usd : usd.filter((n) => routeOf(n) === "self");
  const agency = shared ? usd : usd.filter((n) => routeOf(n) === "agency");
  if (self.length !== 1 || agency.length !== 1 || (usd.length !== 2 && !shared)) return ask;
  const check = checkFees(partialMerchant({ exportFees: { selfExportReceivedUsd: self[0]!.value, agencyExportReceivedUsd: agency[0]!.value } }), now);
  if (!check.ok) return ask;
  const lines = [waiverLine(check.waivers[0], false), waiverLine(check.waivers[1], true)];
  return {
    kind: "computed",
    result: lines.map((l) => l.result).join("；"),
    arithmetic: lines.map((l) => l.arithmetic).join("；"),
    rule: lines.map((l) => l.rule).join("；"),
    source: FEE_WAIVER_SOURCE,
    en: {
      result: lines.map((l) => l.en.result).join("; "),
      arithmetic: lines.map((l) => l.en.arithmetic).join("; "),
      rule: lines.map((l) => l.en.rule).join("; "),
    },
  };
}

/** The waiver asked of amounts received in parts, with the ones not paid yet left out. */
function receivedParts(route: "self" | "agency", received: readonly NumberSlot[], unpaid: readonly NumberSlot[], targets: readonly NumberSlot[], slots: Slots, now: DateTime): Calculation {
  const total = received.reduce((a, n) => a + n.value, 0);
  const at = waiverAt(route, slots, total, now);
  if (!at) return NEEDS_TOTAL;
  const { w, fee, feeEn } = at;
  const sumZh = received.length > 1 ? `${received.map((n) => formatUsd(n.value)).join(" + ")} = ${formatUsd(total)}` : formatUsd(total);
  const sumEn = received.length > 1 ? `${received.map((n) => usdEn(n.value)).join(" + ")} = ${usdEn(total)}` : usdEn(total);
  const unused = unusedFigures(slots, (n) => received.includes(n) || unpaid.includes(n) || targets.includes(n), "减免", "the waiver");
  const leftOut =
    (unpaid.length > 0 ? `；${unpaid.map((n) => formatUsd(n.value)).join("、")} 还没付款，不算实收` : "") +
    (targets.length > 0 ? `；${targets.map((n) => formatUsd(n.value)).join("、")} 是目标，不是实收` : "") +
    unused.zh;
  const leftOutEn =
    (unpaid.length > 0 ? `; ${unpaid.map((n) => usdEn(n.value)).join(", ")} not paid yet, so not received` : "") +
    (targets.length > 0 ? `; ${targets.map((n) => usdEn(n.value)).join(", ")} is a target, not money received` : "") +
    unused.en;
  return {
    kind: "computed",
    result: w.reached ? `已达标：实收 ${formatUsd(total)} ≥ ${formatUsd(w.thresholdUsd)}，次单起${fee}全免` : `还差 ${formatUsdGap(w.gapUsd)}：实收 ${formatUsd(total)}，达到 ${formatUsd(w.thresholdUsd)} 后的下一单起${fee}全免`,
    arithmetic: `实收 ${sumZh}${leftOut}；${w.reached ? `${formatUsd(total)} ≥ ${formatUsd(w.thresholdUsd)}` : `${formatUsd(w.thresholdUsd)} − ${formatUsd(total)} = ${formatUsdGap(w.gapUsd)}`}`,
    rule: at.rule,
    source: FEE_WAIVER_SOURCE,
    en: {
      result: w.reached
        ? `Reached: ${usdEn(total)} received ≥ ${usdEn(w.thresholdUsd)}, so the ${feeEn} is waived from the next order`
        : `${usdEn(w.gapUsd, "up")} to go: ${usdEn(total)} received; once it reaches ${usdEn(w.thresholdUsd)}, the ${feeEn} is waived from the next order on`,
      arithmetic: `received ${sumEn}${leftOutEn}; ${w.reached ? `${usdEn(total)} ≥ ${usdEn(w.thresholdUsd)}` : `${usdEn(w.thresholdUsd)} − ${usdEn(total)} = ${usdEn(w.gapUsd, "up")}`}`,
      rule: at.ruleEn,
    },
  };
}

/** Money that came in after a total the merchant gave: "又进来一单", "昨天又收了", "then received". */
const RECEIVED_SINCE = /又|后来|刚刚?(?:到账|收|进)|新(?:到账|进)|then|since then|another/u;

/** A total said to have passed a figure ("累计过4万了", "we're over 40k"), not to equal it. */
const PASSED_LEAD = /(?:过|超过|超|达到|到|满|reach(?:ed)?|over|pass(?:ed)?)\s*(?:了)?\s*$/u;

/** The fee waiver asked of the order that came in after a total: before, that order, and the total after it. */
function receivedSince(route: "self" | "agency", before: NumberSlot, order: NumberSlot, slots: Slots, now: DateTime): Calculation {
  const after = before.value + order.value;
  // A total after it, when written, must be that sum; otherwise the figures disagree.
  const stated = slots.numbers.find((n) => n !== before && n !== order && (n.kind === "plain" || n.kind === "amount") && n.value >= before.value);
  // "我算了累计过4万了" says the sum passed a figure: it agrees when the sum is at least that.
  const agrees = stated && (stated.value === after || (PASSED_LEAD.test(stated.lead) && after >= stated.value));
  if (stated && !agrees) return needs("你给的累计数和单笔金额对不上：告诉我这一单到账前的累计实收（一个数，美元），我帮你算。", "The total and the order you gave do not add up: tell me the total received before this order (one number, US$) and I'll work it out.");
  const at = waiverAt(route, slots, before.value, now);
  if (!at) return NEEDS_TOTAL;
  const { w, fee, feeEn } = at;
  const t = w.thresholdUsd;
  const verdict = w.reached
    ? `这一单 ${formatUsd(order.value)} 免${fee}：到账前累计 ${formatUsd(before.value)} 已 ≥ ${formatUsd(t)}，达标后的订单都免`
    : after >= t
      ? `${formatUsd(order.value)}这一单本身不免${fee}：它让累计达到 ${formatUsd(after)} ≥ ${formatUsd(t)}，从下一单起免`
      : `这一单 ${formatUsd(order.value)} 不免：到账后累计 ${formatUsd(after)}，仍差 ${formatUsdGap(t - after)}`;
  const verdictEn = w.reached
    ? `Yes, this order of ${usdEn(order.value)} is waived the ${feeEn}: the total before it, ${usdEn(before.value)}, had already reached ${usdEn(t)}`
    : after >= t
      ? `No, this order of ${usdEn(order.value)} is not waived itself: it takes the total to ${usdEn(after)} ≥ ${usdEn(t)}, and the ${feeEn} is waived from the next order on`
      : `No, this order of ${usdEn(order.value)} is not waived: the total after it is ${usdEn(after)}, still ${usdEn(t - after, "up")} short`;
  return {
    kind: "computed",
    result: verdict,
    arithmetic: `${formatUsd(before.value)} + ${formatUsd(order.value)} = ${formatUsd(after)}；门槛 ${formatUsd(t)}`,
    rule: at.rule,
    source: FEE_WAIVER_SOURCE,
    en: {
      result: verdictEn,
      arithmetic: `${usdEn(before.value)} + ${usdEn(order.value)} = ${usdEn(after)}; threshold ${usdEn(t)}`,
      rule: at.ruleEn,
    },
  };
}

/** The next order's waiver asked as a yes/no ("下一单能免交易服务费吗", "can the next order be fee-free?"). */
const NEXT_ORDER_WAIVED_ASKED = /(?:下一?单|次单|下笔)[^，,。？?]{0,8}(?:能不能|能否|可不可以|能|可以|会不会|会)[^，,。？?]{0,6}免|(?:下一?单|次单)[^，,。？?]{0,6}免不免|\b(?:can|will|is|does|do)\b[^?.]{0,30}next order[^?.]{0,30}(?:waiv|free)|next order[^?.]{0,20}(?:waived|fee-free|free)\?/u;

function feeCalculator(route: "self" | "agency"): Calculator {
  const calc: Calculator = {
    needs: ["receivedUsd"],
    cue:
      route === "agency"
        ? /^(?=[\s\S]*(?:一达通|代理出口|one ?touch))(?=[\s\S]*(?:免|减免|服务费|waiv|fee|还差|差多少|达标|how much more))/u
        : /^(?=[\s\S]*(?:自营出口|市场采购|self.{0,12}export|market procurement))(?=[\s\S]*(?:免|减免|服务费|waiv|fee|还差|差多少|达标|how much more))/u,
    run(slots, now) {
      // "一达通代理出口也是要满4万美金才免服务费吧？我们现在累计2万3": the threshold the merchant
      // believes is confirmed or corrected first, and the rest is computed without it.
      const believed = slots.numbers.find((n) => n.kind === "amount" && /(?:要满|满|达到|门槛(?:是|为)?)\s*$/u.test(n.lead) && /^[^，,。；;\d]{0,8}?(?:才|就)(?:能|可以)?(?:免|减免)/u.test(n.after));
      if (believed) {
        const rest = calc.run({ ...slots, numbers: slots.numbers.filter((n) => n !== believed) }, now);
        const at = waiverAt(route, slots, 0, now);
        if (rest.kind !== "computed" || !at) return rest;
        const right = believed.value === at.w.thresholdUsd;
        const routeZh = at.routeName;
        return {
          ...rest,
          result: `${right ? "对" : `不是 ${formatUsd(believed.value)}`}：${routeZh}的门槛是累计实收 ${formatUsd(at.w.thresholdUsd)}；${rest.result}`,
          en: { ...rest.en, result: `${right ? "Right" : `Not ${usdEn(believed.value)}`}: for ${at.routeEn} the threshold is ${usdEn(at.w.thresholdUsd)} received in total; ${rest.en.result}` },
        };
      }
      const usd = slots.numbers.filter((n) => n.kind === "amount" && n.currency !== "CNY");
      if ((usd.length > 1 || WHICH_ROUTE.test(slots.text)) && usd.length > 0 && AGENCY_WORDS.test(slots.text) && SELF_WORDS.test(slots.text)) {
        const both = bothRoutes(slots, usd, now);
        if (both.kind === "computed" || usd.length > 1) return both;
      }
      // "收了两笔：一笔12000美金，一笔6500美金，另外还有一笔3000美金的客户还没付款": the amounts
      // received are summed, one not paid yet is no received money and is said to be left out.
      // Every amount must say which it is: received, or not paid yet; a target ("目标是做到10万美金")
      // or an amount that says neither leaves the question to the reading below.
      const clause = (n: NumberSlot) => clauseOf(slots, n);
      const unpaid = usd.filter((n) => mentionsUnpaid(clause(n)));
      // "收了两笔：一笔…，一笔…": each 一笔 of a count of payments received is received.
      const partsReceived = /(?:收|到账|进)了?[两几三四五]笔/u.test(slots.text);
      // "第一单1.2万美金，第二单8千美金…钱都到了": orders told one by one, all of them received.
      const ordersReceived =
        usd.length > 1 &&
        usd.every((n) => /第\d+[单笔]\s*$/u.test(n.before)) &&
        /(?:钱|款|货款)?都(?:已经)?(?:到|到账|收到|收了)|全部(?:到账|收到)|all (?:been )?(?:received|paid)/u.test(slots.text);
      const targets = usd.filter((n) => !unpaid.includes(n) && /目标|计划|希望|争取|做到|冲到|target|goal|aim/u.test(clause(n)));
      const received = usd.filter(
        (n) =>
          !unpaid.includes(n) &&
          !targets.includes(n) &&
          (/实收|收了|收到|到账|已收|回款|received/u.test(clause(n)) || (partsReceived && /一笔/u.test(clause(n))) || ordersReceived),
      );
      const told = received.length + unpaid.length + targets.length === usd.length;
      if (told && received.length > 0 && (unpaid.length > 0 || (received.length > 1 && (ordersReceived || /两笔|几笔|[三四五]笔|分别|一笔[\s\S]*一笔/u.test(slots.text))))) {
        return receivedParts(route, received, unpaid, targets, slots, now);
      }
      const amount = usdAmount(slots, USD_NEAR);
      if (!amount) return needs("告诉我累计实收金额（美元，例如「累计1.8万美金」），我帮你算还差多少能减免。", "Tell me the total received so far (US$, e.g. \"US$18,000 received in total\") and I'll work out how much is left before the fee is waived.");
      if (amount.currency === "CNY") return needs("门槛按美元计，请告诉我累计实收多少美元。", "The threshold is in US dollars: please tell me the total received in US$.");
      // A second amount is either an order still to come ("下一单5000美金": the sum is computed from
      // the total so far) or money received since (又收了3000): whether the total already holds it is a guess.
      // "我算了累计过4万了": the threshold the merchant says the total passed is the rule's figure, not money.
      const restated = usd.filter((n) => n !== amount && n.value === waiverAt(route, slots, 0, now)?.w.thresholdUsd && PASSED_LEAD.test(n.lead));
      const others = usd.filter((n) => n !== amount && !restated.includes(n));
      // "累计本来是38000美元，昨天又进来一单2500美元（累计到40500）": the total before, then an order
      // received since; the one that crosses the threshold is not waived itself.
      const since = others.length === 1 && RECEIVED_SINCE.test(others[0]!.lead || others[0]!.before.slice(-8)) && /本来|原来|之前|此前|先前|原本|before|was$/u.test(amount.lead) ? others[0]! : undefined;
      if (since) return receivedSince(route, amount, since, slots, now);
      if (others.some((n) => !/下一?单|这一?单|下笔|这笔|还有一笔|新订单|next order|upcoming|another order/u.test(n.lead + n.before.slice(-6)))) {
        return needs("你的问题里有几个金额：告诉我到现在为止的累计实收（一个数，美元），我帮你算还差多少能减免。", "Your question has several amounts: tell me the total received so far (one number, US$) and I'll work out how much is left before the fee is waived.");
      }
      const at = waiverAt(route, slots, amount.value, now);
      if (!at) return NEEDS_TOTAL;
      const { w, fee, feeEn, routeName, routeEn } = at;
      // "下一单正好有5000美金，这一单能免吗": the waiver starts with the order after the one that
      // reaches the threshold, so the order to come is not waived unless the total already reached it.
      const next = others.length === 1 ? others[0] : undefined;
      const after = next ? w.receivedUsd + next.value : undefined;
      const nextLine =
        next && after !== undefined && !w.reached
          ? after >= w.thresholdUsd
            ? `；下一单 ${formatUsd(next.value)} 本身不免，到账后累计 ${formatUsd(after)} ≥ ${formatUsd(w.thresholdUsd)}，再下一单起免`
            : `；下一单 ${formatUsd(next.value)} 到账后累计 ${formatUsd(after)}，仍差 ${formatUsdGap(w.thresholdUsd - after)}`
          : next
            ? `；下一单 ${formatUsd(next.value)} 起免`
            : "";
      // "下一单能免吗", "is the next order waived?": asked of the next order, yes or no comes first.
      const asksNext = !next && NEXT_ORDER_WAIVED_ASKED.test(slots.text);
      const yesNoZh = asksNext ? (w.reached ? "能，" : "还不能，") : "";
      const yesNoEn = asksNext ? (w.reached ? "Yes. " : "Not yet. ") : "";
      const nextLineEn =
        next && after !== undefined && !w.reached
          ? after >= w.thresholdUsd
            ? `; the next order of ${usdEn(next.value)} is not waived itself: once received the total is ${usdEn(after)} ≥ ${usdEn(w.thresholdUsd)}, and the order after it is waived`
            : `; after the next order of ${usdEn(next.value)} the total is ${usdEn(after)}, still ${usdEn(w.thresholdUsd - after, "up")} short`
          : next
            ? `; the next order of ${usdEn(next.value)} is waived`
            : "";
      return {
        kind: "computed",
        result: yesNoZh + (w.reached ? `已达标：${routeName}累计实收 ${formatUsd(w.receivedUsd)} ≥ ${formatUsd(w.thresholdUsd)}，次单起${fee}全免` : `还差 ${formatUsdGap(w.gapUsd)}：达到 ${formatUsd(w.thresholdUsd)} 后的下一单起${fee}全免`) + nextLine,
        arithmetic: (w.reached ? `${formatUsd(w.receivedUsd)} ≥ ${formatUsd(w.thresholdUsd)}` : `${formatUsd(w.thresholdUsd)} − ${formatUsd(w.receivedUsd)} = ${formatUsdGap(w.gapUsd)}`) + (next && after !== undefined ? `；${formatUsd(w.receivedUsd)} + ${formatUsd(next.value)} = ${formatUsd(after)}` : ""),
        rule: at.rule,
        source: FEE_WAIVER_SOURCE,
        en: {
          result:
            yesNoEn +
            (w.reached
              ? `Reached: ${routeEn} received ${usdEn(w.receivedUsd)} ≥ ${usdEn(w.thresholdUsd)}, so the ${feeEn} is waived from the next order`
              : `${usdEn(w.gapUsd, "up")} to go: once ${routeEn} received reaches ${usdEn(w.thresholdUsd)}, the ${feeEn} is waived from the next order on`) + nextLineEn,
          arithmetic: (w.reached ? `${usdEn(w.receivedUsd)} ≥ ${usdEn(w.thresholdUsd)}` : `${usdEn(w.thresholdUsd)} − ${usdEn(w.receivedUsd)} = ${usdEn(w.gapUsd, "up")}`) + (next && after !== undefined ? `; ${usdEn(w.receivedUsd)} + ${usdEn(next.value)} = ${usdEn(after)}` : ""),
          rule: at.ruleEn,
        },
      };
    },
  };
  // Only what Trade Assurance and e-collection received counts: a deal off the platform is not
  // summed, and the reply says so ("线下 8,000 美元不计入").
  return {
    ...calc,
    run(slots, now) {
      const offline = slots.numbers.filter(isOfflineDeal);
      const r = calc.run(offline.length ? { ...slots, numbers: slots.numbers.filter((n) => !offline.includes(n)) } : slots, now);
      const amounts = offline.filter((n) => n.kind === "amount");
      if (r.kind !== "computed" || amounts.length === 0) return r;
      const list = amounts.map((n) => formatUsd(n.value)).join("、");
      const listEn = amounts.map((n) => usdEn(n.value)).join(", ");
      return {
        ...r,
        arithmetic: `${r.arithmetic}；线下（没走信保/e收汇）的 ${list} 不计入实收`,
        en: { ...r.en, arithmetic: `${r.en.arithmetic}; the offline ${listEn} does not count (only money received through Trade Assurance or e-collection does)` },
      };
    },
  };
}

/** Which display weeks count GMV received on a given day (US Pacific date, as the windows are). */
function weeksCounting(industry: string, d: DateSlot, now: DateTime, amount?: NumberSlot, slots?: Slots): Calculation {
  const check = checkFestival(partialMerchant({ industry }), now);
  if (check.windowType === "not-listed") return needs(`「${industry}」不在采购节榜单的适用行业名单中。`, `That industry (${industry}) is not among the industries the festival lists cover.`);
  const date = d.zoneNamed ? d.instant.setZone(US_PACIFIC).toISODate() ?? d.date : d.date;
  const weeks = check.weeks.filter((w) => w.gmv && w.gmv.fromDate <= date && date <= w.gmv.toDate);
  // A Beijing time written is turned into the US Pacific day the windows use ("北京时间 8月30日 10:00 = 美西 8月29日 19:00").
  const converted = d.zoneNamed && d.zone !== US_PACIFIC && d.time !== null;
  const pacific = d.instant.setZone(US_PACIFIC);
  const conversion = converted ? `（北京时间 ${d.instant.setZone(SHANGHAI).toFormat("M月d日 HH:mm")} = 美西 ${pacific.toFormat("M月d日 HH:mm")}）` : "";
  const conversionEn = converted ? ` (Beijing time ${d.instant.setZone(SHANGHAI).setLocale("en").toFormat("MMMM d, HH:mm")} = US Pacific ${pacific.setLocale("en").toFormat("MMMM d, HH:mm")})` : "";
  // "Does it count for the first week's list?", "第一周榜单算不算": the week asked about, answered yes or no.
  const askedWeek = slots?.numbers.find((n) => n.kind === "ordinal" && n.value >= 1 && n.value <= 6 && /^\s*(?:[a-z']+\s+){0,2}(?:week|周|週)/u.test(n.after));
  const yes = askedWeek ? weeks.some((w) => w.week === askedWeek.value) : undefined;
  const verdictZh = yes === undefined ? "" : yes ? `算，` : `不算第 ${askedWeek!.value} 周，`;
  const verdictEn = yes === undefined ? "" : yes ? "Yes, it counts: " : `No, not Week ${askedWeek!.value}: `;
  const type = check.windowType === "weekly" ? "每周统计" : "累计统计";
  const windows = check.weeks.map((w) => `第${w.week}周 ${md(w.gmv!.fromDate)}–${md(w.gmv!.toDate)}`).join("；");
  const typeEn = check.windowType === "weekly" ? "counted week by week" : "counted cumulatively";
  const en = {
    result:
      weeks.length === 0
        ? `No, GMV received on ${mdEn(date)}${conversionEn}${amount ? ` (${usdEn(amount.value)})` : ""} counts for no week's list: no window of your industry (${check.listedAs ?? industry}, ${typeEn}) holds that day`
        : `${verdictEn}GMV received on ${mdEn(date)}${conversionEn}${amount ? ` (${usdEn(amount.value)})` : ""} counts for the Week ${weeks.map((w) => w.week).join(", ")} list (${check.listedAs ?? industry}, ${typeEn})`,
    arithmetic: `Windows (US Pacific dates): ${check.weeks.map((w) => `Week ${w.week} ${mdEn(w.gmv!.fromDate)}–${mdEn(w.gmv!.toDate)}`).join("; ")}`,
    rule: `Each industry's GMV windows are in the briefing (US Pacific time)${d.zoneNamed ? "" : "; the date is taken as written, as a US Pacific date"}`,
  };
  return {
    en,
    kind: "computed",
    result:
      weeks.length === 0
        ? `${md(date)}${conversion} 的实收GMV${amount ? `（${formatUsd(amount.value)}）` : ""}不计入任何一周的榜单：「${check.listedAs ?? industry}」（${type}）各周的统计区间都不含这一天`
        : `${verdictZh}${md(date)}${conversion} 的实收GMV${amount ? `（${formatUsd(amount.value)}）` : ""}计入第 ${weeks.map((w) => w.week).join("、")} 周榜单（「${check.listedAs ?? industry}」，${type}）`,
    arithmetic: `各周统计区间（美西日期）：${windows}`,
    rule: `${type}行业的GMV统计区间见简报（美西时间）${d.zoneNamed ? "" : "；日期按你写的日历日、当作美西日期对照"}`,
    source: "9月采购节榜单新玩法 · 每周统计/累计统计说明",
  };
}

/**
 * The payments of a message, each a day with its amount: the US$ amount just before the day in
 * its clause ("pays US$6,000 on September 5") or just after it ("9月5日到账6000美金"). Empty unless
 * every day has an amount of its own.
 */
function paymentsByDay(slots: Slots): { d: DateSlot; amount: NumberSlot }[] {
  const usd = slots.numbers.filter((n) => n.kind === "amount" && n.currency !== "CNY" && !n.period);
  // "8月30日和8月31日各收了2000美金": one amount after the days, received on each of them.
  const last = slots.dates.at(-1);
  if (usd.length === 1 && slots.dates.length >= 2 && last && usd[0]!.index > last.index && /各|each|apiece|every day|每天/u.test(slots.text.slice(last.index + last.raw.length, usd[0]!.index))) {
    return slots.dates.map((d) => ({ d, amount: usd[0]! }));
  }
  const used = new Set<NumberSlot>();
  const out: { d: DateSlot; amount: NumberSlot }[] = [];
  for (const [i, d] of slots.dates.entries()) {
    const end = d.index + d.raw.length;
    const next = slots.dates[i + 1]?.index ?? Infinity;
    const before = usd.find((n) => !used.has(n) && n.index + n.raw.length <= d.index && AMOUNT_THEN_DAY.test(slots.text.slice(n.index + n.raw.length, d.index)));
    const after = usd.find((n) => !used.has(n) && n.index >= end && n.index < next && /^[^，,。；;.!?]{0,10}$/u.test(slots.text.slice(end, n.index)));
    const amount = before ?? after;
    // "is the Aug 31 payment lost?": a day already told with its amount, asked about again.
    if (!amount && out.some((p) => p.d.date === d.date)) continue;
    if (!amount) return [];
    used.add(amount);
    out.push({ d, amount });
  }
  return out;
}

/** How the festival lists count GMV, as a rule line in both languages. */
const FESTIVAL_WINDOWS_RULE = "采购节榜单：每周统计的行业按各周的GMV区间统计，累计统计的行业从9月1日起累计（美西时间）";
const FESTIVAL_WINDOWS_RULE_EN = "Festival lists: weekly industries count each week's GMV window, cumulative industries add up from September 1 (US Pacific time)";

/**
 * "美西8月30号到账的GMV算哪一周": without an industry, the day is answered only when both kinds of
 * industry count it in the same weeks (8月30日: in none, between week 1's window and week 2's).
 */
function weeksCountingAnyIndustry(d: DateSlot, now: DateTime): Calculation | undefined {
  const date = d.zoneNamed ? d.instant.setZone(US_PACIFIC).toISODate() ?? d.date : d.date;
  const weeklyWeeks = checkFestival(partialMerchant({ industry: WEEKLY_INDUSTRIES[0] }), now).weeks;
  const weeksOf = (weeks: typeof weeklyWeeks) => weeks.filter((w) => w.gmv && w.gmv.fromDate <= date && date <= w.gmv.toDate).map((w) => w.week);
  const [first, second] = weeklyWeeks;
  if (!first?.gmv || !second?.gmv) return undefined;
  const span = `第1周统计 ${md(first.gmv.fromDate)}–${md(first.gmv.toDate)}，第2周起从 ${md(second.gmv.fromDate)}算（美西日期）`;
  const spanEn = `Week 1 counts ${mdEn(first.gmv.fromDate)}–${mdEn(first.gmv.toDate)}, and from Week 2 the windows start on ${mdEn(second.gmv.fromDate)} (US Pacific dates)`;
  const weekly = weeksOf(weeklyWeeks);
  const cumulative = weeksOf(checkFestival(partialMerchant({ industry: CUMULATIVE_INDUSTRIES[0] }), now).weeks);
  if (weekly.join() !== cumulative.join()) return undefined;
  const none = weekly.length === 0;
  return {
    kind: "computed",
    result: none
      ? `${md(date)} 的实收GMV不计入任何一周的榜单：每周统计和累计统计两类行业的统计区间都不含这一天`
      : `${md(date)} 的实收GMV计入第 ${weekly.join("、")} 周榜单（每周统计和累计统计两类行业都一样）`,
    arithmetic: `${span}；${md(date)} ${none ? "不在任何区间内" : `在第 ${weekly.join("、")} 周的区间内`}`,
    rule: `${FESTIVAL_WINDOWS_RULE}${d.zoneNamed ? "" : "；日期按你写的日历日、当作美西日期对照"}`,
    source: "9月采购节榜单新玩法 · 每周统计/累计统计说明",
    en: {
      result: none
        ? `No, GMV received on ${mdEn(date)} counts for no week's list: no window of either kind of industry (weekly or cumulative) holds that day`
        : `GMV received on ${mdEn(date)} counts for the Week ${weekly.join(", ")} list, for weekly and cumulative industries alike`,
      arithmetic: `${spanEn}; ${mdEn(date)} is ${none ? "in no window" : `in the windows of Week ${weekly.join(", ")}`}`,
      rule: `${FESTIVAL_WINDOWS_RULE_EN}${d.zoneNamed ? "" : "; the date is taken as written, as a US Pacific date"}`,
    },
  };
}

/** "9月1-4日实收3000美金": a range of days and the amount received in it. */
const RANGE_AMOUNT = /(\d{1,2})月(\d{1,2})(?:日|号)?(?:\s*[-–~～到至]\s*(?:(\d{1,2})月)?(\d{1,2})(?:日|号)?)?[^\d，,。；;]{0,8}?(\d+(?:\.\d+)?)\s*(万)?\s*(?:美金|美元|usd|刀)/gu;

/** "8月份实收2万美金", "8月整月收了5000美元": a month's amount, no day named. */
const MONTH_AMOUNT = /(?<!\d)(\d{1,2})\s*月(?:份|整月|全月|一整个月)(?![\d号日])[^\d，,。；;]{0,8}?(\d+(?:\.\d+)?)\s*(万)?\s*(?:美金|美元|usd|刀)/gu;

/** After a day, the display week it falls in: "那周展示的榜单", "这一周上的榜", "that week's list". */
const DAY_OF_DISPLAY_WEEK = /^\s*(?:的|所在的?)?\s*(?:那|这)?一?[周週]\s*(?:展示|显示|上榜|出来|公布)|^\s*(?:的|所在的?)?\s*(?:那|这)?一?[周週]的?榜|^\s*,?\s*(?:that|this) week'?s? (?:list|ranking)/u;

/** The day a question names its display week by ("9月15号那周展示的榜单"), if it does. */
function dayOfDisplayWeek(slots: Slots): DateSlot | undefined {
  return slots.dates.find((d) => DAY_OF_DISPLAY_WEEK.test(slots.text.slice(d.index + d.raw.length, d.index + d.raw.length + 14)));
}

/** A range of days right after a date: "到26号", "-19日", "～9月26日". */
const RANGE_END = /^\s*[-–~～到至]\s*(?:(\d{1,2})月)?(\d{1,2})(?:日|号)?/u;

/**
 * The display week a question names by its dates ("9月20号到26号那一周的榜单"): a range that is
 * exactly one of the display weeks (US Pacific dates), not a range of days money came in.
 */
function displayWeekNamed(slots: Slots, now: DateTime): number | undefined {
  const weeks = checkFestival(partialMerchant({}), now).weeks;
  // "9月15号那周展示的榜单": the display week that holds the day.
  const day = dayOfDisplayWeek(slots);
  const holding = day && weeks.find((x) => x.display.fromDate <= day.date && day.date <= x.display.toDate);
  if (holding) return holding.week;
  for (const d of slots.dates) {
    const m = RANGE_END.exec(slots.text.slice(d.index + d.raw.length));
    if (!m) continue;
    const endDay = Number(m[2]);
    const endMonth = m[1] ? Number(m[1]) : Number(d.date.slice(5, 7));
    const w = weeks.find((x) => x.display.fromDate === d.date && Number(x.display.toDate.slice(8, 10)) === endDay && Number(x.display.toDate.slice(5, 7)) === endMonth);
    if (w) return w.week;
  }
  return undefined;
}

/** Between an amount and the day it came in, written amount first: " on ", " received on ", "于". */
const AMOUNT_THEN_DAY = /^\s*(?:(?:was |were )?(?:received |paid |came in )?(?:on|at)|于|在)?\s*$/u;

/**
 * The GMV a week's list counts from amounts given by ranges of days: those inside its window,
 * summed. Undefined when no range is given, or one straddles the window (which part counts is not said).
 */
function weekSum(slots: Slots, industry: string, weekNo: number, now: DateTime): Calculation | undefined {
  const check = checkFestival(partialMerchant({ industry }), now);
  const week = check.weeks.find((w) => w.week === weekNo);
  if (!week?.gmv) return undefined;
  const g = week.gmv;
  const year = g.fromDate.slice(0, 4);
  const iso = (mo: string, d: string) => `${year}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
  // The windows are US Pacific dates: a day told in Beijing time without a time of day falls on two of them.
  if (slots.dates.some((d) => d.zoneNamed && d.zone !== US_PACIFIC && d.time === null)) return undefined;
  const matches = [...slots.text.matchAll(RANGE_AMOUNT)];
  const ranges = matches.map((m) => ({
    from: iso(m[1]!, m[2]!),
    to: m[4] ? iso(m[3] ?? m[1]!, m[4]) : iso(m[1]!, m[2]!),
    usd: Number(m[5]) * (m[6] ? 10000 : 1),
    raw: m[0],
  }));
  // "8月份实收2万美金": a whole month's money is the range of that month (outside a September
  // window; straddling the first week's, which leaves the question asked).
  for (const m of slots.text.matchAll(MONTH_AMOUNT)) {
    const month = m[1]!.padStart(2, "0");
    const last = DateTime.fromISO(`${year}-${month}-01`, { zone: US_PACIFIC }).endOf("month").toISODate()!;
    ranges.push({ from: `${year}-${month}-01`, to: last, usd: Number(m[2]) * (m[3] ? 10000 : 1), raw: m[0] });
  }
  // Single days told in any form ("9月6日8000", "Sept 12 US$7,000"), outside those ranges: each
  // date with the amount right after it in its clause (a bare number only beside amounts in US$).
  const inRange = (i: number) => matches.some((m) => i >= m.index && i < m.index + m[0].length);
  const anyUsd = slots.numbers.some((n) => n.kind === "amount" && n.currency === "USD");
  const days = slots.dates.filter((d) => !inRange(d.index));
  // "US$3,000 on Sept 2": in English the amount may come first, the day after it. The list is
  // written one way throughout: "US$4,000 on Sept 2, US$5,500 on Sept 7" pairs each day with the
  // amount before it, never with the next day's.
  const amountBefore = (d: DateSlot) => slots.numbers.find((x) => x.kind === "amount" && x.currency !== "CNY" && !x.period && x.index + x.raw.length <= d.index && AMOUNT_THEN_DAY.test(slots.text.slice(x.index + x.raw.length, d.index)));
  const amountFirst = days.length > 0 && amountBefore(days[0]!) !== undefined;
  for (const [i, d] of days.entries()) {
    const end = d.index + d.raw.length;
    const next = days[i + 1]?.index ?? Infinity;
    const n = amountFirst
      ? undefined
      : slots.numbers.find(
          (x) => x.index >= end && x.index < next && !x.period && /^[^，,。；;.!?]{0,10}$/u.test(slots.text.slice(end, x.index)) && ((x.kind === "amount" && x.currency !== "CNY") || (x.kind === "plain" && x.value >= 100 && anyUsd)),
        );
    const before = n ? undefined : amountBefore(d);
    const amount = n ?? before;
    if (!amount) continue;
    const day = d.zoneNamed && d.zone !== US_PACIFIC ? d.instant.setZone(US_PACIFIC).toISODate()! : d.date;
    ranges.push({ from: day, to: day, usd: amount.value, raw: `${d.raw} ${amount.raw}` });
  }
  if (ranges.length === 0) return undefined;
  ranges.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  // A single day ("9月15日收了4000美金") is written once, not as a range of one day.
  const span = (r: { from: string; to: string }, f: (d: string) => string) => (r.from === r.to ? f(r.from) : `${f(r.from)}–${f(r.to)}`);
  const inside = ranges.filter((r) => r.from >= g.fromDate && r.to <= g.toDate);
  const outside = ranges.filter((r) => r.to < g.fromDate || r.from > g.toDate);
  if (inside.length + outside.length !== ranges.length) return undefined;
  const total = inside.reduce((a, r) => a + r.usd, 0);
  const type = check.windowType === "weekly" ? "每周统计" : "累计统计";
  const notOther = notTheOtherType(check.windowType, slots.text);
  return {
    kind: "computed",
    result: `第${weekNo}周榜单统计 ${formatUsd(total)}：「${industry}」（${type}${notOther.zh}）这一周只算美西时间 ${md(g.fromDate)}–${md(g.toDate)} 的实收GMV`,
    arithmetic: `${inside.length > 0 ? `${inside.map((r) => `${span(r, md)} ${formatUsd(r.usd)}`).join(" + ")} = ${formatUsd(total)}` : "区间内没有给出金额 = 0 美元"}${outside.length > 0 ? `；不在区间内：${outside.map((r) => `${span(r, md)} ${formatUsd(r.usd)}`).join("、")}` : ""}；第${weekNo}周的展示期为美西 ${md(week.display.fromDate)}–${md(week.display.toDate)}`,
    rule: FESTIVAL_WINDOWS_RULE,
    source: "9月采购节榜单新玩法",
    en: {
      result: `The Week ${weekNo} list counts ${usdEn(total)}: for ${industryEnglishName(industry) ?? "your industry"} (${industry}), counted ${check.windowType === "weekly" ? "week by week" : "cumulatively"}${notOther.en}, that week takes only GMV received ${mdEn(g.fromDate)}–${mdEn(g.toDate)} US Pacific time`,
      arithmetic: `${inside.length > 0 ? `${inside.map((r) => `${span(r, mdEn)} ${usdEn(r.usd)}`).join(" + ")} = ${usdEn(total)}` : "no amount given inside the window = US$0"}${outside.length > 0 ? `; outside the window: ${outside.map((r) => `${span(r, mdEn)} ${usdEn(r.usd)}`).join(", ")}` : ""}; Week ${weekNo} is shown ${mdEn(week.display.fromDate)}–${mdEn(week.display.toDate)} US Pacific time`,
      rule: FESTIVAL_WINDOWS_RULE_EN,
    },
  };
}

/** "服装…也是每周统计吗": the other way of counting, when the question asks about it, is answered no. */
function notTheOtherType(type: FestivalWindowType, text: string): { zh: string; en: string } {
  if (type === "not-listed") return { zh: "", en: "" };
  const asked = type === "weekly" ? /累计(?:统计)?(?:的)?吗|是累计|cumulative\?|cumulatively\?/u : /每周(?:统计)?(?:的)?吗|是每周|按周(?:统计)?吗|weekly\?|week by week\?/u;
  if (!asked.test(text)) return { zh: "", en: "" };
  return type === "weekly" ? { zh: "，不是累计统计", en: ", not cumulatively" } : { zh: "，不是每周统计", en: ", not week by week" };
}

const festivalWindow: Calculator = {
  needs: ["industry", "week"],
  // The lists rank GMV received on the platform: an offline deal of the story is not counted.
  setsAside: isOfflineDeal,
  cue: /第.{1,2}[周週]|week\s*\d|展示周|哪[一几]?[周週]|[那这][一个]?[周週]的?榜|[那这]一?[周週](?:展示|显示|上榜)|(?:which|what) (?:\w+ )?week|that week'?s? (?:list|ranking)/u,
  run(slots, now) {
    const shownWeek = displayWeekNamed(slots, now);
    const weekSlot =
      slots.numbers.find((n) => n.kind === "ordinal" && n.unit === "周") ??
      slots.numbers.find((n) => n.kind === "plain" && /week[\s-]*$/u.test(n.before)) ??
      (shownWeek !== undefined ? { value: shownWeek } : undefined);
    const industry = slots.industries[0];
    // "第一周统计到8月29日，第二周从9月1日开始，8月30日到账的算哪周": with several weeks named,
    // the week is not the question; the day the money came in is.
    const weeksNamed = new Set(slots.numbers.filter((n) => n.kind === "ordinal" && n.unit === "周").map((n) => n.value));
    if (industry && weeksNamed.size > 1 && slots.dates.length > 0) {
      const paid = slots.dates.filter((d) => /到账|收款|实收|付款|回款|收到|received|paid/u.test(slots.text.slice(d.index, d.index + d.raw.length + 8) + d.before.slice(-6)));
      return paid.length === 1 ? weeksCounting(industry, paid[0]!, now) : needs("告诉我是哪一天到账的实收GMV（一个日期）和你的行业，我帮你算它计入哪一周的榜单。", "Tell me the day the GMV was received (one date) and your industry, and I'll work out which week's list it counts towards.");
    }
    // "8月30日到账的钱，第一周榜单算不算": the day decides; the weeks that count it are the answer.
    // (A range, "9月12-18日", is not a day.)
    const one = slots.dates.length === 1 ? slots.dates[0]! : undefined;
    const isRange = one !== undefined && /^\s*[-–~～到至]\s*\d/u.test(slots.text.slice(one.index + one.raw.length));
    const paidDay = one && !isRange && /到账|收款|实收|付款|回款|收到|的钱|的单|received|paid/u.test(slots.text) ? one : undefined;
    if (industry && weekSlot && paidDay) return weeksCounting(industry, paidDay, now);
    // "A US$5,000 order was received on Sep 18": one date and one amount, the amount received that day.
    const usd = slots.numbers.filter((n) => n.kind === "amount" && n.currency !== "CNY");
    if (industry && !weekSlot && slots.dates.length === 1) return weeksCounting(industry, slots.dates[0]!, now, usd.length === 1 ? usd[0] : undefined, slots);
    // "one buyer pays US$6,000 on September 5 at 2:30pm… another pays US$1,000 on September 5 at 4pm": each payment's week.
    const payments = industry && !weekSlot ? paymentsByDay(slots) : [];
    if (industry && payments.length >= 2) {
      const joined = eachComputed(payments.map(({ d, amount }) => weeksCounting(industry, d, now, amount)));
      if (joined) return joined;
    }
    if (industry && !weekSlot && slots.dates.length > 0) return weeksCounting(industry, slots.dates[0]!, now);
    // "9月1-4日实收3000美金，9月5-11日5000美金…第四周榜单统计的GMV是多少": the amounts of the ranges inside the week's window.
    if (industry && weekSlot && slots.numbers.some((n) => n.kind === "amount")) {
      // "一个做家具，一个做机械…各自按多少GMV算": each industry's sum, or none at all.
      const industries = [...new Set(slots.industries)];
      if (industries.length > 1) {
        const each = eachComputed(industries.map((one) => weekSum(slots, one, weekSlot.value, now) ?? needs("", "")));
        return each ?? needs("告诉我每个客户的行业和各自的到账金额，我帮你分别算该周榜单的GMV。", "Tell me each client's industry and the amounts each received, and I'll work out each one's GMV for that week's list.");
      }
      const summed = weekSum(slots, industry, weekSlot.value, now);
      if (summed) return summed;
    }
    if (slots.numbers.some((n) => n.kind === "amount")) return needs("榜单按统计区间内的实收GMV排名：告诉我行业和第几周，我帮你算出该周统计哪几天的GMV，再把这几天的实收金额加起来即可。", "The lists rank the GMV received within each week's counting window: tell me your industry and the week, and I'll work out which days that week counts; add up what was received on those days.");
    if (!industry && paidDay) {
      const any = weeksCountingAnyIndustry(paidDay, now);
      if (any) return any;
    }
    if (!industry || !weekSlot) {
      return !industry
        ? needs("告诉我你的一级行业（例如「服装」「家具」）和第几周，我帮你算出该周榜单的GMV统计区间。", "Tell me your top-level industry (e.g. apparel (服装) or furniture (家具)) and the week, and I'll work out that week's GMV counting window.")
        : needs(`告诉我是第几周的榜单（第1–${festivalWeekCount(now)}周），我帮你算出GMV统计区间。`, `Tell me which week's list (week 1–${festivalWeekCount(now)}) and I'll work out its GMV counting window.`);
    }
    // "家具和机械两个客户，第三周按哪几天算": each industry named gets its own window.
    const named = [...new Set(slots.industries)];
    if (named.length > 1) {
      const joined = eachComputed(named.map((one) => weekWindow(one, weekSlot.value, slots, now, true)));
      if (joined) return joined;
    }
    return weekWindow(industry, weekSlot.value, slots, now);
  },
};

/** The GMV window of one week's list for one industry, in both time zones. */
function weekWindow(industry: string, weekNo: number, slots: Slots, now: DateTime, several = false): Calculation {
  const check = checkFestival(partialMerchant({ industry }), now);
  const week = check.weeks.find((w) => w.week === weekNo);
  if (!week) return needs(`榜单共${check.weeks.length}个展示周，请告诉我第1–${check.weeks.length}周中的哪一周。`, `The lists run for ${check.weeks.length} display weeks: please tell me which week (1–${check.weeks.length}).`);
  if (!week.gmv) return needs(`「${industry}」不在采购节榜单的适用行业名单中。`, `That industry (${industry}) is not among the industries the festival lists cover.`);
  const g = week.gmv;
  const type = check.windowType === "weekly" ? "每周统计" : "累计统计";
  const day = dayOfDisplayWeek(slots);
  const dayZh = day ? `（${day.raw} 在这一周的展示期内）` : "";
  const dayEn = day ? ` (${mdEn(day.date)} falls in it)` : "";
  const typeEn = check.windowType === "weekly" ? "counted week by week" : "counted cumulatively";
  const notOther = notTheOtherType(check.windowType, slots.text);
  const en = {
    result: `${several ? capitalise(industryEnglishName(industry) ?? industry) : "Your industry"} (${check.listedAs ?? industry}) is ${typeEn}${notOther.en}: the Week ${week.week} list ranks by GMV received ${mdEn(g.fromDate)}–${mdEn(g.toDate)} US Pacific time (${g.fromDate} to ${g.toDate})${check.windowType === "cumulative" && week.week > 1 ? ", added up" : ""}`,
    arithmetic: `Beijing time ${g.start.toFormat("yyyy-MM-dd HH:mm")} to ${g.end.toFormat("yyyy-MM-dd HH:mm")}; the week is shown US Pacific ${week.display.fromDate} to ${week.display.toDate}${dayEn}`,
    rule: "Each industry's GMV windows are in the briefing (US Pacific time); cumulative industries add up from September 1 from Week 2 on",
  };
  return {
    en,
    kind: "computed",
    result: `「${check.listedAs ?? industry}」属于${type}行业${notOther.zh}，第${week.week}周榜单按美西时间 ${md(g.fromDate)}–${md(g.toDate)}（${g.fromDate} 至 ${g.toDate}）的实收GMV${check.windowType === "cumulative" && week.week > 1 ? "累计" : ""}排名`,
    arithmetic: `北京时间 ${g.start.toFormat("yyyy-MM-dd HH:mm")} 至 ${g.end.toFormat("yyyy-MM-dd HH:mm")}；该周展示期 美西 ${week.display.fromDate} 至 ${week.display.toDate}${dayZh}`,
    rule: `${type}行业各周GMV统计区间见简报（美西时间）；累计统计行业从第2周起自 9月1日累计`,
    source: "9月采购节榜单新玩法 · 每周统计/累计统计说明",
  };
}

/** Words that name the category list and the site-wide list (L1 is the top-level industry, L2 the second-level category). */
const CATEGORY = /类目热卖|类目榜|二级类目|二级行业|category|\bl2\b/u;
const NETWORK = /全网|一级行业|site.?wide|overall|whole.?site|(?:top|first).?level industry|\bl1\b/u;

/**
 * "二级类目排第20名能上类目热卖榜吗", "ranked 11th in our industry": a place against the lists' cut-offs
 * (全网热卖榜 top 10 of each top-level industry, 类目热卖榜 top 20 of each second-level category). Both
 * lists also need the industry's GMV threshold, which the briefing leaves to each industry's notes.
 */
const festivalRank: Calculator = {
  needs: ["rank"],
  cue: /^(?=[\s\S]*(?:热卖榜|全网榜|类目榜|hot.?sell|best.?sell|site.?wide|category list))(?=[\s\S]*(?:第\s*\d+\s*名|排(?:名)?(?:第)?\s*\d+|rank(?:ed|ing)?\s|#\s*\d+|\d+(?:st|nd|rd|th)\b))/u,
  run(slots) {
    const places = slots.numbers.filter(
      (n) =>
        (n.kind === "ordinal" && /^名?$/u.test(n.unit)) ||
        (n.kind === "plain" && /(?:排|排名|排在|名次|rank(?:ed|ing)?(?:\s+(?:exactly|at|no\.?))?\s*#?|#)\s*$/u.test(n.lead)),
    );
    // "二级类目里排第15名，一级行业里排第12名": each place on the list its words name.
    // "rank 11th in our first-level industry and 15th in our second-level category": English names the list after the place.
    const listIn = (words: string) => (CATEGORY.test(words) && !NETWORK.test(words) ? "category" : NETWORK.test(words) && !CATEGORY.test(words) ? "network" : undefined);
    // The words right after the place, when they name a list, come first: a lead may hold the previous place's list.
    const listOf = (n: NumberSlot) => {
      const after = sentenceAfter(slots, n);
      return listIn(/^\s*in\b/u.test(after) ? (after.split(/\d|[，,；;]|\band\b/u)[0] ?? "") : "") ?? listIn(n.lead);
    };
    const each = places.length === 2 && listOf(places[0]!) !== undefined && listOf(places[1]!) !== undefined && listOf(places[0]!) !== listOf(places[1]!);
    if ((places.length !== 1 && !each) || places.some((p) => p.value < 1)) return needs("告诉我你在榜单所在行业或类目里排第几名（一个数），我帮你算能否上榜。", "Tell me your place in the industry or category (one number) and I'll work out whether you make the list.");
    const category = CATEGORY.test(slots.text);
    const network = NETWORK.test(slots.text);
    const lists = each ? places.map((p) => listOf(p)!) : category === network ? (["network", "category"] as const) : category ? (["category"] as const) : (["network"] as const);
    const placeFor = (l: "network" | "category") => (each ? places.find((p) => listOf(p) === l)!.value : places[0]!.value);
    const metThreshold = /满足(?:了)?(?:gmv)?门槛|达到(?:了)?(?:gmv)?门槛|过了(?:gmv)?门槛|门槛(?:也)?(?:已经)?(?:满足|达到|够|过了)|meet(?:s|ing)? the threshold|above the threshold|threshold (?:is )?met/u.test(slots.text);
    const rows = lists.map((l) => {
      const top = l === "network" ? NETWORK_LIST_TOP : CATEGORY_LIST_TOP;
      const place = placeFor(l);
      return { l, top, place, ok: place <= top };
    });
    // The verdict first: 能上 / 上不了, then the place against the cut-off.
    const zh = (r: (typeof rows)[number]) => {
      const list = r.l === "network" ? "全网热卖榜" : "类目热卖榜";
      const scope = r.l === "network" ? "每个一级行业" : "每个二级类目";
      // Two lists asked together: each named first, then its verdict.
      if (rows.length > 1) return r.ok ? `${list}：能上，第${r.place}名在${scope}前 ${r.top} 内` : `${list}：上不了，第${r.place}名不在${scope}前 ${r.top} 内（差 ${r.place - r.top} 名）`;
      return r.ok ? `能上${list}：第${r.place}名在${scope}前 ${r.top} 内` : `上不了${list}：第${r.place}名不在${scope}前 ${r.top} 内（差 ${r.place - r.top} 名）`;
    };
    const en = (r: (typeof rows)[number]) => {
      const list = r.l === "network" ? "the site-wide hot sellers list" : "the category hot sellers list";
      const scope = r.l === "network" ? "of your top-level industry" : "of your second-level category";
      if (rows.length > 1) {
        const name = list.replace(/^the /u, "");
        const named = `${name.charAt(0).toUpperCase()}${name.slice(1)} (${r.l === "network" ? "全网热卖榜" : "类目热卖榜"})`;
        return r.ok ? `${named}: yes, place ${r.place} is within the top ${r.top} ${scope}` : `${named}: no, place ${r.place} is outside the top ${r.top} ${scope} (${countEn(r.place - r.top, "place", "places")} short)`;
      }
      return r.ok ? `Yes, you make ${list}: place ${r.place} is within the top ${r.top} ${scope}` : `No, not ${list}: place ${r.place} is outside the top ${r.top} ${scope} (${countEn(r.place - r.top, "place", "places")} short)`;
    };
    const caveat = rows.some((r) => r.ok) && !metThreshold ? "（另需满足该行业的GMV门槛，门槛见各行业榜单说明）" : "";
    const caveatEn = rows.some((r) => r.ok) && !metThreshold ? " (the industry's GMV threshold must be met too; see each industry's list notes)" : "";
    return {
      kind: "computed",
      result: `${rows.map(zh).join("；")}${caveat}`,
      arithmetic: rows.map((r) => `${r.place} ${r.ok ? "≤" : ">"} ${r.top}`).join("；") + unusedFigures(slots, (n) => places.includes(n), "名次", "the place").zh,
      rule: `采购节榜单按店铺实收GMV降序：全网热卖榜取每个一级行业 top${NETWORK_LIST_TOP}，类目热卖榜取每个二级类目 top${CATEGORY_LIST_TOP}，均需满足GMV门槛`,
      source: "9月采购节榜单新玩法 · 榜单介绍",
      en: {
        result: `${rows.map(en).join("; ")}${caveatEn}`,
        arithmetic: rows.map((r) => `${r.place} ${r.ok ? "≤" : ">"} ${r.top}`).join("; ") + unusedFigures(slots, (n) => places.includes(n), "名次", "the place").en,
        rule: `The festival lists rank by store GMV received, highest first: site-wide, the top ${NETWORK_LIST_TOP} of each top-level industry; by category, the top ${CATEGORY_LIST_TOP} of each second-level category; both need the GMV threshold`,
      },
    };
  },
};

// ---------------------------------------------------------------- industrial brand station

function cnyAmount(slots: Slots, near: RegExp): NumberSlot | undefined {
  const pool = slots.numbers.filter((n) => (n.kind === "amount" || n.kind === "plain") && n.currency !== "USD" && n.value >= 1000);
  // "spent 450k RMB on Alibaba marketing", "50万用在国际站推广": what it was spent on, after it.
  const spentOn = (n: NumberSlot) => {
    const clause = (sentenceAfter(slots, n).split(/[，,；;]/u)[0] ?? "").slice(0, 32);
    return /^\s*(?:rmb|cny|元|人民币)?\s*(?:on\b|for\b|用于|用在|投在|花在)/u.test(clause) && near.test(clause);
  };
  return pool.find((n) => near.test(n.before.slice(-8))) ?? pool.find((n) => near.test(n.lead)) ?? pool.find(spentOn);
}

function yesNo(text: string, yes: RegExp, no: RegExp): boolean | null {
  if (no.test(text)) return false;
  return yes.test(text) ? true : null;
}

/**
 * "工业品牌站8月25日晚上10点报名还来得及吗": a moment against an activity's sign-up window (China
 * time, from the briefing's My Alibaba list); a day without a time is told how late that day it closes.
 */
const brandRegistration: Calculator = {
  needs: ["time"],
  cue: /^(?=[\s\S]*(?:品牌站|brand station))(?=[\s\S]*(?:报名|注册|招商|提交|submit|sign.?up|register|registration))(?=[\s\S]*(?:来得及|还能|能不能|可以|赶得上|截止|晚不晚|开着|还开|in time|still|deadline|too late|open|make it|made it|clos))/u,
  run(slots, now) {
    // Matched as the brand-station windows' entry, a question about another deadline ("Penalty
    // executed 9-27 09:00, appeal deadline?") is not a sign-up: it is not computed here.
    if (!/报名|注册|提交|submit|sign.?up|register|registration|apply|想报|要报|能报/u.test(slots.text) || /申诉|appeal|罚|penal/u.test(slots.text)) {
      return needs("告诉我你打算报名工业品牌站的日期和时间（例如「8月25日晚上10点」），我帮你对照报名时间。", "Tell me the date and time you plan to sign up for the brand station (e.g. \"August 25 at 10 pm\") and I'll check it against the sign-up window.");
    }
    // "年底12月31日前报上…12月31日还开着吗": the same moment written twice is one; "7:45am… And at
    // 8:10am?": two moments are each checked.
    const told = [...new Map(slots.dates.map((x) => [x.instant.toMillis(), x])).values()];
    // "今天还能报吗": without a day, the moment asked is now.
    const moments: DateSlot[] = told.length === 0 && ASKS_TODAY.test(slots.text) ? [nowAsSlot(now)] : told;
    if (moments.length === 0 || moments.length > 3) return needs("告诉我你打算报名的日期和时间（例如「8月25日晚上10点」），我帮你对照报名时间。", "Tell me the date and time you plan to sign up (e.g. \"August 25 at 10 pm\") and I'll check it against the sign-up window.");
    // The window depends on the moment only: the brand's figures of the message are named as not used.
    const unused = unusedFigures(slots, () => false, "报名时间", "the sign-up window");
    // "「工业品牌站」（不是「工业品牌站招商」那个）": an activity named only to be set apart is not the one meant.
    const meant = slots.text.replace(/(?:不是|而不是|并非|not)\s*(?:the\s*)?[“"「『]?[^“"「『”"」』，,。)）]{0,16}[”"」』]?/gu, "");
    // "「工业品牌站」那个，还有「工业品牌站招商」那个呢": each activity named, at the one moment.
    const named = [
      /云招募/u.test(meant) ? "2021阿里工业品牌站升级云招募" : "",
      /招商/u.test(meant) ? "工业品牌站招商" : "",
      /工业品牌站(?!招商|升级|\s*[(（]?\s*(?:9月|9 月))/u.test(meant.replace(/2021阿里工业品牌站升级云招募/gu, "")) && /[「“"『]工业品牌站[」”"』]/u.test(meant) ? "工业品牌站" : "",
    ].filter(Boolean);
    if (named.length > 1 && moments.length === 1) return eachComputed(named.map((n) => signUpAt(moments[0]!, n, unused, false, true)))!;
    const name = /云招募/u.test(meant) ? "2021阿里工业品牌站升级云招募" : /招商/u.test(meant) ? "工业品牌站招商" : "工业品牌站";
    if (moments.length === 1) return signUpAt(moments[0]!, name, unused, false);
    return eachComputed(moments.map((d) => signUpAt(d, name, unused, true)))!;
  },
};

/** The moment the question is asked, as a date the question could have written ("今天还能报吗"). */
function nowAsSlot(now: DateTime): DateSlot {
  const at = now.setZone(SHANGHAI);
  return { date: at.toISODate() ?? "", time: at.toFormat("HH:mm"), zone: SHANGHAI, zoneNamed: false, instant: at, raw: "现在", before: "", index: -1 };
}

/** One moment against an activity's sign-up window. */
function signUpAt(d: DateSlot, name: string, unused: { zh: string; en: string }, several: boolean, byName = false): Computed {
  const a = BRAND_ACTIVITIES.find((x) => x.name === name)!;
  const w = a.registration;
  const fmt = (t: DateTime) => t.setZone(w.zone).toFormat("yyyy-MM-dd HH:mm:ss");
  const at = d.instant.setZone(w.zone);
  const dayStart = d.time ? at : at.startOf("day");
  const dayEnd = d.time ? at : at.endOf("day");
  const first = offerPhase(w, dayStart);
  const last = offerPhase(w, dayEnd);
  const when = d.time ? `${at.toFormat("M月d日 HH:mm")}（中国时间）` : `${at.toFormat("M月d日")}`;
  const whenEn = d.time ? `${at.setLocale("en").toFormat("MMMM d, HH:mm")} China time` : at.setLocale("en").toFormat("MMMM d");
  const verdict =
    first === "during" && last === "during"
      ? `来得及（报名还开着，可以报名）：${when}在「${name}」的报名时间内`
      : first === "after"
        ? `来不及：「${name}」报名已于 ${fmt(w.end)}（中国时间）截止`
        : last === "before"
          ? `还不能报：「${name}」报名 ${fmt(w.start)}（中国时间）才开始`
          : first === "during"
            ? `当天 ${w.end.setZone(w.zone).toFormat("HH:mm:ss")}（中国时间）前来得及，之后就截止了`
            : `当天 ${w.start.setZone(w.zone).toFormat("HH:mm:ss")}（中国时间）起才能报`;
  const verdictEn =
    first === "during" && last === "during"
      ? `Yes, in time (sign-up is still open): ${whenEn} is within the sign-up window of (${name})`
      : first === "after"
        ? `No, too late: sign-up for (${name}) closed at ${fmt(w.end)} China time`
        : last === "before"
          ? `Not yet: sign-up for (${name}) opens at ${fmt(w.start)} China time`
          : first === "during"
            ? `In time only until ${w.end.setZone(w.zone).toFormat("HH:mm:ss")} China time that day; it closes then`
            : `Only from ${w.start.setZone(w.zone).toFormat("HH:mm:ss")} China time that day`;
  return {
    kind: "computed",
    // Among several moments, each verdict says which one it is about.
    result: byName ? `「${name}」${verdict}` : several && !(first === "during" && last === "during") ? `${when}：${verdict}` : verdict,
    arithmetic: `${when} 对照报名时间 ${fmt(w.start)} – ${fmt(w.end)}（中国时间）${unused.zh}`,
    rule: `「${name}」报名时间 ${fmt(w.start)} – ${fmt(w.end)}（中国时间）；入口：商家工作台——营销中心——官方活动报名——工业品牌站`,
    source: "工业品牌站升级 · 报名通道（My Alibaba 活动列表）",
    en: {
      result: byName ? `Sign-up (${name}): ${verdictEn}` : several && !(first === "during" && last === "during") ? `${whenEn}: ${verdictEn}` : verdictEn,
      arithmetic: `${whenEn} against the sign-up window ${fmt(w.start)} – ${fmt(w.end)} China time${unused.en}`,
      rule: `Sign-up for (${name}) runs ${fmt(w.start)} – ${fmt(w.end)} China time; entry: seller workbench → marketing centre → official event sign-up → Industrial Brand Station`,
    },
  };
}

const brandLeading: Calculator = {
  needs: ["annualExportCny"],
  cue: /龙头品牌|leading brand/u,
  run(slots, now) {
    const exp = cnyAmount(slots, /出口|export|营收|销售/u);
    const listed = yesNo(slots.text, /上市|listed/u, /(?:没|没有|未|非|不是|还没|不|并未)上市|not (?:a )?listed|unlisted|not (?:publicly )?traded/u);
    const famous = yesNo(slots.text, /驰名|著名|famous/u, /(?:没|没有|无|不是|未|非)(?:省级)?(?:以上)?(?:的)?(?:驰名|著名)|no famous|not famous/u);
    if (!exp && listed === null && famous === null) return needs("告诉我年出口额（人民币）、是否上市、有没有省级以上驰名/著名商标，我帮你判断能否申请龙头品牌。", "Tell me your annual exports (RMB), whether you are listed, and whether you hold a well-known or famous trademark at provincial level or above, and I'll work out whether you can apply as a leading brand.");
    const check = checkBrand(
      partialMerchant({
        brand: {
          annualExportCny: exp?.value ?? 0,
          listed: listed === true,
          famousTrademark: famous === true,
          brandRegisteredYears: 0,
          rdTeamSize: 0,
          highTech: false,
          annualMarketingCny: 0,
          trademarkCertificate: !NO_TRADEMARK_CERTIFICATE.test(slots.text),
        },
      }),
      now,
    );
    const l = check.leading!;
    const exportCond = l.conditions.find((c) => c.code === "export-at-least-1bn-cny")!;
    const threshold = formatCny(exportCond.threshold ?? 0);
    const thresholdEn = cnyEn(exportCond.threshold ?? 0);
    const exportMet = exp ? exportCond.met : null;
    const unknown = [listed === null ? "是否上市" : "", famous === null ? "是否有省级以上驰名/著名商标" : ""].filter(Boolean);
    const anyMet = exportMet === true || listed === true || famous === true;
    // The three grounds are alternatives: once one is met, the export figure is no shortfall.
    const exportLine = exp ? `年出口额 ${formatCny(exp.value)} ${exportCond.met ? "≥" : "<"} ${threshold}${exportCond.met ? "" : anyMet ? "（已满足另一条件，此条不必满足）" : `（还差 ${formatCny(exportCond.gap ?? 0, "up")}）`}` : "未给出年出口额";
    const exportLineEn = exp ? `annual exports ${cnyEn(exp.value)} ${exportCond.met ? "≥" : "<"} ${thresholdEn}${exportCond.met ? "" : anyMet ? " (not needed: another condition is met)" : ` (${cnyEn(exportCond.gap ?? 0, "up")} short)`}` : "no annual export figure given";
    // Only an acceptance notice (受理通知书) for the trademark: the certificate every brand needs is missing.
    const noCertificate = NO_TRADEMARK_CERTIFICATE.test(slots.text);
    const result = noCertificate
      ? `暂不能申报龙头品牌：需有效期内的商标注册证或品牌授权书，仅有商标受理通知书无效${anyMet ? "（其余条件满足）" : ""}`
      : anyMet
      ? `可以申报龙头品牌：三个条件满足其一即可，你满足（${exportMet ? `年出口额 ${formatCny(exp!.value)} ≥ ${threshold}` : listed ? "上市公司" : "有省级以上驰名/著名商标"}），另需有效的商标注册证或品牌授权书`
      : unknown.length > 0
        ? `仅凭${exp ? `年出口额 ${formatCny(exp.value)}` : "所给条件"}还不够：需年出口额 ≥ ${threshold}，或上市公司，或有省级以上驰名/著名商标（${unknown.join("、")}你没说）`
        : `不符合龙头品牌的条件：年出口额${exp ? ` ${formatCny(exp.value)}` : ""}未达 ${threshold}，也不是上市公司、没有驰名/著名商标`;
    const unknownEn = [listed === null ? "whether you are listed" : "", famous === null ? "whether you have a provincial-level or higher famous trademark" : ""].filter(Boolean);
    const resultEn = noCertificate
      ? `Not yet: a leading brand needs a valid trademark registration certificate or brand licence, and an acceptance notice alone does not count${anyMet ? " (the other conditions are met)" : ""}`
      : anyMet
      ? `Yes, you can apply as a leading brand (龙头品牌): any one of its three conditions is enough, and you meet one (${exportMet ? `annual exports ${cnyEn(exp!.value)} ≥ ${thresholdEn}` : listed ? "a listed company" : "a provincial-level or higher famous trademark"}); a valid trademark certificate or brand licence is needed too`
      : unknownEn.length > 0
        ? `Not on ${exp ? `annual exports of ${cnyEn(exp.value)}` : "what you gave"} alone: it takes annual exports ≥ ${thresholdEn}, or a listed company, or a provincial-level or higher famous trademark (you did not say ${unknownEn.join(" or ")})`
        : `No, you do not meet the leading brand (龙头品牌) conditions: annual exports${exp ? ` of ${cnyEn(exp.value)}` : ""} below ${thresholdEn}, not listed, no famous trademark`;
    return {
      kind: "computed",
      result,
      en: {
        result: resultEn,
        arithmetic: exportLineEn,
        rule: `A leading brand needs one of: annual exports ≥ ${thresholdEn}; a listed company; a provincial-level or higher famous trademark (plus a valid trademark certificate or brand licence)`,
      },
      arithmetic: exportLine,
      rule: `龙头品牌满足其一即可：年出口额 ≥ ${threshold}；上市公司；省级以上驰名/著名商标（另需有效期内的商标注册证或品牌授权书）`,
      source: "工业品牌站升级 · 招商标准 龙头品牌",
    };
  },
};

/** "商标还在申请中，只有受理通知书", "only the acceptance notice": no valid trademark certificate yet. */
const NO_TRADEMARK_CERTIFICATE = /受理通知书|商标(?:还)?(?:在|正在)?申请中|还没(?:有)?(?:下)?(?:商标)?注册证|acceptance notice|(?:trademark|mark) (?:is )?(?:still )?(?:at the )?(?:application|pending)|application stage/u;

/** The industries the brand station is open to, and the rule line that lists them, in both languages. */
const isBrandOpen = (industry: string) => (BRAND_OPEN_INDUSTRIES as readonly string[]).includes(industry);
const BRAND_OPEN = BRAND_OPEN_INDUSTRIES.join("、");
const BRAND_OPEN_EN = BRAND_OPEN_INDUSTRIES.map((n) => industryEnglishName(n) ?? n).join(", ");
const BRAND_OPEN_RULE = `工业品牌站目前开放的行业：${BRAND_OPEN}`;
const BRAND_OPEN_RULE_EN = `Industries the industrial brand station is open to now: ${BRAND_OPEN_EN}`;
const BRAND_INDUSTRY_SOURCE = "工业品牌站升级 · 报名通道（已开放行业）";

/**
 * The industry a brand question names when the brand station is not open to it ("我们做服装的，
 * 出口额15亿，能报龙头吗"): the station takes only its open industries, whatever the other criteria.
 */
function closedBrandIndustry(slots: Slots): string | undefined {
  const named = slots.industries;
  if (named.length !== 1 || isBrandOpen(named[0]!)) return undefined;
  return named[0];
}

/** A brand calculator that first checks the industry: a closed one decides the answer, the other criteria stated after it. */
function checkingIndustry(calc: Calculator): Calculator {
  return {
    ...calc,
    run(slots, now) {
      const closed = closedBrandIndustry(slots);
      const r = calc.run(slots, now);
      if (!closed) {
        // An open industry named is checked too, and said so.
        const named = slots.industries.length === 1 ? slots.industries[0]! : undefined;
        if (!named || r.kind !== "computed") return r;
        return { ...r, arithmetic: `${named} ∈ 已开放行业 ✓；${r.arithmetic}`, en: { ...r.en, arithmetic: `${industryEnglishName(named) ?? named} is an open industry ✓; ${r.en.arithmetic}` } };
      }
      const closedEn = industryEnglishName(closed) ?? closed;
      if (r.kind !== "computed") {
        return {
          kind: "computed",
          result: `暂不能申报：${closed}不在工业品牌站目前开放的行业内`,
          arithmetic: `${closed} ∉ 已开放行业（${BRAND_OPEN}）`,
          rule: BRAND_OPEN_RULE,
          source: BRAND_INDUSTRY_SOURCE,
          en: { result: `Not for now: ${closedEn} is not among the industries the brand station is open to`, arithmetic: `${closedEn} ∉ open industries (${BRAND_OPEN_EN})`, rule: BRAND_OPEN_RULE_EN },
        };
      }
      return {
        ...r,
        result: `暂不能申报：${closed}不在工业品牌站目前开放的行业内（若行业开放：${r.result}）`,
        arithmetic: `${closed} ∉ 已开放行业（${BRAND_OPEN}） ✗；${r.arithmetic}`,
        rule: `${BRAND_OPEN_RULE}；${r.rule}`,
        en: {
          result: `Not for now: ${closedEn} is not among the industries the brand station is open to (were it open: ${r.en.result})`,
          arithmetic: `${closedEn} ∉ open industries (${BRAND_OPEN_EN}) ✗; ${r.en.arithmetic}`,
          rule: `${BRAND_OPEN_RULE_EN}; ${r.en.rule}`,
        },
      };
    },
  };
}

/** "we are packaging & printing, is the brand station open for our industry now?": the industry against the open list. */
const brandIndustryOpen: Calculator = {
  needs: ["industry"],
  cue: /^(?=[\s\S]*(?:品牌站|brand station))(?=[\s\S]*(?:开放|开通|能报|能不能报|可以报|open|allowed|eligible))/u,
  run(slots) {
    if (slots.industries.length !== 1) return needs(`告诉我你的行业（例如「五金工具」），我帮你看工业品牌站是否已对它开放（目前：${BRAND_OPEN}）。`, `Tell me your industry (e.g. tools & hardware) and I'll check whether the brand station is open to it (now: ${BRAND_OPEN_EN}).`);
    const named = slots.industries[0]!;
    const namedEn = industryEnglishName(named) ?? named;
    const isOpen = isBrandOpen(named);
    // Not open to the industry: the brand's own figures (exports, years, spend) cannot change that.
    const unused = isOpen ? { zh: "", en: "" } : unusedFigures(slots, () => false, "这个结果", "this result");
    return {
      kind: "computed",
      // Asked "开放了吗" or "能报吗": the verdict answers both.
      result: isOpen ? `已开放，可以报：${named}在工业品牌站目前开放的行业内` : `暂未开放，现在不能报：${named}不在工业品牌站目前开放的行业内（后续会陆续开放更多非消行业）`,
      arithmetic: `${named} ${isOpen ? "∈" : "∉"} 已开放行业（${BRAND_OPEN}）${unused.zh}`,
      rule: BRAND_OPEN_RULE,
      source: BRAND_INDUSTRY_SOURCE,
      en: {
        result: isOpen
          ? `Yes, it is open and you can apply: ${namedEn} is among the industries the brand station is open to now`
          : `No, not yet: ${namedEn} is not among the industries the brand station is open to now, so you cannot apply yet (more non-consumer industries are to follow)`,
        arithmetic: `${namedEn} ${isOpen ? "is" : "is not"} in the open industries (${BRAND_OPEN_EN})${unused.en}`,
        rule: BRAND_OPEN_RULE_EN,
      },
    };
  },
};

const brandOwn: Calculator = {
  needs: ["annualExportCny", "brandYears", "rdTeam", "marketingCny"],
  cue: /自主品牌|own brand/u,
  run(slots, now) {
    const exp = cnyAmount(slots, /出口|export/u);
    const years = slots.numbers.find((n) => n.kind === "count" && n.unit === "年" && /注册|品牌|商标|register/u.test(n.before + n.lead));
    const rd =
      slots.numbers.find((n) => n.kind === "count" && (n.unit === "人" || (n.unit === "个" && /^\s*人/u.test(n.after))) && /研发|r&d|rd/u.test(n.before + n.lead)) ??
      slots.numbers.find((n) => (n.kind === "plain" || (n.kind === "count" && /^(?:人|名)$/u.test(n.unit))) && /研发|r&d/u.test(n.lead) && n.value < 1000);
    // "还没评上高新企业", "高新还没批下来", "not a high-tech enterprise": not one.
    const highTech = yesNo(slots.text, /高新|high.?tech/u, /(?:不是|非|没有|没|未)(?:评上|评为|认定为?|通过|拿到|获得|申请到)?(?:的)?高新|高新[^，,。；;]{0,6}(?:没|未)|not (?:a |yet )?(?:certified )?high.?tech/u);
    const marketing = cnyAmount(slots, /营销|推广|投入|广告|marketing/u);
    if (!exp && !years && !rd && !marketing) return needs("告诉我品牌注册年限、年出口额、研发团队人数（或是否高新企业）、国际站年营销投入，我帮你逐条核对自主品牌条件。", "Tell me how many years the brand has been registered, your annual exports, your R&D team size (or whether you are a high-tech enterprise) and your yearly marketing spend on Alibaba.com, and I'll check each own-brand condition.");
    const check = checkBrand(
      partialMerchant({
        brand: {
          annualExportCny: exp?.value ?? 0,
          listed: false,
          famousTrademark: false,
          brandRegisteredYears: years?.value ?? 0,
          rdTeamSize: rd?.value ?? 0,
          highTech: highTech === true,
          annualMarketingCny: marketing?.value ?? 0,
          trademarkCertificate: true,
        },
      }),
      now,
    );
    const own = check.own!;
    const cond = (code: string) => own.conditions.find((c) => c.code === code)!;
    const given: [string, boolean, string][] = [];
    const missing: string[] = [];
    const yearsC = cond("brand-registered-3-years");
    const expC = cond("export-at-least-100m-cny");
    const rdC = cond("rd-team-10-or-high-tech");
    const mkC = cond("marketing-at-least-500k-cny");
    // An unmet figure says how much more it takes, so "还差多少" is answered in the result itself.
    const shortZh = (c: BrandCondition, say: (gap: number) => string) => (c.met || !c.gap ? "" : `（还差 ${say(c.gap)}）`);
    const shortEn = (c: BrandCondition, say: (gap: number) => string) => (c.met || !c.gap ? "" : ` (${say(c.gap)} short)`);
    if (years) given.push(["品牌注册", yearsC.met, `${formatNumber(years.value)} 年 ${yearsC.met ? "≥" : "<"} ${yearsC.threshold} 年${shortZh(yearsC, (g) => `${formatNumber(g)} 年`)}`]);
    else missing.push("品牌注册年限");
    if (exp) given.push(["年出口额", expC.met, `${formatCny(exp.value)} ${expC.met ? "≥" : "<"} ${formatCny(expC.threshold ?? 0)}${shortZh(expC, (g) => formatCny(g, "up"))}`]);
    else missing.push("年出口额");
    if (rd || highTech !== null) given.push(["研发", rdC.met, rd ? `${rd.value} 人 ${rd.value >= (rdC.threshold ?? 0) ? "≥" : "<"} ${rdC.threshold} 人${highTech ? "（高新企业）" : shortZh(rdC, (g) => `${g} 人`)}` : highTech ? "高新企业" : "非高新企业"]);
    else missing.push("研发团队人数或是否高新企业");
    if (marketing) given.push(["年营销投入", mkC.met, `${formatCny(marketing.value)} ${mkC.met ? "≥" : "<"} ${formatCny(mkC.threshold ?? 0)}${shortZh(mkC, (g) => formatCny(g, "up"))}`]);
    else missing.push("国际站年营销投入");
    // Only an acceptance notice for the trademark: the certificate every brand needs is missing.
    const noCertificate = NO_TRADEMARK_CERTIFICATE.test(slots.text);
    if (noCertificate) given.push(["商标", false, "仅有受理通知书，需有效期内的商标注册证或品牌授权书"]);
    const givenEn: [boolean, string][] = [];
    const missingEn: string[] = [];
    if (years) givenEn.push([yearsC.met, `brand registered ${formatNumber(years.value)} years ${yearsC.met ? "≥" : "<"} ${yearsC.threshold} years${shortEn(yearsC, (g) => countEn(g, "year", "years"))}`]);
    else missingEn.push("years since the brand was registered");
    if (exp) givenEn.push([expC.met, `annual exports ${cnyEn(exp.value)} ${expC.met ? "≥" : "<"} ${cnyEn(expC.threshold ?? 0)}${shortEn(expC, (g) => cnyEn(g, "up"))}`]);
    else missingEn.push("annual exports");
    if (rd || highTech !== null) givenEn.push([rdC.met, rd ? `R&D team of ${rd.value} ${rd.value >= (rdC.threshold ?? 0) ? "≥" : "<"} ${rdC.threshold}${highTech ? " (high-tech enterprise)" : shortEn(rdC, (g) => countEn(g, "person", "people"))}` : highTech ? "a high-tech enterprise" : "not a high-tech enterprise"]);
    else missingEn.push("R&D team size or high-tech status");
    if (marketing) givenEn.push([mkC.met, `yearly marketing on Alibaba.com ${cnyEn(marketing.value)} ${mkC.met ? "≥" : "<"} ${cnyEn(mkC.threshold ?? 0)}${shortEn(mkC, (g) => cnyEn(g, "up"))}`]);
    else missingEn.push("yearly marketing spend on Alibaba.com");
    if (noCertificate) givenEn.push([false, "trademark: an acceptance notice only; a valid registration certificate or brand licence is needed"]);
    const failedEn = givenEn.filter(([met]) => !met);
    const en = {
      result:
        failedEn.length > 0
          ? `No, the own brand (自主品牌) conditions are not met: ${failedEn.map(([, t]) => t).join("; ")}`
          : missingEn.length > 0
            ? `The conditions you gave are met (${givenEn.map(([, t]) => t).join("; ")}); still to confirm: ${missingEn.join(", ")}`
            : "Yes, all four conditions are met: you can apply as an own brand (自主品牌); a valid trademark certificate or brand licence is needed too",
      arithmetic: givenEn.map(([met, t]) => `${t} ${met ? "✓" : "✗"}`).join("; "),
      rule: `An own brand needs all of: brand registered ≥ ${yearsC.threshold} years; annual exports ≥ ${cnyEn(expC.threshold ?? 0)}; an R&D team of ≥ ${rdC.threshold} or a high-tech enterprise; yearly marketing on Alibaba.com ≥ ${cnyEn(mkC.threshold ?? 0)}`,
    };
    const failed = given.filter(([, met]) => !met);
    const result =
      failed.length > 0
        ? `不符合自主品牌条件：${failed.map(([what, , s]) => `${what} ${s}`).join("；")}`
        : missing.length > 0
          ? `已给出的条件都满足（${given.map(([, , s]) => s).join("；")}），还需确认：${missing.join("、")}`
          : "四项条件都满足，可以申请自主品牌（另需有效的商标注册证或品牌授权书）";
    return {
      kind: "computed",
      result,
      arithmetic: given.map(([what, met, s]) => `${what} ${s} ${met ? "✓" : "✗"}`).join("；"),
      rule: `自主品牌需同时满足：品牌注册 ≥ ${yearsC.threshold} 年；年出口额 ≥ ${formatCny(expC.threshold ?? 0)}；研发团队 ≥ ${rdC.threshold} 人或高新企业；国际站年营销投入 ≥ ${formatCny(mkC.threshold ?? 0)}`,
      source: "工业品牌站升级 · 招商标准 自主品牌",
      en,
    };
  },
};

// ---------------------------------------------------------------- more rules

/** The words that name each peer-ranked factor. */
const QUOTES_FACTOR = /报价个数|报价数量|报价数|报价量|quotes?\s*(?:数量|个数)|quotes? (?:factor|count|number)|number of quotes|quote count/u;
const RESPONSE_FACTOR = /24\s*(?:小时|h|hours?)|响应率|response/u;

/**
 * The points the question states for the two peer-ranked factors ("报价个数20分，24小时响应率21分",
 * "报价个数和24小时响应率分别是20分和21分", "quotes factor 10 pts, 24h response 10 pts"), each when named.
 */
function rankedFactorPoints(slots: Slots): { quotes?: NumberSlot; response?: NumberSlot } {
  const scores = slots.numbers.filter((n) => n.kind === "score" && n.value >= 0 && n.value <= RFQ_PEER_TOP_POINTS);
  // "20 points for quote count and 21 points for 24h quote response rate": the factor after its points.
  const forFactor = (n: NumberSlot, re: RegExp) => {
    const words = (n.after.split(/[，,。；;]|\band\b|\d+\s*(?:分|points?)/u)[0] ?? "").slice(0, 40);
    return /^\s*(?:for|on|from)\s/u.test(words) && re.test(words);
  };
  // Written that way, the words before a figure are the previous figure's factor: the words after it come first.
  const named = (re: RegExp) => scores.find((n) => forFactor(n, re)) ?? scores.find((n) => re.test(n.lead) || re.test(n.before.slice(-10)));
  let quotes = named(QUOTES_FACTOR);
  let response = scores.find((n) => n !== quotes && forFactor(n, RESPONSE_FACTOR)) ?? scores.find((n) => n !== quotes && (RESPONSE_FACTOR.test(n.lead) || RESPONSE_FACTOR.test(n.before.slice(-8))));
  // "A和B分别是20分和21分": two points after both names, in the order the names came.
  if ((!quotes || !response || quotes === response) && /分别|respectively/u.test(slots.text) && scores.length >= 2) {
    const q = slots.text.search(QUOTES_FACTOR);
    const r = slots.text.search(RESPONSE_FACTOR);
    const after = scores.filter((n) => n.index > Math.max(q, r));
    if (q >= 0 && r >= 0 && after.length === 2) [quotes, response] = q < r ? [after[0], after[1]] : [after[1], after[0]];
  }
  return quotes === response ? {} : { quotes, response };
}

/** A figure the question says in words is nothing ("no buyer replies", "没有互相持股"): 0, placed nowhere in the text. */
function saidToBeNothing(kind: "plain" | "percent"): NumberSlot {
  const percent = kind === "percent";
  return { value: 0, kind, unit: percent ? "%" : "", currency: null, raw: percent ? "0%" : "0", before: "", after: "", lead: "", period: false, index: -1 };
}

/** "另外还有一笔8千美金的线下单没走信保": money outside the platform. */
const OFFLINE = /线下|没走信保|不走信保|没有走信保|没走平台|不走平台|offline|outside (?:alibaba|the platform)|not (?:through|via) (?:trade assurance|ta|the platform)/u;

/**
 * Orders outside the platform beside the RFQ GMV ("另外还有一笔8千美金的线下单没走信保，这个不算吧"): the
 * factor counts RFQ-related money received on the platform, so they are said not to count.
 */
function offlineOrders(slots: Slots, gmv: NumberSlot): { zh: string; en: string } {
  const off = slots.numbers.filter((n) => n !== gmv && n.kind === "amount" && OFFLINE.test(clauseOf(slots, n)));
  if (off.length === 0) return { zh: "", en: "" };
  return {
    zh: `；${off.map((n) => formatUsd(n.value)).join("、")} 的线下单没走平台，不计入RFQ实收GMV（只算RFQ相关、在平台实际到账的金额）`,
    en: `; the ${off.map((n) => usdEn(n.value)).join(", ")} offline order did not go through the platform, so it is not in the RFQ GMV (only RFQ-related money received on the platform counts)`,
  };
}

const rfqTotal: Calculator = {
  needs: ["loginDays", "quotesRank", "responseRank", "buyerReplyRate", "gmvUsd"],
  cue: /^(?=[\s\S]*(?:总分|服务分|哪一?档|什么档|total|score|tier))(?=[\s\S]*(?:登录|登陆|login|logged in|log in))(?=[\s\S]*(?:回复率|回复|repl(?:y|ies)))/u,
  run(slots) {
    const login = slots.numbers.find((n) => n.kind === "count" && n.unit === "天" && /登录|登陆|login|logged in|log in/u.test(n.before + wordsBefore(slots, n) + n.after.slice(0, 6)));
    // "no buyer replies", "一笔到账的都没有": a factor said to be nothing is 0, not missing.
    const zero = (re: RegExp): NumberSlot | undefined => (re.test(slots.text) ? saidToBeNothing("plain") : undefined);
    const reply = replyRateSlot(slots, /买家回复|回复率|reply rate|replied/u) ?? zero(/no (?:buyer )?repl(?:y|ies)|(?:买家)?(?:一个|一条)?(?:回复|回)都没有|没有(?:买家)?回复/u);
    const gmv =
      slots.numbers.find((n) => n.kind === "amount" && n.currency !== "CNY" && /gmv|实收|交易额|成交|到账|received/u.test(n.before + wordsBefore(slots, n) + n.after.slice(0, 6))) ??
      // "实收6000美金左右（就按6000算）": the figure the merchant settles on, written bare.
      slots.numbers.find((n) => n.kind === "plain" && n.value > 0 && /(?:gmv|实收|交易额|成交|到账)[\s\S]*按$/u.test(n.lead)) ??
      zero(/no (?:rfq )?(?:gmv|sales|orders? received)|(?:gmv|到账|成交|实收)(?:是|为)?\s*0(?!\d)|(?:一笔)?(?:到账|成交)的?都没有|没有(?:rfq)?(?:gmv|到账|成交)/u);
    // The two ranked factors are computable only when the question says both are in the top 10%,
    // or gives the points each already has (the back office shows them: "报价个数20分").
    // Peer ranks as written ("报价个数排同行前3%，响应率前10%以内"): each within the top 10% counts.
    const ranks = slots.numbers.filter((n) => n.kind === "percent" && /(?:前|top)\s*$/u.test(n.before.slice(-4)));
    const top = ranks.length > 0 ? ranks.every((n) => n.value <= 0.1) : /(?:前|top\s*)10\s*%|前百分之十/u.test(slots.text);
    const peer = rankedFactorPoints(slots);
    const ranked = peer.quotes && peer.response ? { quotes: peer.quotes, response: peer.response } : undefined;
    // One factor by its points, the other by its rank ("报价个数同行前5%；24小时报价响应率那项后台给了18分").
    const otherRank = ranked ? undefined : ranks.find((n) => (peer.quotes ? RESPONSE_FACTOR : peer.response ? QUOTES_FACTOR : undefined)?.test(n.lead));
    const mixed = otherRank && otherRank.value <= 0.1 ? { ...peer, rank: otherRank } : undefined;
    if (!login || !reply || !gmv || (!top && !ranked && !mixed)) {
      return needs("总分要五项数字：登录天数、近30天买家回复率、RFQ近90天实收GMV，以及报价个数和24小时响应率是否都在同行前10%（这两项按同行排名计分）；绑定商户后发送 /score 可直接算出。", "The total score needs all five factors: login days, buyer reply rate over the last 30 days, RFQ GMV received in the last 90 days, and whether your quote count and 24-hour response rate are both in the peer top 10% (those two are scored by peer rank); bind your account and send /score to have it worked out.");
    }
    // No peers in the partial record: the rule then gives both ranked factors the top points,
    // which is what "前10%" says.
    const score = scoreRfq(
      partialMerchant({ gold: slots.gold === true, rfq: partialRfq({ loginDaysMonthToDate: Math.min(31, login.value), buyerReplyRate30d: Math.min(1, reply.value), gmv90dUsd: gmv.value }) }),
      [],
    );
    if (!score.ok) return needs("请给出五项数字。", "Please give all five factors.");
    const given = ranked ?? mixed;
    const points = score.factors.map((f) => (f.factor === "quotes" && given?.quotes ? given.quotes.value : f.factor === "responseRate24h" && given?.response ? given.response.value : f.points));
    const total = points.reduce((a, b) => a + b, 0) + score.goldBonus;
    const row = tierRowOf(total);
    // In the top tier the quotes granted follow last month's quotes ("上月报价70条"), when given.
    const lastMonth = row.quotesGranted === "formula" ? numberNear(slots, ["count"], LAST_MONTH, 12, (n) => n.unit !== "条") : undefined;
    const e = entitlementsOf(row, lastMonth?.value ?? 0);
    const probe = e.quotesGrantedRule;
    const grantZh = row.quotesGranted !== "formula" ? entitlementText(e) : lastMonth && probe ? `本月赠送报价 ${e.quotesGranted} 条（上月报价 ${lastMonth.value} 条，兜底 ${probe.floor}、报多返多、封顶 ${probe.cap}），报价畅行无限制` : probe
        ? `赠送报价按上月报价数报多返多：兜底 ${probe.floor} 条、封顶 ${probe.cap} 条，报价畅行无限制`
        : "赠送报价按上月报多返多（兜底、封顶见规则）";
    const grantEn = row.quotesGranted !== "formula" ? entitlementTextEn(e) : lastMonth && probe ? `${String(e.quotesGranted)} quotes granted this month (${lastMonth.value} quotes sent last month; at least ${probe.floor}, at most ${probe.cap}), ${freeQuotingEn("unlimited")}` : probe
        ? `quotes granted as many as you sent last month, at least ${probe.floor} and at most ${probe.cap}, ${freeQuotingEn("unlimited")}`
        : "quotes granted as many as you sent last month (with the floor and cap of the rule)";
    const parts = points.join(" + ");
    // A rate worked out from counts ("报了50条，回了20条") shows them.
    const replyFrom = reply.raw.includes("/") ? `（${reply.raw}）` : "";
    const offline = offlineOrders(slots, gmv);
    const asRanked = ranks.length > 0 ? `内（你给的：${ranks.map((r) => `前${formatPercent(r.value)}`).join("、")}）` : "";
    const asRankedEn = ranks.length > 0 ? ` (as given: ${ranks.map((r) => `top ${formatPercent(r.value)}`).join(", ")})` : "";
    const mixedZh = mixed
      ? mixed.quotes
        ? `报价个数 ${mixed.quotes.value} 分、24小时响应率同行前10%内（你给的：前${formatPercent(mixed.rank.value)}）`
        : `报价个数同行前10%内（你给的：前${formatPercent(mixed.rank.value)}）、24小时响应率 ${mixed.response!.value} 分`
      : "";
    const mixedEn = mixed
      ? mixed.quotes
        ? `quotes ${mixed.quotes.value} points, 24-hour response in the top 10% of peers (as given: top ${formatPercent(mixed.rank.value)})`
        : `quotes in the top 10% of peers (as given: top ${formatPercent(mixed.rank.value)}), 24-hour response ${mixed.response!.value} points`
      : "";
    const rankedZh = ranked ? `报价个数 ${ranked.quotes.value} 分、24小时响应率 ${ranked.response.value} 分` : mixed ? mixedZh : `报价个数与24小时响应率同行前10%${asRanked}`;
    const rankedEn = ranked ? `quotes ${ranked.quotes.value} points, 24-hour response ${ranked.response.value} points` : mixed ? mixedEn : `quotes and 24-hour response in the top 10% of peers${asRankedEn}`;
    // "how far from the next one?", "离下一档还差多少": the gap to the next tier, when asked.
    const gap = /还差|差多少|差几分|下一档|下个档|升档|next (?:tier|one|level)|how far|how many (?:more )?points/u.test(slots.text) ? nextTierGap(row, total, slots) : { zh: "", en: "" };
    return {
      kind: "computed",
      result: `总分 ${total} 分${score.goldBonus ? `（含金品 +${score.goldBonus}）` : ""}，${TIER_LABELS[row.tier]}档：${grantZh}${gap.zh}`,
      arithmetic: `${parts}${score.goldBonus ? ` + 金品 ${score.goldBonus}` : ""} = ${total} 分（登录 ${login.value} 天、${rankedZh}、买家回复率 ${formatPercent(reply.value)}${replyFrom}、GMV ${formatUsd(gmv.value)}）${offline.zh}`,
      rule: "服务分5大因子：登录天数、本月报价个数、24小时报价响应率、近30天买家回复率、RFQ近90天实收GMV；档位按总分",
      en: {
        result: `A total of ${total} points${score.goldBonus ? ` (Gold +${score.goldBonus} included)` : ""}, the ${tierEn(row)} tier: ${grantEn}${gap.en}`,
        arithmetic: `${parts}${score.goldBonus ? ` + Gold ${score.goldBonus}` : ""} = ${total} points (login ${login.value} days, ${rankedEn}, buyer reply rate ${formatPercent(reply.value)}${replyFrom.replace(/（(.*)）/u, " ($1)")}, GMV ${usdEn(gmv.value)})${offline.en}`,
        rule: "The service score has 5 factors: login days, quotes this month, 24-hour quote response, buyer reply rate in the last 30 days, RFQ GMV received in the last 90 days; the tier goes by the total",
      },
      source: "RFQ商家服务分升级计划 · 服务分5大因子规则、服务分新分层及配套权益",
    };
  },
};

/**
 * "A词类目搜索指数8000、卖家规模指数400；B词搜索指数6000、卖家规模指数200，哪个竞争度高": two
 * keywords, each with its two indexes in the order written, compared; undefined unless exactly two of each.
 */
function twoKeywords(slots: Slots): Calculation | undefined {
  const kinds = (n: NumberSlot) => n.kind === "plain" || n.kind === "amount" || n.kind === "count";
  // Chinese names the index just before its figure ("卖家规模指数400"); English may put more words between ("seller scale index 600").
  const named = (n: NumberSlot, re: RegExp) => re.test(n.before.slice(-8)) || re.test(n.lead);
  const sellers = slots.numbers.filter((n) => kinds(n) && named(n, /卖家|规模|seller/u));
  const searches = slots.numbers.filter((n) => kinds(n) && !sellers.includes(n) && named(n, /搜索|search/u));
  // "word A has search index 9000 and seller scale index 300, word B has 6000 and 150": the
  // second keyword's two figures told bare, in the order the first one's were named.
  if (searches.length === 1 && sellers.length === 1 && searches[0]!.index < sellers[0]!.index) {
    const rest = slots.numbers.filter((n) => kinds(n) && !n.period && n.index > sellers[0]!.index);
    const between = rest.length === 2 ? slots.text.slice(rest[0]!.index + rest[0]!.raw.length, rest[1]!.index) : "";
    if (rest.length === 2 && /^\s*(?:and|和|与|跟|、|\/|,|，)\s*$/u.test(between)) {
      searches.push(rest[0]!);
      sellers.push(rest[1]!);
    }
  }
  if (searches.length !== 2 || sellers.length !== 2) return undefined;
  const [s1, s2] = searches as [NumberSlot, NumberSlot];
  const [r1, r2] = sellers as [NumberSlot, NumberSlot];
  // Each keyword's indexes come together: its search index, then its seller index, before the next keyword's.
  if (!(s1.index < r1.index && r1.index < s2.index && s2.index < r2.index) && !(r1.index < s1.index && s1.index < r2.index && r2.index < s2.index)) return undefined;
  const a = computeKeywordCompetition(s1.value, r1.value);
  const b = computeKeywordCompetition(s2.value, r2.value);
  if (!a.ok || !b.ok) return undefined;
  // The keywords' own names ("A词", "Keyword B") where the question gives them: the last name before its first figure.
  const nameBefore = (n: NumberSlot, fallback: string) =>
    [...slots.text.slice(Math.max(0, n.index - 40), n.index).matchAll(/(?:^|[^a-z])([a-z])\s*(?:词|关键词|类目|搜索|[:：])|(?:key)?word\s+([a-z])\b|词\s*([a-z])(?![a-z])/giu)]
      .at(-1)
      ?.slice(1)
      .find(Boolean)
      ?.toUpperCase() ?? fallback;
  const na = nameBefore(s1.index < r1.index ? s1 : r1, "1");
  const nb = nameBefore(s2.index < r2.index ? s2 : r2, "2");
  const [ca, cb] = [a.competition, b.competition];
  const line = (n: string, sep: string, s: NumberSlot, r: NumberSlot, c: number) => `${n}${sep}${formatNumber(s.value)} ÷ ${formatNumber(r.value)} = ${formatNumber(c, 3)}`;
  const higher = ca === cb ? undefined : ca > cb ? na : nb;
  const label = (n: string) => (/^\d$/u.test(n) ? `第${n}个词` : `${n}词`);
  const labelEn = (n: string) => `keyword ${n}`;
  return {
    kind: "computed",
    result: higher
      ? `${label(higher)}竞争度更高、更像蓝海词（${formatNumber(Math.max(ca, cb), 3)} > ${formatNumber(Math.min(ca, cb), 3)}）：买家搜得多、卖家用得少（点击率也要相近）`
      : `两个词竞争度相同（${formatNumber(ca, 3)}）`,
    arithmetic: `${line(label(na), "：", s1, r1, ca)}；${line(label(nb), "：", s2, r2, cb)}`,
    rule: "竞争度 = 类目搜索指数 ÷ 卖家规模指数（越高越好）",
    source: "金品诚企品牌升级 · 工具差异化 选词参谋",
    en: {
      result: higher
        ? `${labelEn(higher)} has the higher competition (竞争度) and is the bluer-ocean word (${formatNumber(Math.max(ca, cb), 3)} > ${formatNumber(Math.min(ca, cb), 3)}): more buyers search and fewer sellers use it (given a similar click rate)`
        : `Both keywords have the same competition (${formatNumber(ca, 3)})`,
      arithmetic: `${line(labelEn(na), ": ", s1, r1, ca)}; ${line(labelEn(nb), ": ", s2, r2, cb)}`,
      rule: "Competition = category search index ÷ seller scale index (higher is better)",
    },
  };
}

const keywordCompetition: Calculator = {
  needs: ["categorySearchIndex", "sellerScaleIndex"],
  cue: /竞争度|竟争度|competition/u,
  run(slots) {
    const pair = twoKeywords(slots);
    if (pair) return pair;
    const search = numberNear(slots, ["plain", "amount", "count"], /搜索|search/u, 10);
    const sellers = numberNear(slots, ["plain", "amount", "count"], /卖家|规模|seller/u, 10, (n) => n === search);
    if (!search || !sellers) return needs("告诉我这个词的类目搜索指数和卖家规模指数（例如「搜索指数12000，卖家规模指数3000」），我帮你算竞争度。", "Tell me the keyword's category search index and seller scale index (e.g. \"search index 12000, seller scale index 3000\") and I'll work out its competition.");
    const r = computeKeywordCompetition(search.value, sellers.value);
    if (!r.ok) return needs("卖家规模指数必须大于 0（它是除数），搜索指数不能为负。", "The seller scale index must be above 0 (it is the divisor), and the search index cannot be negative.");
    return {
      kind: "computed",
      result: `竞争度 = ${formatNumber(r.competition, 3)}（数值越大，买家搜得多、卖家用得少${r.competition >= 1 ? "；若点击率也高，是蓝海词" : ""}）`,
      arithmetic: `${formatNumber(search.value)} ÷ ${formatNumber(sellers.value)} = ${formatNumber(r.competition, 3)}`,
      rule: "竞争度 = 类目搜索指数 ÷ 卖家规模指数",
      source: "金品诚企品牌升级 · 工具差异化 选词参谋",
      en: {
        result: `Competition (竞争度) = ${formatNumber(r.competition, 3)} (the higher, the more buyers search and the fewer sellers use the word${r.competition >= 1 ? "; with a high click rate too, it is a blue-ocean word" : ""})`,
        arithmetic: `${formatNumber(search.value)} ÷ ${formatNumber(sellers.value)} = ${formatNumber(r.competition, 3)}`,
        rule: "Competition = category search index ÷ seller scale index",
      },
    };
  },
};

const firstCompensation: Calculator = {
  needs: ["claimTime"],
  // "另外一单800美金的是按时发的": an order dispatched on time brings no claim to cover.
  setsAside: (n) => n.kind === "amount" && (ON_TIME.test(n.after.split(/[，,。；;!?！？]/u)[0] ?? "") || ON_TIME.test(n.lead)),
  cue: /首单包赔|首单.{0,4}赔|第一笔.{0,6}赔|first (?:compensation|claim)|平台.{0,4}包赔|平台(?:还)?包(?:吗|不包|么)/u,
  run(slots) {
    // "file the claim on Oct 1 at 2:45pm, maybe later at 3:05pm": each moment offered is checked,
    // with the dates of the other events (the payment) beside it.
    const offered = slots.dates.filter((x) => x.insteadOf !== undefined);
    const base = slots.dates.find((x) => offered.some((o) => o.insteadOf === x.index));
    if (base) {
      const moments = [base, ...offered.filter((o) => o.insteadOf === base.index)];
      const rest = slots.dates.filter((x) => !moments.includes(x));
      return eachComputed(moments.map((m) => firstClaimAt([...rest, m], slots))) ?? firstClaimAt(slots.dates, slots);
    }
    return firstClaimAt(slots.dates, slots);
  },
};

/** The first-claim cover for the dates of one case: payment and claim must both come before the deadline, so the latest decides. */
function firstClaimAt(dates: readonly DateSlot[], slots: Slots): Calculation {
  const d = [...dates].sort((a, b) => a.instant.toMillis() - b.instant.toMillis())[dates.length - 1];
  if (!d) return needs("告诉我买家支付并发起赔付的时间（例如「北京时间10月1日上午11点」），我帮你判断平台首单包赔是否还适用。", "Tell me when the buyer paid and claimed (e.g. \"October 1, 11 am Beijing time\") and I'll work out whether the platform's first-claim cover still applies.");
  const applies = firstCompensationApplies(d.instant);
  const others = dates.filter((x) => x !== d);
  const earlierZh = others.length > 0 ? `；另给出的 ${others.map((x) => `${x.raw}（${firstCompensationApplies(x.instant) ? "在截止之前" : "已过截止"}）`).join("、")}；支付和申请都须在截止之前` : "";
  const earlierEn = others.length > 0 ? `; the other date given, ${others.map((x) => `${x.instant.toFormat("yyyy-MM-dd")} (${firstCompensationApplies(x.instant) ? "before the deadline" : "after it"})`).join(", ")}; both payment and claim must come before the deadline` : "";
  // With the order amount, what the platform (or the merchant) bears: 10%, capped.
  const usd = slots.numbers.filter((n) => n.kind === "amount" && n.currency !== "CNY");
  const amount = usdAmount(slots, /订单|order|金额|ta|信保/u) ?? (usd.length === 1 ? usd[0] : undefined);
  const c = amount && amount.currency !== "CNY" ? computeCompensation(amount.value) : undefined;
  // 1,500 × 10% = 150, capped at 100: the product before the cap, then the cap.
  const uncapped = c?.ok ? c.orderAmountUsd * c.rate : 0;
  const payZh = c?.ok
    ? `；这笔最多赔 ${formatUsd(c.compensationUsd)}（${formatUsd(c.orderAmountUsd)} × ${formatPercent(c.rate)} = ${formatUsd(uncapped)}${c.capped ? `，封顶 ${formatUsd(c.capUsd)}` : ""}），${applies ? "由平台承担，不用你出" : "由你承担"}`
    : "";
  const payEn = c?.ok
    ? `; this claim is at most ${usdEn(c.compensationUsd)} (${usdEn(c.orderAmountUsd)} × ${formatPercent(c.rate)} = ${usdEn(uncapped)}${c.capped ? `, capped at ${usdEn(c.capUsd)}` : ""}), ${applies ? "paid by the platform, not you" : "borne by you"}`
    : "";
  const deadline = FIRST_COMPENSATION_DEADLINE;
  const pacific = d.instant.setZone(US_PACIFIC).toFormat("yyyy-MM-dd HH:mm");
  return {
    kind: "computed",
    result: (applies ? `平台首单包赔适用：${d.raw} 在截止时间之前，平台承担第一笔逾期赔付` : `平台首单包赔不适用：${d.raw} 已过截止时间`) + payZh,
    arithmetic: `${zoneName(d.zone)}${d.zoneNamed ? "" : "（未写时区，按北京时间）"} ${d.instant.toFormat("yyyy-MM-dd HH:mm")} = 美西 ${pacific}，${applies ? "早于" : "晚于"}截止 ${deadline.toFormat("yyyy-MM-dd HH:mm:ss")} 美西时间${earlierZh}`,
    rule: `平台首单包赔：${deadline.toFormat("yyyy年M月d日 HH:mm:ss")}（美西时间）前支付且发起赔付的订单，平台承担第一笔因逾期导致的赔付`,
    source: "信用保障「保障升级服务」上线 · 卖家权益 权益三",
    en: {
      result: (applies
        ? `Yes, the platform's first-claim cover (平台首单包赔) applies: ${d.instant.toFormat("yyyy-MM-dd HH:mm")} ${zoneNameEn(d.zone)} is before the deadline, so the platform pays the first late-dispatch claim`
        : `No, the first-claim cover (平台首单包赔) does not apply: ${d.instant.toFormat("yyyy-MM-dd HH:mm")} ${zoneNameEn(d.zone)} is after the deadline`) + payEn,
      arithmetic: `${d.instant.toFormat("yyyy-MM-dd HH:mm")} ${zoneNameEn(d.zone)}${d.zoneNamed ? "" : " (no zone given, so Beijing time)"} = ${pacific} US Pacific, ${applies ? "before" : "after"} the deadline ${deadline.toFormat("yyyy-MM-dd HH:mm:ss")} US Pacific time${earlierEn}`,
      rule: `First-claim cover: for orders paid and claimed before ${deadline.toFormat("yyyy-MM-dd HH:mm:ss")} US Pacific time, the platform pays the first compensation for late dispatch`,
    },
  };
}

/** The festival's dates as a rule line: US Pacific, with Beijing time beside them. */
const FESTIVAL_DATES_RULE = `9月采购节：美西时间 ${FESTIVAL_START.toFormat("yyyy-MM-dd HH:mm:ss")} 至 ${FESTIVAL_END.toFormat("yyyy-MM-dd HH:mm:ss")}（北京时间 ${FESTIVAL_START.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm")} 至 ${FESTIVAL_END.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm:ss")}）`;
const FESTIVAL_DATES_RULE_EN = `The September Sourcing Festival: US Pacific time ${FESTIVAL_START.toFormat("yyyy-MM-dd HH:mm:ss")} to ${FESTIVAL_END.toFormat("yyyy-MM-dd HH:mm:ss")} (Beijing time ${FESTIVAL_START.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm")} to ${FESTIVAL_END.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm:ss")})`;

/** "北京时间是几点", "what time is that in Beijing time": a time-zone conversion is asked. */
const CONVERSION_ASKED = /(?:北京时间|美西时间|国内时间|中国时间)(?:是|就是)?(?:几点|几号|哪天|多少)|换算|对应(?:的)?(?:北京|美西)|what time is (?:that|it) in|in (?:beijing|china|us pacific|pacific) time\??$|(?:beijing|pacific) time(?: is (?:that|it))?\?/u;

const festivalPhase: Calculator = {
  needs: ["time"],
  // The festival by name (a pinyin slip 采够节 too) and a question of whether a moment is in it.
  cue: /^(?=[\s\S]*(?:采购[节结節]|采够节|(?:september|sourcing) festival|the festival))(?=[\s\S]*(?:开始|结束|开始了|期间|算不算|算(?:是)?(?:9月)?采[购够]节|started|begun|over|ended|inside|within|during|still (?:in|on)))/u,
  run(slots) {
    const d = slots.dates[0];
    if (!d) return needs("告诉我具体时间（并说明是北京时间还是美西时间），我帮你判断采购节是否已开始。", "Tell me the exact time (and whether it is Beijing time or US Pacific time) and I'll work out whether the festival has started.");
    // A day without a time on the day the festival starts or ends (in that day's zone) may fall on either side.
    const boundaryDay = [FESTIVAL_START, FESTIVAL_END].some((b) => b.setZone(d.zone).toISODate() === d.date);
    if (d.time === null && boundaryDay) return needs(
        `采购节在北京时间 ${FESTIVAL_START.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm")} 开始、${FESTIVAL_END.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm:ss")} 结束；那一天要看具体几点（并说明是北京时间还是美西时间），告诉我时间我帮你判断。`,
        `The festival starts at ${FESTIVAL_START.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm")} and ends at ${FESTIVAL_END.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm:ss")} Beijing time; on that day it depends on the hour: tell me the time (and whether it is Beijing time or US Pacific time) and I'll work it out.`,
      );
    // "Sept 1, 00:00 PDT — what time is that in Beijing time?": the same moment in the other zone.
    if (d.time !== null && d.zoneNamed && CONVERSION_ASKED.test(slots.text)) {
      const other = d.zone === US_PACIFIC ? SHANGHAI : US_PACIFIC;
      const there = d.instant.setZone(other);
      const zh = (z: string) => (z === US_PACIFIC ? "美西时间" : "北京时间");
      const en = (z: string) => (z === US_PACIFIC ? "US Pacific time" : "Beijing time");
      const offset = Math.round((there.offset - d.instant.offset) / 60);
      return {
        kind: "computed",
        result: `${zh(d.zone)} ${d.instant.toFormat("M月d日 HH:mm")} = ${zh(other)} ${there.toFormat("M月d日 HH:mm")}`,
        arithmetic: `${zh(other)}比${zh(d.zone)}${offset >= 0 ? "快" : "慢"} ${Math.abs(offset)} 小时（${d.instant.toFormat("yyyy-MM-dd")} 当天${d.instant.isInDST || there.isInDST ? "，美西为夏令时" : ""}）`,
        rule: FESTIVAL_DATES_RULE,
        source: "九月采购节 · 跨境供应链",
        en: {
          result: `${d.instant.setLocale("en").toFormat("MMMM d, HH:mm")} ${en(d.zone)} = ${there.setLocale("en").toFormat("MMMM d, HH:mm")} ${en(other)}`,
          arithmetic: `${en(other)} is ${Math.abs(offset)} hours ${offset >= 0 ? "ahead of" : "behind"} ${en(d.zone)} on ${d.instant.toFormat("yyyy-MM-dd")}${d.instant.isInDST || there.isInDST ? " (US Pacific on daylight saving time)" : ""}`,
          rule: FESTIVAL_DATES_RULE_EN,
        },
      };
    }
    const t = d.instant.toMillis();
    const phase = t < FESTIVAL_START.toMillis() ? "尚未开始" : t > FESTIVAL_END.toMillis() ? "已经结束" : "已经开始、正在进行";
    const start = FESTIVAL_START.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm");
    const end = FESTIVAL_END.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm:ss");
    const during = phase === "已经开始、正在进行";
    const asksDuring = /算(?:不算)?.{0,6}(?:采购节|活动)?期间|在(?:不在)?.{0,4}(?:采购节|活动)?期间|期间(?:内|吗|么)|算(?:不算)?(?:是)?(?:9月)?(?:采[购够]节|活动)(?:吗|么|的?单|里|内)|count(?:s|ed)? (?:as|for|towards?)|during the (?:festival|sourcing)|(?:within|inside|in) the (?:september )?(?:festival|sourcing)|inside (?:the )?(?:september )?festival/u.test(slots.text);
    // The same moment in the other zone, and how far it is from the nearer edge of the festival.
    const other = d.zone === US_PACIFIC ? SHANGHAI : US_PACIFIC;
    const there = d.instant.setZone(other);
    const otherZh = `${zoneName(other)} ${there.toFormat("M月d日 HH:mm")}`;
    const otherEn = `${there.toFormat("yyyy-MM-dd HH:mm")} ${zoneNameEn(other)}`;
    const toStart = timeLeft(FESTIVAL_START.diff(d.instant, ["days", "hours", "minutes"]));
    const sinceStart = timeLeft(d.instant.diff(FESTIVAL_START, ["days", "hours", "minutes"]));
    // FESTIVAL_END is the festival's last millisecond: it is over one millisecond later.
    const over = FESTIVAL_END.plus({ milliseconds: 1 });
    const toEnd = timeLeft(over.diff(d.instant, ["days", "hours", "minutes"]));
    const sinceEnd = timeLeft(d.instant.diff(over, ["days", "hours", "minutes"]));
    const nearerStart = t - FESTIVAL_START.toMillis() < FESTIVAL_END.toMillis() - t;
    const distance =
      phase === "尚未开始"
        ? { zh: `还差 ${toStart.zh} 开始`, en: `it starts in ${toStart.en}` }
        : phase === "已经结束"
          ? { zh: `已结束 ${sinceEnd.zh}`, en: `it ended ${sinceEnd.en} before` }
          : nearerStart
            ? { zh: `开始后 ${sinceStart.zh}`, en: `${sinceStart.en} after the start` }
            : { zh: `离结束还有 ${toEnd.zh}`, en: `${toEnd.en} before the end` };
    return {
      kind: "computed",
      // "这个时间下的单算采购节期间吗": the yes/no first.
      result: `${asksDuring ? (during ? "算采购节期间：" : "不算采购节期间：") : ""}${zoneName(d.zone)} ${d.instant.toFormat("M月d日 HH:mm")}（${otherZh}）采购节${phase}，${distance.zh}（北京时间 ${start} 开始，${end} 结束）`,
      arithmetic: `${d.instant.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm")}（北京时间）${phase === "尚未开始" ? "早于" : phase === "已经结束" ? "晚于" : "在"} ${start} – ${end}${phase === "已经开始、正在进行" ? " 之间" : ""}`,
      rule: FESTIVAL_DATES_RULE,
      en: {
        result: `${asksDuring ? (during ? "Yes, within the festival: " : "No, outside the festival: ") : ""}${asksDuring ? "at" : "At"} ${d.instant.toFormat("yyyy-MM-dd HH:mm")} ${zoneNameEn(d.zone)} (${otherEn}) the festival ${phase === "尚未开始" ? "has not started yet" : phase === "已经结束" ? "has ended" : "has started and is on"}, ${distance.en} (Beijing time ${start} to ${end})`,
        arithmetic: `${d.instant.setZone(SHANGHAI).toFormat("yyyy-MM-dd HH:mm")} Beijing time is ${phase === "尚未开始" ? "before" : phase === "已经结束" ? "after" : "within"} ${start} – ${end}`,
        rule: FESTIVAL_DATES_RULE_EN,
      },
      source: "九月采购节 · 跨境供应链",
    };
  },
};

// ---------------------------------------------------------------- festival offers

const FESTIVAL_OFFERS_SOURCE = "九月采购节—营销活动攻略";

/** The number of orders in the question ("发了15单", "15 orders"), when there is exactly one. */
function orderCount(slots: Slots): NumberSlot | undefined {
  const counts = slots.numbers.filter((n) => n.kind === "count" && /^(?:单|orders?)$/u.test(n.unit));
  return counts.length === 1 ? counts[0] : undefined;
}

const festivalDdp: Calculator = {
  needs: ["orders"],
  cue: /ddp|海派/u,
  run(slots, now) {
    const n = orderCount(slots);
    // "DDP…goods value US$29.90, does he get the $20 shipping discount": the goods-value threshold is
    // the shipping discount's (运费减免); the DDP lines' own US$20 an order has none in the briefing.
    const goods = slots.numbers.some((x) => x.kind === "amount" && x.currency !== "CNY" && /货值|goods/u.test(x.before + x.lead));
    if (!n && goods) {
      const shipping = festivalShipping.run(slots, now);
      if (shipping.kind === "computed") {
        return {
          ...shipping,
          arithmetic: `${shipping.arithmetic}；中美海派（DDP）指定运力线另有每单 ${formatUsd(DDP_DISCOUNT_USD_PER_ORDER)} 优惠，简报没有给它写货值门槛`,
          en: { ...shipping.en, arithmetic: `${shipping.en.arithmetic}; the China–US sea DDP lines have their own ${usdEn(DDP_DISCOUNT_USD_PER_ORDER)} off each order, with no goods-value threshold in the briefing` },
        };
      }
    }
    if (!n) return needs("告诉我走中美海派（DDP）指定运力线的单数（例如「发了15单」），我帮你算一共优惠多少。", "Tell me how many orders went by the designated China–US sea DDP line (e.g. \"shipped 15 orders\") and I'll work out the total discount.");
    const total = n.value * DDP_DISCOUNT_USD_PER_ORDER;
    return {
      kind: "computed",
      result: `${n.value} 单共优惠 ${formatUsd(total)}（每单 ${formatUsd(DDP_DISCOUNT_USD_PER_ORDER)}，买家侧运费减免）`,
      arithmetic: `${n.value} × ${formatUsd(DDP_DISCOUNT_USD_PER_ORDER)} = ${formatUsd(total)}`,
      rule: `中美海派（DDP）指定运力线每单优惠 ${formatUsd(DDP_DISCOUNT_USD_PER_ORDER)}（采购节期间）`,
      en: {
        result: `${n.value} orders save ${usdEn(total)} in all (${usdEn(DDP_DISCOUNT_USD_PER_ORDER)} an order, off the buyer's shipping)`,
        arithmetic: `${n.value} × ${usdEn(DDP_DISCOUNT_USD_PER_ORDER)} = ${usdEn(total)}`,
        rule: `China–US sea DDP (中美海派) on the named lines: ${usdEn(DDP_DISCOUNT_USD_PER_ORDER)} off each order during the festival`,
      },
      source: `${FESTIVAL_OFFERS_SOURCE} · 买家侧营销玩法（DDP 运费减免）`,
    };
  },
};

/** One goods value against the shipping discount's threshold, in both languages. */
function shippingLine(value: number): { ok: boolean; zh: string; en: string; arithmetic: string; arithmeticEn: string } {
  const ok = value >= SHIPPING_DISCOUNT_MIN_GOODS_USD;
  return {
    ok,
    zh: ok
      ? `可以享受运费 ${formatUsd(SHIPPING_DISCOUNT_USD)} 减免：货值 ${formatUsd(value)} ≥ ${formatUsd(SHIPPING_DISCOUNT_MIN_GOODS_USD)}`
      : `不能享受运费减免：货值 ${formatUsd(value)} 不满 ${formatUsd(SHIPPING_DISCOUNT_MIN_GOODS_USD)}（还差 ${formatUsdGap(SHIPPING_DISCOUNT_MIN_GOODS_USD - value)}）`,
    en: ok
      ? `Yes, ${usdEn(SHIPPING_DISCOUNT_USD)} off shipping: goods value ${usdEn(value)} ≥ ${usdEn(SHIPPING_DISCOUNT_MIN_GOODS_USD)}`
      : `No shipping discount: goods value ${usdEn(value)} is under ${usdEn(SHIPPING_DISCOUNT_MIN_GOODS_USD)} (${usdEn(SHIPPING_DISCOUNT_MIN_GOODS_USD - value, "up")} short)`,
    arithmetic: `${formatUsd(value)} ${ok ? "≥" : "<"} ${formatUsd(SHIPPING_DISCOUNT_MIN_GOODS_USD)}`,
    arithmeticEn: `${usdEn(value)} ${ok ? "≥" : "<"} ${usdEn(SHIPPING_DISCOUNT_MIN_GOODS_USD)}`,
  };
}

/** A second goods value asked about ("what if the buyer tops it up to US$30", "要是凑到30美元呢"). */
const GOODS_WHAT_IF = /(?:凑到|加到|补到|提到|涨到|变成|要是|如果|到|up to|to|what if|if (?:it|the order) (?:is|were))\s*$/u;

const festivalShipping: Calculator = {
  needs: ["goodsValueUsd"],
  cue: /^(?=[\s\S]*(?:运费|shipping|freight))(?=[\s\S]*(?:货值|减免|减|goods|discount))(?![\s\S]*(?:ddp|海派))/u,
  run(slots) {
    const amounts = slots.numbers.filter((n) => n.kind === "amount" && n.currency !== "CNY" && n.value !== SHIPPING_DISCOUNT_USD);
    const goods = amounts.find((n) => /货值|goods|订单|order/u.test(n.before) || /货值|goods value|goods worth/u.test(n.lead)) ?? (amounts.length === 1 ? amounts[0] : undefined);
    if (!goods) return needs("告诉我这单的货值（美元，例如「货值$35」），我帮你判断能否享受运费减免。", "Tell me the order's goods value (US$, e.g. \"goods value $35\") and I'll work out whether it gets the shipping discount.");
    // "US$28 … and if the buyer tops it up to US$30?": each value gets its own answer.
    const ifThen = amounts.find((n) => n !== goods && n.index > goods.index && GOODS_WHAT_IF.test(n.lead));
    const lines = [goods, ...(ifThen ? [ifThen] : [])].map((n) => shippingLine(n.value));
    return {
      kind: "computed",
      result: lines.map((l) => l.zh).join("；"),
      arithmetic: lines.map((l) => l.arithmetic).join("；"),
      rule: `货值满 ${formatUsd(SHIPPING_DISCOUNT_MIN_GOODS_USD)} 则享受运费 ${formatUsd(SHIPPING_DISCOUNT_USD)} 减免（采购节期间，买家侧）`,
      en: {
        result: lines.map((l) => l.en).join("; "),
        arithmetic: lines.map((l) => l.arithmeticEn).join("; "),
        rule: `Goods worth at least ${usdEn(SHIPPING_DISCOUNT_MIN_GOODS_USD)} get ${usdEn(SHIPPING_DISCOUNT_USD)} off shipping (buyer side, during the festival)`,
      },
      source: `${FESTIVAL_OFFERS_SOURCE} · 买家侧营销玩法（运费减免&到货保障）`,
    };
  },
};

const festivalArrivalGuarantee: Calculator = {
  needs: ["orderAmountUsd"],
  cue: /到货保障|arrival guarantee/u,
  run(slots) {
    const amount = usdAmount(slots, USD_NEAR);
    if (!amount || amount.currency === "CNY") return needs("告诉我订单金额（美元），我帮你算到货保障赔付多少。", "Tell me the order amount (US$) and I'll work out the arrival-guarantee payout.");
    const paid = Math.round(amount.value * ARRIVAL_GUARANTEE_RATE * 100) / 100;
    return {
      kind: "computed",
      result: `到货保障赔付 ${formatUsd(paid, "nearest")}（买家发起逾期申请且成立时）`,
      arithmetic: `${formatUsd(amount.value)} × ${formatPercent(ARRIVAL_GUARANTEE_RATE)} = ${formatUsd(paid, "nearest")}`,
      rule: `采购节到货保障：满足要求的商品没有按时发货/按时到货，买家发起逾期申请且成立，赔付订单金额的 ${formatPercent(ARRIVAL_GUARANTEE_RATE)}（简报未写上限）`,
      en: {
        result: `The arrival guarantee pays ${usdEn(paid, "nearest")} (when the buyer's late claim is upheld)`,
        arithmetic: `${usdEn(amount.value)} × ${formatPercent(ARRIVAL_GUARANTEE_RATE)} = ${usdEn(paid, "nearest")}`,
        rule: `Festival arrival guarantee: if an eligible product is not dispatched or delivered on time and the buyer's late claim is upheld, ${formatPercent(ARRIVAL_GUARANTEE_RATE)} of the order is paid (the briefing names no cap)`,
      },
      source: `${FESTIVAL_OFFERS_SOURCE} · 买家侧营销玩法（运费减免&到货保障）`,
    };
  },
};

const festivalLogistics: Calculator = {
  needs: ["orders"],
  cue: /无忧|多式联运|锦联/u,
  run(slots) {
    const n = orderCount(slots);
    const multimodal = /多式联运|锦联/u.test(slots.text);
    const wuyou = /无忧/u.test(slots.text);
    if (multimodal && wuyou) return bothLogisticsSeries(slots);
    if (!n || multimodal === wuyou) return needs("告诉我用的是无忧系列还是多式联运（锦联），以及发了几单，我帮你算一共减多少。", "Tell me whether you used the Wuyou (无忧) series or multimodal transport (锦联), and how many orders you shipped, and I'll work out the total discount.");
    const [per, pool, name] = multimodal
      ? [MULTIMODAL_DISCOUNT_CNY_PER_ORDER, MULTIMODAL_DISCOUNT_ORDERS, "多式联运系列（锦联）"]
      : [WUYOU_DISCOUNT_CNY_PER_ORDER, WUYOU_DISCOUNT_ORDERS, "无忧系列物流专线"];
    return {
      kind: "computed",
      result: `${name} ${n.value} 单共减 ${formatNumber(n.value * per)} 元人民币（每单 ${per} 元，名额共 ${formatNumber(pool)} 单，先到先得）`,
      arithmetic: `${n.value} × ${per} 元 = ${formatNumber(n.value * per)} 元`,
      rule: `无忧系列每单减 ${WUYOU_DISCOUNT_CNY_PER_ORDER} 元（共 ${formatNumber(WUYOU_DISCOUNT_ORDERS)} 单）；多式联运系列锦联每单减 ${MULTIMODAL_DISCOUNT_CNY_PER_ORDER} 元（共 ${formatNumber(MULTIMODAL_DISCOUNT_ORDERS)} 单）`,
      en: {
        result: `${multimodal ? "Multimodal lines (多式联运系列，锦联)" : "Wuyou logistics lines (无忧系列)"}: ${n.value} orders save RMB ${formatNumber(n.value * per)} in all (RMB ${per} an order; ${formatNumber(pool)} orders in all, first come first served)`,
        arithmetic: `${n.value} × RMB ${per} = RMB ${formatNumber(n.value * per)}`,
        rule: `Wuyou lines: RMB ${WUYOU_DISCOUNT_CNY_PER_ORDER} off an order (${formatNumber(WUYOU_DISCOUNT_ORDERS)} orders in all); multimodal lines: RMB ${MULTIMODAL_DISCOUNT_CNY_PER_ORDER} off an order (${formatNumber(MULTIMODAL_DISCOUNT_ORDERS)} orders in all)`,
      },
      source: `${FESTIVAL_OFFERS_SOURCE} · 商家侧营销玩法（无忧系列/多式联运系列减免）`,
    };
  },
};

/**
 * "无忧物流专线发了十八单，锦联多式联运发了四单，一共能减多少", "12 orders by 无忧 line and 3 by 锦联":
 * each series' orders are the count in its own clause; both series, their sum and which saves more.
 */
function bothLogisticsSeries(slots: Slots): Calculation {
  const counts = slots.numbers.filter((n) => n.kind === "count" && /^(?:单|orders?)$/u.test(n.unit));
  const clauseOf = (n: NumberSlot) => {
    const head = slots.text.slice(0, n.index);
    const from = Math.max(0, ...[...head.matchAll(/[，,；;。？?！!、]|\band\b|和|另外/gu)].map((m) => m.index + m[0].length));
    const rest = slots.text.slice(n.index);
    const to = rest.search(/[，,；;。？?！!、]|\band\b|和|另外/u);
    return slots.text.slice(from, to < 0 ? undefined : n.index + to);
  };
  const series = counts.map((n) => {
    const clause = clauseOf(n);
    const [w, m] = [/无忧/u.test(clause), /多式联运|锦联/u.test(clause)];
    return { n, series: w === m ? undefined : w ? ("wuyou" as const) : ("multimodal" as const) };
  });
  const wuyou = series.filter((x) => x.series === "wuyou");
  const multi = series.filter((x) => x.series === "multimodal");
  if (wuyou.length !== 1 || multi.length !== 1 || series.some((x) => x.series === undefined)) {
    return needs("告诉我无忧系列和多式联运（锦联）各发了几单（例如「无忧12单，锦联3单」），我帮你算各减多少、一共减多少。", "Tell me how many orders went by each series (e.g. \"12 by Wuyou (无忧), 3 by multimodal (锦联)\") and I'll work out each discount and the total.");
  }
  const [w, m] = [wuyou[0]!.n.value, multi[0]!.n.value];
  const [sw, sm] = [w * WUYOU_DISCOUNT_CNY_PER_ORDER, m * MULTIMODAL_DISCOUNT_CNY_PER_ORDER];
  const gap = Math.abs(sw - sm);
  const moreZh = sw === sm ? "两边减得一样多" : `${sw > sm ? "无忧" : "锦联"}多减 ${formatNumber(gap)} 元`;
  const moreEn = sw === sm ? "both save the same" : `${sw > sm ? "Wuyou (无忧)" : "multimodal (锦联)"} saves RMB ${formatNumber(gap)} more`;
  return {
    kind: "computed",
    result: `一共减 ${formatNumber(sw + sm)} 元人民币：无忧系列 ${w} 单减 ${formatNumber(sw)} 元，多式联运（锦联）${m} 单减 ${formatNumber(sm)} 元；${moreZh}（名额有限，先到先得）`,
    arithmetic: `${w} × ${WUYOU_DISCOUNT_CNY_PER_ORDER} 元 + ${m} × ${MULTIMODAL_DISCOUNT_CNY_PER_ORDER} 元 = ${formatNumber(sw)} + ${formatNumber(sm)} = ${formatNumber(sw + sm)} 元`,
    rule: `无忧系列每单减 ${WUYOU_DISCOUNT_CNY_PER_ORDER} 元（共 ${formatNumber(WUYOU_DISCOUNT_ORDERS)} 单）；多式联运系列锦联每单减 ${MULTIMODAL_DISCOUNT_CNY_PER_ORDER} 元（共 ${formatNumber(MULTIMODAL_DISCOUNT_ORDERS)} 单）`,
    en: {
      result: `RMB ${formatNumber(sw + sm)} off in all: ${w} Wuyou (无忧) orders save RMB ${formatNumber(sw)}, ${m} multimodal (锦联) orders save RMB ${formatNumber(sm)}; ${moreEn} (places are limited, first come first served)`,
      arithmetic: `${w} × RMB ${WUYOU_DISCOUNT_CNY_PER_ORDER} + ${m} × RMB ${MULTIMODAL_DISCOUNT_CNY_PER_ORDER} = RMB ${formatNumber(sw)} + RMB ${formatNumber(sm)} = RMB ${formatNumber(sw + sm)}`,
      rule: `Wuyou lines: RMB ${WUYOU_DISCOUNT_CNY_PER_ORDER} off an order (${formatNumber(WUYOU_DISCOUNT_ORDERS)} orders in all); multimodal lines: RMB ${MULTIMODAL_DISCOUNT_CNY_PER_ORDER} off an order (${formatNumber(MULTIMODAL_DISCOUNT_ORDERS)} orders in all)`,
    },
    source: `${FESTIVAL_OFFERS_SOURCE} · 商家侧营销玩法（无忧系列/多式联运系列减免）`,
  };
}

// ---------------------------------------------------------------- premium trading zone

const ZONE_SOURCE = "金品诚企品牌升级 · 场景差异化（优质贸易专区）";

/** The zone's four entry conditions as far as the question states them, or null when it states none. */
function zoneEntryRows(slots: Slots, now: DateTime) {
  // "出口年限5年", "5年出口经验", "3 years of export history", "3 years export".
  const years = slots.numbers.find((n) => n.kind === "count" && n.unit === "年" && /出口|外贸|export/u.test(n.before + n.after.slice(0, 12)));
  const odm = yesNo(slots.text, /odm/u, /(?:不|没|无|没有|不提供|不做)\s*(?:提供)?\s*odm|no odm|without odm|not .{0,10}odm/u);
  const known = { gold: slots.gold, type: slots.businessType, years: years?.value, odm };
  if (known.gold === null && known.type === null && known.years === undefined && known.odm === null) return null;
  const check = checkZone(
      partialMerchant({ gold: known.gold === true, businessType: known.type ?? "factory", exportYears: known.years ?? 0, odm: known.odm === true }),
      now,
    );
    const cond = (code: string) => check.conditions.find((c) => c.code === code)!;
    const rows: [string, boolean | null, string][] = [
      ["金品诚企服务中", known.gold === null ? null : cond("gold").met, known.gold === null ? "未说明" : known.gold ? "是金品" : "不是金品"],
      ["企业类型贸易或工贸一体", known.type === null ? null : cond("business-type-trading-or-integrated").met, known.type === null ? "未说明" : known.type === "factory" ? "工厂" : known.type === "trading" ? "贸易" : "工贸一体"],
      [`出口年限 ≥ ${cond("export-years-3").threshold} 年`, known.years === undefined ? null : cond("export-years-3").met, known.years === undefined ? "未说明" : `${formatNumber(known.years)} 年`],
      ["提供ODM服务", known.odm === null ? null : cond("odm").met, known.odm === null ? "未说明" : known.odm ? "提供" : "不提供"],
    ];
    // The same rows in English, in the same order.
    const rowsEn: [string, boolean | null, string][] = [
      ["a Verified Supplier (金品诚企) in service", rows[0]![1], known.gold === null ? "not said" : known.gold ? "yes" : "no"],
      ["a trading or integrated company", rows[1]![1], known.type === null ? "not said" : known.type],
      [`export history ≥ ${cond("export-years-3").threshold} years`, rows[2]![1], known.years === undefined ? "not said" : `${formatNumber(known.years)} years`],
      ["ODM offered", rows[3]![1], known.odm === null ? "not said" : known.odm ? "yes" : "no"],
    ];
  return {
    rows,
    failed: rows.filter(([, met]) => met === false),
    unknown: rows.filter(([, met]) => met === null),
    rowsEn,
    failedEn: rowsEn.filter(([, met]) => met === false),
    unknownEn: rowsEn.filter(([, met]) => met === null),
    threshold: cond("export-years-3").threshold,
  };
}

const zoneEntry: Calculator = {
  // Business years may be the export years the entry reads; the catalogue's size decides nothing here.
  readsCompanyFacts: ["years"],
  needs: ["gold", "businessType", "exportYears", "odm"],
  cue: /优质贸易专区|premium trad|quality trad|trade zone/u,
  run(slots, now) {
    const entry = zoneEntryRows(slots, now);
    if (!entry) return needs("告诉我是否金品、企业类型（贸易/工贸一体/工厂）、出口年限、是否提供ODM，我帮你逐条核对优质贸易专区门槛。", "Tell me whether you are a Gold Supplier, your business type (trading, integrated or factory), your years of exporting and whether you offer ODM, and I'll check each entry condition of the quality trade zone.");
    if (slots.numbers.some((n) => /成长分|growth/u.test(n.before))) return needs("商品成长分问的是商品圈选：问「商品成长分74能被圈选吗」即可。", "The product growth score decides which products are picked: ask \"can a product with growth score 74 be picked\".");
    const { rows, failed, unknown } = entry;
    return {
      kind: "computed",
      result:
        failed.length > 0
          ? `不能入围优质贸易专区：${failed.map(([what, , v]) => `${what}（你：${v}）`).join("；")}`
          : unknown.length > 0
            ? `已给出的条件都满足，还需确认：${unknown.map(([what]) => what).join("、")}`
            : "四项门槛都满足，可以入围优质贸易专区（商品由系统自动圈选）",
      arithmetic: rows.map(([what, met, v]) => `${what}：${v} ${met === null ? "？" : met ? "✓" : "✗"}`).join("；"),
      rule: `入围门槛：金品服务中 + 企业类型贸易或工贸一体 + 出口年限 ≥ ${entry.threshold} 年 + 提供ODM服务（四项都要满足）`,
      source: ZONE_SOURCE,
      en: {
        result:
          entry.failedEn.length > 0
            ? `No, not into the premium trade zone (优质贸易专区): ${entry.failedEn.map(([what, , v]) => `${what} (you: ${v})`).join("; ")}`
            : entry.unknownEn.length > 0
              ? `The conditions you gave are met; still to confirm: ${entry.unknownEn.map(([what]) => what).join(", ")}`
              : "Yes, all four conditions are met: you can enter the premium trade zone (优质贸易专区); products are picked by the system",
        arithmetic: entry.rowsEn.map(([what, met, v]) => `${what}: ${v} ${met === null ? "?" : met ? "✓" : "✗"}`).join("; "),
        rule: `Entry: a Verified Supplier in service + a trading or integrated company + export history ≥ ${entry.threshold} years + ODM offered (all four)`,
      },
    };
  },
};

const zoneProductScore: Calculator = {
  readsCompanyFacts: ["years", "catalog"],
  needs: ["productGrowthScore"],
  cue: /^(?=[\s\S]*(?:优质贸易专区|premium trad|quality trad|trade zone|圈))(?=[\s\S]*(?:成长分|growth score))/u,
  run(slots, now) {
    // "三个商品成长分分别是74、80、90": every score of the list, each product on its own.
    const scores = slots.numbers.filter((n) => (n.kind === "score" || n.kind === "plain") && n.value <= 100 && !n.period && !/^\s*(?:个|款|件|品)/u.test(n.after));
    const { products } = checkZone(partialMerchant({}), now);
    if (scores.length > 1 && /分别|各|、|和|and/u.test(slots.text)) {
      const rows = scores.map((n) => ({ v: n.value, ok: n.value >= products.minGrowthScore }));
      const yes = rows.filter((r) => r.ok).map((r) => r.v);
      const no = rows.filter((r) => !r.ok).map((r) => r.v);
      // "按规则会有几个商品被圈进去": at most the per-merchant number, of those that qualify.
      const picked = Math.min(yes.length, products.perMerchant);
      const entry = zoneEntryRows(slots, now);
      const entryZh = !entry ? "" : entry.failed.length > 0 ? `；但商家入围门槛未满足：${entry.failed.map(([what, , v]) => `${what}（你：${v}）`).join("；")}` : entry.unknown.length > 0 ? `；商家入围门槛还需确认：${entry.unknown.map(([what]) => what).join("、")}` : `；商家入围门槛都满足（${entry.rows.map(([what, , v]) => `${what}：${v}`).join("，")}）`;
      const unused = unusedFigures(slots, (n) => scores.includes(n) || (entry !== null && /年|years?/u.test(n.unit)), "圈品", "the pick");
      return {
        kind: "computed",
        result: `${yes.length > 0 ? `最多圈 ${picked} 个：成长分 ${yes.join("、")} 的商品能进（达到圈品要求）${yes.length > products.perMerchant ? `（${yes.length} 个达标，每个商家只圈 ${products.perMerchant} 个）` : ""}` : "没有商品达到圈品要求"}${no.length > 0 ? `；成长分 ${no.join("、")} 的不能被圈选（需 ≥ ${products.minGrowthScore}）` : ""}（每个商家自动圈 ${products.perMerchant} 个品${entry ? "" : "，商家需先满足入围门槛"}）${entryZh}`,
        arithmetic: rows.map((r) => `${r.v} ${r.ok ? "≥" : "<"} ${products.minGrowthScore}`).join("；") + unused.zh,
        rule: `优质贸易专区商品：系统自动圈品，一商 ${products.perMerchant} 品，商品成长分 ≥ ${products.minGrowthScore}`,
        source: ZONE_SOURCE,
        en: {
          result: `${yes.length > 0 ? `At most ${picked} picked: products with growth scores ${yes.join(", ")} qualify${yes.length > products.perMerchant ? ` (${yes.length} qualify; ${products.perMerchant} are picked per merchant)` : ""}` : "No product can be picked"}${no.length > 0 ? `; those with ${no.join(", ")} cannot (≥ ${products.minGrowthScore} needed)` : ""} (the system picks ${products.perMerchant} products per merchant${entry ? "" : "; the merchant must meet the entry conditions first"})${entry && entry.failed.length > 0 ? "; but the merchant's entry conditions are not all met" : ""}`,
          arithmetic: rows.map((r) => `${r.v} ${r.ok ? "≥" : "<"} ${products.minGrowthScore}`).join("; ") + unused.en,
          rule: `Premium trade zone products: picked by the system, ${products.perMerchant} per merchant, product growth score ≥ ${products.minGrowthScore}`,
        },
      };
    }
    const score = numberNear(slots, ["score", "plain"], /成长分|growth score/u, 10) ?? (scores.length === 1 ? scores[0] : undefined);
    if (!score) return needs("告诉我商品的商品成长分（例如「成长分74」），我帮你判断能否被圈选进优质贸易专区。", "Tell me the product's growth score (e.g. \"growth score 74\") and I'll work out whether it can be picked for the quality trade zone.");
    const ok = score.value >= products.minGrowthScore;
    // "贸易型金品，出口年限5年，提供ODM，商品成长分75，能进专区吗": the merchant's entry conditions too.
    const entry = zoneEntryRows(slots, now);
    const entryLine = !entry
      ? ""
      : entry.failed.length > 0
        ? `；但商家入围门槛未满足：${entry.failed.map(([what, , v]) => `${what}（你：${v}）`).join("；")}`
        : entry.unknown.length > 0
          ? `；商家入围门槛已给出的都满足，还需确认：${entry.unknown.map(([what]) => what).join("、")}`
          : "；商家入围门槛四项都满足";
    return {
      kind: "computed",
      result: (ok
        ? `商品成长分 ${score.value} ≥ ${products.minGrowthScore}，达到圈品要求（每个商家自动圈 ${products.perMerchant} 个品${entry ? "" : "，商家需先满足入围门槛"}）`
        : `不能被圈选：商品成长分 ${score.value} < ${products.minGrowthScore}（还差 ${products.minGrowthScore - score.value} 分）`) + entryLine,
      arithmetic: `${score.value} ${ok ? "≥" : "<"} ${products.minGrowthScore}${entry ? `；${entry.rows.map(([what, met, v]) => `${what}：${v} ${met === null ? "？" : met ? "✓" : "✗"}`).join("；")}` : ""}`,
      rule: `优质贸易专区商品：系统自动圈品，一商 ${products.perMerchant} 品，商品成长分 ≥ ${products.minGrowthScore}`,
      source: ZONE_SOURCE,
      en: {
        result:
          (ok
            ? `Yes, a product growth score of ${score.value} ≥ ${products.minGrowthScore} can be picked (the system picks ${products.perMerchant} products per merchant${entry ? "" : "; the merchant must meet the entry conditions first"})`
            : `No, a product growth score of ${score.value} < ${products.minGrowthScore} cannot be picked (${countEn(products.minGrowthScore - score.value, "point", "points")} short)`) +
          (!entry ? "" : entry.failedEn.length > 0 ? `; but the merchant entry conditions are not met: ${entry.failedEn.map(([what, , v]) => `${what} (you: ${v})`).join("; ")}` : entry.unknownEn.length > 0 ? `; the entry conditions you gave are met, still to confirm: ${entry.unknownEn.map(([what]) => what).join(", ")}` : "; all four merchant entry conditions are met"),
        arithmetic: `${score.value} ${ok ? "≥" : "<"} ${products.minGrowthScore}${entry ? `; ${entry.rowsEn.map(([what, met, v]) => `${what}: ${v} ${met === null ? "?" : met ? "✓" : "✗"}`).join("; ")}` : ""}`,
        rule: `Premium trade zone products: picked by the system, ${products.perMerchant} per merchant, product growth score ≥ ${products.minGrowthScore}`,
      },
    };
  },
};

// ---------------------------------------------------------------- definitions and offers with one figure

const rfq24hRate: Calculator = {
  needs: ["quotesWithin24Hours", "allQuotes"],
  cue: /24\s*(?:小时|h|hours?)\s*(?:报价率|响应率|quote rate|response rate)|24-hour (?:quote|response) rate/u,
  run(slots) {
    const counts = slots.numbers.filter((n) => (n.kind === "count" && /^(?:条|个)$/u.test(n.unit)) || (n.kind === "plain" && /^\s*(?:条|个)?\s*(?:rfq|报价)/u.test(n.after)));
    const within = counts.filter((n) => /其中|within|of which|of them|有/u.test(n.lead) && /24\s*(?:小时|h)/u.test((n.after.split(/[，,。；;]/u)[0] ?? "") + n.lead));
    const all = counts.filter((n) => !within.includes(n));
    if (within.length !== 1 || all.length !== 1) return needs("告诉我上月一共报了多少条RFQ、其中多少条是在商机发布24小时以内报的（例如「一共报了80条，其中60条在24小时内」），我帮你算24小时报价率。", "Tell me how many RFQ quotes you sent last month and how many of them within 24 hours of the RFQ being posted (e.g. \"80 quotes in all, 60 within 24 hours\") and I'll work out the 24-hour quote rate.");
    const rate = quoteRate24h(within[0]!.value, all[0]!.value);
    if (rate === null) return needs("24小时内报的条数不能多于全部报价条数，且全部报价需大于 0。", "The quotes sent within 24 hours cannot outnumber all quotes, and all quotes must be more than 0.");
    return {
      kind: "computed",
      result: `24小时报价率 = ${formatNumber(rate * 100, 1)}%`,
      arithmetic: `${formatNumber(within[0]!.value)} ÷ ${formatNumber(all[0]!.value)} = ${formatNumber(rate * 100, 1)}%`,
      rule: "24小时报价率 = 报价发生在商机发布24小时以内的商机量 ÷ 商家全部报出的RFQ数量（该项按同行排名计分，得几分要和同行比）",
      en: {
        result: `24-hour quote rate = ${formatNumber(rate * 100, 1)}%`,
        arithmetic: `${formatNumber(within[0]!.value)} ÷ ${formatNumber(all[0]!.value)} = ${formatNumber(rate * 100, 1)}%`,
        rule: "24-hour quote rate = RFQs quoted within 24 hours of posting ÷ all RFQs you quoted (the factor scores by rank among peers)",
      },
      source: "RFQ商家服务分升级计划 · 服务分5大因子规则",
    };
  },
};

const appealObjectiveGround: Calculator = {
  needs: ["orderAmountUsd"],
  // The order penalised is the one read; an earlier sample order or another order is set aside.
  setsAside: isOtherBusiness,
  cue: /^(?=[\s\S]*(?:客观原因|一达通|自营出口|市场采购|objective))(?=[\s\S]*(?:申诉|appeal))(?=[\s\S]*(?:信保|信用保障|trade assurance|\bta\b))/u,
  run(slots) {
    const usd = slots.numbers.filter((n) => n.kind === "amount" && n.currency !== "CNY");
    const order = usd.length === 1 ? usd[0] : usdAmount(slots, /订单|单|order/u);
    if (!order) return needs("告诉我没走信保的那笔订单金额（美元），我帮你看能否按「客观原因不能操作信保」申诉。", "Tell me the amount (US$) of the order that did not go through Trade Assurance and I'll work out whether you can appeal on the objective ground that Trade Assurance could not be used.");
    const g = objectiveGroundApplies(order.value);
    return {
      kind: "computed",
      result: g.applies
        ? `能按「客观原因不能操作信保」（情形b）申诉：订单 ${formatUsd(order.value)} ≥ ${formatUsd(APPEAL_OBJECTIVE_MIN_ORDER_USD)}，且需确实无法使用一达通、自营出口、市场采购出口；处罚后${APPEAL_WINDOW_HOURS / 24}天内提交`
        : `不能按情形b申诉：订单 ${formatUsd(order.value)} 不到 ${formatUsd(APPEAL_OBJECTIVE_MIN_ORDER_USD)}（差 ${formatUsdGap(g.gapUsd)}）；只能看是否有其他正当、客观理由（情形c），或买家要求不走信保（情形a）`,
      arithmetic: `${formatUsd(order.value)} ${g.applies ? "≥" : "<"} ${formatUsd(APPEAL_OBJECTIVE_MIN_ORDER_USD)}`,
      rule: `拒用信保可申诉的情形：a 买家要求不操作信保；b 因客观原因不能操作信保（无法使用一达通、自营出口、市场采购出口），且订单在 ${formatUsd(APPEAL_OBJECTIVE_MIN_ORDER_USD)} 以上（${ESTIMATE_NOTE}：「以上」含 ${formatUsd(APPEAL_OBJECTIVE_MIN_ORDER_USD)}）；c 其他正当、客观理由`,
      en: {
        result: g.applies
          ? `Yes, you can appeal on objective grounds (ground b): the order of ${usdEn(order.value)} ≥ ${usdEn(APPEAL_OBJECTIVE_MIN_ORDER_USD)}, provided OneTouch, self-export and market procurement export really could not be used; appeal within ${APPEAL_WINDOW_HOURS / 24} days of the penalty`
          : `No, not on ground b: the order of ${usdEn(order.value)} is under ${usdEn(APPEAL_OBJECTIVE_MIN_ORDER_USD)} (${usdEn(g.gapUsd, "up")} short); only another proper, objective reason (ground c) or the buyer asking not to use Trade Assurance (ground a) remains`,
        arithmetic: `${usdEn(order.value)} ${g.applies ? "≥" : "<"} ${usdEn(APPEAL_OBJECTIVE_MIN_ORDER_USD)}`,
        rule: `A refused-Trade-Assurance penalty may be appealed when: a) the buyer asked not to use it; b) it objectively could not be used (no OneTouch, self-export or market procurement export) and the order is ${usdEn(APPEAL_OBJECTIVE_MIN_ORDER_USD)} or more (${ESTIMATE_NOTE_EN}: 以上 includes ${usdEn(APPEAL_OBJECTIVE_MIN_ORDER_USD)}); c) another proper, objective reason`,
      },
      source: "国际站规则更新解读 · 直播FAQ Q3",
    };
  },
};

/**
 * "第4次是9月1日被罚的，被关了信保90天…现在已经12月15日了，过了关闭期吗": the day a Trade Assurance
 * closure is over, from the day it began, and whether a later day (or today) is past it.
 */
const taClosureEnd: Calculator = {
  needs: ["closureDate"],
  // An order waiting for Trade Assurance to come back does not move the closure.
  setsAside: (n) => n.kind === "amount",
  cue: /^(?=[\s\S]*(?:关闭|关了|被关|关信保|停用|closed|closure|suspend))(?=[\s\S]*(?:信保|信用保障|trade assurance|\bta\b))(?=[\s\S]*(?:恢复|过了|结束|解除|到期|届满|重新|还能|能不能|什么时候|哪天|满|reopen|restor|back|over|end|yet|when|again|which (?:date|day)|resume))/u,
  run(slots, now) {
    const near = (d: DateSlot) => slots.text.slice(Math.max(0, d.index - 12), d.index + d.raw.length + 10);
    // "TA service closed starting September 8": the closure's word a few words before its day.
    const closedFrom = (d: DateSlot) => /(?:closed|suspended|关闭|被关)\s*(?:starting|from|since|on|as of|自|从)?\s*(?:on\s*)?$/u.test(slots.text.slice(Math.max(0, d.index - 24), d.index));
    const closed = slots.dates.find((d) => /罚|关|判|停|closed|suspend|penal/u.test(near(d))) ?? slots.dates.find(closedFrom) ?? (slots.dates.length === 1 ? slots.dates[0] : undefined);
    if (!closed) return needs("告诉我信保服务资格是哪天被关闭的（例如「9月1日被关」），我帮你算90天关闭期到哪天结束。", "Tell me the day Trade Assurance was closed (e.g. \"closed on September 1\") and I'll work out when the 90-day closure is over.");
    const start = closed.instant.setZone(SHANGHAI).startOf("day");
    const reopen = taClosureEnds(closed.instant);
    const last = reopen.minus({ days: 1 });
    // A later day, or today, against it.
    const later = slots.dates.find((d) => d !== closed && d.instant > closed.instant);
    const askedDay = (later?.instant ?? (ASKS_TODAY.test(slots.text) ? now : undefined))?.setZone(SHANGHAI).startOf("day");
    const past = askedDay ? askedDay >= reopen : undefined;
    const daysLeft = askedDay && !past ? Math.round(reopen.diff(askedDay, "days").days) : 0;
    const since = askedDay ? Math.round(askedDay.diff(start, "days").days) : 0;
    const askedZh = askedDay ? `${later ? later.raw : "今天"}（${askedDay.toFormat("yyyy-MM-dd")}）` : "";
    const askedEn = askedDay ? (later ? dayEn(askedDay) : `today (${askedDay.toFormat("yyyy-MM-dd")})`) : "";
    const verdictZh = askedDay ? (past ? `${askedZh}已过关闭期，信保服务资格已恢复；` : `${askedZh}还在关闭期内，还差 ${daysLeft} 天恢复；`) : "";
    const verdictEn = askedDay ? (past ? `Yes, by ${askedEn} the closure is over and Trade Assurance is back; ` : `No, on ${askedEn} the closure is still on, ${daysLeft} more ${daysLeft === 1 ? "day" : "days"} to go; `) : "";
    const sinceZh = askedDay ? `；${askedDay.toFormat("yyyy-MM-dd")} 距关闭日 ${since} 天` : "";
    const sinceEn = askedDay ? `; ${askedDay.toFormat("yyyy-MM-dd")} is ${since} days after the closure began` : "";
    // "当时扣了3分还被关了信保": the points of the same penalty do not move the closure.
    // "penalised for refusing TA, 3 points" names them after the penalty in the same sentence.
    const points = slots.numbers.filter((n) => n.kind === "score" && (/扣|罚|deduct|lost/u.test(n.before.slice(-4)) || PENALTY_POINTS_LEAD.test(sentenceBefore(slots, n))));
    const pointsZh = points.length === 1 ? `（同一处罚扣的 ${points[0]!.value} 分与关闭期无关）` : "";
    const pointsEn = points.length === 1 ? ` (the ${points[0]!.value} points of the same penalty do not change it)` : "";
    return {
      kind: "computed",
      result: `${verdictZh}信用保障服务资格关闭 ${TA_CLOSURE_DAYS} 天：${day(start)} 起至 ${day(last)}，${day(reopen)} 恢复`,
      arithmetic: `${start.toFormat("yyyy-MM-dd")} + ${TA_CLOSURE_DAYS} 天 = ${reopen.toFormat("yyyy-MM-dd")}（关闭期含处罚当天，${ESTIMATE_NOTE}）${sinceZh}${pointsZh}`,
      rule: `拒绝/有条件使用信用保障，从第${CLOSURE_FROM}次（含）起除扣分外关闭信用保障服务资格${TA_CLOSURE_DAYS}天；期间不能享受${TA_CLOSURE_BENEFITS_LOST.map(([zh]) => zh).join("、")}等权益`,
      source: "国际站规则更新解读 · 管控公告",
      en: {
        result: `${verdictEn}Trade Assurance closed for ${TA_CLOSURE_DAYS} days: from ${dayEn(start)} to ${dayEn(last)}, back on ${dayEn(reopen)}`,
        arithmetic: `${start.toFormat("yyyy-MM-dd")} + ${TA_CLOSURE_DAYS} days = ${reopen.toFormat("yyyy-MM-dd")} (the closure counts the day of the penalty, ${ESTIMATE_NOTE_EN})${sinceEn}${pointsEn}`,
        rule: `Refusing Trade Assurance or using it only on conditions: from offence ${CLOSURE_FROM} on, Trade Assurance is also closed for ${TA_CLOSURE_DAYS} days, without ${TA_CLOSURE_BENEFITS_LOST.map(([, en]) => en).join(", ")}`,
      },
    };
  },
};

/** The two cities whose business licences have no production scope (the briefing's reminder), in either language. */
const GZ_SZ_CITY = new RegExp(GUANGZHOU_SHENZHEN_NAMES.join("|"), "u");

/**
 * "我们是广州的工厂，不是金品，能入驻找工厂频道吗": channel entry from what the question says of the
 * merchant (Gold or not, factory or trading company, Guangzhou/Shenzhen), by `checkFactory`. It
 * computes only when those facts decide; otherwise the entry's answer gives the whole rule.
 */
const factoryEntry: Calculator = {
  // The licence, Gold and the city decide; the company's size, staff and age do not, nor its export years.
  setsAside: (n) => (n.kind === "count" || n.kind === "ordinal") && /^(?:年|years?)$/u.test(n.unit),
  needs: ["businessType", "gold", "city"],
  cue: /^(?=[\s\S]*(?:找工[厂场]|find.?factory))(?=[\s\S]*(?:入驻|进|准入|加入|报名|join|enter|eligible|get in))/u,
  run(slots) {
    const found = GZ_SZ_CITY.exec(slots.text)?.[0];
    // The city as the rule names it (Chinese) and in English.
    const city = found && (Object.keys(GUANGZHOU_SHENZHEN).find((zh) => zh === found || GUANGZHOU_SHENZHEN[zh]!.toLowerCase() === found) ?? found);
    const cityEn = city ? (GUANGZHOU_SHENZHEN[city] ?? city) : "";
    const type = slots.businessType;
    const ask = needs("告诉我你是工厂、工贸一体还是贸易公司，是否金品诚企，营业执照在哪个城市，我帮你判断能否入驻找工厂。", "Tell me whether you are a factory, an integrated factory-and-trading company or a trading company, whether you are a Verified Supplier (金品诚企), and the city on your business licence, and I'll work out whether you can join Find Factory.");
    const decides = type === "trading" || slots.gold === true || (slots.gold === false && (city !== undefined || type !== null));
    if (!decides) return ask;
    const check = checkFactory(
      partialMerchant({
        gold: slots.gold === true,
        businessType: type ?? "factory",
        city: city ?? "-",
        factory: { verifiedLicenceWithProduction: true, agreementSigned: true, effectiveInquiries90d: 0, avgReplyHours90d: 0, replyRate90d: 0, dispatchedOrders90d: 0, onTimeDispatchRate90d: 0, taGmv90dUsd: 0 },
      }),
    );
    const e = check.entry;
    const failed = (code: string) => e.conditions.some((c) => c.code === code && c.met === false);
    const typeZh = type === "integrated" ? "工贸一体" : type === "trading" ? "贸易公司" : "工厂";
    const typeEn = type === "integrated" ? "an integrated factory-and-trading company" : type === "trading" ? "a trading company" : "a factory";
    const rule = `找工厂入驻：工厂、工贸一体商家；金品诚企服务中的默认准入；实地认证/出口通工厂商家在 ${FACTORY_AGREEMENT_PATH} 勾选协议即可；广州、深圳的营业执照无生产范围，暂时无法进入（可购买金品直接准入）`;
    const ruleEn = `Find Factory entry: factories and integrated factory-and-trading merchants; Verified Suppliers (金品诚企) are admitted by default; onsite-verified or Gold Supplier factories tick the agreement at My Alibaba (${FACTORY_AGREEMENT_PATH}); Guangzhou and Shenzhen licences have no production scope, so those merchants cannot enter for now (buying Verified Supplier admits them directly)`;
    const source = "全新导购场景-找工厂频道 · 入驻门槛";
    if (failed("business-type-factory-or-integrated")) {
      return { kind: "computed", result: "不能入驻：找工厂只收工厂和工贸一体商家，贸易公司不在其中", arithmetic: `${typeZh} ∉ 工厂、工贸一体`, rule, source, en: { result: "No: Find Factory takes only factories and integrated factory-and-trading merchants, not trading companies", arithmetic: `${typeEn} is neither`, rule: ruleEn } };
    }
    if (e.route === "gold-direct") {
      return { kind: "computed", result: `可以：金品诚企服务中的${typeZh}默认准入找工厂，无需报名`, arithmetic: `金品 + ${typeZh} → 直接准入`, rule, source, en: { result: `Yes: as a Verified Supplier, ${typeEn} is admitted to Find Factory by default, no sign-up needed`, arithmetic: `Verified Supplier + ${typeEn} → admitted directly`, rule: ruleEn } };
    }
    if (failed("not-guangzhou-or-shenzhen")) {
      return { kind: "computed", result: `暂时不能：${city}的营业执照没有生产范围，非金品商家暂时无法进入找工厂；可购买金品诚企直接准入，或等后续产品更新`, arithmetic: `非金品 + ${city} → 暂不能进入`, rule, source, en: { result: `Not for now: licences in ${cityEn} have no production scope, so merchants who are not Verified Suppliers cannot enter yet; buying Verified Supplier admits you directly`, arithmetic: `not a Verified Supplier + ${cityEn} → not for now`, rule: ruleEn } };
    }
    return {
      kind: "computed",
      result: `可以：非金品的${typeZh}，实地认证营业执照为工厂/工贸一体的，在 ${FACTORY_AGREEMENT_PATH} 勾选协议即可入驻（营业执照在广州、深圳的暂时不行）`,
      arithmetic: `非金品 + ${typeZh} → 勾选协议入驻`,
      rule,
      source,
      en: { result: `Yes: as ${typeEn} that is not a Verified Supplier, with an onsite-verified factory licence, tick the agreement at My Alibaba (${FACTORY_AGREEMENT_PATH}) to join (not yet for licences in Guangzhou or Shenzhen)`, arithmetic: `not a Verified Supplier + ${typeEn} → join by ticking the agreement`, rule: ruleEn },
    };
  },
};

const couponExpiry: Calculator = {
  needs: ["couponDate"],
  cue: /^(?=[\s\S]*(?:券|coupon))(?=[\s\S]*(?:有效|用到|到期|过期|能用|使用|用掉|用完|最晚|截止|until|expire|valid|use it|last day|by when|deadline))/u,
  run(slots) {
    const d = slots.dates.find((x) => /券|coupon|收到|received|发放|issued|拿到|got/u.test(slots.text.slice(Math.max(0, x.index - 30), x.index + x.raw.length + 8)));
    if (!d || slots.dates.length > 1) return needs("告诉我买家收到赔偿优惠券的日期（例如「9月3日收到券」），我帮你算券用到哪天。", "Tell me the date the buyer received the compensation coupon (e.g. \"coupon received on September 3\") and I'll work out its last valid day.");
    const until = d.instant.setZone(SHANGHAI).startOf("day").plus({ days: COUPON_VALID_DAYS });
    return {
      kind: "computed",
      result: `券可用到 ${day(until)}（发券后 ${COUPON_VALID_DAYS} 天内使用）`,
      arithmetic: `${d.instant.setZone(SHANGHAI).toFormat("yyyy-MM-dd")} + ${COUPON_VALID_DAYS} 天 = ${until.toFormat("yyyy-MM-dd")}（${ESTIMATE_NOTE}：发券日 + ${COUPON_VALID_DAYS} 个日历日）`,
      rule: `逾期赔偿以无门槛优惠券形式发放，买家需在 ${COUPON_VALID_DAYS} 天内使用`,
      source: "信用保障「保障升级服务」上线 · 常见问题 Q2",
      en: {
        result: `The coupon can be used until ${dayEn(until)} (within ${COUPON_VALID_DAYS} days of issue)`,
        arithmetic: `${d.instant.setZone(SHANGHAI).toFormat("yyyy-MM-dd")} + ${COUPON_VALID_DAYS} days = ${until.toFormat("yyyy-MM-dd")} (${ESTIMATE_NOTE_EN}: issue date + ${COUPON_VALID_DAYS} calendar days)`,
        rule: `Late-dispatch compensation is paid as a no-threshold coupon, to be used within ${COUPON_VALID_DAYS} days`,
      },
    };
  },
};

const festivalInspection: Calculator = {
  needs: ["listPrice"],
  cue: /验货|inspection/u,
  run(slots) {
    const prices = slots.numbers.filter((n) => n.kind === "amount" || (n.kind === "plain" && n.value >= 10));
    const zhe = `${formatNumber(INSPECTION_PRICE_FACTOR * 10, 1)}折`;
    if (prices.length !== 1) return needs(`告诉我验货服务的原价（一个数，例如「原价500元」），我帮你算${zhe}后多少。`, `Tell me the inspection service's list price (one number, e.g. "list price RMB 500") and I'll work out the price at ${formatPercent(INSPECTION_PRICE_FACTOR)} of it.`);
    const p = prices[0]!;
    const paid = Math.round(p.value * INSPECTION_PRICE_FACTOR * 100) / 100;
    const money = (v: number) => (p.currency === "USD" ? formatUsd(v, "nearest") : `${formatNumber(v, 2)} 元`);
    const moneyEn = (v: number) => (p.currency === "USD" ? usdEn(v, "nearest") : `RMB ${formatNumber(v, 2)}`);
    return {
      kind: "computed",
      result: `验货服务${zhe}后 ${money(paid)}（原价 ${money(p.value)}，优惠限量 ${INSPECTION_DISCOUNT_ORDERS} 单）`,
      arithmetic: `${money(p.value)} × ${INSPECTION_PRICE_FACTOR} = ${money(paid)}`,
      rule: `采购节验货服务 ${zhe} 优惠，限量 ${INSPECTION_DISCOUNT_ORDERS} 单（国际站免费注册会员亦可享受）`,
      source: `${FESTIVAL_OFFERS_SOURCE} · 商家侧营销玩法（验货${zhe}）`,
      en: {
        result: `Inspection at ${formatPercent(1 - INSPECTION_PRICE_FACTOR)} off: ${moneyEn(paid)} (list price ${moneyEn(p.value)}; limited to ${INSPECTION_DISCOUNT_ORDERS} orders)`,
        arithmetic: `${moneyEn(p.value)} × ${INSPECTION_PRICE_FACTOR} = ${moneyEn(paid)}`,
        rule: `Festival inspection service at ${formatPercent(1 - INSPECTION_PRICE_FACTOR)} off, limited to ${INSPECTION_DISCOUNT_ORDERS} orders (free members of Alibaba.com too)`,
      },
    };
  },
};

/**
 * "活动期间第一次用生意贷，原来订单提款利率8%，打完折是多少": the festival's finance offers charge
 * {@link FINANCE_RATE_FACTOR} of the usual rate, on the first use during the festival.
 */
const festivalFinanceRate: Calculator = {
  needs: ["usualRate"],
  cue: /^(?=[\s\S]*(?:生意贷|信用证|融资|loan|letter of credit|financing))(?=[\s\S]*(?:利率|利息|息|rate|interest))/u,
  run(slots) {
    const rates = slots.numbers.filter((n) => n.kind === "percent");
    const zhe = `${formatNumber(FINANCE_RATE_FACTOR * 10, 1)}折`;
    if (rates.length !== 1) return needs(`告诉我原来的利率（一个百分比，例如「订单提款利率8%」），我帮你算${zhe}后是多少。`, `Tell me the usual rate (one percentage, e.g. "order drawdown rate 8%") and I'll work out the rate at ${formatPercent(FINANCE_RATE_FACTOR)} of it.`);
    const r = rates[0]!;
    const pct = (v: number) => `${formatNumber(Math.round(v * 1e6) / 1e4, 2)}%`;
    const paid = r.value * FINANCE_RATE_FACTOR;
    const product = /信用证|letter of credit|\blc\b|l\/c/u.test(slots.text) ? "超级信用证" : "生意贷";
    const productEn = product === "超级信用证" ? "Super L/C (超级信用证)" : "business loan (生意贷)";
    return {
      kind: "computed",
      result: `${zhe}后利率 ${pct(paid)}（原 ${pct(r.value)}；活动期间首次使用${product}才享受）`,
      arithmetic: `${pct(r.value)} × ${FINANCE_RATE_FACTOR} = ${pct(paid)}`,
      rule: `采购节金融${zhe}：生意贷活动期间首次使用，订单提款${zhe}利率；超级信用证满足条件的客户首次使用交单后融资/LC备货融资${zhe}利率`,
      source: `${FESTIVAL_OFFERS_SOURCE} · 商家侧营销玩法（金融${zhe}）`,
      en: {
        result: `At ${formatPercent(1 - FINANCE_RATE_FACTOR)} off, the rate is ${pct(paid)} (usually ${pct(r.value)}; only on the first use of the ${productEn} during the festival)`,
        arithmetic: `${pct(r.value)} × ${FINANCE_RATE_FACTOR} = ${pct(paid)}`,
        rule: `Festival finance at ${formatPercent(1 - FINANCE_RATE_FACTOR)} off: the business loan's order drawdown rate on its first use during the festival; Super L/C's post-shipment and L/C stocking financing on first use, for eligible customers`,
      },
    };
  },
};

// ---------------------------------------------------------------- registry

/** Every rule an entry can name under `compute.rule`, with its calculator. */
// ---------------------------------------------------------------- festival lists

const FESTIVAL_LISTS_SOURCE = "9月采购节榜单新玩法 · 榜单介绍";

/** "厨房电器类目发了120个品": the category named just before a product count, without the verbs. */
function categoryBefore(n: NumberSlot): string {
  const name = n.lead
    .replace(/^.*?(?:下|里|中|，|,|和|、|:|：|\s)(?=[^下里中，,和、:：\s]+$)/u, "")
    .replace(/(?:类目|二级类目)?(?:下|里)?(?:发了|发布了|上了|有|发品|发)\s*$/u, "")
    .replace(/(?:类目|二级类目|类)$/u, "")
    .replace(/^(?:现在|目前|我们|我|其中|另外)+/u, "")
    .trim();
  // "A类目", "B类": a category the merchant names by a letter, shown as written; "A类厨房用品": the letter and its name.
  const lettered = /^([a-z])类(?!目)(.+)$/u.exec(name);
  if (lettered) return `${lettered[1]!.toUpperCase()}类（${lettered[2]}）`;
  return /^[a-z]$/u.test(name) ? `${name.toUpperCase()}类目` : name;
}

/** The category's name in a Chinese line: 「厨房电器」, or a letter's name as it is (A类目). */
function categoryZh(n: NumberSlot): string {
  const name = categoryBefore(n);
  return /^[A-Z]类(?:目$|（)/u.test(name) ? name : `「${name}」`;
}

/** The category's name in an English line: "category A", or the Chinese name in parentheses. */
function categoryEn(n: NumberSlot): string {
  const name = categoryBefore(n);
  const letter = /^([A-Z])类目$/u.exec(name);
  return letter ? `category ${letter[1]}` : /\p{Script=Han}/u.test(name) ? `(${name})` : name;
}

/** The company's sites and people counted the way products are ("仓库有3个", "员工有60个"): not categories. */
const NOT_A_CATEGORY = /仓库|工厂|厂房|车间|展厅|生产线|办事处|分公司|员工|工人|业务员|同事|人/u;

/** The second-level category the products posted decide: the counts of two or more named categories, most first. */
function postedCategories(slots: Slots, before = Infinity): NumberSlot[] {
  const counts = slots.numbers.filter((n) => {
    if (n.index >= before || n.kind !== "count" || !/^(?:个|款|件|品)$/u.test(n.unit)) return false;
    const name = categoryBefore(n);
    return name.length >= 2 && !NOT_A_CATEGORY.test(name);
  });
  return [...counts].sort((a, b) => b.value - a.value);
}

/** The categories' counts, most first: "A类目 120 个 > B类目 95 个", "category A 120 > category B 95". */
const countsZh = (ns: readonly NumberSlot[]) => ns.map((n) => `${categoryBefore(n)} ${formatNumber(n.value)} 个`).join(" > ");
const countsEn = (ns: readonly NumberSlot[]) => ns.map((n) => `${categoryEn(n)} ${formatNumber(n.value)}`).join(" > ");

const festivalCategoryLock: Calculator = {
  needs: ["productCounts"],
  cue: /二级类目|二级行业|类目.{0,6}锁定|second.?level|level.?2|l2 category|secondary category/u,
  run(slots) {
    const lock = CATEGORY_LOCK_AT.setZone(SHANGHAI).toFormat("M月d日 HH:mm");
    const lockEn = CATEGORY_LOCK_AT.setZone(SHANGHAI).setLocale("en").toFormat("MMMM d, HH:mm");
    // "8月29日下午4点才把品发多了，还算吗": a change at a moment, before or after the lock.
    // The lock itself restated ("8月29日下午三点锁定吗") is not the merchant's moment.
    // A day without a time is before or after the lock when it is another day than the lock's ("8月30号再加40个品").
    const lockDay = CATEGORY_LOCK_AT.setZone(SHANGHAI).toISODate();
    const d = [...slots.dates]
      .reverse()
      .find((x) => (x.time !== null ? x.instant.toMillis() !== CATEGORY_LOCK_AT.toMillis() : x.instant.setZone(SHANGHAI).toISODate() !== lockDay && !/锁定|lock/u.test(x.before.slice(-6))));
    if (d) {
      const before = d.instant.toMillis() < CATEGORY_LOCK_AT.toMillis();
      const at = d.instant.setZone(SHANGHAI).toFormat(d.time === null ? "M月d日" : "M月d日 HH:mm");
      const atEn = d.instant.setZone(SHANGHAI).setLocale("en").toFormat(d.time === null ? "MMMM d" : "MMMM d, HH:mm");
      // The categories as they stood before the change: the one locked in, when the change comes after the lock.
      const posted = before ? [] : postedCategories(slots, d.index);
      const locked = posted.length >= 2 && posted[0]!.value > posted[1]!.value ? posted : [];
      const lockedIn = locked.length ? `，仍按${categoryZh(locked[0]!)}算（锁定时发品最多：${countsZh(locked)}）` : "";
      const lockedInEn = locked.length ? `; it stays ${categoryEn(locked[0]!)}, the one with the most products at the lock (${countsEn(locked)})` : "";
      // "类目热卖榜算哪个二级类目": asked which, the reply leads with the category.
      const which = locked.length > 0 && /哪(?:个|一个)|which/u.test(slots.text);
      const leadZh = which ? `算${categoryZh(locked[0]!)}：` : "不算：";
      const leadEn = which ? `It is ${categoryEn(locked[0]!)}: ` : "No: ";
      // The change's own figures ("又上了40个新品，B类变成135个") and a day the counts were taken before the lock.
      const later = locked.length ? slots.numbers.filter((n) => n.index > d.index && n.kind === "count" && !isCompanyFact(n)) : [];
      const asOf = slots.dates.find((x) => x !== d && x.instant.toMillis() < CATEGORY_LOCK_AT.toMillis());
      const laterZh = (later.length ? `；${at}的改动（${later.map((n) => n.raw.trim()).join("、")}）在锁定之后，不算` : "") + (asOf ? `；${asOf.instant.toFormat("M月d日")}的发品数在锁定之前` : "");
      const laterEn = (later.length ? `; the change on ${atEn} (${later.map((n) => n.raw.trim()).join(", ")}) comes after the lock and does not count` : "") + (asOf ? `; the counts of ${asOf.instant.setLocale("en").toFormat("MMMM d")} are from before the lock` : "");
      return {
        kind: "computed",
        result: before ? `算：北京时间 ${at} 在锁定时间 ${lock} 之前，这时的发品会计入二级类目的判定` : `${leadZh}北京时间 ${at} 已过锁定时间 ${lock}，二级类目按 ${lock} 时的类目锁定，之后的改动不影响类目热卖榜${lockedIn}`,
        arithmetic: `${at}（北京时间）${before ? "早于" : "晚于"} ${lock}${locked.length ? `；锁定时 ${countsZh(locked)}` : ""}${laterZh}`,
        rule: `类目热卖榜的二级类目按北京时间 ${lock}（下午${CATEGORY_LOCK_AT.setZone(SHANGHAI).hour - 12}点）商家所属的二级类目锁定；二级类目是一级行业下商家发品最多的类目`,
        source: FESTIVAL_LISTS_SOURCE,
        en: {
          result: before
            ? `Yes: ${atEn} Beijing time is before the lock at ${lockEn}, so it still counts towards your second-level category`
            : `${leadEn}${atEn} Beijing time is after the lock at ${lockEn}; the second-level category is fixed as it was then, later changes do not move you on the category list${lockedInEn}`,
          arithmetic: `${atEn} (Beijing time) is ${before ? "before" : "after"} ${lockEn}${locked.length ? `; at the lock ${countsEn(locked)}` : ""}${laterEn}`,
          rule: `The category list uses the second-level category you were in at ${lockEn} Beijing time; it is the category under your top-level industry with the most products posted`,
        },
      };
    }
    // "厨房电器发了120个品，清洁电器发了80个": the category with the most products.
    const sorted = postedCategories(slots);
    if (sorted.length < 2) return needs("告诉我各二级类目的发品数（例如「厨房电器120个，清洁电器80个」），或改动的时间，我帮你判断锁定的二级类目。", "Tell me how many products you have posted in each second-level category (e.g. \"kitchen appliances 120, cleaning appliances 80\"), or when you made the change, and I'll work out your locked second-level category.");
    if (sorted[0]!.value === sorted[1]!.value) return needs("两个类目发品一样多：简报只说按发品最多的类目，打平时以 MA后台-商家星等级 显示的二级类目为准。", "Two categories have the same number of products: the briefing only says the category with the most products; with a tie, check the second-level category shown in My Alibaba - Merchant star level.");
    const top = sorted[0]!;
    const list = countsZh(sorted);
    const listEn = countsEn(sorted);
    return {
      kind: "computed",
      result: `你的二级类目是${categoryZh(top)}（发品最多），按北京时间 ${lock} 锁定`,
      arithmetic: list,
      rule: `二级类目是一级行业下商家发品最多的类目，按北京时间 ${lock} 时的类目锁定`,
      source: FESTIVAL_LISTS_SOURCE,
      en: {
        result: `Your second-level category is ${categoryEn(top)}, the one with the most products, fixed at ${lockEn} Beijing time`,
        arithmetic: listEn,
        rule: `The second-level category is the one under your top-level industry with the most products posted, fixed as it is at ${lockEn} Beijing time`,
      },
    };
  },
};

const festivalExcludedGmv: Calculator = {
  needs: ["receivedUsd", "excludedUsd"],
  cue: /虚假|刷单|违规(?:订单|交易)|fake|violat/u,
  run(slots) {
    const usd = slots.numbers.filter((n) => n.kind === "amount" && n.currency !== "CNY");
    // "实收GMV 12000美金，其中2000是被判虚假交易的": a part of the amount, its unit not repeated.
    const part = usd.length === 1 ? slots.numbers.find((n) => n.kind === "plain" && n.index > usd[0]!.index && /(?:其中|of which|of that|of it)\s*$/u.test(n.lead)) : undefined;
    const amounts = part ? [...usd, { ...part, kind: "amount" as const, currency: usd[0]!.currency }] : usd;
    // The excluded amount is the one whose own clause (up to the next figure or comma) says so.
    const own = (n: NumberSlot) => `${n.lead} ${sentenceAfter(slots, n).split(/[，,；;\d]/u)[0] ?? ""}`;
    const excluded = amounts.find((n) => /虚假|刷单|违规|fake|violat/u.test(own(n)));
    const total = amounts.find((n) => n !== excluded);
    if (amounts.length !== 2 || !excluded || !total || excluded.value > total.value) return needs("告诉我统计期内的实收GMV和其中被认定为虚假交易或违规的金额（美元，例如「实收1万美金，其中2000美金被认定虚假交易」），我帮你算榜单GMV。", "Tell me the GMV received in the period and how much of it was found to be fake or violating (US$, e.g. \"US$10,000 received, US$2,000 of it fake\"), and I'll work out the list GMV.");
    const counted = total.value - excluded.value;
    return {
      kind: "computed",
      result: `榜单GMV按 ${formatUsd(counted)} 算：被认定为虚假交易或违规的 ${formatUsd(excluded.value)} 不计入`,
      arithmetic: `${formatUsd(total.value)} − ${formatUsd(excluded.value)} = ${formatUsd(counted)}`,
      rule: "存在虚假交易或其他国际站认定的违规行为的信用保障交易额，不作为榜单GMV统计",
      source: "9月采购节榜单新玩法 · 注 2",
      en: {
        result: `The list GMV is ${usdEn(counted)}: the ${usdEn(excluded.value)} found fake or violating does not count`,
        arithmetic: `${usdEn(total.value)} − ${usdEn(excluded.value)} = ${usdEn(counted)}`,
        rule: "Trade Assurance value involving fake transactions or other violations Alibaba.com identifies does not count as list GMV",
      },
    };
  },
};

// ---------------------------------------------------------------- 工贸一体

const integratedDefinition: Calculator = {
  // The definition reads stakes, the concert agreement and the legal person, never the staff or age
  // of the two companies ("两家一共150个员工"): those are named as not used.
  needs: ["stake"],
  cue: /工贸一体|integrated|combined (?:manufacturer|factory)/u,
  run(slots) {
    // "持股60%", "共同股东持股40%", "签字股东合计持股55%": the concert stake is the one named with the signing shareholders.
    const percents = slots.numbers.filter((n) => n.kind === "percent");
    const concertSlot = percents.find((n) => /签字|签署|合计|加起来|一共|总共|together|combined|signing/u.test(n.lead));
    // "持股60%", or the shares named after the figure: "A持有B 40%的股份", "49%股份", "a 49% stake".
    const stakeWritten = percents.find((n) => n !== concertSlot && (/持股|股份|占股|控股|股比|stake|shares?|own/u.test(n.lead + n.before) || /^\s*(?:的)?\s*(?:股份|股权|股|shares?\b|stake\b)/u.test(n.after)));
    // "没有互相持股", "with no shareholding between them": a stake of nothing, said in words.
    const noStake = !stakeWritten && /(?:没有|没|无|不)(?:互相|相互|交叉)?(?:持股|股权关系|股份关系|参股)|\bno (?:shareholding|stake|cross.?holding|shares)\b/u.test(slots.text);
    const stakeSlot = stakeWritten ?? (noStake ? saidToBeNothing("percent") : undefined);
    const concertAgreement = /(?:没|没有|未|不)(?:签|签署)?.{0,2}一致行动|no (?:acting.in.concert|concert) agreement/u.test(slots.text) ? false : /一致行动|acting.in.concert|concert agreement/u.test(slots.text) ? true : null;
    const sameLegalPerson = /不是同一(?:个)?法人|不同(?:的)?法人|not the same legal/u.test(slots.text) ? false : /同一(?:个)?法人|同一法定代表人|same legal (?:person|representative)/u.test(slots.text) ? true : null;
    if (!stakeSlot && concertAgreement === null && sameLegalPerson === null) {
      return needs("告诉我两家公司之间的持股比例（例如「互为股东，持股60%」），以及是否签了一致行动书（签字股东合计持股多少）、是否同一法人，我帮你判断能否认定工贸一体。", "Tell me the stake between the two companies (e.g. \"common shareholder holding 60%\"), whether an acting-in-concert agreement is signed (and what the signing shareholders hold together) and whether they share a legal representative, and I'll work out whether they count as integrated.");
    }
    const c = checkIntegrated({ stake: stakeSlot?.value ?? null, concertAgreement, concertStake: concertSlot?.value ?? null, sameLegalPerson });
    const min = formatPercent(INTEGRATED_MIN_STAKE);
    const over = formatPercent(INTEGRATED_CONCERT_MORE_THAN);
    const nowZh = c.now === true ? "现在就算工贸一体" : c.now === false ? "现在还不算工贸一体（现在的逻辑只看第1条）" : "现在的逻辑只看第1条（持股 ≥ 50%），你没说持股比例";
    const sepZh = c.fromSeptember === true ? (c.now === true ? "" : "；预计9月改为三条满足其一后可以认定") : c.fromSeptember === false ? "；预计9月改为三条满足其一后也不满足" : "";
    const nowEn = c.now === true ? "Yes, they count as integrated now" : c.now === false ? "Not now: the current logic reads condition 1 only" : "The current logic looks at condition 1 only (a stake of at least 50%), and you did not give the stake";
    const sepEn = c.fromSeptember === true ? (c.now === true ? "" : "; once any one of the three conditions is enough (expected in September), they will count") : c.fromSeptember === false ? "; even with any one of the three conditions (expected in September), they do not" : "";
    const parts: string[] = [];
    const partsEn: string[] = [];
    if (stakeSlot) {
      parts.push(`持股 ${formatPercent(stakeSlot.value)} ${c.conditions["stake-50"] ? "≥" : "<"} ${min}（第1条${c.conditions["stake-50"] ? "满足" : "不满足"}）`);
      partsEn.push(`stake ${formatPercent(stakeSlot.value)} ${c.conditions["stake-50"] ? "≥" : "<"} ${min} (condition 1 ${c.conditions["stake-50"] ? "met" : "not met"})`);
    }
    // "A持有B 45%…另一个股东持股10%…签字股东合计55%": the signing shareholders' stakes, when they add up to the total.
    const others = percents.filter((n) => n !== stakeSlot && n !== concertSlot);
    const addsUp = concertSlot && stakeSlot && others.length > 0 && Math.abs(stakeSlot.value + others.reduce((a, n) => a + n.value, 0) - concertSlot.value) < 1e-9;
    const sumOf = addsUp ? `（${[stakeSlot, ...others].map((n) => formatPercent(n.value)).join(" + ")}）` : "";
    const sumOfEn = addsUp ? ` (${[stakeSlot, ...others].map((n) => formatPercent(n.value)).join(" + ")})` : "";
    if (concertAgreement !== null) {
      parts.push(concertAgreement ? `签了一致行动书${concertSlot ? `，签字股东合计 ${formatPercent(concertSlot.value)}${sumOf} ${concertSlot.value > INTEGRATED_CONCERT_MORE_THAN ? ">" : "≤"} ${over}` : "（签字股东合计持股未给出）"}（第2条${c.conditions["concert-over-50"] === true ? "满足" : c.conditions["concert-over-50"] === false ? "不满足" : "待定"}）` : "没签一致行动书（第2条不满足）");
      partsEn.push(concertAgreement ? `acting-in-concert agreement signed${concertSlot ? `, signing shareholders ${formatPercent(concertSlot.value)}${sumOfEn} ${concertSlot.value > INTEGRATED_CONCERT_MORE_THAN ? ">" : "≤"} ${over}` : " (the signing shareholders' stake not given)"} (condition 2 ${c.conditions["concert-over-50"] === true ? "met" : c.conditions["concert-over-50"] === false ? "not met" : "open"})` : "no acting-in-concert agreement (condition 2 not met)");
    }
    if (sameLegalPerson !== null) {
      parts.push(sameLegalPerson ? "同一法人（第3条满足）" : "不是同一法人（第3条不满足）");
      partsEn.push(sameLegalPerson ? "same legal representative (condition 3 met)" : "not the same legal representative (condition 3 not met)");
    }
    return {
      kind: "computed",
      result: `${nowZh}${sepZh}`,
      arithmetic: parts.join("；"),
      rule: `工贸一体（a、b两家企业）：1 互为股东或有共同股东，持股 ≥ ${min}；2 持股少于 ${min} 但签一致行动书，签字股东合计 > ${over}；3 同一法人。目前仅第1条，预计9月改为满足任一`,
      source: "金品诚企升级 · 身份差异化 常见问题",
      en: {
        result: `${nowEn}${sepEn}`,
        arithmetic: partsEn.join("; "),
        rule: `Integrated (companies a and b): 1 they hold shares in each other or share a shareholder with a stake of at least ${min}; 2 under ${min}, with an acting-in-concert agreement whose signing shareholders hold more than ${over}; 3 the same legal representative. Only condition 1 applies now; any one is expected to be enough from September`,
      },
    };
  },
};

/** "服装是每周统计还是累计统计": which GMV window type the merchant's industry uses. */
const festivalIndustryType: Calculator = {
  needs: ["industry"],
  cue: /每周统计|累计统计|每周|累计|weekly|cumulative/u,
  run(slots) {
    if (slots.industries.length === 0) return needs("告诉我你的一级行业（例如「服装」「家具」），我帮你查它按每周统计还是累计统计。", "Tell me your top-level industry (e.g. \"apparel\", \"furniture\") and I'll tell you whether it uses weekly or cumulative GMV windows.");
    const rows = slots.industries.map((name) => ({ name, t: festivalWindowTypeOf(name) }));
    const zh = (r: (typeof rows)[number]) => `${r.name}：${r.t.type === "weekly" ? "每周统计" : r.t.type === "cumulative" ? "累计统计" : "不在两张行业表里"}`;
    const nameEn = (name: string) => {
      const en = industryEnglishName(name);
      return en ? `${en.charAt(0).toUpperCase()}${en.slice(1)} (${name})` : `(${name})`;
    };
    const en = (r: (typeof rows)[number]) => `${nameEn(r.name)}: ${r.t.type === "weekly" ? "weekly GMV windows" : r.t.type === "cumulative" ? "cumulative GMV windows" : "in neither industry list"}`;
    return {
      kind: "computed",
      result: rows.map(zh).join("；"),
      arithmetic: rows.map((r) => (r.t.type === "not-listed" ? `${r.name} 不在每周统计和累计统计的行业名单里` : `${r.name} 列在${r.t.type === "weekly" ? "每周统计" : "累计统计"}类型的行业名单里`)).join("；"),
      rule: "9月采购节榜单：每周统计类型的行业按各周的GMV区间统计，累计统计类型的行业从9月1日起累计统计",
      source: "9月采购节榜单新玩法 · 统计类型",
      en: {
        result: rows.map(en).join("; "),
        arithmetic: rows.map((r) => (r.t.type === "not-listed" ? `${nameEn(r.name)} is in neither the weekly nor the cumulative industry list` : `${nameEn(r.name)} is on the ${r.t.type} industry list`)).join("; "),
        rule: "Festival lists: weekly industries count each week's GMV window; cumulative industries count from September 1 on",
      },
    };
  },
};

// ---------------------------------------------------------------- verified supplier card

/** The words that name each offline figure in a question; a "没有…" before it says it is absent. */
const OFFLINE_FIGURE_WORDS: Readonly<Record<(typeof OFFLINE_FIGURE_PRIORITY)[number], RegExp>> = {
  floorAreaM2: /占地面积|厂房面积|工厂面积|面积|floor area|factory area|land area/u,
  certificates: /证书|管理体系|iso|certificat/u,
  qcInspectors: /质检人数|质检员|质检|qc|inspector/u,
  rdStaff: /研发人数|研发人员|研发|r&d/u,
  patents: /专利|patent/u,
  employees: /员工人数|员工|employee|headcount/u,
};

const EN_FIGURE_NAMES: Readonly<Record<(typeof OFFLINE_FIGURE_PRIORITY)[number], string>> = {
  floorAreaM2: "floor area",
  certificates: "certificates",
  qcInspectors: "QC inspectors",
  rdStaff: "R&D staff",
  patents: "patents",
  employees: "employees",
};

/** The priority in the briefing's words: R&D staff and patents tie (=), the rest in order (>). */
const priorityOf = (names: Readonly<Record<(typeof OFFLINE_FIGURE_PRIORITY)[number], string>>) =>
  OFFLINE_FIGURE_PRIORITY.map((f, i) => (i === 0 ? "" : f === "patents" ? " = " : " > ") + names[f]).join("");
const priorityZh = priorityOf(FIGURE_NAMES);
const priorityEn = priorityOf(EN_FIGURE_NAMES);

const CARD_RULE = `认证优商卡片：线下数据最多 ${MAX_OFFLINE_FIGURES} 项，按 ${priorityZh} 的优先级`;
const CARD_RULE_EN = `Verified supplier card: at most ${MAX_OFFLINE_FIGURES} offline figures, by priority ${priorityEn}`;
const CARD_SOURCE = "金品诚企升级 · 身份差异化 商家右侧卡片升级";

/** What the card calculator asks when the question does not list the merchant's figures. */
function askCardFigures(): NeedsFigure {
  return needs("告诉我验真报告里有哪几项线下数据（占地面积、商家证书、质检人数、研发人数、专利数量、员工人数），我帮你算卡片上显示哪3项。", "Tell me which offline figures your verification report has (floor area, certificates, QC inspectors, R&D staff, patents, employees) and I'll work out which 3 the card shows.");
}

/** "认证报告里有占地面积、管理体系证书、质检人数、员工人数，卡片上显示哪几个": the three shown, by priority. */
const cardOfflineFigures: Calculator = {
  readsCompanyFacts: ALL_COMPANY_FACTS,
  needs: ["offlineFigures"],
  cue: /^(?=[\s\S]*(?:线下(?:认证)?数据|卡片|card))(?=[\s\S]*(?:显示|展示|露出|出来|show|display))/u,
  run(slots) {
    // Only figures the merchant says it has ("报告里有…", "we have…"): "哪个优先显示" asks the order itself.
    if (!/(?:报告|验厂|验真|认证)[^，,。？?]{0,8}(?:有|里|中|包括|包含)|(?:我们|我司|我家|公司)(?:有|的)|(?:只有|都有|有)[^，,。？?]{0,4}(?:占地|面积|证书|质检|研发|专利|员工)|we have|we've got|our (?:report|verification)|(?:report|verification) (?:has|shows|includes|lists)/u.test(slots.text)) {
      return askCardFigures();
    }
    const text = slots.text.replace(/研发人数\s*=\s*专利数量/gu, " ");
    const has = OFFLINE_FIGURE_PRIORITY.filter((f) => {
      const m = OFFLINE_FIGURE_WORDS[f].exec(text);
      return m !== null && !/(?:没有|没|无|不含|no |without )\s*$/u.test(text.slice(Math.max(0, m.index - 4), m.index));
    });
    if (has.length < 2) return askCardFigures();
    const card = buildVerifiedCard(
      partialMerchant({
        gold: slots.gold !== false,
        verified: {
          floorAreaM2: has.includes("floorAreaM2") ? 1 : null,
          certificates: has.includes("certificates") ? ["—"] : null,
          qcInspectors: has.includes("qcInspectors") ? 1 : null,
          rdStaff: has.includes("rdStaff") ? 1 : null,
          patents: has.includes("patents") ? 1 : null,
          employees: has.includes("employees") ? 1 : null,
          strengthTags: null,
        },
      }),
    );
    if (!card.offline || card.offline.notShownBecause === "not-gold") {
      return {
        kind: "computed",
        result: "不显示：线下认证数据只在金品诚企（认证优商）商家的卡片上展示，普通商家只展示线上数据",
        arithmetic: "非金品 → 卡片只有线上数据（及时回复时长、准时发货率、GMV）",
        rule: CARD_RULE,
        source: CARD_SOURCE,
        en: {
          result: "Not shown: offline verified figures appear only on Verified Suppliers' (金品诚企) cards; other merchants' cards show online data only",
          arithmetic: "not Gold → online data only (reply time, on-time dispatch rate, GMV)",
          rule: CARD_RULE_EN,
        },
      };
    }
    const shown = card.offline.shown.map((f) => f.figure);
    const left = has.filter((f) => !shown.includes(f));
    const zh = (fs: readonly (typeof OFFLINE_FIGURE_PRIORITY)[number][]) => fs.map((f) => FIGURE_NAMES[f]).join("、");
    const en = (fs: readonly (typeof OFFLINE_FIGURE_PRIORITY)[number][]) => fs.map((f) => EN_FIGURE_NAMES[f]).join(", ");
    return {
      kind: "computed",
      // Offline figures are shown on Gold (认证优商) cards only: said when the question did not say Gold.
      result: `${slots.gold === true ? "" : "金品诚企（认证优商）的"}卡片上显示：${zh(shown)}${left.length > 0 ? `；${zh(left)}不显示（只有 ${MAX_OFFLINE_FIGURES} 个坑，优先级靠后）` : ""}`,
      arithmetic: `你有的 ${has.length} 项按优先级排：${zh(has)} → 取前 ${MAX_OFFLINE_FIGURES} 项`,
      rule: `${CARD_RULE}；线下数据不能隐藏`,
      source: CARD_SOURCE,
      en: {
        result: `${slots.gold === true ? "The card" : "A Verified Supplier's (金品诚企) card"} shows: ${en(shown)}${left.length > 0 ? `; not shown: ${en(left)} (only ${MAX_OFFLINE_FIGURES} slots, lower priority)` : ""}`,
        arithmetic: `your ${has.length} figures by priority: ${en(has)} → the first ${MAX_OFFLINE_FIGURES}`,
        rule: `${CARD_RULE_EN}; offline figures cannot be hidden`,
      },
    };
  },
};

export const CALCULATORS: Readonly<Record<ComputeRule, Calculator>> = {
  "card-offline-figures": cardOfflineFigures,
  "ta-closure-end": taClosureEnd,
  "factory-entry": factoryEntry,
  "festival-finance-rate": festivalFinanceRate,
  "brand-industry-open": brandIndustryOpen,
  "festival-industry-type": festivalIndustryType,
  "integrated-definition": integratedDefinition,
  "festival-category-lock": festivalCategoryLock,
  "festival-excluded-gmv": festivalExcludedGmv,
  "rfq-tier": rfqTier,
  "rfq-factor": rfqFactor,
  "rfq-star-bonus": rfqStarBonus,
  "guarantee-compensation": guaranteeCompensation,
  "guarantee-exit": guaranteeExit,
  "guarantee-rejoin": guaranteeRejoin,
  "guarantee-fast-star": guaranteeFastStar,
  "penalty-refuse-ta": penaltyCalculator("refuse-trade-assurance"),
  "penalty-off-platform": penaltyCalculator("off-platform-communication"),
  "appeal-deadline": appealDeadline,
  "factory-heat": factoryCalculator("heat", "inquiries", /热度(?:这个|那个|的)?[榜帮棒]|询盘.{0,10}(?:榜|上榜)|hot(?:ness)? list|popularity list/u),
  "factory-reply-time": factoryCalculator("response-time", "replyHours", /回复时间(?:这个|那个|的)?[榜帮棒]|reply.?time list|response.?time list/u),
  "factory-on-time": factoryCalculator("on-time-dispatch", "onTimeRate", /(?:及时|准时)发货率?(?:这个|那个|的)?[榜帮棒]|on.?time.{0,20}list/u),
  "factory-strength": factoryCalculator("strength", "taGmvUsd", /实力(?:这个|那个|的)?[榜帮棒]|strength list/u),
  "factory-removal-appeal": factoryRemovalAppeal,
  "factory-lists": factoryLists,
  "fee-waiver-self": feeCalculator("self"),
  "fee-waiver-agency": feeCalculator("agency"),
  "festival-window": festivalWindow,
  "festival-rank": festivalRank,
  "brand-leading": checkingIndustry(brandLeading),
  "brand-registration": brandRegistration,
  "brand-own": checkingIndustry(brandOwn),
  "rfq-total": rfqTotal,
  "keyword-competition": keywordCompetition,
  "guarantee-first-compensation": firstCompensation,
  "festival-phase": festivalPhase,
  "festival-ddp": festivalDdp,
  "festival-shipping": festivalShipping,
  "festival-arrival-guarantee": festivalArrivalGuarantee,
  "festival-logistics": festivalLogistics,
  "zone-entry": zoneEntry,
  "zone-product-score": zoneProductScore,
  "rfq-24h-rate": rfq24hRate,
  "appeal-objective-ground": appealObjectiveGround,
  "guarantee-coupon-expiry": couponExpiry,
  "festival-inspection": festivalInspection,
};
