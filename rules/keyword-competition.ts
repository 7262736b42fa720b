/**
 * Keyword competition (竞争度) of 选词参谋, spec/rules.md §10.
 */
import type { InvalidInput } from "./result.js";

/** A computed keyword competition. */
export interface KeywordCompetition {
  readonly ok: true;
  readonly categorySearchIndex: number;
  readonly sellerScaleIndex: number;
  /**
   * 竞争度 = category search index / seller scale index. Higher means more buyer searches per
   * seller using the word; with a high click rate too, it is a blue-ocean word (蓝海词) worth
   * using now. Despite its name, a HIGH value means LITTLE competition.
   */
  readonly competition: number;
}

/** What {@link computeKeywordCompetition} returns. */
export type KeywordCompetitionResult =
  | KeywordCompetition
  | InvalidInput<"not-finite" | "negative" | "not-positive">;

/**
 * Computes 竞争度 for a keyword from the two indices 选词参谋 shows. Use it to explain whether a
 * word is worth using; see {@link KeywordCompetition.competition} for the meaning.
 * briefing: 金品诚企品牌升级-工具差异化 选词参谋 — 竞争度=类目搜索指数/卖家规模指数，值越大，说明买家搜索的多但卖家用的少，
 * 若点击率也高，说明词是蓝海词. The search index must be ≥ 0 and the seller index > 0.
 */
export function computeKeywordCompetition(
  categorySearchIndex: number,
  sellerScaleIndex: number,
): KeywordCompetitionResult {
  const invalid = (field: string, error: "not-finite" | "negative" | "not-positive") =>
    ({ ok: false, reason: "invalid-input", field, error }) as const;
  if (!Number.isFinite(categorySearchIndex)) return invalid("categorySearchIndex", "not-finite");
  if (!Number.isFinite(sellerScaleIndex)) return invalid("sellerScaleIndex", "not-finite");
  if (categorySearchIndex < 0) return invalid("categorySearchIndex", "negative");
  if (sellerScaleIndex <= 0) return invalid("sellerScaleIndex", "not-positive");
  return {
    ok: true,
    categorySearchIndex,
    sellerScaleIndex,
    competition: categorySearchIndex / sellerScaleIndex,
  };
}
