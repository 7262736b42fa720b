/**
 * Splits normalised text into positioned index terms: for Chinese, every character bigram plus
 * the domain words of a lexicon found in the text (forward lookup over the knowledge base's
 * keywords and synonym terms: 保障升级服务, 交易准入中心, 一达通 …); for Latin script, lower-cased
 * words with a light plural stem; numbers as they are. Positions let the matcher measure how
 * much of a question an entry explains.
 *
 * Why a domain lexicon rather than `Intl.Segmenter`: the general-purpose segmenter splits the
 * words that matter here (发货 → 发|货, 入驻 → 入|驻), knows none of the programme names, and
 * costs more than everything else in building the index; bigrams already give it no recall to add.
 */

export interface Token {
  term: string;
  start: number;
  end: number;
}

/** Multi-character Chinese domain words to emit as whole terms, besides the bigrams. */
export interface Lexicon {
  words: ReadonlySet<string>;
  maxLength: number;
}

/** Builds a lexicon from candidate words (Chinese runs of 3 to 12 characters are kept). */
export function buildLexicon(candidates: Iterable<string>): Lexicon {
  const words = new Set<string>();
  for (const w of candidates) if (/^[\u3400-\u9fff\uf900-\ufaff]{3,12}$/u.test(w)) words.add(w);
  let maxLength = 0;
  for (const w of words) maxLength = Math.max(maxLength, w.length);
  return { words, maxLength };
}

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/gu;
const LATIN_OR_NUMBER = /[a-z][a-z0-9]*|\d+(?:\.\d+)?%?/gu;

/** English words that carry no topic (they still count as "explained" in coverage). */
export const ENGLISH_STOPWORDS = new Set(
  (
    "a an the is are was were be been am do does did i my me we our you your it its this that these those " +
    "can could should would will shall may might must how what when where which who whom why whose " +
    "to of for in on at by from with about into as and or but if so than then there here " +
    "any some all much many more most please tell know need want get got have has had " +
    "there s t not no yes ok okay hi hello thanks happen happens happened ask asked asking say said " +
    "go going goes come like just also only really thing things way"
  ).split(" "),
);

/**
 * Characters that are function words in merchants' questions (我 的 吗 怎么 …). They still
 * index, but count little when measuring how much of a question an entry covers.
 */
export const LIGHT_CHARS = new Set(
  [..."的了吗呢吧啊呀嘛么是我你他她它们有没在和与及或就都还也要会能可以怎样什哪里些个这那几请问下该去到把得着过给让如何啥咋为呗哦嗯吖之其此并而且则跟说用做搞弄帮对从向往才又再很太最更被想谁啦加"],
);

/** Stems an English word just enough that "appeals"/"appeal" and "penalties"/"penalty" meet. */
export function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) return word.slice(0, -1);
  return word;
}

/** Positioned terms of an already normalised string (see `normalizeText`). */
export function tokenize(text: string, lexicon?: Lexicon): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(CJK_RUN)) {
    const run = m[0];
    const base = m.index;
    const chars = [...run];
    if (chars.length === 1) {
      tokens.push({ term: run, start: base, end: base + 1 });
      continue;
    }
    // CJK characters in this range are single UTF-16 units, so indices line up.
    for (let i = 0; i + 1 < chars.length; i++) tokens.push({ term: chars[i]! + chars[i + 1]!, start: base + i, end: base + i + 2 });
    if (!lexicon) continue;
    for (let i = 0; i + 3 <= run.length; i++) {
      for (let len = 3; len <= lexicon.maxLength && i + len <= run.length; len++) {
        const w = run.slice(i, i + len);
        if (lexicon.words.has(w)) tokens.push({ term: w, start: base + i, end: base + i + len });
      }
    }
  }
  for (const m of text.matchAll(LATIN_OR_NUMBER)) {
    const word = m[0];
    if (/^[a-z]/.test(word) && ENGLISH_STOPWORDS.has(word)) continue;
    tokens.push({ term: /^[a-z]/.test(word) ? stemEnglish(word) : word, start: m.index, end: m.index + word.length });
  }
  return tokens;
}


/**
 * How much each character of `text` weighs when measuring coverage: 0 for spaces and English
 * stopwords, a little for Chinese function characters, 1 for other Chinese characters, and an
 * English word as much as a two-character Chinese word however long it is (so that "window"
 * does not outweigh 申诉).
 */
export function characterWeights(text: string): number[] {
  const weights = Array.from({ length: text.length }, (_, i): number => {
    const ch = text[i]!;
    if (ch === " ") return 0;
    return LIGHT_CHARS.has(ch) ? 0.2 : 1;
  });
  for (const m of text.matchAll(/[a-z][a-z0-9]*/gu)) {
    const w = ENGLISH_STOPWORDS.has(m[0]) ? 0 : 2 / m[0].length;
    for (let i = m.index; i < m.index + m[0].length; i++) weights[i] = w;
  }
  return weights;
}
