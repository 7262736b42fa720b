/** Shared helpers for the store tests: temporary directories, store sandboxes and a minimal valid merchant. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, expect } from "vitest";
import type { MerchantStore } from "../../bot/store/open-store.js";
import { StoreError } from "../../bot/store/store-error.js";
import type { StoreErrorCode } from "../../bot/store/store-error.js";
import type { Merchant } from "../../rules/merchant.js";

/** A fresh directory under the OS temp dir; call the returned `cleanup` in afterEach. */
export function makeTempDir(prefix = "store-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The smallest valid merchant record, with any field overridden. */
export function makeMerchant(overrides: Partial<Merchant> = {}): Merchant {
  return {
    id: "M1",
    name: "Test Merchant Co., Ltd.",
    dingtalkUserIds: [],
    gold: false,
    businessType: "factory",
    province: "Zhejiang",
    city: "Ningbo",
    industry: "五金工具",
    exportYears: 3,
    odm: false,
    ...overrides,
  };
}

/** A full RFQ block for peer tests. */
export function rfq(quotesMonthToDate: number): NonNullable<Merchant["rfq"]> {
  return {
    loginDaysMonthToDate: 10,
    quotesMonthToDate,
    quotesLastMonth: 10,
    responseRate24h: 0.5,
    buyerReplyRate30d: 0.2,
    gmv90dUsd: 1000,
    freeEntitlementUsage: 0.5,
  };
}

/** Runs `fn` and returns the StoreError code it threw (failing the test if it threw nothing else). */
export function storeErrorCode(fn: () => unknown): StoreErrorCode {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return (err as StoreError).code;
  }
  throw new Error("expected a StoreError, but nothing was thrown");
}

/**
 * A fresh temporary directory for each test, and every store or plain connection opened in it
 * closed afterwards. Call at the top level of a test file.
 */
export function useStoreSandbox(): {
  dir: () => string;
  track: (store: MerchantStore) => MerchantStore;
  /** A second, plain connection, the way another process (or an inspector) would hold the file. */
  connect: (path: string, options?: Database.Options) => Database.Database;
} {
  let tmp: ReturnType<typeof makeTempDir> | undefined;
  const stores: MerchantStore[] = [];
  const raw: Database.Database[] = [];
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => {
    for (const db of raw.splice(0)) if (db.open) db.close();
    for (const store of stores.splice(0)) store.close();
    tmp?.cleanup();
  });
  return {
    dir: () => {
      if (!tmp) throw new Error("the sandbox exists only inside a test");
      return tmp.dir;
    },
    track: (store) => {
      stores.push(store);
      return store;
    },
    connect: (path, options) => {
      const db = new Database(path, options);
      raw.push(db);
      return db;
    },
  };
}
