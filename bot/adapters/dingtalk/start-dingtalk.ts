/**
 * The DingTalk stream transport: DWClient ⇄ IncomingMessage/Reply. It connects (and keeps
 * reconnecting) to the stream gateway, acks every robot callback at once, drops duplicates,
 * translates the message for the pipeline, and delivers the pipeline's Reply — in order per
 * conversation, within DingTalk's rate limit. It decides nothing about what to answer.
 *
 * Protocol facts and SDK defects: shared/spec/dingtalk-stream.md.
 */
import type { Logger } from "pino";
import type { Config } from "../../config.js";
import type { HandleMessage, IncomingMessage, Reply } from "../../pipeline/types.js";
import { backoffDelay } from "../shared/backoff.js";
import { ConversationQueue } from "../shared/conversation-queue.js";
import { DedupeCache } from "../shared/dedupe-cache.js";
import { DingTalkError, isDingTalkError } from "./dingtalk-error.js";
import { FloodGuard } from "../shared/flood-guard.js";
import { Metrics } from "../shared/metrics.js";
import { RateLimiter } from "../shared/rate-limiter.js";
import { ReplySender } from "./reply-sender.js";
import type { DeliveryTarget } from "./reply-sender.js";
import { TOPIC_ROBOT, parseRobotMessage, toIncomingMessage } from "./robot-message.js";
import type { RobotMessage } from "./robot-message.js";
import { StreamClient } from "./stream-client.js";
import type { CallbackFrame } from "./stream-client.js";

/** Every tunable of the transport. Production defaults in {@link DEFAULT_DINGTALK_TUNING}. */
export interface DingTalkTuning {
  /** How long a msgId is remembered to drop re-deliveries. */
  dedupeTtlMs: number;
  /** At most this many msgIds are remembered (oldest forgotten first). */
  dedupeMaxEntries: number;
  /** Messages the bot may send per conversation per window (queued beyond, never dropped). */
  conversationRateLimit: number;
  conversationRateWindowMs: number;
  /** A user sending more than this many messages within `floodWindowMs` is flooding. */
  floodMaxMessages: number;
  floodWindowMs: number;
  /** After the one notice, a flooding user's messages are ignored for this long. */
  floodMuteMs: number;
  /** Retries (after the first try) of a delivery that failed transiently (network, 5xx). */
  deliveryRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Timeout of one HTTP request to a webhook or the robot API. */
  httpTimeoutMs: number;
  /** The access token is renewed this long before DingTalk says it expires. */
  tokenRefreshMarginMs: number;
  /** Longer replies are split into parts of at most this many UTF-8 bytes. */
  maxReplyBytes: number;
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
  /** stop() waits this long for in-flight replies before abandoning them. */
  shutdownGraceMs: number;
}

/** Production defaults; each number's source is noted. */
export const DEFAULT_DINGTALK_TUNING: Readonly<DingTalkTuning> = Object.freeze({
  // Unacked callbacks are re-sent after ~16–60 s, possibly more than once: 30 min covers that widely.
  dedupeTtlMs: 30 * 60_000,
  dedupeMaxEntries: 50_000,
  // spec: "throttled at about 20 messages a minute per robot and conversation".
  conversationRateLimit: 20,
  conversationRateWindowMs: 60_000,
  // brief: "> 10 messages in 10 s" is flooding.
  floodMaxMessages: 10,
  floodWindowMs: 10_000,
  floodMuteMs: 60_000,
  deliveryRetries: 4,
  retryBaseMs: 500,
  retryMaxMs: 8_000,
  httpTimeoutMs: 10_000,
  tokenRefreshMarginMs: 5 * 60_000,
  // spec: "Keep a message under ~15 KB; split longer ones".
  maxReplyBytes: 15_000,
  // spec: "exponential backoff with jitter, capped ~60 s".
  reconnectBaseMs: 1_000,
  reconnectMaxMs: 60_000,
  stableConnectionMs: 30_000,
  connectTimeoutMs: 15_000,
  livenessProbeMs: 30_000,
  livenessTimeoutMs: 90_000,
  // spec: "disconnect (server closes ~10 s later)".
  disconnectDrainMs: 15_000,
  shutdownGraceMs: 10_000,
});

/** The polite notice a flooding user gets once (bilingual: the merchants write in both). */
export const DEFAULT_FLOOD_NOTICE =
  "您发送消息太快了，请稍等一分钟再提问。\nYou are sending messages too quickly; please wait a minute and ask again.";

