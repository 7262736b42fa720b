/**
 * Handoffs: conversations handed to the support staff on duty ("转人工", /handoff), listed for
 * staff by /handoff and closed with /done. How a handoff works: docs/operations.md.
 *
 * Unlike the question log, a handoff keeps who asked (staff must be able to reach them) and
 * what they wrote; it is read only by staff commands. `openStore` mixes these methods into
 * {@link MerchantStore}; use them through the store.
 */
import type Database from "better-sqlite3";
import { cap, clampInt, invalid, isoInstant, once } from "./question-log.js";
import type { StoreGuard } from "./question-log.js";

/** One of the asker's turns before the handoff: what they wrote and what kind of reply they got. */
export interface HandoffTurn {
  /** The asker's text, at most {@link MAX_TURN_CHARS} characters. */
  text: string;
  /** One line about the reply: its kind and title or entry (never its text, so never figures). */
  reply: string;
}

export interface HandoffInput {
  conversationId: string;
  chat: "direct" | "group";
  userId: string;
  userName?: string | undefined;
  /** What the asker wants help with (at most {@link MAX_HANDOFF_QUESTION_CHARS} characters kept). */
  question: string;
  /** The asker's last turns, oldest first (at most {@link MAX_TRANSCRIPT_TURNS} kept). */
  transcript: readonly HandoffTurn[];
  /** The staff ids the handoff is pushed to. */
  notified: readonly string[];
  at: Date;
}

export interface Handoff {
  /** The handoff number merchants and staff see (#3) and `/done 3` closes. */
  id: number;
  conversationId: string;
  chat: "direct" | "group";
  userId: string;
  userName: string | null;
  question: string;
  transcript: HandoffTurn[];
  notified: string[];
  /** ISO 8601 in UTC. */
  openedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  closedByName: string | null;
}

export interface CloseHandoffInput {
  id: number;
  /** The staff member who closed it. */
  by: string;
  byName?: string | undefined;
  at: Date;
}

/** `closed`: done now; `already-closed`: closed before (the handoff tells by whom); `unknown`: no such number. */
export type CloseHandoffOutcome =
  | { outcome: "closed"; handoff: Handoff }
  | { outcome: "already-closed"; handoff: Handoff }
  | { outcome: "unknown" };

export interface HandoffStats {
  /** Handoffs opened in the window. */
  opened: number;
  /** Handoffs closed in the window (whenever they were opened). */
  closed: number;
  /** Handoffs open now. */
  open: number;
}

/** The handoff half of the store. Each method throws only {@link StoreError}. */
export interface HandoffLog {
  /**
   * Records a new handoff and returns it with its number.
   *
   * @throws {StoreError} STORE_INVALID_ARGUMENT for an empty question, user or conversation, or an invalid date.
   */
  openHandoff(input: HandoffInput): Handoff;
  /** The asker's open handoff in this conversation, if any (the latest). */
  openHandoffOf(conversationId: string, userId: string): Handoff | undefined;
  /** Every open handoff, oldest first, at most `limit` (1..200, default 50). */
  listOpenHandoffs(limit?: number): Handoff[];
  /** Handoffs opened since `since`, newest first, at most `limit` (1..200, default 20). */
  listHandoffs(options: { since: Date; limit?: number }): Handoff[];
  getHandoff(id: number): Handoff | undefined;
  /** Closes an open handoff, recording who closed it and when. */
  closeHandoff(input: CloseHandoffInput): CloseHandoffOutcome;
  handoffStats(options: { since: Date }): HandoffStats;
  /** Deletes handoffs closed before `before` (the retention cutoff); returns how many. Open ones stay. */
  purgeHandoffs(before: Date): number;
}

/** Longest question kept for a handoff. */
export const MAX_HANDOFF_QUESTION_CHARS = 1000;
/** Most turns of a transcript kept. */
export const MAX_TRANSCRIPT_TURNS = 5;
/** Longest text of one transcript turn (the asker's or the reply line). */
export const MAX_TURN_CHARS = 300;
const MAX_NAME_CHARS = 64;

/** A handoff as stored: the transcript and the notified ids are JSON text. */
type Row = Omit<Handoff, "transcript" | "notified"> & { transcript: string; notified: string };

const COLUMNS = `id, conversation_id AS conversationId, chat, user_id AS userId, user_name AS userName, question,
  transcript, notified, opened_at AS openedAt, closed_at AS closedAt, closed_by AS closedBy, closed_by_name AS closedByName`;

