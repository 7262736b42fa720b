/**
 * Slots: the figures a merchant puts in a question ("服务分75", "1.8万美金", "8月23日下午4点",
 * "服装行业", "我是金品"), read out of the text so that a rule can be run on them. One extractor
 * for every rule: it reports what is written, with the words around each number, and never
 * fills in a value that is not in the text. How the slots feed the rules:
 * docs/computed-answers.md.
 */
import { DateTime } from "luxon";
import { Converter } from "opencc-js/t2cn";
import { CUMULATIVE_INDUSTRIES, SHANGHAI, US_PACIFIC, WEEKLY_INDUSTRIES, type IsoDate } from "../../rules/index.js";
import type { BusinessType } from "../../rules/merchant.js";
import { syllableOf } from "../../knowledge/pinyin-syllables.js";

// opencc-js ships .d.ts files the NodeNext resolver cannot follow; its one call is typed here.
type MakeConverter = (options: { from: "tw"; to: "cn" }) => (text: string) => string;
const toSimplified = (Converter as unknown as MakeConverter)({ from: "tw", to: "cn" });

/** What a number is, by the unit written with it. */
export type NumberKind = "amount" | "percent" | "count" | "score" | "ordinal" | "plain";

/** One number in the question, with its unit and the words on either side. */
export interface NumberSlot {
  readonly value: number;
  readonly kind: NumberKind;
  /** The unit as written after multipliers (条, 个, 次, 天, 单, 小时, 年, 人, 周, 分 …), or "". */
  readonly unit: string;
  /** For amounts: the currency written (or implied by 元/块/人民币), null when none. */
  readonly currency: "USD" | "CNY" | null;
  /** The text the number was read from. */
  readonly raw: string;
  /** Up to 12 characters before and 20 after, for the caller to tell 上月报价 from 服务分. */
  readonly before: string;
  readonly after: string;
  /**
   * The words that lead up to the number within its clause: back to the previous figure or to a
   * comma or full stop, at most 30 characters ("last month i sent " for 20 in "last month I sent
   * 20 quotes"). A period ("近90天", "last 90 days") is part of the words, not a figure in between.
   */
  readonly lead: string;
  /** A period the figures are counted over ("近90天", "last 30 days", "90天内"), not a figure itself. */
  readonly period: boolean;
  /** Position in the normalised text. */
  readonly index: number;
}

/** A date (and maybe a time) in the question. */
export interface DateSlot {
  readonly date: IsoDate;
  /** `HH:mm` when a time of day was written. */
  readonly time: string | null;
  /** The zone named next to it, else Asia/Shanghai. */
  readonly zone: string;
  /** True when the zone was written ("美西时间"), false when taken as Beijing time. */
  readonly zoneNamed: boolean;
  /** The instant: the date at the time (00:00 without one) in the zone. */
  readonly instant: DateTime;
  readonly raw: string;
  readonly before: string;
  readonly index: number;
  /**
   * The index of the date this one is offered instead of ("at 2:45pm, maybe later at 3:05pm",
   * "And at 8:10am?"): the same event at another moment, not a second event.
   */
  readonly insteadOf?: number;
}

/** Everything the extractor found. Absent means not written, never a default. */
export interface Slots {
  /** The text the slots were read from (NFKC, simplified, lower case). */
  readonly text: string;
  readonly numbers: readonly NumberSlot[];
  readonly dates: readonly DateSlot[];
  /** Festival industry names (the lists in rules/), in the order written. */
  readonly industries: readonly string[];
  /** 金品/Gold: true, 非金品/not Gold: false, null when not said. */
  readonly gold: boolean | null;
  readonly businessType: BusinessType | null;
}

const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * `三千五百` → 3500, `十二` → 12, `二十` → 20; a lone digit right after 千 or 百 counts the next
 * place down, as it is said (`六千五` → 6500, `三百五` → 350), unless a 零 stands between
 * (`一千零五` → 1005); null when it is not a Chinese numeral.
 */
export function parseChineseNumeral(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百千]+$/u.test(s)) return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = 0;
  let zero = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch]!;
      if (digit === 0) zero = true;
    } else {
      const unit = CN_UNITS[ch]!;
      total += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
      zero = false;
    }
  }
  if (digit !== null && lastUnit >= 100 && !zero) return total + (digit * lastUnit) / 10;
  return total + (digit ?? 0);
}

