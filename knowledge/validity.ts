/**
 * When a knowledge entry (or a check's offer) applies, as of a given moment: a pure function of
 * the entry's `effective` block and the message's clock, and the one line a reply shows when the
 * answer is not current ("已结束" / "尚未开始"). Dates are calendar dates in the entry's zone
 * (Asia/Shanghai unless it says US Pacific); `until` is the last day, inclusive. See
 * docs/validity.md.
 */
import { DateTime } from "luxon";
import { VALIDITY_ZONES, type Effective } from "./schema.js";
import type { Language } from "./language.js";

export type ValidityZone = NonNullable<Effective["zone"]>;
export type ValidityKind = NonNullable<Effective["kind"]>;
export type ValidityState = "upcoming" | "current" | "ended";

export const DEFAULT_VALIDITY_ZONE: ValidityZone = "Asia/Shanghai";
/** The zones a validity can be worded in. */
export const VALIDITY_ZONES_SET: ReadonlySet<string> = new Set<string>(VALIDITY_ZONES);

/** A resolved window: the calendar bounds as written and the instants they span. */
export interface ValidityWindow {
  readonly kind: ValidityKind;
  readonly zone: ValidityZone;
  /** `YYYY-MM-DD` in `zone`, as written. */
  readonly from?: string;
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss` in `zone`, as written (inclusive). */
  readonly until?: string;
  /** 00:00 of `from` in `zone`. */
  readonly start?: DateTime;
  /** The last millisecond of `until` (its day, or its second when a time is given) in `zone`. */
  readonly end?: DateTime;
}

export interface ValidityAt extends ValidityWindow {
  readonly state: ValidityState;
}

function instant(local: string, zone: ValidityZone): DateTime {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new RangeError(`${JSON.stringify(local)} is not a valid date in ${zone}`);
  return dt;
}

/**
 * The window an `effective` block describes, or undefined when it gives no dates (a note only).
 * `kind` defaults to `offer` when there is an `until`, else `rule`.
 */
export function validityWindow(effective: Effective | undefined): ValidityWindow | undefined {
  if (!effective || (effective.from === undefined && effective.until === undefined)) return undefined;
  const zone = effective.zone ?? DEFAULT_VALIDITY_ZONE;
  const kind = effective.kind ?? (effective.until !== undefined ? "offer" : "rule");
  const { from, until } = effective;
  return {
    kind,
    zone,
    ...(from !== undefined ? { from, start: instant(from, zone) } : {}),
    ...(until !== undefined
      ? { until, end: until.includes("T") ? instant(until, zone).endOf("second") : instant(until, zone).endOf("day") }
      : {}),
  };
}

/**
 * Where `now` falls in a window: before `from` is upcoming, after `until` ended (a standing rule
 * with no `until` never ends), else current. Undefined when the entry carries no dates.
 */
export function validityAt(effective: Effective | ValidityWindow | undefined, now: Date | DateTime): ValidityAt | undefined {
  const window = isWindow(effective) ? effective : validityWindow(effective);
  if (!window) return undefined;
  const t = now instanceof Date ? now.getTime() : now.toMillis();
  const state: ValidityState =
    window.start && t < window.start.toMillis() ? "upcoming" : window.end && t > window.end.toMillis() ? "ended" : "current";
  return { ...window, state };
}

/** A resolved window always has an instant; an `effective` block never does. */
function isWindow(v: Effective | ValidityWindow | undefined): v is ValidityWindow {
  return v !== undefined && ("end" in v || "start" in v);
}

const ZONE_NAMES: Readonly<Record<Language, Readonly<Record<ValidityZone, string>>>> = {
  zh: { "Asia/Shanghai": "北京时间", "America/Los_Angeles": "美国太平洋时间" },
  en: { "Asia/Shanghai": "Beijing time", "America/Los_Angeles": "US Pacific time" },
};

/** `2021年9月30日` / `30 September 2021`, with the time when the bound gives one. */
export function formatValidityDate(local: string, lang: Language): string {
  const dt = DateTime.fromISO(local);
  const time = local.includes("T") ? dt.toFormat(local.length > 16 ? "HH:mm:ss" : "HH:mm") : "";
  if (lang === "en") return `${dt.toFormat("d MMMM yyyy", { locale: "en" })}${time ? ` ${time}` : ""}`;
  return `${dt.year}年${dt.month}月${dt.day}日${time ? ` ${time}` : ""}`;
}

/** `2021年9月1日 至 2021年9月30日（美国太平洋时间）`, or one bound when only one is given. */
export function formatValidityRange(w: ValidityWindow, lang: Language): string {
  const zone = ZONE_NAMES[lang][w.zone];
  const from = w.from !== undefined ? formatValidityDate(w.from, lang) : undefined;
  const until = w.until !== undefined ? formatValidityDate(w.until, lang) : undefined;
  if (lang === "en") {
    const range = from && until ? `from ${from} to ${until}` : from ? `from ${from}` : `until ${until}`;
    return `${range} (${zone})`;
  }
  const range = from && until ? `${from} 至 ${until}` : from ? `${from} 起` : `截至 ${until}`;
  return `${range}（${zone}）`;
}

/**
 * The one plain line a reply leads with when what it describes is not current, or undefined when
 * it is current. `subject` names it ("采购节服务费减免"); by default "这项活动" / "这项规则".
 *
 *   > **已结束**：这项活动适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），现已结束。
 */
export function validityNote(v: ValidityAt | undefined, lang: Language = "zh", subject?: string): string | undefined {
  if (!v || v.state === "current") return undefined;
  const range = formatValidityRange(v, lang);
  const offer = v.kind === "offer";
  if (lang === "en") {
    const what = subject ?? (offer ? "This offer" : "This rule");
    if (v.state === "ended") return `> **Ended**: ${what} applied ${range} and has ended.`;
    return offer
      ? `> **Not started yet**: ${what} applies ${range}; it has not started yet.`
      : `> **Not in effect yet**: ${what} takes effect ${range}; it does not apply yet.`;
  }
  const what = subject ?? (offer ? "这项活动" : "这项规则");
  if (v.state === "ended") return offer ? `> **已结束**：${what}适用于 ${range}，现已结束。` : `> **已失效**：${what}适用于 ${range}，现已不再适用。`;
  if (offer) return `> **尚未开始**：${what}适用于 ${range}，目前还没有开始。`;
  return v.until === undefined ? `> **尚未生效**：${what}自 ${range}生效，目前还不适用。` : `> **尚未生效**：${what}适用于 ${range}，目前还没有生效。`;
}