export interface StartDingTalkOptions {
  dingtalk: NonNullable<Config["dingtalk"]>;
  supportStaffIds: ReadonlySet<string>;
  handleMessage: HandleMessage;
  logger: Logger;
  /** Counters to update; a new {@link Metrics} when omitted (read it from the handle). */
  metrics?: Metrics;
  tuning?: Partial<DingTalkTuning>;
  /** Text of the one notice sent to a flooding user. */
  floodNotice?: string;
}

/** The transport's state, for /healthz and logs. */
export interface DingTalkStatus {
  connected: boolean;
  /** When the last frame (or pong) arrived on any connection. */
  lastFrameAt: Date | null;
  connectedSince: Date | null;
  /** Since when no connection has been open (start-up counts); null while connected. */
  disconnectedSince: Date | null;
  /** Connections lost so far. */
  reconnects: number;
  /** Messages queued or being answered. */
  pendingMessages: number;
  stopping: boolean;
}

/** A running transport. */
export interface DingTalkHandle {
  /**
   * Stops taking messages (callbacks that still arrive are left unacked so DingTalk re-sends
   * them later), disconnects, and waits up to `shutdownGraceMs` for in-flight replies.
   * Idempotent; call it on SIGINT/SIGTERM.
   */
  stop(): Promise<void>;
  status(): DingTalkStatus;
  readonly metrics: Metrics;
}

/**
 * Starts the DingTalk stream transport. Returns at once; the connection is made (and remade)
 * in the background — watch {@link DingTalkHandle.status}.
 */
