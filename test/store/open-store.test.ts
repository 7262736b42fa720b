import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../bot/store/migrations.js";
import type { Migration } from "../../bot/store/migrations.js";
import { openStore } from "../../bot/store/open-store.js";
import type { MerchantStore } from "../../bot/store/open-store.js";
import { isStoreError } from "../../bot/store/store-error.js";
import { makeMerchant, rfq, storeErrorCode, useStoreSandbox } from "./fixtures.js";

const sandbox = useStoreSandbox();
const { track } = sandbox;
/** A second, plain connection, the way another process would hold the file. */
const rawConnection = (path: string) => sandbox.connect(path);

describe("openStore: schema and migrations", () => {
  it("creates the parent directory and migrates to the latest version", () => {
    const path = join(sandbox.dir(), "nested", "deeper", "bot.db");
    const store = track(openStore(path));
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.countMerchants()).toBe(0);
    expect(store.path).toBe(path);
  });

  it("is idempotent: opening twice keeps the data and the version", () => {
    const path = join(sandbox.dir(), "bot.db");
    const first = openStore(path);
    first.upsertMerchants([makeMerchant({ id: "M1" })]);
    first.close();
    const second = track(openStore(path));
    expect(second.schemaVersion).toBe(MIGRATIONS.length);
    expect(second.countMerchants()).toBe(1);
  });

  it("uses WAL mode, so that readers never wait for the writer", () => {
    const path = join(sandbox.dir(), "bot.db");
    track(openStore(path, { busyTimeoutMs: 1234 }));
    const db = rawConnection(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
  });

  it("applies an appended migration once, on the next start", () => {
    const path = join(sandbox.dir(), "bot.db");
    openStore(path).close();
    const next: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: "feedback", sql: "CREATE TABLE feedback (id INTEGER PRIMARY KEY, vote INTEGER NOT NULL) STRICT;" },
    ];
    const upgraded = openStore(path, { migrations: next });
    expect(upgraded.schemaVersion).toBe(MIGRATIONS.length + 1);
    upgraded.close();
    // Running it again would fail on CREATE TABLE; the version check skips it.
    const again = track(openStore(path, { migrations: next }));
    expect(again.schemaVersion).toBe(MIGRATIONS.length + 1);
  });

  it("rolls back a failing migration and leaves the file at the previous version", () => {
    const path = join(sandbox.dir(), "bot.db");
    const store = openStore(path);
    store.upsertMerchants([makeMerchant({ id: "M1" })]);
    store.close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      // The first statement succeeds, the second fails: neither may remain.
      { version: MIGRATIONS.length + 1, name: "broken", sql: "CREATE TABLE half (a); CREATE TABLE merchants (a);" },
    ];
    expect(storeErrorCode(() => openStore(path, { migrations: broken }))).toBe("STORE_MIGRATION_FAILED");

    const reopened = track(openStore(path));
    expect(reopened.schemaVersion).toBe(MIGRATIONS.length);
    expect(reopened.countMerchants()).toBe(1);
    const db = rawConnection(path);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
  });

  it("rejects a migration list whose versions are out of order", () => {
    const bad: Migration[] = [{ version: 2, name: "gap", sql: "SELECT 1;" }];
    expect(storeErrorCode(() => openStore(":memory:", { migrations: bad }))).toBe("STORE_MIGRATION_FAILED");
  });

  it("refuses a file migrated by a newer bot (STORE_TOO_NEW)", () => {
    const path = join(sandbox.dir(), "bot.db");
    openStore(path).close();
    const db = rawConnection(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(storeErrorCode(() => openStore(path))).toBe("STORE_TOO_NEW");
  });

  it("supports :memory:", () => {
    const store = track(openStore(":memory:"));
    store.upsertMerchants([makeMerchant({ id: "M1" })]);
    expect(store.getMerchant("M1")?.id).toBe("M1");
  });
});

