/**
 * The DingTalk stream transport: DWClient ⇄ IncomingMessage/Reply. It records every robot
 * callback in the message journal and then acks it, drops duplicates (the journal is the dedupe
 * table, so this holds across restarts), translates the message for the pipeline, records the
 * pipeline's replies before sending them and marks each delivered after — in order per
 * conversation, within DingTalk's rate limit. On start it resumes what an earlier run left.
 * It decides nothing about what to answer.
 *
 * The connection itself is kept by ./connection-supervisor.ts, delivery by ./reply-sender.ts.
 * Protocol facts the code relies on: docs/dingtalk-protocol.md.
 */
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { z } from "zod";
import type { Config } from "../../config.js";
import type { HandleMessage, IncomingMessage, Reply, ReplyAction } from "../../pipeline/types.js";
import type { IncomingOutcome, IncomingRecord, MessageJournal, OutboxDraft, OutboxRow } from "../../store/message-journal.js";
import { isStoreError } from "../../store/store-error.js";
import { ConversationQueue } from "../shared/conversation-queue.js";
import { DedupeCache } from "../shared/dedupe-cache.js";
import { FloodGuard } from "../shared/flood-guard.js";
import { GroupCommit } from "../shared/group-commit.js";
import { Metrics } from "../shared/metrics.js";
import { RateLimiter } from "../shared/rate-limiter.js";
import { Semaphore, yieldToEventLoop } from "../shared/semaphore.js";
import { superviseConnection } from "./connection-supervisor.js";
import type { ConnectionStatus } from "./connection-supervisor.js";
import { DingTalkError, isDingTalkError } from "./dingtalk-error.js";
import { ReplySender } from "./reply-sender.js";
import type { DeliveryProgress, DeliveryTarget } from "./reply-sender.js";
import { TOPIC_CARD, parseCardTap } from "./card-callback.js";
import type { CardTap } from "./card-callback.js";
import { OfferStore, latestListKey, listOfferKey } from "./offer-store.js";
import type { Offer } from "./offer-store.js";
import { cardParams, groupChoiceList } from "./render-actions.js";
import { TOPIC_ROBOT, parseRobotMessage, peekRobotMessage, toIncomingMessage, validateRobotMessage } from "./robot-message.js";
import type { RobotMessage, RobotMessagePeek } from "./robot-message.js";
import type { CallbackFrame, StreamClient } from "./stream-client.js";
import { byteLength } from "../shared/split-message.js";
import {
  CHOICE_EXPIRED_TEXT,
  DEFAULT_DINGTALK_TUNING,
  DEFAULT_FLOOD_NOTICE,
  DEFAULT_WEBHOOK_HOSTS,
  NOT_YOUR_CHOICE_TEXT,
  PRIVATE_PUSH_FAILED_TEXT,
} from "./tuning.js";
import type { DingTalkTuning } from "./tuning.js";

export { CHOICE_EXPIRED_TEXT, DEFAULT_DINGTALK_TUNING, DEFAULT_FLOOD_NOTICE, NOT_YOUR_CHOICE_TEXT, PRIVATE_PUSH_FAILED_TEXT } from "./tuning.js";
export type { DingTalkTuning } from "./tuning.js";

export interface StartDingTalkOptions {
  dingtalk: NonNullable<Config["dingtalk"]>;
  supportStaffIds: ReadonlySet<string>;
  handleMessage: HandleMessage;
  /** The durable inbox/outbox (the bot's store). */
  journal: MessageJournal;
  logger: Logger;
  /** Counters to update; a new {@link Metrics} when omitted (read it from the handle). */
  metrics?: Metrics;
  tuning?: Partial<DingTalkTuning>;
  /** Text of the one notice sent to a flooding user. */
  floodNotice?: string;
}

/** The transport's state, for /healthz and logs. */
export interface DingTalkStatus extends ConnectionStatus {
  /** Messages queued or being answered in this process. */
  pendingMessages: number;
  stopping: boolean;
}

/** What stop() left behind. */
export interface StopOutcome {
  /** Messages not yet answered plus replies not yet delivered, left in the journal for the next start. */
  left: number;
}

/** A running transport. */
export interface DingTalkHandle {
  /**
   * Stops taking messages, disconnects, lets queued work run for `shutdownGraceMs`, then starts
   * nothing new, waits for POSTs on the wire, and leaves the rest in the journal for the next
   * start. Idempotent; call it on SIGINT/SIGTERM.
   */
  stop(): Promise<StopOutcome>;
  status(): DingTalkStatus;
  readonly metrics: Metrics;
  /** Resolves once the work left by an earlier run has been queued. */
  readonly resumed: Promise<void>;
}

/** Where a recorded reply goes (a {@link DeliveryTarget}), as stored in the journal. */
const TargetSchema = z.object({
  conversationId: z.string(),
  chat: z.enum(["direct", "group"]),
  sessionWebhook: z.string(),
  sessionWebhookExpiredTime: z.number(),
  senderStaffId: z.string().optional(),
  /** Who sent the message (staff id, else sender id) and their name: the member choices are offered to. */
  userId: z.string().optional(),
  userName: z.string().optional(),
  fallback: z.enum(["push", "group"]).optional(),
});

