/**
 * The question matcher: an inverted index over every entry's question, alternates, topic,
 * keywords and answer, ranked by how much of the merchant's question an entry explains and how
 * close it is to one of the entry's phrasings, re-ranked with fuse.js fuzzy matching on the
 * short candidate list, fused with the learned ranker's probability (ranker.ts), and mapped to
 * one calibrated confidence. The stages, and which file holds each: docs/matching.md.
 *
 * Build it once at start-up with {@link buildSearchIndex}; {@link SearchIndex.search} is
 * synchronous and allocation-light so it can answer every message in well under a millisecond.
 */
import Fuse from "fuse.js";
import type { KnowledgeBase, KnowledgeEntry } from "./load-knowledge.js";
import type { Synonyms } from "./load-synonyms.js";
import { normalizeText } from "./normalize-text.js";
import { pinyinSpelling } from "./pinyin-spelling.js";
import { buildLexicon, ENGLISH_STOPWORDS, characterWeights, tokenize } from "./tokenize.js";
import type { Lexicon, Token } from "./tokenize.js";
import { CALIBRATION_PROFILES, choiceProbability, scopeProbability } from "./calibration.js";
import type { Calibration } from "./calibration.js";
import { askingClause, featurize } from "./ranker-features.js";
import type { FeatureViews } from "./ranker-features.js";
import { OFF_TOPIC_CLASS, createRanker, fingerprintOf, loadRankerModel } from "./ranker.js";
import type { Ranker, RankerModel } from "./ranker.js";

/** Why a candidate scored what it did: shown to support staff by /search, used for calibration. */
export interface MatchFeatures {
  /** Share of the question (each character weighted by how informative it is) the entry's own wording explains. */
  coverage: number;
  /** The same, counting the entry's answer text too. */
  coverageWithAnswer: number;
  /** IDF-weighted Jaccard similarity to the closest phrasing (question, alternate or topic). */
  phraseSimilarity: number;
  /** 1 − fuse.js score of the closest phrasing (fuzzy, typo-tolerant). */
  fuzzy: number;
  /** Share of the question's information that no entry at all explains (words the briefing never uses). */
  unknown: number;
  /** How specific the rarest term shared with the entry's own wording is (its IDF over the largest IDF), 0..1. */
  evidence: number;
  /**
   * How many other entries explain the question about as well as this one (coverage within
   * 0.05), as a share of {@link RIVALS_CAP}: a vague question ("金品") has many, a precise one few.
   */
  rivals: number;
  /** The learned ranker's probability that this entry answers the question (0 without a ranker). */
  learned: number;
  /** The learned ranker's probability that the question is off-topic (0 without a ranker). */
  offTopic: number;
  /** The binary scope model's probability that the question is not about the briefing (0 without a ranker). */
  outside: number;
}

export interface Candidate {
  entry: KnowledgeEntry;
  /** Ranking score (not a probability). */
  score: number;
  /** Calibrated probability that this entry answers the question: inScope × P(right | in scope). */
  confidence: number;
  /** Calibrated probability that the question is one the knowledge base covers at all. */
  inScope: number;
  /** Ranking lead over the best other candidate (negative for all but the first). */
  margin: number;
  features: MatchFeatures;
  /** The phrasing that matched best. */
  matchedPhrasing: string;
}

export interface SearchResult {
  /** The question after normalisation and synonym rewriting. */
  normalized: string;
  candidates: Candidate[];
}

interface Phrasing {
  text: string;
  /** `text` normalised and rewritten, as fuse.js sees it. */
  prepared: string;
  terms: Map<string, number>; // term → idf, filled after df is known
  weightSum: number;
}

interface IndexedEntry {
  entry: KnowledgeEntry;
  phrasings: Phrasing[];
  vocab: Set<string>;
  answerVocab: Set<string>;
}

export interface SearchIndex {
  readonly size: number;
  /** The ranking weights, confidence model and thresholds this index uses. */
  readonly calibration: Calibration;
  /** Ranks entries for a question; `limit` candidates at most, best first. */
  search(question: string, limit?: number): SearchResult;
  /** Normalises and rewrites text exactly as questions are (for tests and tools). */
  prepare(text: string): string;
  /** The learned ranker's view of a question (its asking clause weighed twice). */
  featurize(question: string): FeatureViews;
  /** The learned ranker, when the knowledge base has fitted weights. */
  readonly ranker: Ranker | undefined;
  /**
   * Teaches the ranker that `question` is answered by `entryId` (null: off-topic), at once.
   * Returns the probability the ranker then gives it, or undefined when there is no ranker.
   * @throws Error for an entry id the ranker does not know.
   */
  teach(question: string, entryId: string | null): number | undefined;
}

