/**
 * How long the bot's replies are on a phone: the median and p95 number of shown lines of the
 * answer to every knowledge entry (`/faq <id>`), and of /help, /topics and /topics 1, through the real
 * pipeline. `npm run bench:lines [-- --now <ISO>]` (docs/replies.md); the briefing day by default. Buttons are counted apart: they are not text.
 */
import { askFresh, createScoringBot } from "./scoring-bot.js";

const bot = createScoringBot();
// `--now <ISO>` measures on another day (after an offer ended, its answer leads with a note).
const nowArg = process.argv.indexOf("--now");
const now = new Date(nowArg > 0 ? process.argv[nowArg + 1]! : "2021-08-26T10:00:00+08:00");
if (Number.isNaN(now.getTime())) throw new Error("--now must be an ISO 8601 date-time, e.g. 2026-12-01T10:00:00+08:00");
const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "").length;

const answerLines: number[] = [];
const buttons: number[] = [];
let n = 0;
for (const entry of bot.deps.kb.entries) {
  const reply = await askFresh(bot, `/faq ${entry.id}`, n++, now, "lines");
  answerLines.push(lines(reply.text));
  buttons.push(reply.actions?.length ?? 0);
}
const at = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
console.log(`answers over ${answerLines.length} entries: median ${at(answerLines, 0.5)} lines, p95 ${at(answerLines, 0.95)}, max ${at(answerLines, 1)}; buttons median ${at(buttons, 0.5)}`);
for (const command of ["/help", "/topics", "/topics 1"]) {
  const reply = await askFresh(bot, command, n++, now, "lines");
  console.log(`${command}: ${lines(reply.text)} lines, ${reply.text.length} characters, ${reply.actions?.length ?? 0} buttons`);
}
