/**
 * A tiny HTTP server for operations: `GET /healthz` (liveness of the DingTalk connection) and
 * `GET /metrics` (Prometheus text). Started by bot/run-dingtalk.ts when HEALTH_PORT is set, on
 * 127.0.0.1 unless HEALTH_HOST says otherwise.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";

/** What /healthz reports; the DingTalk transport's handle (`startDingTalk`) is one. */
export interface HealthSource {
  status(): { connected: boolean; lastFrameAt: Date | null; disconnectedSince: Date | null };
}

export interface HealthServerOptions {
  port: number;
  /** Interface to bind: loopback by default (HEALTH_HOST opens it to a scraper on another host). */
  host?: string;
  source: HealthSource;
  /** Rendered by /metrics (e.g. the transport's Metrics). */
  metrics?: { render(): string };
  /** /healthz answers 503 once disconnected for longer than this (default 60 s, > one reconnect cap). */
  unhealthyAfterMs?: number;
  logger?: Logger;
}

/** A running health server. */
export interface HealthServer {
  /** The bound port (useful with `port: 0`). */
  readonly port: number;
  /** The bound interface. */
  readonly host: string;
  close(): Promise<void>;
}

/** Starts the health server; resolves once it listens. */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const host = options.host ?? "127.0.0.1";
  const unhealthyAfterMs = options.unhealthyAfterMs ?? 60_000;
  const log = options.logger?.child({ component: "health" });

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/healthz") {
      const s = options.source.status();
      const now = Date.now();
      const disconnectedForMs = s.connected || !s.disconnectedSince ? 0 : now - s.disconnectedSince.getTime();
      const healthy = s.connected || disconnectedForMs <= unhealthyAfterMs;
      const body = JSON.stringify({
        status: healthy ? "ok" : "unhealthy",
        connected: s.connected,
        secondsSinceLastFrame: s.lastFrameAt ? Math.round((now - s.lastFrameAt.getTime()) / 100) / 10 : null,
        secondsDisconnected: Math.round(disconnectedForMs / 100) / 10,
      });
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" }).end(body);
      return;
    }
    if (path === "/metrics" && options.metrics) {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }).end(options.metrics.render());
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (err) => log?.error({ err }, "health server error"));
  const port = (server.address() as AddressInfo).port;
  log?.info({ host, port }, "health server listening");

  return {
    port,
    host: (server.address() as AddressInfo).address,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
