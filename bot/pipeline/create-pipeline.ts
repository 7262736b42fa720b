/**
 * The message pipeline: the one entry point every transport calls. It decides what a message
 * is (a command, a pick from a clarify prompt, small talk, a personalised check, or a rule
 * question) and returns the reply; it never sends anything itself.
 */
import type { Logger } from "pino";
import { questionLanguage } from "../../knowledge/language.js";
import type { Language } from "../../knowledge/language.js";
import { matchQuestion } from "../../knowledge/match-question.js";
import type { Match } from "../../knowledge/match-question.js";
import type { Candidate } from "../../knowledge/search-index.js";
import type { CommandDefinition } from "../commands/define-command.js";
import { imaginesFigures, tellsFiguresBeforeImagining } from "../commands/what-if.js";
import { answerWithFigures, isComputedReply } from "./answer-with-figures.js";
import { clarifyKey } from "./clarify-state.js";
import type { PipelineDeps } from "./deps.js";
import { detectHandoff } from "./detect-handoff.js";
import { detectPersonalCheck } from "./detect-personal-check.js";
import { answerReply, faqMessage, topicIn } from "./format-entry.js";
import { handOff, humanWay } from "./hand-off.js";
import type { HandoffSettings } from "./hand-off.js";
import { escapeText, renderDingTalk } from "./markdown.js";
import { turnOf } from "./recent-turns.js";
import { recordClarifyPick } from "./record-clarify-pick.js";
import { HUMAN_CONTACT, deniedReply, errorReply, makeReply } from "./replies.js";
import { detectSmallTalk } from "./small-talk.js";
import type { SmallTalk } from "./small-talk.js";
import type { HandleMessage, IncomingMessage, Reply } from "./types.js";

/** Longer questions are refused politely rather than matched: nobody types a rule question this long. */
export const MAX_QUESTION_CHARS = 1000;

/** The topics the bot can talk about, for greetings and fallbacks. */
const SCOPE =
  "金品诚企升级、9月采购节、信保「保障升级服务」、找工厂频道、工业品牌站、RFQ服务分、规则与合规（站外沟通/拒用信保/申诉/违规公示/知识产权）、外贸服务市场";

export interface Pipeline {
  handleMessage: HandleMessage;
}

/**
 * What a message turned out to be, for the question log: the command it ran (never its
 * arguments), the entry it was answered with, and — for fallbacks and clarifies only — the
 * normalised question and the nearest entry, the editors' to-do list.
 */
interface Trace {
  command?: string;
  entryId?: string;
  confidence?: number;
  normalized?: string;
}

/** Recorded questions older than the retention are purged at most this often. */
const PURGE_EVERY_MS = 60 * 60_000;

export function createPipeline(deps: PipelineDeps): Pipeline {
  const log = deps.logger.child({ component: "pipeline" });
  let lastPurge = -Infinity;

  /** Records the outcome; a store failure is logged and never costs the merchant the reply. */
  function record(msg: IncomingMessage, reply: Reply, trace: Trace, mlog: Logger): void {
    try {
      deps.store.recordQuestion({ at: msg.now, kind: reply.kind, userId: msg.userId, ...trace });
      if (msg.now.getTime() - lastPurge >= PURGE_EVERY_MS) {
        lastPurge = msg.now.getTime();
        const cutoff = new Date(msg.now.getTime() - deps.questionRetentionDays * 86_400_000);
        const purged = deps.store.purgeQuestions(cutoff);
        const handoffs = deps.store.purgeHandoffs(cutoff);
        if (purged + handoffs > 0) log.info({ purged, handoffs, retentionDays: deps.questionRetentionDays }, "purged recorded questions and closed handoffs past retention");
      }
    } catch (err) {
      mlog.error({ err }, "could not record the question");
    }
  }

  const handleMessage: HandleMessage = async (msg) => {
    const mlog = log.child({ msgId: msg.id });
    const trace: Trace = {};
    let reply: Reply;
    try {
      reply = await route(msg, deps, mlog, trace);
      mlog.info({ kind: reply.kind, entryId: reply.entryId, confidence: reply.confidence, chat: msg.chat }, "replied");
    } catch (err) {
      mlog.error({ err, userId: msg.userId, chat: msg.chat }, "message handling failed");
      reply = errorReply(`抱歉，处理这条消息时出了问题，请稍后再试。${HUMAN_CONTACT}`, "出错了");
    }
    record(msg, reply, trace, mlog);
    // The sender's own turns only, for the transcript a handoff carries (docs/operations.md).
    if (msg.contentKind === "text") deps.turns.add(clarifyKey(msg.conversationId, msg.userId), turnOf(msg.text, reply, msg.now));
    return rendered(reply);
  };
  return { handleMessage };
}

