/**
 * The store's schema, as an append-only list of migrations. `openStore` applies every migration
 * whose version is above the file's `PRAGMA user_version`, each in its own IMMEDIATE transaction
 * that also sets `user_version`, so a crash or an error leaves the file at the last complete
 * version and the next start resumes from there.
 *
 * To add a table (recorded questions, feedback votes, …): append `{ version: N + 1, name, sql }`
 * at the end of {@link MIGRATIONS}, then add its statements and methods in `open-store.ts`.
 * Never edit or reorder a migration that has shipped: databases in the field already ran it.
 */

/** One schema step. `sql` may hold several statements; it runs inside the migration's transaction. */
export interface Migration {
  /** 1, 2, 3, … with no gaps: the `PRAGMA user_version` the file has once this step has run. */
  readonly version: number;
  /** A few words for error messages and logs, e.g. `"merchants, users, audit"`. */
  readonly name: string;
  readonly sql: string;
}

/** Every migration, oldest first. Append only (see the module comment). */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "merchants, merchant users, audit",
    sql: `
      -- The validated record as JSON, plus the columns we query on.
      CREATE TABLE merchants (
        id          TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 32),
        name        TEXT NOT NULL,
        industry    TEXT NOT NULL,
        record      TEXT NOT NULL CHECK (json_valid(record)),
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX merchants_by_industry ON merchants (industry);

      -- Which DingTalk users act for which merchant (the access rule in merchant-record.md).
      CREATE TABLE merchant_users (
        user_id     TEXT NOT NULL,
        merchant_id TEXT NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, merchant_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX merchant_users_by_merchant ON merchant_users (merchant_id);

      -- Who asked for which merchant's checks, and whether it was allowed. Never any figures.
      -- merchant_id has no foreign key: a denied request may name a merchant that does not exist.
      CREATE TABLE audit (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        user_id     TEXT NOT NULL,
        merchant_id TEXT,
        action      TEXT NOT NULL,
        allowed     INTEGER NOT NULL CHECK (allowed IN (0, 1))
      ) STRICT;
      CREATE INDEX audit_by_user ON audit (user_id, at);
    `,
  },
  {
    version: 2,
    name: "meta salt, recorded questions, votes",
    sql: `
      -- Store-wide settings. sender_salt keys the sender hashes below; it is drawn once, here, so
      -- that a hash means nothing outside this file (and cannot be looked up from a user ID list).
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO meta (key, value) VALUES ('sender_salt', lower(hex(randomblob(16))));

      -- One row per message the bot replied to. Never a merchant's figures: the question text is
      -- kept only for fallback and clarify replies (the knowledge base's to-do list), a command
      -- only by its name, and the sender only as a salted hash. Purged after the retention period.
      -- kind is not constrained to today's reply kinds, so that a new kind needs no migration.
      CREATE TABLE questions (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        kind        TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 16),
        entry_id    TEXT CHECK (entry_id IS NULL OR length(entry_id) BETWEEN 1 AND 128),
        confidence  REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1),
        normalized  TEXT CHECK (normalized IS NULL OR (kind IN ('fallback', 'clarify') AND length(normalized) BETWEEN 1 AND 500)),
        command     TEXT CHECK (command IS NULL OR length(command) BETWEEN 1 AND 32),
        sender_hash TEXT NOT NULL CHECK (length(sender_hash) = 16)
      ) STRICT;
      CREATE INDEX questions_by_at ON questions (at);
      CREATE INDEX questions_by_normalized ON questions (normalized, at) WHERE normalized IS NOT NULL;

      -- "Helpful / not helpful" on an answer: one vote per entry and sender, the latest one wins.
      CREATE TABLE votes (
        entry_id    TEXT NOT NULL CHECK (length(entry_id) BETWEEN 1 AND 128),
        sender_hash TEXT NOT NULL CHECK (length(sender_hash) = 16),
        helpful     INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        at          TEXT NOT NULL,
        PRIMARY KEY (entry_id, sender_hash)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX votes_by_at ON votes (at);
    `,
  },
  {
    version: 3,
    name: "message journal: inbox and outbox",
    sql: `
      -- Every robot message the bot acked, recorded before the ack (docs/dingtalk-protocol.md:
      -- an acked callback is never re-sent). msg_id is the dedupe key, shared by every process on
      -- this file and kept for the retention window (24 h) after the message is finished.
      -- payload is the message as DingTalk sent it, needed to answer it after a restart; it is
      -- cleared once the message is finished, so question text is not kept longer than needed.
      -- state: received (not answered yet) → replied (its replies are in outbox) → done.
      CREATE TABLE inbox (
        msg_id          TEXT PRIMARY KEY NOT NULL CHECK (length(msg_id) BETWEEN 1 AND 256),
        received_at     INTEGER NOT NULL,
        conversation_id TEXT NOT NULL,
        payload         TEXT,
        state           TEXT NOT NULL CHECK (state IN ('received', 'replied', 'done'))
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX inbox_open ON inbox (state, received_at) WHERE state <> 'done';
      CREATE INDEX inbox_by_received ON inbox (received_at);

      -- The replies to send, recorded before the first attempt. seq orders a message's replies
      -- (a private push before the group notice that depends on it). target and body are JSON.
      -- state: pending → sending (a POST is in flight) → delivered | pending (it failed before
      -- DingTalk could have shown it) | ambiguous (the outcome is unknown: not repeated) |
      -- undeliverable (webhook expired and no 1:1 push possible, or refused for good).
      -- parts_done counts the parts of a split reply already delivered, so a resume sends the rest.
      CREATE TABLE outbox (
        id          INTEGER PRIMARY KEY,
        msg_id      TEXT NOT NULL REFERENCES inbox (msg_id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL,
        target      TEXT NOT NULL CHECK (json_valid(target)),
        body        TEXT NOT NULL CHECK (json_valid(body)),
        state       TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'ambiguous', 'undeliverable')),
        parts_done  INTEGER NOT NULL DEFAULT 0,
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT CHECK (last_error IS NULL OR length(last_error) <= 500),
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        UNIQUE (msg_id, seq)
      ) STRICT;
      CREATE INDEX outbox_open ON outbox (state, id) WHERE state IN ('pending', 'sending');
    `,
  },
  {
    version: 4,
    name: "taught phrasings",
    sql: `
      -- Phrasings support staff attached to the entry that answers them (/teach), or to no entry
      -- (off-topic, entry_id NULL). The matcher learns each one at start-up and at once when taught;
      -- \`npm run kb:taught\` exports them for review into the knowledge files. The text is the
      -- normalised question as recorded for /unanswered (numbers of 5+ digits already masked).
      CREATE TABLE taught (
        normalized  TEXT PRIMARY KEY NOT NULL CHECK (length(normalized) BETWEEN 1 AND 500),
        entry_id    TEXT CHECK (entry_id IS NULL OR length(entry_id) BETWEEN 1 AND 128),
        taught_by   TEXT NOT NULL CHECK (length(taught_by) = 16),
        at          TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: "handoffs, clarify picks",
    sql: `
      -- Conversations handed to the support staff on duty ("转人工", /handoff), until a staff
      -- member closes one with /done. Unlike the question log this keeps who asked (user_id, so
      -- staff can reach them) and what they wrote: the question and a short transcript of their
      -- last turns (their own text, and one line per reply: its kind and title or entry, never
      -- its figures). Read only by staff commands. Closed handoffs are purged after the
      -- retention period; open ones stay until closed.
      CREATE TABLE handoffs (
        id              INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL CHECK (length(conversation_id) BETWEEN 1 AND 256),
        chat            TEXT NOT NULL CHECK (chat IN ('direct', 'group')),
        user_id         TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
        user_name       TEXT CHECK (user_name IS NULL OR length(user_name) BETWEEN 1 AND 64),
        question        TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 1000),
        transcript      TEXT NOT NULL CHECK (json_valid(transcript)),
        notified        TEXT NOT NULL CHECK (json_valid(notified)),
        opened_at       TEXT NOT NULL,
        closed_at       TEXT,
        closed_by       TEXT CHECK (closed_by IS NULL OR length(closed_by) BETWEEN 1 AND 128),
        closed_by_name  TEXT CHECK (closed_by_name IS NULL OR length(closed_by_name) BETWEEN 1 AND 64),
        CHECK ((closed_at IS NULL) = (closed_by IS NULL))
      ) STRICT;
      CREATE INDEX handoffs_open ON handoffs (opened_at) WHERE closed_at IS NULL;
      CREATE INDEX handoffs_by_opened ON handoffs (opened_at);
      CREATE INDEX handoffs_by_asker ON handoffs (conversation_id, user_id) WHERE closed_at IS NULL;

      -- A clarify prompt answered by picking one of the offered entries: the normalised question
      -- (as the question log keeps it) and the entry the asker meant, a phrasing for /teach.
      -- The sender only as a salted hash. Purged with the recorded questions.
      CREATE TABLE clarify_picks (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        normalized  TEXT NOT NULL CHECK (length(normalized) BETWEEN 1 AND 500),
        entry_id    TEXT NOT NULL CHECK (length(entry_id) BETWEEN 1 AND 128),
        position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 9),
        offered     INTEGER NOT NULL CHECK (offered BETWEEN 1 AND 9),
        sender_hash TEXT NOT NULL CHECK (length(sender_hash) = 16)
      ) STRICT;
      CREATE INDEX clarify_picks_by_at ON clarify_picks (at);
      CREATE INDEX clarify_picks_by_normalized ON clarify_picks (normalized, entry_id);
    `,
  },
];
