/**
 * `npm run kb:taught [-- --db PATH]`: prints what support staff taught with /teach, grouped by
 * entry, as YAML for the knowledge editors: review each phrasing, add it to the entry's
 * alternates (or to knowledge/calibration/off-topic.txt), then `npm run kb:calibrate`.
 *
 * The database is `--db PATH`, else DATABASE_PATH, else `data/bot.db`. Exit codes: 0 printed
 * (possibly nothing taught); 2 usage error; 3 the store could not be read.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";
import type { KnowledgeBase } from "../../knowledge/load-knowledge.js";
import { DEFAULT_DATABASE_PATH } from "./import-cli.js";
import type { CliIo } from "./import-cli.js";
import { openStore } from "./open-store.js";
import type { TaughtPhrasing } from "./open-store.js";
import { StoreError } from "./store-error.js";

const USAGE = "usage: npm run kb:taught [-- --db PATH]";

/** YAML for the taught phrasings: a list under each entry id (with its topic and file), then off-topic ones. */
export function formatTaught(taught: readonly TaughtPhrasing[], kb: KnowledgeBase): string {
  if (taught.length === 0) return "# Nothing has been taught with /teach yet.\n";
  const byEntry = new Map<string, string[]>();
  for (const t of taught) {
    const key = t.entryId ?? "off-topic";
    byEntry.set(key, [...(byEntry.get(key) ?? []), t.normalized]);
  }
  const lines = [
    `# ${taught.length} phrasing(s) taught with /teach. Review each, add it to the entry's alternates`,
    "# (off-topic ones to knowledge/calibration/off-topic.txt), then run npm run kb:calibrate.",
  ];
  const quote = (s: string) => JSON.stringify(s);
  for (const [id, phrasings] of [...byEntry].sort(([a], [b]) => (a === "off-topic" ? 1 : b === "off-topic" ? -1 : a < b ? -1 : 1))) {
    const entry = kb.byId.get(id);
    const about = id === "off-topic" ? "not about the briefing" : entry ? `${entry.topic} (${entry.file})` : "no such entry any more";
    lines.push(`${id}: # ${about}`, ...phrasings.map((p) => `  - ${quote(p)}`));
  }
  return `${lines.join("\n")}\n`;
}

export function runExportTaught(argv: readonly string[], env: { DATABASE_PATH?: string | undefined }, io: CliIo): number {
  let dbPath: string;
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { db: { type: "string" } }, allowPositionals: false, strict: true });
    void positionals;
    dbPath = resolve(values.db ?? env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH);
  } catch (err) {
    io.err(`kb:taught: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!existsSync(dbPath)) {
    io.err(`kb:taught: no store at ${dbPath} (start the bot once, or give --db PATH).`);
    return 3;
  }
  try {
    const store = openStore(dbPath);
    try {
      io.out(formatTaught(store.listTaught(), loadKnowledge()).trimEnd());
    } finally {
      store.close();
    }
    return 0;
  } catch (err) {
    if (err instanceof StoreError) {
      io.err(`kb:taught: ${err.message}`);
      return 3;
    }
    throw err;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = runExportTaught(process.argv.slice(2), process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
