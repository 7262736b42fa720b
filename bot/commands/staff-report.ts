/**
 * What the staff tools (/search, /unanswered, /stats) share: the `[天数]` argument, the window
 * it stands for (whole Asia/Shanghai days, today included), and how figures and merchants'
 * text are written into a reply.
 */
import { DateTime } from "luxon";
import { errorReply } from "../pipeline/replies.js";
import type { Reply } from "../pipeline/types.js";
import { SHANGHAI } from "../../rules/index.js";

/** The longest report window, in days. */
export const MAX_REPORT_DAYS = 365;
/** The window when none is given. */
export const DEFAULT_REPORT_DAYS = 7;

/**
 * `""` → the default; `30`, `30天`, `30 天`, `30d`, `30 days` → 30. Undefined for anything else,
 * or a number outside 1..{@link MAX_REPORT_DAYS}: the command then answers with its usage.
 */
export function parseReportDays(args: string): number | undefined {
  const text = args.normalize("NFKC").trim().toLowerCase();
  if (text === "") return DEFAULT_REPORT_DAYS;
  const m = /^(\d{1,4})\s*(?:天|日|d|days?)?$/u.exec(text);
  if (!m) return undefined;
  const days = Number(m[1]);
  return days >= 1 && days <= MAX_REPORT_DAYS ? days : undefined;
}

/** The last `days` Asia/Shanghai calendar days up to `now`'s, as the first instant and the day list. */
export interface ReportWindow {
  since: Date;
  /** `YYYY-MM-DD`, oldest first; the last is today. */
  days: string[];
}

/** Whole days, so that a per-day count never shows a partial first day. */
export function reportWindow(now: Date, days: number): ReportWindow {
  const today = DateTime.fromJSDate(now, { zone: SHANGHAI }).startOf("day");
  const first = today.minus({ days: days - 1 });
  const list: string[] = [];
  for (let d = first; d <= today; d = d.plus({ days: 1 })) list.push(d.toFormat("yyyy-MM-dd"));
  return { since: first.toJSDate(), days: list };
}

/**
 * The report window a staff command asked for (`/stats 30`), or the error reply that explains
 * the days argument, worded with the command's own name and usage.
 */
export function reportWindowOrError(args: string, now: Date, command: string, usage: string): ReportWindow | Reply {
  const days = parseReportDays(args);
  if (days === undefined) {
    return errorReply(`天数要写 1 到 ${MAX_REPORT_DAYS} 之间的整数，例如：${command} 30（不写默认 ${DEFAULT_REPORT_DAYS} 天）。用法：${usage}`, "天数有误");
  }
  return reportWindow(now, days);
}

/** `2021-08-26`: the Asia/Shanghai date of an ISO instant from the store. */
export function shanghaiDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: SHANGHAI }).toFormat("yyyy-MM-dd");
}

/** A probability with two decimals (`0.30`, never `0.30000000000000004`). */
export function formatProbability(p: number | null | undefined): string {
  return typeof p === "number" && Number.isFinite(p) ? p.toFixed(2) : "—";
}

/**
 * Text a merchant typed, safe inside a markdown reply: markdown's special characters become
 * their full-width forms, so a question can never turn into a link, a heading or bold text.
 */
export function quoteUserText(text: string, maxChars = 80): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  const cut = chars.length > maxChars ? `${chars.slice(0, maxChars).join("")}…` : chars.join("");
  return cut.replace(/[\\`*_[\]()<>#|~!]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/**
 * Whole percentages of `parts` that add up to exactly 100 (largest remainder), so that shares
 * such as 1/3 each read 34/33/33 rather than 33/33/33. All zeros when the total is 0.
 */
export function wholePercentages(parts: readonly number[]): number[] {
  const total = parts.reduce((a, b) => a + b, 0);
  if (total <= 0) return parts.map(() => 0);
  const exact = parts.map((p) => (p * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}
