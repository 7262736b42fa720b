/**
 * The real bot end to end: `createBot` (knowledge base, matcher, demo merchants) behind the real
 * DWClient, through the fake gateway; and `npm start`'s entry point as a separate process,
 * stopped with SIGTERM in the middle of a burst.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../bot/create-bot.js";
import { openStore } from "../../bot/store/open-store.js";
import { seedDemoIfEmpty } from "../../bot/store/seed-demo.js";
import { FakeGateway } from "./fake-gateway.js";
import { startTestBot, waitFor } from "./harness.js";
import { renderWebhook } from "./render-dingtalk.js";
import type { TestBot } from "./harness.js";

const store = openStore(":memory:");
seedDemoIfEmpty(store);
const bot = createBot({ logger: pino({ level: "silent" }), databasePath: ":memory:", store });
afterAll(() => bot.close());

let running: TestBot | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The demo user bound to the Gold merchant M20001 (data/demo-merchants.json). */
const OWNER = "local-user";

describe("the real pipeline behind the DingTalk transport", () => {
  it("answers a rule question in a 1:1 chat as an actionCard with its source, related questions and votes as buttons", async () => {
    running = await startTestBot({ handleMessage: bot.handleMessage });
    const m = running.fake.textMessage("保障升级服务加入后多久可以退出？", { senderStaffId: "someone" });
    running.fake.sendMessage(m);
    await waitFor(() => running!.fake.delivered(m.conversationId).length === 1, "the answer");
    const body = running.fake.delivered(m.conversationId)[0]!.body;
    expect(body.msgtype).toBe("actionCard");
    expect(body.actionCard?.text).toMatch(/第30天/);
    expect(body.actionCard?.text).toMatch(/来源：2021年8月26日商家发布会/);
    const shown = renderWebhook(body);
    expect(shown.problems).toEqual([]);
    expect(shown.buttons.map((b) => b.content)).toEqual(expect.arrayContaining(["/feedback up guarantee-exit", "/feedback down guarantee-exit"]));
    expect(shown.buttons.every((b) => b.content !== undefined)).toBe(true);
  });

  it("a personalised check asked in a group: no figures in the group, the result by 1:1 push", async () => {
    running = await startTestBot({ handleMessage: bot.handleMessage });
    const m = running.fake.textMessage("/score", { chat: "group", senderStaffId: OWNER });
    running.fake.sendMessage(m);
    await waitFor(() => running!.fake.delivered(m.conversationId).length === 1 && running!.fake.deliveredPushes().length === 1, "group reply and push");
    const group = running.fake.delivered(m.conversationId)[0]!.body;
    expect(JSON.stringify(group)).not.toMatch(/总分|分档|\d+\/25 分/);
    expect(group.markdown?.text ?? group.text?.content).toMatch(/单聊|私信/);
    const push = running.fake.deliveredPushes()[0]!;
    expect(push.userIds).toEqual([OWNER]);
    expect(push.text).toMatch(/RFQ服务分：总分 \d+/);
  });

  it("a staff report asked in a group goes 1:1: other users' questions never reach the group", async () => {
    running = await startTestBot({ handleMessage: bot.handleMessage });
    const { fake } = running;
    const asked = fake.textMessage("明天宁波的天气怎么样", { senderStaffId: "merchant-x" });
    fake.sendMessage(asked);
    await waitFor(() => fake.delivered(asked.conversationId).length === 1, "the fallback");
    const m = fake.textMessage("/unanswered", { chat: "group", senderStaffId: "staff-support" });
    fake.sendMessage(m);
    await waitFor(() => fake.delivered(m.conversationId).length === 1 && fake.deliveredPushes().length === 1, "group notice and push");
    expect(JSON.stringify(fake.delivered(m.conversationId)[0]!.body)).not.toMatch(/天气/);
    expect(JSON.stringify(fake.delivered(m.conversationId)[0]!.body)).toMatch(/私信/);
    expect(fake.deliveredPushes()[0]).toMatchObject({ userIds: ["staff-support"] });
    expect(fake.deliveredPushes()[0]!.text).toMatch(/天气/);
  });

  it("a staff report asked in a group without a robot code: sent to a 1:1 chat, nothing posted or pushed", async () => {
    running = await startTestBot({ handleMessage: bot.handleMessage, robotCode: null });
    const { fake } = running;
    for (const cmd of ["/stats", "/unanswered", "/search 天气"]) {
      const m = fake.textMessage(cmd, { chat: "group", senderStaffId: "staff-support" });
      fake.sendMessage(m);
      await waitFor(() => fake.delivered(m.conversationId).length === 1, `the answer to ${cmd}`);
      const text = JSON.stringify(fake.delivered(m.conversationId)[0]!.body);
      expect(text).toMatch(/单聊/);
      expect(text).not.toMatch(/天气怎么样|次|条/);
    }
    expect(fake.pushes).toHaveLength(0);
  });

  it("without a robot code the group is asked to use a 1:1 chat, and nothing is pushed", async () => {
    running = await startTestBot({ handleMessage: bot.handleMessage, robotCode: null });
    const m = running.fake.textMessage("/appeal M20001", { chat: "group", senderStaffId: OWNER });
    running.fake.sendMessage(m);
    await waitFor(() => running!.fake.delivered(m.conversationId).length === 1, "group reply");
    expect(JSON.stringify(running.fake.delivered(m.conversationId)[0]!.body)).toMatch(/单聊/);
    expect(running.fake.deliveredPushes()).toEqual([]);
  });

  it("a picture gets a polite request to type the question", async () => {
    running = await startTestBot({ handleMessage: bot.handleMessage });
    const m = running.fake.pictureMessage({ senderStaffId: "someone" });
    running.fake.sendMessage(m);
    await waitFor(() => running!.fake.delivered(m.conversationId).length === 1, "the reply");
    expect(JSON.stringify(running.fake.delivered(m.conversationId)[0]!.body)).toMatch(/图片.*文字/);
  });
});

