/**
 * The message journal (migration 3): a durable inbox of the messages a transport acked and an
 * outbox of the replies it owes. A transport records a message before acking it, records its
 * replies before sending them and marks each delivered after, so that a restart (or a crash)
 * loses nothing that was acked: {@link MessageJournal.unfinished} lists what to resume. The inbox
 * doubles as the dedupe table, shared by every process on the store.
 *
 * The store knows nothing of DingTalk: targets and bodies are the transport's own JSON, which it
 * validates again when it reads them back.
 */
import type Database from "better-sqlite3";
import type { StoreGuard } from "./question-log.js";
import { StoreError } from "./store-error.js";

/** What {@link MessageJournal.recordIncoming} found: a new message, or one already recorded. */
export type IncomingOutcome = "new" | "duplicate";

/** A message to record on arrival. */
export interface IncomingRecord {
  msgId: string;
  conversationId: string;
  /** The message as the transport received it, to answer it after a restart. */
  payload: string;
  at: Date;
}

/** A reply to record before sending: where it goes and what it says, as the transport's JSON. */
export interface OutboxDraft {
  target: unknown;
  body: unknown;
}

export type OutboxState = "pending" | "sending" | "delivered" | "ambiguous" | "undeliverable";

/** A recorded reply. */
export interface OutboxRow {
  id: number;
  msgId: string;
  /** Its place among its message's replies, from 0. */
  seq: number;
  target: unknown;
  body: unknown;
  state: OutboxState;
  /** Parts of a split reply already delivered. */
  partsDone: number;
  attempts: number;
  lastError: string | null;
}

/** A message recorded but not answered yet (the process stopped before the pipeline replied). */
export interface UnansweredMessage {
  msgId: string;
  conversationId: string;
  payload: string;
  receivedAt: Date;
}

/** Everything a restart has to finish. */
export interface UnfinishedWork {
  /** Messages never answered, oldest first. */
  unanswered: UnansweredMessage[];
  /** Replies not delivered, oldest first; a `sending` one was in flight when the process stopped. */
  replies: OutboxRow[];
}

/** A reply delivered recently, for re-building the per-conversation rate limit after a restart. */
export interface RecentDelivery {
  /** The transport's key for the rate limit: its target's `conversationId` and body `kind`. */
  conversationId: string | null;
  kind: string | null;
  staffId: string | null;
  /** Messages it took (parts of a split reply), at least 1. */
  parts: number;
  at: Date;
}

/** Counts for /metrics. */
export interface JournalCounts {
  unanswered: number;
  pendingReplies: number;
}

export interface MessageJournal {
  /**
   * Records a message unless its msgId is already in the inbox (within the retention window):
   * `"duplicate"` then, and nothing is written.
   */
  recordIncoming(entry: IncomingRecord): IncomingOutcome;
  /**
   * Records many messages in one transaction (a group commit: one write to the store file for
   * the lot). Returns one outcome per entry, in order: what {@link recordIncoming} would have
   * returned, or the {@link StoreError} it would have thrown — an invalid entry fails alone, a
   * store that cannot be written fails them all, and nothing of a failed transaction is kept.
   */
  recordIncomingBatch(entries: readonly IncomingRecord[]): (IncomingOutcome | StoreError)[];
  /**
   * Records a message's replies, in order, and marks the message replied, in one transaction.
   * With no drafts the message is finished at once. Returns the rows, ready to deliver.
   */
  recordReplies(msgId: string, drafts: readonly OutboxDraft[], at: Date): OutboxRow[];
  /** A send is about to start (counts the attempt). */
  markSending(id: number, at: Date): void;
  /** Parts of a split reply delivered so far. */
  markPartsDone(id: number, partsDone: number, at: Date): void;
  /** Sets a reply's final or retry state; `error` is kept (cut to 500 characters) for operators. */
  markReply(id: number, state: Exclude<OutboxState, "sending">, at: Date, error?: string): void;
  /** Every reply recorded for a message, by seq (a resumed reply checks on the ones before it). */
  repliesOf(msgId: string): OutboxRow[];
  /** Finishes a message whose replies are all delivered or given up: its payload is cleared. */
  finishMessage(msgId: string): void;
  /** What a restart has to resume. */
  unfinished(): UnfinishedWork;
  counts(): JournalCounts;
  /** Replies delivered at or after `since`, oldest first. */
  recentDeliveries(since: Date): RecentDelivery[];
  /** Deletes finished messages (and their replies) received before `before`; returns how many. */
  purgeJournal(before: Date): number;
}

