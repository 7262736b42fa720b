/**
 * Penalties, appeal windows and what the next violation costs, spec/rules.md §3 — `/appeal`.
 * Also the Find-Factory removal appeal deadline (5 working days).
 */
import type { DateTime } from "luxon";
import type { Merchant, PenaltyRule } from "./merchant.js";
import { missingFields, type MissingFields } from "./result.js";
import {
  addCalendarDays,
  dateIn,
  endOfDate,
  parseInstant,
  SHANGHAI,
  splitTimeLeft,
  weekdayOf,
  type IsoDate,
  type TimeLeft,
} from "./time.js";

/** briefing: 国际站规则更新-直播FAQ Q3 — 卖家被执行处罚7天内可以提起申诉 (spec, Chosen: penalty time + 7 × 24 h) */
export const APPEAL_WINDOW_HOURS = 7 * 24;
/** briefing: 国际站规则更新-直播FAQ Q3 — 申诉入口 */
export const APPEAL_ENTRY = "MA后台-服务中心-申诉中心";
/** briefing: 管控公告 拒绝/有条件使用信用保障 — 第4次起…关闭信用保障服务资格90天 (the `trade-assurance-closed-90-days` measure) */
export const TA_CLOSURE_DAYS = 90;
/**
 * The day Trade Assurance is back after its 90-day closure, from the day the closure began (Beijing time): the
 * closure day + {@link TA_CLOSURE_DAYS} days, the same reading as the guarantee's exit and rejoin
 * (docs/computed-answers.md, "Readings").
 */
export function taClosureEnds(closedAt: DateTime): DateTime {
  return closedAt.setZone(SHANGHAI).startOf("day").plus({ days: TA_CLOSURE_DAYS });
}

/** briefing: 管控公告 — 关闭信用保障服务资格期间无法享受的交易相关权益 (Chinese, English). */
export const TA_CLOSURE_BENEFITS_LOST: readonly (readonly [string, string])[] = [
  ["信用卡拒付保障", "credit-card chargeback protection"],
  ["瞬时到账", "instant crediting of payments"],
  ["交易侧大促优惠", "trade-side promotion offers"],
];
/** briefing: 找工厂入驻协议 三、持续审核 — 清退通知邮件发出后5个工作日内以邮件方式发起一次申诉 */
export const FACTORY_APPEAL_WORKING_DAYS = 5;
/**
 * briefing: 直播FAQ Q3 2) b — 因客观原因不能操作信用保障订单（无法使用一达通、自营出口、市场采购出口），
 * 且订单在5000美金以上. 以上 is read as "at least" (docs/computed-answers.md).
 */
export const APPEAL_OBJECTIVE_MIN_ORDER_USD = 5000;

/** Whether ground b of a refused-Trade-Assurance appeal can apply to an order of `orderUsd`, and how far short it is. */
export function objectiveGroundApplies(orderUsd: number): { readonly applies: boolean; readonly gapUsd: number } {
  return { applies: orderUsd >= APPEAL_OBJECTIVE_MIN_ORDER_USD, gapUsd: Math.max(0, APPEAL_OBJECTIVE_MIN_ORDER_USD - orderUsd) };
}

/** Penalty rules that have a graduated ladder in the briefing. */
export const LADDER_RULES = ["off-platform-communication", "refuse-trade-assurance"] as const;
/** A penalty rule with a graduated ladder (warning → points → more). */
export type LadderRule = (typeof LADDER_RULES)[number];

/** Measures beyond points that a violation can bring. */
export type ExtraMeasure =
  | "shop-blocked"
  | "search-demotion"
  | "account-closed"
  | "trade-assurance-closed-90-days";

/** The appeal window of one penalty. */
export type AppealWindow =
  | {
      readonly kind: "7-days";
      /** Penalty time + 7 × 24 h, in Asia/Shanghai. */
      readonly deadline: DateTime;
      /** now ≤ deadline. */
      readonly open: boolean;
      /** Milliseconds left (0 when closed). */
      readonly msLeft: number;
      readonly timeLeft: TimeLeft;
    }
  | {
      /** The briefing gives no appeal window for drug-severe and counterfeit-repeat penalties. */
      readonly kind: "none-given";
      /** What the briefing's publication lists for that violation. */
      readonly consequence: "48-points-and-shop-closed" | "shop-closed";
    };

