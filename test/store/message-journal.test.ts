import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../bot/store/open-store.js";
import { isStoreError } from "../../bot/store/store-error.js";
import { storeErrorCode, useStoreSandbox } from "./fixtures.js";

const sandbox = useStoreSandbox();
const T0 = new Date("2026-12-01T08:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

function open(name = "bot.db") {
  return sandbox.track(openStore(join(sandbox.dir(), name)));
}

/** The code of a batch outcome that is an error (a {@link StoreError}), else the outcome. */
const codeOf = (o: unknown) => (isStoreError(o) ? o.code : o);

const incoming = (msgId: string, at = T0) => ({ msgId, conversationId: "cid-1", payload: `{"msgId":"${msgId}"}`, at });

describe("message journal", () => {
  it("records a message once: the same msgId is a duplicate, also after reopening the file", () => {
    const store = open();
    expect(store.recordIncoming(incoming("m1"))).toBe("new");
    expect(store.recordIncoming(incoming("m1"))).toBe("duplicate");
    store.close();
    const reopened = open();
    expect(reopened.recordIncoming(incoming("m1"))).toBe("duplicate");
    expect(reopened.recordIncoming(incoming("m2"))).toBe("new");
  });

  it("records a batch in one transaction, one outcome per entry: new, duplicate (also within the batch), or the entry's own error", () => {
    const store = open();
    store.recordIncoming(incoming("old"));
    const out = store.recordIncomingBatch([incoming("a"), incoming("old"), incoming(""), incoming("b"), incoming("a"), incoming("c", new Date(Number.NaN))]);
    expect(out.slice(0, 2)).toEqual(["new", "duplicate"]);
    expect(codeOf(out[2])).toBe("STORE_INVALID_ARGUMENT");
    expect(out.slice(3, 5)).toEqual(["new", "duplicate"]);
    expect(codeOf(out[5])).toBe("STORE_INVALID_ARGUMENT");
    expect(store.unfinished().unanswered.map((m) => m.msgId).sort()).toEqual(["a", "b", "old"]);
    expect(store.recordIncomingBatch([])).toEqual([]);
  });

  it("a batch the store cannot write fails every entry and keeps none of them", () => {
    const path = join(sandbox.dir(), "locked.db");
    const store = sandbox.track(openStore(path, { busyTimeoutMs: 20 }));
    const other = sandbox.track(openStore(path));
    // Another connection holds the write lock (a transaction that has not committed).
    const raw = sandbox.connect(path);
    raw.exec("BEGIN IMMEDIATE");
    try {
      const out = store.recordIncomingBatch([incoming("x"), incoming("y")]);
      expect(out.map(codeOf)).toEqual(["STORE_LOCKED", "STORE_LOCKED"]);
    } finally {
      raw.exec("ROLLBACK");
    }
    expect(other.unfinished().unanswered).toEqual([]);
  });

  it("is shared by two connections on one file (two processes dedupe against each other)", () => {
    const a = open();
    const b = open();
    expect(a.recordIncoming(incoming("m1"))).toBe("new");
    expect(b.recordIncoming(incoming("m1"))).toBe("duplicate");
  });

  it("lists unanswered messages and undelivered replies for a restart, and forgets them once finished", () => {
    const store = open();
    store.recordIncoming(incoming("unanswered"));
    store.recordIncoming(incoming("replied"));
    const rows = store.recordReplies("replied", [{ target: { to: "push" }, body: { text: "a" } }, { target: { to: "group" }, body: { text: "b" } }], later(10));
    expect(rows.map((r) => [r.seq, r.state, r.body])).toEqual([
      [0, "pending", { text: "a" }],
      [1, "pending", { text: "b" }],
    ]);
    store.markSending(rows[0]!.id, later(20));
    store.markReply(rows[0]!.id, "delivered", later(30));
    store.close();

    const reopened = open();
    const work = reopened.unfinished();
    expect(work.unanswered.map((m) => [m.msgId, m.payload, m.receivedAt.toISOString()])).toEqual([["unanswered", '{"msgId":"unanswered"}', T0.toISOString()]]);
    expect(work.replies.map((r) => [r.msgId, r.seq, r.state])).toEqual([["replied", 1, "pending"]]);
    expect(reopened.counts()).toEqual({ unanswered: 1, pendingReplies: 1 });

    reopened.markReply(rows[1]!.id, "delivered", later(40));
    reopened.finishMessage("replied");
    expect(reopened.unfinished().replies).toEqual([]);
  });

  it("keeps a reply that was in flight as 'sending', with its attempts and delivered parts", () => {
    const store = open();
    store.recordIncoming(incoming("m1"));
    const [row] = store.recordReplies("m1", [{ target: {}, body: {} }], T0);
    store.markSending(row!.id, T0);
    store.markPartsDone(row!.id, 2, T0);
    const [open1] = store.unfinished().replies;
    expect(open1).toMatchObject({ state: "sending", attempts: 1, partsDone: 2 });
  });

  it("a message answered a second time (resumed after a restart) keeps its first replies", () => {
    const store = open();
    store.recordIncoming(incoming("m1"));
    const first = store.recordReplies("m1", [{ target: {}, body: { text: "first" } }], T0);
    const second = store.recordReplies("m1", [{ target: {}, body: { text: "second" } }], later(5));
    expect(second.map((r) => [r.id, r.body])).toEqual(first.map((r) => [r.id, r.body]));
  });

  it("finishes a message with no replies at once, and clears the payload of finished messages", () => {
    const store = open();
    store.recordIncoming(incoming("dropped"));
    store.recordReplies("dropped", [], T0);
    const work = store.unfinished();
    expect(work.unanswered).toEqual([]);
    const raw = sandbox.connect(store.path);
    expect(raw.prepare("SELECT state, payload FROM inbox WHERE msg_id = 'dropped'").get()).toEqual({ state: "done", payload: null });
  });

  it("purges finished messages past the window only; a purged msgId is new again", () => {
    const store = open();
    store.recordIncoming(incoming("old-done", T0));
    store.recordReplies("old-done", [], T0);
    store.recordIncoming(incoming("old-open", T0));
    store.recordIncoming(incoming("recent", later(25 * 3_600_000)));
    store.recordReplies("recent", [], later(25 * 3_600_000));
    expect(store.purgeJournal(later(24 * 3_600_000))).toBe(1);
    expect(store.recordIncoming(incoming("old-done"))).toBe("new");
    expect(store.recordIncoming(incoming("old-open"))).toBe("duplicate");
    expect(store.recordIncoming(incoming("recent"))).toBe("duplicate");
  });

  it("refuses an empty msgId or an invalid date, writing nothing", () => {
    const store = open();
    expect(storeErrorCode(() => store.recordIncoming(incoming("")))).toBe("STORE_INVALID_ARGUMENT");
    expect(storeErrorCode(() => store.recordIncoming(incoming("m1", new Date(Number.NaN))))).toBe("STORE_INVALID_ARGUMENT");
    expect(store.counts()).toEqual({ unanswered: 0, pendingReplies: 0 });
  });

  it("cuts a long error text to 500 characters", () => {
    const store = open();
    store.recordIncoming(incoming("m1"));
    const [row] = store.recordReplies("m1", [{ target: {}, body: {} }], T0);
    store.markReply(row!.id, "pending", T0, "x".repeat(2000));
    expect(store.unfinished().replies[0]!.lastError).toHaveLength(500);
  });

  it("lists recent deliveries with their conversation, kind and parts, for the rate limit after a restart", () => {
    const store = open();
    store.recordIncoming(incoming("m1"));
    const [push, group] = store.recordReplies(
      "m1",
      [
        { target: { conversationId: "cid-1", senderStaffId: "s1" }, body: { kind: "private" } },
        { target: { conversationId: "cid-1", senderStaffId: "s1" }, body: { kind: "conversation" } },
      ],
      T0,
    );
    store.markReply(push!.id, "delivered", later(1_000));
    store.markPartsDone(group!.id, 3, later(2_000));
    store.markReply(group!.id, "delivered", later(2_000));
    expect(store.recentDeliveries(later(1_500)).map((d) => [d.conversationId, d.kind, d.staffId, d.parts, d.at.getTime()])).toEqual([
      ["cid-1", "conversation", "s1", 3, later(2_000).getTime()],
    ]);
    expect(store.recentDeliveries(T0)).toHaveLength(2);
  });
});
