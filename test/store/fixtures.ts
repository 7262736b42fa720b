/** Shared helpers for the store tests: temporary directories and a minimal valid merchant. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