/**
 * The committed ranker weights, read once; `undefined` when there are none. A knowledge base
 * whose entries they were not fitted for (a test fixture, a new briefing before its first fit)
 * gets no ranker and the matcher-only calibration.
 */
let committedModel: RankerModel | undefined | null = null;
function committedRankerFor(kb: KnowledgeBase): RankerModel | undefined {
  if (committedModel === null) committedModel = loadRankerModel();
  if (!committedModel || committedModel.fingerprint !== fingerprintOf(kb.entries.map((e) => e.id))) return undefined;
  // Shared: each index's ranker keeps what it is taught to itself (createRanker).
  return committedModel;
}

export interface IndexOptions {
  /** Ranker weights to use; `null` for none; by default the committed ones when they fit the knowledge base. */
  ranker?: RankerModel | null;
  /** The numbers to use; by default the committed profile for an index with or without a ranker. */
  calibration?: Calibration;
  /** Precomputed {@link IndexData} for exactly this knowledge base and these synonyms (the index snapshot); computed when omitted. */
  data?: IndexData;
}

/** How far down the cheap pre-ranking a candidate may sit and still be scored in full. */
const PRE_RANK_LIMIT = 24;
/** Terms in more than this share of entries do not nominate candidates (see `search`). */
const COMMON_TERM_SHARE = 0.2;
/** Rivals beyond this many do not make a question any vaguer. */
export const RIVALS_CAP = 5;
/** How many of the fully scored candidates fuse.js re-ranks. */
const FUZZY_RERANK_LIMIT = 3;
/** How many of the ranker's most probable entries join the shortlist, whatever the pre-ranking says. */
const LEARNED_SHORTLIST = 6;
/** The ranker's probability at which it may nominate entries for a question that shares no indexed term with any. */
const RANKER_SURE = 0.5;

/**
 * What {@link buildSearchIndex} derives from the knowledge base and the synonyms before it can
 * answer: plain data (Maps, Sets, arrays), so that `npm run build` can compute it once and store
 * it in the index snapshot (index-snapshot.ts). `entries[i]` belongs to `kb.entries[i]`.
 */
export interface IndexData {
  /** The entry ids, in order (a check that the data belongs to the knowledge base it is used with). */
  entryIds: string[];
  lexicon: Lexicon;
  entries: Omit<IndexedEntry, "entry">[];
  /** Document frequency of each term over entries. */
  df: Map<string, number>;
  /** Term → the entries (by position) that contain it. */
  postings: Map<string, number[]>;
}

/**
 * How questions and entries are read before they are tokenised: normalised, domain words typed
 * in pinyin respelled ("jinpin" → 金品, pinyin-spelling.ts), then the synonyms applied.
 * `prepareNormalized` is the same for text normalised already (a long message's asking clause).
 */
export function textPreparer(kb: KnowledgeBase, synonyms: Synonyms): TextPreparer {
  // Built once for a knowledge base and vocabulary: the index data and the index both read with it.
  let byVocabulary = preparers.get(kb);
  if (!byVocabulary) preparers.set(kb, (byVocabulary = new WeakMap()));
  let preparer = byVocabulary.get(synonyms);
  if (!preparer) byVocabulary.set(synonyms, (preparer = buildTextPreparer(kb, synonyms)));
  return preparer;
}

interface TextPreparer {
  prepare: (text: string) => string;
  prepareNormalized: (normalized: string) => string;
}

const preparers = new WeakMap<KnowledgeBase, WeakMap<Synonyms, TextPreparer>>();

function buildTextPreparer(kb: KnowledgeBase, synonyms: Synonyms): TextPreparer {
  // A spelling that is a word of the entries' own English (or an English stopword) stays English.
  const english = new Set<string>(ENGLISH_STOPWORDS);
  for (const e of kb.entries) {
    for (const text of [e.answerEn, ...e.alternates]) for (const w of text.toLowerCase().match(/[a-z]+/gu) ?? []) english.add(w);
  }
  // Keywords are written in simplified characters already; only the all-Chinese ones are spelled.
  const respell = pinyinSpelling([...synonyms.terms, ...kb.entries.flatMap((e) => e.keywords)], english);
  const prepareNormalized = (normalized: string) => synonyms.rewrite(respell(normalized));
  return { prepare: (text: string) => prepareNormalized(normalizeText(text)), prepareNormalized };
}

