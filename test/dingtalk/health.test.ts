/**
 * The operations endpoints: /healthz follows the transport's connection, /metrics renders the
 * counters in Prometheus text format.
 */
import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { startHealthServer } from "../../bot/adapters/shared/health-server.js";
import type { HealthServer, HealthSource } from "../../bot/adapters/shared/health-server.js";
import { Metrics } from "../../bot/adapters/shared/metrics.js";
import { startTestBot, waitFor } from "./harness.js";
import type { TestBot } from "./harness.js";

let t: TestBot | undefined;
let health: HealthServer | undefined;
afterEach(async () => {
  await health?.close();
  health = undefined;
  await t?.close();
  t = undefined;
});

async function get(path: string): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(`http://127.0.0.1:${health!.port}${path}`);
  return { status: res.status, body: await res.text(), type: res.headers.get("content-type") };
}

describe("health server", () => {
  it("binds 127.0.0.1 unless told otherwise: not reachable on the machine's other addresses", async () => {
    health = await startHealthServer({ port: 0, source: { status: () => ({ connected: true, lastFrameAt: null, disconnectedSince: null }) } });
    expect(health.host).toBe("127.0.0.1");
    expect((await get("/healthz")).status).toBe(200);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i !== undefined && i.family === "IPv4" && !i.internal);
    if (external) {
      await expect(fetch(`http://${external.address}:${health.port}/healthz`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    }
  });

  it("reports a connected bot and its metrics", async () => {
    t = await startTestBot();
    const { fake, bot } = t;
    health = await startHealthServer({ port: 0, host: "127.0.0.1", source: bot, metrics: bot.metrics });
    fake.sendMessage(fake.textMessage("hi"));
    fake.sendMessage(fake.pictureMessage());
    await waitFor(() => bot.metrics.repliesSent.get() === 2, "two replies");

    const h = await get("/healthz");
    expect(h.status).toBe(200);
    const body = JSON.parse(h.body) as { status: string; connected: boolean; secondsSinceLastFrame: number };
    expect(body).toMatchObject({ status: "ok", connected: true });
    expect(body.secondsSinceLastFrame).toBeGreaterThanOrEqual(0);

    const m = await get("/metrics");
    expect(m.status).toBe(200);
    expect(m.type).toContain("text/plain; version=0.0.4");
    expect(m.body).toContain('dingtalk_messages_received_total{kind="text"} 1');
    expect(m.body).toContain('dingtalk_messages_received_total{kind="picture"} 1');
    expect(m.body).toContain('dingtalk_replies_sent_total{via="webhook"} 2');
    expect(m.body).toContain('dingtalk_answers_total{kind="answer"} 1');
    expect(m.body).toContain('dingtalk_answers_total{kind="fallback"} 1');
    expect(m.body).toContain("# TYPE dingtalk_duplicates_dropped_total counter\ndingtalk_duplicates_dropped_total 0");
    expect(m.body).toContain("dingtalk_connected 1");
    expect(m.body).toMatch(/dingtalk_seconds_since_last_frame \d/);
    expect((await get("/nope")).status).toBe(404);
  });

  it("answers 503 once disconnected for longer than the threshold", async () => {
    let state = { connected: false, lastFrameAt: null as Date | null, disconnectedSince: new Date(Date.now() - 5_000) as Date | null };
    const source: HealthSource = { status: () => state };
    health = await startHealthServer({ port: 0, host: "127.0.0.1", source, unhealthyAfterMs: 60_000 });
    expect((await get("/healthz")).status).toBe(200);
    state = { ...state, disconnectedSince: new Date(Date.now() - 61_000) };
    const h = await get("/healthz");
    expect(h.status).toBe(503);
    expect(JSON.parse(h.body)).toMatchObject({ status: "unhealthy", connected: false, secondsSinceLastFrame: null });
    state = { connected: true, lastFrameAt: new Date(), disconnectedSince: null };
    expect((await get("/healthz")).status).toBe(200);
    expect((await get("/metrics")).status).toBe(404); // no metrics given
  });

  it("goes unhealthy when the gateway is unreachable", async () => {
    t = await startTestBot({ tuning: { reconnectBaseMs: 10, reconnectMaxMs: 20 } });
    health = await startHealthServer({ port: 0, host: "127.0.0.1", source: t.bot, unhealthyAfterMs: 0 });
    t.fake.goDown();
    t.fake.dropConnections();
    await waitFor(() => !t!.bot.status().connected, "disconnected");
    await waitFor(() => Date.now() > (t!.bot.status().disconnectedSince?.getTime() ?? Infinity), "time to pass");
    expect((await get("/healthz")).status).toBe(503);
  });
});

describe("Metrics", () => {
  it("renders counters with escaped labels and gauges", () => {
    const m = new Metrics();
    m.failures.inc({ stage: 'we"ird\\stage\n' });
    m.failures.inc({ stage: 'we"ird\\stage\n' }, 2);
    m.duplicatesDropped.inc();
    m.addGauge({ name: "x_gauge", help: "a gauge", read: () => 1.5 });
    const text = m.render();
    expect(text).toContain('dingtalk_failures_total{stage="we\\"ird\\\\stage\\n"} 3');
    expect(text).toContain("dingtalk_duplicates_dropped_total 1");
    expect(text).toContain("# TYPE x_gauge gauge\nx_gauge 1.5");
    expect(text.endsWith("\n")).toBe(true);
    expect(m.failures.get()).toBe(3);
  });
});
