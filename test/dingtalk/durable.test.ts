/**
 * The message journal end to end: what was acked survives a stop (or a crash) and is finished by
 * the next start, re-deliveries after a restart are answered once, and a delivery whose outcome
 * is unknown is never repeated. Two transports run one after the other on one store file and one
 * fake gateway, the way a restarted process would.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PRIVATE_PUSH_FAILED_TEXT } from "../../bot/adapters/dingtalk/start-dingtalk.js";
import { openStore } from "../../bot/store/open-store.js";
import type { MerchantStore } from "../../bot/store/open-store.js";
import { FakeGateway } from "./fake-gateway.js";
import { GROUP_SAFE_TEXT, PRIVATE_FIGURES, bodyText, pause, startTestBot, waitFor } from "./harness.js";
import type { TestBot } from "./harness.js";

let dir: string;
let fake: FakeGateway;
const stores: MerchantStore[] = [];
const bots: TestBot[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "durable-"));
  fake = await FakeGateway.start({ redeliverAfterMs: 60_000 });
});
afterEach(async () => {
  for (const b of bots.splice(0)) await b.close();
  for (const s of stores.splice(0)) s.close();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The store file, opened the way a new process would. */
function store(): MerchantStore {
  const s = openStore(join(dir, "bot.db"));
  stores.push(s);
  return s;
}

async function bot(options: Parameters<typeof startTestBot>[0] = {}): Promise<TestBot> {
  const b = await startTestBot({ gateway: fake, store: store(), ...options });
  bots.push(b);
  return b;
}

const deliveredMsgIds = () => fake.delivered().map((c) => c.msgId);

describe("the message journal across restarts", () => {
  it("an answered message re-delivered after a restart is answered once", async () => {
    const first = await bot();
    const m = fake.textMessage("hello");
    fake.sendMessage(m);
    await waitFor(() => fake.delivered().length === 1 && first.bot.status().pendingMessages === 0, "the reply");
    expect((await first.bot.stop()).left).toBe(0);

    const second = await bot();
    const again = fake.sendMessage(m);
    await waitFor(() => fake.acks.has(again), "the re-delivery acked");
    await waitFor(() => second.bot.metrics.duplicatesDropped.get() === 1, "dropped as a duplicate");
    await pause(50);
    expect(fake.delivered()).toHaveLength(1);
  });

  it("stop with a throttled backlog leaves the rest in the journal; the next start answers it, none twice", async () => {
    const first = await bot({ tuning: { conversationRateLimit: 2, conversationRateWindowMs: 60_000, shutdownGraceMs: 100 } });
    const sent = Array.from({ length: 6 }, (_, i) => fake.textMessage(`q${i}`, { conversationId: "busy" }));
    const frames = sent.map((m) => fake.sendMessage(m));
    await waitFor(() => frames.every((f) => fake.acks.has(f)) && fake.delivered().length === 2, "all acked, two answered");
    const { left } = await first.bot.stop();
    expect(left).toBe(4);
    expect(fake.delivered()).toHaveLength(2);

    const second = await bot();
    await second.bot.resumed;
    await waitFor(() => fake.delivered().length === 6 && second.bot.status().pendingMessages === 0, "the rest answered");
    expect(new Set(deliveredMsgIds()).size).toBe(6);
    expect(fake.delivered().map(bodyText)).toEqual(sent.map((m, i) => `echo: q${i}`));
    expect(second.store.counts()).toEqual({ unanswered: 0, pendingReplies: 0 });
    expect(second.bot.metrics.resumed.get()).toBe(4);
  });

  it("a restart does not grant a throttled conversation a fresh rate window", async () => {
    const throttle = { conversationRateLimit: 2, conversationRateWindowMs: 60_000, shutdownGraceMs: 100 };
    const first = await bot({ tuning: throttle });
    const frames = Array.from({ length: 4 }, (_, i) => fake.sendMessage(fake.textMessage(`q${i}`, { conversationId: "busy" })));
    await waitFor(() => frames.every((f) => fake.acks.has(f)) && fake.delivered().length === 2, "all acked, two answered");
    expect((await first.bot.stop()).left).toBe(2);

    const second = await bot({ tuning: throttle });
    await second.bot.resumed;
    await pause(400);
    expect(fake.delivered()).toHaveLength(2); // the window of the first run's two sends is still open
    expect((await second.bot.stop()).left).toBe(2);
  });

  it("resumes a reply whose webhook expired meanwhile through the 1:1 push", async () => {
    const first = await bot({ tuning: { conversationRateLimit: 1, conversationRateWindowMs: 60_000, shutdownGraceMs: 50 } });
    const a = fake.textMessage("first", { conversationId: "c", senderStaffId: "staff-7" });
    const b = fake.textMessage("second", { conversationId: "c", senderStaffId: "staff-7" });
    fake.sendMessage(a);
    const fb = fake.sendMessage(b);
    await waitFor(() => fake.acks.has(fb) && fake.delivered().length === 1, "one answered");
    expect((await first.bot.stop()).left).toBe(1);
    fake.expireSession(b);

    await bot();
    await waitFor(() => fake.deliveredPushes().length === 1, "the push");
    expect(fake.deliveredPushes()[0]).toMatchObject({ userIds: ["staff-7"], text: "echo: second" });
  });

  it("without a robot code, a resumed reply with an expired webhook is recorded undeliverable, with a metric and a log line", async () => {
    const first = await bot({ robotCode: null, tuning: { conversationRateLimit: 1, conversationRateWindowMs: 60_000, shutdownGraceMs: 50 } });
    fake.sendMessage(fake.textMessage("first", { conversationId: "c" }));
    const b = fake.textMessage("second", { conversationId: "c" });
    const fb = fake.sendMessage(b);
    await waitFor(() => fake.acks.has(fb) && fake.delivered().length === 1, "one answered");
    await first.bot.stop();
    fake.expireSession(b);

    const second = await bot({ robotCode: null });
    await waitFor(() => second.bot.metrics.undeliverable.get({ reason: "PUSH_UNAVAILABLE" }) === 1, "undeliverable");
    expect(second.lines.find((l) => l.msg === "reply undeliverable")).toMatchObject({ msgId: b.msgId, level: 50 });
    expect(second.store.counts()).toEqual({ unanswered: 0, pendingReplies: 0 });
    expect(second.bot.metrics.render()).toMatch(/dingtalk_replies_undeliverable_total\{reason="PUSH_UNAVAILABLE"\} 1/);
  });

  it("a reply that was on the wire when the last run died is recorded ambiguous and not repeated", async () => {
    const s = store();
    const m = fake.textMessage("crashed");
    s.recordIncoming({ msgId: m.msgId, conversationId: m.conversationId, payload: JSON.stringify(m), at: new Date() });
    const [row] = s.recordReplies(
      m.msgId,
      [
        {
          target: { conversationId: m.conversationId, chat: "direct", sessionWebhook: m.sessionWebhook, sessionWebhookExpiredTime: Date.now() + 60_000 },
          body: { kind: "conversation", title: "Answer", text: "echo: crashed", markdown: true },
        },
      ],
      new Date(),
    );
    s.markSending(row!.id, new Date());

    const next = await bot();
    await waitFor(() => next.bot.metrics.ambiguous.get() === 1, "ambiguous");
    await pause(50);
    expect(fake.webhookCalls).toHaveLength(0);
    expect(next.store.repliesOf(m.msgId)[0]?.state).toBe("ambiguous");
  });
});