/** Computes the {@link IndexData} of a knowledge base: the costly part of building the index. */
export function computeIndexData(kb: KnowledgeBase, synonyms: Synonyms): IndexData {
  const { prepare } = textPreparer(kb, synonyms);
  // The domain words: every keyword and synonym term, as they read after rewriting.
  const lexicon: Lexicon = buildLexicon([...kb.entries.flatMap((e) => e.keywords).map(prepare), ...synonyms.canonicals]);
  const termsOf = (prepared: string) => new Set(tokenize(prepared, lexicon).map((t) => t.term));

  const entries = kb.entries.map((entry) => {
    const phrasingTexts = [entry.question, ...entry.alternates, entry.topic.replace(/[·・]/g, " ")];
    const phrasings: Phrasing[] = phrasingTexts.map((text) => ({ text, prepared: prepare(text), terms: new Map(), weightSum: 0 }));
    const vocab = new Set<string>();
    for (const p of phrasings) for (const t of termsOf(p.prepared)) vocab.add(t);
    for (const k of entry.keywords) for (const t of termsOf(prepare(k))) vocab.add(t);
    const answerVocab = termsOf(prepare(entry.answer));
    return { phrasings, vocab, answerVocab };
  });

  // Document frequency over entries (an entry counts once however many phrasings repeat a term).
  const df = new Map<string, number>();
  const postings = new Map<string, number[]>();
  entries.forEach((ie, i) => {
    for (const t of new Set([...ie.vocab, ...ie.answerVocab])) {
      df.set(t, (df.get(t) ?? 0) + 1);
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(i);
    }
  });
  const idf = idfOver(df, entries.length);
  for (const ie of entries) {
    for (const p of ie.phrasings) {
      for (const t of termsOf(p.prepared)) p.terms.set(t, idf(t));
      p.weightSum = [...p.terms.values()].reduce((a, b) => a + b, 0);
    }
  }
  return { entryIds: kb.entries.map((e) => e.id), lexicon, entries, df, postings };
}

