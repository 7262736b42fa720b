/**
 * One-tap actions for a transport that can only show text (the terminal, `ask --jsonl`, a group
 * without the interactive card): the choices become a numbered list the user answers by number
 * or by typing the choice. Votes are left out: there is nothing to tap.
 */
import type { Reply, ReplyAction } from "../../pipeline/types.js";

/** The actions a text-only transport lists, in order; their numbers are the positions + 1. */
export function listedActions(reply: Reply): ReplyAction[] {
  return (reply.actions ?? []).filter((a) => a.kind !== "vote");
}

/** The reply text with its choices listed under it, numbered from 1. */
export function withActionsAsText(reply: Reply): string {
  const listed = listedActions(reply);
  if (listed.length === 0) return reply.text;
  const en = reply.lang === "en";
  const lead =
    reply.kind === "answer" ? (en ? "You can also ask (reply with the number):" : "可以接着问（回复序号）：") : en ? "Reply with the number:" : "回复序号选择：";
  return [reply.text, "", lead, "", ...listed.map((a, i) => `${i + 1}. ${a.label}`)].join("\n");
}

/**
 * What a bare number typed after a reply means: the action at that position, if the previous
 * reply listed one there.
 */
export function actionForNumber(previous: Reply | undefined, typed: string): ReplyAction | undefined {
  const m = /^\s*([1-9]\d?)\s*$/.exec(typed.normalize("NFKC"));
  if (!m || !previous) return undefined;
  return listedActions(previous)[Number(m[1]) - 1];
}
