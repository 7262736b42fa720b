/**
 * Whether a computed result accounts for every figure the merchant wrote (docs/computed-answers.md,
 * "Every figure accounted for"). A calculator reads the figures its rule needs; a question that
 * carries one more ("我75分，回复率50%，还差多少分到80", "服务分60，有效询盘35个能上热度榜吗",
 * "回复率从20%提到50%") asks something the result did not compute, and showing that result as the
 * answer would present a figure the rule did not decide. So a computed result is shown only when
 * each figure of the question appears in its result or arithmetic line; otherwise the pipeline
 * gives the rule and says which figure it could not place.
 */
import { SHANGHAI } from "../../rules/index.js";
import { ordinalEn } from "../commands/format-check.js";
import type { Computed } from "./compute-answer.js";
import type { DateSlot, NumberSlot, Slots } from "./extract-slots.js";

/** A figure of the question, as the reply names it when it cannot place it. */
export interface Unplaced {
  readonly raw: string;
  /** The number slot it was read from (absent for a date). */
  readonly number?: NumberSlot;
}

/** The numbers a text states, thousands separators removed: "18,000 美元" → 18000. */
function numbersIn(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.replace(/(?<=\d),(?=\d{3}(?!\d))/gu, "").matchAll(/\d+(?:\.\d+)?/gu)) out.add(Number(m[0]));
  return out;
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(a));

/**
 * The forms a figure may take in the reply: 50% is 0.5 as a slot and "50%" in text; 1.8万 is
 * 18000, or 1.8 as typed; RMB 900 million is 9亿 and 500k is 50万 in Chinese; 119分钟 is 1.98 小时.
 */
function formsOf(n: NumberSlot): number[] {
  const typed = Number(/\d+(?:\.\d+)?/u.exec(n.raw.replace(/,/gu, ""))?.[0] ?? NaN);
  const forms = [n.value, typed];
  if (n.kind === "percent") forms.push(n.value * 100);
  if (n.kind === "amount") forms.push(n.value / 1e4, n.value / 1e8);
  if (/分钟|min/u.test(n.unit) || /^\s*(?:分钟|min)/u.test(n.after)) forms.push(Math.round((n.value / 60) * 100) / 100);
  return forms.filter((f) => Number.isFinite(f));
}

function numberPlaced(n: NumberSlot, stated: Set<number>): boolean {
  return formsOf(n).some((f) => [...stated].some((s) => same(s, f)));
}

/** How many merchants: "2个|客户", "3位客户", "two clients". */
const MERCHANTS_AFTER = /^\s*(?:个|位|家)?\s*(?:客户|商家|卖家|公司|店铺?)|^\s*(?:clients|merchants|suppliers|companies|sellers)\b/u;
/** "两家工厂": sites, the business's size, not merchants. */
const SITES_AFTER_JIA = /^\s*(?:工厂|工场|分公司|分厂|厂)/u;

/**
 * Figures that need no placing: a one (一次, 一单, 第一天 are as often articles as figures), a
 * calendar year or a month without a day, and a number that is part of a name (3星商机, 五个因子).
 */