/** Folds 百分之五十, 第三周, 四十个 and the like to Arabic digits so one pass reads them all. */
function arabise(text: string): string {
  return text
    // 一个买家回复都没有, 一条都没报: none at all.
    .replace(/(?:一|1)\s*(个|条|单|次)([^，,。.!！?？\d]{0,8}?)都(?:没有?|无)/gu, "0$1$2都没有")
    // 1万9千2百, 3万7千, 2千5百: digits written with Chinese places, read whole (19200, 37000, 2500).
    .replace(/(?<![\d.])(\d{1,4})万(\d)千(?:(\d)百)?|(?<![\d.万])(\d)千(\d)百/gu, (m, w?: string, q?: string, b?: string, q2?: string, b2?: string) =>
      String(w !== undefined ? Number(w) * 10000 + Number(q) * 1000 + Number(b ?? 0) * 100 : Number(q2) * 1000 + Number(b2) * 100),
    )
    // 一千二, 三百五, 两万三: a digit right after the place says the next place down (1200, 350,
    // 23000), as merchants say it; 一百二十 and 三千五百 are left to the readings below.
    .replace(/(?<![0-9零〇一二两三四五六七八九十百千万])([一二两三四五六七八九])([万千百])([一二两三四五六七八九])(?![零〇一二两三四五六七八九十百千万亿])/gu, (m, hi: string, place: string, lo: string, offset: number, whole: string) => {
      const unit = place === "万" ? 10000 : place === "千" ? 1000 : 100;
      const gap = /[a-z]/u.test(whole[offset - 1] ?? "") ? " " : "";
      return `${gap}${(parseChineseNumeral(hi) ?? 0) * unit + ((parseChineseNumeral(lo) ?? 0) * unit) / 10}`;
    })
    // 三万八千美金, 一万二美金: a numeral with 万 and a smaller part after it, read whole.
    .replace(/(?<![0-9零〇一二两三四五六七八九十百千])([零〇一二两三四五六七八九十百千]+)万([零〇一二两三四五六七八九][千百]?[零〇一二两三四五六七八九十百千]*)(?=[条个次天单美元块刀usd$\s，,。])/gu, (m, hi: string, lo: string, offset: number, whole: string) => {
      const h = parseChineseNumeral(hi);
      // 一万二 (a lone digit after 万) is 12 000: the digit counts thousands.
      const l = /^[零〇一二两三四五六七八九]$/u.test(lo) ? (parseChineseNumeral(lo) ?? 0) * 1000 : parseChineseNumeral(lo);
      const gap = /[a-z]/u.test(whole[offset - 1] ?? "") ? " " : "";
      return h === null || l === null ? m : `${gap}${h * 10000 + l}`;
    })
    .replace(/百分之([零〇一二两三四五六七八九十百]+)/gu, (m, n: string) => {
      const v = parseChineseNumeral(n);
      return v === null ? m : `${v}%`;
    })
    // (A 万 or 千 with more numeral after it, 三千五百, is part of the numeral, not its unit.)
    .replace(/([零〇一二两三四五六七八九十百千]+)(?=[条个次天单周名家人年分号日月点块元美%]|[万千亿](?![零〇一二两三四五六七八九十百千]))/gu, (m, n: string, offset: number, whole: string) => {
      // 一达通, 十一月 stay as they are; a numeral directly after a digit is not a count, and
      // one after a word ("gmv四万美金") is set apart from it.
      const prev = whole[offset - 1] ?? "";
      if (/[0-9]/u.test(prev)) return m;
      const gap = /[a-z]/u.test(prev) ? " " : "";
      if (n === "一" && /^一(?:达|下|些|般|起|直|定|样|共|律|点|部|个月|个(?:数|值|额度|标准|门槛|程度))/u.test(whole.slice(offset))) return m;
      // 下一单, 这一次, 每一笔: which one, not how many.
      if (n === "一" && /[下这上每同哪某那]/u.test(prev)) return m;
      // 这两天, 前两天, 过两天, 这两年: "lately", "in a day or two", not a count.
      if (n === "两" && /[这前过]/u.test(prev) && /^两[天年]/u.test(whole.slice(offset))) return m;
      const v = parseChineseNumeral(n);
      return v === null ? m : `${gap}${v}`;
    })
    // 服务分八十五, 报了一百二十: a numeral of two or more characters with a place (十 百 千) is a
    // number even without a unit; a lone 三 or 十 is left alone (三星商机, 十分感谢).
    .replace(/(?<![零〇一二两三四五六七八九十百千0-9a-z])([零〇一二两三四五六七八九]?[十百千][零〇一二两三四五六七八九十百千]*)(?![零〇一二两三四五六七八九十百千万亿])/gu, (m, n: string) => {
      if (n.length < 2) return m;
      const v = parseChineseNumeral(n);
      return v === null ? m : String(v);
    });
}

const ENGLISH_ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};

const ENGLISH_CARDINALS: Readonly<Record<string, number>> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const ENGLISH_CARDINAL_BEFORE_UNIT = new RegExp(
  `\\b(${Object.keys(ENGLISH_CARDINALS).join("|")})(?=\\s+(?:times?|offen[cs]es?|violations?|orders?|days?|years?|quotes?|inquiries|people|staff|engineers|products?|items?)\\b)`,
  "gu",
);

/**
 * `3rd`, `third` → `第3` (dates such as `Sept 3rd` keep their form: a month name comes first);
 * `five times`, `three orders` → `5 times`: a number word counts only before a unit ("one" is left
 * alone: it is an article as often as a figure).
 */
