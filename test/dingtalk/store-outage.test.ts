/**
 * A store held by another writer (an import, an inspector's open transaction) or become
 * read-only: the bot keeps answering rule questions, personalised checks say the lookup is
 * unavailable for now, and messages are de-duplicated in memory meanwhile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { STORE_UNAVAILABLE_TEXT, createBot } from "../../bot/create-bot.js";
import type { Bot } from "../../bot/create-bot.js";
import { openStore } from "../../bot/store/open-store.js";
import { seedDemoIfEmpty } from "../../bot/store/seed-demo.js";
import { bodyText, pause, startTestBot, waitFor } from "./harness.js";
import type { TestBot } from "./harness.js";

/** The demo user bound to the Gold merchant M20001 (data/demo-merchants.json). */
const OWNER = "local-user";

let dir: string;
let bot: Bot;
let running: TestBot | undefined;
let other: Database.Database | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "outage-"));
  const store = openStore(join(dir, "bot.db"), { busyTimeoutMs: 50 });
  seedDemoIfEmpty(store);
  bot = createBot({ logger: pino({ level: "silent" }), databasePath: store.path, store });
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  if (other?.inTransaction) other.exec("ROLLBACK");
  other?.close();
  bot.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a locked store", () => {
  it("questions are still answered, checks get the clear notice, and nothing is answered twice", async () => {
    // No automatic re-sends: the one re-delivery below is the only duplicate.
    running = await startTestBot({ handleMessage: bot.handleMessage, store: bot.deps.store, fake: { redeliverAfterMs: 60_000 } });
    const { fake, bot: transport } = running;
    other = new Database(join(dir, "bot.db"));
    other.exec("BEGIN IMMEDIATE");

    const question = fake.textMessage("保障升级服务加入后多久可以退出？", { senderStaffId: "someone" });
    const check = fake.textMessage("/score", { senderStaffId: OWNER });
    fake.sendMessage(question);
    fake.sendMessage(check);
    fake.sendMessage(question); // a re-delivery while the journal cannot be written
    await waitFor(() => fake.delivered().length === 2 && transport.status().pendingMessages === 0, "both replies");
    await pause(50);
    expect(fake.delivered()).toHaveLength(2);
    expect(bodyText(fake.delivered(question.conversationId)[0]!)).toMatch(/第30天/);
    expect(bodyText(fake.delivered(check.conversationId)[0]!)).toContain(STORE_UNAVAILABLE_TEXT);
    expect(transport.metrics.unjournaled.get()).toBeGreaterThanOrEqual(1);
    expect(transport.metrics.duplicatesDropped.get()).toBe(1);

    other.exec("ROLLBACK");
    await pause(1_100); // past the store's fast-fail window
    const later = fake.textMessage("/score", { senderStaffId: OWNER });
    fake.sendMessage(later);
    await waitFor(() => fake.delivered(later.conversationId).length === 2, "the check, once the lock is gone");
    expect(bodyText(fake.delivered(later.conversationId)[1]!)).toMatch(/RFQ服务分/);
  });

  it("a delivery whose outcome could not be recorded during a lock is recorded once the lock is gone", async () => {
    running = await startTestBot({ handleMessage: bot.handleMessage, store: bot.deps.store, fake: { redeliverAfterMs: 60_000 } });
    const { fake, bot: transport } = running;
    fake.delayNextWebhookAnswers(1, 300);
    const m = fake.textMessage("保障升级服务加入后多久可以退出？", { senderStaffId: "someone" });
    fake.sendMessage(m);
    await waitFor(() => fake.webhookCalls.length === 1, "the POST on the wire");
    other = new Database(join(dir, "bot.db"));
    other.exec("BEGIN IMMEDIATE"); // the answer arrives while the store is locked
    await waitFor(() => transport.status().pendingMessages === 0, "the delivery finished");
    expect(bot.deps.store.repliesOf(m.msgId)[0]?.state).toBe("sending");
    other.exec("ROLLBACK");
    await waitFor(() => bot.deps.store.repliesOf(m.msgId)[0]?.state === "delivered", "the outcome recorded", 5_000);
    expect(bot.deps.store.counts()).toEqual({ unanswered: 0, pendingReplies: 0 });
    expect(fake.webhookCalls).toHaveLength(1);
  });
});