export function needsNoPlace(n: NumberSlot): boolean {
  // 一次, 一单, 第一天, 多拿1分, 差一块钱: "one" is an article as often as a figure.
  if (n.value === 1 && n.kind !== "percent") return true;
  // 2021年, 9月份, 8月要冲到90分, founded 1998: a calendar year or a month named without a day says when, not how much.
  if (n.unit === "年" && n.value >= 1990 && n.value <= 2100 && Number.isInteger(n.value)) return true;
  if (n.kind === "plain" && n.value >= 1950 && n.value <= 2100 && Number.isInteger(n.value) && /(?:founded|established|since|set up|started|成立于?|创立于?|始于)\s*(?:in\s*)?$/u.test(n.lead)) return true;
  if (n.kind === "plain" && n.value >= 1 && n.value <= 12 && /^\s*月/u.test(n.after)) return true;
  // level-2 category, L2, tier 1: a number in the name of a level.
  if (n.value <= 3 && /(?:level|tier|grade|\bl)\s*-?\s*$/u.test(n.before)) return true;
  // 两个客户, 两家, 帮三位客户问: how many merchants a support engineer asks about, each then told apart.
  // (The count's unit may have taken the 个 or 家: "2个|客户", "2家|信保…".)
  const afterJia = n.unit === "家" ? n.after : /^\s*家/u.test(n.after) ? n.after.replace(/^\s*家/u, "") : undefined;
  if (n.value <= 3 && (MERCHANTS_AFTER.test(n.after) || (afterJia !== undefined && !SITES_AFTER_JIA.test(afterJia)))) return true;
  // 3星商机, 3-star, 五个因子, 两个减免, 三个条件, 对比两个词, 两个分数各能拿几条: a number that is part of what is named;
  // 两个二级类目: how many categories, which the list of them then says.
  return /^\s*(?:-\s*)?(?:星|stars?\b|个?因子|大因子|个?(?:减免|条件|问题|榜单?|关键词|词|keywords?\b)|个?(?:分数|档位?|情况|方案|场景)|种(?:情况|方案|场景)|(?:scores|scenarios|cases)\b|个?(?:二级)?类目|(?:second.?level |l2 )?categor(?:y|ies)\b)/u.test(n.after);
}

/** A count of people ("5个业务员", "员工一千二百人", "200多个工人", "a team of 6 salespeople", "a 40-person team"), other than R&D or QC staff. */
const PEOPLE_AFTER = /^\s*(?:个|名|位|多个|来个)?\s*(?:新|新来的?)?\s*(?:(?:new|more|extra|other|full-time|part-time)\s+)?(?:人|业务员|业务|员工|工人|同事|销售|外贸员|外贸|跟单|客服|运营|staff|employees?|people|workers?|colleagues?|co-?workers?|teammates?|sales ?(?:people|men|reps?)?)(?![a-z])|^\s*-?\s*(?:person|people|man|member|strong)\s+(?:team|company|factory|firm|business|shop|crew)/u;
const PEOPLE_UNIT = /^(?:人|people|persons?|employees?|staff|workers?)$/u;
/** …or the count after the people's word ("team of 11", "we hired 4", "员工有300"). */
const PEOPLE_LEAD = /(?:team of|staff of|crew of|hired|employ(?:s|ing|ed)?|headcount(?: of| is)?|(?:团队|员工|工人|业务员|人数)(?:有|是|共|一共)?)\s*$/u;
/** Whose count: R&D and QC staff are criteria of the brand and card rules. */
const STAFF_CRITERIA = /研发|质检|品控|qc|qa|r\s*&\s*d|research/u;
/** Years of the business itself ("做国际站第三年", "店铺开了6年", "成立二十年", "金品诚企第三年"). */
const BUSINESS_YEARS_LEAD = /做|开|干|成立|经营|创立|创办|入驻|营业|老店|会员|金品|出口通|公司|店铺|国际站|alibaba|in business|been|selling|founded|established|old/u;
/** …not the years a brand or a trademark is registered, nor export years (criteria of the brand and zone rules). */
const CRITERIA_YEARS = /品牌|商标|出口|brand|trademark|export/u;
/** A count of sites told after their name ("仓库在义乌有两个", "工厂有3个"). */
const SITES_BEFORE = /(?:仓库|厂房|车间|展厅|工厂|分厂|分公司|办事处)[^，,。；;\d]{0,6}(?:有|是|共|一共)\s*$/u;
/** Floor area, samples, sites (factories, showrooms, warehouses, branches): the size of the business, which only the card, 工贸一体 and Find-Factory entry rules read. */
const SIZE_AFTER =
  /^\s*(?:多)?\s*(?:平方米|平米|平方|平(?![台均时常安稳价衡])|㎡|m2(?![0-9])|sqm|square met|个?样品|家?工厂|个?厂房|个?车间|个?展厅|个?仓库|条?[a-z0-9]*(?:生产|流水|产|装配)?线(?![上下])|家?分公司|个?办事处|个?(?:装卸)?(?:码头|月台)|台(?:机器|设备|叉车)|samples?|factories|showrooms?|warehouses?|(?:loading )?docks?\b|machines\b|forklifts?|production lines?|branch(?:es)?|offices)/u;

