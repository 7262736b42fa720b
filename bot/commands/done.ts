/**
 * `/done <编号>` (staff): closes a handoff once the merchant has been helped, recording who
 * closed it and when. The other staff the handoff went to are told, so nobody answers twice.
 */
import { when } from "../pipeline/hand-off.js";
import { errorReply, makeReply } from "../pipeline/replies.js";
import type { Notification } from "../pipeline/types.js";
import { defineCommand } from "./define-command.js";
import { quoteUserText } from "./staff-report.js";

const USAGE = "/done <编号>";

export const doneCommand = defineCommand({
  name: "done",
  aliases: ["完成", "已处理", "关闭"],
  usage: USAGE,
  summary: "关闭一个已处理的转人工（编号见 /handoff）",
  group: "staff",
  staffOnly: true,
  run: ({ msg, args, deps }) => {
    const m = /^#?(\d{1,12})$/u.exec(args.normalize("NFKC").trim());
    if (!m) return errorReply(`用法：${USAGE}，编号见 /handoff，例如：/done 3。`, "用法");
    const id = Number(m[1]);
    const result = deps.store.closeHandoff({ id, by: msg.userId, byName: msg.userName, at: msg.now });
    if (result.outcome === "unknown") {
      return errorReply(`没有编号为 #${id} 的转人工（已关闭的超过保留期会被清除）。发送 /handoff 查看待处理的转人工。`, "没有这个编号");
    }
    const h = result.handoff;
    const closer = quoteUserText(h.closedByName ?? h.closedBy ?? "", 32);
    if (result.outcome === "already-closed") {
      return makeReply("command", "已经关闭", `转人工 #${h.id} 已经在 ${when(h.closedAt!)} 由 ${closer} 关闭，无需再处理。`);
    }
    deps.logger.child({ component: "handoff", msgId: msg.id }).info({ handoff: h.id }, "handoff closed");
    const asker = h.userName ? quoteUserText(h.userName, 32) : quoteUserText(h.userId, 64);
    const notify: Notification[] = h.notified
      .filter((staffId) => staffId !== msg.userId)
      .map((staffId) => ({ userId: staffId, title: `转人工 #${h.id} 已处理`, text: `转人工 #${h.id}（${asker}）已由 ${closer} 在 ${when(msg.now)} 关闭，无需再处理。` }));
    return makeReply("command", "已关闭", `已关闭转人工 #${h.id}（${asker}：「${quoteUserText(h.question, 40)}」）。`, notify.length > 0 ? { notify } : {});
  },
});
