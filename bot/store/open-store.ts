/**
 * The merchant store: SQLite through better-sqlite3. This folder is the only place in the bot
 * that holds SQL (this module, `question-log.ts` and the migrations), and every statement is
 * prepared with bound parameters.
 *
 * A merchant is kept as its validated JSON record (MerchantSchema) next to the columns we query
 * on (`id`, `industry`), and `merchant_users` maps DingTalk user IDs to merchants. The schema
 * comes from the migration list in `migrations.ts` (append there to add tables). The question
 * log (recorded replies and answer votes, migration 2; clarify picks, migration 5) lives in
 * `question-log.ts`, handoffs (migration 5) in `handoff-log.ts`; both are part of the same
 * {@link MerchantStore}.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { MERCHANT_ID_PATTERN, MerchantSchema } from "../../rules/merchant.js";
import type { Merchant } from "../../rules/merchant.js";
import { MIGRATIONS } from "./migrations.js";
import type { Migration } from "./migrations.js";
import { createMessageJournal } from "./message-journal.js";
import type { MessageJournal } from "./message-journal.js";
import { createHandoffLog } from "./handoff-log.js";
import type { HandoffLog } from "./handoff-log.js";
import { createQuestionLog } from "./question-log.js";
import type { QuestionLog } from "./question-log.js";
export type { CloseHandoffInput, CloseHandoffOutcome, Handoff, HandoffInput, HandoffLog, HandoffStats, HandoffTurn } from "./handoff-log.js";
export type {
  ClarifyPickRecord,
  DayStats,
  ListUnansweredOptions,
  QuestionLog,
  QuestionRecord,
  QuestionStats,
  QuestionStatsOptions,
  TaughtInput,
  TaughtPhrasing,
  UnansweredQuestion,
  VoteOutcome,
  VoteRecord,
} from "./question-log.js";
export type {
  IncomingOutcome,
  IncomingRecord,
  JournalCounts,
  MessageJournal,
  OutboxDraft,
  OutboxRow,
  OutboxState,
  RecentDelivery,
  UnansweredMessage,
  UnfinishedWork,
} from "./message-journal.js";
import { StoreError } from "./store-error.js";

/**
 * How long a write waits for another connection's lock before STORE_LOCKED, unless told. Short:
 * better-sqlite3 is synchronous, so the wait holds the whole event loop (every conversation).
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 200;

/**
 * After a write found the store locked, writes fail at once (busy timeout 0) for this long
 * instead of each waiting the busy timeout again. Reads are not affected (WAL readers never wait).
 */
export const LOCKED_FAST_FAIL_MS = 1_000;

export interface OpenStoreOptions {
  /** Milliseconds to wait for another process's lock before failing with STORE_LOCKED. */
  busyTimeoutMs?: number;
  /** The schema steps to apply; defaults to {@link MIGRATIONS}. Tests pass other lists. */
  migrations?: readonly Migration[];
}

/** A merchant a DingTalk user acts for, for the "which merchant?" question. */
export interface MerchantSummary {
  id: string;
  name: string;
}

/** What {@link MerchantStore.upsertMerchants} did, by merchant. */
export interface UpsertResult {
  inserted: number;
  updated: number;
}

/** One access decision on a merchant's checks. Never put figures here. */
export interface AuditEntry {
  at: Date;
  userId: string;
  /** The merchant asked about, as given (it may not exist, or not even be a valid ID). */
  merchantId: string | null;
  /** The command or check, e.g. `"/score"`. */
  action: string;
  allowed: boolean;
}

/** An {@link AuditEntry} as stored, newest first from {@link MerchantStore.listAudit}. */
export interface AuditRecord {
  id: number;
  /** ISO 8601 in UTC. */
  at: string;
  userId: string;
  merchantId: string | null;
  action: string;
  allowed: boolean;
}

