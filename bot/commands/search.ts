/**
 * `/search <问题>` (staff): why the bot answered what it did. Shows how the question reads after
 * normalisation, what the bot would do with it, and the five best entries with their confidence
 * and the features behind it, so that an editor can see which phrasing to add or fix.
 */
import { matchQuestion } from "../../knowledge/match-question.js";
import type { Match } from "../../knowledge/match-question.js";
import type { Candidate, SearchIndex } from "../../knowledge/search-index.js";
import { errorReply, makeReply } from "../pipeline/replies.js";
import { defineCommand } from "./define-command.js";
import { formatProbability as p, quoteUserText } from "./staff-report.js";

const USAGE = "/search <问题>";
/** How many candidates the listing shows. */
const SHOWN = 5;

export const searchCommand = defineCommand({
  name: "search",
  aliases: ["检索", "查条目"],
  usage: USAGE,
  summary: "查看一个问题匹配到的前 5 个条目、置信度和匹配依据（机器人为什么这样回答）",
  group: "staff",
  staffOnly: true,
  run: ({ args, deps }) => {
    const question = args.trim();
    if (!question) return errorReply(`请在指令后写上要检索的问题，例如：/search 保障升级服务多久能退出`, "缺少问题");
    const { normalized, candidates } = deps.index.search(question, SHOWN);
    const match = matchQuestion(deps.index, question);
    const lines = [
      `**检索：「${quoteUserText(question)}」**`,
      "",
      `- 规范化后：「${quoteUserText(normalized) || "（空）"}」`,
      `- 机器人会：${describeDecision(match)}`,
      `- 阈值：${describeThresholds(deps.index)}`,
    ];
    if (candidates.length === 0) {
      lines.push("", "没有任何条目与这个问题有共同的词。");
    } else {
      candidates.forEach((c, i) => lines.push("", ...describeCandidate(c, i + 1)));
    }
    lines.push("", "> 以上只是知识库匹配：寒暄、指令和带商户ID的个性化查询会先被识别，不走这一步。");
    return makeReply("command", "检索结果", lines.join("\n"));
  },
});

function describeDecision(match: Match): string {
  switch (match.kind) {
    case "answer":
      return `直接回答 ${match.candidate.entry.id}（置信度 ${p(match.candidate.confidence)}）`;
    case "clarify":
      return `请用户在 ${match.candidates.map((c) => c.entry.id).join("、")} 中选择`;
    case "fallback":
      return match.nearest
        ? `不回答（不在知识库范围内；最接近 ${match.nearest.entry.id}，P(在范围内) ${p(match.nearest.inScope)}）`
        : "不回答（没有相关条目）";
  }
}

function describeThresholds(index: SearchIndex): string {
  const t = index.calibration.thresholds;
  return `P(在范围内) ≥ ${p(t.scope)} 才作答；P(正确 | 在范围内) ≥ ${p(t.answer)} 直接回答，否则在接近的条目中追问`;
}

function describeCandidate(c: Candidate, rank: number): string[] {
  const f = c.features;
  return [
    `**${rank}. ${c.entry.id}**（${c.entry.topic}）`,
    `- 置信度 ${p(c.confidence)} · P(在范围内) ${p(c.inScope)}`,
    `- 匹配说法：「${quoteUserText(c.matchedPhrasing)}」`,
    `- 覆盖率 ${p(f.coverage)} · 说法相似度 ${p(f.phraseSimilarity)} · 模糊匹配 ${p(f.fuzzy)}`,
  ];
}
