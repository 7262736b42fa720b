/**
 * `/stats [天数]` (staff): how the bot is doing. Messages per day, how many rule questions it
 * answered, asked back about or could not answer, the entries asked most, the entries
 * merchants found least helpful, and the votes, clarify picks and handoffs of the window.
 */
import type { KnowledgeBase } from "../../knowledge/load-knowledge.js";
import type { DayStats } from "../store/open-store.js";
import { makeReply } from "../pipeline/replies.js";
import { defineCommand } from "./define-command.js";
import { reportWindowOrError, wholePercentages } from "./staff-report.js";

const USAGE = "/stats [天数]";
/** Entries listed under "most asked" and "not helpful". */
const TOP = 5;
/** Per-day lines at most: a longer window lists its latest days only. */
const MAX_DAY_LINES = 14;

export const statsCommand = defineCommand({
  name: "stats",
  aliases: ["统计"],
  usage: USAGE,
  summary: "提问统计：每天的消息数、回答/追问/未答的比例、被问最多和「没帮助」最多的条目、评价与转人工，默认 7 天",
  group: "staff",
  staffOnly: true,
  run: ({ args, msg, deps }) => {
    const window = reportWindowOrError(args, msg.now, "/stats", USAGE);
    if ("kind" in window) return window;
    const stats = deps.store.questionStats({ since: window.since, topEntries: TOP });
    const handoffs = deps.store.handoffStats({ since: window.since });
    const { answer, clarify, fallback, command } = stats.byKind;
    const questions = answer + clarify + fallback;
    const other = stats.total - questions - command;

    const lines = [`**最近 ${window.days.length} 天的提问统计**（${window.days[0]} 至 ${window.days.at(-1)}，北京时间）`, ""];
    if (stats.total === 0 && handoffs.open === 0) {
      lines.push("这段时间没有记录到任何消息。");
      return makeReply("command", "提问统计", lines.join("\n"));
    }
    lines.push(`- 共 ${stats.total} 条消息：规则问题 ${questions} 条，指令 ${command} 条，其他（无权限、出错）${other} 条`);
    if (questions > 0) {
      const [a, c, f] = wholePercentages([answer, clarify, fallback]);
      lines.push(`- 规则问题中：直接回答 ${a}%（${answer}）· 追问确认 ${c}%（${clarify}）· 未能回答 ${f}%（${fallback}）`);
    }

    const byDay = new Map(stats.perDay.map((d) => [d.day, d]));
    const shown = window.days.slice(-MAX_DAY_LINES);
    lines.push("", `**每天**${shown.length < window.days.length ? `（只列出最近 ${MAX_DAY_LINES} 天）` : ""}`);
    for (const day of shown) lines.push(`- ${dayLine(day, byDay.get(day))}`);

    lines.push("", "**被问最多的条目**");
    if (stats.topEntries.length === 0) lines.push("- 这段时间没有直接回答过的问题");
    stats.topEntries.forEach((e, i) => lines.push(`${i + 1}. ${entryLabel(e.entryId, deps.kb)}：${e.count} 次`));

    lines.push("", "**「没帮助」最多的条目**");
    if (stats.unhelpful.length === 0) lines.push("- 这段时间没有收到「没帮助」的评价");
    stats.unhelpful.forEach((e, i) => lines.push(`${i + 1}. ${entryLabel(e.entryId, deps.kb)}：没帮助 ${e.down} · 有帮助 ${e.up}`));

    lines.push(
      "",
      "**评价、追问选择与转人工**",
      "",
      `- 评价：有帮助 ${stats.votes.up} · 没帮助 ${stats.votes.down}（这段时间投出或改过的票）`,
      `- 追问后选了候选条目：${stats.picks} 次`,
      `- 转人工：新开 ${handoffs.opened} · 关闭 ${handoffs.closed} · 现在待处理 ${handoffs.open}`,
    );

    lines.push("", "> 发送 /unanswered 查看没能回答的问题，/handoff 查看待处理的转人工。");
    return makeReply("command", "提问统计", lines.join("\n"));
  },
});

function dayLine(day: string, d: DayStats | undefined): string {
  if (!d) return `${day}：0 条`;
  return `${day}：${d.total} 条（回答 ${d.answer} · 追问 ${d.clarify} · 未答 ${d.fallback} · 指令 ${d.command} · 其他 ${d.other}）`;
}

/** `guarantee-exit（保障升级服务·退出）`; an entry since removed from the knowledge base says so. */
function entryLabel(id: string, kb: KnowledgeBase): string {
  const entry = kb.byId.get(id);
  return entry ? `${id}（${entry.topic}）` : `${id}（已不在知识库中）`;
}
