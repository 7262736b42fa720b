/**
 * Domain words typed in pinyin. Merchants writing in English, or without a Chinese keyboard at
 * hand, spell the programme names in pinyin: "jinpin members", "zhao gongchang", "shili biaoqian",
 * "RFQ fuwufen 92". Every Chinese word of the lexicon (the entries' keywords and the synonyms'
 * terms) has a spelling, read from the pinyin table one syllable a character, as the ranker's
 * pinyin view reads them (pinyin-syllables.ts). A run of Latin words that spells one of them, with
 * or without spaces between the syllables, is rewritten to the word before the synonyms apply, so
 * "jinpin" meets the entries that say 金品诚企 exactly as "金品" does (docs/matching.md).
 *
 * Only words of two syllables or more are spelled: a single syllable ("ban", "fan", "tie") is too
 * often an English word. A spelling that is also a word of the knowledge base's English text
 * (`notWords`) is left alone.
 */
import { syllableOf } from "./pinyin-syllables.js";

const HAN = /^[\u3400-\u9fff\uf900-\ufaff]+$/u;
const SYLLABLE = /^[a-zü]+$/u;
/** The most Latin words one spelling may take ("you zhi mao yi" is four). */
const MAX_WORDS = 5;

export type Respeller = (normalized: string) => string;

/**
 * The other reading of the polyphonic characters domain words use, where the table's one
 * syllable is not the one the word takes (成长分 is chengzhang fen, 行业 hangye, 重复 chongfu).
 */
const OTHER_READINGS: Readonly<Record<string, string>> = { 长: "zhang", 行: "hang", 重: "chong", 还: "huan", 调: "diao", 传: "zhuan" };

/** Every spelling of a word (none when a character has no syllable): the table's reading of each character, and the other readings of polyphonic ones. */
export function spellingsOf(word: string): string[] {
  let spellings = [""];
  for (const ch of word) {
    const s = syllableOf(ch);
    if (!SYLLABLE.test(s)) return [];
    const other = OTHER_READINGS[ch];
    spellings = spellings.flatMap((p) => (other ? [p + s, p + other] : [p + s]));
  }
  return spellings;
}

/**
 * The rewriter for `words` (the first word of a spelling wins, so give canonical terms first).
 * `ü` may be typed `v` or `u` (绿 as "lv" or "lu").
 */
export function pinyinSpelling(words: Iterable<string>, notWords: ReadonlySet<string> = new Set()): Respeller {
  const byKey = new Map<string, string>();
  for (const word of words) {
    if (word.length < 2 || !HAN.test(word)) continue;
    for (const spelled of spellingsOf(word)) {
      for (const key of new Set([spelled.replace(/ü/gu, "v"), spelled.replace(/ü/gu, "u")])) {
        if (!notWords.has(key) && !byKey.has(key)) byKey.set(key, word);
      }
    }
  }
  if (byKey.size === 0) return (text) => text;
  return (text) =>
    text.replace(/[a-z]+(?: [a-z]+)*/gu, (run) => {
      const tokens = run.split(" ");
      const out: string[] = [];
      let i = 0;
      while (i < tokens.length) {
        let word: string | undefined;
        let end = Math.min(tokens.length, i + MAX_WORDS);
        for (; end > i; end--) {
          word = byKey.get(tokens.slice(i, end).join(""));
          if (word) break;
        }
        if (word) {
          out.push(word);
          i = end;
        } else {
          out.push(tokens[i]!);
          i++;
        }
      }
      return out.join(" ");
    });
}