/** One penalty with its appeal window. */
export interface PenaltyAppeal {
  readonly penaltyId: string;
  readonly rule: PenaltyRule;
  /** When the penalty was executed, in Asia/Shanghai. */
  readonly at: DateTime;
  readonly points: number;
  readonly appeal: AppealWindow;
}

/** What the next violation of a laddered rule would cost. */
export interface NextViolationCost {
  readonly rule: LadderRule;
  /** Penalties of this rule counted: executed on/after this Asia/Shanghai date and not after `now`. */
  readonly countedFrom: IsoDate;
  readonly pastCount: number;
  /** 1 for the first violation, … */
  readonly nextOrdinal: number;
  /** The 1st violation is a warning only. */
  readonly warningOnly: boolean;
  readonly points: number;
  readonly extra: readonly ExtraMeasure[];
  /**
   * Measures the platform may take in severe cases (情节严重的), whatever the count; only the
   * off-platform-communication rule names them.
   */
  readonly severeCaseMeasures: readonly ExtraMeasure[];
}

/** A computed appeals check. */
export interface AppealsCheck {
  readonly ok: true;
  /** In the record's order. */
  readonly penalties: readonly PenaltyAppeal[];
  /** Penalties whose window is still open at `now`. */
  readonly openCount: number;
  /** One entry per laddered rule, whether or not the merchant has such penalties. */
  readonly nextViolation: readonly NextViolationCost[];
}

/** What {@link checkAppeals} returns. */
export type AppealsCheckResult = AppealsCheck | MissingFields;

/** One row of a penalty ladder: from the `fromOrdinal`-th violation on. */
export interface LadderRow {
  readonly fromOrdinal: number;
  readonly warningOnly: boolean;
  readonly points: number;
  readonly extra: readonly ExtraMeasure[];
}

/** A graduated penalty rule: when it counts from and its rows. */
export interface Ladder {
  readonly effectiveFrom: IsoDate;
  /** Rows by ascending fromOrdinal. */
  readonly rows: readonly LadderRow[];
  readonly severeCaseMeasures: readonly ExtraMeasure[];
}

/** The two laddered rules (spec §3), read by the replies that quote them. */
export const PENALTY_LADDERS: Readonly<Record<LadderRule, Ladder>> = {
  // briefing: 加强针对商家引导买家使用非阿里巴巴国际站沟通软件…管控公告 — 引导买家使用非国际站沟通软件:
  // 1、首次采取警告；2、再次出现违规行为的，扣3分/次；3、第4次（含第4次）起，扣6分/次；
  // 4、情节严重的，店铺屏蔽，搜索降权直至关闭账号。生效日期 2021年1月1日
  "off-platform-communication": {
    effectiveFrom: "2021-01-01",
    rows: [
      { fromOrdinal: 1, warningOnly: true, points: 0, extra: [] },
      { fromOrdinal: 2, warningOnly: false, points: 3, extra: [] },
      { fromOrdinal: 4, warningOnly: false, points: 6, extra: [] },
    ],
    severeCaseMeasures: ["shop-blocked", "search-demotion", "account-closed"],
  },
  // briefing: 同上公告 — 拒绝/有条件使用信用保障: 1、首次警告；2、再次出现，扣3分/次；
  // 3、从第4次（含第4次）起，除按前述规则扣分外，关闭信用保障服务资格90天。生效日期 2021年8月9日
  "refuse-trade-assurance": {
    effectiveFrom: "2021-08-09",
    rows: [
      { fromOrdinal: 1, warningOnly: true, points: 0, extra: [] },
      { fromOrdinal: 2, warningOnly: false, points: 3, extra: [] },
      { fromOrdinal: 4, warningOnly: false, points: 3, extra: ["trade-assurance-closed-90-days"] },
    ],
    severeCaseMeasures: [],
  },
};

function appealWindowOf(rule: PenaltyRule, at: DateTime, now: DateTime): AppealWindow {
  // briefing: 禁限售违规公示2021年7月&8月 — 药品严重违规 一次扣48分关店; 售假重复侵权违规 关闭店铺 (no appeal window given)
  if (rule === "drug-severe") return { kind: "none-given", consequence: "48-points-and-shop-closed" };
  if (rule === "counterfeit-repeat") return { kind: "none-given", consequence: "shop-closed" };
  const deadline = at.plus({ hours: APPEAL_WINDOW_HOURS }).setZone(SHANGHAI);
  const msLeft = Math.max(0, deadline.toMillis() - now.toMillis());
  return { kind: "7-days", deadline, open: now.toMillis() <= deadline.toMillis(), msLeft, timeLeft: splitTimeLeft(msLeft) };
}

