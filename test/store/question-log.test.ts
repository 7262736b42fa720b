import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../bot/store/migrations.js";
import { openStore } from "../../bot/store/open-store.js";
import type { MerchantStore, QuestionRecord } from "../../bot/store/open-store.js";
import { makeMerchant, storeErrorCode, useStoreSandbox } from "./fixtures.js";

const sandbox = useStoreSandbox();
const { track } = sandbox;
/** A plain read-only connection, to look at what the store really wrote. */
const inspect = (path: string) => sandbox.connect(path, { readonly: true });

const saltOf = (db: Database.Database) =>
  (db.prepare("SELECT value FROM meta WHERE key = 'sender_salt'").get() as { value: string }).value;

/** A question at `iso` (with its offset), with defaults for the rest. */
function q(iso: string, overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  return { at: new Date(iso), kind: "fallback", userId: "u-1", ...overrides };
}


describe("migration 2: meta salt, questions, votes", () => {
  it("upgrades an existing version-1 file, keeping its merchants, and is idempotent", () => {
    const path = join(sandbox.dir(), "bot.db");
    const v1 = openStore(path, { migrations: MIGRATIONS.slice(0, 1) });
    expect(v1.schemaVersion).toBe(1);
    v1.upsertMerchants([makeMerchant({ id: "M1", dingtalkUserIds: ["u-a"] })]);
    v1.close();

    const upgraded = openStore(path, { migrations: MIGRATIONS.slice(0, 2) });
    expect(upgraded.schemaVersion).toBe(2);
    expect(upgraded.countMerchants()).toBe(1);
    expect(upgraded.merchantsForUser("u-a")).toEqual([{ id: "M1", name: "Test Merchant Co., Ltd." }]);
    upgraded.recordQuestion(q("2021-08-26T12:00:00+08:00", { normalized: "天气怎么样" }));
    upgraded.close();

    const again = track(openStore(path, { migrations: MIGRATIONS.slice(0, 2) }));
    expect(again.schemaVersion).toBe(2);
    expect(again.countMerchants()).toBe(1);
    const db = inspect(path);
    expect(db.prepare("SELECT count(*) FROM questions WHERE normalized = '天气怎么样'").pluck().get()).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(["audit", "merchant_users", "merchants", "meta", "questions", "votes"]);
    expect(db.prepare("SELECT count(*) FROM meta").pluck().get()).toBe(1);
  });

  it("draws one random salt per file and keeps it across reopening", () => {
    const a = join(sandbox.dir(), "a.db");
    const b = join(sandbox.dir(), "b.db");
    openStore(a).close();
    openStore(b).close();
    const saltA = saltOf(inspect(a));
    expect(saltA).toMatch(/^[0-9a-f]{32}$/);
    expect(saltOf(inspect(b))).not.toBe(saltA);

    track(openStore(a)).recordQuestion(q("2021-08-26T12:00:00+08:00"));
    expect(saltOf(inspect(a))).toBe(saltA);
  });

  it("hashes the same sender the same way after reopening", () => {
    const path = join(sandbox.dir(), "bot.db");
    const first = openStore(path);
    first.recordQuestion(q("2021-08-26T12:00:00+08:00", { userId: "u-same" }));
    first.close();
    track(openStore(path)).recordQuestion(q("2021-08-26T13:00:00+08:00", { userId: "u-same" }));
    const hashes = inspect(path).prepare("SELECT DISTINCT sender_hash FROM questions").pluck().all();
    expect(hashes).toHaveLength(1);
  });
});

