/**
 * The choices the bot offered in group chats, remembered so that a tap (an interactive card's
 * callback) or a typed number can be bound to the member they were offered to. In memory,
 * bounded in count and in age: an offer that is gone is answered honestly as expired
 * (docs/dingtalk-protocol.md §7). A restart forgets every offer, which is the same honest case.
 */
import type { ReplyAction } from "../../pipeline/types.js";

/** One offer: who may take it, where the answer goes, and what each button sends. */
export interface Offer {
  /** The member the choices were offered to (staff id, else sender id). */
  userId: string;
  /** Their display name, for "这是给 @某某 的选项". */
  userName: string | undefined;
  /** Their staff id, when they have one (@-mention and 1:1 push). */
  senderStaffId: string | undefined;
  conversationId: string;
  /** The original message's session webhook: taps are answered through it while it lives. */
  sessionWebhook: string;
  sessionWebhookExpiredTime: number;
  /** What each index sends, in button order. */
  actions: ReplyAction[];
}

/** An offer was found, or it never existed / has expired (told apart by nobody: both are "expired"). */
export type OfferLookup = { found: true; offer: Offer } | { found: false };

export class OfferStore {
  private readonly offers = new Map<string, { offer: Offer; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  /** Remembers an offer under `id` (a card's outTrackId, or a list key); the oldest goes past the bound. */
  put(id: string, offer: Offer, now = Date.now()): void {
    this.offers.delete(id);
    this.offers.set(id, { offer, expiresAt: now + this.ttlMs });
    while (this.offers.size > this.maxEntries) {
      const oldest = this.offers.keys().next().value;
      if (oldest === undefined) break;
      this.offers.delete(oldest);
    }
  }

  get(id: string, now = Date.now()): OfferLookup {
    const hit = this.offers.get(id);
    if (!hit) return { found: false };
    if (hit.expiresAt <= now) {
      this.offers.delete(id);
      return { found: false };
    }
    return { found: true, offer: hit.offer };
  }

  delete(id: string): void {
    this.offers.delete(id);
  }

  get size(): number {
    return this.offers.size;
  }
}

/** The key of a member's numbered text list in a group without the card template. */
export function listOfferKey(conversationId: string, userId: string): string {
  return `list:${conversationId}:${userId}`;
}

/** The key of the latest numbered list offered to anyone in a group (to tell others whose it is). */
export function latestListKey(conversationId: string): string {
  return `list:${conversationId}`;
}
