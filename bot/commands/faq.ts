import { defineCommand } from "./define-command.js";
import { errorReply } from "../pipeline/replies.js";
import { answerReply } from "../pipeline/format-entry.js";
import { escapeText } from "../pipeline/markdown.js";

export const faqCommand = defineCommand({
  name: "faq",
  aliases: ["问答", "条目"],
  usage: "/faq <条目ID> [全文] [en]",
  summary: "按 ID 查看一条问答；加「全文」同时显示生效时间、完整出处和全部相关问题，加 en 看英文回答",
  group: "knowledge",
  run: ({ msg, args, deps }) => {
    const [rawId = "", ...rest] = args.trim().split(/\s+/);
    const id = rawId.toLowerCase();
    const full = rest.some((w) => /^(?:全文|详情|更多|full|more|all)$/i.test(w));
    const lang = rest.some((w) => /^(?:en|english|英文)$/i.test(w)) ? "en" : "zh";
    if (!id) return errorReply("请在 /faq 后面写上条目ID，例如：/faq guarantee-exit。发送 /topics 查看所有条目。");
    const entry = deps.kb.byId.get(id);
    if (!entry) {
      const near = deps.kb.entries.filter((e) => e.id.includes(id) || id.includes(e.id)).slice(0, 5);
      const hint = near.length > 0 ? `\n\n你是不是要找：\n${near.map((e) => `- /faq ${e.id}（${e.topic}）`).join("\n")}` : "";
      return errorReply(`没有 ID 为「${escapeText(id.slice(0, 64))}」的条目。发送 /topics 查看所有条目。${hint}`, "未找到条目");
    }
    return answerReply(entry, deps.kb, { now: msg.now, confidence: 1, exact: true, full, lang });
  },
});