describe("deliveries whose outcome is unknown", () => {
  it("a webhook POST that times out after DingTalk took it is not repeated", async () => {
    const b = await bot({ tuning: { httpTimeoutMs: 150 } });
    fake.delayNextWebhookAnswers(1, 1_000);
    const m = fake.textMessage("slow");
    fake.sendMessage(m);
    await waitFor(() => b.bot.metrics.ambiguous.get({ via: "webhook" }) === 1, "ambiguous");
    await pause(300);
    expect(fake.webhookCalls.filter((c) => c.msgId === m.msgId)).toHaveLength(1);
    expect(b.store.repliesOf(m.msgId)[0]?.state).toBe("ambiguous");
    expect(b.lines.some((l) => l.msg === "delivery outcome unknown; not repeated")).toBe(true);
  });
});

describe("private results asked in a group", () => {
  it("the group is told 'sent privately' only after the push succeeded", async () => {
    const b = await bot();
    const m = fake.textMessage("/private", { chat: "group", senderStaffId: "staff-2" });
    fake.sendMessage(m);
    await waitFor(() => fake.delivered(m.conversationId).length === 1 && b.bot.status().pendingMessages === 0, "group notice");
    expect(fake.deliveredPushes().map((p) => p.text)).toEqual([PRIVATE_FIGURES]);
    expect(bodyText(fake.delivered(m.conversationId)[0]!)).toContain(GROUP_SAFE_TEXT);
    expect(b.store.repliesOf(m.msgId).map((r) => r.state)).toEqual(["delivered", "delivered"]);
  });

  it("when the push fails the group gets 私信发送失败，请单聊我查询, and never the figures", async () => {
    const b = await bot();
    fake.failNextPushes([400]);
    const m = fake.textMessage("/private", { chat: "group", senderStaffId: "staff-2" });
    fake.sendMessage(m);
    await waitFor(() => fake.delivered(m.conversationId).length === 1 && b.bot.status().pendingMessages === 0, "group notice");
    const text = bodyText(fake.delivered(m.conversationId)[0]!);
    expect(text).toContain(PRIVATE_PUSH_FAILED_TEXT);
    expect(text).not.toContain(GROUP_SAFE_TEXT);
    expect(JSON.stringify(fake.webhookCalls)).not.toContain(PRIVATE_FIGURES);
    expect(b.store.repliesOf(m.msgId).map((r) => r.state)).toEqual(["undeliverable", "delivered"]);
  });
});
