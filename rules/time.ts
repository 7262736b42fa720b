/**
 * Time helpers shared by the rules. Every calendar date in the briefing is an Asia/Shanghai date
 * unless the rule names US Pacific time (美西, the festival); zones are IANA names so that luxon
 * handles PDT/PST, never fixed offsets (spec/rules.md, preamble).
 */
import { DateTime } from "luxon";

/** Beijing time (北京时间): the default zone of the briefing's dates. */
export const SHANGHAI = "Asia/Shanghai";
/** US Pacific time (美西时间, PDT/PST): the festival and the first-compensation offer. */
export const US_PACIFIC = "America/Los_Angeles";

/** A calendar date `YYYY-MM-DD` (no time, no zone). */
export type IsoDate = string;

/** A remaining time split for display; all parts are whole and non-negative. */
export interface TimeLeft {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

/** Throws on an invalid DateTime: that is a caller bug (a rule never makes one from valid data). */
export function assertValid(dt: DateTime, what: string): void {
  if (!dt.isValid) throw new RangeError(`${what} is not a valid DateTime: ${dt.invalidExplanation ?? "unknown reason"}`);
}

/**
 * Parses a merchant-record timestamp (ISO 8601 with an offset, already validated by
 * MerchantSchema), keeping the offset it was written with.
 */
export function parseInstant(iso: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  assertValid(dt, `timestamp ${JSON.stringify(iso)}`);
  return dt;
}

/** The calendar date of `instant` in `zone` (Asia/Shanghai unless named). */
export function dateIn(instant: DateTime, zone: string = SHANGHAI): IsoDate {
  const date = instant.setZone(zone).toISODate();
  if (date === null) throw new RangeError(`cannot take the date of an invalid DateTime in ${zone}`);
  return date;
}

/** Parses a `YYYY-MM-DD` calendar date for date arithmetic (UTC midnight: no DST in the way). */
function calendar(date: IsoDate): DateTime {
  const dt = DateTime.fromISO(date, { zone: "utc" });
  assertValid(dt, `date ${JSON.stringify(date)}`);
  return dt;
}

/** `date` plus `days` calendar days. */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return dateIn(calendar(date).plus({ days }), "utc");
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(calendar(to).diff(calendar(from), "days").days);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function weekdayOf(date: IsoDate): number {
  return calendar(date).weekday;
}

/** The instant at 00:00:00.000 of `date` in `zone`. */
export function startOfDate(date: IsoDate, zone: string): DateTime {
  const dt = DateTime.fromISO(date, { zone });
  assertValid(dt, `date ${JSON.stringify(date)} in ${zone}`);
  return dt;
}

/** The last millisecond (23:59:59.999) of `date` in `zone`. */
export function endOfDate(date: IsoDate, zone: string): DateTime {
  return startOfDate(date, zone).endOf("day");
}

/** Splits a non-negative number of milliseconds into whole days, hours and minutes (floored). */
export function splitTimeLeft(ms: number): TimeLeft {
  const totalMinutes = Math.max(0, Math.floor(ms / 60_000));
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}
