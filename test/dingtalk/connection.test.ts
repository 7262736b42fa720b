/**
 * The connection lifecycle with the real DWClient: the fake's ticket rules, SYSTEM ping and
 * disconnect, dropped sockets, a gateway that is down for a while (backoff, no storm), a dead
 * connection caught by the liveness watchdog, and wrong credentials.
 */
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { openStore } from "../../bot/store/open-store.js";
import { FakeGateway } from "./fake-gateway.js";
import { bodyText, pause, startTestBot, waitFor } from "./harness.js";
import type { TestBot } from "./harness.js";

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function openTicket(fake: FakeGateway, accept = "application/json"): Promise<Response> {
  return fetch(fake.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", accept },
    body: JSON.stringify({ clientId: fake.clientId, clientSecret: fake.clientSecret, ua: "", subscriptions: [{ type: "CALLBACK", topic: "x" }] }),
  });
}

function tryConnect(url: string): Promise<"open" | "rejected"> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on("open", () => {
      ws.terminate();
      resolve("open");
    });
    ws.on("error", () => resolve("rejected"));
  });
}

describe("the fake gateway is faithful", () => {
  it("issues single-use tickets, checks credentials, and answers XML without Accept: application/json", async () => {
    const fake = await FakeGateway.start();
    try {
      const { endpoint, ticket } = (await (await openTicket(fake)).json()) as { endpoint: string; ticket: string };
      expect(endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/connect$/);
      expect(await tryConnect(`${endpoint}?ticket=${ticket}`)).toBe("open");
      expect(await tryConnect(`${endpoint}?ticket=${ticket}`)).toBe("rejected");
      expect(fake.rejectedUpgrades).toEqual(["ticket reused"]);
      expect((await openTicket(fake, "*/*")).headers.get("content-type")).toContain("xml");
      const bad = await fetch(fake.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ clientId: fake.clientId, clientSecret: "wrong", subscriptions: [] }),
      });
      expect(bad.status).toBe(401);
    } finally {
      await fake.stop();
    }
  });
});

