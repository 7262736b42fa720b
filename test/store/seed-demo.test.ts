import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ImportError, parseMerchantFile } from "../../bot/store/import-merchants.js";
import { openStore } from "../../bot/store/open-store.js";
import type { MerchantStore } from "../../bot/store/open-store.js";
import { DEMO_MERCHANTS_PATH, seedDemoIfEmpty } from "../../bot/store/seed-demo.js";
import type { Merchant } from "../../rules/merchant.js";
import { makeMerchant, makeTempDir } from "./fixtures.js";

const demoText = readFileSync(DEMO_MERCHANTS_PATH, "utf8");
const parsed = parseMerchantFile(demoText);
const demo = parsed.records;
const byId = (id: string): Merchant => {
  const m = demo.find((x) => x.id === id);
  if (m === undefined) throw new Error(`demo merchant ${id} missing`);
  return m;
};

describe("data/demo-merchants.json", () => {
  it("validates, record by record", () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.format).toBe("json-array");
    expect(demo.length).toBeGreaterThanOrEqual(8);
  });

  it("uses our own ids, not the evaluation merchants'", () => {
    for (const m of demo) expect(m.id).toMatch(/^M2\d{4}$/);
  });

  it("binds local-user to exactly one Gold merchant and demo-multi to two", () => {
    const local = demo.filter((m) => m.dingtalkUserIds.includes("local-user"));
    expect(local).toHaveLength(1);
    expect(local[0]?.gold).toBe(true);
    expect(demo.filter((m) => m.dingtalkUserIds.includes("demo-multi"))).toHaveLength(2);
  });

  it("gives peer ranking several merchants of one industry, and has one merchant without RFQ data", () => {
    const counts = new Map<string, number>();
    for (const m of demo) if (m.rfq) counts.set(m.industry, (counts.get(m.industry) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(3);
    expect(demo.some((m) => m.rfq === undefined || m.rfq === null)).toBe(true);
  });

  it("covers every penalty rule", () => {
    const rules = new Set(demo.flatMap((m) => m.penalties ?? []).map((p) => p.rule));
    expect([...rules].sort()).toEqual(
      ["counterfeit-repeat", "drug-severe", "off-platform-communication", "other", "refuse-trade-assurance"].sort(),
    );
  });

  it("has appeal windows both open and closed on 2021-08-26 noon Shanghai", () => {
    const now = Date.parse("2021-08-26T12:00:00+08:00");
    const week = 7 * 24 * 3600 * 1000;
    const appealable = demo
      .flatMap((m) => m.penalties ?? [])
      .filter((p) => p.rule !== "drug-severe" && p.rule !== "counterfeit-repeat");
    expect(appealable.some((p) => Date.parse(p.at) + week > now)).toBe(true);
    expect(appealable.some((p) => Date.parse(p.at) + week <= now)).toBe(true);
  });

  it("shows each Find-Factory case: Gold, needs agreement, Guangzhou/Shenzhen non-Gold, trading", () => {
    expect(byId("M20001")).toMatchObject({ gold: true, businessType: "integrated" });
    expect(byId("M20003")).toMatchObject({ gold: false, factory: { verifiedLicenceWithProduction: true, agreementSigned: false } });
    expect(byId("M20002")).toMatchObject({ gold: false, city: "Shenzhen" });
    expect(byId("M20006").businessType).toBe("trading");
  });

  it("has Gold verified cards with some figures missing", () => {
    const gold = demo.filter((m) => m.gold && m.verified);
    expect(gold.length).toBeGreaterThanOrEqual(2);
    expect(gold.some((m) => Object.values(m.verified ?? {}).some((v) => v === null))).toBe(true);
  });
});

describe("seedDemoIfEmpty", () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: MerchantStore;
  beforeEach(() => {
    tmp = makeTempDir("seed-");
    store = openStore(join(tmp.dir, "bot.db"));
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it("loads the demo merchants into an empty store, and only once", () => {
    expect(seedDemoIfEmpty(store)).toBe(demo.length);
    expect(store.countMerchants()).toBe(demo.length);
    expect(store.merchantsForUser("local-user").map((m) => m.id)).toEqual(["M20001"]);
    expect(store.merchantsForUser("demo-multi")).toHaveLength(2);
    expect(seedDemoIfEmpty(store)).toBe(0);
    expect(store.countMerchants()).toBe(demo.length);
  });

  it("never touches a store that already holds merchants", () => {
    store.upsertMerchants([makeMerchant({ id: "M1" })]);
    expect(seedDemoIfEmpty(store)).toBe(0);
    expect(store.countMerchants()).toBe(1);
    expect(store.getMerchant("M20001")).toBeUndefined();
  });

  it("throws IMPORT_REJECTED for an invalid demo file and IMPORT_UNREADABLE for a missing one", () => {
    const bad = join(tmp.dir, "bad.json");
    writeFileSync(bad, '[{"id": "M1"}]');
    expect(() => seedDemoIfEmpty(store, bad)).toThrow(ImportError);
    expect(() => seedDemoIfEmpty(store, bad)).toThrow(/is invalid, so nothing was seeded: record 1/);
    expect(() => seedDemoIfEmpty(store, join(tmp.dir, "missing.json"))).toThrow(
      expect.objectContaining({ code: "IMPORT_UNREADABLE" }),
    );
    expect(store.countMerchants()).toBe(0);
  });
});
