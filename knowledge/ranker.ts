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

/**
 * One view's weights as compressed sparse rows: feature `features[r]` has a weight for the
 * classes `classes[offsets[r] .. offsets[r + 1]]`, namely `weights[…]` at the same places.
 * Typed arrays, so that scoring a question is a few hundred multiply-adds and the file parses
 * in milliseconds.
 */
export interface ViewWeights {
  bias: Float64Array;
  features: string[];
  offsets: Int32Array;
  classes: Int32Array;
  weights: Float32Array;
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

/** Builds a view from per-feature rows (class → weight), features in name order. */
export function viewFromRows(bias: Float64Array, rows: ReadonlyMap<string, ReadonlyMap<number, number>>): ViewWeights {
  const features = [...rows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const offsets = new Int32Array(features.length + 1);
  let nnz = 0;
  features.forEach((f, r) => {
    nnz += rows.get(f)!.size;
    offsets[r + 1] = nnz;
  });
  const classes = new Int32Array(nnz);
  const weights = new Float32Array(nnz);
  features.forEach((f, r) => {
    let i = offsets[r]!;
    for (const [c, w] of [...rows.get(f)!].sort((a, b) => a[0] - b[0])) {
      classes[i] = c;
      weights[i++] = w;
    }
  });
  return { bias, features, offsets, classes, weights };
}

/** How many weights a view holds. */
export const weightCount = (v: ViewWeights): number => v.weights.length;

/**
 * A long array of numbers: zod checks only that it is an array (checking 100 000 elements one
 * by one through zod would cost most of the start-up); {@link parseRankerFile} checks every
 * element as it copies it into a typed array.
 */
const numbers = z.custom<number[]>((v) => Array.isArray(v), "must be an array of numbers");

const ViewFileSchema = z
  .object({
    bias: z.array(z.number().finite()),
    features: z.array(z.string()),
    /** `features.length + 1` row starts into `classes` and `weights`. */
    offsets: numbers,
    classes: numbers,
    weights: numbers,
  })
  .strict();

/** Copies `values` into `into`, throwing on anything that is not a finite number (an integer ≥ 0 when `counts`). */
function typed<T extends Int32Array | Float32Array>(values: readonly unknown[], into: T, counts: boolean, what: string): T {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v) || (counts && (!Number.isInteger(v) || v < 0))) {
      throw new Error(`ranker ${what}: element ${i} is ${JSON.stringify(v)}, not ${counts ? "a count" : "a finite number"}`);
    }
    into[i] = v;
  }
  return into;
}

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
  const view = (v: z.infer<typeof ViewFileSchema>, name: string, nClasses: number): ViewWeights => {
    const problem = (what: string) => new Error(`ranker ${name}: ${what}`);
    if (v.bias.length !== nClasses) throw problem(`${v.bias.length} biases for ${nClasses} classes`);
    if (v.offsets.length !== v.features.length + 1 || v.offsets[0] !== 0 || v.offsets.at(-1) !== v.classes.length) throw problem("offsets do not fit the rows");
    if (v.weights.length !== v.classes.length) throw problem(`${v.weights.length} weights for ${v.classes.length} classes`);
    const offsets = typed(v.offsets, new Int32Array(v.offsets.length), true, `${name} offsets`);
    const classes = typed(v.classes, new Int32Array(v.classes.length), true, `${name} classes`);
    const weights = typed(v.weights, new Float32Array(v.weights.length), false, `${name} weights`);
    for (let r = 0; r < v.features.length; r++) if (offsets[r + 1]! < offsets[r]!) throw problem(`row ${r} ends before it starts`);
    for (const c of classes) if (c >= nClasses) throw problem(`a feature names class ${c} of ${nClasses}`);
    return { bias: Float64Array.from(v.bias), features: v.features, offsets, classes, weights };
  };
  const n = file.classes.length;
  return {
    classes: file.classes,
    fingerprint: file.fingerprint,
    views: { chars: view(file.views.chars, "chars", n), pinyin: view(file.views.pinyin, "pinyin", n) },
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

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function serializeRankerModel(model: RankerModel, extra: Pick<RankerFile, "note" | "heldOut"> = {}): RankerFile {
  const view = (v: ViewWeights) => ({
    bias: [...v.bias].map(round4),
    features: v.features,
    offsets: [...v.offsets],
    classes: [...v.classes],
    weights: [...v.weights].map(round4),
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

/**
 * A view ready to score: the committed weights (shared, never changed) with a row index, and
 * this ranker's own taught deltas on top (so teaching one index never changes another).
 */
interface ScoringView {
  base: ViewWeights;
  /** The row of a feature, or undefined when the view has no weights for it. */
  row: (feature: string) => number | undefined;
  bias: Float64Array;
  taught: Map<string, Map<number, number>>;
}

/** Row lookups, made once per committed view however many rankers share it. */
const ROWS = new WeakMap<ViewWeights, (feature: string) => number | undefined>();

/** Whether `features` is strictly increasing in code-unit order (as {@link viewFromRows} writes it). */
function isSorted(features: readonly string[]): boolean {
  for (let i = 1; i < features.length; i++) if (!(features[i - 1]! < features[i]!)) return false;
  return true;
}

/**
 * A feature's row: a binary search over the sorted feature names (no index to build at start-up,
 * which for ~100 000 features cost more than loading the weights), or a Map for a view whose
 * features are not sorted.
 */
function rowLookup(features: readonly string[]): (feature: string) => number | undefined {
  if (!isSorted(features)) {
    const map = new Map(features.map((f, r) => [f, r]));
    return (f) => map.get(f);
  }
  return (f) => {
    let lo = 0;
    let hi = features.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = features[mid]!;
      if (m === f) return mid;
      if (m < f) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
}

function scoringView(base: ViewWeights): ScoringView {
  let row = ROWS.get(base);
  if (!row) ROWS.set(base, (row = rowLookup(base.features)));
  return { base, row, bias: Float64Array.from(base.bias), taught: new Map() };
}

/** Class probabilities of one view (softmax over the linear scores). */
function probabilitiesOf(v: ScoringView, x: SparseVector, out: Float64Array): Float64Array {
  out.set(v.bias);
  const { offsets, classes, weights } = v.base;
  for (const [f, value] of x) {
    const r = v.row(f);
    if (r !== undefined) for (let i = offsets[r]!; i < offsets[r + 1]!; i++) out[classes[i]!]! += weights[i]! * value;
    const taught = v.taught.get(f);
    if (taught) for (const [c, w] of taught) out[c]! += w * value;
  }
  let max = -Infinity;
  for (const z of out) if (z > max) max = z;
  let sum = 0;
  for (let c = 0; c < out.length; c++) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
  return out;
}

/**
 * One stochastic gradient step of the softmax loss on one example, into the taught deltas.
 * Only classes with a noticeable gradient are touched, so the deltas stay small.
 */
function gradientStep(v: ScoringView, x: SparseVector, target: number, rate: number, scratch: Float64Array): void {
  const p = probabilitiesOf(v, x, scratch);
  for (let c = 0; c < p.length; c++) {
    const g = p[c]! - (c === target ? 1 : 0);
    if (Math.abs(g) < 1e-3) continue;
    v.bias[c]! -= rate * g * 0.1;
    for (const [f, value] of x) {
      let row = v.taught.get(f);
      if (!row) v.taught.set(f, (row = new Map<number, number>()));
      row.set(c, (row.get(c) ?? 0) - rate * g * value);
    }
  }
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

/**
 * A ranker over `model`. The model's weights are shared and never changed: what this ranker is
 * taught is kept in its own deltas, so one process's teaching never leaks into another index.
 */
export function createRanker(model: RankerModel): Ranker {
  const index = new Map(model.classes.map((c, i) => [c, i]));
  const n = model.classes.length;
  const views = { chars: scoringView(model.views.chars), pinyin: scoringView(model.views.pinyin) };
  const scope = { chars: scoringView(model.scope.chars), pinyin: scoringView(model.scope.pinyin) };
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const scratch = new Float64Array(n);
  function probabilities(x: FeatureViews): Float64Array {
    probabilitiesOf(views.chars, x.chars, a);
    probabilitiesOf(views.pinyin, x.pinyin, b);
    const out = new Float64Array(n);
    for (let c = 0; c < n; c++) out[c] = (a[c]! + b[c]!) / 2;
    return out;
  }
  const two = new Float64Array(2);
  const scratchTwo = new Float64Array(2);
  const outside = (x: FeatureViews) => (probabilitiesOf(scope.chars, x.chars, two)[1]! + probabilitiesOf(scope.pinyin, x.pinyin, two)[1]!) / 2;
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
          if (!entryDone) gradientStep(views[name], x[name], target, 0.5, scratch);
          if (!scopeDone) gradientStep(scope[name], x[name], off ? 1 : 0, 0.5, scratchTwo);
        }
      }
      return probabilities(x)[target]!;
    },
  };
}