/**
 * Every read and write the bot does: merchants, their users and the audit log here, and the
 * question log (recorded replies, votes, clarify picks; see {@link QuestionLog}), handoffs to
 * support staff (see {@link HandoffLog}), and the transports' message journal (inbox and outbox;
 * see {@link MessageJournal}). Each method throws only {@link StoreError}.
 */
export interface MerchantStore extends QuestionLog, HandoffLog, MessageJournal {
  /** The file (or `:memory:`) this store was opened on. */
  readonly path: string;
  /** `PRAGMA user_version` after migration: the number of migrations applied. */
  readonly schemaVersion: number;
  /** The merchant, or undefined when there is none or `id` is not a valid merchant ID. */
  getMerchant(id: string): Merchant | undefined;
  /** Every merchant of that L1 industry, the asking merchant included, ordered by id. */
  listPeers(industry: string): Merchant[];
  /** The merchants whose `dingtalkUserIds` list this user, ordered by id. */
  merchantsForUser(userId: string): MerchantSummary[];
  /**
   * Inserts or replaces each merchant by id, and its user bindings, in one transaction: a user
   * left out of a merchant's new `dingtalkUserIds` loses access. All or nothing.
   */
  upsertMerchants(records: readonly Merchant[]): UpsertResult;
  countMerchants(): number;
  recordAudit(entry: AuditEntry): void;
  /** The newest `limit` audit entries (1..10000, default 100), newest first. */
  listAudit(limit?: number): AuditRecord[];
  /** Closes the connection; later calls throw STORE_CLOSED. Safe to call twice. */
  close(): void;
}

type Db = Database.Database;

/**
 * Opens (creating it and its directory if needed) and migrates the store at `path`, or an
 * in-memory store for `":memory:"`. Call once at start-up and share the result; close it on exit.
 *
 * @throws {StoreError} STORE_CORRUPT, STORE_LOCKED, STORE_UNWRITABLE, STORE_TOO_NEW or
 *   STORE_MIGRATION_FAILED, with a message that says what to do.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): MerchantStore {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const migrations = options.migrations ?? MIGRATIONS;
  const where = describe(path);
  const inMemory = path === ":memory:" || path === "";

  if (!inMemory) {
    const dir = dirname(path);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new StoreError(
        "STORE_UNWRITABLE",
        `cannot create the directory ${dir} for ${where} (${errnoCode(err)}). ` +
          "Create it and let the bot's user write to it, or set DATABASE_PATH to a writable place.",
        { cause: err },
      );
    }
  }

  let db: Db;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (err) {
    throw toStoreError(err, where, "opening it", busyTimeoutMs);
  }

  try {
    // journal_mode reads the file header first, so a file that is not a database fails here.
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // In WAL mode NORMAL survives an application crash; only a power cut may lose the last commits.
    db.pragma("synchronous = NORMAL");
    const schemaVersion = migrate(db, migrations, where, busyTimeoutMs);
    probeWrite(db, schemaVersion);
    return createStore(db, path, where, schemaVersion, busyTimeoutMs);
  } catch (err) {
    db.close();
    throw toStoreError(err, where, "opening it", busyTimeoutMs);
  }
}

/** Applies every migration above the file's user_version, each in its own transaction. */
function migrate(db: Db, migrations: readonly Migration[], where: string, busyTimeoutMs: number): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new StoreError(
        "STORE_MIGRATION_FAILED",
        `migration "${m.name}" has version ${m.version} but is number ${i + 1} in the list; ` +
          "versions must run 1, 2, 3, … in order (see bot/store/migrations.ts).",
      );
    }
  });
  const latest = migrations.length;
  const readVersion = (): number => db.pragma("user_version", { simple: true }) as number;

  const found = readVersion();
  if (found > latest) {
    throw new StoreError(
      "STORE_TOO_NEW",
      `${where} has schema version ${found} but this bot knows only up to ${latest}: ` +
        "it was used by a newer version of the bot. Upgrade the bot, or set DATABASE_PATH to another file.",
    );
  }

  for (const m of migrations) {
    if (m.version <= found) continue;
    const apply = db.transaction(() => {
      // Another process may have migrated between our read and our lock.
      if (readVersion() >= m.version) return;
      db.exec(m.sql);
      // PRAGMA takes no bound parameters; m.version is an integer checked above.
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      apply.immediate();
    } catch (err) {
      const mapped = toStoreError(err, where, `applying migration ${m.version}`, busyTimeoutMs);
      if (mapped.code !== "STORE_FAILED") throw mapped;
      throw new StoreError(
        "STORE_MIGRATION_FAILED",
        `migration ${m.version} ("${m.name}") failed on ${where} and was rolled back: ${errorMessage(err)}. ` +
          "The file is unchanged at schema version " +
          `${readVersion()}; fix the migration or restore a backup.`,
        { cause: err },
      );
    }
  }
  return readVersion();
}

