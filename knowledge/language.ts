/**
 * Which language to answer a question in (docs/languages.md): English when the merchant wrote
 * in English, Chinese otherwise. Mixed Chinese-English questions ("信保 compensation cap?") are
 * Chinese: the merchant reads Chinese, and the English is a programme name or a habit; an English
 * sentence that only quotes a Chinese name ("Does 平台首单包赔 still cover it?") is English.
 */

export type Language = "en" | "zh";

/** Han ideographs, kana and hangul: any of them makes the question CJK. */
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/u;

/**
 * What says nothing about the asker's language: @mentions (the bot's name may be Chinese),
 * URLs, merchant ids such as M10001, and a leading slash command (`/score`, `/faq`).
 */
function stripNeutral(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\b(?:https?|dtmd|dingtalk):\/\/\S+/gi, " ")
    .replace(/@\S+/g, " ")
    .replace(/\b[A-Z]\d{4,}\b/g, " ")
    .replace(/^\s*\/[A-Za-z][\w-]*/, " ");
}

/**
 * `"en"` when the question is written in English: it has Latin words and no CJK character once
 * mentions, URLs, merchant ids and a slash command are left out, and it is more than a bare
 * acronym ("RFQ", "GMV?", "P4P": Chinese merchants type these too, so they do not decide).
 * Everything else, including an empty message, is `"zh"`, the bot's default.
 */
export function questionLanguage(text: string): Language {
  const rest = stripNeutral(text);
  const words = rest.match(/[A-Za-z][A-Za-z\d'’-]*/g) ?? [];
  // An acronym: upper case letters (and digits), two to five long, e.g. RFQ, GMV, P4P, TA.
  const prose = words.filter((w) => !/^[A-Z][A-Z\d]{1,4}$/.test(w));
  if (CJK.test(rest)) return isEnglishWithTerms(rest, prose.length) ? "en" : "zh";
  return prose.length > 0 ? "en" : "zh";
}

/**
 * Chinese grammar: a CJK run holding one of these is Chinese writing ("earliest rejoin是哪天"),
 * not a programme's name quoted in an English sentence. Characters that also begin common terms
 * (有效询盘, 能力, 会员) count as grammar too, so that a doubtful question stays Chinese.
 */
const CHINESE_GRAMMAR = /[吗呢吧啊呀嘛么的了是我你他她们没在要怎样什哪些这那几请问该把得给让如何啥咋为多少能可以会有就都还也和]/u;
/** Runs of the characters {@link CJK} matches. */
const CJK_RUNS = new RegExp(`${CJK.source}+`, "gu");

/**
 * An English sentence that quotes Chinese names ("Does 平台首单包赔 still cover it?", "Who
 * presented the Gold Supplier (金品诚企) part?"): at least four English words, and every CJK run
 * a short name without Chinese grammar in it.
 */
function isEnglishWithTerms(rest: string, proseWords: number): boolean {
  if (proseWords < 4) return false;
  const runs = rest.match(CJK_RUNS) ?? [];
  const cjkChars = runs.reduce((n, r) => n + r.length, 0);
  return cjkChars <= 16 && runs.length <= Math.max(1, Math.floor(proseWords / 3)) && runs.every((r) => r.length <= 8 && !CHINESE_GRAMMAR.test(r));
}
