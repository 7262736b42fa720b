/**
 * Trade-assurance upgrade service (信用保障「保障升级服务」), spec/rules.md §2 — `/guarantee`.
 */
import { DateTime } from "luxon";
import type { Merchant } from "./merchant.js";
import { gapUp, missingFields, type MissingFields } from "./result.js";
import { addCalendarDays, dateIn, daysBetween, parseInstant, US_PACIFIC, type IsoDate } from "./time.js";

/** briefing: 保障升级服务-常见问题 Q6 — 承担保障起之后的第30天，可以退出 (spec, Chosen: join date + 30 calendar days) */
export const GUARANTEE_EXIT_AFTER_DAYS = 30;
/** briefing: 保障升级服务-常见问题 Q6 — 退出后的30天内不能再加入 (spec, Chosen: exit date + 30 days) */
export const GUARANTEE_REJOIN_AFTER_DAYS = 30;
/** briefing: 保障升级服务-卖家权益 权益四 — 支持7天及以内发货的RTS商品总数 ≥ 100 个 */
export const FAST_STAR_MIN_RTS_7_DAYS = 100;
/** briefing: 保障升级服务-卖家权益 权益四 — 或支持小单快定的RTS商品总数 ≥ 50 个 */
export const FAST_STAR_MIN_RTS_SMALL_ORDER = 50;
/**
 * briefing: 保障升级服务-卖家权益 权益三 — 平台首单包赔: orders paid and claimed before
 * 2021年9月30日23:59:59美西时间 (inclusive: the last second still counts).
 */
export const FIRST_COMPENSATION_DEADLINE = DateTime.fromObject(
  { year: 2021, month: 9, day: 30, hour: 23, minute: 59, second: 59 },
  { zone: US_PACIFIC },
);

/** Whether the platform still pays the first compensation for an order paid and claimed at `now`. */
export function firstCompensationApplies(now: DateTime): boolean {
  return now.toMillis() <= FIRST_COMPENSATION_DEADLINE.endOf("second").toMillis();
}

/** `joined`: in the service now; `exited`: left it; `unknown`: no join or exit date in the record. */
export type GuaranteeState = "joined" | "exited" | "unknown";

/** A count condition of the fast-trading star level. */
export interface GuaranteeCountCondition {
  readonly value: number;
  readonly min: number;
  readonly met: boolean;
  /** How many more products would meet it (0 when met). */
  readonly gap: number;
}

/** A computed guarantee check. Dates are Asia/Shanghai calendar dates. */
export interface GuaranteeCheck {
  readonly ok: true;
  /** Fields whose absence left parts null (e.g. `guarantee.joinedAt`). */
  readonly missing: readonly string[];
  readonly state: GuaranteeState;
  readonly joinedOn: IsoDate | null;
  /** The guarantee starts after `now` (joined, not yet in effect). */
  readonly startsLater: boolean;
  readonly exitedOn: IsoDate | null;
  /** Join date + 30 days; null without a join date. */
  readonly earliestExitDate: IsoDate | null;
  /** True when joined and today ≥ earliestExitDate; false when not joined; null when unknown. */
  readonly canExitNow: boolean | null;
  /** Days from today until earliestExitDate (0 once reached); null when not applicable. */
  readonly daysUntilExit: number | null;
  /**
   * Earliest rejoin date: actual exit date + 30 when exited (`basis: "actual-exit"`), or
   * earliestExitDate + 30 when still joined, i.e. if the merchant leaves on the first possible day.
   */
  readonly rejoin: {
    readonly basis: "actual-exit" | "earliest-exit";
    readonly earliestDate: IsoDate;
    /** Only for an actual exit: today ≥ earliestDate. */
    readonly canRejoinNow: boolean | null;
    readonly daysUntilRejoin: number;
  } | null;
  readonly fastTradingStar: {
    /** Joined and at least one count condition met. */
    readonly eligible: boolean;
    readonly joined: boolean;
    readonly rtsDispatchWithin7Days: GuaranteeCountCondition;
    readonly rtsSmallOrder: GuaranteeCountCondition;
  };
  readonly firstCompensation: {
    /** 2021-09-30 23:59:59 US Pacific, as an instant. */
    readonly deadline: DateTime;
    /** now ≤ deadline: orders paid and claimed from now on may still qualify. */
    readonly stillApplies: boolean;
  };
}

