/**
 * `npm run kb:score-numbers -- [FILE.jsonl] [--failures]`: scores the hypothetical checks on
 * questions that carry the merchant's own figures (default: test/fixtures/numbers/questions.jsonl,
 * written blind: its README), in-process, through the same pipeline DingTalk feeds, each question
 * in a fresh conversation, asked on the briefing's day.
 *
 * - right: the reply is presented as computed (bot/pipeline/answer-with-figures.ts
 *   `isComputedReply`) and states the result: every `expect` pattern matches its text;
 * - wrong figure presented as computed: computed, but some pattern does not match;
 * - stated, not computed: the figure is in an ordinary answer (a rule table that happens to hold it);
 * - not computed: anything else (a plain answer, a clarify, a fallback).
 *
 * `--failures` lists every miss with its reply's first line: reading them is reading the test
 * set, so say so wherever the figures are reported (docs/computed-answers.md). `--half odd|even`
 * scores only the questions whose number is odd or even, so that failures can be read on one
 * half while the other stays unread. `--part train|locked` splits a file once at random instead
 * (a shuffle seeded with SPLIT_SEED, the first half of it `locked`): the split of
 * test/fixtures/numbers-2 and numbers-3 (their READMEs), whose locked parts are only ever scored.
 * `--min-right PCT` and `--max-wrong N` make it a gate (exit code 1 below or above them), for CI.
 */
import { askFresh, createScoringBot } from "./scoring-bot.js";
import { readFileSync } from "node:fs";
import { resolve, sep } from "node:path";
import { z } from "zod";
import { isComputedReply } from "../bot/pipeline/answer-with-figures.js";
import type { Reply } from "../bot/pipeline/types.js";

/** The writers wrote as of the briefing day; dates without a year take its year. */
const ASKED_AT = new Date("2021-08-26T12:00:00+08:00");
const DEFAULT_FILE = "test/fixtures/numbers/questions.jsonl";
/** The sets split with `--part` (test/fixtures/<set>/): their whole files hold the locked part. */
const SPLIT_SETS = ["numbers-2", "numbers-3", "numbers-4", "numbers-5", "numbers-6", "numbers-7", "numbers-8", "numbers-9", "numbers-10", "numbers-11", "numbers-12", "numbers-13", "numbers-14", "numbers-15", "numbers-16"];

/** The seed of the one `--part` split; changing it would unlock the locked part. */
const SPLIT_SEED = 20261201;

/**
 * The question numbers (0-based) of the locked part of an `n`-question file: a Fisher–Yates
 * shuffle driven by a fixed-seed generator, its first ⌈n/2⌉ locked, the rest the train part.
 */
function lockedIndices(n: number, seed = SPLIT_SEED): Set<number> {
  let s = seed >>> 0;
  const rnd = () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return new Set(order.slice(0, Math.ceil(n / 2)));
}

const QuestionSchema = z.object({
  id: z.string(),
  q: z.string().min(1),
  style: z.string().default("plain"),
  rule: z.string().default("?"),
  answer: z.string().optional(),
  how: z.string().optional(),
  expect: z.array(z.string()).min(1),
});
type Question = z.infer<typeof QuestionSchema>;

export type NumbersVerdict = "right" | "wrong-computed" | "stated-not-computed" | "not-computed";

/** How one reply does on one question. */
export function judgeNumbers(q: Question, reply: Reply): NumbersVerdict {
  const states = q.expect.every((re) => new RegExp(re, "iu").test(reply.text));
  if (isComputedReply(reply)) return states ? "right" : "wrong-computed";
  return states ? "stated-not-computed" : "not-computed";
}

