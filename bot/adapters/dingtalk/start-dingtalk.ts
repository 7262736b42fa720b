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
import type { Logger } from "pino";
import { z } from "zod";
import type { Config } from "../../config.js";
import type { HandleMessage, IncomingMessage, Reply } from "../../pipeline/types.js";
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
import { TOPIC_ROBOT, parseRobotMessage, peekRobotMessage, toIncomingMessage, validateRobotMessage } from "./robot-message.js";
import type { RobotMessage, RobotMessagePeek } from "./robot-message.js";
import type { CallbackFrame, StreamClient } from "./stream-client.js";
import { DEFAULT_DINGTALK_TUNING, DEFAULT_FLOOD_NOTICE, DEFAULT_WEBHOOK_HOSTS, PRIVATE_PUSH_FAILED_TEXT } from "./tuning.js";
import type { DingTalkTuning } from "./tuning.js";

export { DEFAULT_DINGTALK_TUNING, DEFAULT_FLOOD_NOTICE, PRIVATE_PUSH_FAILED_TEXT } from "./tuning.js";
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
});

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
  }),
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
    });
  }

  /** Flood control and queueing for a new (or resumed) message. */
  function admit(robot: RobotMessage, now: Date, mlog: Logger, journaled: boolean, resumed = false): void {
    const msg = toIncomingMessage(robot, { supportStaffIds, robotCode: dingtalk.robotCode, now });
    const target: DeliveryTarget = {
      conversationId: robot.conversationId,
      chat: msg.chat,
      sessionWebhook: robot.sessionWebhook,
      sessionWebhookExpiredTime: robot.sessionWebhookExpiredTime,
      senderStaffId: robot.senderStaffId,
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
    };
    if (!reply.private) return [{ target, body: conversation }];
    const privateBody: Body = { kind: "private", title: reply.private.title, text: reply.private.text };
    return [
      { target, body: privateBody },
      { target, body: { ...conversation, ifPrivateFailed: { title: "私信发送失败", text: PRIVATE_PUSH_FAILED_TEXT } } },
    ];
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
      metrics.ambiguous.inc({ via: body.kind === "private" ? "push" : "webhook" });
      mlog.warn({ replyId: row.id }, "reply was in flight when the last run stopped; not repeated (outcome unknown)");
      mark("ambiguous", "in flight at shutdown or crash");
      return "ambiguous";
    }
    if (body.kind === "conversation" && body.ifPrivateFailed && row.seq > 0) {
      const pushed = earlier.get(0) ?? siblingState(job, row.msgId);
      if (pushed !== "delivered") {
        mlog.warn({ pushed }, "private result not delivered; telling the group to ask 1:1");
        body = { ...body, title: body.ifPrivateFailed.title, text: body.ifPrivateFailed.text, markdown: false };
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
      } else {
        const via = await sender.deliver(target.data, body, mlog, progress);
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
        metrics.ambiguous.inc({ via: body.kind === "private" ? "push" : "webhook" });
        mlog.warn({ err }, "delivery outcome unknown; not repeated");
        mark("ambiguous", error);
        return "ambiguous";
      }
      const reason = isDingTalkError(err) ? err.code : "internal";
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
