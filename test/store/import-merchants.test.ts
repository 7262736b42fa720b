import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatProblem, importMerchants, parseMerchantFile } from "../../bot/store/import-merchants.js";
import type { ImportProblem } from "../../bot/store/import-merchants.js";
import { openStore } from "../../bot/store/open-store.js";
import type { MerchantStore } from "../../bot/store/open-store.js";
import { makeMerchant, rfq } from "./fixtures.js";

const good = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...makeMerchant({ id, dingtalkUserIds: [`u-${id}`] }),
  ...extra,
});
const ndjson = (...records: unknown[]): string => records.map((r) => JSON.stringify(r)).join("\n");
const lines = (problems: readonly ImportProblem[]): string[] => problems.map(formatProblem);

describe("parseMerchantFile", () => {
  it("accepts a JSON array and reports its format", () => {
    const parsed = parseMerchantFile(JSON.stringify([good("M1"), good("M2")], null, 2));
    expect(parsed.format).toBe("json-array");
    expect(parsed.problems).toEqual([]);
    expect(parsed.records.map((r) => r.id)).toEqual(["M1", "M2"]);
    expect(parsed.total).toBe(2);
  });

  it("accepts NDJSON with blank lines, CRLF and a byte-order mark", () => {
    const text = `\uFEFF${JSON.stringify(good("M1"))}\r\n\r\n   \n${JSON.stringify(good("M2"))}\r\n`;
    const parsed = parseMerchantFile(text);
    expect(parsed.format).toBe("ndjson");
    expect(parsed.problems).toEqual([]);
    expect(parsed.records.map((r) => r.id)).toEqual(["M1", "M2"]);
  });

  it("accepts an empty array as zero records", () => {
    expect(parseMerchantFile(" [ ] ")).toMatchObject({ total: 0, records: [], problems: [] });
  });

  it("rejects an empty file", () => {
    expect(parseMerchantFile(" \n ").problems.map((p) => p.code)).toEqual(["EMPTY_FILE"]);
  });

  it("reports a bad NDJSON line by record and line number, and still checks the others", () => {
    const text = [JSON.stringify(good("M1")), "", '{"id": "M2", oops}', JSON.stringify(good("M3", { gold: "yes" }))].join("\n");
    const parsed = parseMerchantFile(text);
    expect(parsed.rejected).toBe(2);
    expect(parsed.total).toBe(3);
    expect(lines(parsed.problems)).toEqual([
      expect.stringMatching(/^record 2 \(line 3\): invalid JSON: .*line 3 column \d+$/),
      "record 3 (line 4, id M3): gold: Invalid input: expected boolean, received string",
    ]);
  });

  it("reports the example from the spec: a rate out of range, with its path", () => {
    const text = ndjson(good("M1"), good("M2"), good("M3", { rfq: { ...rfq(5), responseRate24h: 80 } }));
    const parsed = parseMerchantFile(`\n${text}`);
    expect(lines(parsed.problems)).toEqual(["record 3 (line 4, id M3): rfq.responseRate24h: must be a fraction from 0 to 1"]);
    expect(parsed.problems[0]).toMatchObject({ code: "INVALID_FIELD", record: 3, line: 4, path: "rfq.responseRate24h" });
  });

  it("reports wrong types and missing fields with array index and line", () => {
    const records = [
      good("M1"),
      good("M2", { exportYears: "eleven", penalties: [{ id: "P1", rule: "spam", at: "2021-08-20", points: 1.5 }] }),
    ];
    delete records[1]?.city;
    const parsed = parseMerchantFile(JSON.stringify(records, null, 2));
    const codes = parsed.problems.map((p) => `${p.code} ${p.path}`);
    expect(codes).toEqual([
      "MISSING_FIELD city",
      "INVALID_FIELD exportYears",
      "INVALID_FIELD penalties[0].rule",
      "INVALID_FIELD penalties[0].at",
      "INVALID_FIELD penalties[0].points",
    ]);
    const first = parsed.problems[0];
    expect(first).toMatchObject({ record: 2, index: 1 });
    // The second element starts on the line after the first element's last line.
    const line = JSON.stringify(records, null, 2).split("\n").findIndex((l, i) => i > 1 && l === "  {") + 1;
    expect(formatProblem(first ?? ({} as ImportProblem))).toBe(`record 2 (index 1, line ${line}, id M2): city: is required (expected string)`);
    expect(parsed.records.map((r) => r.id)).toEqual(["M1"]);
  });

  it("rejects unknown fields, at the top level and nested, one problem each", () => {
    const parsed = parseMerchantFile(ndjson(good("M1", { colour: "red", rfq: { ...rfq(1), responseRate: 0.5 } })));
    expect(parsed.problems.map((p) => [p.code, p.path])).toEqual([
      ["UNKNOWN_FIELD", "rfq.responseRate"],
      ["UNKNOWN_FIELD", "colour"],
    ]);
    expect(formatProblem(parsed.problems[1] ?? ({} as ImportProblem))).toMatch(/^record 1 \(line 1, id M1\): colour: unknown field/);
  });

  it("rejects a duplicate id and names both positions", () => {
    const parsed = parseMerchantFile(ndjson(good("M1"), good("M2"), good("M1")));
    expect(lines(parsed.problems)).toEqual(["record 3 (line 3, id M1): id: duplicate id M1: also used by record 1 (line 1)"]);
    const array = parseMerchantFile(JSON.stringify([good("M1"), good("M1")]));
    expect(lines(array.problems)).toEqual([
      "record 2 (index 1, line 1, id M1): id: duplicate id M1: also used by record 1 (index 0, line 1)",
    ]);
  });

  it("reports a record that is not an object", () => {
    const parsed = parseMerchantFile("[42, null]");
    expect(lines(parsed.problems)).toEqual([
      "record 1 (index 0, line 1): Invalid input: expected object, received number",
      "record 2 (index 1, line 1): Invalid input: expected object, received null",
    ]);
  });

  it("rejects an invalid id without echoing it as an id", () => {
    const parsed = parseMerchantFile(ndjson(good("M1' OR '1'='1")));
    expect(parsed.problems[0]).toMatchObject({ code: "INVALID_FIELD", path: "id" });
    expect(parsed.problems[0]?.id).toBeUndefined();
  });

  it.each([
    ["an unclosed array", '[{"id": "M1"}', /^line 1: invalid JSON: record 1 starting here never ends/],
    ["a trailing comma", `[${JSON.stringify(good("M1"))},\n]`, /^line 2: invalid JSON: a trailing comma/],
    ["a leading comma", "[,{}]", /^line 1: invalid JSON: a comma with no record/],
    ["text after the array", `[${JSON.stringify(good("M1"))}]\nextra`, /^line 2: invalid JSON: unexpected text after/],
    ["a stray closing brace", "[}]", /^line 1: invalid JSON: unexpected "}"/],
  ])("reports malformed JSON: %s", (_label, text, message) => {
    const parsed = parseMerchantFile(text);
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems.some((p) => p.code === "INVALID_JSON" && message.test(formatProblem(p)))).toBe(true);
  });

  it("locates a broken element inside an otherwise fine array", () => {
    const text = `[\n${JSON.stringify(good("M1"))},\n{"id": "M2", "name": tru},\n${JSON.stringify(good("M3"))}\n]`;
    const parsed = parseMerchantFile(text);
    expect(lines(parsed.problems)).toEqual([expect.stringMatching(/^record 2 \(index 1, line 3\): invalid JSON: Unexpected token/)]);
    expect(parsed.records.map((r) => r.id)).toEqual(["M1", "M3"]);
  });

  it("keeps brackets and commas inside strings out of the split", () => {
    const parsed = parseMerchantFile(JSON.stringify([good("M1", { name: 'A ], B }, "C" [D' }), good("M2")]));
    expect(parsed.problems).toEqual([]);
    expect(parsed.records[0]?.name).toBe('A ], B }, "C" [D');
  });

  it("explains a single pretty-printed object", () => {
    const parsed = parseMerchantFile(JSON.stringify(good("M1"), null, 2));
    expect(parsed.problems.map((p) => p.code)).toEqual(["NOT_A_LIST"]);
    expect(formatProblem(parsed.problems[0] ?? ({} as ImportProblem))).toMatch(/JSON array/);
  });
});

