/**
 * Builds the bot the way a transport gets it, for tests: the real knowledge base (or a fixture
 * folder), an in-memory store, and a logger whose JSON lines are captured in memory.
 */
import { pino } from "pino";
import type { Logger } from "pino";
import { createBot } from "../../bot/create-bot.js";
import type { Bot } from "../../bot/create-bot.js";
import type { HandoffSettings } from "../../bot/pipeline/hand-off.js";
import type { IncomingMessage, Reply } from "../../bot/pipeline/types.js";
import { importMerchants } from "../../bot/store/import-merchants.js";
import { openStore } from "../../bot/store/open-store.js";
import type { Merchant } from "../../rules/merchant.js";

export interface TestBot extends Bot {
  /** Every log line written so far, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Sends a text message as a transport would; options override the defaults. */
  ask(text: string, options?: Partial<IncomingMessage>): Promise<Reply>;
}

export function captureLogger(): { logger: Logger; logs: Array<Record<string, unknown>> } {
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, logs };
}

let counter = 0;

export interface MakeBotOptions {
  merchants?: Merchant[];
  knowledgeDir?: string;
  /** Staff on duty for handoffs; default nobody (as without SUPPORT_ON_DUTY). */
  handoff?: HandoffSettings;
}

export function makeBot({ merchants = [], knowledgeDir, handoff }: MakeBotOptions = {}): TestBot {
  const store = openStore(":memory:");
  if (merchants.length > 0) {
    const result = importMerchants(store, JSON.stringify(merchants));
    if (!result.ok) throw new Error(`test merchants rejected: ${JSON.stringify(result.problems)}`);
  }
  const { logger, logs } = captureLogger();
  const bot = createBot({ logger, databasePath: ":memory:", store, knowledgeDir, handoff });
  const ask = (text: string, options: Partial<IncomingMessage> = {}) =>
    bot.handleMessage({
      id: `test-${++counter}`,
      text,
      contentKind: "text",
      userId: "tester",
      chat: "direct",
      conversationId: "test-conversation",
      staff: false,
      canPushPrivately: false,
      now: new Date("2021-08-26T12:00:00+08:00"),
      ...options,
    });
  return { ...bot, logs, ask };
}
