import { execFile } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT, runImportCli } from "../../bot/store/import-cli.js";
import { openStore } from "../../bot/store/open-store.js";
import { makeMerchant, makeTempDir } from "./fixtures.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir("import-cli-");
});
afterEach(() => {
  tmp.cleanup();
});

function writeFile(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
}

const record = (id: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ ...makeMerchant({ id, dingtalkUserIds: [`u-${id}`] }), ...extra });

function countIn(dbPath: string): number {
  const store = openStore(dbPath);
  try {
    return store.countMerchants();
  } finally {
    store.close();
  }
}

/** The CLI in-process, with its output captured. */
function cli(argv: string[], env: { DATABASE_PATH?: string } = {}, options: { busyTimeoutMs?: number } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runImportCli(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) }, options);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The CLI as an operator runs it: `npx tsx bot/store/import-cli.ts …` from the project root. */
async function spawnCli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "bot/store/import-cli.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("merchants:import in-process", () => {
  it("imports into --db, then updates on a second run", () => {
    const db = join(tmp.dir, "db", "bot.db");
    const file = writeFile("m.ndjson", `${record("M1")}\n${record("M2")}\n`);
    const first = cli([file, "--db", db]);
    expect(first.code).toBe(EXIT.ok);
    expect(first.out).toMatch(/Imported 2 merchant records .*: 2 new, 0 updated\. The store now holds 2 merchants\./);
    const second = cli([file, `--db=${db}`]);
    expect(second.out).toMatch(/0 new, 2 updated/);
    expect(countIn(db)).toBe(2);
  });

  it("uses DATABASE_PATH when --db is not given", () => {
    const db = join(tmp.dir, "env.db");
    const file = writeFile("m.json", `[${record("M1")}]`);
    expect(cli([file], { DATABASE_PATH: db }).code).toBe(EXIT.ok);
    expect(countIn(db)).toBe(1);
  });

  it("prints every rejection, exits 1, and does not create the database", () => {
    const db = join(tmp.dir, "bot.db");
    const file = writeFile("m.ndjson", [record("M1"), record("M2", { gold: "no" }), "{broken", record("M1")].join("\n"));
    const result = cli([file, "--db", db]);
    expect(result.code).toBe(EXIT.rejected);
    expect(result.err).toMatch(/3 of 4 records rejected; nothing was imported/);
    expect(result.err).toMatch(/record 2 \(line 2, id M2\): gold: /);
    expect(result.err).toMatch(/record 3 \(line 3\): invalid JSON/);
    expect(result.err).toMatch(/record 4 \(line 4, id M1\): id: duplicate id M1: also used by record 1 \(line 1\)/);
    expect(existsSync(db)).toBe(false);
  });

  it("keeps the existing data when a later file is rejected", () => {
    const db = join(tmp.dir, "bot.db");
    cli([writeFile("a.ndjson", record("M1")), "--db", db]);
    const result = cli([writeFile("b.ndjson", `${record("M2")}\n${record("M3", { extra: 1 })}`), "--db", db]);
    expect(result.code).toBe(EXIT.rejected);
    expect(countIn(db)).toBe(1);
  });

  it.each([
    ["no FILE", [], /no FILE given/],
    ["two FILEs", ["a.json", "b.json"], /exactly one FILE/],
    ["an unknown option", ["a.json", "--dbb", "x"], /Unknown option '--dbb'/],
  ])("exits 2 with usage for %s", (_label, argv, message) => {
    const result = cli(argv);
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toMatch(message);
    expect(result.err).toMatch(/usage: npm run merchants:import -- FILE/);
  });

  it("refuses a file that is not UTF-8 (GBK here), naming the first bad byte, and writes nothing", () => {
    const db = join(tmp.dir, "bot.db");
    const gbk = Buffer.concat([Buffer.from(`[{"id":"M1","name":"`), Buffer.from([0xc4, 0xfe, 0xb2, 0xa8]), Buffer.from(`"}]`)]);
    const path = join(tmp.dir, "gbk.json");
    writeFileSync(path, gbk);
    const result = cli([path, "--db", db]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toMatch(/is not UTF-8 text \(byte 0xc4 at offset 20, line 1\)/);
    expect(existsSync(db)).toBe(false);
  });

  it("escapes terminal control sequences from the file and bounds its output for a garbage file", () => {
    const escape = "\u001b]0;pwned\u0007\u001b[2J";
    const lines = Array.from({ length: 5_000 }, (_, i) => (i === 0 ? JSON.stringify({ id: `M${escape}`, [`x${escape}`]: 1 }) : `${escape}${"garbage ".repeat(200)}`));
    const result = cli([writeFile("garbage.ndjson", lines.join("\n")), "--db", join(tmp.dir, "bot.db")]);
    expect(result.code).toBe(EXIT.rejected);
    // eslint-disable-next-line no-control-regex -- asserting that no control character was printed
    expect(result.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(result.err).toContain("\\u001b");
    expect(result.err).toMatch(/… and \d+ more problems/);
    const printed = result.err.split("\n");
    expect(printed.length).toBeLessThanOrEqual(60);
    for (const line of printed) expect([...line].length).toBeLessThanOrEqual(310);
  });

  it("exits 2 for a missing file and for a directory", () => {
    expect(cli([join(tmp.dir, "missing.json")]).err).toMatch(/cannot read the merchant file .*missing\.json: it does not exist/);
    expect(cli([tmp.dir]).code).toBe(EXIT.usage);
  });

  it("exits 3 with STORE_LOCKED when another process holds the write lock, writing nothing", () => {
    const db = join(tmp.dir, "bot.db");
    openStore(db).close();
    const other = new Database(db);
    try {
      other.exec("BEGIN IMMEDIATE");
      const result = cli([writeFile("m.ndjson", record("M1")), "--db", db], {}, { busyTimeoutMs: 50 });
      expect(result.code).toBe(EXIT.store);
      expect(result.err).toMatch(/STORE_LOCKED: .*locked by another process/);
    } finally {
      other.close();
    }
    expect(countIn(db)).toBe(0);
  });
});