const ActionSchema = z.object({ label: z.string(), send: z.string(), kind: z.enum(["choice", "vote"]).optional() });

/** A recorded reply's content: a 1:1 push to the sender, or a message in the conversation. */
const BodySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("private"), title: z.string(), text: z.string() }),
  z.object({
    kind: z.literal("conversation"),
    title: z.string(),
    text: z.string(),
    markdown: z.boolean(),
    replyKind: z.string().optional(),
    entryId: z.string().optional(),
    /** Sent instead when the private push before it (seq 0) was not delivered. */
    ifPrivateFailed: z.object({ title: z.string(), text: z.string() }).optional(),
    /** One-tap choices, offered to the sender (rendered by chat: docs/dingtalk-protocol.md §3, §7, §8). */
    actions: z.array(ActionSchema).optional(),
    lang: z.enum(["zh", "en"]).optional(),
  }),
  /** A 1:1 message to another user (Reply.notify): its failure never touches the reply itself. */
  z.object({ kind: z.literal("notify"), userId: z.string(), title: z.string(), text: z.string() }),
]);
type Body = z.infer<typeof BodySchema>;

/** One message on its way through the transport. */
interface Job {
  robot: RobotMessage;
  msg: IncomingMessage;
  target: DeliveryTarget;
  log: Logger;
  /** Whether the message is in the journal (false only while the store could not be written). */
  journaled: boolean;
}

/**
 * Starts the DingTalk stream transport. Returns at once; the connection is made (and remade)
 * in the background — watch {@link DingTalkHandle.status}.
 */
