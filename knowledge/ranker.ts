/**
 * The learned ranker: multinomial logistic regression from a question's features
 * (ranker-features.ts) to the entry that answers it, or to the explicit off-topic class. One
 * model per view (characters, pinyin); their probabilities are averaged.
 *
 * The weights are data: fitted offline by `npm run kb:calibrate` (train-ranker.ts) from the
 * knowledge base's own phrasings and keywords, the labelled training questions and the
 * off-topic list, written to `knowledge/ranker.json`, and checked by `npm run kb:check`
 * against the entries they were fitted for. Support staff can teach it a phrasing at run time
 * ({@link Ranker.teach}): a few gradient steps on that one example, so it takes effect at once.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { VIEW_NAMES } from "./ranker-features.js";
import type { FeatureViews, SparseVector, ViewName } from "./ranker-features.js";

/** The class a question the briefing does not cover belongs to. */
export const OFF_TOPIC_CLASS = "(off-topic)";

export const RANKER_FILE = new URL("./ranker.json", import.meta.url);

/** One view's weights: per feature, the classes it has a weight for and those weights. */
export interface ViewWeights {
  bias: Float64Array;
  weights: Map<string, Map<number, number>>;
}

export interface RankerModel {
  /** Entry ids, then {@link OFF_TOPIC_CLASS}. */
  classes: string[];
  /** A digest of the entry ids the model was fitted for: a model for other entries is not used. */
  fingerprint: string;
  views: Record<ViewName, ViewWeights>;
  /**
   * A second, binary model per view: is the question about the briefing at all (class 0) or
   * not (class 1)? Sharper than the off-topic class among all entries, which competes with
   * every entry's own share of the probability.
   */
  scope: Record<ViewName, ViewWeights>;
}

const ViewFileSchema = z
  .object({
    bias: z.array(z.number().finite()),
    /** `feature → "class:weight class:weight …"` (compact: the file is committed). */
    weights: z.record(z.string(), z.string().regex(/^(?:\d+:-?\d+(?:\.\d+)?(?:e-?\d+)? ?)+$/)),
  })
  .strict();

export const RankerFileSchema = z
  .object({
    note: z.string().optional(),
    fingerprint: z.string().min(1),
    classes: z.array(z.string().min(1)).min(2),
    views: z.object({ chars: ViewFileSchema, pinyin: ViewFileSchema }).strict(),
    scope: z.object({ chars: ViewFileSchema, pinyin: ViewFileSchema }).strict(),
    /** Out-of-fold figures from the fit, for the record. */
    heldOut: z.record(z.string(), z.number()).optional(),
  })
  .strict();

export type RankerFile = z.infer<typeof RankerFileSchema>;

/** A stable digest of the entry ids (FNV-1a), the contract between a knowledge base and its weights. */
export function fingerprintOf(entryIds: readonly string[]): string {
  let h = 2166136261;
  for (const ch of [...entryIds].sort().join("\n")) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return `${entryIds.length}-${(h >>> 0).toString(16)}`;
}

export function parseRankerFile(data: unknown): RankerModel {
  const file = RankerFileSchema.parse(data);
  const view = (v: z.infer<typeof ViewFileSchema>, name: string, nClasses = file.classes.length): ViewWeights => {
    if (v.bias.length !== nClasses) throw new Error(`ranker ${name}: ${v.bias.length} biases for ${nClasses} classes`);
    const weights = new Map<string, Map<number, number>>();
    for (const [feature, packed] of Object.entries(v.weights)) {
      const m = new Map<number, number>();
      for (const pair of packed.split(" ")) {
        const [c, w] = pair.split(":");
        const k = Number(c);
        if (k >= nClasses) throw new Error(`ranker ${name}: feature ${feature} names class ${k} of ${nClasses}`);
        m.set(k, Number(w));
      }
      weights.set(feature, m);
    }
    return { bias: Float64Array.from(v.bias), weights };
  };
  return {
    classes: file.classes,
    fingerprint: file.fingerprint,
    views: { chars: view(file.views.chars, "chars"), pinyin: view(file.views.pinyin, "pinyin") },
    scope: { chars: view(file.scope.chars, "scope chars", 2), pinyin: view(file.scope.pinyin, "scope pinyin", 2) },
  };
}

/** The committed model, or `undefined` when there is none (a fresh knowledge base before its first fit). */
export function loadRankerModel(file: URL | string = RANKER_FILE): RankerModel | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  return parseRankerFile(JSON.parse(text));
}

