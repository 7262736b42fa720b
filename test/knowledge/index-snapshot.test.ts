import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askFresh } from "../../bench/scoring-bot.js";
import { createBot } from "../../bot/create-bot.js";
import { openStore } from "../../bot/store/open-store.js";
import { loadIndexedKnowledge, writeSnapshot } from "../../knowledge/index-snapshot.js";
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from "../../knowledge/load-knowledge.js";
import { loadSynonyms } from "../../knowledge/load-synonyms.js";
import { buildSearchIndex } from "../../knowledge/search-index.js";
import type { SearchIndex, SearchResult } from "../../knowledge/search-index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The public development questions: both holdout sets, the training questions, the off-topic list, every phrasing. */
function devQuestions(): string[] {
  const jsonl = (file: string) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { q?: string; question?: string })
      .map((r) => r.q ?? r.question ?? "");
  const training = join(root, "knowledge/training");
  const offTopic = readFileSync(join(root, "test/fixtures/off-topic-questions.txt"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"));
  const kb = loadKnowledge();
  return [
    ...jsonl(join(root, "test/fixtures/holdout-questions.jsonl")),
    ...jsonl(join(root, "test/fixtures/holdout-2-questions.jsonl")),
    ...readdirSync(training)
      .filter((f) => f.endsWith(".jsonl"))
      .flatMap((f) => jsonl(join(training, f))),
    ...offTopic,
    ...kb.entries.flatMap((e) => [e.question, ...e.alternates]),
  ].filter((q) => q !== "");
}

const summary = (r: SearchResult) => ({
  normalized: r.normalized,
  candidates: r.candidates.map((c) => ({ id: c.entry.id, score: c.score, confidence: c.confidence, inScope: c.inScope, margin: c.margin, features: c.features, matchedPhrasing: c.matchedPhrasing })),
});

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "index-snapshot-"));
  file = join(dir, "index-snapshot.v8");
  writeSnapshot(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("index snapshot", () => {
  it("loads the knowledge base exactly as the files give it", () => {
    const loaded = loadIndexedKnowledge(DEFAULT_KNOWLEDGE_DIR, file);
    expect(loaded.source).toBe("snapshot");
    expect(loaded.kb).toStrictEqual(loadKnowledge());
  });

  it("answers every public development question exactly like a freshly built index", async () => {
    const loaded = loadIndexedKnowledge(DEFAULT_KNOWLEDGE_DIR, file);
    expect(loaded.source).toBe("snapshot");
    expect(loaded.ranker).not.toBeNull();
    const fromSnapshot: SearchIndex = buildSearchIndex(loaded.kb, loaded.synonyms, { data: loaded.data, ranker: loaded.ranker });
    const fresh = buildSearchIndex(loadKnowledge(), loadSynonyms());
    expect(fromSnapshot.ranker).toBeDefined();
    const questions = devQuestions();
    expect(questions.length).toBeGreaterThan(3000);
    let differing = 0;
    for (const q of questions) {
      const a = summary(fromSnapshot.search(q, 5));
      const b = summary(fresh.search(q, 5));
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        differing++;
        expect(a, q).toStrictEqual(b);
      }
    }
    expect(differing).toBe(0);

    // And through the whole pipeline (clarify prompts, computed answers, fallbacks), a sample.
    const logger = pino({ level: "silent" });
    const snapshotBot = createBot({ logger, databasePath: ":memory:", store: openStore(":memory:"), snapshotFile: file });
    const freshBot = createBot({ logger, databasePath: ":memory:", store: openStore(":memory:"), snapshotFile: join(dir, "absent.v8") });
    const now = new Date("2021-09-15T10:00:00+08:00");
    const sample = questions.filter((_, i) => i % 25 === 0);
    for (const [n, q] of sample.entries()) {
      expect(await askFresh(snapshotBot, q, n, now), q).toStrictEqual(await askFresh(freshBot, q, n, now));
    }
    snapshotBot.close();
    freshBot.close();
  }, 120_000);

  it("is ignored, never used, once a knowledge file changes", () => {
    const kbDir = join(dir, "sections");
    cpSync(DEFAULT_KNOWLEDGE_DIR, kbDir, { recursive: true });
    expect(loadIndexedKnowledge(kbDir, file).source).toBe("snapshot");
    const name = readdirSync(kbDir).filter((f) => f.endsWith(".yaml")).sort()[0]!;
    const path = join(kbDir, name);
    const text = readFileSync(path, "utf8");
    // A comment changes no entry: only the fingerprint can tell the file changed.
    writeFileSync(path, `${text}\n# edited after the build\n`);
    const loaded = loadIndexedKnowledge(kbDir, file);
    expect(loaded.source).toBe("files");
    expect(loaded.reason).toMatch(/stale/);
    expect(loaded.kb).toStrictEqual(loadKnowledge(kbDir));
  });

  it("falls back to the files when the snapshot is missing or damaged", () => {
    const absent = loadIndexedKnowledge(DEFAULT_KNOWLEDGE_DIR, join(dir, "absent.v8"));
    expect(absent.source).toBe("files");
    expect(absent.reason).toMatch(/no snapshot/);
    const damaged = join(dir, "damaged.v8");
    writeFileSync(damaged, readFileSync(file).subarray(0, 1000));
    const loaded = loadIndexedKnowledge(DEFAULT_KNOWLEDGE_DIR, damaged);
    expect(loaded.source).toBe("files");
    expect(loaded.kb.entries.length).toBeGreaterThan(0);
  });
});
