/**
 * Handing a conversation to a person: "转人工" (or /handoff) records a handoff, pushes the
 * question and the asker's last turns 1:1 to each support staff member on duty (as
 * {@link Reply.notify}), and tells the asker who will answer and roughly when. Without anyone on
 * duty, or a transport that cannot push, it says so and gives the human contact instead: a
 * handoff is never claimed that did not happen. How it works and its settings: docs/operations.md.
 */
import type { Logger } from "pino";
import { DateTime } from "luxon";
import { SHANGHAI } from "../../rules/time.js";
import { quoteUserText } from "../commands/staff-report.js";
import { DEFAULT_HANDOFF_REPLY_WITHIN } from "../config.js";
import type { OnDutyStaff } from "../config.js";
import type { Handoff, HandoffTurn } from "../store/open-store.js";
import { StoreError } from "../store/store-error.js";
import { clarifyKey } from "./clarify-state.js";
import type { PipelineDeps } from "./deps.js";
import type { HandoffRequest } from "./detect-handoff.js";
import { HUMAN_CONTACT, makeReply } from "./replies.js";
import type { Turn } from "./recent-turns.js";
import type { IncomingMessage, Notification, Reply } from "./types.js";

/** Who handoffs go to and what the asker is told (SUPPORT_ON_DUTY, HANDOFF_REPLY_WITHIN). */
export interface HandoffSettings {
  onDuty: readonly OnDutyStaff[];
  /** When the staff will answer, as the asker is told it: "工作日 2 小时内". */
  replyWithin: string;
  /**
   * Whether the transport delivers {@link Reply.notify} (DingTalk with a robot code). Without it
   * nobody would hear of a handoff, so none is opened.
   */
  canNotify: boolean;
}

/** What the asker is told about reaching a person: "转人工" when it works, else the human contact. */
export function humanWay(settings: HandoffSettings, lang: "zh" | "en" = "zh"): string {
  if (canHandOff(settings)) {
    return lang === "en" ? 'To reach a person, send "talk to a human".' : "需要人工帮助时，发送「转人工」即可转给值班客服。";
  }
  return lang === "en" ? HUMAN_CONTACT_EN : HUMAN_CONTACT;
}

const HUMAN_CONTACT_EN = "For a person's help, contact your account manager, or ask in the Q&A group of the Alibaba.com DingTalk organisation.";

const canHandOff = (s: HandoffSettings) => s.canNotify && s.onDuty.length > 0;

/** The reply kinds whose question is worth handing on when the request brought none. */
const QUESTION_KINDS = new Set(["answer", "clarify", "fallback"]);

/** The asker's last rule question in the turns: not a pick from a clarify ("2"), nor a command. */
function lastQuestion(turns: readonly Turn[]): string | undefined {
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i]!;
    if (QUESTION_KINDS.has(t.kind) && !/^[\p{N}\p{P}\p{S}\s]*$/u.test(t.text) && !/^[/／]/u.test(t.text)) return t.text;
  }
  return undefined;
}

/**
 * Opens a handoff for the sender (or reminds them of the one already open) and returns the
 * reply, whose `notify` carries the handoff to each staff member on duty.
 */
export function handOff(msg: IncomingMessage, request: HandoffRequest, deps: PipelineDeps, log: Logger): Reply {
  const { lang } = request;
  const settings = deps.handoff;
  if (!canHandOff(settings)) {
    log.info({ onDuty: settings.onDuty.length, canNotify: settings.canNotify }, "handoff asked for but not possible");
    return unavailable(lang, settings.onDuty.length === 0 ? "nobody" : "no-push");
  }

  const turns = deps.turns.get(clarifyKey(msg.conversationId, msg.userId), msg.now);
  let open: Handoff | undefined;
  try {
    open = deps.store.openHandoffOf(msg.conversationId, msg.userId);
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    log.error({ err }, "could not read open handoffs");
    return unavailable(lang, "store");
  }
  if (open) return alreadyOpen(open, request, msg, settings);

  const asked = request.question ?? lastQuestion(turns);
  const transcript: HandoffTurn[] = turns.map((t) => ({ text: t.text, reply: t.summary }));
  let handoff: Handoff;
  try {
    handoff = deps.store.openHandoff({
      conversationId: msg.conversationId,
      chat: msg.chat,
      userId: msg.userId,
      userName: msg.userName,
      question: asked ?? msg.text,
      transcript,
      notified: settings.onDuty.map((s) => s.id),
      at: msg.now,
    });
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    log.error({ err }, "could not record the handoff");
    return unavailable(lang, "store");
  }
  log.info({ handoff: handoff.id, chat: msg.chat, staff: handoff.notified.length, turns: transcript.length }, "handoff opened");

  const names = staffNames(settings.onDuty, lang);
  const lines =
    lang === "en"
      ? [`I have passed this conversation to our support staff (handoff **#${handoff.id}**). ${names} will contact you on DingTalk ${settings.replyWithin === DEFAULT_HANDOFF_REPLY_WITHIN ? "as soon as possible during working hours" : `(${quoteUserText(settings.replyWithin, 40)})`}.`]
      : [`已为你转接人工客服（编号 **#${handoff.id}**）。${names}会在**${quoteUserText(settings.replyWithin, 40)}**通过钉钉联系你。`];
  // In a group the question may hold the merchant's own figures: it is never echoed there.
  if (msg.chat === "direct" && asked !== undefined) {
    lines.push("", lang === "en" ? `Your question: "${quoteUserText(asked)}"` : `你的问题：「${quoteUserText(asked)}」`);
  }
  if (asked === undefined) {
    lines.push(
      "",
      lang === "en"
        ? 'To tell them your question now, send "talk to a human, <your question>".'
        : "想先把问题告诉客服，可以发送「转人工，你的问题」。",
    );
  }
  lines.push("", lang === "en" ? "Meanwhile you can keep asking me rule questions." : "在此之前，你仍可以继续问我规则问题。");
  return makeReply("command", lang === "en" ? "Passed to support staff" : "已转人工客服", lines.join("\n"), {
    lang,
    notify: settings.onDuty.map((s) => staffNotice(s, handoff, msg)),
  });
}

