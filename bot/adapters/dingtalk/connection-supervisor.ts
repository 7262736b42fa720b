/**
 * Keeps one stream connection open: connects with a fresh ticket, reconnects with backoff and
 * jitter (one attempt in flight, never a storm), moves to a new connection when the gateway
 * announces `disconnect` (the old socket stays open a while for late frames), and drops a
 * connection that has gone silent (an app-level watchdog instead of the SDK's leaky keep-alive).
 * Callback frames go to `onCallback` with the client they arrived on, so the ack leaves on the
 * same socket. Protocol facts and SDK defects: docs/dingtalk-protocol.md.
 */
import type { Logger } from "pino";
import { backoffDelay } from "../shared/backoff.js";
import type { Metrics } from "../shared/metrics.js";
import { DingTalkError, isDingTalkError } from "./dingtalk-error.js";
import { StreamClient } from "./stream-client.js";
import type { CallbackFrame } from "./stream-client.js";
import type { DingTalkTuning } from "./tuning.js";

export interface ConnectionSupervisorOptions {
  clientId: string;
  clientSecret: string;
  gatewayUrl: string;
  /** CALLBACK topics to subscribe (robot messages, and card callbacks when a card template is set). */
  topics: readonly string[];
  tuning: DingTalkTuning;
  metrics: Metrics;
  log: Logger;
  onCallback(client: StreamClient, frame: CallbackFrame): void;
}

/** The connection's state, for /healthz and logs. */
export interface ConnectionStatus {
  connected: boolean;
  /** When the last frame (or pong) arrived on any connection. */
  lastFrameAt: Date | null;
  connectedSince: Date | null;
  /** Since when no connection has been open (start-up counts); null while connected. */
  disconnectedSince: Date | null;
  /** Connections lost so far. */
  reconnects: number;
}

export interface ConnectionSupervisor {
  status(): ConnectionStatus;
  /** Closes every connection and stops reconnecting. Idempotent. */
  close(): void;
  /** Terminates sockets whose close handshake has not finished (a peer that never answers it). */
  terminate(): void;
}

/** Starts connecting at once and keeps a connection open until {@link ConnectionSupervisor.close}. */
export function superviseConnection(options: ConnectionSupervisorOptions): ConnectionSupervisor {
  const { tuning, metrics, log } = options;
  /** Aborts connect attempts at close(). */
  const connectAbort = new AbortController();
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
  let closed = false;
  const draining = new Map<StreamClient, NodeJS.Timeout>();
  const closedClients: StreamClient[] = [];

  metrics.addGauge({ name: "dingtalk_connected", help: "1 while a stream connection is open.", read: () => (current?.isOpen ? 1 : 0) });
  metrics.addGauge({
    name: "dingtalk_seconds_since_last_frame",
    help: "Seconds since the last frame or pong (-1 before the first).",
    read: () => (lastFrameAt ? (Date.now() - lastFrameAt.getTime()) / 1000 : -1),
  });

  /** Schedules one connect attempt; a no-op while connected, connecting, waiting or closed. */
  function scheduleConnect(delayMs: number): void {
    if (closed || current || attemptInFlight || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connectOnce();
    }, delayMs);
  }

  async function connectOnce(): Promise<void> {
    if (closed || current || attemptInFlight) return;
    attemptInFlight = true;
    const client: StreamClient = new StreamClient({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      gatewayUrl: options.gatewayUrl,
      topics: options.topics,
      connectTimeoutMs: tuning.connectTimeoutMs,
      signal: connectAbort.signal,
      events: {
        onActivity: () => {
          lastFrameAt = new Date();
          if (client === current) currentActivityAt = Date.now();
        },
        onCallback: (frame) => options.onCallback(client, frame),
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
      if (closed) {
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
      if (closed) return;
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

  scheduleConnect(0);

  return {
    status() {
      const connected = current?.isOpen ?? false;
      return { connected, lastFrameAt, connectedSince, disconnectedSince: connected ? null : (disconnectedSince ?? new Date()), reconnects };
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(watchdog);
      clearTimeout(retryTimer);
      retryTimer = undefined;
      connectAbort.abort(new DingTalkError("SHUTTING_DOWN", "stopping"));
      const clients = [...(current ? [current] : []), ...draining.keys()];
      for (const timer of draining.values()) clearTimeout(timer);
      draining.clear();
      current = undefined;
      for (const c of clients) {
        c.close();
        closedClients.push(c);
      }
    },
    terminate() {
      for (const c of closedClients.splice(0)) c.close("terminate");
    },
  };
}