describe("npm start in DingTalk mode, as a process", () => {
  const dir = mkdtempSync(join(tmpdir(), "bot-process-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("on SIGTERM during a burst, answers every message it took, then exits 0", async () => {
    const fake = await FakeGateway.start({ redeliverAfterMs: 60_000 });
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
        env: {
          ...process.env,
          ...fake.processEnv(),
          DATABASE_PATH: join(dir, "bot.db"),
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      await waitFor(() => fake.liveConnections().length > 0, "the bot to connect", 30_000);

      // The first replies meet a failing webhook, so they are still being retried (real backoff:
      // half a second and up) when SIGTERM arrives: in flight, and they must still arrive.
      fake.failNextWebhooks([503, 503, 503, 503, 503, 503]);
      const questions = ["找工厂在哪里入驻", "被处罚几天内能申诉", "RFQ服务分有哪些因子", "你好"];
      const sent = Array.from({ length: 60 }, (_, i) => {
        const m = fake.textMessage(questions[i % questions.length]!, { conversationId: `c${i % 6}`, senderStaffId: `u${i % 6}` });
        return { frameId: fake.sendMessage(m), msgId: m.msgId };
      });
      await waitFor(() => fake.webhookCalls.length > 0, "the first reply attempt", 30_000);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);

      const delivered = fake.webhookCalls.filter((c) => c.status === 200 && c.errcode === 0);
      const answered = new Set(delivered.map((c) => c.msgId));
      expect(fake.webhookCalls.some((c) => c.status === 503)).toBe(true);
      const taken = sent.filter((s) => fake.acks.has(s.frameId));
      expect(taken.length).toBeGreaterThan(0);
      for (const s of taken) expect(answered.has(s.msgId), `message ${s.msgId} was acked but never answered`).toBe(true);
      expect(delivered.length).toBe(answered.size); // none twice
      expect(stderr).not.toMatch(/Error|unhandled/i);
    } finally {
      await fake.stop();
    }
  }, 60_000);
});