/** The asker already has an open handoff here: remind them, and pass on what they added. */
function alreadyOpen(open: Handoff, request: HandoffRequest, msg: IncomingMessage, settings: HandoffSettings): Reply {
  const { lang } = request;
  const names = staffNames(settings.onDuty, lang);
  const added = request.question;
  const text =
    lang === "en"
      ? `Your handoff **#${open.id}** is still open: ${names} will contact you on DingTalk.${added ? " I have passed on what you added." : ""}`
      : `你的转人工请求 **#${open.id}** 还在处理中，${names}会通过钉钉联系你。${added ? "你补充的内容已转给客服。" : ""}`;
  const notify: Notification[] = added
    ? settings.onDuty.map((s) => ({
        userId: s.id,
        title: `转人工 #${open.id} 补充`,
        text: [
          `**转人工 #${open.id} 补充** · ${when(msg.now)}`,
          "",
          `${asker(msg.userName, msg.userId)}补充：「${quoteUserText(added, 300)}」`,
          "",
          `处理完后发送 /done ${open.id} 关闭。`,
        ].join("\n"),
      }))
    : [];
  return makeReply("command", lang === "en" ? "Handoff open" : "转人工处理中", text, { lang, ...(notify.length > 0 ? { notify } : {}) });
}

/** The 1:1 message to one staff member on duty: who asked, where, the question, the last turns, and how to close it. */
function staffNotice(staff: OnDutyStaff, h: Handoff, msg: IncomingMessage): Notification {
  const lines = [
    `**转人工 #${h.id}** · ${when(msg.now)}`,
    "",
    `- 提问人：${asker(h.userName, h.userId)}`,
    `- 来自：${h.chat === "group" ? "群聊" : "单聊"}`,
    `- 问题：「${quoteUserText(h.question, 300)}」`,
  ];
  if (h.transcript.length > 0) {
    lines.push("", `**最近的对话**（${h.transcript.length} 轮，从早到晚）`, "");
    h.transcript.forEach((t, i) => lines.push(`${i + 1}. 「${quoteUserText(t.text, 120)}」→ ${quoteUserText(t.reply, 120)}`));
  }
  const reach = h.chat === "group" ? "请在钉钉中单聊联系 TA（按姓名或用户ID搜索），或在该群里 @TA 回复" : "请在钉钉中单聊联系 TA（按姓名或用户ID搜索）";
  lines.push("", `${reach}。处理完后发送 /done ${h.id} 关闭；发送 /handoff 查看所有待处理的转人工。`);
  return { userId: staff.id, title: `转人工 #${h.id}：${plain(h.userName ?? h.userId)}`, text: lines.join("\n") };
}

function unavailable(lang: "zh" | "en", why: "nobody" | "no-push" | "store"): Reply {
  const zh: Record<typeof why, string> = {
    nobody: "抱歉，目前没有配置值班的人工客服，我没法把对话转给客服。",
    "no-push": "抱歉，当前渠道无法给客服发送消息，我没法把对话转给客服。",
    store: "抱歉，转人工暂时不可用（记录失败），这次没有转给客服。",
  };
  const en: Record<typeof why, string> = {
    nobody: "Sorry, no support staff are on duty here, so I cannot pass this conversation to a person.",
    "no-push": "Sorry, this channel cannot message the support staff, so I cannot pass this conversation to a person.",
    store: "Sorry, handing over is unavailable right now; nothing was passed to the support staff.",
  };
  return makeReply(
    "command",
    lang === "en" ? "Cannot reach a person here" : "暂时无法转人工",
    lang === "en" ? `${en[why]}\n\n${HUMAN_CONTACT_EN}` : `${zh[why]}\n\n${HUMAN_CONTACT}`,
    { lang },
  );
}

/** `值班客服 王小二、李客服` or `值班客服`; markdown-safe. */
function staffNames(onDuty: readonly OnDutyStaff[], lang: "zh" | "en"): string {
  const names = onDuty.map((s) => s.name).filter((n): n is string => n !== undefined);
  if (lang === "en") return names.length > 0 ? `Our support staff (${names.map((n) => quoteUserText(n, 32)).join(", ")})` : "Our support staff";
  return names.length > 0 ? `值班客服 **${names.map((n) => quoteUserText(n, 32)).join("、")}** ` : "值班客服";
}

function asker(name: string | null | undefined, userId: string): string {
  return name ? `${quoteUserText(name, 32)}（用户ID ${quoteUserText(userId, 64)}）` : `用户ID ${quoteUserText(userId, 64)}`;
}

/** A title is plain text: no markdown to escape, only cut. */
function plain(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length > 32 ? `${chars.slice(0, 32).join("")}…` : chars.join("");
}

/** `2021-08-26 12:00（北京时间）` */
export function when(at: Date | string): string {
  const dt = typeof at === "string" ? DateTime.fromISO(at, { zone: SHANGHAI }) : DateTime.fromJSDate(at, { zone: SHANGHAI });
  return `${dt.toFormat("yyyy-MM-dd HH:mm")}（北京时间）`;
}
