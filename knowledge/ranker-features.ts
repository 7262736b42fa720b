/**
 * What the learned ranker sees of a question: two sparse views of the prepared text (after
 * normalisation and synonym rewriting), each an L2-normalised bag of features.
 *
 * - `chars`: every Chinese character and character bigram, the domain words of the lexicon
 *   (保障升级服务, 交易准入中心 …), English words (stemmed) and numbers;
 * - `pinyin`: the same text read as toneless pinyin syllables and syllable pairs, plus the
 *   English words and numbers. A homophone typo from a pinyin keyboard (保账升级, 申述, 服务份)
 *   changes the characters but not the sound, so this view still recognises the question.
 *
 * Long messages carry context around the question ("我上周刚把保障升级服务开了，老板说不要了，能
 * 不能马上关掉"): the clause that asks (see {@link askingClause}) is counted twice, so the
 * features of what is asked weigh more than those of the story around it.
 *
 * How the views are used: docs/matching.md.
 */
import { normalizeClauses } from "./normalize-text.js";
import { syllableOf } from "./pinyin-syllables.js";
import { stemEnglish, ENGLISH_STOPWORDS } from "./tokenize.js";
import type { Lexicon } from "./tokenize.js";

/** Feature name → value; names carry their kind as a prefix (`c:` char, `b:` bigram, `w:` word, `e:` English, `n:` number, `p:`/`q:` pinyin). */
export type SparseVector = Map<string, number>;

export interface FeatureViews {
  chars: SparseVector;
  pinyin: SparseVector;
}

export const VIEW_NAMES = ["chars", "pinyin"] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/gu;
const LATIN = /[a-z][a-z0-9]*/gu;
const NUMBER = /\d+(?:\.\d+)?%?/gu;

function add(v: SparseVector, name: string, by: number): void {
  v.set(name, (v.get(name) ?? 0) + by);
}

function latinAndNumbers(text: string, v: SparseVector, by: number): void {
  for (const m of text.matchAll(LATIN)) {
    if (ENGLISH_STOPWORDS.has(m[0])) continue;
    add(v, `e:${stemEnglish(m[0])}`, by);
  }
  for (const m of text.matchAll(NUMBER)) add(v, `n:${m[0]}`, by);
}

function charFeatures(prepared: string, lexicon: Lexicon, v: SparseVector, by: number): void {
  for (const m of prepared.matchAll(CJK_RUN)) {
    const run = m[0];
    for (let i = 0; i < run.length; i++) {
      add(v, `c:${run[i]!}`, by);
      if (i + 1 < run.length) add(v, `b:${run.slice(i, i + 2)}`, by);
      for (let len = 3; len <= lexicon.maxLength && i + len <= run.length; len++) {
        const w = run.slice(i, i + len);
        if (lexicon.words.has(w)) add(v, `w:${w}`, by);
      }
    }
  }
  latinAndNumbers(prepared, v, by);
}

function pinyinFeatures(prepared: string, v: SparseVector, by: number): void {
  for (const m of prepared.matchAll(CJK_RUN)) {
    const syllables = Array.from(m[0], syllableOf);
    for (let i = 0; i < syllables.length; i++) {
      add(v, `p:${syllables[i]!}`, by);
      if (i + 1 < syllables.length) add(v, `q:${syllables[i]!}_${syllables[i + 1]!}`, by);
    }
  }
  latinAndNumbers(prepared, v, by);
}

function normalise(v: SparseVector): SparseVector {
  let sum = 0;
  for (const x of v.values()) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

/** Both views of a prepared question; `asking`, when given, is the prepared asking clause (counted twice). */
export function featurize(prepared: string, lexicon: Lexicon, asking?: string): FeatureViews {
  const chars: SparseVector = new Map();
  const pin: SparseVector = new Map();
  charFeatures(prepared, lexicon, chars, 1);
  pinyinFeatures(prepared, pin, 1);
  if (asking && asking !== prepared) {
    charFeatures(asking, lexicon, chars, 1);
    pinyinFeatures(asking, pin, 1);
  }
  return { chars: normalise(chars), pinyin: normalise(pin) };
}

/** Words that mark a clause as the one that asks (Chinese question words and particles). */
const ASKING_ZH = /吗|么|呢|怎|多久|多少|多长|几|哪|什么|啥|咋|能不能|可不可以|可以不|是不是|是否|有没有|会不会|要不要|行不行|能否|如何|还能|还可以|需不需要|算不算|对不对|[?？]/u;
const ASKING_EN = /^(how|what|when|where|which|who|why|can|could|is|are|do|does|did|will|would|should|may|must|am)\b/u;
/** Clause boundaries in what the merchant typed (before normalisation folds punctuation away); not the `.` or `,` inside 1.8万 or 20,000. */
const CLAUSE_SPLIT = /[，。!！;；\n…~～]+|[,.](?!\d)|(?<!\d)[,.]|(?<=[?？])/u;

/** Whether a text asks something (a question word, or a question mark before normalisation), rather than naming a topic. */
export function isAsking(text: string): boolean {
  return ASKING_ZH.test(text) || ASKING_EN.test(text.trim().toLowerCase());
}

/** Whether normalised text carries a question word (a question mark alone does not count: "找工厂榜单？" names a topic). */
export function hasQuestionWord(normalized: string): boolean {
  return ASKING_ZH.test(normalized.replace(/[?？]/gu, "")) || ASKING_EN.test(normalized);
}

/**
 * The clause of a message that asks the question, when the message has several clauses and
 * one of them asks: the last asking clause, with the clause before it when it is too short to
 * stand alone ("怎么办"). Clauses are read normalised, so greetings and thanks around the
 * question are no clauses at all and never change which one asks. `undefined` for one-clause
 * messages, where there is nothing to weigh.
 */
export function askingClause(raw: string): string | undefined {
  const clauses = normalizeClauses(raw, CLAUSE_SPLIT);
  if (clauses.length < 2) return undefined;
  for (let i = clauses.length - 1; i >= 0; i--) {
    const c = clauses[i]!;
    if (!isAsking(c)) continue;
    const cjk = (c.match(/[\u3400-\u9fff]/gu) ?? []).length;
    const latinWords = (c.match(/[a-z]+/gu) ?? []).length;
    if (cjk < 6 && latinWords < 4 && i > 0) return `${clauses[i - 1]!} ${c}`;
    return c;
  }
  return undefined;
}
