/**
 * The matcher's numbers: the ranking weights, two small logistic models and the decision
 * thresholds. They live in `calibration.json`, fitted by `npm run kb:calibrate`
 * (fit-calibration.ts) on the knowledge base's own phrasings, held out one fold at a time,
 * and on a set of off-topic questions, so they follow the data rather than taste.
 *
 * Confidence = P(in scope) × P(the best entry is the right one | in scope):
 * - `scope` tells a question the briefing covers from one it does not (weather, 淘宝, jokes),
 *   from how much of the question the best entry explains and how much no entry knows at all;
 * - `choice` tells how sure the ranking is of its first place, from its lead over the runner-up,
 *   how close the question is to one of the entry's own phrasings, and how many other entries
 *   explain the question as well (a vague "金品" has many: better to ask which one).
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { MatchFeatures } from "./search-index.js";

const num = z.number().finite();

export const CalibrationSchema = z
  .object({
    note: z.string().optional(),
    /** Ranking score = weighted sum of the features. */
    rank: z.object({ coverage: num, coverageWithAnswer: num, phraseSimilarity: num, fuzzy: num }).strict(),
    scope: z
      .object({ bias: num, coverage: num, coverageWithAnswer: num, phraseSimilarity: num, fuzzy: num, unknown: num, evidence: num })
      .strict(),
    choice: z.object({ bias: num, margin: num, phraseSimilarity: num, coverage: num, rivals: num }).strict(),
    thresholds: z
      .object({
        /** Below this P(in scope), the bot says it does not know. */
        scope: z.number().min(0).max(1),
        /** At or above this P(right | in scope), the bot answers; below, it asks which entry was meant. */
        answer: z.number().min(0).max(1),
        /** Other candidates within this ranking-score distance of the best are offered in a clarify. */
        clarifyWithin: z.number().min(0).max(1),
      })
      .strict(),
  })
  .strict();

export type Calibration = z.infer<typeof CalibrationSchema>;

export const CALIBRATION_FILE = new URL("./calibration.json", import.meta.url);

export const CALIBRATION: Calibration = CalibrationSchema.parse(JSON.parse(readFileSync(CALIBRATION_FILE, "utf8")));

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** P(the question is one the knowledge base covers), from the best candidate's features. */
export function scopeProbability(f: MatchFeatures, c: Calibration = CALIBRATION): number {
  const w = c.scope;
  return sigmoid(
    w.bias +
      w.coverage * f.coverage +
      w.coverageWithAnswer * f.coverageWithAnswer +
      w.phraseSimilarity * f.phraseSimilarity +
      w.fuzzy * f.fuzzy +
      w.unknown * f.unknown +
      w.evidence * f.evidence,
  );
}

/** P(this candidate is the right entry | in scope); `margin` is its ranking lead (0 for runners-up). */
export function choiceProbability(f: MatchFeatures, margin: number, c: Calibration = CALIBRATION): number {
  const w = c.choice;
  return sigmoid(w.bias + w.margin * margin + w.phraseSimilarity * f.phraseSimilarity + w.coverage * f.coverage + w.rivals * f.rivals);
}