describe("DingTalk connection", () => {
  it("echoes SYSTEM pings (the SDK does) and keeps answering", async () => {
    t = await startTestBot();
    const { fake } = t;
    const pingId = fake.ping();
    await waitFor(() => fake.pingReplies.has(pingId), "the ping echo");
    expect(fake.pingReplies.get(pingId)).toMatchObject({ code: 200, headers: { messageId: pingId } });
  });

  it("moves to a new connection on SYSTEM disconnect and keeps answering", async () => {
    t = await startTestBot();
    const { fake, bot } = t;
    fake.announceDisconnect(100);
    await waitFor(() => fake.liveConnections().length === 1 && fake.connections.length === 2, "a second connection");
    await waitFor(() => bot.status().connected, "connected");
    fake.sendMessage(fake.textMessage("after the move"));
    await waitFor(() => fake.delivered().length === 1, "the reply");
    expect(bodyText(fake.delivered()[0]!)).toBe("echo: after the move");
    await waitFor(() => fake.connections[0]?.closed === true, "the old connection closed");
    expect(fake.openPosts).toHaveLength(2);
    expect(bot.metrics.reconnects.get({ reason: "disconnect" })).toBe(1);
  });

  it("reconnects after a dropped socket; a message sent meanwhile is answered", async () => {
    t = await startTestBot();
    const { fake, bot } = t;
    fake.dropConnections();
    fake.sendMessage(fake.textMessage("sent while down")); // the fake queues it until a connection opens
    await waitFor(() => fake.delivered().length === 1, "the reply");
    expect(bodyText(fake.delivered()[0]!)).toBe("echo: sent while down");
    expect(bot.metrics.reconnects.get({ reason: "closed" })).toBe(1);
    expect(fake.liveConnections()).toHaveLength(1);
  });

  it.each(["5xx", "reset"] as const)("backs off while the gateway is down (%s), then reconnects once, without a storm", async (mode) => {
    const reconnectMaxMs = 120;
    t = await startTestBot({ tuning: { reconnectBaseMs: 10, reconnectMaxMs } });
    const { fake, bot, lines } = t;
    fake.goDown(mode);
    fake.dropConnections();
    await waitFor(() => fake.openPosts.length >= 9, "eight failed attempts");
    fake.goUp();
    await waitFor(() => bot.status().connected, "reconnected");
    const posts = fake.openPosts.length;
    // Each failed attempt scheduled exactly one next attempt (the SDK's defect doubles them).
    const delays = lines.filter((l) => l.msg === "connect failed; retrying").map((l) => l.delayMs as number);
    expect(posts).toBe(1 + delays.length + 1);
    const beforeCap = delays.filter((d, i) => i < 3);
    expect(beforeCap).toEqual([...beforeCap].sort((a, b) => a - b));
    for (const d of delays) expect(d).toBeLessThanOrEqual(reconnectMaxMs);
    expect(delays.at(-1)).toBeGreaterThanOrEqual(reconnectMaxMs / 2);
    // Settled: no stray timers open more connections.
    await pause(3 * reconnectMaxMs);
    expect(fake.openPosts.length).toBe(posts);
    expect(fake.liveConnections()).toHaveLength(1);
    fake.sendMessage(fake.textMessage("back again"));
    await waitFor(() => fake.delivered().length === 1, "the reply");
  });

  it("drops a silent connection (no frames, no pongs) and reconnects", async () => {
    t = await startTestBot({ tuning: { livenessProbeMs: 40, livenessTimeoutMs: 200 } });
    const { fake, bot } = t;
    fake.freeze();
    await waitFor(() => bot.metrics.reconnects.get({ reason: "watchdog" }) === 1, "the watchdog");
    await waitFor(() => bot.status().connected && fake.liveConnections().filter((c) => !c.frozen).length === 1, "a new connection");
    fake.sendMessage(fake.textMessage("are you there?"));
    await waitFor(() => fake.delivered().length === 1, "the reply");
  });

  it("keeps a quiet but healthy connection: probes are answered, no reconnect", async () => {
    t = await startTestBot({ tuning: { livenessProbeMs: 20, livenessTimeoutMs: 100 } });
    const { fake, bot } = t;
    await waitFor(() => fake.wsPingsReceived >= 10, "ten probes (well past the liveness timeout)");
    expect(bot.metrics.reconnects.get()).toBe(0);
    expect(fake.openPosts).toHaveLength(1);
  });

  it("keeps retrying with backoff on wrong credentials, logging an error, without crashing", async () => {
    const fake = await FakeGateway.start();
    const { startDingTalk } = await import("../../bot/adapters/dingtalk/start-dingtalk.js");
    const { memoryLogger, FAST_TUNING } = await import("./harness.js");
    const { logger, lines } = memoryLogger();
    const bot = startDingTalk({
      dingtalk: fake.dingtalkConfig({ clientSecret: "wrong" }),
      supportStaffIds: new Set(),
      handleMessage: () => Promise.reject(new Error("unused")),
      journal: openStore(":memory:"),
      logger,
      tuning: { ...FAST_TUNING, reconnectBaseMs: 10, reconnectMaxMs: 40 },
    });
    try {
      await waitFor(() => fake.openPosts.length >= 3, "three attempts");
      expect(fake.openPosts.every((p) => p.status === 401)).toBe(true);
      expect(bot.status().connected).toBe(false);
      expect(lines.find((l) => l.msg === "connect failed; retrying")).toMatchObject({ level: 50, err: { code: "GATEWAY_OPEN_FAILED", status: 401 } });
      expect(JSON.stringify(lines)).not.toContain("wrong");
    } finally {
      await bot.stop();
      await fake.stop();
    }
  });
});
