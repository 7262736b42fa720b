/**
 * `npm run build` (scripts/build.mjs): the bundles in dist/ answer as the TypeScript does, load
 * the index snapshot the build wrote, carry code caches V8 accepts (and still run when a cache
 * does not fit), and keep working from a copy of dist/ in another folder (they find their data
 * files beside themselves, not in the sources).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { wrap } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, buildIfNeeded } from "./dingtalk/process-harness.js";

const QUESTIONS = ["找工厂在哪里入驻", "保障升级服务多久能退出？", "How long must I stay in the guarantee upgrade service?", "今天天气怎么样"];
const input = QUESTIONS.map((text) => JSON.stringify({ text })).join("\n") + "\n";

interface Run {
  replies: Array<{ kind: string; text: string }>;
  log: string;
}

function ask(command: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [...command, "--jsonl"], { cwd, input, encoding: "utf8", env: { ...process.env, LOG_LEVEL: "info" }, timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  const replies = r.stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { kind: string; text: string })
    .filter((x) => x.kind !== "vote");
  return { replies, log: r.stderr };
}

const elsewhere = mkdtempSync(join(tmpdir(), "bot-dist-copy-"));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

beforeAll(() => {
  const build = buildIfNeeded();
  expect(build.ok, build.stderr).toBe(true);
}, 150_000);

describe("the bundled bot in dist/", () => {
  it("is one file per program, with its data and the index snapshot beside it", () => {
    for (const file of [
      "run-bundle.cjs",
      "bot/main.js",
      "bot/main.cjs",
      "bot/main.cjs.cache",
      "bot/ask.js",
      "bot/ask.cjs",
      "bot/ask.cjs.cache",
      "knowledge/index-snapshot.js",
      "knowledge/index-snapshot.v8",
      "knowledge/pinyin-syllables.txt",
      "data/demo-merchants.json",
    ]) {
      expect(existsSync(join(ROOT, "dist", file)), file).toBe(true);
    }
    // No compiled module of ours beside the bundles: everything is inside them.
    expect(existsSync(join(ROOT, "dist/bot/create-bot.js"))).toBe(false);
  });

  it("carries code caches that V8 accepts for their bundles", () => {
    for (const bundle of ["bot/main.cjs", "bot/ask.cjs"]) {
      const file = join(ROOT, "dist", bundle);
      const script = new Script(wrap(readFileSync(file, "utf8")), { filename: file, cachedData: readFileSync(`${file}.cache`) });
      expect(script.cachedDataRejected, bundle).toBe(false);
    }
  });

  it("answers exactly as the TypeScript does, from the snapshot", () => {
    const bundled = ask(["dist/bot/ask.js"], ROOT);
    const source = ask(["--import", "tsx", "bot/ask.ts"], ROOT);
    expect(bundled.replies).toEqual(source.replies);
    const kinds = bundled.replies.map((r) => r.kind);
    expect(kinds.slice(0, 2)).toEqual(["answer", "answer"]);
    expect(kinds.at(-1)).toBe("fallback");
    expect(bundled.log).toContain('"from":"snapshot"');
  }, 120_000);

  it("runs from a copy of dist/ in another folder, finding its data there", () => {
    cpSync(join(ROOT, "dist"), join(elsewhere, "dist"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(elsewhere, "node_modules"));
    const copy = ask([join(elsewhere, "dist/bot/ask.js")], elsewhere);
    expect(copy.replies).toEqual(ask(["dist/bot/ask.js"], ROOT).replies);
    expect(copy.log).toContain('"from":"snapshot"');
    // It reads the copy's files: without the copy's snapshot it builds the index from the copy's data.
    rmSync(join(elsewhere, "dist/knowledge/index-snapshot.v8"));
    const rebuilt = ask([join(elsewhere, "dist/bot/ask.js")], elsewhere);
    expect(rebuilt.log).toContain("no snapshot");
    expect(rebuilt.replies).toEqual(copy.replies);
    // A cache that does not fit (another bundle's, or damaged) is rejected by V8: the bundle compiles from source.
    writeFileSync(join(elsewhere, "dist/bot/ask.cjs.cache"), readFileSync(join(ROOT, "dist/bot/main.cjs.cache")));
    expect(ask([join(elsewhere, "dist/bot/ask.js")], elsewhere).replies).toEqual(copy.replies);
    writeFileSync(join(elsewhere, "dist/bot/ask.cjs.cache"), "not a code cache");
    expect(ask([join(elsewhere, "dist/bot/ask.js")], elsewhere).replies).toEqual(copy.replies);
  }, 120_000);
});