describe("merchants:import spawned with npx tsx", () => {
  it("imports, and reports rejections, missing files, invalid JSON and a corrupt db with exit codes", async () => {
    const db = join(tmp.dir, "bot.db");
    const good = writeFile("good.json", `[\n${record("M1")},\n${record("M2")}\n]\n`);
    const bad = writeFile("bad.ndjson", `${record("M1")}\n${record("M2", { rfq: { responseRate24h: 2 } })}\n`);
    const broken = writeFile("broken.json", `[\n${record("M1")},\n{"id": "M2",\n`);
    const corrupt = writeFile("corrupt.db", "this is not a database ".repeat(200));

    const [ok, rejected, missing, invalid, corruptDb] = await Promise.all([
      spawnCli([good], { DATABASE_PATH: db }),
      spawnCli([bad, "--db", join(tmp.dir, "other.db")]),
      spawnCli([join(tmp.dir, "missing.json"), "--db", join(tmp.dir, "other2.db")]),
      spawnCli([broken, "--db", join(tmp.dir, "other3.db")]),
      spawnCli([good, "--db", corrupt]),
    ]);

    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Imported 2 merchant records .*2 new, 0 updated/);
    expect(countIn(db)).toBe(2);

    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/record 2 \(line 2, id M2\): rfq\.responseRate24h: must be a fraction from 0 to 1/);
    expect(rejected.stderr).toMatch(/record 2 \(line 2, id M2\): rfq\.loginDaysMonthToDate: is required/);
    expect(existsSync(join(tmp.dir, "other.db"))).toBe(false);

    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the merchant file .*missing\.json: it does not exist/);

    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/line 3: invalid JSON: record 2 starting here never ends/);

    expect(corruptDb.code).toBe(3);
    expect(corruptDb.stderr).toMatch(/STORE_CORRUPT: .*not a SQLite database/);
  }, 60_000);
});
