/**
 * `npm run bench`: how fast the bot answers, in-process, and what the index costs.
 *
 * - the real knowledge base: index build time and heap, then answer latency (p50/p99) over
 *   every phrasing in the knowledge base, perturbed the way merchants type (a dropped or
 *   swapped character, a greeting, an @mention, traditional characters), plus off-topic ones;
 * - a synthetic knowledge base 50× larger (each entry copied with perturbed wording, and the
 *   learned ranker's weights copied with it, so the ranker scores 50× the classes), the same;
 * - start-up: a process from launch to its first answer (`ask --jsonl --db FILE`, the store
 *   existing as on a restart), compiled (`npm run build`, plain node) and through tsx, median of 5
 *   each; and the compiled one with a fresh in-memory store that it seeds first, and bare node.
 *
 * Timing on a shared machine is noisy: medians and percentiles, never a single run.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { createBot } from "../bot/create-bot.js";
import { openStore } from "../bot/store/open-store.js";
import { seedDemoIfEmpty } from "../bot/store/seed-demo.js";
import { loadKnowledge } from "../knowledge/load-knowledge.js";
import type { KnowledgeBase, KnowledgeEntry } from "../knowledge/load-knowledge.js";
import { loadSynonyms } from "../knowledge/load-synonyms.js";
import { matchQuestion } from "../knowledge/match-question.js";
import { OFF_TOPIC_CLASS, fingerprintOf, loadRankerModel, viewFromRows } from "../knowledge/ranker.js";
import type { RankerModel, ViewWeights } from "../knowledge/ranker.js";
import { buildSearchIndex } from "../knowledge/search-index.js";

/** A small deterministic PRNG, so every run asks the same questions. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const TRADITIONAL: Record<string, string> = { 务: "務", 级: "級", 门: "門", 厂: "廠", 报: "報", 发: "發", 货: "貨", 问: "問", 请: "請", 费: "費" };

/** The way merchants mistype and decorate a question. */
function perturb(q: string, rnd: () => number): string {
  const chars = [...q];
  const i = Math.floor(rnd() * chars.length);
  switch (Math.floor(rnd() * 5)) {
    case 0:
      chars.splice(i, 1);
      break;
    case 1:
      if (i + 1 < chars.length) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      break;
    case 2:
      return `你好，请问${q}`;
    case 3:
      return `@规则助手 ${q}`;
    default:
      return chars.map((c) => TRADITIONAL[c] ?? c).join("");
  }
  return chars.join("");
}

const OFF_TOPIC = ["今天天气怎么样", "讲个笑话", "亚马逊怎么开店", "比特币多少钱", "how do i cook rice", "推荐一部电影"];

function questionsFor(kb: KnowledgeBase, count: number, seed = 1): string[] {
  const rnd = prng(seed);
  const phrasings = kb.entries.flatMap((e) => [e.question, ...e.alternates]);
  const out: string[] = [];
  while (out.length < count) {
    out.push(rnd() < 0.1 ? OFF_TOPIC[Math.floor(rnd() * OFF_TOPIC.length)]! : perturb(phrasings[Math.floor(rnd() * phrasings.length)]!, rnd));
  }
  return out;
}

/** A knowledge base `factor` times larger: each entry copied with perturbed wording and a new id. */
function scaled(kb: KnowledgeBase, factor: number): KnowledgeBase {
  const rnd = prng(7);
  const entries: KnowledgeEntry[] = [];
  for (let k = 0; k < factor; k++) {
    for (const e of kb.entries) {
      const p = (s: string) => (k === 0 ? s : perturb(s, rnd));
      entries.push({ ...e, id: k === 0 ? e.id : `${e.id}-copy-${k}`, question: p(e.question), alternates: e.alternates.map(p), related: [] });
    }
  }
  return { ...kb, entries, byId: new Map(entries.map((e) => [e.id, e])) };
}

/**
 * The committed ranker weights for a {@link scaled} knowledge base: every copy of an entry gets
 * the original's weights, so the model has the real sparsity at `factor` times the classes.
 */