export function startDingTalk(options: StartDingTalkOptions): DingTalkHandle {
  const tuning: DingTalkTuning = { ...DEFAULT_DINGTALK_TUNING, ...options.tuning };
  const { dingtalk, supportStaffIds, handleMessage } = options;
  const log = options.logger.child({ component: "dingtalk" });
  const metrics = options.metrics ?? new Metrics();
  const floodNotice = options.floodNotice ?? DEFAULT_FLOOD_NOTICE;

  /** Aborts connect attempts at stop(). */
  const connectAbort = new AbortController();
  /** Aborts pending deliveries once the shutdown grace has passed. */
  const deliveryAbort = new AbortController();

  const dedupe = new DedupeCache(tuning.dedupeTtlMs, tuning.dedupeMaxEntries);
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
  });
  const queue = new ConversationQueue((err, conversationId) => {
    metrics.failures.inc({ stage: "internal" });
    log.error({ err, conversationId }, "message task failed unexpectedly");
  });

  // --- connection state -------------------------------------------------------------------
  let current: StreamClient | undefined;
  let currentActivityAt = 0;
  let connectedAt = 0;
  let lastFrameAt: Date | null = null;
  let connectedSince: Date | null = null;
  let disconnectedSince: Date | null = new Date();
  let reconnects = 0;
  let failures = 0;
  let attemptInFlight = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  let stopPromise: Promise<void> | undefined;
  const draining = new Map<StreamClient, NodeJS.Timeout>();

  metrics.addGauge({ name: "dingtalk_connected", help: "1 while a stream connection is open.", read: () => (current?.isOpen ? 1 : 0) });
  metrics.addGauge({
    name: "dingtalk_seconds_since_last_frame",
    help: "Seconds since the last frame or pong (-1 before the first).",
    read: () => (lastFrameAt ? (Date.now() - lastFrameAt.getTime()) / 1000 : -1),
  });
  metrics.addGauge({ name: "dingtalk_pending_messages", help: "Messages queued or being answered.", read: () => queue.pending });

  /** Schedules one connect attempt; a no-op while connected, connecting, waiting or stopping. */
  function scheduleConnect(delayMs: number): void {
    if (stopping || current || attemptInFlight || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connectOnce();
    }, delayMs);
  }

  async function connectOnce(): Promise<void> {
    if (stopping || current || attemptInFlight) return;
    attemptInFlight = true;
    const client: StreamClient = new StreamClient({
      clientId: dingtalk.clientId,
      clientSecret: dingtalk.clientSecret,
      gatewayUrl: dingtalk.gatewayUrl,
      connectTimeoutMs: tuning.connectTimeoutMs,
      signal: connectAbort.signal,
      events: {
        onActivity: () => {
          lastFrameAt = new Date();
          if (client === current) currentActivityAt = Date.now();
        },
        onCallback: (frame) => onCallback(client, frame),
        onDisconnectFrame: () => onDisconnectFrame(client),
        onMalformedFrame: (err) => {
          metrics.failures.inc({ stage: "frame" });
          log.warn({ err }, "malformed frame ignored");
        },
        onClose: (code) => onClose(client, code),
      },
    });
    let nextDelay: number | undefined;
    try {
      await client.open();
      metrics.connectAttempts.inc({ result: "ok" });
      if (stopping) {
        client.close();
        return;
      }
      current = client;
      connectedAt = Date.now();
      currentActivityAt = connectedAt;
      connectedSince = new Date(connectedAt);
      disconnectedSince = null;
      log.info({ afterFailures: failures }, "connected to the DingTalk stream gateway");
    } catch (err) {
      client.close("terminate");
      if (stopping) return;
      metrics.connectAttempts.inc({ result: "failed" });
      nextDelay = backoffDelay(failures, tuning.reconnectBaseMs, tuning.reconnectMaxMs);
      failures++;
      const authProblem = isDingTalkError(err) && (err.status === 401 || err.status === 403);
      log[authProblem ? "error" : "warn"]({ err, attempt: failures, delayMs: nextDelay }, "connect failed; retrying");
    } finally {
      attemptInFlight = false;
    }
    if (nextDelay !== undefined) scheduleConnect(nextDelay);
  }

  /** The current connection is gone (closed, dead, or retiring): start a new one. */
  function connectionLost(client: StreamClient, reason: "closed" | "watchdog" | "disconnect"): void {
    if (client !== current) return;
    current = undefined;
    reconnects++;
    metrics.reconnects.inc({ reason });
    connectedSince = null;
    disconnectedSince = new Date();
    let delayMs: number;
    if (Date.now() - connectedAt < tuning.stableConnectionMs) {
      // A connection that ends right away is as good as a failed attempt: keep backing off.
      delayMs = backoffDelay(failures, tuning.reconnectBaseMs, tuning.reconnectMaxMs);
      failures++;
    } else {
      failures = 0;
      // After a SYSTEM disconnect the server asked us to move (the old socket keeps working
      // meanwhile): go at once. After a drop, wait a little, as the network may be flapping.
      delayMs = reason === "disconnect" ? 0 : backoffDelay(0, tuning.reconnectBaseMs, tuning.reconnectMaxMs);
    }
    log.warn({ reason, delayMs }, "stream connection lost; reconnecting");
    scheduleConnect(delayMs);
  }

  function onClose(client: StreamClient, code: number): void {
    const timer = draining.get(client);
    if (timer) {
      clearTimeout(timer);
      draining.delete(client);
      log.debug({ code }, "retired connection closed");
      return;
    }
    if (client === current) connectionLost(client, "closed");
  }

  function onDisconnectFrame(client: StreamClient): void {
    if (client !== current) return;
    log.info("gateway announced disconnect; opening a new connection");
    draining.set(
      client,
      setTimeout(() => {
        draining.delete(client);
        client.close("terminate");
      }, tuning.disconnectDrainMs),
    );
    connectionLost(client, "disconnect");
  }

  const watchdog = setInterval(
    () => {
      const client = current;
      if (!client) return;
      const silentMs = Date.now() - currentActivityAt;
      if (silentMs >= tuning.livenessTimeoutMs) {
        log.warn({ silentMs }, "no frame or pong within the liveness timeout; dropping the connection");
        connectionLost(client, "watchdog");
        client.close("terminate");
      } else if (silentMs >= tuning.livenessProbeMs) {
        client.probe();
      }
    },
    Math.max(10, Math.floor(Math.min(tuning.livenessProbeMs, tuning.livenessTimeoutMs) / 4)),
  );
  watchdog.unref();

  // --- messages ---------------------------------------------------------------------------
  function onCallback(client: StreamClient, frame: CallbackFrame): void {
    if (stopping) {
      // Unacked on purpose: DingTalk re-sends it, to the next process if this one is exiting.
      log.debug({ messageId: frame.messageId }, "stopping; callback left for re-delivery");
      return;
    }
    try {
      client.ack(frame.messageId);
    } catch (err) {
      metrics.failures.inc({ stage: "ack" });
      log.warn({ err, messageId: frame.messageId }, "ack failed");
    }
    if (frame.topic !== TOPIC_ROBOT) {
      log.debug({ topic: frame.topic }, "callback on an unexpected topic ignored");
      return;
    }
    let robot: RobotMessage;
    try {
      robot = parseRobotMessage(frame.data);
    } catch (err) {
      metrics.failures.inc({ stage: "message" });
      log.warn({ err, messageId: frame.messageId }, "malformed robot message acked and dropped");
      return;
    }
    const mlog = log.child({ msgId: robot.msgId });
    if (dedupe.checkAndRemember(robot.msgId)) {
      metrics.duplicatesDropped.inc();
      mlog.debug({ messageId: frame.messageId }, "duplicate message dropped");
      return;
    }
    const msg = toIncomingMessage(robot, { supportStaffIds, robotCode: dingtalk.robotCode, now: new Date() });
    metrics.messagesReceived.inc({ kind: msg.contentKind });
    const target: DeliveryTarget = {
      conversationId: robot.conversationId,
      chat: msg.chat,
      sessionWebhook: robot.sessionWebhook,
      sessionWebhookExpiredTime: robot.sessionWebhookExpiredTime,
      senderStaffId: robot.senderStaffId,
    };
    const verdict = flood.check(robot.senderStaffId ?? robot.senderId ?? robot.conversationId);
    if (verdict === "ignore") {
      metrics.flood.inc({ action: "ignored" });
      mlog.info({ userId: msg.userId }, "sender is flooding; message ignored");
      return;
    }
    if (verdict === "notice") {
      metrics.flood.inc({ action: "notice" });
      mlog.info({ userId: msg.userId }, "sender is flooding; sending the notice");
      queue.enqueue(target.conversationId, () => deliver(target, { title: "Slow down", text: floodNotice, markdown: false }, mlog));
      return;
    }
    queue.enqueue(target.conversationId, () => processMessage(msg, target, mlog));
  }

  async function processMessage(msg: IncomingMessage, target: DeliveryTarget, mlog: Logger): Promise<void> {
    mlog.info({ contentKind: msg.contentKind, chat: msg.chat, staff: msg.staff }, "message received");
    mlog.debug({ text: msg.text, userId: msg.userId, conversationId: msg.conversationId }, "message text");
    let reply: Reply;
    try {
      reply = await handleMessage(msg);
    } catch (cause) {
      metrics.failures.inc({ stage: "handler" });
      mlog.error({ err: new DingTalkError("HANDLER_FAILED", "the pipeline threw instead of replying", { cause }) }, "no reply");
      return;
    }
    metrics.answers.inc({ kind: reply.kind });
    if (reply.private) {
      try {
        await sender.pushPrivate(target.senderStaffId, reply.private, mlog);
        mlog.info("private reply pushed");
      } catch (err) {
        metrics.failures.inc({ stage: "push" });
        mlog.error({ err }, "private reply not delivered");
      }
    }
    await deliver(target, { title: reply.title, text: reply.text, markdown: reply.markdown }, mlog, reply);
  }

  async function deliver(target: DeliveryTarget, message: { title: string; text: string; markdown: boolean }, mlog: Logger, reply?: Reply): Promise<void> {
    try {
      await sender.deliver(target, message, mlog);
      mlog.info({ kind: reply?.kind, entryId: reply?.entryId }, "reply delivered");
    } catch (err) {
      const stage = isDingTalkError(err, "PUSH_UNAVAILABLE") ? "undeliverable" : isDingTalkError(err, "SHUTTING_DOWN") ? "shutdown" : "deliver";
      metrics.failures.inc({ stage });
      mlog.error({ err }, stage === "undeliverable" ? "reply undeliverable: webhook expired and no 1:1 push possible" : "reply not delivered");
    }
  }

  // --- lifecycle --------------------------------------------------------------------------
  function status(): DingTalkStatus {
    const connected = current?.isOpen ?? false;
    return {
      connected,
      lastFrameAt,
      connectedSince,
      disconnectedSince: connected ? null : (disconnectedSince ?? new Date()),
      reconnects,
      pendingMessages: queue.pending,
      stopping,
    };
  }

  async function stop(): Promise<void> {
    stopping = true;
    clearInterval(watchdog);
    clearTimeout(retryTimer);
    retryTimer = undefined;
    connectAbort.abort(new DingTalkError("SHUTTING_DOWN", "stopping"));
    const clients = [...(current ? [current] : []), ...draining.keys()];
    for (const timer of draining.values()) clearTimeout(timer);
    draining.clear();
    current = undefined;
    for (const c of clients) c.close();
    log.info({ pending: queue.pending }, "stopping: waiting for in-flight replies");
    const drained = await queue.drain(tuning.shutdownGraceMs);
    if (!drained) {
      log.warn({ pending: queue.pending }, "shutdown grace expired; abandoning the remaining replies");
      deliveryAbort.abort(new DingTalkError("SHUTTING_DOWN", "shutdown grace expired"));
      await queue.drain(1_000);
    }
    // A peer that never answers the close handshake would hold the socket for ws's 30 s timeout.
    for (const c of clients) c.close("terminate");
    log.info("stopped");
  }

  scheduleConnect(0);
  return {
    stop: () => (stopPromise ??= stop()),
    status,
    metrics,
  };
}