function nextViolationOf(rule: LadderRule, merchant: Merchant, now: DateTime): NextViolationCost {
  const ladder = PENALTY_LADDERS[rule];
  const pastCount = (merchant.penalties ?? []).filter((p) => {
    if (p.rule !== rule) return false;
    const at = parseInstant(p.at);
    return dateIn(at) >= ladder.effectiveFrom && at.toMillis() <= now.toMillis();
  }).length;
  const nextOrdinal = pastCount + 1;
  const row = [...ladder.rows].reverse().find((r) => nextOrdinal >= r.fromOrdinal) ?? ladder.rows[0];
  if (!row) throw new Error(`no ladder rows for ${rule}`);
  return {
    rule,
    countedFrom: ladder.effectiveFrom,
    pastCount,
    nextOrdinal,
    warningOnly: row.warningOnly,
    points: row.points,
    extra: row.extra,
    severeCaseMeasures: ladder.severeCaseMeasures,
  };
}

/**
 * Checks a merchant's penalties for `/appeal`: each penalty's appeal deadline (penalty time +
 * 7 × 24 h, in Asia/Shanghai) and whether it is still open at `now`, and for the two laddered
 * rules what the next violation would cost given the past count. Drug-severe and
 * counterfeit-repeat penalties get `kind: "none-given"`: the briefing gives them no window.
 *
 * Returns {@link MissingFields} (`penalties`) when the record has no penalties list; an empty list
 * is a merchant with no penalties.
 */
export function checkAppeals(merchant: Merchant, now: DateTime): AppealsCheckResult {
  const penalties = merchant.penalties;
  if (!penalties) return missingFields("penalties");
  const appeals = penalties.map((p): PenaltyAppeal => {
    const at = parseInstant(p.at);
    return {
      penaltyId: p.id,
      rule: p.rule,
      at: at.setZone(SHANGHAI),
      points: p.points,
      appeal: appealWindowOf(p.rule, at, now),
    };
  });
  return {
    ok: true,
    penalties: appeals,
    openCount: appeals.filter((a) => a.appeal.kind === "7-days" && a.appeal.open).length,
    nextViolation: LADDER_RULES.map((rule) => nextViolationOf(rule, merchant, now)),
  };
}

/**
 * `start` plus `n` working days, counted from the day after `start`: Monday–Friday, minus
 * `holidays`, plus `makeUpWorkdays` (weekend days that are working days, 调休). Dates are
 * `YYYY-MM-DD`. Use it for any "within N working days" rule.
 */
export function addWorkingDays(
  start: IsoDate,
  n: number,
  holidays: readonly IsoDate[],
  makeUpWorkdays: readonly IsoDate[] = [],
): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  const off = new Set(holidays);
  const on = new Set(makeUpWorkdays);
  let date = start;
  for (let counted = 0; counted < n; ) {
    date = addCalendarDays(date, 1);
    const weekend = weekdayOf(date) >= 6;
    if (on.has(date) || (!weekend && !off.has(date))) counted++;
  }
  return date;
}

/** The Find-Factory removal appeal deadline. */
export interface FactoryAppealDeadline {
  /** Asia/Shanghai date of the removal e-mail. */
  readonly emailDate: IsoDate;
  /** The 5th working day after it. */
  readonly deadlineDate: IsoDate;
  /** End of deadlineDate (23:59:59.999) in Asia/Shanghai. */
  readonly deadline: DateTime;
}

/**
 * Deadline of the one e-mail appeal against a Find-Factory removal: 5 working days after the day
 * the removal e-mail was sent (Asia/Shanghai), Monday–Friday, skipping `holidays` and counting
 * `makeUpWorkdays`. The caller supplies the holiday list; the briefing has none.
 */
export function findFactoryAppealDeadline(
  removalEmailAt: DateTime,
  holidays: readonly IsoDate[],
  makeUpWorkdays: readonly IsoDate[] = [],
): FactoryAppealDeadline {
  const emailDate = dateIn(removalEmailAt);
  const deadlineDate = addWorkingDays(emailDate, FACTORY_APPEAL_WORKING_DAYS, holidays, makeUpWorkdays);
  return { emailDate, deadlineDate, deadline: endOfDate(deadlineDate, SHANGHAI) };
}