describe("merchants, peers and user bindings", () => {
  let store: MerchantStore;
  beforeEach(() => {
    store = track(openStore(join(sandbox.dir(), "bot.db")));
  });

  it("upserts, reads back the same record, and counts inserted vs updated", () => {
    const a = makeMerchant({ id: "M1", rfq: rfq(10), penalties: [], category: null });
    const b = makeMerchant({ id: "M2", name: "Second Co.", industry: "家居园艺" });
    expect(store.upsertMerchants([a, b])).toEqual({ inserted: 2, updated: 0 });
    expect(store.getMerchant("M1")).toEqual(a);
    expect(store.getMerchant("M2")).toEqual(b);
    expect(store.getMerchant("M3")).toBeUndefined();
    expect(store.countMerchants()).toBe(2);

    expect(store.upsertMerchants([{ ...a, name: "Renamed Co." }, makeMerchant({ id: "M3" })])).toEqual({
      inserted: 1,
      updated: 1,
    });
    expect(store.getMerchant("M1")?.name).toBe("Renamed Co.");
    expect(store.countMerchants()).toBe(3);
  });

  it("lists peers of the same industry only, ordered by id", () => {
    store.upsertMerchants([
      makeMerchant({ id: "M3", industry: "五金工具", rfq: rfq(3) }),
      makeMerchant({ id: "M1", industry: "五金工具", rfq: rfq(1) }),
      makeMerchant({ id: "M2", industry: "家居园艺" }),
    ]);
    expect(store.listPeers("五金工具").map((m) => m.id)).toEqual(["M1", "M3"]);
    expect(store.listPeers("家居园艺").map((m) => m.id)).toEqual(["M2"]);
    expect(store.listPeers("服装")).toEqual([]);
  });

  it("moves a merchant to another industry's peers on update", () => {
    store.upsertMerchants([makeMerchant({ id: "M1", industry: "五金工具" })]);
    store.upsertMerchants([makeMerchant({ id: "M1", industry: "机械" })]);
    expect(store.listPeers("五金工具")).toEqual([]);
    expect(store.listPeers("机械").map((m) => m.id)).toEqual(["M1"]);
  });

  it("maps users to merchants, and a user left out on update loses access", () => {
    store.upsertMerchants([
      makeMerchant({ id: "M1", name: "One", dingtalkUserIds: ["u-a", "u-b"] }),
      makeMerchant({ id: "M2", name: "Two", dingtalkUserIds: ["u-b"] }),
    ]);
    expect(store.merchantsForUser("u-a")).toEqual([{ id: "M1", name: "One" }]);
    expect(store.merchantsForUser("u-b")).toEqual([
      { id: "M1", name: "One" },
      { id: "M2", name: "Two" },
    ]);
    expect(store.merchantsForUser("u-nobody")).toEqual([]);

    store.upsertMerchants([makeMerchant({ id: "M1", name: "One", dingtalkUserIds: ["u-a"] })]);
    expect(store.merchantsForUser("u-b")).toEqual([{ id: "M2", name: "Two" }]);
    expect(store.merchantsForUser("u-a")).toEqual([{ id: "M1", name: "One" }]);
  });

  it("tolerates a user listed twice in one record", () => {
    store.upsertMerchants([makeMerchant({ id: "M1", dingtalkUserIds: ["u-a", "u-a"] })]);
    expect(store.merchantsForUser("u-a")).toHaveLength(1);
  });

  it.each([
    ["an SQL injection", "M1' OR '1'='1"],
    ["a path traversal", "../../etc/passwd"],
    ["the empty string", ""],
    ["33 characters", "M".repeat(33)],
    ["unicode", "M１"],
    ["Chinese", "商家1"],
    ["a trailing newline", "M1\n"],
    ["a space", "M1 "],
    ["a percent wildcard", "M%"],
  ])("getMerchant(%s) is undefined without a query", (_label, id) => {
    store.upsertMerchants([makeMerchant({ id: "M1" })]);
    expect(store.getMerchant(id)).toBeUndefined();
  });

  it("getMerchant accepts exactly 32 characters", () => {
    const id = "M".repeat(32);
    store.upsertMerchants([makeMerchant({ id })]);
    expect(store.getMerchant(id)?.id).toBe(id);
  });

  it("treats hostile industry and user strings as plain values", () => {
    store.upsertMerchants([makeMerchant({ id: "M1", dingtalkUserIds: ["u-a"] })]);
    expect(store.listPeers("x' OR '1'='1")).toEqual([]);
    expect(store.merchantsForUser("' OR 1=1 --")).toEqual([]);
    expect(store.countMerchants()).toBe(1);
  });

  it("rejects an invalid record or a repeated id before writing anything", () => {
    store.upsertMerchants([makeMerchant({ id: "M1" })]);
    const bad = { ...makeMerchant({ id: "M2" }), extra: 1 } as ReturnType<typeof makeMerchant>;
    expect(storeErrorCode(() => store.upsertMerchants([makeMerchant({ id: "M3" }), bad]))).toBe(
      "STORE_INVALID_RECORD",
    );
    expect(storeErrorCode(() => store.upsertMerchants([makeMerchant({ id: "M4" }), makeMerchant({ id: "M4" })]))).toBe(
      "STORE_INVALID_RECORD",
    );
    expect(store.countMerchants()).toBe(1);
  });

  it("records audit entries without figures, newest first", () => {
    const at = new Date("2021-08-26T04:00:00Z");
    store.recordAudit({ at, userId: "u-a", merchantId: "M1", action: "/score", allowed: true });
    store.recordAudit({ at, userId: "u-b", merchantId: "M1' OR '1'='1", action: "/score", allowed: false });
    store.recordAudit({ at, userId: "u-c", merchantId: null, action: "/appeal", allowed: false });
    const rows = store.listAudit(2);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ at: at.toISOString(), userId: "u-c", merchantId: null, action: "/appeal", allowed: false });
    expect(rows[1]).toMatchObject({ userId: "u-b", merchantId: "M1' OR '1'='1", allowed: false });
    expect(store.listAudit()).toHaveLength(3);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(["action", "allowed", "at", "id", "merchantId", "userId"]);
  });

  it("throws STORE_CLOSED after close, and close twice is safe", () => {
    store.close();
    store.close();
    expect(storeErrorCode(() => store.countMerchants())).toBe("STORE_CLOSED");
    expect(storeErrorCode(() => store.getMerchant("M1"))).toBe("STORE_CLOSED");
  });
});

