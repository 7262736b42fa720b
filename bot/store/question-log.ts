/**
 * The question log: how the bot replied to each message, merchants' votes on its answers, and
 * which entry they picked when asked back (a clarify). Support staff read it through /unanswered
 * (the knowledge editors' to-do list), /teach and /stats.
 *
 * Privacy is enforced here, whoever the caller is: the sender is kept only as a salted hash
 * (the salt is drawn per store file by migration 2); the question text is kept only for
 * fallback and clarify replies, with long numbers masked; a command is kept by its name alone,
 * never its arguments. So nothing recorded holds a merchant's figures.
 *
 * `openStore` mixes these methods into {@link MerchantStore}; use them through the store.
 */
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { DateTime } from "luxon";
import { SHANGHAI } from "../../rules/time.js";
import type { ReplyKind } from "../pipeline/types.js";
import { StoreError } from "./store-error.js";

/** One reply to record; see {@link QuestionLog.recordQuestion} for what is kept of each field. */
export interface QuestionRecord {
  /** When the message was handled (the message clock). */
  at: Date;
  kind: ReplyKind;
  /** The entry answered, or the nearest one for clarify and fallback. */
  entryId?: string | undefined;
  /** The reply's confidence 0..1 (for fallback: the nearest entry's). */
  confidence?: number | undefined;
  /** The normalised question (`index.prepare`); kept for fallback and clarify only. */
  normalized?: string | undefined;
  /** The command's name for kind "command" (`score`, `/score`); anything after it is dropped. */
  command?: string | undefined;
  /** The DingTalk user; stored only as a salted hash. */
  userId: string;
}

export interface ListUnansweredOptions {
  /** Only messages at or after this instant. */
  since: Date;
  /** Most rows returned (1..1000, default 20). */
  limit?: number;
  /** A clarify counts as unanswered only below this confidence (0..1, default 0.5). */
  maxClarifyConfidence?: number;
}

/** One question nobody answered well, grouped by its normalised text. */
export interface UnansweredQuestion {
  /** The latest recorded occurrence: what `/teach <id> <entry>` refers to. */
  id: number;
  normalized: string;
  /** How many times it was asked in the window. */
  count: number;
  /** By how many different senders. */
  distinctSenders: number;
  /** ISO 8601 in UTC. */
  firstSeen: string;
  /** ISO 8601 in UTC. */
  lastSeen: string;
  /** The nearest entry at the latest occurrence (the knowledge base may have changed since the first). */
  nearestEntryId: string | null;
  nearestConfidence: number | null;
  kinds: { fallback: number; clarify: number };
  /**
   * The entry askers most often picked when this question was asked back (a clarify pick in the
   * window), and how many times: the phrasing's likely answer, for `/teach`. Null when none.
   */
  picked: { entryId: string; count: number } | null;
}

export interface QuestionStatsOptions {
  /** Only messages (and votes) at or after this instant. */
  since: Date;
  /** How many entries {@link QuestionStats.topEntries} and `unhelpful` list (1..100, default 10). */
  topEntries?: number;
}

/** One Asia/Shanghai calendar day of {@link QuestionStats.perDay}. */
export interface DayStats {
  /** `YYYY-MM-DD`, Asia/Shanghai. */
  day: string;
  total: number;
  answer: number;
  clarify: number;
  fallback: number;
  command: number;
  /** denied, error and any other kind. */
  other: number;
}

export interface QuestionStats {
  /** Every recorded message in the window. */
  total: number;
  byKind: Record<ReplyKind, number>;
  /** Days that had messages, oldest first (days without any are left out). */
  perDay: DayStats[];
  /** The entries answered most often (kind "answer"), most first. */
  topEntries: Array<{ entryId: string; count: number }>;
  /** Entries with at least one "not helpful" vote cast in the window, most such votes first. */
  unhelpful: Array<{ entryId: string; down: number; up: number }>;
  /** Votes cast (or turned round) in the window. */
  votes: { up: number; down: number };
  /** Clarify prompts answered by picking an offered entry in the window. */
  picks: number;
}

