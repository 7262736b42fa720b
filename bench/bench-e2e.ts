/**
 * End-to-end throughput and latency of the DingTalk transport: the real `dingtalk-stream`
 * DWClient against the fake gateway on 127.0.0.1, from the CALLBACK frame sent to the session
 * webhook receiving the reply.
 *
 *   npm run bench:e2e -- [--messages 2000] [--conversations 50] [--rate 200]
 *   npm run bench:e2e -- --scenario --command "node dist/bot/main.js" --target group --signal SIGTERM
 *        [--messages 1000] [--conversations 50] [--signal-after 50] [--rate N] [--webhook-delay MS]
 *        [--second-signal MS] [--grace MS] [--timeout MS] [--burst-chunk N]
 *
 * `--scenario` runs the bot as its own process instead (test/dingtalk/process-harness.ts): a
 * burst, a signal to its process group (`group`), to the started process (`process`) or to its
 * child (`child`: the bot under `npm start`), a restart on the same store, and the count of acked
 * messages lost and answered twice, with start-up (launch → connected), ack and reply latency.
 * Build first (`npm run build`). Ack latency under a burst (5000 frames at once over 500 chats,
 * every one answered before the signal):
 *
 *   npm run bench:e2e -- --scenario --command "node dist/bot/main.js" --messages 5000 --conversations 500 --signal-after 5000
 *
 * Without `--burst-chunk` the harness sends the 5000 frames in one synchronous loop and reads no
 * ack until it ends, so every ack time includes the rest of that loop; `--burst-chunk 100` sends
 * them as fast, 100 at a time with a turn of its event loop between, and times the bot's share.
 *
 * Two runs: a burst (every message sent at once: throughput, and latency that is mostly
 * queueing), then a paced run at `--rate` messages per second (latency under a steady load).
 *
 * The handler is pluggable: {@link runBenchE2e} takes any HandleMessage; the CLI uses
 * {@link loadHandleMessage}, the single place to wire the real pipeline.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { startDingTalk } from "../bot/adapters/dingtalk/start-dingtalk.js";
import { createBot } from "../bot/create-bot.js";
import { openStore } from "../bot/store/open-store.js";
import { seedDemoIfEmpty } from "../bot/store/seed-demo.js";
import type { HandleMessage } from "../bot/pipeline/types.js";
import { FakeGateway } from "../test/dingtalk/fake-gateway.js";
import { runShutdownScenario } from "../test/dingtalk/process-harness.js";

/** What the benchmark asks: a mix of rule questions, small talk, commands and an off-topic one. */
const QUESTIONS = [
  "保障升级服务加入后多久能退出",
  "找工厂频道怎么入驻",
  "被处罚以后几天内可以申诉",
  "RFQ服务分有哪几个因子",
  "采购节全网热卖榜取前几名",
  "工业品牌站自主品牌的要求",
  "How long is the appeal window?",
  "你好",
  "/help",
  "明天会下雨吗",
];

/** Results of one run. */
export interface BenchResult {
  messages: number;
  conversations: number;
  /** Messages per second offered, or "burst". */
  offered: number | "burst";
  seconds: number;
  messagesPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** CALLBACK frame sent → ack received (DingTalk re-sends what is not acked within ~16 s). */
  ackMs: { p50: number; p99: number; max: number };
}

/** A trivial handler: what the transport costs without the pipeline's own work. */
export const echoHandleMessage: HandleMessage = (msg) =>
  Promise.resolve({ kind: "answer", title: "Answer", text: `echo: ${msg.text}`, markdown: true });

/**
 * The handler the benchmark drives: the real pipeline (knowledge base, matcher, demo merchants
 * in an in-memory store), or the trivial echo with `--echo` to see what the transport alone costs.
 */
export function loadHandleMessage(echo = false): { name: string; handleMessage: HandleMessage } {
  if (echo) return { name: "echo (trivial)", handleMessage: echoHandleMessage };
  const store = openStore(":memory:");
  seedDemoIfEmpty(store);
  const bot = createBot({ logger: pino({ level: "silent" }), databasePath: ":memory:", store });
  return { name: `real pipeline (${bot.deps.kb.entries.length} entries, demo merchants)`, handleMessage: bot.handleMessage };
}