/** Every reply leaves in DingTalk's markdown subset (docs/replies.md §Markdown). */
function rendered(reply: Reply): Reply {
  if (!reply.markdown) return reply;
  return {
    ...reply,
    text: renderDingTalk(reply.text),
    ...(reply.private ? { private: { ...reply.private, text: renderDingTalk(reply.private.text) } } : {}),
    ...(reply.notify ? { notify: reply.notify.map((n) => ({ ...n, text: renderDingTalk(n.text) })) } : {}),
  };
}

/** Strips zero-width characters and surrounding space; keeps the user's text otherwise. */
function cleanText(text: string): string {
  return text.replace(/[\u200b-\u200f\u2060\ufeff]/g, "").trim();
}

async function route(msg: IncomingMessage, deps: PipelineDeps, log: Logger, trace: Trace): Promise<Reply> {
  if (msg.contentKind !== "text") return unsupportedContent(msg);
  const text = cleanText(msg.text);
  if (!text) return errorReply("我没有收到文字内容。请直接输入你的问题，例如「保障升级服务多久能退出？」，或发送 /help 查看我能做什么。", "请输入问题");
  if (text.length > MAX_QUESTION_CHARS) {
    return errorReply(
      `这条消息有 ${text.length} 个字，太长了，我没法准确理解。请把问题精简到 ${MAX_QUESTION_CHARS} 字以内，一次问一个问题。`,
      "问题太长",
    );
  }

  const picked = pickFromClarify(text, msg, deps, log);
  if (picked) {
    trace.entryId = picked.entryId;
    return picked;
  }

  const command = parseCommand(text, deps.commands);
  if (command) {
    trace.command = command.def.name;
    return runCommand(command.def, command.args, msg, deps);
  }
  if (/^[/／]/.test(text.normalize("NFKC"))) return unknownCommand(text, deps.commands);

  if (/^[\p{N}\p{P}\p{S}\s]+$/u.test(text)) return noQuestionInText(text, msg, deps);

  const lang = questionLanguage(text);
  const person = detectHandoff(text);
  if (person) {
    trace.command = "handoff";
    return handOff(msg, person, deps, log);
  }

  const small = detectSmallTalk(text);
  if (small) {
    trace.command = `small-talk`;
    return smallTalkReply(small, lang, deps.handoff);
  }

  const personal = detectPersonalCheck(text, msg, deps);
  if (personal) {
    // A bound sender who tells a figure without imagining one ("我们店服务分78分，能拿多少条") asks
    // about that figure, not the stored record: the computed answer from it, when a rule places
    // every figure told (docs/computed-answers.md). "如果…" is a what-if on the record instead,
    // unless the message first tells figures of its own and a rule places them all with the one imagined.
    const told = personal.args === "" && (!imaginesFigures(text) || tellsFiguresBeforeImagining(text)) ? computedFromTold(text, msg, deps, trace, lang) : undefined;
    if (told) return told;
    log.debug({ command: personal.command.name }, "question routed to a personalised check");
    trace.command = personal.command.name;
    return runCommand(personal.command, personal.args, msg, deps);
  }

  for (const def of deps.commands) {
    const args = def.detect?.(text);
    if (args !== undefined) {
      trace.command = def.name;
      return runCommand(def, args, msg, deps);
    }
  }

  return answerQuestion(text, msg, deps, trace, lang);
}

/**
 * Only digits and punctuation ("2", "？？"): a reply to choices offered to someone else in this
 * group, or to a prompt that has expired.
 */
function noQuestionInText(text: string, msg: IncomingMessage, deps: PipelineDeps): Reply {
  const other = msg.chat === "group" ? deps.clarify.latestIn(msg.conversationId, msg.now) : undefined;
  if (other) {
    return makeReply("fallback", "这是给别人的选项", `这是给 @${escapeText(other.offeredTo)} 的选项，你可以直接问我你的问题。`);
  }
  return makeReply(
    "fallback",
    "没看懂",
    `我没看懂「${escapeText(text.slice(0, 20))}」。如果你是在回复我之前列出的选项，那些选项已经过期了，请重新提问；也可以发送 /help 查看我能做什么。`,
  );
}

