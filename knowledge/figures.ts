/**
 * The figures a text states (amounts, percentages, counts, dates, times), each written one
 * canonical way so that the Chinese answer and the English answer of an entry compare equal:
 * `kb:check` fails an entry whose `answerEn` states a different set of figures than its
 * `answer` (docs/languages.md explains the rules and why each exists).
 *
 * Canonical forms:
 * - a plain number: `30`, `2.5`, `18000` (1.8万, 18,000 and 18 thousand are all `18000`);
 * - money: `US$100` (US$100, $100, 100 USD, 100美元, 100美金), `RMB 30` (30元, RMB 30, 30RMB, ¥30);
 * - a percentage: `10%` (10%, 10 percent, 百分之十); a discount: `20% off` (8折, 20% off, 20% discount);
 * - a date: `09-01` (9月1日, 9月1号, September 1, Sept 1, 1 September, 2021-09-01, 9.1-9.30);
 *   a month on its own: `month 9` (9月, 九月, September); the year, if given, is a plain number;
 * - a time of day: `16:00` (下午4点, 4 pm, 16:00), seconds kept when given (`23:59:59`).
 *
 * Not figures: list markers (`1.` `2、` at the start of a line, `1)` `（2）` in a line), digits
 * inside names and codes (Q2, 3D, P4P, M10001), URLs, and the word-number one (一 / one / a),
 * which both languages use as an article; a digit 1, and 第一 (an ordinal), are figures.
 */

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
/** Capitalised month names only: "may" and "march" are also ordinary English words. */
const MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

const EN_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, twice: 2,
  second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** 十一 = 11, 二十 = 20, 三百五十 = 350, 两万 = 20000; undefined for a string that is not a number. */
export function parseChineseNumber(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      if (digit !== undefined) return undefined; // 二三: not a number
      digit = CN_DIGITS[ch];
    } else if (ch in CN_UNITS) {
      section += (digit ?? 1) * CN_UNITS[ch]!;
      digit = undefined;
    } else if (ch in CN_BIG) {
      total = (total + section + (digit ?? 0)) * CN_BIG[ch]!;
      if (total === 0) return undefined;
      section = 0;
      digit = undefined;
    } else return undefined;
  }
  return total + section + (digit ?? 0);
}

/**
 * Counters that make a Chinese numeral a stated figure (三星, 7天, 两次, 五大因子, 前十名); a
 * numeral without one is prose (统一, 一些, 之一, 千万不要). Longer counters come first.
 */
const CN_COUNTERS = "(?:小时|分钟|部分|方面|阶段|工作日|季度|个|次|星|天|周|年|项|条|种|步|大|家|份|名|位|倍|分|款|批|轮|层|档|类|件|单|期|级|笔|张|组|场|款|颗|周次)";
const CN_NUM = "[零〇一二两三四五六七八九十百千万亿]+";
const NUM = "\\d+(?:,\\d{3})*(?:\\.\\d+)?";
const MULT_EN = "(?:\\s?(thousand|million|billion|k)\\b)";
const MULT_CN = "(万|亿|千)";

