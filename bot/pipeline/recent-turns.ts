/**
 * The last few turns of each user in each conversation: what they wrote and what kind of reply
 * they got, so that a handoff to support staff carries the context ("转人工" after two unanswered
 * questions). Only the user's own turns are kept under their key, never other members' of a
 * group. In memory, bounded in turns, keys and time: a forgotten turn costs only context.
 */
import type { Reply, ReplyKind } from "./types.js";

/** One turn: the user's text and one line about the reply (its kind and title or entry, never its text). */
export interface Turn {
  /** Epoch ms the message was handled (the message clock). */
  at: number;
  text: string;
  kind: ReplyKind;
  /** The entry answered (answer) or offered first (clarify). */
  entryId?: string | undefined;
  /** One line for staff: `回答「保障升级服务·退出」(guarantee-exit)`. */
  summary: string;
}

export interface RecentTurns {
  /** Appends a turn under `key`, dropping the oldest beyond the bound. */
  add(key: string, turn: Turn): void;
  /** The key's turns younger than the TTL at `now`, oldest first. */
  get(key: string, now: Date): Turn[];
  readonly size: number;
}

export interface RecentTurnsOptions {
  /** Turns older than this are forgotten (default 30 minutes). */
  ttlMs?: number;
  /** Turns kept per key (default 5). */
  maxTurns?: number;
  /** Keys kept; the least recently written are dropped first (default 10 000). */
  maxKeys?: number;
}

export function createRecentTurns({ ttlMs = 30 * 60_000, maxTurns = 5, maxKeys = 10_000 }: RecentTurnsOptions = {}): RecentTurns {
  const turns = new Map<string, Turn[]>();
  return {
    add(key, turn) {
      const list = (turns.get(key) ?? []).filter((t) => turn.at - t.at < ttlMs);
      list.push(turn);
      // Re-inserted so that Map order is least recently written first.
      turns.delete(key);
      turns.set(key, list.slice(-maxTurns));
      while (turns.size > maxKeys) turns.delete(turns.keys().next().value!);
    },
    get(key, now) {
      const list = turns.get(key);
      if (!list) return [];
      const fresh = list.filter((t) => now.getTime() - t.at < ttlMs);
      if (fresh.length === 0) turns.delete(key);
      return fresh;
    },
    get size() {
      return turns.size;
    },
  };
}

/** The turn to remember for a reply: the user's text (cut) and one line about the reply. */
export function turnOf(text: string, reply: Reply, now: Date): Turn {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return {
    at: now.getTime(),
    text: chars.length > 200 ? `${chars.slice(0, 200).join("")}…` : chars.join(""),
    kind: reply.kind,
    entryId: reply.entryId ?? reply.choices?.[0],
    summary: summarize(reply),
  };
}

function summarize(reply: Reply): string {
  switch (reply.kind) {
    case "answer":
      return `回答「${reply.title}」${reply.entryId ? `（${reply.entryId}）` : ""}`;
    case "clarify":
      return `追问确认，候选：${(reply.choices ?? []).join("、") || "无"}`;
    case "fallback":
      return "没能回答";
    case "command":
      return `指令回复「${reply.title}」`;
    case "denied":
      return `无权限「${reply.title}」`;
    case "error":
      return `提示「${reply.title}」`;
  }
}
