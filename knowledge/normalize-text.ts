/**
 * Turns what a merchant typed into the canonical form the index works on: NFKC (full-width
 * letters and digits), traditional → simplified characters, lower case, no @mentions, no
 * greetings or sign-offs around the question, punctuation folded to single spaces.
 */
import { Converter } from "opencc-js/t2cn";

// opencc-js's bundled .d.ts files import each other without extensions, which NodeNext
// resolution cannot follow; tsc tolerates it under skipLibCheck but the linter sees an
// unresolved type, so the converter's (simple) signature is stated here.
type MakeConverter = (options: { from: "tw"; to: "cn" }) => (text: string) => string;
const toSimplified = (Converter as unknown as MakeConverter)({ from: "tw", to: "cn" });

/** Greetings and polite openers merchants put before the question (after t2s and lower-casing). */
const OPENERS = [
  "你好", "您好", "你们好", "大家好", "hi", "hello", "hey", "哈喽", "哈啰", "嗨", "在吗", "在不在",
  "老师好", "老师", "小二好", "小二", "客服", "亲", "亲们", "机器人", "请问下", "请问一下", "请问",
  "问一下", "问下", "想问一下", "想问下", "想问", "我想问一下", "我想问下", "我想问", "请教一下", "请教下",
  "请教", "麻烦问一下", "麻烦问下", "麻烦", "打扰一下", "打扰了", "咨询一下", "咨询下", "咨询",
  "please", "pls", "excuse me", "dear", "good morning", "good afternoon",
  // Thanks for the last answer before the next question ("谢谢，那找工厂怎么入驻").
  "谢谢", "谢谢你", "谢谢您", "多谢", "感谢", "谢啦", "谢了", "好的谢谢", "好的", "明白了", "了解了", "ok", "okay", "thanks", "thank you",
  "辛苦了", "辛苦", "不好意思", "抱歉", "对了", "另外", "顺便问下", "顺便问一下", "再问一下", "再问下", "还想问一下", "还想问下",
];
/** Sign-offs after the question. */
const CLOSERS = [
  "谢谢", "谢谢你", "谢谢您", "谢谢啦", "多谢", "多谢了", "感谢", "感谢感谢", "谢啦", "谢了", "麻烦了", "麻烦你了", "辛苦了", "辛苦",
  "thanks", "thank you", "thanks a lot", "thx", "ty", "急", "在线等", "求解答", "求助", "请回复",
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const byLength = (a: string, b: string) => b.length - a.length;
// A Latin opener must end at a word boundary ("hi" is not the start of "high"); a Chinese one
// may run straight into the question ("请问Who can join…", "谢谢那找工厂…").
const openerAlternatives = [...OPENERS].sort(byLength).map((o) => (/[a-z]$/.test(o) ? `${escape(o)}(?![a-z])` : escape(o)));
const openerRe = new RegExp(`^(?:${openerAlternatives.join("|")})[\\s,，.。!！?？:：~～、]*`, "u");
// A Latin closer must start at a word boundary: "ty" (thank you) is not the end of "penalty".
const closerAlternatives = [...CLOSERS].sort(byLength).map((c) => (/^[a-z]/.test(c) ? `(?<![a-z0-9])${escape(c)}` : escape(c)));
const closerRe = new RegExp(`[\\s,，.。!！?？~～、]*(?:${closerAlternatives.join("|")})[\\s,，.。!！?？~～、]*$`, "u");

/**
 * `@name ` mentions (DingTalk removes the bot's own, but people type or paste them), also right
 * after Chinese text or punctuation ("请问@规则助手 …"); never inside an e-mail address.
 */
const MENTION_RE = /(^|[\s\p{P}\p{S}\u3400-\u9fff])[@＠][^\s@＠]{1,30}(?=\s|$)/gu;

/**
 * Normalises one message for matching. Keeps letters, digits, CJK, `%`, `.` inside numbers,
 * `+` and `/` at the start (commands); everything else becomes a single space.
 */
export function normalizeText(raw: string): string {
  return finish(toSimplified(raw.normalize("NFKC")).toLowerCase());
}

/**
 * The message cut at `boundaries` (clause punctuation), each clause normalised as a message
 * is, the empty ones (a lone greeting or "谢谢") dropped. One character conversion for the
 * whole message, not one per clause.
 */
export function normalizeClauses(raw: string, boundaries: RegExp): string[] {
  return toSimplified(raw.normalize("NFKC"))
    .toLowerCase()
    .split(boundaries)
    .map(finish)
    .filter((c) => c.length > 0);
}

/**
 * Normalises a vocabulary term (a synonym or its variant) as a message is, but keeps words a
 * message would lose as courtesy: the variant "hi tech" stays "hi tech", not "tech".
 */
export function normalizeTerm(raw: string): string {
  return punctuation(toSimplified(raw.normalize("NFKC")).toLowerCase().trim());
}

/** Everything after the character conversion: mentions, courtesy, punctuation. */
function finish(converted: string): string {
  let s = converted.replace(MENTION_RE, "$1 ").trim();
  // Strip openers and closers repeatedly: "你好，请问一下 …，谢谢！"
  for (let i = 0; i < 4; i++) {
    const next = s.replace(openerRe, "").replace(closerRe, "").trim();
    if (next === s) break;
    s = next;
  }
  return punctuation(s);
}

/** Numbers' separators and decimal points kept, every other run of punctuation and space one space. */
function punctuation(text: string): string {
  return text
    .replace(/(\d)[,，](?=\d{3}\b)/g, "$1") // 20,000 → 20000
    .replace(/(\d)\.(?=\d)/g, "$1\u2024") // keep decimal points (as ․ while punctuation goes)
    .replace(/[^\p{L}\p{N}%\u2024\s]+/gu, " ")
    .replace(/\u2024/g, ".")
    .replace(/\s+/g, " ")
    .trim();
}

/** Traditional → simplified and NFKC only: for showing a cleaned-up question back to people. */
export function simplify(raw: string): string {
  return toSimplified(raw.normalize("NFKC"));
}