describe("importMerchants", () => {
  let store: MerchantStore;
  beforeEach(() => {
    store = openStore(":memory:");
  });
  afterEach(() => {
    store.close();
  });

  it("imports a valid file, then updates on re-import", () => {
    const first = importMerchants(store, ndjson(good("M1"), good("M2")));
    expect(first).toEqual({ ok: true, format: "ndjson", total: 2, inserted: 2, updated: 0 });
    expect(store.merchantsForUser("u-M1")).toEqual([{ id: "M1", name: "Test Merchant Co., Ltd." }]);

    const second = importMerchants(store, JSON.stringify([good("M2", { name: "Renamed" }), good("M3")]));
    expect(second).toEqual({ ok: true, format: "json-array", total: 2, inserted: 1, updated: 1 });
    expect(store.getMerchant("M2")?.name).toBe("Renamed");
    expect(store.countMerchants()).toBe(3);
  });

  it("imports nothing from a half-valid file", () => {
    importMerchants(store, ndjson(good("M1")));
    const result = importMerchants(store, ndjson(good("M1", { name: "Changed" }), good("M2"), good("M3", { gold: 1 })));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejected).toBe(1);
    expect(result.total).toBe(3);
    expect(store.countMerchants()).toBe(1);
    expect(store.getMerchant("M1")?.name).toBe("Test Merchant Co., Ltd.");
    expect(store.getMerchant("M2")).toBeUndefined();
  });

  it.each([
    ["malformed JSON", "[{"],
    ["an NDJSON bad line", `${JSON.stringify(good("M1"))}\nnot json`],
    ["a wrong type", ndjson(good("M1", { exportYears: "3" }))],
    ["an unknown field", ndjson(good("M1", { extra: true }))],
    ["a duplicate id", ndjson(good("M1"), good("M1"))],
  ])("writes nothing for %s", (_label, text) => {
    const result = importMerchants(store, text);
    expect(result.ok).toBe(false);
    expect(store.countMerchants()).toBe(0);
  });
});
