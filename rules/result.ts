/**
 * Shapes shared by the rule results. A rule never throws for a missing merchant field: it
 * returns {@link MissingFields} (or lists the field in `missing` beside a partial result), and
 * the caller says which field is missing instead of guessing (spec/merchant-record.md).
 */

/** The result of a check that cannot compute anything without the named merchant fields. */
export interface MissingFields {
  readonly ok: false;
  readonly reason: "missing-fields";
  /** Field paths in the merchant record, e.g. `rfq`, `guarantee.joinedAt`. */
  readonly missing: readonly string[];
}

/** Builds a {@link MissingFields} result. */
export function missingFields(...missing: string[]): MissingFields {
  return { ok: false, reason: "missing-fields", missing };
}

/** The result of a merchant-free check whose input was rejected. */
export interface InvalidInput<E extends string = string> {
  readonly ok: false;
  readonly reason: "invalid-input";
  /** Which argument was rejected. */
  readonly field: string;
  readonly error: E;
}

/**
 * `target − value` when the value is below the target, else 0; rounded to 1e-9 so that rate
 * gaps such as 0.6 − 0.3 read as 0.3, not 0.29999999999999993.
 */
export function gapUp(value: number, target: number): number {
  return value >= target ? 0 : roundTiny(target - value);
}

/** `value − target` when the value is above the target, else 0 (same rounding as {@link gapUp}). */
export function gapDown(value: number, target: number): number {
  return value <= target ? 0 : roundTiny(value - target);
}

function roundTiny(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/**
 * Three-valued AND over conditions whose `met` may be unknown (null, a field is missing):
 * false if any is false, else null if any is unknown, else true.
 */
export function allMet(conditions: readonly { readonly met: boolean | null }[]): boolean | null {
  if (conditions.some((c) => c.met === false)) return false;
  if (conditions.some((c) => c.met === null)) return null;
  return true;
}