describe("failures: a StoreError with a stable code, and never a partial write", () => {
  it("reports a file that is not a database as STORE_CORRUPT and leaves it untouched", () => {
    const path = join(sandbox.dir(), "bot.db");
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));
    writeFileSync(path, garbage);
    let caught: unknown;
    try {
      openStore(path);
    } catch (err) {
      caught = err;
    }
    expect(isStoreError(caught, "STORE_CORRUPT")).toBe(true);
    expect((caught as Error).message).toMatch(/not a SQLite database/);
    expect((caught as Error).message).toMatch(/DATABASE_PATH/);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it("reports a write blocked by another connection's transaction as STORE_LOCKED, with nothing written", () => {
    const path = join(sandbox.dir(), "bot.db");
    const store = track(openStore(path, { busyTimeoutMs: 50 }));
    store.upsertMerchants([makeMerchant({ id: "M1" })]);

    const other = rawConnection(path);
    other.exec("BEGIN IMMEDIATE");
    const started = Date.now();
    let caught: unknown;
    try {
      store.upsertMerchants([makeMerchant({ id: "M2" }), makeMerchant({ id: "M3" })]);
    } catch (err) {
      caught = err;
    }
    expect(isStoreError(caught, "STORE_LOCKED")).toBe(true);
    expect((caught as Error).message).toMatch(/locked by another process/);
    expect(Date.now() - started).toBeLessThan(3_000);
    // Readers are not blocked in WAL mode.
    expect(store.countMerchants()).toBe(1);
    other.exec("ROLLBACK");

    expect(store.countMerchants()).toBe(1);
    expect(store.getMerchant("M2")).toBeUndefined();
    expect(store.upsertMerchants([makeMerchant({ id: "M2" })])).toEqual({ inserted: 1, updated: 0 });
  });

  it("reports an exclusively locked file at open as STORE_LOCKED", () => {
    const path = join(sandbox.dir(), "bot.db");
    const other = rawConnection(path);
    other.exec("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);");
    expect(storeErrorCode(() => openStore(path, { busyTimeoutMs: 50 }))).toBe("STORE_LOCKED");
    other.exec("COMMIT");
    expect(track(openStore(path)).schemaVersion).toBe(MIGRATIONS.length);
  });

  it("reports a parent path that is a file as STORE_UNWRITABLE", () => {
    const file = join(sandbox.dir(), "not-a-dir");
    writeFileSync(file, "x");
    let caught: unknown;
    try {
      openStore(join(file, "bot.db"));
    } catch (err) {
      caught = err;
    }
    expect(isStoreError(caught, "STORE_UNWRITABLE")).toBe(true);
    expect((caught as Error).message).toMatch(/DATABASE_PATH/);
  });

  it("reports a database path that is a directory as STORE_UNWRITABLE", () => {
    const dir = join(sandbox.dir(), "bot.db");
    mkdirSync(dir);
    expect(storeErrorCode(() => openStore(dir))).toBe("STORE_UNWRITABLE");
  });

  // Root ignores permission bits, so this only means something for an ordinary user.
  it.skipIf(process.getuid?.() === 0)("reports a read-only directory as STORE_UNWRITABLE", () => {
    const dir = join(sandbox.dir(), "ro");
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    try {
      expect(storeErrorCode(() => openStore(join(dir, "bot.db")))).toBe("STORE_UNWRITABLE");
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

describe("a store that cannot stall the bot", () => {
  const sandbox2 = useStoreSandbox();

  it("after a write found the file locked, later writes fail at once instead of waiting again; reads go on", () => {
    const path = join(sandbox2.dir(), "bot.db");
    const store = sandbox2.track(openStore(path, { busyTimeoutMs: 150 }));
    const other = sandbox2.connect(path);
    other.exec("BEGIN IMMEDIATE");
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      try {
        store.recordAudit({ at: new Date(), userId: "u", merchantId: null, action: "/x", allowed: false });
      } catch (err) {
        expect(isStoreError(err, "STORE_LOCKED")).toBe(true);
        messages.push((err as Error).message);
      }
    }
    expect(messages).toHaveLength(5);
    expect(messages[0]).toMatch(/waited 150 ms/);
    for (const m of messages.slice(1)) expect(m).toMatch(/waited 0 ms/);
    expect(store.countMerchants()).toBe(0);
    other.exec("ROLLBACK");
  });

  it.skipIf(!canMakeImmutable())("refuses to open an immutable database file (chattr +i) as STORE_UNWRITABLE", () => {
    const path = join(sandbox2.dir(), "bot.db");
    openStore(path).close();
    expect(spawnSync("chattr", ["+i", path]).status).toBe(0);
    try {
      expect(storeErrorCode(() => openStore(path))).toBe("STORE_UNWRITABLE");
    } finally {
      spawnSync("chattr", ["-i", path]);
    }
  });
});

/** Whether this machine lets us set the immutable flag (root with CAP_LINUX_IMMUTABLE). */
function canMakeImmutable(): boolean {
  const dir = mkdtempSync(join(tmpdir(), "chattr-probe-"));
  const file = join(dir, "f");
  writeFileSync(file, "x");
  try {
    if (spawnSync("chattr", ["+i", file]).status !== 0) return false;
    spawnSync("chattr", ["-i", file]);
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
