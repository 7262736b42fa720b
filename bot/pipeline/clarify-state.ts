/**
 * Remembers, per user and conversation, which entries a clarify prompt offered, so that a reply
 * of "1"/"2"/"3" (or the title) picks one. Short-lived and bounded: a forgotten prompt costs
 * only a re-ask.
 */

import type { Language } from "../../knowledge/language.js";

export interface PendingClarify {
  entryIds: string[];
  titles: string[];
  /** The question that led to the prompt, to record which entry it really meant. */
  question: string;
  /** Who the choices were offered to (display name, else user id), for others who answer them. */
  offeredTo: string;
  /** The question's language: the picked answer is given in it. */
  lang: Language;
  expiresAt: number;
}

export interface ClarifyState {
  set(key: string, pending: Omit<PendingClarify, "expiresAt">, now: Date): void;
  get(key: string, now: Date): PendingClarify | undefined;
  delete(key: string): void;
  /** The latest prompt still pending in a conversation, whoever it was offered to. */
  latestIn(conversationId: string, now: Date): PendingClarify | undefined;
  readonly size: number;
}

export function createClarifyState({ ttlMs = 10 * 60_000, maxEntries = 10_000 } = {}): ClarifyState {
  const pending = new Map<string, PendingClarify>();
  /** Conversation → the key of its latest prompt (a stale key just finds nothing). */
  const latest = new Map<string, string>();
  return {
    set(key, p, now) {
      const conversationId = key.slice(0, key.indexOf("\u0000"));
      latest.delete(conversationId);
      latest.set(conversationId, key);
      while (latest.size > maxEntries) latest.delete(latest.keys().next().value!);
      pending.delete(key);
      pending.set(key, { ...p, expiresAt: now.getTime() + ttlMs });
      // Maps iterate in insertion order: drop the oldest when over the bound.
      while (pending.size > maxEntries) pending.delete(pending.keys().next().value!);
    },
    get(key, now) {
      const p = pending.get(key);
      if (!p) return undefined;
      if (p.expiresAt <= now.getTime()) {
        pending.delete(key);
        return undefined;
      }
      return p;
    },
    delete(key) {
      pending.delete(key);
    },
    latestIn(conversationId, now) {
      const key = latest.get(conversationId);
      return key === undefined ? undefined : this.get(key, now);
    },
    get size() {
      return pending.size;
    },
  };
}

/** The clarify key: one pending prompt per user in each conversation. */
export const clarifyKey = (conversationId: string, userId: string) => `${conversationId}\u0000${userId}`;