const PATTERNS: Array<[string, string]> = [
  // 2021-09-01, 2021/7/16, 2021.08.23
  ["iso", "(?<![\\d.])(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?![\\d])"],
  // 2021年9月1日-30日, 9月1号, 8月28-29日, 2021年9月, 8月底
  ["cnDate", `(?:(\\d{4})年)?(\\d{1,2})月(?:(\\d{1,2})[日号]?(?:\\s*[-–—~至到]\\s*(\\d{1,2})[日号](?!\\d))?)?`],
  // 九月, 九月一日
  ["cnMonth", `(?<!个)(${CN_NUM})月(?:(${CN_NUM})[日号])?`],
  // 9.1-9.30, 9.1日
  ["dotRange", "(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\s*[-–—~]\\s*(\\d{1,2})\\.(\\d{1,2})(?![\\d.])"],
  ["dotDay", "(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})[日号]"],
  // 7/21
  ["slash", "(?<![\\d/.])(\\d{1,2})/(\\d{1,2})(?![\\d/])"],
  // September 1, Sept. 1st, September 1–30
  ["enDate", `\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?:\\s*(?:[-–—~]|to|through|and)\\s*(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:,.]\\d)(?!\\s*(?:${MONTH}|[:%]|am|pm)))?`],
  // 1 September
  ["enDayMonth", `(?<![\\d.])(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH})\\b`],
  ["enMonth", `\\b(${MONTH})\\b`],
  // 下午4点, 4点半, 10点30分
  ["cnTime", "(上午|下午|晚上|中午|凌晨|早上)?(\\d{1,2})点(?:(半)|(\\d{1,2})分)?"],
  // 下午三点: a numeral hour only with the part of the day, since 三点 alone may be "three points"
  ["cnTimeWord", `(上午|下午|晚上|中午|凌晨|早上)(${CN_NUM})点(半)?`],
  // 16:00, 23:59:59, 10:00 am
  ["clock", "(?<![\\d:])(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*([ap])\\.?m\\b\\.?)?"],
  // 4 pm, 4pm, 4 p.m.
  ["enTime", "(?<![\\d.:])(\\d{1,2})\\s*([ap])\\.?m\\b\\.?"],
  // US$100, $1.5 million, USD 100
  ["usdPre", `(?:US\\s?\\$|USD\\s?|\\$)\\s?(${NUM})${MULT_EN}?`],
  ["rmbPre", `(?:RMB|CNY|¥|￥)\\s?(${NUM})${MULT_EN}?`],
  // 100美元, 4万美元, 100 USD, 1亿人民币, 30RMB, 1元
  ["usdPost", `(?<!\\d|\\d\\.)(${NUM})\\s?${MULT_CN}?\\s?(?:美元|美金|USD\\b|US dollars\\b|dollars\\b)`],
  ["rmbPost", `(?<!\\d|\\d\\.)(${NUM})\\s?${MULT_CN}?\\s?(?:元|人民币|RMB\\b|CNY\\b|yuan\\b)`],
  // 20% off, 20% discount, 8折, 八折
  ["offEn", `(?<!\\d|\\d\\.)(${NUM})\\s?%\\s?(?:off|discount)\\b`],
  ["zhe", `(?<!\\d|\\d\\.)(\\d(?:\\.\\d)?|[一二三四五六七八九])折`],
  ["percent", `(?<!\\d|\\d\\.)(${NUM})\\s?(?:%|percent\\b|per cent\\b)`],
  ["cnPercent", `百分之(${CN_NUM}|${NUM})`],
  // top20, TOP 10
  ["top", "\\b[Tt][Oo][Pp]\\s?(\\d+)(?!\\d|[.,]\\d|\\s?%)"],
  // 4th, 21st
  ["ordinal", "(?<![\\d.,A-Za-z])(\\d+)(?:st|nd|rd|th)\\b"],
  // Q2, 3D, P4P, M10001: digits inside a name or code
  ["code", "(?<![A-Za-z\\d])(?:[A-Za-z]+\\d[A-Za-z\\d]*|\\d+[A-Za-z][A-Za-z\\d]*)"],
  // 第四条, 三星, 两次, 五大因子
  ["cnCount", `(第)?(${CN_NUM})${CN_COUNTERS}`],
  // 30, 1,000, 1.8万, 18 thousand
  ["number", `(?<!\\d|\\d\\.)(${NUM})(?:\\s?${MULT_CN}|${MULT_EN})?`],
  // "third party" and "second-hand" are not figures
  ["enWord", `\\b(${Object.keys(EN_WORDS).join("|")})\\b(?![-\\s]+(?:party|parties|hand)\\b)`],
];
const SCANNER = new RegExp(PATTERNS.map(([name, re]) => `(?<${name}>${re})`).join("|"), "gi");
/** Month names must keep their capital (see MONTH): the scanner is case-insensitive for units. */
const CAPITAL_MONTH = new RegExp(`^${MONTH}$`);