/** The size of the catalogue ("店铺有380个产品", "80 SKUs", "300 products listed")… */
const CATALOG_AFTER = /^\s*(?:多)?\s*(?:个|款|种)?\s*(?:产品|商品|sku)|^\s*(?:skus?|products?|items?|listings?)(?![a-z])/u;
/** …unless they are the products a rule counts: ready-to-ship ones for the fast-trading star, the ones chosen for a list. */
const COUNTED_PRODUCTS = /rts|ready|现货|7\s*天|七天|小单|快定|发货|ship|dispatch|上榜|主推|选品|报名|成长分/u;
/** A unit price: "unit price 0.3 USD", "单价6.5美金", "$120 each", "4美金一个". */
const UNIT_PRICE_LEAD = /(?:unit price|price per (?:piece|unit|item)|单价|出厂价|每个|每件|每只|每套|一个|一件|一只|一套)\s*(?:is|of|around|about|大概|大约|约|是|在|就|才)?\s*$/u;
const UNIT_PRICE_AFTER = /^\s*(?:each|apiece|a piece|per (?:piece|pc|unit|item|set)|\/\s*(?:pcs?|piece|unit|set|个|件|只|套)|一个|一件|一只|一套)/u;

/** What a company fact is about: its people, its age, its size (floor area, samples, sites), its catalogue, its unit prices. */
export type CompanyFactKind = "people" | "years" | "size" | "catalog" | "price";
export const ALL_COMPANY_FACTS: readonly CompanyFactKind[] = ["people", "years", "size", "catalog", "price"];

/**
 * A figure about the company itself rather than about anything a rule computes from: its staff,
 * its age, its floor area, the samples or factories in its story, the size of its catalogue and
 * its unit prices ("我们5个业务员，做国际站第三年了，店铺有380个产品，单价6.5美金…服务分78分…"), and
 * which kind of fact it is. Only the rules that read a kind (the card, 工贸一体, zone and
 * Find-Factory entry criteria, each naming its kinds) use it; for every other rule the reply
 * names it as not used (docs/computed-answers.md).
 */
export function companyFactKind(n: NumberSlot): CompanyFactKind | undefined {
  const words = `${n.lead} ${n.before}`;
  const countOfPeople = n.kind === "plain" || (n.kind === "count" && /^(?:个|名|位)$/u.test(n.unit));
  if (PEOPLE_AFTER.test(n.after) || PEOPLE_UNIT.test(n.unit) || (countOfPeople && PEOPLE_LEAD.test(n.lead))) return STAFF_CRITERIA.test(words) ? undefined : "people";
  if (/^(?:年|years?)$/u.test(n.unit) && (n.kind === "count" || n.kind === "ordinal")) {
    // The figure's own clause decides: "也不能自营出口。公司做了10年" is the company's age, not export years.
    if (CRITERIA_YEARS.test(`${n.lead} ${clauseBefore(n)} ${(n.after.split(/[，,。；;.]/u)[0] ?? "").slice(0, 12)}`)) return undefined;
    // "做国际站第三年", or told bare among the company's facts: "50 workers, 14 years", "3 years in".
    const business = BUSINESS_YEARS_LEAD.test(n.lead) || n.lead.trim().length <= 2 || /^\s*(?:in\b|old\b|of (?:experience|history)|了|的老|(?:上|在|做|入驻|开)\s*(?:国际站|阿里|alibaba|平台))/u.test(n.after);
    return business ? "years" : undefined;
  }
  if (n.kind === "amount") return UNIT_PRICE_LEAD.test(n.lead) || UNIT_PRICE_AFTER.test(n.after) ? "price" : undefined;
  // "80 SKUs": the word may be read as the count's unit and so be part of the figure as written.
  if (CATALOG_AFTER.test(n.after) || CATALOG_AFTER.test(n.raw.replace(/^[\d.,\s]+/u, ""))) {
    return COUNTED_PRODUCTS.test(`${n.lead} ${(n.after.split(/[，,。；;.]/u)[0] ?? "").slice(0, 16)}`) ? undefined : "catalog";
  }
  // "仓库在义乌有两个": the sites counted after their name.
  return SIZE_AFTER.test(n.after) || (/^(?:个|家|间|座)$/u.test(n.unit) && SITES_BEFORE.test(n.lead)) ? "size" : undefined;
}

