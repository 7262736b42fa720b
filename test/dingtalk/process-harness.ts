/**
 * The bot as a real process against the fake gateway: start it with a command (`node
 * dist/bot/main.js`, `npm start`, `node --import tsx bot/main.ts`), send a burst, signal it (its
 * process group, as Ctrl-C, `timeout` or systemd do, or the one process, as a container runtime
 * does to PID 1), start it again on the same store, and count: every acked message answered,
 * none twice. Used by test/dingtalk/process.test.ts and by `npm run bench:e2e -- --scenario`.
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { FakeGateway } from "./fake-gateway.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** `npm run build` when a source is newer than dist/ (what `npm start` does first); the build's stderr when it fails. */
export function buildIfNeeded(): { ok: boolean; stderr: string } {
  const build = spawnSync(process.execPath, ["scripts/build.mjs", "--if-needed"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return { ok: build.status === 0, stderr: build.stderr };
}

export interface ShutdownScenario {
  /** The command that starts the bot, run from the project root. */
  command: readonly string[];
  databasePath: string;
  messages: number;
  conversations: number;
  signal: "SIGTERM" | "SIGINT";
  /**
   * `group`: the whole process group (Ctrl-C, systemd); `process`: the started process only
   * (container PID 1); `child`: the started process's child only (the bot under `npm start`).
   */
  target: "group" | "process" | "child";
  /** Send the signal once this many replies have been delivered. */
  signalAfterReplies: number;
  /** Send the signal a second time this long after the first (during the drain). */
  secondSignalAfterMs?: number;
  /** Send at this many messages a second instead of all at once. */
  ratePerSecond?: number;
  /**
   * All at once, but this many frames at a time with a turn of the gateway's event loop between
   * them. Unset: every frame in one synchronous loop, during which the gateway (this process)
   * reads no ack at all, so every ack is timed from before the loop ended and the bot's share
   * of the latency is hidden behind the harness's own (docs/operations.md, "Ack latency").
   */
  burstChunk?: number;
  /** Each webhook answer is this slow (ms). */
  webhookDelayMs?: number;
  /** Extra environment for the bot (SHUTDOWN_GRACE_MS, …). */
  env?: Record<string, string>;
  /** Give up waiting for the restarted bot after this long. */
  timeoutMs?: number;
}

export interface ShutdownOutcome {
  sent: number;
  ackedBeforeSignal: number;
  ackedByFirstRun: number;
  deliveredByFirstRun: number;
  firstExitCode: number | null;
  firstExitSignal: string | null;
  /** Milliseconds from the signal to the first run's exit. */
  firstRunStopMs: number;
  /** Whether a process of the first run was still alive after the started one exited (orphan). */
  orphaned: boolean;
  secondExitCode: number | null;
  /** Acked by the first run but never answered, after the restart. */
  lostAcked: number;
  /** Sent but never answered at all, after the restart. */
  unanswered: number;
  duplicates: number;
  deliveredTotal: number;
  /** Milliseconds from launching the first run to its stream connection being open (start-up, polled every 10 ms). */
  startupMs: number;
  logHasSignalLine: boolean;
  logHasSecondSignalIgnored: boolean;
  /** Frame sent → ack received, over the first run (the fake runs in this process, the bot in its own). */
  ackMs: { p50: number; p99: number; max: number };
  /** Frame sent → reply received at the webhook, over the first run. */
  replyMs: { p50: number; p99: number; max: number };
}

function percentiles(values: number[]): { p50: number; p99: number; max: number } {
  const v = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round(v[Math.min(v.length - 1, Math.floor(p * v.length))] ?? Number.NaN);
  return { p50: at(0.5), p99: at(0.99), max: Math.round(v[v.length - 1] ?? Number.NaN) };
}

interface Running {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
  output: () => string;
}

function startBot(scenario: ShutdownScenario, fake: FakeGateway): Running {
  const [cmd, ...args] = scenario.command;
  const child = spawn(cmd!, args, {
    cwd: ROOT,
    // Its own process group, so that a group signal reaches npm, sh and node as Ctrl-C would.
    detached: true,
    env: {
      ...process.env,
      ...fake.processEnv(),
      DATABASE_PATH: scenario.databasePath,
      LOG_LEVEL: "info",
      ...scenario.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => out };
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The (first) child process of `pid`, from `ps`. */
function childOf(pid: number): number {
  const ps = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  const child = Number(ps.stdout.trim().split(/\s+/)[0]);
  if (!Number.isInteger(child) || child <= 0) throw new Error(`process ${pid} has no child to signal`);
  return child;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs one scenario end to end; the fake is stopped afterwards. */
export async function runShutdownScenario(scenario: ShutdownScenario): Promise<ShutdownOutcome> {
  const timeoutMs = scenario.timeoutMs ?? 120_000;
  // Unacked callbacks come back after 3 s (real: ~16–60 s), to whichever process is connected.
  const fake = await FakeGateway.start({ redeliverAfterMs: 3_000, maxRedeliveries: 50 });
  fake.webhookDelayMs = scenario.webhookDelayMs ?? 0;
  const launchedAt = performance.now();
  const first = startBot(scenario, fake);
  let second: Running | undefined;
  try {
    await until(() => fake.liveConnections().length > 0, 60_000, "the bot to connect");
    const startupMs = Math.round(performance.now() - launchedAt);
    const sent: { frameId: string; msgId: string }[] = [];
    const send = (i: number) => {
      const c = i % scenario.conversations;
      // One sender per message: flood control (per user) stays out of the count; the per-conversation
      // rate limit does not.
      const m = fake.textMessage(`问题 ${i}：保障升级服务多久可以退出`, { conversationId: `cid${c}`, senderStaffId: `user${i}` });
      sent.push({ frameId: fake.sendMessage(m), msgId: m.msgId });
    };
    if (scenario.ratePerSecond === undefined && scenario.burstChunk !== undefined && scenario.burstChunk > 0) {
      for (let i = 0; i < scenario.messages; i++) {
        send(i);
        if ((i + 1) % scenario.burstChunk === 0) await new Promise((r) => setImmediate(r));
      }
    } else if (scenario.ratePerSecond === undefined) {
      for (let i = 0; i < scenario.messages; i++) send(i);
    } else {
      const t0 = performance.now();
      while (sent.length < scenario.messages) {
        const due = Math.min(scenario.messages, Math.floor(((performance.now() - t0) / 1000) * scenario.ratePerSecond) + 1);
        while (sent.length < due) send(sent.length);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    await until(() => fake.delivered().length >= scenario.signalAfterReplies, timeoutMs, "replies before the signal");
    const ackedBeforeSignal = sent.filter((s) => fake.acks.has(s.frameId)).length;
    const pid = first.child.pid!;
    const targetPid = scenario.target === "group" ? -pid : scenario.target === "process" ? pid : childOf(pid);
    const signalAt = performance.now();
    process.kill(targetPid, scenario.signal);
    if (scenario.secondSignalAfterMs !== undefined) {
      setTimeout(() => {
        try {
          process.kill(targetPid, scenario.signal);
        } catch {
          // already gone
        }
      }, scenario.secondSignalAfterMs);
    }
    const firstExit = await first.exited;
    const firstRunStopMs = Math.round(performance.now() - signalAt);
    // A bot orphaned by a launcher that exited without it still holds its connection.
    await new Promise((r) => setTimeout(r, 300));
    const orphaned = fake.liveConnections().length > 0;
    if (orphaned) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // nothing left
      }
      await until(() => fake.liveConnections().length === 0 || !alive(pid), 10_000, "the orphan to go");
    }
    const ackedByFirstRun = sent.filter((s) => fake.acks.has(s.frameId)).length;
    const ackMs = percentiles(fake.ackLatencies);
    const firstReplies = new Map(fake.delivered().map((c) => [c.msgId, c.at]));
    const replyMs = percentiles(
      sent.filter((s) => firstReplies.has(s.msgId)).map((s) => firstReplies.get(s.msgId)! - (fake.sentAt.get(s.msgId) ?? Number.NaN)),
    );
    const deliveredByFirstRun = fake.delivered().length;
    const ackedIds = new Set(sent.filter((s) => fake.acks.has(s.frameId)).map((s) => s.msgId));

    second = startBot(scenario, fake);
    await until(() => fake.liveConnections().length > 0, 60_000, "the restarted bot to connect");
    await until(() => {
      const got = new Set(fake.delivered().map((c) => c.msgId));
      return sent.every((s) => got.has(s.msgId));
    }, timeoutMs, "every message answered after the restart").catch(() => undefined);
    // Let late duplicates, if any, arrive before counting.
    await new Promise((r) => setTimeout(r, 500));
    const calls = fake.delivered().map((c) => c.msgId);
    const answered = new Set(calls);
    process.kill(-second.child.pid!, "SIGTERM");
    const secondExit = await second.exited;
    return {
      sent: sent.length,
      ackedBeforeSignal,
      ackedByFirstRun,
      deliveredByFirstRun,
      firstExitCode: firstExit.code,
      firstExitSignal: firstExit.signal,
      firstRunStopMs,
      orphaned,
      secondExitCode: secondExit.code,
      lostAcked: [...ackedIds].filter((id) => !answered.has(id)).length,
      unanswered: sent.filter((s) => !answered.has(s.msgId)).length,
      duplicates: calls.length - answered.size,
      deliveredTotal: calls.length,
      startupMs,
      logHasSignalLine: /signal received/.test(first.output()),
      logHasSecondSignalIgnored: /signal received during shutdown; ignored/.test(first.output()),
      ackMs,
      replyMs,
    };
  } finally {
    for (const r of [first, second]) {
      if (r?.child.pid !== undefined && r.child.exitCode === null && r.child.signalCode === null) {
        try {
          process.kill(-r.child.pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
    await fake.stop();
  }
}
