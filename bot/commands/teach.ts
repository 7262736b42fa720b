/**
 * `/teach <问题编号> <条目ID | off-topic>` (staff): attaches a question the bot recorded (the
 * numbers /unanswered shows) to the entry that answers it, or marks it off-topic. The matcher
 * learns it at once, without a restart; the store keeps it, so it is learned again at every
 * start, and `npm run kb:taught` exports what was taught for the knowledge editors to review
 * into the YAML. How the matcher learns: docs/matching.md.
 */
import { StoreError } from "../store/store-error.js";
import { errorReply, makeReply } from "../pipeline/replies.js";
import { defineCommand } from "./define-command.js";
import { formatProbability, quoteUserText } from "./staff-report.js";

const USAGE = "/teach <问题编号> <条目ID|off-topic>";
/** What staff may type for "this question is not about the briefing". */
const OFF_TOPIC_WORDS = new Set(["off-topic", "offtopic", "off", "无关", "不相关", "范围外"]);

export const teachCommand = defineCommand({
  name: "teach",
  aliases: ["教学", "纠正"],
  usage: USAGE,
  summary: "把 /unanswered 里的一个问题归到正确的条目（或标为与发布会无关），立即生效",
  group: "staff",
  staffOnly: true,
  run: ({ args, msg, deps }) => {
    const m = /^#?(\d{1,12})\s+(\S+)$/u.exec(args.normalize("NFKC").trim());
    if (!m) {
      return errorReply(
        `用法：${USAGE}。问题编号见 /unanswered（如 #12），条目ID见 /search 或 /faq，例如：/teach 12 guarantee-exit，或 /teach 12 off-topic。`,
        "用法",
      );
    }
    const questionId = Number(m[1]);
    const target = m[2]!.toLowerCase();
    const entryId = OFF_TOPIC_WORDS.has(target) ? null : target;
    const entry = entryId === null ? undefined : deps.kb.byId.get(entryId);
    if (entryId !== null && !entry) {
      return errorReply(`没有ID为「${quoteUserText(target)}」的条目。用 /search <问题> 查看候选条目的ID，或用 off-topic 标为与发布会无关。`, "没有这个条目");
    }
    let normalized: string | undefined;
    try {
      normalized = deps.store.recordedQuestion(questionId);
    } catch (err) {
      if (err instanceof StoreError) return errorReply("查询暂时不可用，请稍后再试。", "暂时不可用");
      throw err;
    }
    if (normalized === undefined) {
      return errorReply(`没有编号为 #${questionId} 的记录（只有没能回答或追问过的问题才有编号，且超过保留期会被清除）。发送 /unanswered 查看。`, "没有这个问题");
    }
    let outcome;
    try {
      outcome = deps.store.teachPhrasing({ normalized, entryId, userId: msg.userId, at: msg.now });
    } catch (err) {
      if (err instanceof StoreError) return errorReply("保存失败，请稍后再试。", "暂时不可用");
      throw err;
    }
    const learned = deps.index.teach(normalized, entryId);
    const what = entry ? `**${entry.topic}**（${entry.id}）` : "**与发布会无关**（以后会直接说明不在范围内）";
    const lines = [
      outcome === "unchanged" ? `「${quoteUserText(normalized)}」之前已经归到 ${what}。` : `已记住：「${quoteUserText(normalized)}」→ ${what}。`,
    ];
    if (learned === undefined) lines.push("", "注意：当前知识库还没有训练过的排序模型，重新训练（npm run kb:calibrate）后才会生效。");
    else lines.push("", `立即生效：排序模型现在给它的概率为 ${formatProbability(learned)}。导出给知识库编辑审阅：npm run kb:taught。`);
    return makeReply("command", "已记住", lines.join("\n"));
  },
});
