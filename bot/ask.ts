/**
 * `npm run ask`: the local interface to the message pipeline (../shared/spec/ask-cli.md).
 *
 *   npm run -s ask -- --jsonl [--merchants FILE] [--db PATH]     one JSON reply line per JSON input line
 *   npm run -s ask -- [--user ID] [--staff] [--merchants FILE]   a question per line, reply text out
 *   … --now 2021-08-26T10:00+08:00    the clock starts there (or NOW=); a line's own `now` wins
 *
 * Without --db the store is a fresh in-memory one: the merchants of --merchants FILE, or the
 * demo merchants. Logs go to stderr (warnings only), so stdout holds nothing but replies.
 */
import { parseArgs } from "node:util";
import { ANONYMOUS_USER, runJsonl, runTerminal } from "./adapters/terminal.js";
import { ClockError, parseClockStart, realClock, startedClock } from "./clock.js";
import { loadConfig } from "./config.js";
import { createBot } from "./create-bot.js";
import { createLogger } from "./logger.js";
import { MAX_PROBLEMS_SHOWN, formatProblem, importMerchants, readMerchantFile } from "./store/import-merchants.js";
import { openStore } from "./store/open-store.js";
import type { MerchantStore } from "./store/open-store.js";
import { seedDemoIfEmpty } from "./store/seed-demo.js";

const USAGE = "usage: npm run -s ask -- [--jsonl] [--merchants FILE] [--db PATH] [--user ID] [--staff] [--now ISO]";

function fail(message: string, code = 2): never {
  process.stderr.write(`ask: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        jsonl: { type: "boolean", default: false },
        merchants: { type: "string" },
        db: { type: "string" },
        user: { type: "string", default: ANONYMOUS_USER },
        staff: { type: "boolean", default: false },
        now: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let flagNow: Date | undefined;
  try {
    flagNow = values.now === undefined ? undefined : parseClockStart(values.now, "--now");
  } catch (err) {
    if (err instanceof ClockError) fail(err.message);
    throw err;
  }
  const config = loadConfig();
  const start = flagNow ?? config.now;
  const clock = start ? startedClock(start) : realClock;
  const logger = createLogger({ level: config.logLevel ?? "warn", pretty: false, destination: 2 });

  let store: MerchantStore;
  if (values.db) store = openStore(values.db);
  else store = openStore(":memory:");
  if (values.merchants) {
    const result = importMerchants(store, readMerchantFile(values.merchants));
    if (!result.ok) {
      const shown = result.problems.slice(0, MAX_PROBLEMS_SHOWN).map(formatProblem);
      const hidden = result.problems.length - shown.length;
      fail(`${values.merchants} was not imported:\n${shown.join("\n")}${hidden > 0 ? `\n… and ${hidden} more problems` : ""}`, 1);
    }
  } else if (!values.db) {
    seedDemoIfEmpty(store);
  }

  const bot = createBot({ logger, databasePath: store.path, store, questionRetentionDays: config.questionRetentionDays });
  try {
    if (values.jsonl) await runJsonl(bot.handleMessage, { input: process.stdin, output: process.stdout, clock });
    else {
      await runTerminal(bot.handleMessage, {
        input: process.stdin,
        output: process.stdout,
        userId: values.user,
        staff: values.staff,
        clock,
        interactive: process.stdin.isTTY === true,
      });
    }
  } finally {
    bot.close();
  }
}

main().catch((err: unknown) => fail((err as Error).message ?? String(err), 1));