describe("what is recorded", () => {
  it("keeps the sender only as hex(sha256(salt + userId)) cut to 16, never the raw ID in the file", () => {
    const path = join(sandbox.dir(), "bot.db");
    const userId = "dingtalk-user-7f3a9c-unique";
    const store = openStore(path);
    store.recordQuestion(q("2021-08-26T12:00:00+08:00", { userId, normalized: "天气怎么样" }));
    store.recordQuestion(q("2021-08-26T12:01:00+08:00", { userId, kind: "answer", entryId: "guarantee-exit", confidence: 0.9 }));
    store.recordVote({ entryId: "guarantee-exit", userId, helpful: false, at: new Date("2021-08-26T12:02:00+08:00") });
    store.close();

    const db = inspect(path);
    const expected = createHash("sha256").update(saltOf(db) + userId).digest("hex").slice(0, 16);
    expect(db.prepare("SELECT DISTINCT sender_hash FROM questions").pluck().all()).toEqual([expected]);
    expect(db.prepare("SELECT sender_hash FROM votes").pluck().all()).toEqual([expected]);
    db.close();

    for (const file of [path, `${path}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(userId, "utf8")), file).toBe(false);
    }
  });

  it("keeps the question text for fallback and clarify only, and a command by its name only", () => {
    const path = join(sandbox.dir(), "bot.db");
    const store = track(openStore(path));
    const at = "2021-08-26T12:00:00+08:00";
    store.recordQuestion(q(at, { kind: "answer", normalized: "保障升级服务多久能退出", entryId: "guarantee-exit", confidence: 0.9 }));
    store.recordQuestion(q(at, { kind: "command", normalized: "score m10001", command: "/score M10001" }));
    store.recordQuestion(q(at, { kind: "denied", normalized: "search 退出", command: "search" }));
    store.recordQuestion(q(at, { kind: "error", normalized: "太长了" }));
    store.recordQuestion(q(at, { kind: "fallback", normalized: "今天天气", confidence: 0.1 }));
    store.recordQuestion(q(at, { kind: "clarify", normalized: "入驻", confidence: 0.3, entryId: "factory-join" }));

    const rows = inspect(path)
      .prepare("SELECT kind, normalized, command, entry_id AS entryId, confidence, day FROM questions ORDER BY id")
      .all();
    expect(rows).toEqual([
      { kind: "answer", normalized: null, command: null, entryId: "guarantee-exit", confidence: 0.9, day: "2021-08-26" },
      { kind: "command", normalized: null, command: "score", entryId: null, confidence: null, day: "2021-08-26" },
      { kind: "denied", normalized: null, command: "search", entryId: null, confidence: null, day: "2021-08-26" },
      { kind: "error", normalized: null, command: null, entryId: null, confidence: null, day: "2021-08-26" },
      { kind: "fallback", normalized: "今天天气", command: null, entryId: null, confidence: 0.1, day: "2021-08-26" },
      { kind: "clarify", normalized: "入驻", command: null, entryId: "factory-join", confidence: 0.3, day: "2021-08-26" },
    ]);
  });

  it("masks long numbers, caps the text at 500 characters and rounds the confidence", () => {
    const path = join(sandbox.dir(), "bot.db");
    const store = track(openStore(path));
    const at = "2021-08-26T12:00:00+08:00";
    store.recordQuestion(q(at, { normalized: "订单 12345678 赔 1,000,000 美元 2021 年 90 天", confidence: 0.123456 }));
    store.recordQuestion(q(at, { normalized: `${"问".repeat(499)}𠀀𠀀尾` }));
    store.recordQuestion(q(at, { normalized: "   " }));
    const rows = inspect(path).prepare("SELECT normalized, confidence FROM questions ORDER BY id").all() as Array<{
      normalized: string | null;
      confidence: number | null;
    }>;
    expect(rows[0]).toEqual({ normalized: "订单 # 赔 # 美元 2021 年 90 天", confidence: 0.123 });
    expect(Array.from(rows[1]?.normalized ?? "")).toHaveLength(500);
    expect(rows[1]?.normalized?.endsWith("问𠀀")).toBe(true);
    expect(rows[2]?.normalized).toBeNull();
  });

  it("refuses invalid dates and kinds with STORE_INVALID_ARGUMENT, and fails STORE_CLOSED after close", () => {
    const store = openStore(":memory:");
    expect(storeErrorCode(() => store.recordQuestion(q("not a date")))).toBe("STORE_INVALID_ARGUMENT");
    expect(storeErrorCode(() => store.recordQuestion(q("2021-08-26T12:00:00Z", { kind: "DROP TABLE" as never })))).toBe(
      "STORE_INVALID_ARGUMENT",
    );
    expect(storeErrorCode(() => store.listUnanswered({ since: new Date(Number.NaN) }))).toBe("STORE_INVALID_ARGUMENT");
    expect(storeErrorCode(() => store.purgeQuestions(new Date("1960-01-01T00:00:00Z")))).toBe("STORE_INVALID_ARGUMENT");
    expect(
      storeErrorCode(() => store.recordVote({ entryId: " ", userId: "u", helpful: true, at: new Date("2021-08-26T12:00:00Z") })),
    ).toBe("STORE_INVALID_ARGUMENT");
    store.close();
    expect(storeErrorCode(() => store.recordQuestion(q("2021-08-26T12:00:00Z")))).toBe("STORE_CLOSED");
    expect(storeErrorCode(() => store.questionStats({ since: new Date("2021-08-01T00:00:00Z") }))).toBe("STORE_CLOSED");
  });

  it("treats hostile text as plain values", () => {
    const store = track(openStore(":memory:"));
    const hostile = "'); DROP TABLE questions; --";
    store.recordQuestion(q("2021-08-26T12:00:00Z", { normalized: hostile, entryId: hostile, userId: hostile }));
    store.recordVote({ entryId: hostile, userId: hostile, helpful: false, at: new Date("2021-08-26T12:00:00Z") });
    const [row] = store.listUnanswered({ since: new Date("2021-08-01T00:00:00Z") });
    expect(row).toMatchObject({ normalized: hostile, nearestEntryId: hostile });
  });
});

describe("listUnanswered", () => {
  let store: MerchantStore;
  const since = new Date("2021-08-20T00:00:00+08:00");

  beforeEach(() => {
    store = track(openStore(":memory:"));
    // Before the window: must never count.
    store.recordQuestion(q("2021-08-19T23:59:59+08:00", { normalized: "天气", userId: "u-1" }));
    // 天气: three fallbacks from two senders; the nearest entry changes, the latest wins.
    store.recordQuestion(q("2021-08-21T10:00:00+08:00", { normalized: "天气", entryId: "a", confidence: 0.05, userId: "u-1" }));
    store.recordQuestion(q("2021-08-22T10:00:00+08:00", { normalized: "天气", entryId: "b", confidence: 0.07, userId: "u-2" }));
    store.recordQuestion(q("2021-08-23T10:00:00+08:00", { normalized: "天气", entryId: "c", confidence: 0.02, userId: "u-1" }));
    // 入驻: two low clarifies; one confident clarify that does not count by default.
    store.recordQuestion(q("2021-08-24T10:00:00+08:00", { kind: "clarify", normalized: "入驻", entryId: "join", confidence: 0.3 }));
    store.recordQuestion(q("2021-08-24T11:00:00+08:00", { kind: "clarify", normalized: "入驻", entryId: "join", confidence: 0.6 }));
    store.recordQuestion(q("2021-08-24T12:00:00+08:00", { kind: "fallback", normalized: "入驻", entryId: "join2", confidence: 0.2 }));
    // Two asked twice each: the more recent one first.
    store.recordQuestion(q("2021-08-21T09:00:00+08:00", { normalized: "股票" }));
    store.recordQuestion(q("2021-08-21T09:30:00+08:00", { normalized: "股票" }));
    // Once each; a confident clarify only.
    store.recordQuestion(q("2021-08-25T09:00:00+08:00", { normalized: "汇率" }));
    store.recordQuestion(q("2021-08-25T09:00:00+08:00", { kind: "clarify", normalized: "信保", confidence: 0.8 }));
    // Answers never appear, even with the same text.
    store.recordQuestion(q("2021-08-25T10:00:00+08:00", { kind: "answer", normalized: "天气", entryId: "x", confidence: 0.9 }));
  });

  it("groups by question, most asked first, then most recent, with the latest nearest entry", () => {
    const rows = store.listUnanswered({ since });
    expect(rows.map((r) => [r.normalized, r.count])).toEqual([
      ["天气", 3],
      ["入驻", 2],
      ["股票", 2],
      ["汇率", 1],
    ]);
    expect(rows[0]).toEqual({
      id: expect.any(Number) as number,
      normalized: "天气",
      count: 3,
      distinctSenders: 2,
      firstSeen: "2021-08-21T02:00:00.000Z",
      lastSeen: "2021-08-23T02:00:00.000Z",
      nearestEntryId: "c",
      nearestConfidence: 0.02,
      kinds: { fallback: 3, clarify: 0 },
      picked: null,
    });
    expect(rows[1]).toMatchObject({ nearestEntryId: "join2", nearestConfidence: 0.2, kinds: { fallback: 1, clarify: 1 } });
    // The id is the latest occurrence's, the one /teach refers to.
    expect(store.recordedQuestion(rows[0]!.id)).toBe("天气");
  });

  it("counts clarifies only below maxClarifyConfidence", () => {
    const loose = store.listUnanswered({ since, maxClarifyConfidence: 0.7 });
    expect(loose.find((r) => r.normalized === "入驻")).toMatchObject({ count: 3, kinds: { fallback: 1, clarify: 2 } });
    expect(loose.some((r) => r.normalized === "信保")).toBe(false);
    const all = store.listUnanswered({ since, maxClarifyConfidence: 1 });
    expect(all.find((r) => r.normalized === "信保")).toMatchObject({ count: 1 });
  });

  it("honours since and limit", () => {
    expect(store.listUnanswered({ since, limit: 2 }).map((r) => r.normalized)).toEqual(["天气", "入驻"]);
    const earlier = store.listUnanswered({ since: new Date("2021-08-19T00:00:00+08:00") });
    expect(earlier[0]).toMatchObject({ normalized: "天气", count: 4, firstSeen: "2021-08-19T15:59:59.000Z" });
    expect(store.listUnanswered({ since: new Date("2021-08-26T00:00:00+08:00") })).toEqual([]);
  });
});

describe("questionStats", () => {
  it("counts per Asia/Shanghai day: 23:30 and 00:10 the next morning are two days", () => {
    const store = track(openStore(":memory:"));
    // Both are 2021-08-26 in UTC.
    store.recordQuestion(q("2021-08-26T23:30:00+08:00", { kind: "answer", entryId: "guarantee-exit", confidence: 0.9 }));
    store.recordQuestion(q("2021-08-27T00:10:00+08:00", { kind: "command", command: "score" }));
    const stats = store.questionStats({ since: new Date("2021-08-26T00:00:00+08:00") });
    expect(stats.perDay).toEqual([
      { day: "2021-08-26", total: 1, answer: 1, clarify: 0, fallback: 0, command: 0, other: 0 },
      { day: "2021-08-27", total: 1, answer: 0, clarify: 0, fallback: 0, command: 1, other: 0 },
    ]);
  });

  it("gives totals by kind, the most answered entries and the least liked ones, within the window", () => {
    const store = track(openStore(":memory:"));
    const day = (h: number) => `2021-08-26T${String(h).padStart(2, "0")}:00:00+08:00`;
    store.recordQuestion(q("2021-08-01T12:00:00+08:00", { kind: "answer", entryId: "old" }));
    for (const h of [8, 9, 10]) store.recordQuestion(q(day(h), { kind: "answer", entryId: "a", confidence: 0.9 }));
    for (const h of [11, 12]) store.recordQuestion(q(day(h), { kind: "answer", entryId: "b", confidence: 0.8 }));
    store.recordQuestion(q(day(13), { kind: "clarify", entryId: "c", confidence: 0.3, normalized: "入驻" }));
    store.recordQuestion(q(day(14), { kind: "fallback", entryId: "c", confidence: 0.1, normalized: "天气" }));
    store.recordQuestion(q(day(15), { kind: "denied", command: "search" }));
    store.recordQuestion(q(day(16), { kind: "error" }));
    const at = new Date(day(17));
    store.recordVote({ entryId: "a", userId: "u-1", helpful: false, at });
    store.recordVote({ entryId: "a", userId: "u-2", helpful: true, at });
    store.recordVote({ entryId: "b", userId: "u-1", helpful: false, at });
    store.recordVote({ entryId: "b", userId: "u-2", helpful: false, at });
    store.recordVote({ entryId: "c", userId: "u-1", helpful: true, at });
    store.recordVote({ entryId: "old", userId: "u-1", helpful: false, at: new Date("2021-08-01T12:00:00+08:00") });

    const stats = store.questionStats({ since: new Date("2021-08-20T00:00:00+08:00") });
    expect(stats.total).toBe(9);
    expect(stats.byKind).toEqual({ answer: 5, clarify: 1, fallback: 1, command: 0, denied: 1, error: 1 });
    expect(stats.perDay).toEqual([{ day: "2021-08-26", total: 9, answer: 5, clarify: 1, fallback: 1, command: 0, other: 2 }]);
    expect(stats.topEntries).toEqual([
      { entryId: "a", count: 3 },
      { entryId: "b", count: 2 },
    ]);
    expect(stats.unhelpful).toEqual([
      { entryId: "b", down: 2, up: 0 },
      { entryId: "a", down: 1, up: 1 },
    ]);
    expect(store.questionStats({ since: new Date("2021-08-20T00:00:00+08:00"), topEntries: 1 }).topEntries).toEqual([
      { entryId: "a", count: 3 },
    ]);
  });

  it("is all zeros on an empty store", () => {
    const store = track(openStore(":memory:"));
    expect(store.questionStats({ since: new Date("2021-08-20T00:00:00Z") })).toEqual({
      total: 0,
      byKind: { answer: 0, clarify: 0, fallback: 0, command: 0, denied: 0, error: 0 },
      perDay: [],
      topEntries: [],
      unhelpful: [],
      votes: { up: 0, down: 0 },
      picks: 0,
    });
  });
});

describe("recordVote", () => {
  it("keeps one vote per entry and user: recorded, unchanged, changed", () => {
    const store = track(openStore(":memory:"));
    const at = new Date("2021-08-26T12:00:00+08:00");
    const vote = (entryId: string, userId: string, helpful: boolean) => store.recordVote({ entryId, userId, helpful, at });
    expect(vote("a", "u-1", true)).toBe("recorded");
    expect(vote("a", "u-1", true)).toBe("unchanged");
    expect(vote("a", "u-1", false)).toBe("changed");
    expect(vote("a", "u-1", false)).toBe("unchanged");
    expect(vote("a", "u-2", false)).toBe("recorded");
    expect(vote("b", "u-1", false)).toBe("recorded");
    const { unhelpful } = store.questionStats({ since: new Date("2021-08-01T00:00:00Z") });
    expect(unhelpful).toEqual([
      { entryId: "a", down: 2, up: 0 },
      { entryId: "b", down: 1, up: 0 },
    ]);
  });
});

describe("purgeQuestions", () => {
  it("deletes only questions before the cutoff, and keeps the votes", () => {
    const store = track(openStore(":memory:"));
    store.recordQuestion(q("2021-05-01T12:00:00+08:00", { normalized: "旧问题" }));
    store.recordQuestion(q("2021-05-27T11:59:59+08:00", { normalized: "旧问题" }));
    store.recordQuestion(q("2021-05-27T12:00:00+08:00", { normalized: "边界" }));
    store.recordQuestion(q("2021-08-26T12:00:00+08:00", { normalized: "新问题" }));
    store.recordVote({ entryId: "a", userId: "u-1", helpful: false, at: new Date("2021-05-01T12:00:00+08:00") });

    const cutoff = new Date("2021-05-27T12:00:00+08:00"); // 90 days before 2021-08-25 noon
    expect(store.purgeQuestions(cutoff)).toBe(2);
    expect(store.purgeQuestions(cutoff)).toBe(0);
    const all = new Date("2021-01-01T00:00:00Z");
    expect(store.listUnanswered({ since: all }).map((r) => r.normalized).sort()).toEqual(["新问题", "边界"].sort());
    expect(store.questionStats({ since: all }).unhelpful).toEqual([{ entryId: "a", down: 1, up: 0 }]);
  });
});
