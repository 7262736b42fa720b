import { describe, expect, it } from "vitest";
import { computeKeywordCompetition } from "../../rules/keyword-competition.js";

describe("computeKeywordCompetition — search index / seller scale index", () => {
  it.each([
    [1000, 100, 10],
    [50, 200, 0.25],
    [0, 5, 0],
  ])("%f / %f → %f", (search, sellers, competition) => {
    expect(computeKeywordCompetition(search, sellers)).toMatchObject({ ok: true, competition });
  });

  it.each([
    [Number.NaN, 1, "categorySearchIndex", "not-finite"],
    [1, Number.POSITIVE_INFINITY, "sellerScaleIndex", "not-finite"],
    [-1, 5, "categorySearchIndex", "negative"],
    [5, 0, "sellerScaleIndex", "not-positive"],
    [5, -2, "sellerScaleIndex", "not-positive"],
  ])("rejects (%f, %f): %s %s", (search, sellers, field, error) => {
    expect(computeKeywordCompetition(search, sellers)).toEqual({ ok: false, reason: "invalid-input", field, error });
  });
});