function scaledRanker(model: RankerModel, kb: KnowledgeBase, factor: number): RankerModel {
  const n = model.classes.length - 1; // entries, then the off-topic class
  const classes = [...kb.entries.map((e) => e.id), OFF_TOPIC_CLASS];
  const offTopic = classes.length - 1;
  const copy = (v: ViewWeights): ViewWeights => {
    const bias = new Float64Array(classes.length);
    for (let k = 0; k < factor; k++) bias.set(v.bias.subarray(0, n), k * n);
    bias[offTopic] = v.bias[n]!;
    const rows = new Map<string, Map<number, number>>();
    v.features.forEach((f, r) => {
      const out = new Map<number, number>();
      for (let i = v.offsets[r]!; i < v.offsets[r + 1]!; i++) {
        const c = v.classes[i]!;
        const w = v.weights[i]!;
        if (c === n) out.set(offTopic, w);
        else for (let k = 0; k < factor; k++) out.set(k * n + c, w);
      }
      rows.set(f, out);
    });
    return viewFromRows(bias, rows);
  };
  return {
    classes,
    fingerprint: fingerprintOf(kb.entries.map((e) => e.id)),
    views: { chars: copy(model.views.chars), pinyin: copy(model.views.pinyin) },
    scope: model.scope,
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (x: number) => `${x.toFixed(3)} ms`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function measure(label: string, kb: KnowledgeBase, questions: string[], ranker?: RankerModel): void {
  const synonyms = loadSynonyms();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = buildSearchIndex(kb, synonyms, ranker ? { ranker } : {});
  if (!index.ranker) throw new Error(`${label}: the index has no ranker; run npm run kb:calibrate`);
  const buildMs = performance.now() - t0;
  global.gc?.();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  for (const q of questions.slice(0, 200)) matchQuestion(index, q); // warm-up
  const times: number[] = [];
  const kinds: Record<string, number> = {};
  for (const q of questions) {
    const t = performance.now();
    const m = matchQuestion(index, q);
    times.push(performance.now() - t);
    kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: ${kb.entries.length} entries; index built in ${buildMs.toFixed(0)} ms, heap +${global.gc ? mib(heap) : "(run with --expose-gc)"}; ` +
      `${questions.length} questions: p50 ${ms(pct(times, 50))}, p99 ${ms(pct(times, 99))}, max ${ms(times[times.length - 1]!)}; ${JSON.stringify(kinds)}`,
  );
}

/** Milliseconds from launching `args` with node to reading its first answer, median of `runs`. */
function firstAnswer(args: string[], runs: number): number {
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { input: `${JSON.stringify({ text: "找工厂在哪里入驻" })}\n`, encoding: "utf8" });
    wall.push(performance.now() - t);
    if (r.status !== 0 || !r.stdout.includes('"kind"')) throw new Error(`ask failed: ${r.stderr}`);
  }
  return pct(wall.sort((a, b) => a - b), 50);
}

function startup(runs = 5): void {
  const inProcess: number[] = [];
  for (let i = 0; i < runs; i++) {
    const store = openStore(":memory:");
    seedDemoIfEmpty(store);
    inProcess.push(createBot({ logger: pino({ level: "silent" }), databasePath: ":memory:", store }).startupMs);
  }
  inProcess.sort((a, b) => a - b);
  const build = spawnSync(process.execPath, ["scripts/build.mjs", "--if-needed"], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  // A restart, as in production: the store file exists (the demo merchants were seeded by an
  // earlier start). Without --db, ask also seeds a fresh in-memory store first.
  const dir = mkdtempSync(join(tmpdir(), "bench-start-"));
  const db = join(dir, "bot.db");
  try {
    firstAnswer(["dist/bot/ask.js", "--jsonl", "--db", db], 1);
    const compiled = firstAnswer(["dist/bot/ask.js", "--jsonl", "--db", db], runs);
    const viaTsx = firstAnswer(["--import", "tsx", "bot/ask.ts", "--jsonl", "--db", db], runs);
    const fresh = firstAnswer(["dist/bot/ask.js", "--jsonl"], runs);
    const bare = firstAnswer(["-e", 'process.stdout.write(\'{"kind":"none"}\')'], runs);
    console.log(
      `start-up: knowledge base + index + store ready in ${pct(inProcess, 50)} ms (median of ${runs}, in-process); ` +
        `a process from launch to its first answer, the store existing: compiled ${compiled.toFixed(0)} ms, through tsx ${viaTsx.toFixed(0)} ms ` +
        `(compiled/tsx ${(compiled / viaTsx).toFixed(2)}); compiled with a fresh in-memory store seeded first ${fresh.toFixed(0)} ms; ` +
        `node itself doing nothing ${bare.toFixed(0)} ms (medians of ${runs})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const cpu = cpus();
  console.log(`machine: ${cpu[0]?.model ?? "unknown cpu"} x${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const kb = loadKnowledge();
  measure("real knowledge base", kb, questionsFor(kb, 2000));
  const big = scaled(kb, 50);
  measure("synthetic 50×", big, questionsFor(kb, 1000, 2), scaledRanker(loadRankerModel()!, big, 50));
  startup();
}

main();
