/**
 * What the scoring tools (score-questions.ts, score-numbers.ts) share: a bot over an empty
 * in-memory store, and one question asked the way a transport would, each in a conversation of
 * its own so that no clarify prompt carries over from the last one.
 */
import { pino } from "pino";
import { createBot } from "../bot/create-bot.js";
import type { Bot } from "../bot/create-bot.js";
import type { Reply } from "../bot/pipeline/types.js";
import { openStore } from "../bot/store/open-store.js";

export function createScoringBot(): Bot {
  return createBot({ logger: pino({ level: "silent" }), databasePath: ":memory:", store: openStore(":memory:") });
}

/** Asks `text` as the user `scorer` in a 1:1 chat of its own (`n` keeps ids apart), at `now`. */
export function askFresh(bot: Bot, text: string, n: number, now: Date, label = "score"): Promise<Reply> {
  return bot.handleMessage({
    id: `${label}-${n}`,
    text,
    contentKind: "text",
    userId: "scorer",
    chat: "direct",
    conversationId: `${label}-${n}`,
    staff: false,
    canPushPrivately: false,
    now,
  });
}
