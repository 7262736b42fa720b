/**
 * Shared pieces of the DingTalk end-to-end tests: an in-memory pino logger, a bounded poll, a
 * small deterministic pipeline, and a bot started against a {@link FakeGateway}.
 */
import { Writable } from "node:stream";
import { pino } from "pino";
import type { Logger } from "pino";
import { startDingTalk } from "../../bot/adapters/dingtalk/start-dingtalk.js";
import type { DingTalkHandle, DingTalkTuning } from "../../bot/adapters/dingtalk/start-dingtalk.js";
import type { HandleMessage, IncomingMessage, Reply } from "../../bot/pipeline/types.js";
import { openStore } from "../../bot/store/open-store.js";
import type { MerchantStore } from "../../bot/store/open-store.js";
import { FakeGateway } from "./fake-gateway.js";
import type { FakeGatewayOptions } from "./fake-gateway.js";

/** One captured log line. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

/** A pino logger whose lines land in `lines` (parsed), at debug level. */
export function memoryLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") lines.push(JSON.parse(line) as LogLine);
      cb();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

/** Polls `condition` every few ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Resolves after `ms`; only for checking that something does NOT happen. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The private figures the fake pipeline returns for "/private" (must never reach a group). */
export const PRIVATE_FIGURES = "Your RFQ score: 3.2 / 5 (login days 12, reply rate 61%)";
export const GROUP_SAFE_TEXT = "I have sent your personal result to you privately.";

/**
 * A deterministic pipeline: "echo: <text>" as markdown; "/private" answers with a private part
 * when the transport can push it; "/plain" answers as plain text; "/long N" answers N KB; other
 * content kinds get a fallback. Records every message it is given.
 */
export function echoPipeline(): { handleMessage: HandleMessage; seen: IncomingMessage[] } {
  const seen: IncomingMessage[] = [];
  const handleMessage: HandleMessage = (msg) => {
    seen.push(msg);
    return Promise.resolve(echoReply(msg));
  };
  return { handleMessage, seen };
}

/** The reply {@link echoPipeline} gives. */
export function echoReply(msg: IncomingMessage): Reply {
  if (msg.contentKind !== "text") {
    return { kind: "fallback", title: "Please type", text: `please type your question (${msg.contentKind})`, markdown: false };
  }
  if (msg.text === "/private" && msg.canPushPrivately) {
    return { kind: "command", title: "RFQ check", text: GROUP_SAFE_TEXT, markdown: true, private: { title: "Your RFQ check", text: PRIVATE_FIGURES } };
  }
  if (msg.text === "/plain") return { kind: "command", title: "Plain", text: "plain answer", markdown: false };
  const long = /^\/long (\d+)$/.exec(msg.text);
  if (long) return { kind: "answer", title: "Long", text: longText(Number(long[1]) * 1024), markdown: true, entryId: "long" };
  return { kind: "answer", title: "Answer", text: `echo: ${msg.text}`, markdown: true, entryId: "echo", confidence: 0.9 };
}

/** Markdown paragraphs of mixed Chinese and ASCII, about `bytes` UTF-8 bytes. */
export function longText(bytes: number): string {
  const paras: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const p = `### 第${i}条 规则\n- **RFQ服务分** 由 5 大因子组成，登录天数 5 分。\n- Reply within 24 h to keep item ${i} [visible](https://example.com/${i}).`;
    paras.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  return paras.join("\n\n");
}

/** Fast timings for tests: real backoff shapes, milliseconds instead of seconds. */
export const FAST_TUNING: Partial<DingTalkTuning> = {
  reconnectBaseMs: 20,
  reconnectMaxMs: 200,
  stableConnectionMs: 1_000,
  retryBaseMs: 10,
  retryMaxMs: 50,
  deliveryRetryWindowMs: 300,
  connectTimeoutMs: 3_000,
  httpTimeoutMs: 3_000,
  livenessProbeMs: 5_000,
  livenessTimeoutMs: 30_000,
  disconnectDrainMs: 1_000,
  shutdownGraceMs: 5_000,
};

export interface TestBot {
  fake: FakeGateway;
  bot: DingTalkHandle;
  lines: LogLine[];
  /** The store whose message journal the bot uses (in memory unless one was passed). */
  store: MerchantStore;
  /** Stops bot then fake (idempotent). */
  close(): Promise<void>;
}

/** Starts a fake gateway and the real transport against it, and waits until connected. */
export async function startTestBot(
  options: {
    handleMessage?: HandleMessage;
    tuning?: Partial<DingTalkTuning>;
    robotCode?: string | null;
    /** An interactive card template id (the fake knows "fake-card-template"). */
    cardTemplateId?: string;
    supportStaffIds?: string[];
    fake?: FakeGatewayOptions;
    waitConnected?: boolean;
    /** A store to journal in (kept open at close); a fresh in-memory one otherwise. */
    store?: MerchantStore;
    /** A running fake to connect to (kept running at close); a new one otherwise. */
    gateway?: FakeGateway;
  } = {},
): Promise<TestBot> {
  const fake = options.gateway ?? (await FakeGateway.start(options.fake));
  const store = options.store ?? openStore(":memory:");
  const { logger, lines } = memoryLogger();
  const bot = startDingTalk({
    dingtalk: fake.dingtalkConfig({
      ...(options.robotCode === null ? { robotCode: undefined } : {}),
      ...(options.cardTemplateId !== undefined ? { cardTemplateId: options.cardTemplateId } : {}),
    }),
    supportStaffIds: new Set(options.supportStaffIds ?? ["staff-support"]),
    handleMessage: options.handleMessage ?? echoPipeline().handleMessage,
    journal: store,
    logger,
    tuning: { ...FAST_TUNING, ...options.tuning },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await bot.stop();
    if (!options.gateway) await fake.stop();
    if (!options.store) store.close();
  };
  if (options.waitConnected ?? true) await waitFor(() => bot.status().connected, "the bot to connect");
  return { fake, bot, lines, store, close };
}

/** The text of a webhook body (markdown, text, or an actionCard's body). */
export function bodyText(call: { body: { markdown?: { text?: string }; text?: { content?: string }; actionCard?: { text?: string } } }): string {
  return call.body.markdown?.text ?? call.body.text?.content ?? call.body.actionCard?.text ?? "";
}
