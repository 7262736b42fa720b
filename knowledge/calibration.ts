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

/** One set of numbers: for the index with the learned ranker, or for the matcher alone. */
export const ProfileSchema = z
  .object({
    /** Ranking score = weighted sum of the features (`learned` is the ranker's probability). */
    rank: z.object({ coverage: num, coverageWithAnswer: num, phraseSimilarity: num, fuzzy: num, learned: num }).strict(),
    scope: z
      .object({
        bias: num,
        coverage: num,
        coverageWithAnswer: num,
        phraseSimilarity: num,
        fuzzy: num,
        unknown: num,
        evidence: num,
        learned: num,
        offTopic: num,
        outside: num,
        learnedLog: num,
        outsideLogit: num,
      })
      .strict(),
    choice: z.object({ bias: num, margin: num, phraseSimilarity: num, coverage: num, rivals: num, learned: num }).strict(),
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

export type Calibration = z.infer<typeof ProfileSchema>;

export const CalibrationFileSchema = z
  .object({
    note: z.string().optional(),
    /** Used when the knowledge base has fitted ranker weights (knowledge/ranker.json). */
    withRanker: ProfileSchema,
    /** Used for a knowledge base whose entries the weights were not fitted for (a new briefing before its first fit). */
    matcherOnly: ProfileSchema,
  })
  .strict();

export type CalibrationFile = z.infer<typeof CalibrationFileSchema>;

export const CALIBRATION_FILE = new URL("./calibration.json", import.meta.url);

export const CALIBRATION_PROFILES: CalibrationFile = CalibrationFileSchema.parse(JSON.parse(readFileSync(CALIBRATION_FILE, "utf8")));
/** The numbers for the index with the learned ranker. */
export const CALIBRATION: Calibration = CALIBRATION_PROFILES.withRanker;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * What the scope model reads of the best candidate: its features, plus the ranker's two
 * probabilities on a log scale (a probability of 0.02 and one of 0.2 differ more than 0.6 and
 * 0.8 do, which a linear model cannot see on the raw scale). Each maps to about 0..1.
 */
export function scopeInputs(f: MatchFeatures): Record<ScopeInput, number> {
  const logit = (p: number) => Math.log(Math.min(Math.max(p, 1e-3), 1 - 1e-3) / (1 - Math.min(Math.max(p, 1e-3), 1 - 1e-3)));
  return {
    coverage: f.coverage,
    coverageWithAnswer: f.coverageWithAnswer,
    phraseSimilarity: f.phraseSimilarity,
    fuzzy: f.fuzzy,
    unknown: f.unknown,
    evidence: f.evidence,
    learned: f.learned,
    offTopic: f.offTopic,
    outside: f.outside,
    learnedLog: 1 + Math.log(Math.max(f.learned, 1e-3)) / Math.log(1e3),
    outsideLogit: (logit(f.outside) + 7) / 14,
  };
}

export const SCOPE_INPUTS = [
  "coverage",
  "coverageWithAnswer",
  "phraseSimilarity",
  "fuzzy",
  "unknown",
  "evidence",
  "learned",
  "offTopic",
  "outside",
  "learnedLog",
  "outsideLogit",
] as const;
export type ScopeInput = (typeof SCOPE_INPUTS)[number];
/** The direction each input may push P(in scope): more of a "−1" input never makes a question more in scope. */
export const SCOPE_SIGNS: Record<ScopeInput, 1 | -1> = {
  coverage: 1,
  coverageWithAnswer: 1,
  phraseSimilarity: 1,
  fuzzy: 1,
  unknown: -1,
  evidence: 1,
  learned: 1,
  offTopic: -1,
  outside: -1,
  learnedLog: 1,
  outsideLogit: -1,
};

/** P(the question is one the knowledge base covers), from the best candidate's features. */
export function scopeProbability(f: MatchFeatures, c: Calibration = CALIBRATION): number {
  const x = scopeInputs(f);
  let z = c.scope.bias;
  for (const k of SCOPE_INPUTS) z += c.scope[k] * x[k];
  return sigmoid(z);
}

/** P(this candidate is the right entry | in scope); `margin` is its ranking lead (0 for runners-up). */
export function choiceProbability(f: MatchFeatures, margin: number, c: Calibration = CALIBRATION): number {
  const w = c.choice;
  return sigmoid(
    w.bias + w.margin * margin + w.phraseSimilarity * f.phraseSimilarity + w.coverage * f.coverage + w.rivals * f.rivals + w.learned * f.learned,
  );
}
