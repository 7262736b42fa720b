/**
 * One-tap actions for a transport that can only show text (the terminal, `ask --jsonl`, a group
 * without the interactive card): the choices become a numbered list the user answers by number
 * or by typing the choice. Votes are left out: there is nothing to tap.
 */
import type { Reply, ReplyAction } from "../../pipeline/types.js";

/** The choices a text list shows, in order (votes left out); their numbers are the positions + 1. */
export function choicesToList(actions: readonly ReplyAction[] | undefined): ReplyAction[] {
  return (actions ?? []).filter((a) => a.kind !== "vote");
}

/** `text`, then after a blank line `lead`, then the labels numbered from 1. */
export function appendNumberedList(text: string, lead: string, labels: readonly string[]): string {
  return [text, "", lead, "", ...labels.map((label, i) => `${i + 1}. ${label}`)].join("\n");
}

/** The reply text with its choices listed under it, numbered from 1. */
export function withActionsAsText(reply: Reply): string {
  const listed = choicesToList(reply.actions);
  if (listed.length === 0) return reply.text;
  const en = reply.lang === "en";
  const lead =
    reply.kind === "answer" ? (en ? "You can also ask (reply with the number):" : "可以接着问（回复序号）：") : en ? "Reply with the number:" : "回复序号选择：";
  return appendNumberedList(reply.text, lead, listed.map((a) => a.label));
}

/**
 * What a bare number typed after a reply means: the action at that position, if the previous
 * reply listed one there.
 */
export function actionForNumber(previous: Reply | undefined, typed: string): ReplyAction | undefined {
  const m = /^\s*([1-9]\d?)\s*$/.exec(typed.normalize("NFKC"));
  if (!m || !previous) return undefined;
  return choicesToList(previous.actions)[Number(m[1]) - 1];
}