function englishOrdinals(text: string): string {
  return text
    .replace(ENGLISH_CARDINAL_BEFORE_UNIT, (w) => String(ENGLISH_CARDINALS[w]))
    // "second-level category", "first-time user", "second half": a word of a name, not an ordinal.
    .replace(/\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b(?![\s-]*(?:level|tier|time (?:user|buyer|seller|merchant)s?|hand|half|quarter)\b)/gu, (w) => `第${ENGLISH_ORDINALS[w]} `)
    .replace(/(?<!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*)\b(\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gu, "第$1 ");
}

/**
 * Pinyin-keyboard homophones of the words the calculators read (服务份, 信宝, 申述 …), folded to
 * the word, so that a typo does not hide a figure's name.
 */
const HOMOPHONES: readonly [RegExp, string][] = [
  [/信宝|信报(?=订单|单|gmv|交易)/gu, "信保"],
  [/申述|伸诉/gu, "申诉"],
  [/询单(?=\d|数|量|个)/gu, "询盘"],
];

/**
 * The words of three characters or more that name a figure's role, as the calculators read them
 * (bot/pipeline/compute-answer.ts). A pinyin keyboard's homophone typo of one of them (服务份,
 * 回附率, 及时发获率: the same syllables, other characters) is folded back to the word by
 * {@link foldHomophones}; two-character words are too often other words to fold by sound alone
 * and are listed in {@link HOMOPHONES} with their known typos.
 */
const SLOT_WORDS = [
  "服务分", "回复率", "响应率", "回复时间", "交易额", "信用保障", "报价畅行", "赠送报价", "成长分",
  "到货保障", "发货保障", "一达通", "自营出口", "代理出口", "服务费", "工贸一体", "一致行动",
  "及时发货率", "发货率", "快速交易星", "优惠券", "登录天数", "有效询盘", "营销力", "保障升级",
] as const;

/** Each slot word's syllables, indexed by its first syllable. */
const SLOT_WORDS_BY_SOUND: ReadonlyMap<string, ReadonlyArray<{ word: string; sound: string[] }>> = (() => {
  const byFirst = new Map<string, { word: string; sound: string[] }[]>();
  for (const word of SLOT_WORDS) {
    const sound = Array.from(word, syllableOf);
    byFirst.set(sound[0]!, [...(byFirst.get(sound[0]!) ?? []), { word, sound }]);
  }
  return byFirst;
})();

/**
 * Rewrites each run of characters that sounds like a slot word (every syllable the same, at
 * most one character in three different) to the word itself.
 */
export function foldHomophones(text: string): string {
  const chars = Array.from(text);
  const sounds = chars.map((c) => (/[\u4e00-\u9fff]/u.test(c) ? syllableOf(c) : ""));
  let out = "";
  for (let i = 0; i < chars.length; ) {
    let folded: string | undefined;
    for (const { word, sound } of SLOT_WORDS_BY_SOUND.get(sounds[i]!) ?? []) {
      if (i + sound.length > chars.length) continue;
      let differ = 0;
      let same = true;
      for (let j = 0; j < sound.length && same; j++) {
        same = sounds[i + j] === sound[j];
        if (chars[i + j] !== word[j]) differ++;
      }
      if (same && differ > 0 && differ <= Math.floor(sound.length / 3)) {
        folded = word;
        break;
      }
    }
    if (folded) {
      out += folded;
      i += folded.length;
    } else out += chars[i++];
  }
  return out;
}

/** NFKC, traditional → simplified, lower case, homophone typos, thousands separators removed, Chinese numerals folded. */
export function normaliseForSlots(text: string): string {
  const base = HOMOPHONES.reduce((t, [re, word]) => t.replace(re, word), foldHomophones(toSimplified(text.normalize("NFKC")).toLowerCase()));
  return arabise(englishOrdinals(base.replace(/(\d),(?=\d{3}(?!\d))/gu, "$1")));
}

const ZONE_PACIFIC = /美西|太平洋|pst|pdt|pacific|洛杉矶|美国西部|us west/u;
const ZONE_BEIJING = /北京时间|中国时间|beijing|china time|cst/u;

const MONTHS_EN: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function timeOf(partOfDay: string | undefined, hour: number, minute: number): { h: number; m: number } | null {
  let h = hour;
  const pm = partOfDay !== undefined && /下午|晚上|晚|傍晚|pm|p\.m\./u.test(partOfDay);
  const noon = partOfDay !== undefined && /中午/u.test(partOfDay);
  const am = partOfDay !== undefined && /凌晨|早上|上午|早|am|a\.m\./u.test(partOfDay);
  if (pm && h < 12) h += 12;
  if (noon && h < 11) h += 12;
  if (am && h === 12) h = 0;
  if (h > 23 || minute > 59) return null;
  return { h, m: minute };
}

/** A time of day right after a date: `下午4点`, `16:00`, `晚上11点半`, `4pm`, `23点30分`. */
const TIME_RE =
  /^\s*[)）,，]?\s*(?:的|at)?\s*(凌晨|早上|上午|中午|下午|傍晚|晚上|晚)?\s*(\d{1,2})(?:\s*[:：]\s*(\d{2})|\s*(?:点|时)\s*(?:(半)|(\d{1,2})\s*分?)?)\s*(am|pm|a\.m\.|p\.m\.)?/u;