/**
 * Refuses a store the bot could open but not write (a read-only or immutable file, a read-only
 * mount): better to stop at start-up than to fail every check later. A file that is merely busy
 * (another writer holds the lock) is accepted: the lock will pass.
 */
function probeWrite(db: Db, schemaVersion: number): void {
  if (schemaVersion < 2 || db.readonly) {
    if (db.readonly) throw new StoreError("STORE_UNWRITABLE", "the database was opened read-only");
    return;
  }
  // A write that is rolled back leaves nothing behind, but SQLite refuses it on a file it
  // could only open read-only (SQLITE_READONLY), which is what we need to know.
  const probe = db.transaction(() => {
    db.prepare("INSERT INTO meta (key, value) VALUES ('write_probe', '1')").run();
    throw new ProbeRollback();
  });
  try {
    probe.immediate();
  } catch (err) {
    if (err instanceof ProbeRollback) return;
    if (err instanceof Database.SqliteError && (err.code.startsWith("SQLITE_BUSY") || err.code.startsWith("SQLITE_LOCKED"))) return;
    throw err;
  }
}

/** Thrown inside the write probe's transaction to roll it back. */
class ProbeRollback extends Error {}

function createStore(db: Db, path: string, where: string, schemaVersion: number, busyTimeoutMs: number): MerchantStore {
  const sql = {
    getRecord: db.prepare<[string], { record: string }>("SELECT record FROM merchants WHERE id = ?"),
    listByIndustry: db.prepare<[string], { record: string }>(
      "SELECT record FROM merchants WHERE industry = ? ORDER BY id",
    ),
    forUser: db.prepare<[string], MerchantSummary>(
      `SELECT m.id AS id, m.name AS name
         FROM merchant_users AS u JOIN merchants AS m ON m.id = u.merchant_id
        WHERE u.user_id = ?
        ORDER BY m.id`,
    ),
    exists: db.prepare<[string], { one: number }>("SELECT 1 AS one FROM merchants WHERE id = ?"),
    upsert: db.prepare<[{ id: string; name: string; industry: string; record: string; importedAt: string }]>(
      `INSERT INTO merchants (id, name, industry, record, imported_at)
       VALUES (@id, @name, @industry, @record, @importedAt)
       ON CONFLICT (id) DO UPDATE SET
         name = excluded.name, industry = excluded.industry,
         record = excluded.record, imported_at = excluded.imported_at`,
    ),
    unbindAll: db.prepare<[string]>("DELETE FROM merchant_users WHERE merchant_id = ?"),
    bind: db.prepare<[string, string]>("INSERT OR IGNORE INTO merchant_users (user_id, merchant_id) VALUES (?, ?)"),
    count: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM merchants"),
    audit: db.prepare<[string, string, string | null, string, number]>(
      "INSERT INTO audit (at, user_id, merchant_id, action, allowed) VALUES (?, ?, ?, ?, ?)",
    ),
    listAudit: db.prepare<
      [number],
      { id: number; at: string; userId: string; merchantId: string | null; action: string; allowed: number }
    >(
      `SELECT id, at, user_id AS userId, merchant_id AS merchantId, action, allowed
         FROM audit ORDER BY id DESC LIMIT ?`,
    ),
  };

  /** While set (epoch ms), writes fail at once: a lock was found recently (LOCKED_FAST_FAIL_MS). */
  let fastFailUntil = 0;
  /** Runs `fn`, turning whatever SQLite throws into a StoreError. */
  const guard = <T>(doing: string, fn: () => T): T => {
    if (!db.open) {
      throw new StoreError("STORE_CLOSED", `the merchant store (${where}) is closed; open it again with openStore().`);
    }
    if (fastFailUntil !== 0 && Date.now() >= fastFailUntil) {
      fastFailUntil = 0;
      db.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
    }
    try {
      return fn();
    } catch (err) {
      const mapped = toStoreError(err, where, doing, fastFailUntil === 0 ? busyTimeoutMs : 0);
      if (mapped.code === "STORE_LOCKED" && fastFailUntil === 0) {
        fastFailUntil = Date.now() + LOCKED_FAST_FAIL_MS;
        db.pragma("busy_timeout = 0");
      }
      throw mapped;
    }
  };

  const readRecord = (json: string): Merchant => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new StoreError("STORE_CORRUPT", `a stored merchant in ${where} is not valid JSON; re-import the merchant file.`, {
        cause: err,
      });
    }
    const parsed = MerchantSchema.safeParse(value);
    if (!parsed.success) {
      const id = typeof value === "object" && value !== null && "id" in value ? String(value.id) : "?";
      throw new StoreError(
        "STORE_INVALID_RECORD",
        `stored merchant ${id} in ${where} no longer matches the merchant record format ` +
          `(${describeIssue(parsed.error.issues[0])}); re-import it with npm run merchants:import -- FILE.`,
      );
    }
    return parsed.data;
  };

  const upsertAll = db.transaction((records: readonly Merchant[]): UpsertResult => {
    const importedAt = new Date().toISOString();
    let inserted = 0;
    let updated = 0;
    for (const record of records) {
      if (sql.exists.get(record.id)) updated += 1;
      else inserted += 1;
      sql.upsert.run({
        id: record.id,
        name: record.name,
        industry: record.industry,
        record: JSON.stringify(record),
        importedAt,
      });
      sql.unbindAll.run(record.id);
      for (const userId of record.dingtalkUserIds) sql.bind.run(userId, record.id);
    }
    return { inserted, updated };
  });

  return {
    ...createQuestionLog(db, guard),
    ...createHandoffLog(db, guard),
    ...createMessageJournal(db, guard),
    path,
    schemaVersion,

    getMerchant(id) {
      // Only a well-formed ID may reach a query; anything else simply is not a merchant.
      if (typeof id !== "string" || !MERCHANT_ID_PATTERN.test(id)) return undefined;
      const row = guard("reading a merchant", () => sql.getRecord.get(id));
      return row === undefined ? undefined : readRecord(row.record);
    },

    listPeers(industry) {
      const rows = guard("listing merchants of an industry", () => sql.listByIndustry.all(industry));
      return rows.map((row) => readRecord(row.record));
    },

    merchantsForUser(userId) {
      return guard("listing a user's merchants", () => sql.forUser.all(userId));
    },

    upsertMerchants(records) {
      const valid = validateBatch(records);
      return guard("saving merchants", () => upsertAll.immediate(valid));
    },

    countMerchants() {
      return guard("counting merchants", () => sql.count.get()?.n ?? 0);
    },

    recordAudit(entry) {
      guard("recording an audit entry", () =>
        sql.audit.run(entry.at.toISOString(), entry.userId, entry.merchantId, entry.action, entry.allowed ? 1 : 0),
      );
    },

    listAudit(limit = 100) {
      const n = Number.isFinite(limit) ? Math.min(10_000, Math.max(1, Math.floor(limit))) : 100;
      const rows = guard("reading the audit log", () => sql.listAudit.all(n));
      return rows.map((row) => ({ ...row, allowed: row.allowed === 1 }));
    },

    close() {
      if (db.open) db.close();
    },
  };
}

