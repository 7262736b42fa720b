/**
 * `npm run kb:score -- FILE.jsonl [--failures] [--min-in-scope PCT] [--max-off-topic PCT]`:
 * scores the bot on labelled questions (knowledge/labelled-questions.ts), in-process, through
 * the same pipeline DingTalk feeds, each question in a fresh conversation.
 *
 * - an in-scope question is right when the reply is an answer from an accepted entry (or a
 *   command reply) that states the fact: every `expect` pattern matches its text;
 * - a vague one is also right as a clarify that offers an accepted entry;
 * - an off-topic one is right only as a fallback; "answered" counts a rule answer to it.
 *
 * Prints the figures overall and per style (so the weakest style is visible). `--failures`
 * lists the misses: never use it on the locked set (test/fixtures/blind/README.md).
 */
import { askFresh, createScoringBot } from "./scoring-bot.js";
import type { Reply } from "../bot/pipeline/types.js";
import { loadLabelledQuestions } from "../knowledge/labelled-questions.js";
import type { LabelledQuestion } from "../knowledge/labelled-questions.js";

/** Questions are asked on the briefing's day, as the merchants who wrote them would have. */
const ASKED_AT = new Date("2021-08-26T12:00:00+08:00");

export type Verdict = "right" | "wrong-entry" | "missing-fact" | "clarify" | "fallback" | "other" | "off-topic-ok" | "off-topic-answered" | "off-topic-clarified";

export function judge(q: LabelledQuestion, reply: Reply): Verdict {
  if (q.fallback) return reply.kind === "fallback" ? "off-topic-ok" : reply.kind === "answer" ? "off-topic-answered" : reply.kind === "clarify" ? "off-topic-clarified" : "off-topic-ok";
  const states = q.expect.every((re) => new RegExp(re, "iu").test(reply.text));
  if (reply.kind === "answer") {
    if (!q.accept.includes(reply.entryId ?? "")) return "wrong-entry";
    return states ? "right" : "missing-fact";
  }
  if (reply.kind === "command") return states && q.expect.length > 0 ? "right" : "other";
  if (reply.kind === "clarify") return q.vague && (reply.choices ?? []).some((id) => q.accept.includes(id)) ? "right" : "clarify";
  if (reply.kind === "fallback") return "fallback";
  return "other";
}

const pct = (a: number, b: number) => (b === 0 ? "—" : `${((100 * a) / b).toFixed(1)}%`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args.splice(i, 2)[1]) : undefined;
  };
  const showFailures = args.includes("--failures");
  const minInScope = flag("--min-in-scope");
  const maxOffTopic = flag("--max-off-topic");
  const files = args.filter((a) => !a.startsWith("--"));
  if (files.length === 0) {
    console.error("usage: npm run kb:score -- FILE.jsonl [--failures] [--min-in-scope PCT] [--max-off-topic PCT]");
    process.exit(2);
  }
  const questions = files.flatMap((f) => loadLabelledQuestions(f));
  const bot = createScoringBot();
  const byStyle = new Map<string, { n: number; right: number }>();
  const verdicts = new Map<Verdict, number>();
  let inScope = 0;
  let inRight = 0;
  let offTopic = 0;
  let offAnswered = 0;
  let k = 0;
  for (const q of questions) {
    const reply = await askFresh(bot, q.q, ++k, ASKED_AT, "score");
    const v = judge(q, reply);
    verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
    const ok = v === "right" || v === "off-topic-ok";
    const style = q.fallback ? "off-topic" : q.style;
    const s = byStyle.get(style) ?? { n: 0, right: 0 };
    s.n++;
    if (ok) s.right++;
    byStyle.set(style, s);
    if (q.fallback) {
      offTopic++;
      if (v === "off-topic-answered") offAnswered++;
    } else {
      inScope++;
      if (ok) inRight++;
    }
    if (showFailures && !ok) {
      const got = reply.kind === "answer" ? `answer ${reply.entryId}` : reply.kind === "clarify" ? `clarify [${(reply.choices ?? []).join(", ")}]` : reply.kind;
      console.log(`${v.padEnd(18)} ${q.id} [${q.style}] ${JSON.stringify(q.q)} → ${got}; want ${q.fallback ? "fallback" : q.accept.join("|")}`);
    }
  }
  bot.close();
  console.log(`in scope: ${inRight}/${inScope} right (${pct(inRight, inScope)}); off-topic: ${offAnswered}/${offTopic} answered (${pct(offAnswered, offTopic)})`);
  console.log(`outcomes: ${[...verdicts].map(([v, n]) => `${v} ${n}`).join(", ")}`);
  for (const [style, s] of [...byStyle].sort((a, b) => a[1].right / a[1].n - b[1].right / b[1].n)) {
    console.log(`  ${style.padEnd(16)} ${String(s.right).padStart(4)}/${String(s.n).padEnd(4)} ${pct(s.right, s.n)}`);
  }
  let failed = false;
  if (minInScope !== undefined && (100 * inRight) / Math.max(1, inScope) + 1e-9 < minInScope) {
    console.log(`FAIL: in-scope accuracy below the gate of ${minInScope}%`);
    failed = true;
  }
  if (maxOffTopic !== undefined && (100 * offAnswered) / Math.max(1, offTopic) > maxOffTopic + 1e-9) {
    console.log(`FAIL: off-topic answered above the gate of ${maxOffTopic}%`);
    failed = true;
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1]?.endsWith("score-questions.ts")) await main();
