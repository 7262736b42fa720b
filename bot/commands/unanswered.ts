/**
 * `/unanswered [天数]` (staff): the knowledge editors' to-do list. The questions the bot could
 * not answer (fallback) or was unsure about (a clarify below 0.5), grouped by their normalised
 * text, most asked first, with the entry that came closest (and the one askers picked, when they
 * answered the clarify: a ready /teach); then the questions handed to a person (转人工).
 */
import { when } from "../pipeline/hand-off.js";
import { makeReply } from "../pipeline/replies.js";
import { defineCommand } from "./define-command.js";
import { formatProbability, quoteUserText, reportWindowOrError, shanghaiDate } from "./staff-report.js";

const USAGE = "/unanswered [天数]";
/** Rows listed; the store orders them by count, so these are the most asked. */
const LIMIT = 20;
/** A clarify whose best entry is below this confidence counts as unanswered. */
const MAX_CLARIFY_CONFIDENCE = 0.5;
/** Handoff questions listed, newest first. */
const HANDOFF_LIMIT = 10;

export const unansweredCommand = defineCommand({
  name: "unanswered",
  aliases: ["未解答", "待补充"],
  usage: USAGE,
  summary: "列出最近没能回答或没有把握的问题（按次数排序，附最接近的条目），默认 7 天",
  group: "staff",
  staffOnly: true,
  run: ({ args, msg, deps }) => {
    const window = reportWindowOrError(args, msg.now, "/unanswered", USAGE);
    if ("kind" in window) return window;
    const range = `${window.days[0]} 至 ${window.days.at(-1)}，北京时间`;
    const rows = deps.store.listUnanswered({ since: window.since, limit: LIMIT, maxClarifyConfidence: MAX_CLARIFY_CONFIDENCE });
    const handoffs = deps.store.listHandoffs({ since: window.since, limit: HANDOFF_LIMIT });
    if (rows.length === 0 && handoffs.length === 0) {
      return makeReply("command", "未解答的问题", `最近 ${window.days.length} 天（${range}）没有记录到未解答的问题，也没有转人工。`);
    }
    const lines = [`**最近 ${window.days.length} 天未解答的问题**（${range}；按次数排序，最多 ${LIMIT} 个）`, ""];
    if (rows.length === 0) lines.push("- 没有记录到未解答的问题");
    for (const r of rows) {
      const nearest = r.nearestEntryId
        ? `最接近 ${r.nearestEntryId}（置信度 ${formatProbability(r.nearestConfidence)}）`
        : "没有相近的条目";
      const picked = r.picked ? ` · 追问后选了 ${r.picked.entryId}（${r.picked.count} 次）→ /teach ${r.id} ${r.picked.entryId}` : "";
      lines.push(`- #${r.id} · ${r.count} 次 · 「${quoteUserText(r.normalized)}」 · 最近 ${shanghaiDate(r.lastSeen)} · ${nearest}${picked}`);
    }
    if (handoffs.length > 0) {
      lines.push("", `**转人工的问题**（最近 ${handoffs.length} 个，从新到旧）`, "");
      for (const h of handoffs) {
        const state = h.closedAt === null ? "待处理" : `已由 ${quoteUserText(h.closedByName ?? h.closedBy ?? "", 32)} 关闭`;
        lines.push(`- 转人工 #${h.id} · ${when(h.openedAt)} · 「${quoteUserText(h.question)}」 · ${state}`);
      }
    }
    lines.push(
      "",
      `> 包括没能回答的问题和置信度低于 ${MAX_CLARIFY_CONFIDENCE} 的追问。发送 /search <问题> 查看匹配细节；` +
        "/teach <编号> <条目ID> 把问题归到正确的条目（或 off-topic），立即生效；补充条目或说法见 knowledge/README.md。" +
        "转人工的问题发送 /handoff 查看待处理的，/done <编号> 关闭。",
    );
    return makeReply("command", "未解答的问题", lines.join("\n"));
  },
});
