/**
 * `npm run merchants:import -- FILE [--db PATH]`: validates a merchant file and, only if every
 * record passes, upserts them all into the store in one transaction.
 *
 * The database is `--db PATH`, else the DATABASE_PATH environment variable, else `data/bot.db`.
 * Exit codes: 0 imported; 1 the file was rejected (every problem printed, nothing imported);
 * 2 usage error or unreadable file; 3 the store failed (corrupt, locked, unwritable, …).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, loadConfig, loadDotEnv } from "../config.js";
import { parseArgs } from "node:util";
import { MAX_PROBLEMS_SHOWN, ImportError, formatProblem, parseMerchantFile, readMerchantFile } from "./import-merchants.js";
import { openStore } from "./open-store.js";
import { StoreError } from "./store-error.js";

/** Where the bot keeps its database unless DATABASE_PATH or --db says otherwise. */
export const DEFAULT_DATABASE_PATH = "data/bot.db";
/** How long an import waits for another connection's lock (the bot's writes are short). */
export const IMPORT_BUSY_TIMEOUT_MS = 5_000;

export const EXIT = { ok: 0, rejected: 1, usage: 2, store: 3 } as const;

const USAGE = `usage: npm run merchants:import -- FILE [--db PATH]

  FILE       a JSON array of merchant records, or NDJSON (one record a line)
  --db PATH  the SQLite database (default: $DATABASE_PATH, else ${DEFAULT_DATABASE_PATH})

The format is ../shared/spec/merchant-record.md. A file with any bad record is not imported.`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs the import with explicit arguments, environment and output, and returns the exit code.
 * The module's own entry point calls it with the process's; tests call it directly.
 */
export function runImportCli(
  argv: readonly string[],
  env: { DATABASE_PATH?: string | undefined },
  io: CliIo,
  options: { busyTimeoutMs?: number } = {},
): number {
  let file: string;
  let dbPath: string;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { db: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help === true) {
      io.out(USAGE);
      return EXIT.ok;
    }
    if (positionals.length !== 1 || positionals[0] === undefined) {
      io.err(positionals.length === 0 ? "merchants:import: no FILE given." : "merchants:import: give exactly one FILE.");
      io.err(USAGE);
      return EXIT.usage;
    }
    file = positionals[0];
    dbPath = values.db ?? (env.DATABASE_PATH !== undefined && env.DATABASE_PATH !== "" ? env.DATABASE_PATH : DEFAULT_DATABASE_PATH);
  } catch (err) {
    io.err(`merchants:import: ${err instanceof Error ? err.message : String(err)}`);
    io.err(USAGE);
    return EXIT.usage;
  }

  let text: string;
  try {
    text = readMerchantFile(file);
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    io.err(`merchants:import: ${err.message}`);
    return EXIT.usage;
  }

  // Validate before opening the store, so that a bad file never creates or touches a database.
  const parsed = parseMerchantFile(text);
  if (parsed.problems.length > 0) {
    const what =
      parsed.total === 0 || parsed.rejected === 0
        ? "the file was rejected"
        : `${parsed.rejected} of ${parsed.total} records rejected`;
    io.err(`merchants:import: ${file}: ${what}; nothing was imported.`);
    for (const problem of parsed.problems.slice(0, MAX_PROBLEMS_SHOWN)) io.err(`  ${formatProblem(problem)}`);
    const hidden = parsed.problems.length - MAX_PROBLEMS_SHOWN;
    if (hidden > 0) io.err(`  … and ${hidden} more problem${hidden === 1 ? "" : "s"} (fix these first, then run the import again to see the rest).`);
    io.err("Fix these and run the import again (format: ../shared/spec/merchant-record.md).");
    return EXIT.rejected;
  }

  try {
    // An import may wait for the running bot's short writes; the bot itself waits far less.
    const store = openStore(dbPath, { busyTimeoutMs: options.busyTimeoutMs ?? IMPORT_BUSY_TIMEOUT_MS });
    try {
      const { inserted, updated } = store.upsertMerchants(parsed.records);
      const count = store.countMerchants();
      io.out(
        `Imported ${parsed.total} merchant record${parsed.total === 1 ? "" : "s"} from ${file} into ${dbPath}: ` +
          `${inserted} new, ${updated} updated. The store now holds ${count} merchant${count === 1 ? "" : "s"}.`,
      );
      return EXIT.ok;
    } finally {
      store.close();
    }
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    io.err(`merchants:import: ${err.code}: ${err.message}`);
    return EXIT.store;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  // The environment (and .env) is read through the bot's one config schema, as `npm start` does.
  try {
    loadDotEnv();
    const { databasePath } = loadConfig();
    process.exitCode = runImportCli(process.argv.slice(2), { DATABASE_PATH: databasePath }, {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`merchants:import: ${err.message}`);
    process.exitCode = EXIT.usage;
  }
}
