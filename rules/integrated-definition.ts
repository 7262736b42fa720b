/**
 * Whether two companies count as one integrated factory-and-trading merchant (工贸一体), as the
 * Verified Supplier (金品诚企) upgrade defines it — docs/computed-answers.md.
 *
 * briefing: 金品诚企品牌升级-身份差异化 常见问题 — 工贸一体的定义（a、b为两家企业）:
 * 1. a和b互为股东或有共同股东，且持股比例占50%及以上;
 * 2. a和b互为股东或有共同股东，但持股比例少于50%，需签署一致行动书确认，签字股东加起来持股比例大于50%;
 * 3. a和b是同一法人。
 * 目前逻辑仅为1；预计9月修改为1、2、3满足任一即可。
 */

/** Condition 1: the stake (互为股东或共同股东) is at least this share. */
export const INTEGRATED_MIN_STAKE = 0.5;
/** Condition 2: with an acting-in-concert agreement, the signing shareholders hold more than this share. */
export const INTEGRATED_CONCERT_MORE_THAN = 0.5;

/** What the merchant says of the two companies; null where it says nothing. */
export interface IntegratedFacts {
  /** The stake one holds in the other, or their common shareholder's, as a share (0.6 = 60%). */
  readonly stake: number | null;
  /** Whether an acting-in-concert agreement (一致行动书) is signed. */
  readonly concertAgreement: boolean | null;
  /** The signing shareholders' stake together, as a share. */
  readonly concertStake: number | null;
  /** Whether the two companies have the same legal representative (同一法人). */
  readonly sameLegalPerson: boolean | null;
}

export type IntegratedCondition = "stake-50" | "concert-over-50" | "same-legal-person";

/** Each condition: met, not met, or not decidable from what was said. */
export interface IntegratedCheck {
  readonly conditions: Readonly<Record<IntegratedCondition, boolean | null>>;
  /** The logic in force now: condition 1 only. */
  readonly now: boolean | null;
  /** The logic expected from September 2021: any of the three. */
  readonly fromSeptember: boolean | null;
}

function anyOf(values: readonly (boolean | null)[]): boolean | null {
  if (values.some((v) => v === true)) return true;
  return values.every((v) => v === false) ? false : null;
}

export function checkIntegrated(f: IntegratedFacts): IntegratedCheck {
  const stake = f.stake === null ? null : f.stake >= INTEGRATED_MIN_STAKE;
  const concert =
    f.concertAgreement === false ? false : f.concertAgreement === true && f.concertStake !== null ? f.concertStake > INTEGRATED_CONCERT_MORE_THAN : null;
  const sameLegal = f.sameLegalPerson;
  return {
    conditions: { "stake-50": stake, "concert-over-50": concert, "same-legal-person": sameLegal },
    now: stake,
    fromSeptember: anyOf([stake, concert, sameLegal]),
  };
}
