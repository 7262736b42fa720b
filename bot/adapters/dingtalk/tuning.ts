/**
 * Every tunable of the DingTalk transport, with production defaults. Tests pass milliseconds
 * instead of seconds; the shapes (backoff, windows) stay the real ones.
 */

export interface DingTalkTuning {
  /** How long a finished message's msgId stays in the journal to drop re-deliveries. */
  dedupeRetentionMs: number;
  /** When the journal cannot be written, msgIds are remembered in memory: at most this many. */
  memoryDedupeMaxEntries: number;
  /** Messages the bot may send per conversation per window (queued beyond, never dropped). */
  conversationRateLimit: number;
  conversationRateWindowMs: number;
  /** A user sending more than this many messages within `floodWindowMs` is flooding (staff never are). */
  floodMaxMessages: number;
  floodWindowMs: number;
  /** After the one notice, a flooding user's messages are dropped (counted and logged) for this long. */
  floodMuteMs: number;
  /** Failed deliveries are retried with backoff for this long; then the webhook falls back to a 1:1 push. */
  deliveryRetryWindowMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Timeout of one HTTP request to a webhook or the robot API. */
  httpTimeoutMs: number;
  /** The access token is renewed this long before DingTalk says it expires. */
  tokenRefreshMarginMs: number;
  /** Longer replies are split into parts of at most this many UTF-8 bytes. */
  maxReplyBytes: number;
  /** Messages in the pipeline at once (the others wait, acked and journaled). */
  maxConcurrentMessages: number;
  /** Reconnect backoff: first delay, and the cap (exponential with jitter in between). */
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** A connection that lasted less than this before dropping counts as a failed attempt. */
  stableConnectionMs: number;
  /** Bound on the gateway POST and on the WebSocket handshake, each. */
  connectTimeoutMs: number;
  /** No frame for this long: send a WebSocket ping. */
  livenessProbeMs: number;
  /** No frame and no pong for this long: drop the connection and reconnect. */
  livenessTimeoutMs: number;
  /** After a SYSTEM `disconnect`, the old socket is kept this long for late frames (server closes ~10 s). */
  disconnectDrainMs: number;
  /**
   * stop() lets queued work run this long; then it starts nothing new, waits for POSTs already
   * on the wire (at most `httpTimeoutMs`), and leaves the rest in the journal for the next start.
   */
  shutdownGraceMs: number;
  /** How long a group's offered choices (a card, a numbered list) can be taken; older taps are told it expired. */
  offerTtlMs: number;
  /** Offers remembered at most (the oldest go first, and are then answered as expired). */
  maxOffers: number;
}

/** Production defaults; each number's source is noted (protocol facts: docs/dingtalk-protocol.md). */
export const DEFAULT_DINGTALK_TUNING: Readonly<DingTalkTuning> = Object.freeze({
  // Re-deliveries come within minutes; a day is ample and keeps the table small.
  dedupeRetentionMs: 24 * 60 * 60_000,
  memoryDedupeMaxEntries: 50_000,
  // protocol: about 20 messages a minute per robot and conversation.
  conversationRateLimit: 20,
  conversationRateWindowMs: 60_000,
  // "> 10 messages in 10 s" is flooding (issue 8 of the transport brief).
  floodMaxMessages: 10,
  floodWindowMs: 10_000,
  floodMuteMs: 60_000,
  // About a minute of retries (1, 2, 4, 8, 15, 15 … s, jittered) before the 1:1 push.
  deliveryRetryWindowMs: 60_000,
  retryBaseMs: 1_000,
  retryMaxMs: 15_000,
  httpTimeoutMs: 10_000,
  tokenRefreshMarginMs: 5 * 60_000,
  // protocol: keep a message under ~15 KB.
  maxReplyBytes: 15_000,
  // The pipeline is CPU-bound (no waits inside), so more at once buys no throughput; one
  // message per turn of the event loop lets incoming frames be read and acked between messages.
  maxConcurrentMessages: 1,
  // protocol: exponential backoff with jitter, capped ~60 s.
  reconnectBaseMs: 1_000,
  reconnectMaxMs: 60_000,
  stableConnectionMs: 30_000,
  connectTimeoutMs: 15_000,
  livenessProbeMs: 30_000,
  livenessTimeoutMs: 90_000,
  // protocol: after `disconnect` the server closes ~10 s later.
  disconnectDrainMs: 15_000,
  shutdownGraceMs: 10_000,
  // A choice is a follow-up to a conversation: half a day covers "I'll look at it after lunch".
  offerTtlMs: 12 * 60 * 60_000,
  maxOffers: 10_000,
});

/** The polite notice a flooding user gets once (bilingual: the merchants write in both). */
export const DEFAULT_FLOOD_NOTICE =
  "您发送消息太快了，请稍等一分钟再提问。\nYou are sending messages too quickly; please wait a minute and ask again.";

/** Posted in the group instead of "sent privately" when the 1:1 push of a private result failed. */
export const PRIVATE_PUSH_FAILED_TEXT = "私信发送失败，请单聊我查询";

/** Told to a member who taps (or types the number of) a choice offered to someone else; `{name}` is the asker. */
export const NOT_YOUR_CHOICE_TEXT = "这是给 @{name} 的选项，你可以直接问我";

/** Told to whoever taps a choice the bot no longer remembers (expired, or offered before a restart). */
export const CHOICE_EXPIRED_TEXT = "这个选项已过期，请直接问我";

/** The hosts DingTalk's session webhooks live on (docs/dingtalk-protocol.md); subdomains included. */
export const DEFAULT_WEBHOOK_HOSTS: readonly string[] = Object.freeze(["oapi.dingtalk.com", "api.dingtalk.com"]);