const TIME_EN_RE = /^\s*(?:at\s*)?(\d{1,2})(?:[:：](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)/u;
const TIME_EN_BEFORE_RE = /(?<![\d.])(\d{1,2})(?:[:：](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?:\s*(?:beijing|china|us pacific|pacific|pdt|pst|cst)(?:\s*time)?)?\s*(?:on\s*)?$/u;

interface RawDate {
  readonly y: number | null;
  readonly mo: number;
  readonly d: number;
  readonly index: number;
  readonly length: number;
  /** The date written earlier whose day this one repeats ("the same day", "and at 8:10am?"): its zone holds unless another is named. */
  readonly leansOn?: RawDate;
  /** Offered instead of the moment it leans on ("and at 8:10am?"), not another event of that day. */
  readonly instead?: boolean;
}

/** A time of day written alone: `8:10am`, `下午3点`, `23:30`, `11点半`. */
const BARE_TIME = "(?:(?:凌晨|早上|上午|中午|下午|傍晚|晚上|晚)\\s*\\d{1,2}\\s*(?:[:：]\\s*\\d{2}|(?:点|时)(?:半|\\d{1,2}分?)?)|\\d{1,2}\\s*[:：]\\s*\\d{2}|\\d{1,2}(?:[:：]\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)|\\d{1,2}\\s*点(?:半|\\d{1,2}分?)?)";
/**
 * "7:45am Pacific on Aug 25. Still in time? And at 8:10am?", "晚上10点报名来得及吗，要是11点呢": a time
 * offered instead of another, with no day of its own, is another moment of the day before it.
 */
const OTHER_MOMENT = new RegExp(
  `(?:\\b(?:and|or|what about|how about|what if|if|later|earlier|maybe)\\s+(?:it'?s\\s+|at\\s+)?|还是|或者|如果是?|要是|换成|改成|改到|推到)\\s*(?=${BARE_TIME})|(?<=[，,。？?！!；;\\s])(?=${BARE_TIME}\\s*(?:的话)?\\s*呢)`,
  "gu",
);

/** An English month as written: its name or its abbreviation, a whole word ("5 marketing" is no 5 March). */
const MONTH_WORD = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])";

