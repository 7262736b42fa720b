/**
 * Recognises messages that are only a greeting, thanks, acknowledgement, a request for help or a
 * question about the bot itself ("你好", "谢谢老师", "hi", "ok", "在吗", "怎么用", "你是谁", "are you
 * a bot"), so they get a short friendly reply about what the bot can do instead of a rule answer
 * or a "don't know".
 */
import { normalizeText, simplify } from "../../knowledge/normalize-text.js";

export type SmallTalk = "greeting" | "thanks" | "ack" | "bye" | "help" | "persona";

const PATTERNS: Array<[SmallTalk, RegExp]> = [
  // Who or what the bot is: checked first, so "你是机器人吗" is not a greeting to 机器人.
  [
    "persona",
    /^(?:你好|您好|hi|hello|请问)?(?:你是谁|您是谁|你是哪位|你是什么|你是啥|你叫什么(?:名字)?|你叫啥(?:名字)?|你的名字是什么|你是(?:不是)?(?:机器人|真人|人|ai|人工智能|客服|人工)|(?:是|这是)(?:机器人|真人|ai)|你是机器人还是真人|你是真人还是机器人|whoareyou|whatareyou|whatsyourname|whatisyourname|areyou(?:a|an)?(?:bot|robot|human|realperson|person|ai|machine))(?:吗|么|嘛|呢|呀|啊|哈|啦)*$/u,
  ],
  ["thanks", /^(?:(?:非常|十分|太)?(?:谢谢|多谢|感谢|谢啦|谢了|蟹蟹|3q|thx|thanks|thankyou|ty|辛苦了?|辛苦啦)(?:你|您|老师|小二|机器人|啦|了|哈|呀|哦|alot|somuch|verymuch)*)+$/u],
  ["bye", /^(?:再见|拜拜|bye|byebye|goodbye|seeyou|回头见|88)+$/u],
  ["ack", /^(?:好的?|好哒|好滴|嗯+|哦+|ok|okay|收到|明白了?|知道了|了解了?|懂了|行|可以|没问题|👍|👌|🙏)+(?:谢谢|啦|了|哈)*$/u],
  ["help", /^(?:帮助|help|菜单|menu|功能|指令|命令|你能做什么|你会什么|你能干什么|你可以做什么|怎么用|如何使用|使用说明|whatcanyoudo|howtouse)+$/u],
  ["greeting", /^(?:你好|您好|你们好|大家好|hi|hello|hey|哈喽|哈啰|嗨|在吗|在不在|在么|有人吗|老师好|小二好|早上好|下午好|晚上好|早安|早|goodmorning|goodafternoon|goodevening|机器人|小助手|助手)+(?:呀|啊|哈|哦|啦|老师|小二|机器人)*$/u],
];

/**
 * The kind of small talk, or undefined when the message asks something. Spaces are dropped
 * before matching; courtesy around it ("你好，收到，谢谢") is looked through, as the matcher does.
 */
export function detectSmallTalk(raw: string): SmallTalk | undefined {
  const kind = smallTalkOf(raw);
  if (kind) return kind;
  const inner = normalizeText(raw);
  return inner && inner !== raw ? smallTalkOf(inner) : undefined;
}

function smallTalkOf(raw: string): SmallTalk | undefined {
  const s = simplify(raw)
    .toLowerCase()
    .replace(/(^|\s)[@＠][^\s@＠]{1,30}(?=\s|$)/gu, " ")
    .replace(/[\s\p{P}\p{S}~～]+/gu, (m) => (/[👍👌🙏]/u.test(m) ? m : ""))
    .trim();
  if (!s) return undefined;
  for (const [kind, re] of PATTERNS) if (re.test(s)) return kind;
  return undefined;
}