export function serializeRankerModel(model: RankerModel, extra: Pick<RankerFile, "note" | "heldOut"> = {}): RankerFile {
  const view = (v: ViewWeights) => ({
    bias: [...v.bias].map((b) => Math.round(b * 1e4) / 1e4),
    weights: Object.fromEntries(
      [...v.weights]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([f, m]) => [f, [...m].sort((a, b) => a[0] - b[0]).map(([c, w]) => `${c}:${Math.round(w * 1e4) / 1e4}`).join(" ")]),
    ),
  });
  return {
    ...(extra.note ? { note: extra.note } : {}),
    fingerprint: model.fingerprint,
    classes: model.classes,
    views: { chars: view(model.views.chars), pinyin: view(model.views.pinyin) },
    scope: { chars: view(model.scope.chars), pinyin: view(model.scope.pinyin) },
    ...(extra.heldOut ? { heldOut: extra.heldOut } : {}),
  };
}

/** Class probabilities of one view (softmax over the linear scores). */
export function viewProbabilities(v: ViewWeights, x: SparseVector, out = new Float64Array(v.bias.length)): Float64Array {
  out.set(v.bias);
  for (const [f, value] of x) {
    const row = v.weights.get(f);
    if (!row) continue;
    for (const [c, w] of row) out[c]! += w * value;
  }
  let max = -Infinity;
  for (const z of out) if (z > max) max = z;
  let sum = 0;
  for (let c = 0; c < out.length; c++) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
  return out;
}

/**
 * One stochastic gradient step of the softmax loss on one example, in place. Only classes with
 * a noticeable gradient are touched, so the weights stay sparse.
 */
export function gradientStep(v: ViewWeights, x: SparseVector, target: number, rate: number, l2 = 0): Float64Array {
  const p = viewProbabilities(v, x);
  for (let c = 0; c < p.length; c++) {
    const g = p[c]! - (c === target ? 1 : 0);
    if (Math.abs(g) < 1e-3) continue;
    v.bias[c]! -= rate * g * 0.1;
    for (const [f, value] of x) {
      let row = v.weights.get(f);
      if (!row) v.weights.set(f, (row = new Map<number, number>()));
      const w = row.get(c) ?? 0;
      row.set(c, w - rate * (g * value + l2 * w));
    }
  }
  return p;
}

export interface Ranker {
  readonly classes: readonly string[];
  /** Averaged class probabilities over both views, indexed like `classes`. */
  probabilities(x: FeatureViews): Float64Array;
  /** Index of an entry id (or {@link OFF_TOPIC_CLASS}) among `classes`, -1 if unknown. */
  classIndex(id: string): number;
  /** P(the question is not about the briefing), from the binary scope model (both views averaged). */
  outside(x: FeatureViews): number;
  /**
   * Learns one phrasing at once: gradient steps on it until the model ranks `id` first with a
   * clear lead (or a bounded number of steps). Returns the probability it then gives `id`.
   */
  teach(x: FeatureViews, id: string): number;
}

/** Steps taken at most when teaching one phrasing. */
const TEACH_MAX_STEPS = 60;
/** Teaching stops once the taught class has this probability. */
const TEACH_TARGET = 0.8;

export function createRanker(model: RankerModel): Ranker {
  const index = new Map(model.classes.map((c, i) => [c, i]));
  const n = model.classes.length;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  function probabilities(x: FeatureViews): Float64Array {
    viewProbabilities(model.views.chars, x.chars, a);
    viewProbabilities(model.views.pinyin, x.pinyin, b);
    const out = new Float64Array(n);
    for (let c = 0; c < n; c++) out[c] = (a[c]! + b[c]!) / 2;
    return out;
  }
  const two = new Float64Array(2);
  const outside = (x: FeatureViews) =>
    (viewProbabilities(model.scope.chars, x.chars, two)[1]! + viewProbabilities(model.scope.pinyin, x.pinyin, two)[1]!) / 2;
  return {
    classes: model.classes,
    probabilities,
    classIndex: (id) => index.get(id) ?? -1,
    outside,
    teach(x, id) {
      const target = index.get(id);
      if (target === undefined) throw new Error(`the ranker has no class ${id}`);
      const off = id === OFF_TOPIC_CLASS;
      for (let step = 0; step < TEACH_MAX_STEPS; step++) {
        const entryDone = probabilities(x)[target]! >= TEACH_TARGET;
        const scopeDone = off ? outside(x) >= TEACH_TARGET : outside(x) <= 1 - TEACH_TARGET;
        if (entryDone && scopeDone) break;
        for (const name of VIEW_NAMES) {
          if (!entryDone) gradientStep(model.views[name], x[name], target, 0.5);
          if (!scopeDone) gradientStep(model.scope[name], x[name], off ? 1 : 0, 0.5);
        }
      }
      return probabilities(x)[target]!;
    },
  };
}