/** Builds the handoff log on an open, migrated connection (statements prepared on first use). */
export function createHandoffLog(db: Database.Database, guard: StoreGuard): HandoffLog {
  const sql = {
    insert: once(() =>
      db.prepare<[{ conversationId: string; chat: string; userId: string; userName: string | null; question: string; transcript: string; notified: string; at: string }]>(
        `INSERT INTO handoffs (conversation_id, chat, user_id, user_name, question, transcript, notified, opened_at)
         VALUES (@conversationId, @chat, @userId, @userName, @question, @transcript, @notified, @at)`,
      ),
    ),
    byId: once(() => db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM handoffs WHERE id = ?`)),
    openOf: once(() =>
      db.prepare<[string, string], Row>(
        `SELECT ${COLUMNS} FROM handoffs WHERE conversation_id = ? AND user_id = ? AND closed_at IS NULL ORDER BY id DESC LIMIT 1`,
      ),
    ),
    listOpen: once(() => db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM handoffs WHERE closed_at IS NULL ORDER BY opened_at, id LIMIT ?`)),
    listSince: once(() => db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM handoffs WHERE opened_at >= ? ORDER BY opened_at DESC, id DESC LIMIT ?`)),
    close: once(() =>
      db.prepare<[string, string, string | null, number]>(
        "UPDATE handoffs SET closed_at = ?, closed_by = ?, closed_by_name = ? WHERE id = ? AND closed_at IS NULL",
      ),
    ),
    stats: once(() =>
      db.prepare<[string, string], HandoffStats>(
        `SELECT count(*) FILTER (WHERE opened_at >= ?) AS opened,
                count(*) FILTER (WHERE closed_at >= ?) AS closed,
                count(*) FILTER (WHERE closed_at IS NULL) AS open
           FROM handoffs`,
      ),
    ),
    purge: once(() => db.prepare<[string]>("DELETE FROM handoffs WHERE closed_at IS NOT NULL AND closed_at < ?")),
  };

  const close = db.transaction((id: number, at: string, by: string, byName: string | null): CloseHandoffOutcome => {
    const before = sql.byId().get(id);
    if (before === undefined) return { outcome: "unknown" };
    if (before.closedAt !== null) return { outcome: "already-closed", handoff: fromRow(before) };
    sql.close().run(at, by, byName, id);
    return { outcome: "closed", handoff: fromRow(sql.byId().get(id)!) };
  });

  return {
    openHandoff(input) {
      const conversationId = required(input.conversationId, 256, "conversationId");
      const userId = required(input.userId, 128, "userId");
      const question = required(input.question, MAX_HANDOFF_QUESTION_CHARS, "question");
      if (input.chat !== "direct" && input.chat !== "group") throw invalid(`chat must be "direct" or "group", got ${JSON.stringify(input.chat)}`);
      const at = isoInstant(input.at, "at");
      const transcript = input.transcript.slice(-MAX_TRANSCRIPT_TURNS).map((t) => ({ text: cap(t.text, MAX_TURN_CHARS), reply: cap(t.reply, MAX_TURN_CHARS) }));
      return guard("recording a handoff", () => {
        const { lastInsertRowid } = sql.insert().run({
          conversationId,
          chat: input.chat,
          userId,
          userName: optionalName(input.userName),
          question,
          transcript: JSON.stringify(transcript),
          notified: JSON.stringify(input.notified),
          at,
        });
        return fromRow(sql.byId().get(Number(lastInsertRowid))!);
      });
    },

    openHandoffOf(conversationId, userId) {
      const row = guard("reading a handoff", () => sql.openOf().get(conversationId, userId));
      return row === undefined ? undefined : fromRow(row);
    },

    listOpenHandoffs(limit) {
      const n = clampInt(limit, 1, 200, 50);
      return guard("listing open handoffs", () => sql.listOpen().all(n)).map(fromRow);
    },

    listHandoffs(options) {
      const since = isoInstant(options.since, "since");
      const n = clampInt(options.limit, 1, 200, 20);
      return guard("listing handoffs", () => sql.listSince().all(since, n)).map(fromRow);
    },

    getHandoff(id) {
      if (!Number.isSafeInteger(id) || id < 1) return undefined;
      const row = guard("reading a handoff", () => sql.byId().get(id));
      return row === undefined ? undefined : fromRow(row);
    },

    closeHandoff(input) {
      if (!Number.isSafeInteger(input.id) || input.id < 1) return { outcome: "unknown" };
      const by = required(input.by, 128, "by");
      const at = isoInstant(input.at, "at");
      return guard("closing a handoff", () => close.immediate(input.id, at, by, optionalName(input.byName)));
    },

    handoffStats(options) {
      const since = isoInstant(options.since, "since");
      return guard("counting handoffs", () => sql.stats().get(since, since) ?? { opened: 0, closed: 0, open: 0 });
    },

    purgeHandoffs(before) {
      const cutoff = isoInstant(before, "before");
      return guard("purging old handoffs", () => sql.purge().run(cutoff).changes);
    },
  };
}

function fromRow(row: Row): Handoff {
  return { ...row, transcript: parseJson<HandoffTurn[]>(row.transcript, []), notified: parseJson<string[]>(row.notified, []) };
}

/** The JSON columns are checked json_valid by the schema; a wrong shape reads as the fallback. */
function parseJson<T extends unknown[]>(text: string, fallback: T): T {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T) : fallback;
}

function required(value: unknown, max: number, what: string): string {
  if (typeof value !== "string" || value.trim() === "") throw invalid(`${what} must be a non-empty string`);
  return cap(value.trim(), max);
}

function optionalName(name: unknown): string | null {
  if (typeof name !== "string" || name.trim() === "") return null;
  return cap(name.trim(), MAX_NAME_CHARS);
}
