import { defineCommand } from "./define-command.js";
import { faqMessage } from "../pipeline/format-entry.js";
import { escapeText } from "../pipeline/markdown.js";
import { errorReply, makeReply } from "../pipeline/replies.js";

/** Questions per page of `/topics <n>`: what a phone shows as buttons without scrolling far. */
export const TOPICS_PAGE_SIZE = 8;

export const topicsCommand = defineCommand({
  name: "topics",
  aliases: ["话题", "目录"],
  usage: "/topics [章节编号] [页码]",
  summary: "列出发布会的各个章节；加编号列出该章节的全部问题",
  group: "knowledge",
  run: ({ args, deps }) => {
    const { sections, entries } = deps.kb;
    const arg = args.trim();
    if (!arg) {
      const text = ["**本期发布会（2021-08-26）的话题**", "", "点一个话题查看它的问题，或者直接提问，不必记住编号。"].join("\n");
      const actions = sections.map((s) => ({
        label: `${s.title}（${entries.filter((e) => e.section.id === s.id).length}）`,
        send: `/topics ${s.number}`,
      }));
      return makeReply("command", "话题", text, { actions });
    }
    const [name = "", pageWord] = arg.split(/\s+/);
    const section = sections.find((s) => String(s.number) === name || s.id === name || s.title.includes(name));
    if (!section) {
      return errorReply(`没有「${escapeText(arg.slice(0, 40))}」这个章节。点下面的按钮或发送 /topics 查看章节。`, "未找到章节", {
        actions: [{ label: "查看所有话题", send: "/topics" }],
      });
    }
    const inSection = entries.filter((x) => x.section.id === section.id);
    const pages = Math.max(1, Math.ceil(inSection.length / TOPICS_PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(pageWord ?? "1", 10) || 1));
    const shown = inSection.slice((page - 1) * TOPICS_PAGE_SIZE, page * TOPICS_PAGE_SIZE);
    const where = pages > 1 ? `，这是第 ${page}/${pages} 页` : "";
    const text = [`**${section.number}. ${section.title}**`, "", `共 ${inSection.length} 个问题${where}，点一个查看答案：`].join("\n");
    const actions = shown.map((e) => ({ label: e.topic, send: faqMessage(e.id) }));
    if (page < pages) actions.push({ label: `下一页（${page + 1}/${pages}）`, send: `/topics ${section.number} ${page + 1}` });
    return makeReply("command", section.title, text, { actions });
  },
});
