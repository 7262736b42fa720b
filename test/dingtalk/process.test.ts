/**
 * Acceptance with the real process: the compiled bot (`node dist/bot/main.js`, what `npm start`
 * execs) against the fake gateway, signalled during a burst and during a throttled backlog, then
 * started again on the same store. Every acked message must be answered across the restart, and
 * none twice.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIfNeeded, runShutdownScenario } from "./process-harness.js";

const dir = mkdtempSync(join(tmpdir(), "bot-process-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const build = buildIfNeeded();
  expect(build.ok, build.stderr).toBe(true);
}, 150_000);

describe("the compiled bot as a process, signalled and restarted", () => {
  it("SIGTERM to the process group during a burst (and again during the drain): exit 3, then the restart answers the rest; 0 lost, 0 twice", async () => {
    const outcome = await runShutdownScenario({
      command: [process.execPath, "dist/bot/main.js"],
      databasePath: join(dir, "burst.db"),
      messages: 300,
      conversations: 30,
      signal: "SIGTERM",
      target: "group",
      signalAfterReplies: 20,
      secondSignalAfterMs: 100,
      webhookDelayMs: 50,
      env: { SHUTDOWN_GRACE_MS: "300" },
    });
    expect(outcome.ackedByFirstRun).toBeGreaterThan(outcome.deliveredByFirstRun);
    expect(outcome.firstExitCode).toBe(3);
    expect(outcome.logHasSignalLine).toBe(true);
    expect(outcome.logHasSecondSignalIgnored).toBe(true);
    expect(outcome.orphaned).toBe(false);
    expect(outcome.lostAcked).toBe(0);
    expect(outcome.unanswered).toBe(0);
    expect(outcome.duplicates).toBe(0);
    expect(outcome.deliveredTotal).toBe(300);
  }, 120_000);

  it("SIGINT to the process group with a throttled backlog (25 in one chat, 20 a minute): the backlog stays in the journal and the restart respects the window", async () => {
    const outcome = await runShutdownScenario({
      command: [process.execPath, "dist/bot/main.js"],
      databasePath: join(dir, "backlog.db"),
      messages: 25,
      conversations: 1,
      signal: "SIGINT",
      target: "group",
      signalAfterReplies: 20,
      env: { SHUTDOWN_GRACE_MS: "300" },
      // The first run's 20 sends fill DingTalk's minute: the restart must not send the other 5 yet.
      timeoutMs: 3_000,
    });
    expect(outcome.deliveredByFirstRun).toBe(20);
    expect(outcome.firstExitCode).toBe(3);
    expect(outcome.deliveredTotal).toBe(20);
    expect(outcome.secondExitCode).toBe(3); // the 5 are still in the journal for the next start
    expect(outcome.duplicates).toBe(0);
  }, 120_000);
});
