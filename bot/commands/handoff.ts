/**
 * `/handoff`: for a merchant, a request for a person (as "转人工" is): the conversation goes to
 * the support staff on duty. For support staff, the list of open handoffs, oldest first, each
 * closed with `/done <编号>`. How handoffs work: docs/operations.md.
 */
import { handOff, when } from "../pipeline/hand-off.js";
import { makeReply } from "../pipeline/replies.js";
import { defineCommand } from "./define-command.js";
import { quoteUserText } from "./staff-report.js";

/** Open handoffs listed at most; the rest are counted. */
const LIMIT = 20;

export const handoffCommand = defineCommand({
  name: "handoff",
  aliases: ["转人工", "人工", "人工客服", "human"],
  usage: "/handoff [问题]",
  summary: "转人工客服：把对话转给值班客服（客服发送则列出待处理的转人工）",
  group: "knowledge",
  staffReport: true,
  run: ({ msg, args, deps }) => {
    const log = deps.logger.child({ component: "handoff", msgId: msg.id });
    if (!msg.staff) {
      const lang = /\p{Script=Han}/u.test(args) || !/[a-z]/i.test(args) ? "zh" : "en";
      return handOff(msg, args ? { lang, question: args } : { lang }, deps, log);
    }
    const open = deps.store.listOpenHandoffs(LIMIT + 1);
    if (open.length === 0) return makeReply("command", "待处理的转人工", "目前没有待处理的转人工。");
    const lines = [`**待处理的转人工**（${open.length > LIMIT ? `最早的 ${LIMIT} 个` : `${open.length} 个`}，从早到晚）`, ""];
    for (const h of open.slice(0, LIMIT)) {
      const who = h.userName ? `${quoteUserText(h.userName, 32)}（${quoteUserText(h.userId, 64)}）` : quoteUserText(h.userId, 64);
      lines.push(`- **#${h.id}** · ${when(h.openedAt)} · ${who} · ${h.chat === "group" ? "群聊" : "单聊"} · 「${quoteUserText(h.question)}」`);
    }
    lines.push("", "> 处理完后发送 /done <编号> 关闭，例如 /done " + open[0]!.id + "。");
    return makeReply("command", "待处理的转人工", lines.join("\n"));
  },
});
