/**
 * Delivery failures: transient webhook errors are retried, an expired webhook falls back to the
 * robot's 1:1 push (with a cached access token), and without a robot code the reply is logged
 * as undeliverable.
 */
import { afterEach, describe, expect, it } from "vitest";
import { bodyText, startTestBot, waitFor } from "./harness.js";
import type { TestBot } from "./harness.js";

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("DingTalk reply delivery", () => {
  it("retries a webhook that answers 500, and delivers exactly once", async () => {
    t = await startTestBot();
    const { fake, bot } = t;
    fake.failNextWebhooks([500, 502]);
    fake.sendMessage(fake.textMessage("hello"));
    await waitFor(() => fake.delivered().length === 1, "the reply");
    await waitFor(() => bot.status().pendingMessages === 0, "idle");
    expect(fake.webhookCalls.map((c) => c.status)).toEqual([500, 502, 200]);
    expect(fake.delivered()).toHaveLength(1);
    expect(bot.metrics.retries.get({ via: "webhook" })).toBe(2);
    expect(bot.metrics.repliesSent.get({ via: "webhook" })).toBe(1);
  });

  it("six 5xx in a row: keeps retrying for the window, then delivers by 1:1 push, once", async () => {
    t = await startTestBot({ tuning: { deliveryRetryWindowMs: 400, retryBaseMs: 20, retryMaxMs: 80 } });
    const { fake, bot, store } = t;
    fake.failNextWebhooks([500, 502, 503, 500, 502, 503, 500, 502, 503, 500, 502, 503]);
    const m = fake.textMessage("first", { senderStaffId: "staff-9" });
    fake.sendMessage(m);
    await waitFor(() => fake.deliveredPushes().length === 1 && bot.status().pendingMessages === 0, "the push");
    expect(fake.webhookCalls.length).toBeGreaterThanOrEqual(4);
    expect(fake.webhookCalls.every((c) => c.status >= 500)).toBe(true);
    expect(fake.deliveredPushes()[0]).toMatchObject({ userIds: ["staff-9"], text: "echo: first" });
    expect(bot.metrics.repliesSent.get({ via: "push" })).toBe(1);
    expect(store.counts()).toEqual({ unanswered: 0, pendingReplies: 0 });
  });

  it("without a robot code, a webhook that keeps failing is recorded undeliverable, and the bot keeps answering", async () => {
    t = await startTestBot({ robotCode: null, tuning: { deliveryRetryWindowMs: 200, retryBaseMs: 20, retryMaxMs: 40 } });
    const { fake, bot, lines } = t;
    fake.failNextWebhooks(Array.from({ length: 40 }, () => 503));
    fake.sendMessage(fake.textMessage("first"));
    await waitFor(() => bot.metrics.undeliverable.get({ reason: "PUSH_UNAVAILABLE" }) === 1, "the failure");
    fake.stopFailingWebhooks();
    const calls = fake.webhookCalls.length;
    fake.sendMessage(fake.textMessage("second"));
    await waitFor(() => fake.delivered().length === 1, "the next reply");
    expect(bodyText(fake.delivered()[0]!)).toBe("echo: second");
    expect(fake.webhookCalls.length).toBe(calls + 1);
    const failure = lines.find((l) => l.msg === "reply undeliverable");
    expect((failure?.err as { message?: string }).message).toMatch(/kept failing/);
  });

  it("never POSTs to a sessionWebhook off the allowed hosts; the reply goes by 1:1 push instead", async () => {
    t = await startTestBot();
    const { fake, lines } = t;
    // The same fake server under a host name the allow-list (127.0.0.1 only) does not name.
    const m = fake.textMessage("where do you post?", { senderStaffId: "staff-5" });
    fake.sendMessage({ ...m, sessionWebhook: m.sessionWebhook.replace("127.0.0.1", "localhost") });
    await waitFor(() => fake.deliveredPushes().length === 1, "the push");
    expect(fake.webhookCalls).toHaveLength(0);
    expect(lines.some((l) => l.msg === "session webhook host not allowed; falling back to 1:1 push")).toBe(true);
  });

  it("falls back to a 1:1 push when the webhook answers 300001, caching the access token", async () => {
    t = await startTestBot();
    const { fake, bot } = t;
    const a = fake.textMessage("late question", { chat: "group", senderStaffId: "staff-4" });
    const b = fake.textMessage("another late one", { senderStaffId: "staff-4" });
    fake.expireSession(a);
    fake.expireSession(b);
    fake.sendMessage(a);
    fake.sendMessage(b);
    await waitFor(() => fake.deliveredPushes().length === 2 && bot.status().pendingMessages === 0, "two pushes");
    expect(fake.webhookCalls.map((c) => c.errcode)).toEqual([300001, 300001]);
    expect(fake.deliveredPushes().map((p) => [p.userIds, p.title, p.text])).toEqual(
      expect.arrayContaining([
        [["staff-4"], "Answer", "echo: late question"],
        [["staff-4"], "Answer", "echo: another late one"],
      ]),
    );
    expect(fake.tokenRequests).toHaveLength(1);
    expect(bot.metrics.repliesSent.get({ via: "push" })).toBe(2);
  });

  it("does not even try a webhook past sessionWebhookExpiredTime", async () => {
    t = await startTestBot();
    const { fake } = t;
    fake.sendMessage(fake.textMessage("old", { senderStaffId: "staff-6", webhookExpiresInMs: -1_000 }));
    await waitFor(() => fake.deliveredPushes().length === 1, "the push");
    expect(fake.webhookCalls).toHaveLength(0);
    expect(fake.deliveredPushes()[0]).toMatchObject({ userIds: ["staff-6"], text: "echo: old" });
  });

  it("retries a push that answers 5xx", async () => {
    t = await startTestBot();
    const { fake } = t;
    fake.failNextPushes([503]);
    fake.sendMessage(fake.textMessage("old", { senderStaffId: "staff-6", webhookExpiresInMs: -1_000 }));
    await waitFor(() => fake.deliveredPushes().length === 1, "the push");
    expect(fake.pushes.map((p) => p.status)).toEqual([503, 200]);
  });

  it("logs an expired webhook as undeliverable when there is no robot code", async () => {
    t = await startTestBot({ robotCode: null });
    const { fake, bot, lines } = t;
    const m = fake.textMessage("too late");
    fake.expireSession(m);
    fake.sendMessage(m);
    await waitFor(() => bot.metrics.failures.get({ stage: "undeliverable" }) === 1, "undeliverable");
    expect(fake.pushes).toHaveLength(0);
    const line = lines.find((l) => typeof l.msg === "string" && l.msg.startsWith("reply undeliverable"));
    expect(line).toMatchObject({ level: 50, msgId: m.msgId, component: "dingtalk" });
    expect((line?.err as { code?: string }).code).toBe("PUSH_UNAVAILABLE");
  });
});