function unsupportedContent(msg: IncomingMessage): Reply {
  const what: Record<IncomingMessage["contentKind"], string> = {
    text: "文字",
    picture: "图片",
    file: "文件",
    video: "视频",
    "audio-unrecognised": "语音（没能识别出文字）",
    unknown: "这种类型的消息",
  };
  return errorReply(
    `抱歉，我暂时看不懂${what[msg.contentKind]}。请用文字输入你的问题，例如「被处罚几天内能申诉？」，或发送 /help 查看我能做什么。`,
    "请输入文字",
  );
}

interface ParsedCommand {
  def: CommandDefinition;
  name: string;
  args: string;
}

/** `/score M10001`, `／服务分 M10001`, `/SCORE` → the command and its arguments. */
export function parseCommand(text: string, commands: readonly CommandDefinition[]): ParsedCommand | undefined {
  const m = /^[/／]\s*([^\s/／]+)\s*([\s\S]*)$/u.exec(text.normalize("NFKC"));
  if (!m) return undefined;
  const name = m[1]!.toLowerCase();
  const def = commands.find((c) => c.name === name || c.aliases.some((a) => a.toLowerCase() === name));
  return def ? { def, name, args: m[2]!.trim() } : undefined;
}

async function runCommand(def: CommandDefinition, args: string, msg: IncomingMessage, deps: PipelineDeps): Promise<Reply> {
  if (def.staffOnly && !msg.staff) return deniedStaffOnly(def);
  if ((def.staffOnly || (def.staffReport && msg.staff)) && msg.chat === "group") return staffReportInGroup(def, args, msg, deps);
  return def.run({ msg, args, deps });
}

/**
 * Staff reports quote other users' questions: asked in a group, the report goes to the asker 1:1
 * (the transport tells the group only once the push succeeded), or the asker is sent to a 1:1 chat.
 */
async function staffReportInGroup(def: CommandDefinition, args: string, msg: IncomingMessage, deps: PipelineDeps): Promise<Reply> {
  const command = def.usage.split(" ")[0];
  if (!msg.canPushPrivately) {
    return makeReply("command", "请在单聊中查询", `${command} 的结果包含其他用户的提问，不会发在群里。请在与我的**单聊**中发送 ${command}。`);
  }
  const report = await def.run({ msg: { ...msg, chat: "direct" }, args, deps });
  return makeReply("command", "结果已私信发送", `${command} 的结果包含其他用户的提问，已通过**单聊**私信发给你，请查看与我的单聊。`, {
    private: { title: report.title, text: report.text },
  });
}

function deniedStaffOnly(def: CommandDefinition): Reply {
  return { ...deniedReply(), text: `抱歉，${def.usage.split(" ")[0]} 仅供客服人员使用。发送 /help 查看你可以使用的指令。` };
}

