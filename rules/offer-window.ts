/**
 * Time-limited offers and windows (the festival's fee waivers, the premium zone's slot, the brand
 * station's recruitment): the instants they span and where `now` falls. A rule receives `now`
 * and reports the phase; the caller words it (docs/validity.md).
 */
import { DateTime } from "luxon";
import { assertValid, startOfDate } from "./time.js";

/** An offer from its first to its last millisecond, with the zone its dates are written in. */
export interface OfferWindow {
  readonly start: DateTime;
  readonly end: DateTime;
  /** IANA zone of the briefing's dates for it (Asia/Shanghai or America/Los_Angeles). */
  readonly zone: string;
}

/** Before the first moment, within the window (both ends inclusive), or after the last. */
export type OfferPhase = "before" | "during" | "after";

/** Where `now` falls in `window`. */
export function offerPhase(window: OfferWindow, now: DateTime): OfferPhase {
  const t = now.toMillis();
  if (t < window.start.toMillis()) return "before";
  return t > window.end.toMillis() ? "after" : "during";
}

/**
 * A window given as local times in `zone`: `from` a date (00:00) or date-time, `until` a date
 * (its whole day counts) or a date-time (that whole second counts).
 */
export function offerWindow(from: string, until: string, zone: string): OfferWindow {
  const start = from.includes("T") ? DateTime.fromISO(from, { zone }) : startOfDate(from, zone);
  const last = DateTime.fromISO(until, { zone });
  assertValid(start, `offer start ${from}`);
  assertValid(last, `offer end ${until}`);
  return { start, end: until.includes("T") ? last.endOf("second") : last.endOf("day"), zone };
}

/** The smallest window covering all of `windows` (all in the zone of the first). */
export function spanOf(windows: readonly OfferWindow[]): OfferWindow {
  const [first, ...rest] = windows;
  if (!first) throw new RangeError("spanOf needs at least one window");
  return rest.reduce(
    (acc, w) => ({
      start: w.start.toMillis() < acc.start.toMillis() ? w.start : acc.start,
      end: w.end.toMillis() > acc.end.toMillis() ? w.end : acc.end,
      zone: acc.zone,
    }),
    first,
  );
}