/** Sends `messages` questions spread over `conversations` and waits for every reply. */
export async function runBenchE2e(options: {
  handleMessage: HandleMessage;
  messages?: number;
  conversations?: number;
  /** Send at this many messages per second instead of all at once. */
  ratePerSecond?: number;
  timeoutMs?: number;
}): Promise<BenchResult> {
  const messages = options.messages ?? 2000;
  const conversations = options.conversations ?? 50;
  const fake = await FakeGateway.start({ redeliverAfterMs: 60_000 });
  const dir = mkdtempSync(join(tmpdir(), "bench-e2e-"));
  const journal = openStore(join(dir, "bot.db"));
  const bot = startDingTalk({
    dingtalk: fake.dingtalkConfig(),
    supportStaffIds: new Set(),
    handleMessage: options.handleMessage,
    // A store file, as in production: the inbox write before every ack is part of the cost.
    journal,
    logger: pino({ level: "warn" }),
    // Lift the production throttles: this measures the transport, not DingTalk's limits.
    tuning: { conversationRateLimit: 1e9, floodMaxMessages: 1e9 },
  });
  try {
    await until(() => bot.status().connected, 10_000, "connect");
    // Warm-up: JIT, HTTP keep-alive sockets.
    for (let i = 0; i < 50; i++) fake.sendMessage(fake.textMessage(`warm ${i}`, { conversationId: `warm${i}`, senderStaffId: `w${i}` }));
    await until(() => fake.delivered().length >= 50, 10_000, "warm-up");
    const base = fake.webhookCalls.length;
    const ackBase = fake.ackLatencies.length;
    const t0 = performance.now();
    const ids: string[] = [];
    const send = (i: number) => {
      const c = i % conversations;
      const m = fake.textMessage(QUESTIONS[i % QUESTIONS.length]!, { conversationId: `cid${c}`, senderStaffId: `user${c}`, chat: c % 2 ? "group" : "direct" });
      ids.push(m.msgId);
      fake.sendMessage(m);
    };
    const rate = options.ratePerSecond;
    if (rate === undefined) {
      for (let i = 0; i < messages; i++) send(i);
    } else {
      let sent = 0;
      while (sent < messages) {
        const due = Math.min(messages, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
        while (sent < due) send(sent++);
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    await until(() => fake.webhookCalls.length - base >= messages, options.timeoutMs ?? 120_000, "all replies");
    const seconds = (performance.now() - t0) / 1000;
    const received = new Map(fake.webhookCalls.slice(base).map((c) => [c.msgId, c.at]));
    const latencies = ids.map((id) => (received.get(id) ?? Number.NaN) - (fake.sentAt.get(id) ?? Number.NaN)).sort((a, b) => a - b);
    const pct = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN);
    const acks = fake.ackLatencies.slice(ackBase).sort((a, b) => a - b);
    const ackPct = (p: number) => round(acks[Math.min(acks.length - 1, Math.floor((p / 100) * acks.length))] ?? Number.NaN);
    return {
      messages,
      conversations,
      offered: rate ?? "burst",
      seconds: round(seconds),
      messagesPerSecond: Math.round(messages / seconds),
      latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: round(latencies[latencies.length - 1] ?? Number.NaN) },
      ackMs: { p50: ackPct(50), p99: ackPct(99), max: round(acks[acks.length - 1] ?? Number.NaN) },
    };
  } finally {
    await bot.stop();
    await fake.stop();
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: "string" },
      conversations: { type: "string" },
      rate: { type: "string" },
      echo: { type: "boolean", default: false },
      scenario: { type: "boolean", default: false },
      command: { type: "string", default: "node dist/bot/main.js" },
      target: { type: "string", default: "group" },
      signal: { type: "string", default: "SIGTERM" },
      "signal-after": { type: "string" },
      "webhook-delay": { type: "string" },
      "second-signal": { type: "string" },
      grace: { type: "string" },
      timeout: { type: "string" },
      "burst-chunk": { type: "string" },
    },
  });
  if (values.scenario) {
    const target = values.target;
    const signal = values.signal;
    if (target !== "group" && target !== "process" && target !== "child") throw new Error("--target must be group, process or child");
    if (signal !== "SIGTERM" && signal !== "SIGINT") throw new Error("--signal must be SIGTERM or SIGINT");
    const dir = mkdtempSync(join(tmpdir(), "bench-scenario-"));
    try {
      const outcome = await runShutdownScenario({
        command: values.command.split(" ").filter(Boolean),
        databasePath: join(dir, "bot.db"),
        messages: Number(values.messages ?? 1000),
        conversations: Number(values.conversations ?? 50),
        signal,
        target,
        signalAfterReplies: Number(values["signal-after"] ?? 50),
        ratePerSecond: values.rate === undefined ? undefined : Number(values.rate),
        burstChunk: values["burst-chunk"] === undefined ? undefined : Number(values["burst-chunk"]),
        webhookDelayMs: values["webhook-delay"] === undefined ? undefined : Number(values["webhook-delay"]),
        secondSignalAfterMs: values["second-signal"] === undefined ? undefined : Number(values["second-signal"]),
        env: values.grace === undefined ? {} : { SHUTDOWN_GRACE_MS: values.grace },
        timeoutMs: values.timeout === undefined ? undefined : Number(values.timeout),
      });
      console.log(JSON.stringify(outcome));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const { name, handleMessage } = loadHandleMessage(values.echo);
  const cpu = cpus();
  console.log(`machine: ${cpu[0]?.model ?? "unknown cpu"} x${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(`handler: ${name}; the fake gateway runs in the same process`);
  const messages = values.messages ? Number(values.messages) : 2000;
  const conversations = values.conversations ? Number(values.conversations) : 50;
  const rate = values.rate ? Number(values.rate) : 200;
  for (const ratePerSecond of [undefined, rate]) {
    const r = await runBenchE2e({ handleMessage, messages: ratePerSecond ? Math.min(messages, rate * 5) : messages, conversations, ratePerSecond });
    console.log(
      `${r.offered === "burst" ? "burst" : `paced ${r.offered}/s`}: ${r.messages} messages over ${r.conversations} conversations in ${r.seconds} s = ${r.messagesPerSecond} msg/s; ` +
        `frame→webhook p50 ${r.latencyMs.p50} ms, p90 ${r.latencyMs.p90} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms; ` +
        `frame→ack p50 ${r.ackMs.p50} ms, p99 ${r.ackMs.p99} ms, max ${r.ackMs.max} ms`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
