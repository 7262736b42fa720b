/**
 * How a reply's one-tap choices ({@link ReplyAction}) look in DingTalk, as pure functions of the
 * reply: an `actionCard` for a 1:1 session webhook, the matching `sampleActionCardN` template for
 * a 1:1 push, the interactive card's variables for a group, and a numbered text list for a group
 * without a card template. Which one a reply gets is decided by the caller from the chat and the
 * configuration; nothing here knows about HTTP. Facts: docs/dingtalk-protocol.md §3, §4, §7, §8.
 */
import type { ReplyAction } from "../../pipeline/types.js";
import { appendNumberedList, choicesToList } from "../shared/actions-as-text.js";

/** docs/dingtalk-protocol.md §3: a tap on this link sends `content` as the user, in the chat it is tapped in. */
export function dtmdSendLink(send: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(send)}`;
}

/** docs/dingtalk-protocol.md §4: button titles are cut at 20 characters by DingTalk; we cut first, visibly. */
export const MAX_BUTTON_TITLE_CHARS = 20;

/** Buttons on one actionCard or interactive card: more does not fit a phone screen (our choice). */
export const MAX_CARD_BUTTONS = 8;

/** docs/dingtalk-protocol.md §4: the push templates hold at most 5 vertical buttons (sampleActionCard5). */
export const MAX_PUSH_BUTTONS = 5;

/**
 * The actions that fit `max` buttons: choices before votes (a vote is the first to go), each
 * group in the pipeline's order, and the kept ones shown in the order the pipeline gave them.
 */
export function pickButtons(actions: readonly ReplyAction[], max: number): ReplyAction[] {
  const keep = new Set<ReplyAction>();
  for (const a of actions) if (a.kind !== "vote" && keep.size < max) keep.add(a);
  for (const a of actions) if (a.kind === "vote" && keep.size < max) keep.add(a);
  return actions.filter((a) => keep.has(a));
}

/** A label as a button title: one line, at most {@link MAX_BUTTON_TITLE_CHARS} characters. */
export function buttonTitle(label: string): string {
  const line = label.replace(/\s+/g, " ").trim();
  const chars = [...line];
  return chars.length <= MAX_BUTTON_TITLE_CHARS ? line : `${chars.slice(0, MAX_BUTTON_TITLE_CHARS - 1).join("")}…`;
}

/** The session-webhook body of a reply with buttons (docs/dingtalk-protocol.md §3): vertical, each a dtmd link. */
export function actionCardWebhookBody(message: { title: string; text: string }, actions: readonly ReplyAction[]): Record<string, unknown> {
  const buttons = pickButtons(actions, MAX_CARD_BUTTONS);
  return {
    msgtype: "actionCard",
    actionCard: {
      title: message.title,
      text: message.text,
      btnOrientation: "0",
      btns: buttons.map((a) => ({ title: buttonTitle(a.label), actionURL: dtmdSendLink(a.send) })),
    },
  };
}

/** A robot-API message: a template key and its parameters (sent as a JSON string). */
export interface TemplateMessage {
  msgKey: string;
  msgParam: Record<string, string>;
}

/**
 * The 1:1 push (or group-API) template for a reply (docs/dingtalk-protocol.md §4): markdown
 * without buttons, `sampleActionCard` for one, `sampleActionCard2`…`5` (vertical) for two to five.
 * Past five, votes go first, then the last choices.
 */
export function templateMessage(message: { title: string; text: string }, actions: readonly ReplyAction[] = []): TemplateMessage {
  const buttons = pickButtons(actions, MAX_PUSH_BUTTONS);
  if (buttons.length === 0) return { msgKey: "sampleMarkdown", msgParam: { title: message.title, text: message.text } };
  if (buttons.length === 1) {
    const [only] = buttons as [ReplyAction];
    return {
      msgKey: "sampleActionCard",
      msgParam: { title: message.title, text: message.text, singleTitle: buttonTitle(only.label), singleURL: dtmdSendLink(only.send) },
    };
  }
  const msgParam: Record<string, string> = { title: message.title, text: message.text };
  buttons.forEach((a, i) => {
    msgParam[`actionTitle${i + 1}`] = buttonTitle(a.label);
    msgParam[`actionURL${i + 1}`] = dtmdSendLink(a.send);
  });
  return { msgKey: `sampleActionCard${buttons.length}`, msgParam };
}

/** Escapes what DingTalk markdown would read as emphasis or a link in a label. */
function escapeInline(text: string): string {
  return text.replace(/[\\*_[\]`]/g, (c) => `\\${c}`);
}

/**
 * A group reply's choices as text, for a group without the card template: dtmd links would post
 * the choice into the group without @ the bot (docs/dingtalk-protocol.md §8), so members are told
 * to @ the bot with the number. Votes are left out: a vote is not worth a message in a group.
 * Returns the reply text with the list appended, and the actions the numbers stand for.
 */
export function groupChoiceList(text: string, actions: readonly ReplyAction[], lang: "zh" | "en" = "zh"): { text: string; listed: ReplyAction[] } {
  const listed = choicesToList(actions).slice(0, MAX_CARD_BUTTONS);
  if (listed.length === 0) return { text, listed };
  const head = lang === "en" ? "To choose, @ me with the number:" : "要选哪一个？@我 并发送序号：";
  return { text: appendNumberedList(text, head, listed.map((a) => escapeInline(a.label.replace(/\s+/g, " ").trim()))), listed };
}

/** One button of the interactive card: what it says, and the index its tap calls back with. */
export interface CardButton {
  text: string;
  index: number;
  kind: "choice" | "vote";
}

/**
 * The interactive card's variables (`cardParamMap`, every value a string; docs/dingtalk-protocol.md
 * §7): `title`, `markdown` (the body), and `buttons`, a JSON array of {@link CardButton}. The index
 * is the button's position in the returned `buttons`, which the offer remembers.
 */
export function cardParams(message: { title: string; text: string }, actions: readonly ReplyAction[]): { cardParamMap: Record<string, string>; buttons: ReplyAction[] } {
  const buttons = pickButtons(actions, MAX_CARD_BUTTONS);
  const list: CardButton[] = buttons.map((a, index) => ({ text: buttonTitle(a.label), index, kind: a.kind ?? "choice" }));
  return { cardParamMap: { title: message.title, markdown: message.text, buttons: JSON.stringify(list) }, buttons };
}