/** Trade off the platform, in words both readings below share. */
const OFF_PLATFORM_WORDS = "线下|样品单|没走(?:平台|信保)|offline|trade shows?";
/**
 * Words that put a figure on other business than the one asked about: another order (另一单, 上一单,
 * 其他订单, another order, the average order), an earlier month's or year's figure (上上个月, 前个月, the month
 * before, 去年同期, last year) or trade off the platform (线下, 样品单, 没走平台, offline, trade shows). Read in the
 * figure's own clause (numerals are digits by then: 另一单 reads 另1单).
 */
const OTHER_BUSINESS_BEFORE = new RegExp(
  `另(?:外)?(?:一|1|有)?(?:个|笔|单|张)?(?:客户|买家)?的?(?:单子|订单|单|笔)|(?:上|前)(?:一|1)(?:单|笔|个订单)|其他(?:的)?(?:订单|单子|单)|别的(?:订单|单子|单)|平均(?:一|1|每)单|平均(?:订单|客单)|客单价|${OFF_PLATFORM_WORDS}|上上个?月|再上个?月|前(?:个|两个|2个|几个)月|去年|上一?年|前年|last year|a year ago|(?:the )?previous year|another (?:\\w+ ){0,2}(?:order|client|customer|buyer)|other orders?|previous order|(?:our|the|an?) average order|average order (?:value|size|amount)|the month before|months? before last`,
  "u",
);
/** An nth time that is the buyer ordering ("第二次跟我们下单", "the second time ordering from us"). */
const BUYER_ORDERS_AFTER = /^\s*(?:(?:跟|和|与|找|向|在)(?:我们|我|我司)(?:这里|这儿|家)?)?(?:下单|订货|返单|采购|买|合作)|^\s*(?:ordering|buying|ordered|bought|placing an order)/u;
/** …or the count's own noun says so ("2 offline orders", "3个线下订单", "a $900 sample order"). */
const OTHER_BUSINESS_AFTER = /^\s*(?:个|笔|单)?\s*(?:的)?\s*(?:线下|offline|样品|samples?\b)/u;
/** Trade off the platform: the part of other business no rule on received amounts counts. */
const OFFLINE = new RegExp(`${OFF_PLATFORM_WORDS}|不走(?:平台|信保)|outside (?:alibaba|the platform)`, "u");
/** The goods count of an order ("数量200个", "5000 pcs"): no rule of one order's money reads it. */
const GOODS_COUNT = /(?:数量|件数|quantity|qty)(?:是|为|有|of|is|:)?\s*$/u;
/** …or written as pieces after the figure ("a 300-piece order", "5000 pcs", "500件的货"). */
const GOODS_AFTER = /^\s*-?\s*(?:pieces?\b|pcs\b|件(?!事))/u;
const CLAUSE_END = /[，,。；;！!？?]/u;

/** The words before a figure back to the start of its clause. */
const clauseBefore = (n: NumberSlot): string => n.before.split(CLAUSE_END).pop() ?? "";

/**
 * A figure of other business than the one a one-order rule reads: the other order, the earlier
 * month or the offline deal of a story ("上一单是2,300美元没问题", "前个月是45条", "这个月还接了一个线下
 * 的2,000美元的样品单"), the buyer's nth order ("买家下了第4单") and an order's goods count. The rules
 * that read one order or one month (the late order's compensation, the free quotes from last
 * month's count) set these aside before they run, and the reply names them as not used
 * (docs/computed-answers.md).
 */
export function isOtherBusiness(n: NumberSlot): boolean {
  // "买家下了第4单", "客户是第二次跟我们下单": the buyer's nth order.
  if (n.kind === "ordinal") return /^(?:单|笔|orders?)$/u.test(n.unit) || (/^(?:次|times?)$/u.test(n.unit) && BUYER_ORDERS_AFTER.test(n.after));
  if (n.kind !== "amount" && n.kind !== "count" && n.kind !== "plain") return false;
  return OTHER_BUSINESS_BEFORE.test(clauseBefore(n)) || OTHER_BUSINESS_BEFORE.test(n.lead) || OTHER_BUSINESS_AFTER.test(n.after) || GOODS_COUNT.test(n.lead) || GOODS_AFTER.test(n.after);
}