const pad = (n: number) => String(n).padStart(2, "0");
const date = (m: number, d: number) => (m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${pad(m)}-${pad(d)}` : undefined);
const monthOf = (name: string) => MONTHS[name.toLowerCase().replace(/\.$/, "")];

function value(num: string, mult?: string): number {
  const n = Number(num.replace(/,/g, ""));
  const factor = { 万: 1e4, 亿: 1e8, 千: 1e3, thousand: 1e3, k: 1e3, million: 1e6, billion: 1e9 }[(mult ?? "").toLowerCase()] ?? 1;
  return Math.round(n * factor * 1e6) / 1e6;
}

function hour24(h: number, part: string | undefined): number {
  const p = part?.toLowerCase();
  if ((p === "p" || p === "下午" || p === "晚上") && h < 12) return h + 12;
  if ((p === "a" || p === "凌晨" || p === "上午") && h === 12) return 0;
  if (p === "中午" && h < 11) return h + 12;
  return h;
}

/**
 * Removes what is never a figure: URLs and link targets, markdown emphasis, and list markers
 * (`1.` `2、` `3)` opening a line, `1)` `（2）` inside one).
 */
function strip(text: string): string {
  return text
    .replace(/：/g, "，") // a full-width colon separates a label from a figure (≥90分：30条), never hours from minutes
    .replace(/百分比/g, "percentage")
    .normalize("NFKC")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/\b(?:https?|dtmd|dingtalk):\/\/\S+/gi, " ")
    .replace(/\*+/g, "")
    .replace(/^(\s*(?:[-+>]\s*)*)\d{1,2}[.、)](?!\d)/gm, "$1")
    .replace(/(^|[:;,、])(\s*)\d{1,2}\)(?!\d)/gm, "$1$2")
    .replace(/\(\d{1,2}\)/g, " ");
}

/**
 * The figures `text` states, canonical and de-duplicated, in order of first appearance.
 * Use it to compare two versions of the same answer; see the module comment for the forms.
 */
export function figuresOf(text: string): string[] {
  const out = new Set<string>();
  const add = (f: string | undefined) => {
    if (f !== undefined) out.add(f);
  };
  const num = (n: number) => add(String(n));
  for (const m of strip(text).matchAll(SCANNER)) {
    const g = m.groups!;
    const all = m.slice(1);
    // The capture groups of the alternative that matched follow its own named group.
    const kind = PATTERNS.find(([name]) => g[name] !== undefined)![0];
    const start = all.indexOf(g[kind]!) + 1;
    const c = all.slice(start, start + 6);
    switch (kind) {
      case "iso":
        num(Number(c[0]));
        add(date(Number(c[1]), Number(c[2])));
        break;
      case "cnDate": {
        if (c[0]) num(Number(c[0]));
        const month = Number(c[1]);
        if (c[2] === undefined) add(month >= 1 && month <= 12 ? `month ${month}` : undefined);
        else {
          add(date(month, Number(c[2])));
          if (c[3]) add(date(month, Number(c[3])));
        }
        break;
      }
      case "cnMonth": {
        const month = parseChineseNumber(c[0]!);
        if (month === undefined || month < 1 || month > 12) break;
        if (c[1]) add(date(month, parseChineseNumber(c[1]) ?? 0));
        else add(`month ${month}`);
        break;
      }
      case "dotRange":
        add(date(Number(c[0]), Number(c[1])));
        add(date(Number(c[2]), Number(c[3])));
        break;
      case "dotDay":
      case "slash":
        add(date(Number(c[0]), Number(c[1])));
        break;
      case "enDate": {
        if (!CAPITAL_MONTH.test(c[0]!)) {
          // "may 5" is not a date: keep the numbers it consumed.
          num(Number(c[1]));
          if (c[2]) num(Number(c[2]));
          break;
        }
        const month = monthOf(c[0]!)!;
        add(date(month, Number(c[1])));
        if (c[2]) add(date(month, Number(c[2])));
        break;
      }
      case "enDayMonth":
        if (CAPITAL_MONTH.test(c[1]!)) add(date(monthOf(c[1]!)!, Number(c[0])));
        else num(Number(c[0]));
        break;
      case "enMonth":
        if (CAPITAL_MONTH.test(c[0]!)) add(`month ${monthOf(c[0]!)!}`);
        break;
      case "cnTime": {
        const minutes = c[2] ? 30 : c[3] ? Number(c[3]) : 0;
        add(`${pad(hour24(Number(c[1]), c[0]))}:${pad(minutes)}`);
        break;
      }
      case "cnTimeWord": {
        const h = parseChineseNumber(c[1]!);
        if (h !== undefined) add(`${pad(hour24(h, c[0]))}:${c[2] ? "30" : "00"}`);
        break;
      }
      case "clock": {
        const h = hour24(Number(c[0]), c[3]);
        if (h <= 24 && Number(c[1]) < 60 && (c[2] === undefined || Number(c[2]) < 60)) add(`${pad(h)}:${c[1]}${c[2] ? `:${c[2]}` : ""}`);
        else for (const n of c.slice(0, 3)) if (n !== undefined) num(Number(n)); // "90:30" is two figures, not a time
        break;
      }
      case "enTime":
        add(`${pad(hour24(Number(c[0]), c[1]))}:00`);
        break;
      case "usdPre":
      case "usdPost":
        add(`US$${value(c[0]!, c[1])}`);
        break;
      case "rmbPre":
      case "rmbPost":
        add(`RMB ${value(c[0]!, c[1])}`);
        break;
      case "offEn":
        add(`${value(c[0]!)}% off`);
        break;
      case "zhe": {
        const tenths = /\d/.test(c[0]!) ? Number(c[0]) : parseChineseNumber(c[0]!)!;
        add(`${Math.round((100 - tenths * 10) * 10) / 10}% off`);
        break;
      }
      case "percent":
        add(`${value(c[0]!)}%`);
        break;
      case "cnPercent":
        add(`${/\d/.test(c[0]!) ? value(c[0]!) : parseChineseNumber(c[0]!)}%`);
        break;
      case "top":
      case "ordinal":
        num(Number(c[0]));
        break;
      case "code":
        break;
      case "cnCount": {
        const n = parseChineseNumber(c[1]!);
        if (n !== undefined && (n !== 1 || c[0])) num(n);
        break;
      }
      case "number":
        num(value(c[0]!, c[1] ?? c[2]));
        break;
      case "enWord":
        num(EN_WORDS[c[0]!.toLowerCase()]!);
        break;
    }
  }
  return [...out];
}

/** The figures each text states that the other does not (both empty when they agree). */
export function compareFigures(a: string, b: string): { onlyInFirst: string[]; onlyInSecond: string[] } {
  const fa = figuresOf(a);
  const fb = figuresOf(b);
  return { onlyInFirst: fa.filter((f) => !fb.includes(f)), onlyInSecond: fb.filter((f) => !fa.includes(f)) };
}