/** What {@link checkGuarantee} returns. */
export type GuaranteeCheckResult = GuaranteeCheck | MissingFields;

function countCondition(value: number, min: number): GuaranteeCountCondition {
  return { value, min, met: value >= min, gap: gapUp(value, min) };
}

/**
 * Checks the guarantee upgrade service for `/guarantee`: earliest exit and rejoin dates, whether
 * exit or rejoin is possible at `now` and days left, the fast-trading star level with its gaps,
 * and whether the platform still pays the first compensation. The join and exit dates are taken
 * in Asia/Shanghai (a join at 2021-09-05T22:00-07:00 is 2021-09-06 there, so exit from 2021-10-06).
 *
 * Returns {@link MissingFields} (`guarantee`) without guarantee data; without dates the result is
 * partial and lists `guarantee.joinedAt` in `missing`.
 */
export function checkGuarantee(merchant: Merchant, now: DateTime): GuaranteeCheckResult {
  const g = merchant.guarantee;
  if (!g) return missingFields("guarantee");

  const today = dateIn(now);
  const joined = g.joinedAt ? parseInstant(g.joinedAt) : null;
  const exited = g.exitedAt ? parseInstant(g.exitedAt) : null;
  // An exit before the latest join means the merchant rejoined since.
  const state: GuaranteeState =
    exited && (!joined || exited.toMillis() >= joined.toMillis()) ? "exited" : joined ? "joined" : "unknown";

  const joinedOn = joined ? dateIn(joined) : null;
  const exitedOn = state === "exited" && exited ? dateIn(exited) : null;
  const earliestExitDate = joinedOn ? addCalendarDays(joinedOn, GUARANTEE_EXIT_AFTER_DAYS) : null;

  let rejoin: GuaranteeCheck["rejoin"] = null;
  if (exitedOn) {
    const earliestDate = addCalendarDays(exitedOn, GUARANTEE_REJOIN_AFTER_DAYS);
    rejoin = {
      basis: "actual-exit",
      earliestDate,
      canRejoinNow: today >= earliestDate,
      daysUntilRejoin: Math.max(0, daysBetween(today, earliestDate)),
    };
  } else if (state === "joined" && earliestExitDate) {
    const earliestDate = addCalendarDays(earliestExitDate, GUARANTEE_REJOIN_AFTER_DAYS);
    rejoin = {
      basis: "earliest-exit",
      earliestDate,
      canRejoinNow: null,
      daysUntilRejoin: Math.max(0, daysBetween(today, earliestDate)),
    };
  }

  const isJoined = state === "joined";
  const rts7 = countCondition(g.rtsDispatchWithin7Days, FAST_STAR_MIN_RTS_7_DAYS);
  const rtsSmall = countCondition(g.rtsSmallOrder, FAST_STAR_MIN_RTS_SMALL_ORDER);

  return {
    ok: true,
    missing: state === "unknown" ? ["guarantee.joinedAt"] : [],
    state,
    joinedOn,
    startsLater: isJoined && joinedOn !== null && joinedOn > today,
    exitedOn,
    earliestExitDate,
    canExitNow: state === "unknown" ? null : isJoined && earliestExitDate !== null && today >= earliestExitDate,
    daysUntilExit: isJoined && earliestExitDate ? Math.max(0, daysBetween(today, earliestExitDate)) : null,
    rejoin,
    fastTradingStar: {
      eligible: isJoined && (rts7.met || rtsSmall.met),
      joined: isJoined,
      rtsDispatchWithin7Days: rts7,
      rtsSmallOrder: rtsSmall,
    },
    firstCompensation: {
      deadline: FIRST_COMPENSATION_DEADLINE,
      stillApplies: firstCompensationApplies(now),
    },
  };
}