/** A term's inverse document frequency over `n` entries. */
function idfOver(df: ReadonlyMap<string, number>, n: number): (t: string) => number {
  return (t: string) => {
    const d = df.get(t) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
}

export function buildSearchIndex(kb: KnowledgeBase, synonyms: Synonyms, options: IndexOptions = {}): SearchIndex {
  const model = options.ranker === undefined ? committedRankerFor(kb) : (options.ranker ?? undefined);
  const ranker = model ? createRanker(model) : undefined;
  const calibration = options.calibration ?? (ranker ? CALIBRATION_PROFILES.withRanker : CALIBRATION_PROFILES.matcherOnly);
  const rank = (f: MatchFeatures) => rankScore(f, calibration);
  const { prepare, prepareNormalized } = textPreparer(kb, synonyms);
  const data = options.data ?? computeIndexData(kb, synonyms);
  if (data.entryIds.length !== kb.entries.length || data.entryIds.some((id, i) => kb.entries[i]!.id !== id)) {
    throw new Error("search index: the precomputed index data belongs to other knowledge entries");
  }
  const { lexicon, df, postings } = data;
  const indexed: IndexedEntry[] = data.entries.map((ie, i) => ({ entry: kb.entries[i]!, ...ie }));
  const n = indexed.length;
  const idf = idfOver(df, n);

  const fuseOptions = {
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.6,
    useTokenSearch: true,
    tokenize: (s: string) => tokenize(s, lexicon).map((t) => t.term),
  } as const;

  const unknownIdf = idf("\u0000never-indexed");

  // The ranker's class of each entry (-1: not one it was fitted for) and its off-topic class.
  const classOfEntry = Int32Array.from(indexed, (ie) => ranker?.classIndex(ie.entry.id) ?? -1);
  const entryOfClass = new Map<number, number>();
  classOfEntry.forEach((c, i) => c >= 0 && entryOfClass.set(c, i));
  const entryClasses = [...entryOfClass.keys()];
  const offTopicClass = ranker?.classIndex(OFF_TOPIC_CLASS) ?? -1;
  const featurizeQuestion = (question: string, normalized = prepare(question)): FeatureViews => {
    // The asking clause comes back normalised already: only the respelling and the synonyms are left to apply.
    const asking = askingClause(question);
    return featurize(normalized, lexicon, asking === undefined ? undefined : prepareNormalized(asking));
  };

  /**
   * How much each character of the question tells: the highest IDF among the indexed terms that
   * cover it (a character no indexed term covers weighs as much as an unseen term), scaled down
   * for function characters and zero for spaces and English stopwords. Cross-word bigrams that
   * were never indexed ("务加" in 服务加入) do not count against a character another term explains.
   */
  function informativeness(text: string, tokens: Token[]): { weights: Float64Array; unknownShare: number } {
    const base = characterWeights(text);
    const best = new Float64Array(text.length);
    for (const tok of tokens) {
      if (!df.has(tok.term)) continue;
      const w = idf(tok.term);
      for (let i = tok.start; i < tok.end; i++) if (w > best[i]!) best[i] = w;
    }
    let total = 0;
    let unknown = 0;
    for (let i = 0; i < best.length; i++) {
      const known = best[i]! > 0;
      best[i] = base[i]! * (known ? best[i]! : unknownIdf);
      total += best[i]!;
      if (!known) unknown += best[i]!;
    }
    return { weights: best, unknownShare: total > 0 ? unknown / total : 0 };
  }

  /**
   * Weighted shares of the question's characters covered by the entry's own wording and by its
   * wording or answer, in one pass. `covered` is a scratch buffer (2 = own wording, 1 = answer).
   */
  function coverage(tokens: Token[], weights: Float64Array, total: number, ie: IndexedEntry, covered: Uint8Array): [number, number] {
    if (total === 0) return [0, 0];
    covered.fill(0, 0, weights.length);
    for (const tok of tokens) {
      const level = ie.vocab.has(tok.term) ? 2 : ie.answerVocab.has(tok.term) ? 1 : 0;
      if (level === 0) continue;
      for (let i = tok.start; i < tok.end; i++) if (covered[i]! < level) covered[i] = level;
    }
    let own = 0;
    let any = 0;
    for (let i = 0; i < weights.length; i++) {
      const c = covered[i]!;
      if (c === 0) continue;
      any += weights[i]!;
      if (c === 2) own += weights[i]!;
    }
    return [own / total, any / total];
  }

  function search(question: string, limit = 5): SearchResult {
    const normalized = prepare(question);
    const tokens = tokenize(normalized, lexicon);
    if (tokens.length === 0) return { normalized, candidates: [] };
    const { weights, unknownShare: unknown } = informativeness(normalized, tokens);
    const total = weights.reduce((a, b) => a + b, 0);
    const qTerms = new Map<string, number>();
    for (const tok of tokens) qTerms.set(tok.term, idf(tok.term));
    const qWeight = [...qTerms.values()].reduce((a, b) => a + b, 0);

    // Cheap pre-ranking from the postings: the summed IDF of shared terms. Terms found in more
    // than a fifth of the entries (怎么, 服务) nominate no candidate on their own (their postings
    // are what makes a large knowledge base slow), unless the question has nothing rarer.
    const common = (term: string) => (df.get(term) ?? 0) > n * COMMON_TERM_SHARE;
    const hasRare = [...qTerms.keys()].some((t) => df.has(t) && !common(t));
    const pre = new Float64Array(n);
    const touched: number[] = [];
    for (const [term, w] of qTerms) {
      const list = postings.get(term);
      if (!list || (hasRare && common(term))) continue;
      for (const i of list) {
        if (pre[i] === 0) touched.push(i);
        pre[i]! += indexed[i]!.vocab.has(term) ? w : 0.4 * w;
      }
    }
    const shortlist = topK(touched, (i) => pre[i]!, PRE_RANK_LIMIT);

    // The learned ranker: its probabilities, and its most probable entries join the shortlist.
    const views = ranker ? featurizeQuestion(question, normalized) : undefined;
    const learned = ranker && views ? ranker.probabilities(views) : undefined;
    const outside = ranker && views ? ranker.outside(views) : 0;
    // A question that shares no indexed term with any entry ("zzqxj") gets the ranker's entries
    // only when the ranker itself is sure of one (a typo'd question it still recognises).
    const byProbability = learned ? topK(entryClasses, (c) => learned[c]!, LEARNED_SHORTLIST) : [];
    const rankerSure = learned !== undefined && byProbability.length > 0 && learned[byProbability[0]!]! >= RANKER_SURE;
    if (learned && (touched.length > 0 || rankerSure)) {
      const listed = new Set(shortlist);
      for (const c of byProbability) {
        const i = entryOfClass.get(c)!;
        if (!listed.has(i)) shortlist.push(i);
      }
    }
    const offTopic = learned && offTopicClass >= 0 ? learned[offTopicClass]! : 0;

    const scratch = new Uint8Array(normalized.length);
    const scored = shortlist.map((i) => {
      const ie = indexed[i]!;
      let best = 0;
      let bestPhrasing = ie.phrasings[0]!;
      for (const p of ie.phrasings) {
        let inter = 0;
        for (const [t, w] of qTerms) if (p.terms.has(t)) inter += w;
        const sim = inter / (qWeight + p.weightSum - inter || 1);
        if (sim > best) {
          best = sim;
          bestPhrasing = p;
        }
      }
      const [own, withAnswer] = coverage(tokens, weights, total, ie, scratch);
      let evidence = 0;
      for (const [t, w] of qTerms) if (ie.vocab.has(t) && w > evidence) evidence = w;
      const features: MatchFeatures = {
        evidence: evidence / unknownIdf,
        coverage: own,
        coverageWithAnswer: withAnswer,
        phraseSimilarity: best,
        fuzzy: 0,
        unknown,
        rivals: 0,
        learned: learned && classOfEntry[i]! >= 0 ? learned[classOfEntry[i]!]! : 0,
        offTopic,
        outside,
      };
      return { ie, features, bestPhrasing, score: rank(features) };
    });
    for (const s of scored) {
      let n = 0;
      for (const o of scored) if (o !== s && o.features.coverage >= s.features.coverage - 0.05) n++;
      s.features.rivals = Math.min(n, RIVALS_CAP) / RIVALS_CAP;
    }
    scored.sort((a, b) => b.score - a.score);

    // fuse.js re-ranks the head of the list: fuzzy (typo-tolerant) similarity to each
    // candidate's closest phrasing. A handful of short records, so building a Fuse instance per
    // question costs less than scanning a prebuilt one over every phrasing.
    const head = scored.slice(0, FUZZY_RERANK_LIMIT);
    if (head.length > 0) {
      const docs = head.map((s, k) => ({ k, text: s.bestPhrasing.prepared }));
      const fuse = new Fuse(docs, { ...fuseOptions, keys: ["text"] });
      for (const r of fuse.search(normalized)) {
        const s = head[r.item.k]!;
        s.features.fuzzy = Math.max(s.features.fuzzy, 1 - (r.score ?? 1));
      }
      for (const s of head) s.score = rank(s.features);
      head.sort((a, b) => b.score - a.score);
    }
    const ordered = [...head, ...scored.slice(FUZZY_RERANK_LIMIT)];
    const candidates = ordered.slice(0, limit).map((s, k) => {
      const margin = s.score - (k === 0 ? (ordered[1]?.score ?? 0) : ordered[0]!.score);
      const inScope = scopeProbability(s.features, calibration);
      return {
        entry: s.ie.entry,
        score: s.score,
        confidence: inScope * choiceProbability(s.features, margin, calibration),
        inScope,
        margin,
        features: s.features,
        matchedPhrasing: s.bestPhrasing.text,
      };
    });
    return { normalized, candidates };
  }

  return {
    size: n,
    calibration,
    search,
    prepare,
    featurize: (q) => featurizeQuestion(q),
    ranker,
    teach: (question, entryId) => ranker?.teach(featurizeQuestion(question), entryId ?? OFF_TOPIC_CLASS),
  };
}

/** The `k` items with the highest score, best first, without sorting them all. */
function topK(items: readonly number[], score: (i: number) => number, k: number): number[] {
  const best: number[] = [];
  for (const i of items) {
    const s = score(i);
    if (best.length === k && s <= score(best[k - 1]!)) continue;
    let at = best.length;
    while (at > 0 && score(best[at - 1]!) < s) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

/** The ranking score: a weighted sum of the features (weights in calibration.json). */
export function rankScore(f: MatchFeatures, c: Calibration): number {
  const w = c.rank;
  return (
    w.coverage * f.coverage + w.coverageWithAnswer * f.coverageWithAnswer + w.phraseSimilarity * f.phraseSimilarity + w.fuzzy * f.fuzzy + w.learned * f.learned
  );
}