/**
 * A deal off the platform ("这个月还接了一个线下的2,000美元的样品单，没走平台", "2 offline orders from trade
 * shows"): the fee waivers count what Trade Assurance and e-collection received, never these.
 */
export function isOfflineDeal(n: NumberSlot): boolean {
  if (n.kind !== "amount" && n.kind !== "count") return false;
  const clauseAfter = (n.after.split(CLAUSE_END)[0] ?? "").slice(0, 12);
  return OFFLINE.test(clauseBefore(n)) || OFFLINE.test(n.lead) || OTHER_BUSINESS_AFTER.test(n.after) || OFFLINE.test(clauseAfter);
}

/** Whether a figure is a company fact of any kind (see {@link companyFactKind}). */
export function isCompanyFact(n: NumberSlot): boolean {
  return companyFactKind(n) !== undefined;
}

/** A figure the reply names as not used: with its noun when one follows ("5个" → "5个业务员", "380个" → "380个产品"). */
export function companyFactName(n: NumberSlot): string {
  const noun = PEOPLE_AFTER.exec(n.after) ?? SIZE_AFTER.exec(n.after) ?? CATALOG_AFTER.exec(n.after);
  // The text is read lower-cased: "us$1500" is shown as the merchant would write it; an English
  // ordinal read as 第3 ("a third order") is shown in English again ("3rd order").
  const raw = n.raw
    .trim()
    .replace(/^us\$/u, "US$")
    .replace(/^第(\d+)\s+(?=[a-z])/u, (_, d: string) => `${ordinalEn(Number(d))} `);
  if (!noun || raw.includes(noun[0].trim())) return raw;
  const word = noun[0].trim();
  // "3 factories", "80个工人": an English noun keeps its space, a Chinese one its measure word.
  return /^[a-z]/iu.test(word) ? `${raw} ${word}` : `${raw}${word.replace(/^个(?=.)/u, raw.endsWith("个") ? "" : "个")}`;
}

function datePlaced(d: DateSlot, text: string): boolean {
  // "Aug 17 at 23:30 US Pacific" is placed when the reply repeats it or gives its Beijing date.
  if (text.includes(d.raw.trim()) || text.includes(d.instant.setZone(SHANGHAI).toISODate() ?? d.date)) return true;
  const [, m, day] = d.date.split("-").map(Number) as [number, number, number];
  return text.includes(d.date) || new RegExp(`(?<!\\d)0?${m}\\s*月\\s*0?${day}\\s*[日号]`, "u").test(text) || new RegExp(`(?<!\\d)0?${m}[./-]0?${day}(?!\\d)`, "u").test(text);
}

/**
 * The figures of `slots` that `c` does not state, in the order written: empty when the result
 * accounts for them all. A period ("近90天") is part of a rule's words, not a figure, and is not asked for.
 */
export function unplacedFigures(slots: Slots, c: Computed, ignore: (n: NumberSlot) => boolean = () => false): Unplaced[] {
  const text = `${c.result}\n${c.arithmetic}`;
  // A figure the rule line states is the merchant restating the rule ("按10%赔吗", "加20分吗", "扣了3分",
  // "8月9号新规生效以后": the rule's own start date).
  const withRule = `${text}\n${c.rule}`;
  const stated = numbersIn(withRule);
  const figures: { index: number; raw: string; placed: boolean; number?: NumberSlot }[] = [
    ...slots.numbers.filter((n) => !n.period && !needsNoPlace(n) && !ignore(n)).map((n) => ({ index: n.index, raw: n.raw, placed: numberPlaced(n, stated), number: n })),
    ...slots.dates.map((d) => ({ index: d.index, raw: d.raw, placed: datePlaced(d, withRule) })),
  ];
  return figures
    .filter((f) => !f.placed)
    .sort((a, b) => a.index - b.index)
    .map((f) => (f.number ? { raw: f.raw.trim(), number: f.number } : { raw: f.raw.trim() }));
}
