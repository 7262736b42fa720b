/**
 * At-least-once delivery made exactly-once, garbage on the wire, a 1000-message burst, shutdown
 * in the middle of a burst, and what reaches the logs.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { HandleMessage } from "../../bot/pipeline/types.js";
import { bodyText, echoReply, startTestBot, waitFor } from "./harness.js";
import type { TestBot } from "./harness.js";

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("DingTalk robustness", () => {
  it("answers a message delivered twice (same msgId, new messageId) once, acking both", async () => {
    t = await startTestBot();
    const { fake, bot } = t;
    const m = fake.textMessage("twice");
    const first = fake.sendMessage(m);
    const second = fake.sendMessage(m);
    await waitFor(() => fake.acks.has(first) && fake.acks.has(second) && bot.metrics.duplicatesDropped.get() === 1, "both acked, one dropped");
    await waitFor(() => fake.delivered().length === 1 && bot.status().pendingMessages === 0, "one reply");
    expect(fake.delivered()).toHaveLength(1);
  });

  it("answers an unacked callback that the server re-sends once", async () => {
    t = await startTestBot({ fake: { redeliverAfterMs: 50 } });
    const { fake, bot } = t;
    const messageId = fake.sendMessage(fake.textMessage("lost ack"), { loseAcks: 1 });
    await waitFor(() => fake.acks.get(messageId) === 2, "the re-sent frame acked too");
    await waitFor(() => bot.metrics.duplicatesDropped.get() === 1 && bot.status().pendingMessages === 0, "the duplicate dropped");
    expect(fake.delivered()).toHaveLength(1);
  });

  it("survives malformed frames and garbage data, acking what it can, and keeps answering", async () => {
    // Re-delivery is not under test here: on a loaded machine the first acks can take longer
    // than the fake's default 200 ms, and a re-sent frame would be acked twice.
    t = await startTestBot({ fake: { redeliverAfterMs: 10_000 } });
    const { fake, bot } = t;
    fake.sendRaw("this is not json");
    fake.sendRaw("{}");
    fake.sendRaw("[1,2,3]");
    fake.sendRaw(JSON.stringify({ type: "CALLBACK", headers: {}, data: "{}" }));
    fake.sendRaw(JSON.stringify({ type: "WHATEVER", headers: { messageId: "x" } }));
    fake.sendRaw(JSON.stringify({ type: "SYSTEM", headers: { topic: "ping" } })); // no messageId: the SDK echoes anyway
    const garbage = [
      fake.sendGarbageCallback("not json at all"),
      fake.sendGarbageCallback(JSON.stringify({ msgId: "m1" })),
      fake.sendGarbageCallback(JSON.stringify({ ...fake.textMessage("x"), sessionWebhook: "javascript:alert(1)" })),
      fake.sendGarbageCallback("null"),
    ];
    fake.sendMessage(fake.textMessage("still there?"));
    await waitFor(() => fake.delivered().length === 1, "the reply");
    expect(bodyText(fake.delivered()[0]!)).toBe("echo: still there?");
    for (const id of garbage) expect(fake.acks.get(id)).toBe(1);
    expect(bot.metrics.failures.get({ stage: "message" })).toBe(4);
    expect(bot.metrics.failures.get({ stage: "frame" })).toBeGreaterThanOrEqual(4);
    expect(fake.webhookCalls).toHaveLength(1);
  });

  it("logs a pipeline that throws, and keeps answering", async () => {
    const handleMessage: HandleMessage = (msg) => (msg.text === "boom" ? Promise.reject(new Error("pipeline bug")) : Promise.resolve(echoReply(msg)));
    t = await startTestBot({ handleMessage });
    const { fake, bot, lines } = t;
    fake.sendMessage(fake.textMessage("boom"));
    fake.sendMessage(fake.textMessage("fine"));
    await waitFor(() => fake.delivered().length === 1 && bot.metrics.failures.get({ stage: "handler" }) === 1, "one failure, one reply");
    expect(lines.find((l) => l.level === 50 && (l.err as { code?: string } | undefined)?.code === "HANDLER_FAILED")).toBeDefined();
  });

  it("answers a burst of 1000 messages across 50 conversations: none lost, none twice, in order", async () => {
    t = await startTestBot({ tuning: { conversationRateLimit: 10_000, floodMaxMessages: 10_000 } });
    const { fake, bot } = t;
    const sent: string[] = [];
    for (let n = 0; n < 20; n++) {
      for (let c = 0; c < 50; c++) {
        const m = fake.textMessage(`c${c} n${n}`, { chat: c % 2 ? "group" : "direct", conversationId: `cid${c}`, senderStaffId: `user${c}` });
        sent.push(m.msgId);
        fake.sendMessage(m);
      }
    }
    await waitFor(() => fake.delivered().length >= 1000 && bot.status().pendingMessages === 0, "1000 replies", 30_000);
    const delivered = fake.delivered();
    expect(delivered).toHaveLength(1000);
    expect(new Set(delivered.map((d) => d.msgId)).size).toBe(1000);
    expect(new Set(delivered.map((d) => d.msgId))).toEqual(new Set(sent));
    for (let c = 0; c < 50; c++) {
      const order = fake.delivered(`cid${c}`).map((d) => Number(/n(\d+)$/.exec(bodyText(d))?.[1]));
      expect(order).toEqual([...Array(20).keys()]);
    }
    expect(bot.metrics.messagesReceived.get()).toBe(1000);
    expect(bot.metrics.repliesSent.get()).toBe(1000);
  });

  it("stop() during a burst: every message taken in is answered or left in the journal; later ones are left unacked", async () => {
    let started = 0;
    const handleMessage: HandleMessage = async (msg) => {
      started++;
      await new Promise((r) => setTimeout(r, 3));
      return echoReply(msg);
    };
    t = await startTestBot({ handleMessage, tuning: { conversationRateLimit: 10_000, floodMaxMessages: 1_000 } });
    const { fake, bot, store } = t;
    for (let i = 0; i < 200; i++) fake.sendMessage(fake.textMessage(`q${i}`, { conversationId: `cid${i % 8}`, senderStaffId: `u${i % 8}` }));
    await waitFor(() => started >= 20, "some messages in flight");
    const stopped = bot.stop();
    const late = Array.from({ length: 20 }, (_, i) => fake.sendMessage(fake.textMessage(`late${i}`, { conversationId: "cidLate", senderStaffId: "uLate" })));
    const { left } = await stopped;
    const delivered = fake.delivered();
    expect(new Set(delivered.map((d) => d.msgId)).size).toBe(delivered.length);
    expect(delivered.length).toBeGreaterThanOrEqual(20);
    // Every acked message was answered or is in the journal for the next start (nothing acked and lost).
    const counts = store.counts();
    expect(left).toBe(counts.unanswered + counts.pendingReplies);
    expect(fake.acks.size).toBe(delivered.length + left);
    expect(bot.metrics.messagesReceived.get()).toBe(fake.acks.size);
    for (const id of late) expect(fake.acks.has(id)).toBe(false);
    expect(bot.status()).toMatchObject({ connected: false, stopping: true, pendingMessages: 0 });
    await waitFor(() => fake.liveConnections().length === 0, "the socket closed");
  });

  it("logs message text only at debug level, with component and msgId on every message line", async () => {
    t = await startTestBot();
    const { fake, lines } = t;
    const m = fake.textMessage("my GMV is 123456 USD");
    fake.sendMessage(m);
    await waitFor(() => fake.delivered().length === 1 && lines.some((l) => l.msg === "reply delivered"), "the reply");
    const withText = lines.filter((l) => JSON.stringify(l).includes("123456"));
    expect(withText.length).toBeGreaterThan(0);
    for (const l of withText) expect(l.level).toBeLessThanOrEqual(20);
    for (const l of lines.filter((l) => l.msgId === m.msgId)) expect(l.component).toBe("dingtalk");
    expect(lines.filter((l) => l.msgId === m.msgId && l.level === 30).map((l) => l.msg)).toEqual(["message received", "reply delivered"]);
    expect(JSON.stringify(lines)).not.toContain(fake.clientSecret);
  });
});