function unknownCommand(text: string, commands: readonly CommandDefinition[]): Reply {
  const typed = (/^[/／]\s*([^\s]*)/u.exec(text.normalize("NFKC"))?.[1] ?? "").toLowerCase().slice(0, 32);
  const names = commands.flatMap((c) => [c.name, ...c.aliases].map((n) => ({ n, c })));
  const near = names
    .map(({ n, c }) => ({ c, d: editDistance(typed, n.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(1, Math.floor(typed.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  const hint = near ? `你是不是想用 ${near.c.usage}？` : "";
  return errorReply(`没有「/${escapeText(typed)}」这个指令。${hint}发送 /help 查看全部指令。`, "未知指令", {
    actions: near ? [{ label: `/${near.c.name}`, send: `/${near.c.name}` }] : [],
  });
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * A pick from the pending clarify prompt: a tapped choice (`/faq <id>` of an offered entry), or a
 * typed "1"/"2"/"3" (①, 第二个, the title). Anything else is a new message: a new question forgets
 * the prompt; a command leaves it.
 */
function pickFromClarify(text: string, msg: IncomingMessage, deps: PipelineDeps, log: Logger): Reply | undefined {
  const key = clarifyKey(msg.conversationId, msg.userId);
  const pending = deps.clarify.get(key, msg.now);
  if (!pending) return undefined;
  const s = text.normalize("NFKC").replace(/[\s。.!！?？]/g, "");
  const tapped = /^\/faq\s+([a-z0-9-]+)(?:\s+en)?\s*$/i.exec(text.normalize("NFKC").trim())?.[1]?.toLowerCase();
  const ordinal = /^(?:第)?([1-9]|[一二三四五六七八九])(?:个|条|项)?$/u.exec(s)?.[1];
  let index = -1;
  if (tapped) index = pending.entryIds.indexOf(tapped);
  else if (ordinal) index = /\d/.test(ordinal) ? Number(ordinal) - 1 : "一二三四五六七八九".indexOf(ordinal);
  else {
    const circled = "①②③④⑤⑥⑦⑧⑨".indexOf(text.trim());
    if (circled >= 0) index = circled;
    else index = pending.titles.findIndex((t) => t === text.trim());
  }
  if (index < 0) {
    if (!/^[/／]/.test(text.normalize("NFKC"))) deps.clarify.delete(key); // a new question: forget the old prompt
    return undefined;
  }
  if (index >= pending.entryIds.length) {
    return errorReply(`请回复 1 到 ${pending.entryIds.length} 之间的序号，或者换个说法重新提问。`, "请选择序号", {
      actions: pending.entryIds.map((id, i) => ({ label: pending.titles[i] ?? id, send: faqMessage(id, { lang: pending.lang }) })),
    });
  }
  deps.clarify.delete(key);
  const entry = deps.kb.byId.get(pending.entryIds[index]!);
  if (!entry) return undefined;
  recordClarifyPick(deps, msg, pending, entry.id, log);
  return answerReply(entry, deps.kb, { now: msg.now, confidence: 1, lang: pending.lang });
}

/** Small talk in English, for a merchant who wrote in English. */
const SMALL_TALK_EN: Record<Exclude<SmallTalk, "persona">, [string, string]> = {
  greeting: [
    "Hello",
    "Hello! I'm the Alibaba.com rules assistant. I answer questions about the rules in the merchant briefing of 26 August 2021 (Gold Supplier upgrade, the September Sourcing Festival, Trade Assurance's upgraded guarantee service, the Find Factory channel, the Industrial Brand Station, the RFQ service score, compliance and the service market), and for bound merchants I compute their own figures.\n\nJust ask, e.g. \"How long before I can leave the upgraded guarantee service?\" Send /help for the commands.",
  ],
  thanks: ["You're welcome", "You're welcome! Ask me any other rule question, or send /help to see what I can do."],
  ack: ["OK", "OK! Ask me anything else about the rules, or send /help to see what I can do."],
  bye: ["Goodbye", "Goodbye! Come back any time you have a rule question."],
  help: [
    "Help",
    "I answer questions about the rules in the merchant briefing of 26 August 2021, in English or Chinese, and compute bound merchants' own figures. Just ask, e.g. \"How many days do I have to appeal a penalty?\" Send /help for the commands.",
  ],
};

function smallTalkReply(kind: SmallTalk, lang: Language, handoff: HandoffSettings): Reply {
  if (kind === "persona") return personaReply(lang, handoff);
  if (lang === "en") {
    const [title, text] = SMALL_TALK_EN[kind];
    return makeReply("command", title, text, { lang });
  }
  const intro = `我可以回答 2021年8月商家发布会里的规则问题（${SCOPE}），绑定商户后还能计算你的 RFQ服务分、保障升级服务退出时间、申诉期限等。`;
  const examples = "直接提问即可，比如「保障升级服务多久能退出？」「找工厂在哪里入驻？」。发送 /help 查看全部指令。";
  const texts: Record<Exclude<SmallTalk, "persona">, [string, string]> = {
    greeting: ["你好", `你好！我是国际站规则助手。${intro}\n\n${examples}`],
    thanks: ["不客气", `不客气，很高兴能帮上忙！还有其他规则问题随时问我。发送 /help 查看我能做什么。`],
    ack: ["好的", `好的！还有其他问题随时问我，发送 /help 查看我能做什么。`],
    bye: ["再见", `再见！有规则问题随时来问我。`],
    help: ["帮助", `${intro}\n\n${examples}`],
  };
  const [title, text] = texts[kind];
  return makeReply("command", title, text);
}

/** "你是谁 / are you a bot": what the bot is and knows, that it is not a person, and how to reach one. */
function personaReply(lang: Language, handoff: HandoffSettings): Reply {
  if (lang === "en") {
    return makeReply(
      "command",
      "About me",
      [
        "I am the Alibaba.com rules assistant, a bot, not a person. I answer questions on the merchant rules of the 26 August 2021 briefing (Gold Supplier upgrade, the September sourcing festival, Trade Assurance's guarantee upgrade, the factory channel, the industrial brand station, the RFQ service score, compliance) and work out a bound merchant's own figures.",
        "",
        humanWay(handoff, "en"),
      ].join("\n"),
      { lang: "en" },
    );
  }
  return makeReply(
    "command",
    "关于我",
    [
      `我是国际站规则助手，是个机器人，不是真人。我根据 2021年8月26日商家发布会回答规则问题（${SCOPE}），绑定商户后还能计算你的 RFQ服务分、申诉期限等。`,
      "",
      humanWay(handoff),
    ].join("\n"),
  );
}

/** The computed answer from the figures the question tells, or undefined when no rule places them all. */
function computedFromTold(text: string, msg: IncomingMessage, deps: PipelineDeps, trace: Trace, lang: Language): Reply | undefined {
  const match = matchQuestion(deps.index, text);
  const reply = answerWithFigures(text, match, msg, deps, lang);
  if (!reply || !isComputedReply(reply)) return undefined;
  trace.entryId = nearestOf(match)?.entry.id;
  return reply;
}

/** The candidate a match is nearest to: the answer, the first choice offered, or the nearest miss. */
function nearestOf(match: Match): Candidate | undefined {
  return match.kind === "answer" ? match.candidate : match.kind === "clarify" ? match.candidates[0] : match.nearest;
}

function answerQuestion(text: string, msg: IncomingMessage, deps: PipelineDeps, trace: Trace, lang: Language): Reply {
  const match = matchQuestion(deps.index, text);
  const nearest = nearestOf(match);
  trace.entryId = nearest?.entry.id;
  trace.confidence = nearest?.confidence;
  if (match.kind !== "answer") trace.normalized = match.normalized;
  // Figures in the question: the computed result instead of the rule table (docs/computed-answers.md).
  const withFigures = answerWithFigures(text, match, msg, deps, lang);
  if (withFigures) return withFigures;
  if (match.kind === "answer") {
    const { entry, confidence } = match.candidate;
    return answerReply(entry, deps.kb, { now: msg.now, confidence, alsoMeant: match.alternatives.map((a) => a.entry), lang });
  }
  if (match.kind === "clarify") return clarifyReply(match.candidates, text, msg, deps, lang);
  if (lang === "en") {
    return makeReply(
      "fallback",
      "No answer found",
      [
        "Sorry, I could not find this in the rules of the merchant briefing of 26 August 2021, and I would rather not give you an inaccurate answer.",
        "",
        "You can ask again in other words, or send /topics to see every topic the briefing covers. For a person's help, contact your account manager.",
      ].join("\n"),
      { confidence: round(match.nearest?.confidence ?? 0), actions: [{ label: "All topics", send: "/topics" }], lang },
    );
  }
  return makeReply(
    "fallback",
    "没有找到答案",
    [
      "抱歉，这个问题我在 2021年8月26日商家发布会的规则里没有找到答案，不想给你一个不准确的回复。",
      "",
      `我能回答的话题：${SCOPE}。`,
      "",
      `可以换个说法再问，发送 /topics 查看所有话题，或 /help 查看全部指令。${HUMAN_CONTACT}`,
    ].join("\n"),
    { confidence: round(match.nearest?.confidence ?? 0), actions: [{ label: "查看所有话题", send: "/topics" }] },
  );
}

function clarifyReply(candidates: Candidate[], question: string, msg: IncomingMessage, deps: PipelineDeps, lang: Language): Reply {
  const titles = candidates.map((c) => topicIn(c.entry, lang));
  deps.clarify.set(
    clarifyKey(msg.conversationId, msg.userId),
    { entryIds: candidates.map((c) => c.entry.id), titles, question, offeredTo: msg.userName ?? msg.userId, lang },
    msg.now,
  );
  const one = candidates.length === 1;
  const [title, lead, none] =
    lang === "en"
      ? ["Which did you mean?", one ? "I'm not sure this is what you asked:" : "Which one do you mean?", "None of these? Ask again in other words, or send /topics."]
      : ["请确认你的问题", one ? "我不太确定你问的是不是这个：" : "你想问的是哪一个？", "都不是？换个说法再问一次，或发送 /topics 查看所有话题。"];
  // Only the entries are choices, so that a typed number always means the entry at that place.
  // How to choose (tap, or @ and a number) is the transport's to say: it knows what it shows.
  return makeReply("clarify", title, [lead, "", none].join("\n"), {
    confidence: round(candidates[0]?.confidence ?? 0),
    choices: candidates.map((c) => c.entry.id),
    actions: candidates.map((c, i) => ({ label: titles[i]!, send: faqMessage(c.entry.id, { lang }) })),
    lang,
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
