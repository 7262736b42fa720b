import { describe, expect, it } from "vitest";
import { computeCompensation } from "../../rules/compensation.js";

describe("computeCompensation — 10% of the order, capped at USD 100", () => {
  it.each([
    [600, 60, false],
    [0.01, 0, false],
    [5, 0.5, false],
    [123.45, 12.35, false],
    [999.99, 100, false],
    [1000, 100, false],
    [1000.01, 100, true],
    [5000, 100, true],
    [1e12, 100, true],
  ])("order %f USD → %f USD (capped %s)", (amount, compensation, capped) => {
    expect(computeCompensation(amount)).toMatchObject({ ok: true, compensationUsd: compensation, capped, couponValidDays: 90 });
  });

  it.each([
    [Number.NaN, "not-finite"],
    [Number.POSITIVE_INFINITY, "not-finite"],
    [Number.NEGATIVE_INFINITY, "not-finite"],
    [0, "not-positive"],
    [-5, "not-positive"],
  ])("rejects %f (%s)", (amount, error) => {
    expect(computeCompensation(amount)).toEqual({ ok: false, reason: "invalid-input", field: "orderAmountUsd", error });
  });
});