function load(file: string): Question[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, i }) => {
      const parsed = QuestionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

const pct = (a: number, b: number) => (b === 0 ? "—" : `${((100 * a) / b).toFixed(1)}%`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showFailures = args.includes("--failures");
  const halfAt = args.indexOf("--half");
  const half = halfAt >= 0 ? args.splice(halfAt, 2)[1] : undefined;
  if (half !== undefined && half !== "odd" && half !== "even") throw new Error("--half takes odd or even");
  const partAt = args.indexOf("--part");
  const part = partAt >= 0 ? args.splice(partAt, 2)[1] : undefined;
  if (part !== undefined && part !== "train" && part !== "locked") throw new Error("--part takes train or locked");
  // CI gates: --min-right PCT (share of questions computed right) and --max-wrong N (wrong figures presented as computed).
  const gate = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args.splice(i, 2)[1]) : undefined;
  };
  const minRight = gate("--min-right");
  const maxWrong = gate("--max-wrong");
  const file = args.find((a) => !a.startsWith("--")) ?? DEFAULT_FILE;
  // The held-out parts: the locked part of a split, and the even half of the first set (its README).
  // A whole file that has a locked part (a README in its folder says so) holds that part too.
  const wholeSplitFile = part === undefined && SPLIT_SETS.some((set) => resolve(file).includes(`${sep}${set}${sep}`));
  const heldOut = part === "locked" || (half === "even" && file === DEFAULT_FILE) || wholeSplitFile;
  if (heldOut && showFailures) throw new Error("a held-out part is only ever scored: --failures is refused for it (use --part train)");
  const all = load(file);
  const locked = lockedIndices(all.length);
  const questions = all.filter((q, i) => (half === undefined || (half === "odd") === (i % 2 === 0)) && (part === undefined || (part === "locked") === locked.has(i)));
  const bot = createScoringBot();
  const counts = new Map<NumbersVerdict, number>();
  const byRule = new Map<string, { n: number; right: number; wrong: number }>();
  const byStyle = new Map<string, { n: number; right: number; wrong: number }>();
  const misses: string[] = [];
  let k = 0;
  for (const q of questions) {
    const reply = await askFresh(bot, q.q, ++k, ASKED_AT, "numbers");
    const v = judgeNumbers(q, reply);
    counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [map, key] of [[byRule, q.rule], [byStyle, q.style]] as const) {
      const s = map.get(key) ?? { n: 0, right: 0, wrong: 0 };
      s.n++;
      if (v === "right") s.right++;
      if (v === "wrong-computed") s.wrong++;
      map.set(key, s);
    }
    if (v !== "right") misses.push(`${q.id} [${v}] ${q.q}\n    expected: ${q.answer ?? q.expect.join(" & ")}\n    got (${reply.kind}, ${reply.entryId ?? "-"}): ${reply.text.split("\n")[0]?.slice(0, 160)}`);
  }
  bot.close();

  const n = questions.length;
  const get = (v: NumbersVerdict) => counts.get(v) ?? 0;
  console.log(`${file}${half ? ` (${half} half)` : ""}${part ? ` (${part} part)` : ""}: ${n} questions, asked ${ASKED_AT.toISOString()}`);
  console.log(`right (computed, every expect matches): ${get("right")}/${n} = ${pct(get("right"), n)}`);
  console.log(`wrong figure presented as computed:     ${get("wrong-computed")}/${n} = ${pct(get("wrong-computed"), n)}`);
  console.log(`figure stated but not computed:         ${get("stated-not-computed")}/${n}`);
  console.log(`not computed (answer/clarify/fallback): ${get("not-computed")}/${n}`);
  const table = (title: string, map: Map<string, { n: number; right: number; wrong: number }>) => {
    console.log(`\n${title}`);
    for (const [key, s] of [...map].sort((a, b) => b[1].n - a[1].n)) {
      console.log(`  ${key.padEnd(40)} ${String(s.right).padStart(3)}/${String(s.n).padEnd(3)} ${pct(s.right, s.n).padStart(6)}  wrong-computed ${s.wrong}`);
    }
  };
  const failed = [
    minRight !== undefined && (100 * get("right")) / Math.max(1, n) < minRight ? `right ${pct(get("right"), n)} < ${minRight}%` : "",
    maxWrong !== undefined && get("wrong-computed") > maxWrong ? `wrong ${get("wrong-computed")} > ${maxWrong}` : "",
  ].filter(Boolean);
  if (failed.length > 0) {
    console.error(`gate failed: ${failed.join("; ")}`);
    process.exitCode = 1;
  }
  // A held-out part says how many, never which: no table by rule or style.
  if (heldOut) return;
  table("by rule (as the writers named it)", byRule);
  table("by style", byStyle);
  if (showFailures) console.log(`\nmisses:\n${misses.join("\n")}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