/** A clarify prompt answered by picking one of the entries it offered. */
export interface ClarifyPickRecord {
  at: Date;
  /** The normalised question that was asked back (`index.prepare`); masked and cut like the question log's. */
  normalized: string;
  /** The entry picked. */
  entryId: string;
  /** Its place among the offered entries, 1-based. */
  position: number;
  /** How many entries the prompt offered. */
  offered: number;
  /** The DingTalk user; stored only as a salted hash. */
  userId: string;
}

export interface VoteRecord {
  entryId: string;
  /** The DingTalk user; stored only as a salted hash. */
  userId: string;
  helpful: boolean;
  at: Date;
}

/** `recorded`: a first vote; `changed`: the user turned an earlier vote round; `unchanged`: the same vote again. */
export type VoteOutcome = "recorded" | "changed" | "unchanged";

/** The question-log half of the store. Each method throws only {@link StoreError}. */
export interface QuestionLog {
  /**
   * Records one reply. Call it once per handled message. Kept: the time, its Asia/Shanghai
   * day, the kind, the entry and confidence, the normalised question for fallback and clarify
   * only (at most 500 characters, numbers of 5+ digits masked as `#`), the command name only,
   * and the sender as a salted hash.
   *
   * @throws {StoreError} STORE_INVALID_ARGUMENT for an invalid date, kind or user ID.
   */
  recordQuestion(record: QuestionRecord): void;
  /**
   * The questions the bot could not answer confidently since `since`, grouped by normalised
   * text, most asked first (then most recent): every fallback, and clarifies below
   * `maxClarifyConfidence` (a clarify without a confidence counts as low).
   */
  listUnanswered(options: ListUnansweredOptions): UnansweredQuestion[];
  /** Totals, per-day counts, the most answered and the least liked entries since `since`. */
  questionStats(options: QuestionStatsOptions): QuestionStats;
  /**
   * Records a "helpful / not helpful" vote: one per entry and user; a later vote the other way
   * replaces it. Does not check that the entry exists (the caller knows the knowledge base).
   *
   * @throws {StoreError} STORE_INVALID_ARGUMENT for an empty entry ID, an invalid date or user ID.
   */
  recordVote(vote: VoteRecord): VoteOutcome;
  /**
   * Records a clarify pick: the question asked back and the entry the asker meant (/unanswered
   * shows it beside the question, a ready `/teach`). Long numbers are masked as in the question log.
   *
   * @throws {StoreError} STORE_INVALID_ARGUMENT for an empty question or entry ID, a position outside 1..offered, an invalid date or user ID.
   */
  recordClarifyPick(pick: ClarifyPickRecord): void;
  /** Deletes recorded questions and clarify picks older than `before` (the retention cutoff); returns how many questions. Votes stay. */
  purgeQuestions(before: Date): number;
  /** The normalised text of a recorded question (only fallbacks and clarifies keep one), by its id. */
  recordedQuestion(id: number): string | undefined;
  /**
   * Attaches a phrasing to the entry that answers it, or to none (`entryId` null: off-topic),
   * replacing an earlier attachment of the same phrasing. Taught phrasings are kept until
   * removed by hand: they are the knowledge editors' material, not a log.
   *
   * @throws {StoreError} STORE_INVALID_ARGUMENT for an empty phrasing or entry ID, an invalid date or user ID.
   */
  teachPhrasing(taught: TaughtInput): VoteOutcome;
  /** Every taught phrasing, oldest first. */
  listTaught(): TaughtPhrasing[];
}

export interface TaughtInput {
  normalized: string;
  entryId: string | null;
  userId: string;
  at: Date;
}

export interface TaughtPhrasing {
  normalized: string;
  /** null: taught as off-topic. */
  entryId: string | null;
  /** ISO 8601 in UTC. */
  at: string;
}

/** Runs `fn` against an open store, mapping whatever SQLite throws to a StoreError. */
export type StoreGuard = <T>(doing: string, fn: () => T) => T;

/** Longest normalised question kept; longer ones are cut (SQLite counts characters, as we do). */
export const MAX_NORMALIZED_CHARS = 500;
const MAX_ENTRY_ID_CHARS = 128;
const MAX_COMMAND_CHARS = 32;
/** Hex characters of the sender hash: 64 bits, ample for telling a few thousand senders apart. */
const SENDER_HASH_CHARS = 16;

