/**
 * Which language to answer a question in (docs/languages.md): English when the merchant wrote
 * in English, Chinese otherwise. Mixed Chinese-English questions ("信保 compensation cap?") are
 * Chinese: the merchant reads Chinese, and the English is a programme name or a habit.
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
  if (CJK.test(rest)) return "zh";
  const words = rest.match(/[A-Za-z][A-Za-z\d'’-]*/g) ?? [];
  // An acronym: upper case letters (and digits), two to five long, e.g. RFQ, GMV, P4P, TA.
  const prose = words.filter((w) => !/^[A-Z][A-Z\d]{1,4}$/.test(w));
  return prose.length > 0 ? "en" : "zh";
}
