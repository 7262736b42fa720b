import { defineCommand } from "./define-command.js";
import { errorReply, makeReply } from "../pipeline/replies.js";

export const topicsCommand = defineCommand({
  name: "topics",
  aliases: ["话题", "目录"],
  usage: "/topics [章节编号]",
  summary: "列出发布会的各个章节；加编号列出该章节的全部问题",
  group: "knowledge",
  run: ({ args, deps }) => {
    const { sections, entries } = deps.kb;
    const arg = args.trim();
    if (!arg) {
      const lines = ["**本期发布会（2021-08-26）的话题**", ""];
      for (const s of sections) {
        const n = entries.filter((e) => e.section.id === s.id).length;
        lines.push(`${s.number}. ${s.title}（${n} 个问题，发送 /topics ${s.number} 查看）`);
      }
      lines.push("", "直接提问即可，不必记住编号。");
      return makeReply("command", "话题", lines.join("\n"));
    }
    const section = sections.find((s) => String(s.number) === arg || s.id === arg || s.title.includes(arg));
    if (!section) return errorReply(`没有「${arg.slice(0, 40)}」这个章节。发送 /topics 查看章节编号。`, "未找到章节");
    const lines = [`**${section.number}. ${section.title}**`, ""];
    for (const e of entries.filter((x) => x.section.id === section.id)) lines.push(`- ${e.question}（/faq ${e.id}）`);
    return makeReply("command", section.title, lines.join("\n"));
  },
});
