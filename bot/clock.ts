/**
 * The clock the local transports stamp messages with. Normally the real one; for demos and
 * support, `--now <ISO>` (or `NOW=` in the environment) starts it at another instant, from which
 * it runs on as real time passes, so that "days left" and "已结束" read as they did then.
 * DingTalk mode always uses the real clock (bot/config.ts refuses NOW there). See docs/validity.md.
 */
import { DateTime } from "luxon";

/** Gives the current instant for a new message. */
export type Clock = () => Date;

export class ClockError extends Error {
  readonly code = "CLOCK_INVALID" as const;
  constructor(message: string) {
    super(message);
    this.name = "ClockError";
  }
}

/** The zone a start without an offset is read in, and the banner's zone. */
const BEIJING = "Asia/Shanghai";

/**
 * Parses a clock start: an ISO 8601 date or date-time; without an offset it is Beijing time
 * (`2021-08-26T10:00` = `2021-08-26T10:00+08:00`; a date alone is its 00:00). `source` names
 * the flag or variable in the error (`--now`, `NOW`).
 */
export function parseClockStart(value: string, source: string): Date {
  const text = value.trim();
  const dt = /^\d{4}-\d{2}-\d{2}(?:$|[T ])/.test(text) ? DateTime.fromISO(text.replace(" ", "T"), { zone: BEIJING }) : undefined;
  if (!dt?.isValid) {
    throw new ClockError(
      `${source} ${JSON.stringify(value)} is not a date-time: write ISO 8601, e.g. ${source === "NOW" ? "NOW=" : `${source} `}2021-08-26T10:00+08:00 (without an offset it is Beijing time)`,
    );
  }
  return dt.toJSDate();
}

/** A clock that reads `start` now and runs on with real time (`realNow`, for tests). */
export function startedClock(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return () => new Date(realNow() + offset);
}

/** The real clock. */
export const realClock: Clock = () => new Date();

/**
 * The banner line that says the chat is not on today's clock:
 * `时钟：2021-08-26 10:00（北京时间），不是现在的时间；随真实时间往前走。`
 */
export function clockBanner(start: Date): string {
  const beijing = DateTime.fromJSDate(start, { zone: BEIJING }).toFormat("yyyy-MM-dd HH:mm");
  return `时钟：${beijing}（北京时间），不是现在的时间；随真实时间往前走（--now / NOW 设置）。`;
}