const MAX_ERROR_CHARS = 500;

interface OutboxDbRow {
  id: number;
  msgId: string;
  seq: number;
  target: string;
  body: string;
  state: OutboxState;
  partsDone: number;
  attempts: number;
  lastError: string | null;
}

/** Builds the journal on an open, migrated connection (statements prepared on first use). */
export function createMessageJournal(db: Database.Database, guard: StoreGuard): MessageJournal {
  const once = <T>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const outboxColumns = `id, msg_id AS msgId, seq, target, body, state, parts_done AS partsDone, attempts, last_error AS lastError`;
  const sql = {
    insertIncoming: once(() =>
      db.prepare<[string, number, string, string]>(
        `INSERT INTO inbox (msg_id, received_at, conversation_id, payload, state) VALUES (?, ?, ?, ?, 'received')
         ON CONFLICT (msg_id) DO NOTHING`,
      ),
    ),
    insertReply: once(() =>
      db.prepare<[string, number, string, string, number, number]>(
        `INSERT INTO outbox (msg_id, seq, target, body, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
      ),
    ),
    setInboxState: once(() => db.prepare<[string, string]>(`UPDATE inbox SET state = ? WHERE msg_id = ?`)),
    finish: once(() => db.prepare<[string]>(`UPDATE inbox SET state = 'done', payload = NULL WHERE msg_id = ?`)),
    sending: once(() => db.prepare<[number, number]>(`UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?`)),
    partsDone: once(() => db.prepare<[number, number, number]>(`UPDATE outbox SET parts_done = ?, updated_at = ? WHERE id = ?`)),
    mark: once(() =>
      db.prepare<[string, number, string | null, number]>(`UPDATE outbox SET state = ?, updated_at = ?, last_error = coalesce(?, last_error) WHERE id = ?`),
    ),
    repliesOf: once(() => db.prepare<[string], OutboxDbRow>(`SELECT ${outboxColumns} FROM outbox WHERE msg_id = ? ORDER BY seq`)),
    unanswered: once(() =>
      db.prepare<[], { msgId: string; conversationId: string; payload: string | null; receivedAt: number }>(
        `SELECT msg_id AS msgId, conversation_id AS conversationId, payload, received_at AS receivedAt
           FROM inbox WHERE state = 'received' ORDER BY received_at, msg_id`,
      ),
    ),
    openReplies: once(() =>
      db.prepare<[], OutboxDbRow>(`SELECT ${outboxColumns} FROM outbox WHERE state IN ('pending', 'sending') ORDER BY id`),
    ),
    countUnanswered: once(() => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM inbox WHERE state = 'received'`)),
    countPending: once(() => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'sending')`)),
    purge: once(() => db.prepare<[number]>(`DELETE FROM inbox WHERE state = 'done' AND received_at < ?`)),
    recent: once(() =>
      db.prepare<[number], { conversationId: string | null; kind: string | null; staffId: string | null; parts: number; at: number }>(
        `SELECT json_extract(target, '$.conversationId') AS conversationId, json_extract(body, '$.kind') AS kind,
                json_extract(target, '$.senderStaffId') AS staffId, max(parts_done, 1) AS parts, updated_at AS at
           FROM outbox WHERE state = 'delivered' AND updated_at >= ? ORDER BY updated_at`,
      ),
    ),
  };

  const toRow = (r: OutboxDbRow): OutboxRow => ({ ...r, target: JSON.parse(r.target) as unknown, body: JSON.parse(r.body) as unknown });
  const ms = (d: Date, what: string): number => {
    const t = d instanceof Date ? d.getTime() : Number.NaN;
    if (!Number.isFinite(t)) throw new StoreError("STORE_INVALID_ARGUMENT", `${what} is not a valid date; nothing was written.`);
    return t;
  };

  const recordRepliesTx = db.transaction((msgId: string, drafts: readonly OutboxDraft[], t: number): OutboxRow[] => {
    // A message answered before (a resumed one whose replies were recorded by an earlier run)
    // keeps its first replies: answering twice would post twice.
    const existing = sql.repliesOf().all(msgId);
    if (existing.length > 0) return existing.map(toRow);
    drafts.forEach((d, seq) => sql.insertReply().run(msgId, seq, JSON.stringify(d.target), JSON.stringify(d.body), t, t));
    if (drafts.length === 0) sql.finish().run(msgId);
    else sql.setInboxState().run("replied", msgId);
    return sql.repliesOf().all(msgId).map(toRow);
  });

  /** An entry's arrival time, after checking its message id. */
  const checkIncoming = (entry: IncomingRecord): number => {
    if (typeof entry.msgId !== "string" || entry.msgId.length === 0 || entry.msgId.length > 256) {
      throw new StoreError("STORE_INVALID_ARGUMENT", "a message id must be 1 to 256 characters; nothing was written.");
    }
    return ms(entry.at, "the arrival time");
  };
  const insertIncoming = (entry: IncomingRecord, t: number): IncomingOutcome =>
    sql.insertIncoming().run(entry.msgId, t, entry.conversationId, entry.payload).changes === 0 ? "duplicate" : "new";
  const recordIncomingTx = db.transaction((valid: readonly { entry: IncomingRecord; t: number; at: number }[], out: (IncomingOutcome | StoreError)[]) => {
    for (const v of valid) out[v.at] = insertIncoming(v.entry, v.t);
  });

  return {
    recordIncoming(entry) {
      const t = checkIncoming(entry);
      return guard("recording an incoming message", () => insertIncoming(entry, t));
    },

    recordIncomingBatch(entries) {
      const out = new Array<IncomingOutcome | StoreError>(entries.length);
      const valid: { entry: IncomingRecord; t: number; at: number }[] = [];
      entries.forEach((entry, at) => {
        try {
          valid.push({ entry, t: checkIncoming(entry), at });
        } catch (err) {
          out[at] = err as StoreError;
        }
      });
      if (valid.length === 0) return out;
      try {
        guard(`recording ${valid.length} incoming message${valid.length === 1 ? "" : "s"}`, () => recordIncomingTx.immediate(valid, out));
      } catch (err) {
        const failed = err instanceof StoreError ? err : new StoreError("STORE_FAILED", `recording incoming messages failed: ${String(err)}`);
        for (const v of valid) out[v.at] = failed;
      }
      return out;
    },

    recordReplies(msgId, drafts, at) {
      const t = ms(at, "the reply time");
      return guard("recording replies", () => recordRepliesTx.immediate(msgId, drafts, t));
    },

    markSending(id, at) {
      const t = ms(at, "the send time");
      guard("marking a reply as sending", () => sql.sending().run(t, id));
    },

    markPartsDone(id, partsDone, at) {
      const t = ms(at, "the send time");
      guard("counting delivered parts", () => sql.partsDone().run(partsDone, t, id));
    },

    markReply(id, state, at, error) {
      const t = ms(at, "the update time");
      const cut = error === undefined ? null : error.slice(0, MAX_ERROR_CHARS);
      guard("updating a reply", () => sql.mark().run(state, t, cut, id));
    },

    repliesOf(msgId) {
      return guard("reading a message's replies", () => sql.repliesOf().all(msgId).map(toRow));
    },

    finishMessage(msgId) {
      guard("finishing a message", () => sql.finish().run(msgId));
    },

    unfinished() {
      return guard("reading unfinished messages", () => ({
        unanswered: sql
          .unanswered()
          .all()
          .filter((r): r is typeof r & { payload: string } => r.payload !== null)
          .map((r) => ({ msgId: r.msgId, conversationId: r.conversationId, payload: r.payload, receivedAt: new Date(r.receivedAt) })),
        replies: sql.openReplies().all().map(toRow),
      }));
    },

    counts() {
      return guard("counting unfinished messages", () => ({
        unanswered: sql.countUnanswered().get()?.n ?? 0,
        pendingReplies: sql.countPending().get()?.n ?? 0,
      }));
    },

    recentDeliveries(since) {
      const t = ms(since, "the start of the window");
      return guard("reading recent deliveries", () => sql.recent().all(t).map((r) => ({ ...r, at: new Date(r.at) })));
    },

    purgeJournal(before) {
      const t = ms(before, "the purge cutoff");
      return guard("purging the message journal", () => sql.purge().run(t).changes);
    },
  };
}
