/**
 * Drives the bot the way a transport does (createBot → handleMessage), with the merchants of
 * ./merchants.ts in an in-memory store, and the access-control cases every personalised check
 * must pass.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../bot/create-bot.js";
import type { IncomingMessage, Reply } from "../../bot/pipeline/types.js";
import { importMerchants } from "../../bot/store/import-merchants.js";
import { openStore } from "../../bot/store/open-store.js";
import type { Merchant } from "../../rules/merchant.js";
import { MERCHANTS } from "./merchants.js";

/** The test clock: the briefing day, noon in Shanghai. */
export const NOW = "2021-08-26T12:00:00+08:00";
export const STAFF = "staff-1";

/** A bot over a fresh in-memory store holding `merchants`. */
export function makeBot(merchants: readonly Merchant[] = MERCHANTS): Bot {
  const store = openStore(":memory:");
  const imported = importMerchants(store, JSON.stringify(merchants));
  if (!imported.ok) throw new Error(`test merchants rejected: ${JSON.stringify(imported.problems)}`);
  return createBot({ logger: pino({ level: "silent" }), databasePath: ":memory:", store });
}

/** Starts one bot for the enclosing describe block; closes it afterwards. */
export function useBot(merchants?: readonly Merchant[]): () => Bot {
  let bot: Bot | undefined;
  beforeAll(() => {
    bot = makeBot(merchants);
  });
  afterAll(() => bot?.close());
  return () => {
    if (!bot) throw new Error("the bot is not started yet");
    return bot;
  };
}

export interface SendOptions {
  userId?: string;
  staff?: boolean;
  chat?: "direct" | "group";
  canPushPrivately?: boolean;
  /** ISO 8601 with an offset; defaults to {@link NOW}. */
  now?: string;
}

let counter = 0;

/** One text message through the pipeline. */
export function send(bot: Bot, text: string, options: SendOptions = {}): Promise<Reply> {
  const userId = options.userId ?? "u-alpha";
  const chat = options.chat ?? "direct";
  const msg: IncomingMessage = {
    id: `test-${++counter}`,
    text,
    contentKind: "text",
    userId,
    chat,
    conversationId: chat === "group" ? "group-1" : `direct-${userId}`,
    staff: options.staff ?? false,
    canPushPrivately: options.canPushPrivately ?? false,
    now: new Date(options.now ?? NOW),
  };
  return bot.handleMessage(msg);
}

/** Not an ID at all, or not one that exists: must never reveal any merchant's data. */
export const HOSTILE_IDS = ["M99999", "M1' OR '1'='1", "../../etc/passwd"] as const;

/** Text that belongs to a merchant and must not leak: names and IDs of every test merchant. */
const ANY_MERCHANT = new RegExp(MERCHANTS.flatMap((m) => [m.id, m.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")]).join("|"));

/**
 * The access-control cases for a personalised check: `command` run for M20001 must show
 * `figure`, and nobody but its users and staff may see it, never in a group text.
 */
export function describeAccessControl(command: string, figure: RegExp): void {
  describe(`${command}: who sees the figures`, () => {
    const bot = useBot();

    it("shows the owner's own figures without an ID", async () => {
      const reply = await send(bot(), command, { userId: "u-alpha" });
      expect(reply.kind).toBe("command");
      expect(reply.title).toContain("M20001");
      expect(reply.text).toMatch(figure);
    });

    it("denies another merchant's user and shows no figure", async () => {
      const reply = await send(bot(), `${command} M20001`, { userId: "u-gamma" });
      expect(reply.kind).toBe("denied");
      expect(reply.text).not.toMatch(figure);
      expect(reply.text).not.toMatch(ANY_MERCHANT);
    });

    it("lets staff see any merchant", async () => {
      const reply = await send(bot(), `${command} M20001`, { userId: STAFF, staff: true });
      expect(reply.kind).toBe("command");
      expect(reply.text).toMatch(figure);
    });

    it.each(HOSTILE_IDS)("denies a user asking for %s and leaks nothing", async (id) => {
      const reply = await send(bot(), `${command} ${id}`, { userId: "u-alpha" });
      expect(reply.kind).toBe("denied");
      expect(reply.text).not.toMatch(figure);
      expect(reply.text).not.toMatch(ANY_MERCHANT);
    });

    it.each(HOSTILE_IDS)("tells staff that %s is not a merchant, and leaks nothing", async (id) => {
      const reply = await send(bot(), `${command} ${id}`, { userId: STAFF, staff: true });
      expect(reply.kind).toBe("error");
      expect(reply.text).toMatch(/没有找到商户|商户ID/);
      expect(reply.text).not.toMatch(figure);
      expect(reply.text).not.toMatch(/Alpha|Beta|Gamma|Delta|Epsilon|Zeta|Eta/);
    });

    it("keeps figures out of a group chat that cannot push privately", async () => {
      const reply = await send(bot(), command, { userId: "u-alpha", chat: "group" });
      expect(reply.kind).toBe("command");
      expect(reply.text).toMatch(/单聊|私聊/);
      expect(reply.text).not.toMatch(figure);
      expect(reply.private).toBeUndefined();
    });

    it("sends the figures privately from a group chat that can push privately", async () => {
      const reply = await send(bot(), command, { userId: "u-alpha", chat: "group", canPushPrivately: true });
      expect(reply.kind).toBe("command");
      expect(reply.text).not.toMatch(figure);
      expect(reply.text).toMatch(/单聊|私信/);
      expect(reply.private?.text).toMatch(figure);
    });

    it("asks which merchant when the user is bound to two", async () => {
      const reply = await send(bot(), command, { userId: "u-multi" });
      expect(reply.kind).toBe("clarify");
      expect(reply.text).toContain("M20001");
      expect(reply.text).toContain("M20002");
      expect(reply.text).not.toMatch(figure);
    });

    it("asks for an ID when the user is bound to none", async () => {
      const reply = await send(bot(), command, { userId: "u-nobody" });
      expect(reply.kind).toBe("error");
      expect(reply.text).toContain(command);
      expect(reply.text).not.toMatch(figure);
    });

    it("ends with the source line", async () => {
      const reply = await send(bot(), command, { userId: "u-alpha" });
      expect(reply.text.split("\n").at(-1)).toMatch(/^> 依据：2021年8月26日商家发布会 · \S/);
      expect(reply.text).not.toMatch(/```|\|\s*-{3}/);
    });
  });
}
