/**
 * Fits the learned ranker (ranker.ts) offline: multinomial logistic regression by stochastic
 * gradient descent with L2, one model per feature view, on dense arrays (fast), then pruned to
 * the weights that matter (small: the file is committed). Used by `npm run kb:calibrate`.
 *
 * Training examples come from {@link trainingExamples}: each entry's question, alternates and
 * topic, each keyword as an example of its own, the labelled training questions, and the
 * off-topic questions as the off-topic class.
 */
import type { KnowledgeBase } from "./load-knowledge.js";
import { VIEW_NAMES } from "./ranker-features.js";
import type { FeatureViews, SparseVector } from "./ranker-features.js";
import { OFF_TOPIC_CLASS, fingerprintOf, viewFromRows } from "./ranker.js";
import type { RankerModel, ViewWeights } from "./ranker.js";

export interface LabelledText {
  text: string;
  /** An entry id, or null for a question the briefing does not cover. */
  label: string | null;
  /** How much the example counts (keywords less than whole questions). */
  weight?: number;
  /** One of the knowledge base's own texts (question, alternate, topic, keyword). */
  knowledge?: boolean;
}

export interface TrainingExample {
  x: FeatureViews;
  target: number;
  weight: number;
  /** One of the knowledge base's own texts, rather than a merchant's question. */
  knowledge?: boolean;
}

/** Keywords are fragments, not questions: they teach the vocabulary but weigh less. */
const KEYWORD_WEIGHT = 0.5;

/** The knowledge base's own texts as training examples (question, alternates, topic and English topic, each keyword). */
export function knowledgeTexts(kb: KnowledgeBase, skipAlternate?: (entryId: string, i: number) => boolean): LabelledText[] {
  const out: LabelledText[] = [];
  for (const e of kb.entries) {
    out.push({ text: e.question, label: e.id, knowledge: true });
    e.alternates.forEach((a, i) => {
      if (!skipAlternate?.(e.id, i)) out.push({ text: a, label: e.id, knowledge: true });
    });
    out.push({ text: e.topic.replace(/[·・]/g, " "), label: e.id, knowledge: true });
    // The English topic too, counted like a keyword: English questions share few words with
    // the Chinese phrasings, but a short title's everyday words ("fast", "card") must not pull
    // an off-topic English question to an entry.
    if (e.topicEn !== undefined) out.push({ text: e.topicEn, label: e.id, weight: KEYWORD_WEIGHT, knowledge: true });
    for (const k of e.keywords) out.push({ text: k, label: e.id, weight: KEYWORD_WEIGHT, knowledge: true });
  }
  return out;
}

export function classesOf(kb: KnowledgeBase): string[] {
  return [...kb.entries.map((e) => e.id), OFF_TOPIC_CLASS];
}

export interface TrainOptions {
  epochs?: number;
  rate?: number;
  l2?: number;
  /** Weights smaller than this are dropped after fitting. */
  prune?: number;
  /**
   * How much an off-topic question counts in the entry model. There are far more of them than
   * questions per entry, and at full weight the off-topic class would take probability from
   * every entry a question only partly matches; the binary scope model counts them in full.
   */
  offTopicWeight?: number;
  seed?: number;
}

/** A small deterministic PRNG, so a re-fit gives the same weights. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

function trainView(examples: Array<{ x: SparseVector; target: number; weight: number }>, nClasses: number, o: Required<TrainOptions>): ViewWeights {
  const featureIndex = new Map<string, number>();
  const rows = examples.map((ex) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, v] of ex.x) {
      let k = featureIndex.get(f);
      if (k === undefined) featureIndex.set(f, (k = featureIndex.size));
      idx.push(k);
      val.push(v);
    }
    return { idx, val, target: ex.target, weight: ex.weight };
  });
  const C = nClasses;
  const W = new Float32Array(featureIndex.size * C);
  const bias = new Float64Array(C);
  const z = new Float64Array(C);
  const order = rows.map((_, i) => i);
  const rnd = prng(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = o.rate / (1 + epoch / 4);
    for (const r of order) {
      const { idx, val, target, weight } = rows[r]!;
      z.set(bias);
      for (let k = 0; k < idx.length; k++) {
        const base = idx[k]! * C;
        const v = val[k]!;
        for (let c = 0; c < C; c++) z[c]! += W[base + c]! * v;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) if (z[c]! > max) max = z[c]!;
      let sum = 0;
      for (let c = 0; c < C; c++) sum += z[c] = Math.exp(z[c]! - max);
      for (let c = 0; c < C; c++) z[c] = (z[c]! / sum - (c === target ? 1 : 0)) * weight;
      for (let c = 0; c < C; c++) bias[c]! -= rate * z[c]! * 0.1;
      for (let k = 0; k < idx.length; k++) {
        const base = idx[k]! * C;
        const v = val[k]!;
        for (let c = 0; c < C; c++) W[base + c] = W[base + c]! - rate * (z[c]! * v + o.l2 * W[base + c]!);
      }
    }
  }
  const kept = new Map<string, Map<number, number>>();
  for (const [f, k] of featureIndex) {
    const row = new Map<number, number>();
    for (let c = 0; c < C; c++) {
      const w = W[k * C + c]!;
      if (Math.abs(w) >= o.prune) row.set(c, w);
    }
    if (row.size > 0) kept.set(f, row);
  }
  return viewFromRows(bias, kept);
}

/**
 * The binary scope model sees the knowledge base's own texts as a little in-scope evidence and
 * the questions as the real thing; off-topic questions are few, so each counts more.
 */
const SCOPE_KNOWLEDGE_WEIGHT = 0.3;
const SCOPE_OFF_TOPIC_WEIGHT = 3;

const DEFAULTS: Required<TrainOptions> = { epochs: 15, rate: 3, l2: 1e-4, prune: 0.2, seed: 1, offTopicWeight: 0.3 };

/**
 * Fits both views on featurised examples; `classes` are entry ids then the off-topic class.
 * Examples marked `knowledge` are the entries' own texts (they weigh less in the scope model).
 */
export function trainRanker(examples: TrainingExample[], classes: string[], options: TrainOptions = {}): RankerModel {
  const o = { ...DEFAULTS, ...options };
  const entryIds = classes.filter((c) => c !== OFF_TOPIC_CLASS);
  const off = classes.indexOf(OFF_TOPIC_CLASS);
  const views = Object.fromEntries(
    VIEW_NAMES.map((name) => [
      name,
      trainView(examples.map((e) => ({ x: e.x[name], target: e.target, weight: e.weight * (e.target === off ? o.offTopicWeight : 1) })), classes.length, o),
    ]),
  ) as RankerModel["views"];
  const scopeWeight = (e: TrainingExample) => (e.target === off ? SCOPE_OFF_TOPIC_WEIGHT : e.knowledge ? SCOPE_KNOWLEDGE_WEIGHT : 1) * e.weight;
  const scope = Object.fromEntries(
    VIEW_NAMES.map((name) => [name, trainView(examples.map((e) => ({ x: e.x[name], target: e.target === off ? 1 : 0, weight: scopeWeight(e) })), 2, o)]),
  ) as RankerModel["scope"];
  return { classes, fingerprint: fingerprintOf(entryIds), views, scope };
}