export function startDingTalk(options: StartDingTalkOptions): DingTalkHandle {
  const tuning: DingTalkTuning = { ...DEFAULT_DINGTALK_TUNING, ...options.tuning };
  const { dingtalk, supportStaffIds, handleMessage, journal } = options;
  const log = options.logger.child({ component: "dingtalk" });
  const metrics = options.metrics ?? new Metrics();
  const floodNotice = options.floodNotice ?? DEFAULT_FLOOD_NOTICE;

  /** Aborted once the shutdown grace has passed: retry and throttle waits give up. */
  const deliveryAbort = new AbortController();
  /** Set with deliveryAbort: nothing new starts; what has not run stays in the journal. */
  let abandoned = false;
  let stopping = false;
  let stopPromise: Promise<StopOutcome> | undefined;

  const memoryDedupe = new DedupeCache(tuning.dedupeRetentionMs, tuning.memoryDedupeMaxEntries);
  const flood = new FloodGuard(tuning.floodMaxMessages, tuning.floodWindowMs, tuning.floodMuteMs);
  const limiter = new RateLimiter(tuning.conversationRateLimit, tuning.conversationRateWindowMs, (key, waitMs) => {
    metrics.throttled.inc();
    log.debug({ key, waitMs }, "rate limit reached; send queued");
  });
  const sender = new ReplySender({
    apiBaseUrl: dingtalk.apiBaseUrl.replace(/\/+$/, ""),
    clientId: dingtalk.clientId,
    clientSecret: dingtalk.clientSecret,
    robotCode: dingtalk.robotCode,
    tuning,
    limiter,
    metrics,
    signal: deliveryAbort.signal,
    webhookHosts: dingtalk.webhookHosts ?? DEFAULT_WEBHOOK_HOSTS,
  });
  const queue = new ConversationQueue((err, conversationId) => {
    metrics.failures.inc({ stage: "internal" });
    log.error({ err, conversationId }, "message task failed unexpectedly");
  });
  const pipelineSlots = new Semaphore(tuning.maxConcurrentMessages);
  const offers = new OfferStore(tuning.offerTtlMs, tuning.maxOffers);
  /** Group choices go out as interactive cards only with a template and the robot code to deliver them. */
  const cardTemplateId = dingtalk.robotCode ? dingtalk.cardTemplateId : undefined;

  metrics.addGauge({ name: "dingtalk_pending_messages", help: "Messages queued or being answered in this process.", read: () => queue.pending });
  metrics.addGauge({ name: "dingtalk_journal_unanswered", help: "Messages in the journal not answered yet.", read: () => journal.counts().unanswered });
  metrics.addGauge({ name: "dingtalk_journal_pending_replies", help: "Replies in the journal not delivered yet.", read: () => journal.counts().pendingReplies });

  /**
   * Journal writes that settle an outcome (delivered, finished) and failed because the store was
   * busy: retried in order until they succeed, so that a lock does not leave a delivered reply
   * looking unfinished (which the next start would treat as ambiguous, or answer again).
   */
  const deferred: { doing: string; log: Logger; fn: () => void }[] = [];
  function flushDeferred(): void {
    while (deferred.length > 0) {
      const next = deferred[0]!;
      try {
        next.fn();
      } catch (err) {
        if (!isStoreError(err, "STORE_LOCKED") && !isStoreError(err, "STORE_UNWRITABLE")) {
          deferred.shift();
          next.log.error({ err }, `message journal: ${next.doing} failed for good`);
          continue;
        }
        return;
      }
      deferred.shift();
    }
  }
  const deferredTimer = setInterval(flushDeferred, 1_000);
  deferredTimer.unref();

  /**
   * Runs a journal write; a store failure is logged and counted, never thrown into delivery. A
   * `settles` write that failed on a busy store is retried later (see {@link deferred}).
   */
  function journalSafely(job: { journaled: boolean; log: Logger }, doing: string, fn: () => void, settles = false): boolean {
    if (!job.journaled) return false;
    if (settles && deferred.length > 0) {
      // Keep the order: an outcome must not overtake an earlier one still waiting.
      deferred.push({ doing, log: job.log, fn });
      return false;
    }
    try {
      fn();
      return true;
    } catch (err) {
      metrics.failures.inc({ stage: "journal" });
      const busy = isStoreError(err, "STORE_LOCKED") || isStoreError(err, "STORE_UNWRITABLE");
      if (settles && busy) {
        deferred.push({ doing, log: job.log, fn });
        job.log.warn({ err: { code: (err as { code?: string }).code } }, `message journal: ${doing} failed; retrying once the store is free`);
      } else {
        job.log.error({ err }, `message journal: ${doing} failed`);
      }
      return false;
    }
  }

  // --- intake -----------------------------------------------------------------------------
  /** This turn's incoming messages, recorded in one transaction at the end of the turn. */
  const inbox = new GroupCommit<IncomingRecord, IncomingOutcome | Error>(
    (entries) => journal.recordIncomingBatch(entries),
    (err) => (err instanceof Error ? err : new Error(String(err))),
    (err) => {
      metrics.failures.inc({ stage: "internal" });
      log.error({ err }, "incoming message handling failed unexpectedly");
    },
  );

  function onCallback(client: StreamClient, frame: CallbackFrame): void {
    if (stopping) {
      // Unacked on purpose: DingTalk re-sends it, to the next process if this one is exiting.
      log.debug({ messageId: frame.messageId }, "stopping; callback left for re-delivery");
      return;
    }
    const ack = () => {
      try {
        client.ack(frame.messageId);
      } catch (err) {
        metrics.failures.inc({ stage: "ack" });
        log.warn({ err, messageId: frame.messageId }, "ack failed");
      }
    };
    if (frame.topic === TOPIC_CARD && cardTemplateId !== undefined) {
      onCardTap(frame, ack);
      return;
    }
    if (frame.topic !== TOPIC_ROBOT) {
      ack();
      log.debug({ topic: frame.topic }, "callback on an unexpected topic ignored");
      return;
    }
    const malformed = (err: unknown) => {
      metrics.failures.inc({ stage: "message" });
      log.warn({ err, messageId: frame.messageId }, "malformed robot message acked and dropped");
    };
    // Only what the inbox needs is read before the ack; the full validation follows it.
    let peek: RobotMessagePeek;
    try {
      peek = peekRobotMessage(frame.data);
    } catch (err) {
      ack();
      malformed(err);
      return;
    }
    const { msgId } = peek;
    const now = new Date();

    // Recorded before the ack: once acked, DingTalk never sends it again. Every frame of this
    // turn is recorded in one transaction (group commit), then each is acked.
    inbox.add({ msgId, conversationId: peek.conversationId, payload: frame.data as string, at: now }, (outcome) => {
      const mlog = log.child({ msgId });
      let journaled = true;
      let duplicate: boolean;
      if (outcome instanceof Error) {
        // The store is locked or read-only: answer anyway (acking late would only bring the same
        // message back), de-duplicating in memory; this message does not survive a crash.
        journaled = false;
        duplicate = memoryDedupe.checkAndRemember(msgId);
        metrics.unjournaled.inc();
        mlog.warn({ err: isStoreError(outcome) ? { code: outcome.code, message: outcome.message } : outcome }, "message journal unavailable; answering without it");
      } else {
        duplicate = outcome === "duplicate";
        memoryDedupe.checkAndRemember(msgId);
      }
      ack();
      if (duplicate) {
        metrics.duplicatesDropped.inc();
        mlog.debug({ messageId: frame.messageId }, "duplicate message dropped");
        return;
      }
      // The rest waits until this turn's acks have left: the first ack of the turn corked the
      // socket and uncorks it on the next tick, which runs before this one (ticks run in order).
      // Validating a whole batch first would hold every ack of the batch behind it.
      process.nextTick(() => {
        try {
          let robot: RobotMessage;
          try {
            robot = validateRobotMessage(peek.json);
          } catch (err) {
            malformed(err);
            // Recorded already: finished with no reply, so that no start answers it.
            journalSafely({ journaled, log: mlog }, "finishing a malformed message", () => journal.recordReplies(msgId, [], now), true);
            return;
          }
          admit(robot, now, mlog, journaled);
        } catch (err) {
          metrics.failures.inc({ stage: "internal" });
          mlog.error({ err }, "incoming message handling failed unexpectedly");
        }
      });
    });
  }

  /**
   * A button tap on one of our interactive cards (docs/dingtalk-protocol.md §7). The member the
   * choice was offered to gets it run through the pipeline as if they had sent it — journaled,
   * acked and de-duplicated like a robot message, one tap of one button once. Anyone else is
   * told whose choice it is; a card the bot no longer remembers is answered as expired.
   */
  function onCardTap(frame: CallbackFrame, ack: () => void): void {
    let tap: CardTap;
    try {
      tap = parseCardTap(frame.data);
    } catch (err) {
      ack();
      metrics.failures.inc({ stage: "message" });
      log.warn({ err, messageId: frame.messageId }, "malformed card callback acked and dropped");
      return;
    }
    // The same tap delivered twice carries the same card, member and button.
    const tapId = `card:${tap.outTrackId}:${tap.userId}:${tap.index}`;
    const tlog = log.child({ msgId: tapId });
    const now = new Date();
    const lookup = offers.get(tap.outTrackId, now.getTime());
    const offer = lookup.found ? lookup.offer : undefined;
    const action = offer?.actions[tap.index];
    const mine = offer !== undefined && (offer.senderStaffId ?? offer.userId) === tap.userId;
    if (offer === undefined || action === undefined || !mine) {
      ack();
      if (memoryDedupe.checkAndRemember(tapId)) {
        metrics.cardTaps.inc({ outcome: "duplicate" });
        return;
      }
      const outcome = offer === undefined || action === undefined ? "expired" : "not-yours";
      metrics.cardTaps.inc({ outcome });
      tlog.info({ outcome, outTrackId: tap.outTrackId }, "card tap not taken");
      const target: DeliveryTarget =
        offer !== undefined
          ? { conversationId: offer.conversationId, chat: "group", sessionWebhook: offer.sessionWebhook, sessionWebhookExpiredTime: offer.sessionWebhookExpiredTime, senderStaffId: tap.userId, fallback: "group" }
          : tap.groupId !== undefined
            ? { conversationId: tap.groupId, chat: "group", sessionWebhook: "", sessionWebhookExpiredTime: 0, senderStaffId: tap.userId, fallback: "group" }
            : { conversationId: `card:${tap.outTrackId}`, chat: "direct", sessionWebhook: "", sessionWebhookExpiredTime: 0, senderStaffId: tap.userId };
      const text = outcome === "expired" ? CHOICE_EXPIRED_TEXT : NOT_YOUR_CHOICE_TEXT.replace("{name}", offer?.userName ?? offer?.userId ?? "");
      const notice: Body = { kind: "conversation", title: "提示", text, markdown: false };
      queue.enqueue(target.conversationId, () => deliverRows({ msgId: tapId, log: tlog, journaled: false }, [unjournaledRow(tapId, 0, target, notice)]));
      return;
    }
    // Taken: the member's choice, as the robot message they would have sent.
    const robot: RobotMessage = {
      msgId: tapId,
      msgtype: "text",
      createAt: now.getTime(),
      conversationType: "2",
      conversationId: offer.conversationId,
      senderId: offer.userId,
      senderStaffId: offer.senderStaffId,
      senderNick: offer.userName,
      sessionWebhook: offer.sessionWebhook,
      sessionWebhookExpiredTime: offer.sessionWebhookExpiredTime,
      viaCardTap: tap.outTrackId,
      text: { content: action.send },
    };
    let journaled = true;
    let duplicate: boolean;
    try {
      duplicate = journal.recordIncoming({ msgId: tapId, conversationId: offer.conversationId, payload: JSON.stringify(robot), at: now }) === "duplicate";
      memoryDedupe.checkAndRemember(tapId);
    } catch (err) {
      journaled = false;
      duplicate = memoryDedupe.checkAndRemember(tapId);
      metrics.unjournaled.inc();
      tlog.warn({ err: isStoreError(err) ? { code: err.code, message: err.message } : err }, "message journal unavailable; answering the tap without it");
    }
    ack();
    if (duplicate) {
      metrics.cardTaps.inc({ outcome: "duplicate" });
      tlog.debug({ messageId: frame.messageId }, "duplicate card tap dropped");
      return;
    }
    metrics.cardTaps.inc({ outcome: "answered" });
    admit(robot, now, tlog, journaled);
  }

  /** A reply row that lives in memory only (notices about a tap nobody needs to resume). */
  function unjournaledRow(msgId: string, seq: number, target: DeliveryTarget, body: Body): OutboxRow {
    return { id: -1, msgId, seq, target, body, state: "pending", partsDone: 0, attempts: 0, lastError: null };
  }

  /**
   * In a group without the card template, choices are a numbered list and a member answers by @
   * the bot with the number (docs/dingtalk-protocol.md §8): the number becomes the choice for the
   * member it was offered to, and anyone else typing a number of someone else's list is told whose
   * it is. Returns the notice to send instead of answering, if any.
   */
  function translateListChoice(msg: IncomingMessage, at: number): string | undefined {
    if (msg.chat !== "group" || !/^\d{1,2}$/.test(msg.text)) return undefined;
    const n = Number(msg.text);
    const own = offers.get(listOfferKey(msg.conversationId, msg.userId), at);
    if (own.found) {
      const chosen = own.offer.actions[n - 1];
      if (chosen) msg.text = chosen.send;
      return undefined;
    }
    const latest = offers.get(latestListKey(msg.conversationId), at);
    if (latest.found && latest.offer.userId !== msg.userId && n >= 1 && n <= latest.offer.actions.length) {
      return NOT_YOUR_CHOICE_TEXT.replace("{name}", latest.offer.userName ?? latest.offer.userId);
    }
    return undefined;
  }

  /** Flood control and queueing for a new (or resumed) message. */
  function admit(robot: RobotMessage, now: Date, mlog: Logger, journaled: boolean, resumed = false): void {
    const msg = toIncomingMessage(robot, { supportStaffIds, robotCode: dingtalk.robotCode, now });
    const target: DeliveryTarget & { userId: string; userName?: string } = {
      conversationId: robot.conversationId,
      chat: msg.chat,
      sessionWebhook: robot.sessionWebhook,
      sessionWebhookExpiredTime: robot.sessionWebhookExpiredTime,
      senderStaffId: robot.senderStaffId,
      userId: msg.userId,
      ...(msg.userName !== undefined ? { userName: msg.userName } : {}),
      // An answer to a card tap belongs in the group the card is in, whatever the webhook's age.
      ...(robot.viaCardTap !== undefined ? { fallback: "group" as const } : {}),
    };
    const job: Job = { robot, msg, target, log: mlog, journaled };
    metrics.messagesReceived.inc({ kind: msg.contentKind });
    // Staff are never throttled: they may paste a list of questions to check answers.
    const verdict = msg.staff || resumed ? "accept" : flood.check(robot.senderStaffId ?? robot.senderId ?? robot.conversationId);
    if (verdict === "ignore") {
      metrics.flood.inc({ action: "dropped" });
      mlog.warn({ userId: msg.userId, conversationId: msg.conversationId }, "sender is flooding; message dropped (notice already sent)");
      journalSafely(job, "finishing a dropped message", () => journal.recordReplies(robot.msgId, [], now), true);
      return;
    }
    if (verdict === "notice") {
      metrics.flood.inc({ action: "notice" });
      mlog.warn({ userId: msg.userId, conversationId: msg.conversationId }, "sender is flooding; message dropped and the notice sent");
      const notice: Body = { kind: "conversation", title: "Slow down", text: floodNotice, markdown: false };
      queue.enqueue(target.conversationId, () => recordAndDeliver(job, [{ target, body: notice }]));
      return;
    }
    const notYours = translateListChoice(msg, now.getTime());
    if (notYours !== undefined) {
      mlog.info({ userId: msg.userId }, "a number from someone else's choice list; told whose it is");
      const notice: Body = { kind: "conversation", title: "提示", text: notYours, markdown: false };
      queue.enqueue(target.conversationId, () => recordAndDeliver(job, [{ target, body: notice }]));
      return;
    }
    queue.enqueue(target.conversationId, () => answer(job));
  }

  async function answer(job: Job): Promise<void> {
    if (abandoned) return; // stays "received" in the journal: answered by the next start
    let reply: Reply | undefined;
    await pipelineSlots.run(async () => {
      // A turn of the event loop between messages: frames that arrived meanwhile get acked,
      // before this message's work (acks come first, whatever the order of the turn's tasks).
      await yieldToEventLoop();
      inbox.flush();
      if (abandoned) return;
      job.log.info({ contentKind: job.msg.contentKind, chat: job.msg.chat, staff: job.msg.staff }, "message received");
      job.log.debug({ text: job.msg.text, userId: job.msg.userId, conversationId: job.msg.conversationId }, "message text");
      try {
        reply = await handleMessage(job.msg);
      } catch (cause) {
        metrics.failures.inc({ stage: "handler" });
        job.log.error({ err: new DingTalkError("HANDLER_FAILED", "the pipeline threw instead of replying", { cause }) }, "no reply");
      }
    });
    if (abandoned && reply === undefined) return;
    if (reply === undefined) {
      journalSafely(job, "finishing an unanswered message", () => journal.recordReplies(job.robot.msgId, [], new Date()), true);
      return;
    }
    metrics.answers.inc({ kind: reply.kind });
    await recordAndDeliver(job, draftsFor(reply, job.target));
  }

  /** The journal rows for a reply: a private part is pushed first, and the group told only then. */
  function draftsFor(reply: Reply, target: DeliveryTarget): OutboxDraft[] {
    const conversation: Body = {
      kind: "conversation",
      title: reply.title,
      text: reply.text,
      markdown: reply.markdown,
      replyKind: reply.kind,
      entryId: reply.entryId,
      ...(reply.actions !== undefined && reply.actions.length > 0 ? { actions: reply.actions } : {}),
      ...(reply.lang !== undefined ? { lang: reply.lang } : {}),
    };
    // Notifications go after the reply: the reply is never held up or lost by one of them.
    const notifications: OutboxDraft[] = (reply.notify ?? []).map((n) => ({
      target,
      body: { kind: "notify", userId: n.userId, title: n.title, text: n.text } satisfies Body,
    }));
    if (!reply.private) return [{ target, body: conversation }, ...notifications];
    const privateBody: Body = { kind: "private", title: reply.private.title, text: reply.private.text };
    return [
      { target, body: privateBody },
      { target, body: { ...conversation, ifPrivateFailed: { title: "私信发送失败", text: PRIVATE_PUSH_FAILED_TEXT } } },
      ...notifications,
    ];
  }

  /** Remembers a group member's numbered choices (docs/dingtalk-protocol.md §8). */
  function rememberList(base: Omit<Offer, "actions">, listed: ReplyAction[]): void {
    if (listed.length === 0) return;
    const offer: Offer = { ...base, actions: listed };
    offers.put(listOfferKey(base.conversationId, base.userId), offer);
    offers.put(latestListKey(base.conversationId), offer);
  }

  /**
   * Delivers a group reply that carries choices: as an interactive card when the template is set
   * (the offer remembered under the card's id first, so that even a fast tap finds it), else as a
   * numbered list (docs/dingtalk-protocol.md §7, §8). A card DingTalk refuses falls back to the list.
   */
  async function deliverGroupChoices(
    row: OutboxRow,
    target: z.infer<typeof TargetSchema>,
    body: Extract<Body, { kind: "conversation" }> & { actions: ReplyAction[] },
    mlog: Logger,
    progress: DeliveryProgress,
  ): Promise<string> {
    const userId = target.userId ?? target.senderStaffId ?? "anonymous";
    const base: Omit<Offer, "actions"> = {
      userId,
      userName: target.userName,
      senderStaffId: target.senderStaffId,
      conversationId: target.conversationId,
      sessionWebhook: target.sessionWebhook,
      sessionWebhookExpiredTime: target.sessionWebhookExpiredTime,
    };
    if (cardTemplateId !== undefined && row.partsDone === 0 && byteLength(body.text) <= tuning.maxReplyBytes) {
      // Stable per reply row, so that the journal, the logs and the callback agree on it.
      const outTrackId = createHash("sha256").update(`${row.msgId}\u0000${row.seq}`).digest("hex").slice(0, 32);
      const card = cardParams({ title: body.title, text: body.text }, body.actions);
      offers.put(outTrackId, { ...base, actions: card.buttons });
      // A member may still type the number (the pipeline's text may name them): same binding.
      rememberList(base, card.buttons.filter((a) => a.kind !== "vote"));
      try {
        await sender.deliverCard(
          target,
          {
            cardTemplateId,
            outTrackId,
            cardParamMap: card.cardParamMap,
            ...(target.senderStaffId !== undefined ? { at: { staffId: target.senderStaffId, name: target.userName ?? target.senderStaffId } } : {}),
          },
          mlog,
        );
        progress.onPartDelivered(1);
        return "card";
      } catch (err) {
        if (isDingTalkError(err, "SHUTTING_DOWN") || isDingTalkError(err, "DELIVERY_AMBIGUOUS")) throw err;
        offers.delete(outTrackId);
        metrics.failures.inc({ stage: "card" });
        mlog.warn({ err }, "interactive card not delivered; listing the choices as text instead");
      }
    }
    const list = groupChoiceList(body.text, body.actions, body.lang);
    rememberList(base, list.listed);
    return sender.deliver(target, { title: body.title, text: list.text, markdown: true }, mlog, progress);
  }

  async function recordAndDeliver(job: Job, drafts: OutboxDraft[]): Promise<void> {
    const now = new Date();
    let rows: OutboxRow[] | undefined;
    if (job.journaled) {
      try {
        rows = journal.recordReplies(job.robot.msgId, drafts, now);
      } catch (err) {
        metrics.failures.inc({ stage: "journal" });
        job.log.error({ err }, "message journal: recording the replies failed; delivering without it");
        // The message is in the inbox: mark it finished once the store is free, or the next start
        // would answer it again.
        journalSafely(job, "finishing a message answered without the journal", () => journal.recordReplies(job.robot.msgId, [], now), true);
        job.journaled = false;
      }
    }
    rows ??= drafts.map((d, seq) => ({ id: -1, msgId: job.robot.msgId, seq, target: d.target, body: d.body, state: "pending", partsDone: 0, attempts: 0, lastError: null }));
    await deliverRows({ msgId: job.robot.msgId, log: job.log, journaled: job.journaled }, rows);
  }

  /** Delivers a message's open replies in order; finishes the message when none is left open. */
  async function deliverRows(job: Pick<Job, "log" | "journaled"> & { msgId: string }, rows: OutboxRow[]): Promise<void> {
    const outcomes = new Map<number, OutboxRow["state"]>();
    for (const row of rows) {
      if (abandoned) return; // left "pending" for the next start
      outcomes.set(row.seq, await deliverRow(job, row, outcomes));
    }
    if ([...outcomes.values()].every((s) => s !== "pending" && s !== "sending")) {
      journalSafely(job, "finishing a message", () => journal.finishMessage(job.msgId), true);
    }
  }

  async function deliverRow(
    job: Pick<Job, "log" | "journaled"> & { msgId: string },
    row: OutboxRow,
    earlier: Map<number, OutboxRow["state"]>,
  ): Promise<OutboxRow["state"]> {
    const mlog = job.log;
    const target = TargetSchema.safeParse(row.target);
    const parsed = BodySchema.safeParse(row.body);
    const mark = (state: Exclude<OutboxRow["state"], "sending">, error?: string) =>
      journalSafely(job, "updating a reply", () => journal.markReply(row.id, state, new Date(), error), true);
    if (!target.success || !parsed.success) {
      metrics.undeliverable.inc({ reason: "corrupt" });
      mlog.error({ replyId: row.id }, "reply undeliverable: its journal row is not a reply this version can read");
      mark("undeliverable", "unreadable journal row");
      return "undeliverable";
    }
    let body = parsed.data;
    if (row.state === "sending") {
      // The process stopped while this POST was on the wire: DingTalk may or may not have it.
      metrics.ambiguous.inc({ via: body.kind === "conversation" ? "webhook" : "push" });
      mlog.warn({ replyId: row.id }, "reply was in flight when the last run stopped; not repeated (outcome unknown)");
      mark("ambiguous", "in flight at shutdown or crash");
      return "ambiguous";
    }
    if (body.kind === "conversation" && body.ifPrivateFailed && row.seq > 0) {
      const pushed = earlier.get(0) ?? siblingState(job, row.msgId);
      if (pushed !== "delivered") {
        mlog.warn({ pushed }, "private result not delivered; telling the group to ask 1:1");
        body = { ...body, title: body.ifPrivateFailed.title, text: body.ifPrivateFailed.text, markdown: false, actions: undefined };
      }
    }
    const progress: DeliveryProgress = {
      fromPart: row.partsDone,
      onPartDelivered: (n) => {
        journalSafely(job, "counting delivered parts", () => journal.markPartsDone(row.id, n, new Date()), true);
      },
    };
    journalSafely(job, "marking a reply as sending", () => journal.markSending(row.id, new Date()));
    try {
      if (body.kind === "private") {
        await sender.pushPrivate(target.data.senderStaffId, body, mlog, progress);
        mlog.info("private reply pushed");
      } else if (body.kind === "notify") {
        await sender.pushPrivate(body.userId, body, mlog, progress);
        metrics.notifications.inc({ result: "delivered" });
        mlog.info({ to: body.userId }, "notification pushed");
      } else {
        const actions = body.actions;
        const via =
          target.data.chat === "group" && actions !== undefined && actions.length > 0
            ? await deliverGroupChoices(row, target.data, { ...body, actions }, mlog, progress)
            : await sender.deliver(target.data, body, mlog, progress);
        mlog.info({ kind: body.replyKind, entryId: body.entryId, via }, "reply delivered");
      }
      mark("delivered");
      return "delivered";
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (isDingTalkError(err, "SHUTTING_DOWN")) {
        mlog.info("shutdown interrupted a delivery; left in the journal for the next start");
        mark("pending", error);
        return "pending";
      }
      if (isDingTalkError(err, "DELIVERY_AMBIGUOUS")) {
        metrics.ambiguous.inc({ via: body.kind === "conversation" ? "webhook" : "push" });
        mlog.warn({ err }, "delivery outcome unknown; not repeated");
        mark("ambiguous", error);
        return "ambiguous";
      }
      const reason = isDingTalkError(err) ? err.code : "internal";
      if (body.kind === "notify") {
        // Counted apart: a notification that failed is an operational problem, not a lost reply.
        metrics.notifications.inc({ result: "failed" });
        mlog.error({ err, to: body.userId }, "notification not delivered");
        mark("undeliverable", error);
        return "undeliverable";
      }
      metrics.undeliverable.inc({ reason });
      metrics.failures.inc({ stage: body.kind === "private" ? "push" : "undeliverable" });
      mlog.error({ err }, body.kind === "private" ? "private reply not delivered" : "reply undeliverable");
      mark("undeliverable", error);
      return "undeliverable";
    }
  }

  function siblingState(job: Pick<Job, "log" | "journaled">, msgId: string): OutboxRow["state"] | undefined {
    if (!job.journaled) return undefined;
    try {
      return journal.repliesOf(msgId).find((r) => r.seq === 0)?.state;
    } catch (err) {
      job.log.error({ err }, "message journal: reading the private push's outcome failed");
      return undefined;
    }
  }

  // --- resume -----------------------------------------------------------------------------
  /** Queues what an earlier run left: unanswered messages, then undelivered replies. */
  async function resume(): Promise<void> {
    await yieldToEventLoop();
    let work;
    try {
      journal.purgeJournal(new Date(Date.now() - tuning.dedupeRetentionMs));
      // What the last run sent within the rate window still counts against DingTalk's limit.
      const sends = new Map<string, number[]>();
      for (const d of journal.recentDeliveries(new Date(Date.now() - tuning.conversationRateWindowMs))) {
        const key = d.kind === "private" ? (d.staffId === null ? undefined : `oto:${d.staffId}`) : (d.conversationId ?? undefined);
        if (key === undefined) continue;
        sends.set(key, [...(sends.get(key) ?? []), ...Array.from({ length: d.parts }, () => d.at.getTime())]);
      }
      for (const [key, times] of sends) limiter.prime(key, times);
      work = journal.unfinished();
    } catch (err) {
      metrics.failures.inc({ stage: "journal" });
      log.error({ err }, "message journal unreadable at start-up; nothing resumed");
      return;
    }
    const byMessage = new Map<string, OutboxRow[]>();
    for (const row of work.replies) byMessage.set(row.msgId, [...(byMessage.get(row.msgId) ?? []), row]);
    if (work.unanswered.length + byMessage.size > 0) {
      log.info({ unanswered: work.unanswered.length, undeliveredReplies: work.replies.length }, "resuming work left by the last run");
    }
    for (const [msgId, rows] of byMessage) {
      const target = TargetSchema.safeParse(rows[0]?.target);
      const mlog = log.child({ msgId });
      metrics.resumed.inc({ what: "reply" }, rows.length);
      queue.enqueue(target.success ? target.data.conversationId : `resume:${msgId}`, () => deliverRows({ msgId, log: mlog, journaled: true }, rows));
    }
    for (const m of work.unanswered) {
      const mlog = log.child({ msgId: m.msgId });
      let robot: RobotMessage;
      try {
        robot = parseRobotMessage(m.payload);
      } catch (err) {
        metrics.undeliverable.inc({ reason: "corrupt" });
        mlog.error({ err }, "a journaled message is unreadable; dropped");
        journalSafely({ journaled: true, log: mlog }, "finishing an unreadable message", () => journal.recordReplies(m.msgId, [], new Date()));
        continue;
      }
      memoryDedupe.checkAndRemember(robot.msgId);
      metrics.resumed.inc({ what: "message" });
      // Answered as of when it arrived: deadlines and "days left" do not shift with the restart.
      admit(robot, m.receivedAt, mlog, true, true);
    }
  }

  // --- lifecycle --------------------------------------------------------------------------
  const connection = superviseConnection({
    clientId: dingtalk.clientId,
    clientSecret: dingtalk.clientSecret,
    gatewayUrl: dingtalk.gatewayUrl,
    topics: cardTemplateId !== undefined ? [TOPIC_ROBOT, TOPIC_CARD] : [TOPIC_ROBOT],
    tuning,
    metrics,
    log,
    onCallback,
  });

  const purgeTimer = setInterval(() => {
    try {
      journal.purgeJournal(new Date(Date.now() - tuning.dedupeRetentionMs));
    } catch (err) {
      log.warn({ err }, "message journal purge failed; retrying in an hour");
    }
  }, 60 * 60_000);
  purgeTimer.unref();

  function status(): DingTalkStatus {
    return { ...connection.status(), pendingMessages: queue.pending, stopping };
  }

  async function stop(): Promise<StopOutcome> {
    stopping = true;
    clearInterval(purgeTimer);
    // Frames already taken in are recorded and acked before the connection closes.
    inbox.flush();
    connection.close();
    log.info({ pending: queue.pending }, "stopping: no new messages; finishing queued replies");
    const drained = await queue.drain(tuning.shutdownGraceMs);
    if (!drained) {
      log.warn({ pending: queue.pending }, "shutdown grace expired; starting nothing new, leaving the rest in the journal");
      abandoned = true;
      deliveryAbort.abort(new DingTalkError("SHUTTING_DOWN", "shutdown grace expired"));
      // POSTs already on the wire finish (bounded by the HTTP timeout) so their outcome is recorded.
      await queue.drain(tuning.httpTimeoutMs + 1_000);
    }
    // A peer that never answers the close handshake would hold the socket for ws's 30 s timeout.
    connection.terminate();
    clearInterval(deferredTimer);
    flushDeferred();
    if (deferred.length > 0) log.warn({ writes: deferred.length }, "message journal still busy at shutdown; some outcomes not recorded");
    let left = queue.pending;
    try {
      const counts = journal.counts();
      left = Math.max(left, counts.unanswered + counts.pendingReplies);
    } catch (err) {
      log.error({ err }, "message journal unreadable at shutdown; counting what this process holds");
    }
    log.info({ left }, left > 0 ? "stopped; work left in the journal for the next start" : "stopped; nothing left");
    return { left };
  }

  const resumed = resume();
  return {
    stop: () => (stopPromise ??= stop()),
    status,
    metrics,
    resumed,
  };
}
