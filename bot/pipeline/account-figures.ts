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
import type { Computed } from "./compute-answer.js";
import type { DateSlot, NumberSlot, Slots } from "./extract-slots.js";

/** A figure of the question, as the reply names it when it cannot place it. */
export interface Unplaced {
  readonly raw: string;
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

/**
 * Figures that need no placing: a one (一次, 一单, 第一天 are as often articles as figures), a
 * calendar year or a month without a day, and a number that is part of a name (3星商机, 五个因子).
 */
export function needsNoPlace(n: NumberSlot): boolean {
  // 一次, 一单, 第一天, 多拿1分, 差一块钱: "one" is an article as often as a figure.
  if (n.value === 1 && n.kind !== "percent") return true;
  // 2021年, 9月份, 8月要冲到90分: a calendar year or a month named without a day says when, not how much.
  if (n.unit === "年" && n.value >= 1990 && n.value <= 2100 && Number.isInteger(n.value)) return true;
  if (n.kind === "plain" && n.value >= 1 && n.value <= 12 && /^\s*月/u.test(n.after)) return true;
  // level-2 category, L2, tier 1: a number in the name of a level.
  if (n.value <= 3 && /(?:level|tier|grade|\bl)\s*-?\s*$/u.test(n.before)) return true;
  // 3星商机, 3-star, 五个因子, 两个减免, 三个条件: a number that is part of what is named.
  return /^\s*(?:-\s*)?(?:星|stars?\b|个?因子|大因子|个?(?:减免|条件|问题|榜单?))/u.test(n.after);
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
export function unplacedFigures(slots: Slots, c: Computed): Unplaced[] {
  const text = `${c.result}\n${c.arithmetic}`;
  // A figure the rule line states is the merchant restating the rule ("按10%赔吗", "加20分吗", "扣了3分",
  // "8月9号新规生效以后": the rule's own start date).
  const withRule = `${text}\n${c.rule}`;
  const stated = numbersIn(withRule);
  const figures: { index: number; raw: string; placed: boolean }[] = [
    ...slots.numbers.filter((n) => !n.period && !needsNoPlace(n)).map((n) => ({ index: n.index, raw: n.raw, placed: numberPlaced(n, stated) })),
    ...slots.dates.map((d) => ({ index: d.index, raw: d.raw, placed: datePlaced(d, withRule) })),
  ];
  return figures
    .filter((f) => !f.placed)
    .sort((a, b) => a.index - b.index)
    .map((f) => ({ raw: f.raw.trim() }));
}