/** Re-validates a batch so that the table only ever holds valid records, and rejects repeats. */
function validateBatch(records: readonly Merchant[]): Merchant[] {
  const seen = new Set<string>();
  return records.map((record, i) => {
    const parsed = MerchantSchema.safeParse(record);
    if (!parsed.success) {
      throw new StoreError(
        "STORE_INVALID_RECORD",
        `merchant ${i + 1} in the batch does not match the merchant record format ` +
          `(${describeIssue(parsed.error.issues[0])}); validate it with parseMerchantFile first. Nothing was written.`,
      );
    }
    if (seen.has(parsed.data.id)) {
      throw new StoreError(
        "STORE_INVALID_RECORD",
        `merchant ${parsed.data.id} appears twice in one batch; nothing was written.`,
      );
    }
    seen.add(parsed.data.id);
    return parsed.data;
  });
}

function describeIssue(issue: { path: readonly PropertyKey[]; message: string } | undefined): string {
  if (issue === undefined) return "invalid";
  const path = issue.path.map(String).join(".");
  return path === "" ? issue.message : `${path}: ${issue.message}`;
}

function describe(path: string): string {
  return path === ":memory:" || path === "" ? "the in-memory database" : `the database file ${path}`;
}

/** Maps a thrown value to a StoreError with a stable code and a message that says what to do. */
function toStoreError(err: unknown, where: string, doing: string, busyTimeoutMs: number): StoreError {
  if (err instanceof StoreError) return err;
  const detail = errorMessage(err);
  if (err instanceof Database.SqliteError) {
    const code = err.code;
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      return new StoreError(
        "STORE_LOCKED",
        `${where} is locked by another process (waited ${busyTimeoutMs} ms while ${doing}); nothing was written. ` +
          "Stop the other bot or import using it, or retry in a moment.",
        { cause: err },
      );
    }
    if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) {
      return new StoreError(
        "STORE_CORRUPT",
        `${where} is not a SQLite database or is damaged (${detail}). Move it aside and restart to create ` +
          "a new one (then re-import the merchants), restore a backup, or set DATABASE_PATH to another file.",
        { cause: err },
      );
    }
    if (
      code.startsWith("SQLITE_READONLY") ||
      code.startsWith("SQLITE_CANTOPEN") ||
      code.startsWith("SQLITE_IOERR") ||
      code === "SQLITE_PERM" ||
      code === "SQLITE_FULL"
    ) {
      return new StoreError(
        "STORE_UNWRITABLE",
        `cannot open or write ${where} while ${doing} (${code}: ${detail}). Check that the path is a file in a ` +
          "directory the bot's user may write, and that the disk is not full; or set DATABASE_PATH to a writable place.",
        { cause: err },
      );
    }
    return new StoreError("STORE_FAILED", `SQLite failed on ${where} while ${doing} (${code}: ${detail}).`, {
      cause: err,
    });
  }
  if (err instanceof TypeError && /directory does not exist/i.test(detail)) {
    return new StoreError(
      "STORE_UNWRITABLE",
      `cannot open ${where}: its directory does not exist. Create it, or set DATABASE_PATH to a writable place.`,
      { cause: err },
    );
  }
  if (err instanceof TypeError && /not open/i.test(detail)) {
    return new StoreError("STORE_CLOSED", `the merchant store (${where}) is closed; open it again with openStore().`, {
      cause: err,
    });
  }
  return new StoreError("STORE_FAILED", `the merchant store failed on ${where} while ${doing}: ${detail}`, {
    cause: err,
  });
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function errnoCode(err: unknown): string {
  if (typeof err === "object" && err !== null && "code" in err && typeof err.code === "string") return err.code;
  return errorMessage(err);
}