function findRawDates(text: string): RawDate[] {
  const found: RawDate[] = [];
  const push = (y: number | null, mo: number, d: number, index: number, length: number, leansOn?: RawDate, instead = false) => {
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && !found.some((f) => index < f.index + Math.max(f.length, 1) && f.index < index + Math.max(length, 1))) {
      found.push({ y, mo, d, index, length, ...(leansOn ? { leansOn } : {}), ...(instead ? { instead } : {}) });
    }
  };
  for (const m of text.matchAll(/(?:(20\d{2})\s*[年\-/.]\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/gu)) {
    push(m[1] ? Number(m[1]) : null, Number(m[2]), Number(m[3]), m.index, m[0].length);
  }
  for (const m of text.matchAll(/(20\d{2})[-/.](\d{1,2})[-/.](\d{1,2})/gu)) push(Number(m[1]), Number(m[2]), Number(m[3]), m.index, m[0].length);
  // 8.18, 8/18: a month and day with nothing after that makes it a number (万, %, 美元, billion …).
  for (const m of text.matchAll(/(?<![\d.$])(?<!(?:乘以?|×|\*|除以?|÷|times)\s*)(\d{1,2})[./](\d{1,2})(?![\d.%万千亿kw倍]|\s*(?:美|元|刀|usd|块|小时|个|条|分|天|billion|million|bn\b|mn\b|thousand|hours?\b|days?\b|years?\b|points?\b|quotes?\b|percent))/gu)) {
    push(null, Number(m[1]), Number(m[2]), m.index, m[0].length);
  }
  for (const m of text.matchAll(new RegExp(`\\b(${MONTH_WORD})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s*(20\\d{2}))?`, "gu"))) {
    push(m[3] ? Number(m[3]) : null, MONTHS_EN[m[1]!.slice(0, 3)]!, Number(m[2]), m.index, m[0].length);
  }
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_WORD})\\.?(?:,?\\s*(20\\d{2}))?`, "gu"))) {
    push(m[3] ? Number(m[3]) : null, MONTHS_EN[m[2]!.slice(0, 3)]!, Number(m[1]), m.index, m[0].length);
  }
  /** The date found nearest before a position: the month and day a partial date leans on. */
  const dateBefore = (index: number) => found.filter((f) => f.index < index).sort((a, b) => b.index - a.index)[0];
  // "8月19日上午9点50被处罚，现在26号9点55了": the day it is now, without its month, is in the month
  // of the date before it. A bare "3号" elsewhere is the RFQ grant's day of any month, not a date.
  for (const m of text.matchAll(/(?<=(?:现在|今天|今日|已经|到了)(?:是|已经|都)?\s*)(\d{1,2})\s*[号日]/gu)) {
    const earlier = dateBefore(m.index);
    if (earlier) push(earlier.y, Number(m[1]) >= earlier.d ? earlier.mo : earlier.mo + 1, Number(m[1]), m.index, m[0].length);
  }
  // "9月5日下午2点半到6000美金，同一天下午4点又到1000美金": the same day again, its time read after it.
  for (const m of text.matchAll(/同一天|同一日|同日|当天|当日|the same day|same day/gu)) {
    const earlier = dateBefore(m.index);
    if (earlier) push(earlier.y, earlier.mo, earlier.d, m.index, m[0].length, earlier);
  }
  // The other moment is found where its time starts, with no length: its time is read after it.
  for (const m of text.matchAll(OTHER_MOMENT)) {
    const at = m.index + m[0].length;
    const earlier = dateBefore(at);
    if (earlier) push(earlier.y, earlier.mo, earlier.d, at, 0, earlier.leansOn ?? earlier, true);
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The zone named last before `index` in its sentence, if any. */
function zoneNamedBefore(text: string, index: number): "pacific" | "beijing" | undefined {
  const head = text.slice(0, index);
  const sentence = head.slice(Math.max(...[...head.matchAll(/[。!！?？;；\n]|\.(?!\d)/gu)].map((m) => m.index + 1), 0));
  const last = (re: RegExp) => Math.max(-1, ...[...sentence.matchAll(new RegExp(re.source, "gu"))].map((m) => m.index));
  const [p, b] = [last(ZONE_PACIFIC), last(ZONE_BEIJING)];
  return p < 0 && b < 0 ? undefined : p > b ? "pacific" : "beijing";
}

function extractDates(text: string, asked: DateTime): { dates: DateSlot[]; spans: [number, number][] } {
  const dates: DateSlot[] = [];
  const spans: [number, number][] = [];
  // A date without a year takes the year another date of the question names ("paid on Sept 20 …
  // claimed on Oct 1, 2021"), else that of the day the question is asked.
  const raws = findRawDates(text);
  const named = raws.find((r) => r.y !== null)?.y;
  const year = named ?? asked.setZone(SHANGHAI).year;
  for (const r of raws) {
    let end = r.index + r.length;
    const rest = text.slice(end);
    let time: { h: number; m: number } | null = null;
    const t = TIME_RE.exec(rest);
    if (t) {
      time = timeOf(t[1] ?? t[6], Number(t[2]), t[3] ? Number(t[3]) : t[4] ? 30 : t[5] ? Number(t[5]) : 0);
      // "晚上10点…要是11点呢": another moment without its part of the day keeps the afternoon of the first.
      const first = r.length === 0 && !t[1] && !t[6] ? dates.find((x) => x.index === r.leansOn?.index)?.time : undefined;
      if (time && first && Number(first.slice(0, 2)) >= 12 && time.h < 12) time = { h: time.h + 12, m: time.m };
      if (time) end += t[0].length;
    } else {
      const e = TIME_EN_RE.exec(rest);
      if (e) {
        time = timeOf(e[3], Number(e[1]), e[2] ? Number(e[2]) : 0);
        if (time) end += e[0].length;
      } else {
        // "at 11am Beijing time on Oct 1": an English time may come before its date.
        const windowStart = Math.max(0, r.index - 32);
        const b = TIME_EN_BEFORE_RE.exec(text.slice(windowStart, r.index));
        if (b) {
          time = timeOf(b[3], Number(b[1]), b[2] ? Number(b[2]) : 0);
          // The time is part of the date: its hour is no figure of its own.
          if (time) spans.push([windowStart + b.index, r.index]);
        }
      }
    }
    // Another moment of a day is its time: without one read, it is nothing.
    if (r.length === 0 && !time) continue;
    // "9月13-19日", "Sept 13–19": the end of a range of days is part of the date, no figure of its own.
    const rangeEnd = /^\s*(?:[-–—~～]|到|至)\s*(\d{1,2})(?=\s*(?:[日号)）,，。;；?？!！]|$))/u.exec(text.slice(end));
    if (rangeEnd && Number(rangeEnd[1]) > r.d && Number(rangeEnd[1]) <= 31) spans.push([end, end + rangeEnd[0].length]);
    const around = text.slice(Math.max(0, r.index - 8), end + 10);
    // A zone named for a list ("美西时间9月3日到账5000美元，9月6日8000…", "GMV (US Pacific dates):
    // Sept 4 …, Sept 12 …") holds for the dates after it in the sentence that name none of their own.
    const [ownPacific, ownBeijing] = [ZONE_PACIFIC.test(around), ZONE_BEIJING.test(around)];
    const listZone = ownPacific || ownBeijing ? undefined : zoneNamedBefore(text, r.index);
    // A moment of the same day keeps that day's zone when its own sentence names none.
    const leant = r.leansOn && !ownPacific && !ownBeijing && !listZone ? dates.find((x) => x.index === r.leansOn!.index) : undefined;
    const pacific = ownPacific || listZone === "pacific" || leant?.zone === US_PACIFIC;
    const zoneNamed = pacific || ownBeijing || listZone === "beijing" || leant?.zoneNamed === true;
    const zone = pacific ? US_PACIFIC : SHANGHAI;
    const instant = DateTime.fromObject({ year: r.y ?? year, month: r.mo, day: r.d, hour: time?.h ?? 0, minute: time?.m ?? 0 }, { zone });
    if (!instant.isValid) continue;
    dates.push({
      date: instant.toISODate() ?? "",
      time: time ? `${String(time.h).padStart(2, "0")}:${String(time.m).padStart(2, "0")}` : null,
      zone,
      zoneNamed,
      instant,
      raw: text.slice(r.index, end),
      before: text.slice(Math.max(0, r.index - 12), r.index),
      index: r.index,
      ...(r.instead && r.leansOn ? { insteadOf: r.leansOn.index } : {}),
    });
    spans.push([r.index, end]);
  }
  return { dates, spans };
}

const MULTIPLIERS: Readonly<Record<string, number>> = { 万: 1e4, w: 1e4, 千: 1e3, k: 1e3, 亿: 1e8, 百万: 1e6, million: 1e6, m: 1e6, billion: 1e9, bn: 1e9 };

/** A number with what may come with it: currency before, multiplier, a second 万 part (1万8), unit. */
const NUMBER_RE =
  /(us\s?\$|usd\s?|\$|rmb\s?|cny\s?|¥|￥)?\s*(第)?\s*(\d+(?:\.\d+)?)\s*(百万|billion|million|bn(?![a-z])|万|亿|千|[kw](?![a-z])|m(?![a-z0-9²³]))?(\d(?!\d))?\s*(%|个百分点|美元|美金|美刀|刀|usd|dollars?|元|块|人民币|rmb|cny|条|个?小时|个月|个人|个|次|天|单|h(?![a-z])|hours?|周|名|家|人|年|分(?!钟)|points?|pts?(?![a-z])|quotes?|inquiries|orders?|days?|years?|people|persons|staff|engineers|times?|(?:rts\s+)?(?:items?|products?|skus?)(?![a-z])|offen[cs]es?|violations?)?/gu;

const USD_UNIT = /^(?:美元|美金|美刀|刀|usd|dollars?)$/u;
const CNY_UNIT = /^(?:元|块|人民币|rmb|cny)$/u;
const COUNT_UNITS: Readonly<Record<string, string>> = {
  h: "小时", hour: "小时", hours: "小时", quote: "条", quotes: "条", inquiries: "个", order: "单", orders: "单",
  day: "天", days: "天", year: "年", years: "年", people: "人", persons: "人", staff: "人", engineers: "人", time: "次", times: "次", point: "分", points: "分", pt: "分", pts: "分",
};

/** `rts items`, `products`, `skus` → 个; `offences`, `violations` → 次. */
function englishUnit(unit: string): string {
  if (unit === "个小时") return "小时";
  if (unit === "个月") return "月";
  if (unit === "个人") return "人";
  if (/(?:items?|products?|skus?)$/u.test(unit)) return "个";
  if (/^(?:offen[cs]es?|violations?)$/u.test(unit)) return "次";
  return COUNT_UNITS[unit] ?? unit;
}

function extractNumbers(text: string, skip: readonly [number, number][]): NumberSlot[] {
  const out: (NumberSlot & { end: number })[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const numStart = m.index + m[0].indexOf(m[3]!);
    if (skip.some(([a, b]) => numStart >= a && numStart < b)) continue;
    // Part of a merchant ID or a name (M10001, ISO9001, 3D): not a figure.
    const prev = text[numStart - 1] ?? "";
    if (/[a-z]/u.test(prev) && !m[1]) continue;
    const [, cur, ordinal, digits, mult, tail, unitRaw] = m;
    let value = Number(digits);
    const multiplier = mult ? MULTIPLIERS[mult] ?? 1 : 1;
    value *= multiplier;
    // 1万8 = 18,000; 3千5 = 3,500: the digit after the multiplier is the next place down.
    if (tail && mult && multiplier >= 1e3) value += Number(tail) * (multiplier / 10);
    else if (tail) continue;
    const unit = unitRaw ?? "";
    // 40多个, 3000来块, 大约50%: an approximate figure is not a figure to compute with.
    const afterDigits = text.slice(numStart + digits!.length + (mult?.length ?? 0) + (tail?.length ?? 0));
    const afterUnit = text.slice(m.index + m[0].trimEnd().length);
    // 几 right after the digits is an approximation (40几个); after the unit it is the question (1999美金 几分).
    if (/^(?:几|\s*(?:多(?!少)|余|来(?![了的])|左右|上下|出头|\+))/u.test(afterDigits) || /^\s*(?:多(?!少)|余|左右|上下|出头|以上|以下|以内|之内|不到|or (?:more|less)|\+)/u.test(afterUnit)) continue;
    // 超过2000, 不到40个, less than 2 hours: a bound, not the figure itself.
    if (/(?:超过|不到|少于|多于|低于|高于|不足|大于|小于|more than|less than|over|under|below|above)\s*$/u.test(text.slice(Math.max(0, numStart - 10), numStart).replace(/(?:us\s?\$|\$|¥|￥)$/u, ""))) continue;
    if (/(?:大约|大概|约|差不多|将近|估计|around|about|approximately|roughly)\s*$/u.test(text.slice(Math.max(0, numStart - 6), numStart).replace(/(?:us\s?\$|\$|¥|￥)$/u, ""))) continue;
    // 3D, 4G, 5s: a number glued to a word is part of a name.
    if (!unit && !mult && !cur && /^[a-z]/u.test(text.slice(m.index + m[0].trimEnd().length))) continue;
    let kind: NumberKind = "plain";
    let currency: NumberSlot["currency"] = null;
    if (cur) {
      kind = "amount";
      currency = /rmb|cny|¥|￥/u.test(cur) ? "CNY" : "USD";
    }
    if (USD_UNIT.test(unit)) [kind, currency] = ["amount", "USD"];
    else if (CNY_UNIT.test(unit)) [kind, currency] = ["amount", currency ?? "CNY"];
    else if (unit === "%" || unit === "个百分点") kind = "percent";
    // "US$5,000 order": a currency written before the number makes it an amount, whatever follows.
    else if (cur) kind = "amount";
    else if (ordinal) kind = "ordinal";
    else if (unit === "分" || /^(?:points?|pts?)$/u.test(unit)) kind = "score";
    else if (unit !== "") kind = "count";
    else if (mult) kind = "amount";
    const normalUnit = kind === "count" || kind === "ordinal" || kind === "score" ? englishUnit(unit) : unit;
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const period =
      kind === "count" &&
      /^(?:天|月|周|年|小时)$/u.test(normalUnit) &&
      (/(?:近|最近|过去|last|past|within)\s*(?:the\s*)?$/u.test(text.slice(Math.max(0, start - 8), start)) || /^\s*(?:内|以内|之内)/u.test(afterUnit));
    out.push({
      value: kind === "percent" ? value / 100 : value,
      kind,
      unit: normalUnit,
      currency,
      raw: m[0].trim(),
      before: text.slice(Math.max(0, start - 12), start),
      after: text.slice(m.index + m[0].length, m.index + m[0].length + 20),
      lead: "",
      period,
      index: start,
      end: m.index + m[0].trimEnd().length,
    });
  }
  return withLeads(text, sharedUnits(text, out), skip);
}

/** The separators of a list of figures: `300、700和2500美金`, `74、80、90`, `300, 700 and 2,500 dollars`. */
const LIST_SEPARATOR = /^\s*(?:[、/]|和|及|与|跟|或|,\s|and|or|&)\s*$/u;

/**
 * In a list of figures the unit is often written once, after the last: `300、700和2500美金` are
 * three amounts in US dollars. A bare number in such a list takes the kind, unit and currency of
 * the figure that ends it (never its multiplier: `2、3万` stays as written).
 */
function sharedUnits<T extends NumberSlot & { end: number }>(text: string, numbers: T[]): T[] {
  const out = [...numbers];
  for (let i = out.length - 2; i >= 0; i--) {
    const n = out[i]!;
    const next = out[i + 1]!;
    if (!LIST_SEPARATOR.test(text.slice(n.end, next.index))) continue;
    // 1万、2万美金: an amount without a currency takes the list's.
    if (n.kind === "amount" && n.currency === null && next.kind === "amount" && next.currency !== null) {
      out[i] = { ...n, currency: next.currency, unit: next.unit };
      continue;
    }
    // 第2、3次: the list is of ordinals.
    if (n.kind === "ordinal" && next.kind === "count" && (n.unit === "" || n.unit === next.unit) && /^\s*、\s*$/u.test(text.slice(n.end, next.index))) {
      out[i + 1] = { ...next, kind: "ordinal" };
      continue;
    }
    if (n.kind !== "plain" || next.kind === "plain" || next.kind === "ordinal" || next.period) continue;
    if (/[万千亿kwm]/u.test(next.raw.replace(/^(?:us\s?\$|usd|\$)/u, "").replace(/(?:美元|美金|美刀|刀|usd|dollars?|元|块|人民币|rmb|cny|%)$/u, ""))) continue;
    out[i] = { ...n, kind: next.kind, unit: next.unit, currency: next.currency, value: next.kind === "percent" ? n.value / 100 : n.value };
  }
  return out;
}

/** Fills each number's `lead`: its clause back to the previous figure (a period or a date does not count as one). */
function withLeads(text: string, numbers: (NumberSlot & { end: number })[], dates: readonly (readonly [number, number])[]): NumberSlot[] {
  return numbers.map(({ end: _end, ...n }) => {
    // 30 characters hold a Chinese clause; English words are longer ("their previous order with that buyer was").
    const reach = /[a-z]{3,}\s+[a-z]{3,}/u.test(text.slice(Math.max(0, n.index - 30), n.index)) ? 50 : 30;
    let from = Math.max(0, n.index - reach);
    for (const other of numbers) if (!other.period && other.end <= n.index && other.end > from) from = other.end;
    for (const [, b] of dates) if (b <= n.index && b > from) from = b;
    const clause = text.slice(from, n.index);
    const cut = Math.max(...[...clause.matchAll(/[，,。；;！!？?\n]/gu)].map((x) => x.index + 1), 0);
    return { ...n, lead: clause.slice(cut) };
  });
}

// briefing: 每周统计 适用行业 — 汽摩配（含汽车配件及用品、和整车及交通）; plus the short forms merchants type.
const INDUSTRY_ALIASES: Readonly<Record<string, string>> = {
  汽车配件及用品: "汽摩配",
  整车及交通: "汽摩配",
  汽配: "汽摩配",
  服饰: "服装",
  包印: "包装印刷",
  电子元器件: "元器件通信",
  灯具: "灯具照明",
  "3c数码": "消费电子",
  "3c": "消费电子",
  数码: "消费电子",
  电子产品: "消费电子",
  五金: "五金工具",
  美妆: "美容个护",
  个护: "美容个护",
  化妆品: "美容个护",
  鞋类: "鞋靴及配件",
  鞋子: "鞋靴及配件",
  首饰: "珠宝首饰",
  饰品: "流行配饰",
  配饰: "流行配饰",
  礼品: "礼品工艺品",
  工艺品: "礼品工艺品",
  安防: "安防劳保",
  劳保: "安防劳保",
  化工: "化工材料",
  橡塑: "橡塑材料",
  塑料: "橡塑材料",
  面料: "面料及纺织原材料",
  纺织: "面料及纺织原材料",
  医疗: "健康医疗",
  电工: "电工电气",
  electronics: "消费电子",
  apparel: "服装",
  clothing: "服装",
  garments: "服装",
  luggage: "箱包",
  bags: "箱包",
  "consumer electronics": "消费电子",
  machinery: "机械",
  toys: "玩具",
  furniture: "家具",
  lighting: "灯具照明",
  "home appliances": "家电",
  "beauty & personal care": "美容个护",
  "beauty and personal care": "美容个护",
  shoes: "鞋靴及配件",
  jewelry: "珠宝首饰",
  watches: "手表",
  "packaging & printing": "包装印刷",
  "packaging and printing": "包装印刷",
  "food & beverage": "食品饮料",
  "sports & entertainment": "运动娱乐",
  "home & garden": "家居园艺",
  "home and garden": "家居园艺",
  "home decor": "家居园艺",
  "home textiles": "家纺",
  "health & medical": "健康医疗",
  "gifts & crafts": "礼品工艺品",
  "construction & building materials": "建材",
  chemicals: "化工材料",
  "electrical equipment": "电工电气",
  tools: "五金工具",
  hardware: "五金工具",
  "security & protection": "安防劳保",
  "security and protection": "安防劳保",
};

/** An industry's English name for an English reply ("apparel" for 服装), when merchants type one. */
export function industryEnglishName(name: string): string | undefined {
  return Object.entries(INDUSTRY_ALIASES).find(([alias, to]) => to === name && /^[a-z &]+$/u.test(alias))?.[0];
}

function extractIndustries(text: string): string[] {
  const names = [...WEEKLY_INDUSTRIES, ...CUMULATIVE_INDUSTRIES, ...Object.keys(INDUSTRY_ALIASES)].sort((a, b) => b.length - a.length);
  const found: { at: number; name: string }[] = [];
  let rest = text;
  for (const name of names) {
    let at = rest.indexOf(name);
    while (at >= 0) {
      found.push({ at, name: INDUSTRY_ALIASES[name] ?? name });
      rest = rest.slice(0, at) + " ".repeat(name.length) + rest.slice(at + name.length);
      at = rest.indexOf(name);
    }
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.name))];
}

// "金品还没买", "没买金品", "haven't paid for Gold yet": not Gold, however the chat says it.
const NOT_GOLD = /(?:不是|非|没有?|没开|未开通|没开通|不属于|还不是|不是开通|(?:还)?没(?:有)?(?:买|开|续费?|加入|升级)(?:过)?)(?:的)?(?:金品|gold)|(?:金品|gold)(?:诚企)?(?:还|也|都)?(?:没|没有|未)(?:买|开|开通|续|续费|加入|升级)|普通商家|普通会员|non-?gold|not (?:yet )?(?:a )?(?:gold|verified supplier)|no gold|(?:haven['’]?t|have not|did ?n['’]?t|didn't|not) (?:yet )?(?:bought|buy|got|paid for|pay for|joined|join|upgraded to) (?:the )?(?:gold|verified supplier)/u;
// "Verified Supplier" is 金品诚企's English name in the bot's own English answers.
const GOLD = /金品|gold supplier|gold member|verified supplier|\bggs\b|\bgold\b|金牌/u;

function extractGold(text: string): boolean | null {
  if (NOT_GOLD.test(text)) return false;
  return GOLD.test(text) ? true : null;
}

function extractBusinessType(text: string): BusinessType | null {
  // 找工厂 is the channel's name, 实力工厂 a scene: neither says what the asker's company is.
  // "不是工厂也不是工贸一体": what the company is not says nothing of what it is.
  const t = text.replace(/找工厂|实力工厂|工厂名片|工厂能力/gu, " ").replace(/(?:不是|并非|非|not an?|not)\s*(?:工厂|工贸一体|工贸|贸易公司|factory|manufacturer|integrated|trading company)/gu, " ");
  if (/工贸一体|工贸|integrated|manufacturer (?:and|&) trad/u.test(t)) return "integrated";
  if (/贸易公司|贸易商|贸易型|外贸公司|做贸易|trading company|trading firm|trader/u.test(t)) return "trading";
  if (/工厂|厂家|生产厂|factory|manufacturer/u.test(t)) return "factory";
  return null;
}

/**
 * Reads the slots of one question. `asked` is the question's clock: a date without a year takes
 * the year of that day in Asia/Shanghai.
 */
export function extractSlots(question: string, asked: DateTime): Slots {
  const text = normaliseForSlots(question);
  const { dates, spans } = extractDates(text, asked);
  return {
    text,
    numbers: extractNumbers(text, spans),
    dates,
    industries: extractIndustries(text),
    gold: extractGold(text),
    businessType: extractBusinessType(text),
  };
}

/** The numbers of the given kinds, in the order written. */
export function numbersOf(slots: Slots, ...kinds: NumberKind[]): NumberSlot[] {
  return slots.numbers.filter((n) => kinds.includes(n.kind));
}

/**
 * The number of one of `kinds` that `near` describes, e.g. the score in "上月报了60条，服务分93":
 * `near: /服务分|分数|score/`. The words before a number describe it more often than the words
 * after it ("服务分93" vs "93分的服务分"), so a match before wins over a match after.
 */
export function numberNear(slots: Slots, kinds: readonly NumberKind[], near: RegExp, window = 8, exclude?: (n: NumberSlot) => boolean): NumberSlot | undefined {
  const pool = slots.numbers.filter((n) => kinds.includes(n.kind) && !exclude?.(n));
  return (
    pool.find((n) => near.test(n.before.slice(-window))) ??
    pool.find((n) => near.test(n.after.slice(0, window))) ??
    // English puts more words between the name and the figure ("last month I sent 20 quotes").
    pool.find((n) => near.test(n.lead)) ??
    // …sometimes more than a lead holds ("Last month our two sales reps sent 45 quotes"): the
    // English sentence up to the figure, with no other figure in it.
    pool.find((n) => {
      const sentence = slots.text.slice(Math.max(0, n.index - 60), n.index).split(/[，,。；;！!？?]|\.(?!\d)/u).pop() ?? "";
      return !/[\u3400-\u9fff\d]/u.test(sentence) && near.test(sentence);
    })
  );
}
