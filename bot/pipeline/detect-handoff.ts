/**
 * Recognises a request for a person ("转人工", "人工客服", "我要找客服", "有没有真人", "talk to a
 * human", "customer service please"), with courtesy around it and optionally a question in the
 * same message ("转人工，保证金怎么退"). A rule question that merely mentions 客服 ("客服回复率怎么
 * 算", "国际站客服电话多少") is not a request: the whole of a clause must be one.
 */
import { questionLanguage } from "../../knowledge/language.js";
import type { Language } from "../../knowledge/language.js";
import { simplify } from "../../knowledge/normalize-text.js";

export interface HandoffRequest {
  /** What else the message asked, when the request came with a question; else undefined. */
  question?: string;
  /** The message's language, by the rule every reply follows (docs/languages.md). */
  lang: Language;
}

/** Polite or wanting words before the request ("麻烦帮我转人工", "I'd like to talk to a human"). */
const BEFORE = [
  "你好", "您好", "hi", "hello", "hey", "老师", "小二", "亲", "请问", "请", "麻烦你", "麻烦", "帮我", "帮忙", "给我", "我要", "我想要",
  "我想", "我需要", "需要", "能不能", "能否", "可不可以", "可以", "我", "想", "要", "急", "快", "直接",
  "please", "pls", "plz", "can i", "could i", "can you", "could you", "i want to", "i wanna", "i'd like to", "id like to",
  "i would like to", "i need to", "i need", "i want", "let me", "may i", "i", "ok", "okay",
].map((w) => w.replace(/[\s\p{P}]+/gu, ""));

/** Particles and thanks after it ("转人工吧", "人工客服谢谢", "human please"). */
const AFTER = ["吧", "吗", "么", "嘛", "呢", "啊", "呀", "哈", "啦", "一下", "谢谢", "谢谢你", "谢了", "可以吗", "行吗", "好吗", "please", "pls", "plz", "thanks", "thankyou", "now", "asap"];

/** The request itself, spaces and punctuation removed, simplified and lower case. */
const CORE = [
  // 转人工 / 转接人工客服 / 切换人工 / 人工服务 / 人工
  "(?:转|转接|转到|转给|转为|切换|切换到|切到|换|换成|接)?(?:个|一个|一下)?人工(?:客服|服务|坐席|小二|帮助|处理|回复)?",
  // 找客服 / 联系客服 / 找个人工 / 找真人 / 叫工作人员
  "(?:找|联系|接通|要|叫|呼叫)(?:一下|个|一个|下)?(?:客服|人工|真人|真人客服|工作人员|小二)(?:人员)?",
  // 真人客服 / 有没有真人 / 有人工吗 / 客服在吗
  "真人(?:客服|服务)?",
  "(?:有没有|有)(?:真人|人工|客服)(?:客服|在)?",
  "客服(?:在吗|在不在|在么|呢|人员)",
  // English, spaces removed
  "(?:talk|speak|chat)(?:to|with)(?:a|an|some|the)?(?:human|person|realperson|humanbeing|agent|humanagent|liveagent|someone|somebody|staff|supportstaff|customerservice|support)",
  "(?:connect|transfer|put)(?:me)?(?:to|with|through)(?:a|an|the)?(?:human|person|realperson|agent|humanagent|liveagent|someone|customerservice|support)",
  "(?:a|an)?(?:human|realperson|humanagent|liveagent|humansupport|realhuman)",
  "(?:get|need|want)(?:a|an)?(?:human|realperson|humanagent|liveagent)",
  "(?:customerservice|customersupport|contactsupport|supportteam|humanhelp|agent|operator)",
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alt = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escape).join("|");
const REQUEST = new RegExp(`^(?:${alt(BEFORE)})*(?:${CORE.join("|")})(?:${alt(AFTER)})*$`, "u");

/** Clause boundaries: a request and a question may share a message. */
const CLAUSES = /[,，。.!！?？;；\n]+/u;

/** The request for a person in `raw`, or undefined when the message asks for none. */
export function detectHandoff(raw: string): HandoffRequest | undefined {
  const clauses = raw.split(CLAUSES).map((c) => c.trim()).filter((c) => squash(c) !== "");
  if (clauses.length === 0) return undefined;
  const lang = questionLanguage(raw);
  if (isRequest(clauses.join(" "))) return { lang };
  // A request at the start or the end of the message, with the question beside it.
  let rest: string[] | undefined;
  if (isRequest(clauses[0]!)) rest = clauses.slice(1);
  else if (isRequest(clauses.at(-1)!)) rest = clauses.slice(0, -1);
  if (rest === undefined || rest.some((c) => isRequest(c))) return undefined;
  const question = rest.join("，").trim();
  return question ? { lang, question } : { lang };
}

function isRequest(clause: string): boolean {
  const s = squash(clause);
  return s !== "" && s.length <= 40 && REQUEST.test(s);
}

/** Simplified, lower case, without @mentions, spaces, punctuation or symbols. */
function squash(text: string): string {
  return simplify(text)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/(^|\s)[@＠][^\s@＠]{1,30}(?=\s|$)/gu, " ")
    .replace(/[\s\p{P}\p{S}~～]+/gu, "");
}