/** The reply kinds whose question text is worth keeping: the ones that did not answer. */
const TEXT_KINDS: ReadonlySet<string> = new Set<ReplyKind>(["fallback", "clarify"]);

/** Digit runs (with , or . inside) that may be an order, phone or account number, or an amount. */
const NUMBER_RUN = /\d(?:[\d,.]*\d)?/g;
const MIN_MASKED_DIGITS = 5;

/**
 * Builds the question log on an open, migrated connection. Statements are prepared on first
 * use, so a store opened with an older migration list (tests) still opens.
 */
export function createQuestionLog(db: Database.Database, guard: StoreGuard): QuestionLog {
  const sql = {
    salt: once(() => db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'sender_salt'")),
    insert: once(() =>
      db.prepare<
        [
          {
            at: string;
            day: string;
            kind: string;
            entryId: string | null;
            confidence: number | null;
            normalized: string | null;
            command: string | null;
            senderHash: string;
          },
        ]
      >(
        `INSERT INTO questions (at, day, kind, entry_id, confidence, normalized, command, sender_hash)
         VALUES (@at, @day, @kind, @entryId, @confidence, @normalized, @command, @senderHash)`,
      ),
    ),
    unanswered: once(() =>
      db.prepare<
        [{ since: string; maxClarify: number; limit: number }],
        {
          id: number;
          normalized: string;
          count: number;
          distinctSenders: number;
          firstSeen: string;
          lastSeen: string;
          fallback: number;
          clarify: number;
          nearestEntryId: string | null;
          nearestConfidence: number | null;
        }
      >(
        `WITH hits AS (
           SELECT id, at, kind, entry_id, confidence, normalized, sender_hash
             FROM questions
            WHERE at >= @since AND normalized IS NOT NULL
              AND (kind = 'fallback' OR (kind = 'clarify' AND coalesce(confidence, 0) < @maxClarify))
         ),
         latest AS (
           SELECT normalized, entry_id, confidence,
                  row_number() OVER (PARTITION BY normalized ORDER BY at DESC, id DESC) AS rn
             FROM hits
         )
         SELECT max(h.id) AS id,
                h.normalized AS normalized,
                count(*) AS count,
                count(DISTINCT h.sender_hash) AS distinctSenders,
                min(h.at) AS firstSeen,
                max(h.at) AS lastSeen,
                count(*) FILTER (WHERE h.kind = 'fallback') AS fallback,
                count(*) FILTER (WHERE h.kind = 'clarify') AS clarify,
                l.entry_id AS nearestEntryId,
                l.confidence AS nearestConfidence
           FROM hits AS h JOIN latest AS l ON l.normalized = h.normalized AND l.rn = 1
          GROUP BY h.normalized
          ORDER BY count DESC, lastSeen DESC, h.normalized
          LIMIT @limit`,
      ),
    ),
    byKind: once(() =>
      db.prepare<[string], { kind: string; n: number }>(
        "SELECT kind, count(*) AS n FROM questions WHERE at >= ? GROUP BY kind",
      ),
    ),
    perDay: once(() =>
      db.prepare<[string], DayStats>(
        `SELECT day,
                count(*) AS total,
                count(*) FILTER (WHERE kind = 'answer') AS answer,
                count(*) FILTER (WHERE kind = 'clarify') AS clarify,
                count(*) FILTER (WHERE kind = 'fallback') AS fallback,
                count(*) FILTER (WHERE kind = 'command') AS command,
                count(*) FILTER (WHERE kind NOT IN ('answer', 'clarify', 'fallback', 'command')) AS other
           FROM questions
          WHERE at >= ?
          GROUP BY day
          ORDER BY day`,
      ),
    ),
    topEntries: once(() =>
      db.prepare<[string, number], { entryId: string; count: number }>(
        `SELECT entry_id AS entryId, count(*) AS count
           FROM questions
          WHERE at >= ? AND kind = 'answer' AND entry_id IS NOT NULL
          GROUP BY entry_id
          ORDER BY count DESC, entry_id
          LIMIT ?`,
      ),
    ),
    unhelpful: once(() =>
      db.prepare<[string, number], { entryId: string; down: number; up: number }>(
        `SELECT entry_id AS entryId,
                count(*) FILTER (WHERE helpful = 0) AS down,
                count(*) FILTER (WHERE helpful = 1) AS up
           FROM votes
          WHERE at >= ?
          GROUP BY entry_id
         HAVING down > 0
          ORDER BY down DESC, up, entry_id
          LIMIT ?`,
      ),
    ),
    getVote: once(() =>
      db.prepare<[string, string], { helpful: number }>("SELECT helpful FROM votes WHERE entry_id = ? AND sender_hash = ?"),
    ),
    insertVote: once(() =>
      db.prepare<[string, string, number, string]>("INSERT INTO votes (entry_id, sender_hash, helpful, at) VALUES (?, ?, ?, ?)"),
    ),
    changeVote: once(() =>
      db.prepare<[number, string, string, string]>("UPDATE votes SET helpful = ?, at = ? WHERE entry_id = ? AND sender_hash = ?"),
    ),
    purge: once(() => db.prepare<[string]>("DELETE FROM questions WHERE at < ?")),
    purgePicks: once(() => db.prepare<[string]>("DELETE FROM clarify_picks WHERE at < ?")),
    insertPick: once(() =>
      db.prepare<[{ at: string; normalized: string; entryId: string; position: number; offered: number; senderHash: string }]>(
        `INSERT INTO clarify_picks (at, normalized, entry_id, position, offered, sender_hash)
         VALUES (@at, @normalized, @entryId, @position, @offered, @senderHash)`,
      ),
    ),
    /** The most picked entry per normalised question since a time (ties: the latest pick). */
    picked: once(() =>
      db.prepare<[string], { normalized: string; entryId: string; count: number }>(
        `SELECT normalized, entryId, count FROM (
           SELECT normalized, entry_id AS entryId, count(*) AS count,
                  row_number() OVER (PARTITION BY normalized ORDER BY count(*) DESC, max(at) DESC) AS rn
             FROM clarify_picks
            WHERE at >= ?
            GROUP BY normalized, entry_id
         ) WHERE rn = 1`,
      ),
    ),
    pickCount: once(() => db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM clarify_picks WHERE at >= ?")),
    voteCounts: once(() =>
      db.prepare<[string], { up: number; down: number }>(
        "SELECT count(*) FILTER (WHERE helpful = 1) AS up, count(*) FILTER (WHERE helpful = 0) AS down FROM votes WHERE at >= ?",
      ),
    ),
  };

  const salt = once(() => {
    const row = sql.salt().get();
    if (row === undefined) {
      throw new StoreError(
        "STORE_CORRUPT",
        "the store's sender salt (table meta, key sender_salt) is missing, so senders cannot be hashed. " +
          "Restore a backup, or move the file aside and restart to create a new one.",
      );
    }
    return row.value;
  });
  const hashSender = (userId: unknown): string => {
    if (typeof userId !== "string") throw invalid(`userId must be a string, got ${typeof userId}`);
    return createHash("sha256").update(salt() + userId, "utf8").digest("hex").slice(0, SENDER_HASH_CHARS);
  };

  const stats = db.transaction((since: string, top: number): QuestionStats => {
    const byKind: Record<ReplyKind, number> = { answer: 0, clarify: 0, fallback: 0, command: 0, denied: 0, error: 0 };
    let total = 0;
    for (const { kind, n } of sql.byKind().all(since)) {
      total += n;
      if (Object.hasOwn(byKind, kind)) byKind[kind as ReplyKind] = n;
    }
    return {
      total,
      byKind,
      perDay: sql.perDay().all(since),
      topEntries: sql.topEntries().all(since, top),
      unhelpful: sql.unhelpful().all(since, top),
      votes: sql.voteCounts().get(since) ?? { up: 0, down: 0 },
      picks: sql.pickCount().get(since)?.n ?? 0,
    };
  });

  const unanswered = db.transaction((since: string, maxClarify: number, limit: number) => ({
    rows: sql.unanswered().all({ since, maxClarify, limit }),
    picks: new Map(sql.picked().all(since).map((p) => [p.normalized, p])),
  }));

  const vote = db.transaction((entryId: string, senderHash: string, helpful: number, at: string): VoteOutcome => {
    const previous = sql.getVote().get(entryId, senderHash);
    if (previous === undefined) {
      sql.insertVote().run(entryId, senderHash, helpful, at);
      return "recorded";
    }
    if (previous.helpful === helpful) return "unchanged";
    sql.changeVote().run(helpful, at, entryId, senderHash);
    return "changed";
  });

  const recorded = once(() =>
    db.prepare<[number], { normalized: string }>("SELECT normalized FROM questions WHERE id = ? AND normalized IS NOT NULL"),
  );
  const taughtRow = once(() => db.prepare<[string], { entryId: string | null }>("SELECT entry_id AS entryId FROM taught WHERE normalized = ?"));
  const taughtUpsert = once(() =>
    db.prepare<[{ normalized: string; entryId: string | null; by: string; at: string }]>(
      `INSERT INTO taught (normalized, entry_id, taught_by, at) VALUES (@normalized, @entryId, @by, @at)
       ON CONFLICT (normalized) DO UPDATE SET entry_id = excluded.entry_id, taught_by = excluded.taught_by, at = excluded.at`,
    ),
  );
  const taughtAll = once(() =>
    db.prepare<[], TaughtPhrasing>("SELECT normalized, entry_id AS entryId, at FROM taught ORDER BY at, normalized"),
  );
  const teach = db.transaction((normalized: string, entryId: string | null, by: string, at: string): VoteOutcome => {
    const before = taughtRow().get(normalized);
    if (before !== undefined && before.entryId === entryId) return "unchanged";
    taughtUpsert().run({ normalized, entryId, by, at });
    return before === undefined ? "recorded" : "changed";
  });

  return {
    recordedQuestion(id) {
      if (!Number.isSafeInteger(id) || id < 1) return undefined;
      return guard("reading a recorded question", () => recorded().get(id)?.normalized);
    },

    teachPhrasing(input) {
      const normalized = typeof input.normalized === "string" ? input.normalized.trim().slice(0, MAX_NORMALIZED_CHARS) : "";
      if (!normalized) throw invalid("the taught phrasing must be a non-empty string");
      const entryId = input.entryId === null ? null : cleanEntryId(input.entryId);
      if (entryId === undefined) throw invalid(`entryId must be null or a non-empty string, got ${JSON.stringify(input.entryId)}`);
      const at = isoInstant(input.at, "at");
      return guard("recording a taught phrasing", () => teach.immediate(normalized, entryId, hashSender(input.userId), at));
    },

    listTaught() {
      return guard("listing taught phrasings", () => taughtAll().all());
    },

    recordQuestion(record) {
      const at = isoInstant(record.at, "at");
      const kind = record.kind as unknown;
      if (typeof kind !== "string" || !/^[a-z][a-z-]{0,15}$/.test(kind)) {
        throw invalid(`kind must be a reply kind such as "answer", got ${JSON.stringify(kind)}`);
      }
      guard("recording a question", () => {
        sql.insert().run({
          at,
          day: shanghaiDay(record.at),
          kind,
          entryId: cleanEntryId(record.entryId) ?? null,
          confidence: cleanConfidence(record.confidence),
          normalized: TEXT_KINDS.has(kind) ? cleanQuestion(record.normalized) : null,
          command: cleanCommand(record.command),
          senderHash: hashSender(record.userId),
        });
      });
    },

    listUnanswered(options) {
      const since = isoInstant(options.since, "since");
      const limit = clampInt(options.limit, 1, 1000, 20);
      const maxClarify = clampFraction(options.maxClarifyConfidence, 0.5);
      const { rows, picks } = guard("listing unanswered questions", () => unanswered.deferred(since, maxClarify, limit));
      return rows.map(({ fallback, clarify, ...row }) => {
        const pick = picks.get(row.normalized);
        return { ...row, kinds: { fallback, clarify }, picked: pick ? { entryId: pick.entryId, count: pick.count } : null };
      });
    },

    questionStats(options) {
      const since = isoInstant(options.since, "since");
      const top = clampInt(options.topEntries, 1, 100, 10);
      return guard("computing question statistics", () => stats.deferred(since, top));
    },

    recordVote(input) {
      const entryId = cleanEntryId(input.entryId);
      if (entryId === undefined) throw invalid(`entryId must be a non-empty string, got ${JSON.stringify(input.entryId)}`);
      const at = isoInstant(input.at, "at");
      return guard("recording a vote", () => vote.immediate(entryId, hashSender(input.userId), input.helpful ? 1 : 0, at));
    },

    recordClarifyPick(pick) {
      const normalized = cleanQuestion(pick.normalized);
      if (normalized === null) throw invalid("the picked question must be a non-empty string");
      const entryId = cleanEntryId(pick.entryId);
      if (entryId === undefined) throw invalid(`entryId must be a non-empty string, got ${JSON.stringify(pick.entryId)}`);
      const { position, offered } = pick;
      if (!Number.isInteger(offered) || offered < 1 || offered > 9 || !Number.isInteger(position) || position < 1 || position > offered) {
        throw invalid(`position must be 1..offered (offered 1..9), got ${position} of ${offered}`);
      }
      const at = isoInstant(pick.at, "at");
      guard("recording a clarify pick", () => {
        sql.insertPick().run({ at, normalized, entryId, position, offered, senderHash: hashSender(pick.userId) });
      });
    },

    purgeQuestions(before) {
      const cutoff = isoInstant(before, "before");
      return guard("purging old questions", () => {
        sql.purgePicks().run(cutoff);
        return sql.purge().run(cutoff).changes;
      });
    },
  };
}

/** Memoises `make` (retrying after a throw): prepared statements are built on first use. */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export function invalid(message: string): StoreError {
  return new StoreError("STORE_INVALID_ARGUMENT", `${message}; nothing was written.`);
}

/**
 * ISO 8601 in UTC, which sorts as text in the same order as time, so `at >= ?` compares instants.
 * Years outside 1970–9999 would not (toISOString writes them with a sign), so they are refused.
 */
export function isoInstant(date: unknown, what: string): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw invalid(`${what} must be a valid Date`);
  const year = date.getUTCFullYear();
  if (year < 1970 || year > 9999) throw invalid(`${what} must fall in the years 1970–9999, got ${date.toISOString()}`);
  return date.toISOString();
}

/** `YYYY-MM-DD` of an instant in Asia/Shanghai (the merchants' and staff's calendar). */
function shanghaiDay(at: Date): string {
  return DateTime.fromJSDate(at, { zone: SHANGHAI }).toFormat("yyyy-MM-dd");
}

/** The first `max` characters (code points, as SQLite's length() counts them). */
export function cap(text: string, max: number): string {
  return text.length <= max ? text : Array.from(text).slice(0, max).join("");
}

function cleanEntryId(entryId: unknown): string | undefined {
  if (typeof entryId !== "string") return undefined;
  const id = cap(entryId.trim(), MAX_ENTRY_ID_CHARS);
  return id === "" ? undefined : id;
}

function cleanConfidence(confidence: unknown): number | null {
  if (typeof confidence !== "number" || !Number.isFinite(confidence)) return null;
  return Math.round(Math.min(1, Math.max(0, confidence)) * 1000) / 1000;
}

/** Single spaces, numbers of 5+ digits masked as `#`, at most {@link MAX_NORMALIZED_CHARS}. */
function cleanQuestion(normalized: unknown): string | null {
  if (typeof normalized !== "string") return null;
  const masked = normalized.replace(NUMBER_RUN, (run) => (run.replace(/\D/g, "").length >= MIN_MASKED_DIGITS ? "#" : run));
  const text = cap(masked.replace(/\s+/g, " ").trim(), MAX_NORMALIZED_CHARS);
  return text === "" ? null : text;
}

/** `/score M10001` → `score`: the name only, lower case, never an argument. */
function cleanCommand(command: unknown): string | null {
  if (typeof command !== "string") return null;
  const name = /^[/／]?\s*(\S+)/u.exec(command.trim())?.[1];
  if (name === undefined) return null;
  return cap(name.toLowerCase(), MAX_COMMAND_CHARS);
}

export function clampInt(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function clampFraction(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(1, Math.max(0, value));
}
