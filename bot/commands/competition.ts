/**
 * `/competition <类目搜索指数> <卖家规模指数>`: a keyword's 竞争度 as 选词参谋 defines it, with
 * what the figure means, spec/rules.md §10. Needs no merchant.
 */
import { computeKeywordCompetition } from "../../rules/index.js";
import { errorReply, makeReply } from "../pipeline/replies.js";
import { defineCommand } from "./define-command.js";
import { bullets, formatNumber, joinBlocks, parseNumberArg, sourceLine } from "./format-check.js";

const SOURCE = "金品诚企品牌升级-工具差异化（选词参谋）";
const USAGE = "/competition <类目搜索指数> <卖家规模指数>";
const EXAMPLE = "/competition 1200 300";

const ERRORS = {
  "not-finite": "两个指数都必须是有效数字",
  negative: "类目搜索指数不能是负数",
  "not-positive": "卖家规模指数必须大于 0（它是除数）",
} as const;

export const competitionCommand = defineCommand({
  name: "competition",
  aliases: ["竞争度"],
  usage: USAGE,
  summary: "计算关键词竞争度（类目搜索指数 ÷ 卖家规模指数）并解释含义",
  group: "tools",
  run: ({ args }) => {
    const parts = args.trim().split(/[\s,，/／、]+/u).filter(Boolean);
    const [search, sellers] = parts.map(parseNumberArg);
    if (parts.length !== 2 || search === null || search === undefined || sellers === null || sellers === undefined) {
      return errorReply(`请写两个数字：${USAGE}（都可在选词参谋中查到），例如：${EXAMPLE}`, "参数有误");
    }
    const r = computeKeywordCompetition(search, sellers);
    if (!r.ok) return errorReply(`${ERRORS[r.error]}。用法：${USAGE}，例如：${EXAMPLE}`, "参数有误");
    const text = joinBlocks(
      `**竞争度：${formatNumber(r.competition, 2)}**（类目搜索指数 ${formatNumber(r.categorySearchIndex)} ÷ 卖家规模指数 ${formatNumber(r.sellerScaleIndex)}）`,
      bullets([
        "竞争度 = 类目搜索指数 ÷ 卖家规模指数：值越大，说明买家搜索得多而卖家用得少，竞争越小",
        "如果这个词的点击率也高，就是蓝海词，还没用的抓紧用",
        "简报没有给出高低的分界值，建议与同类目的其他候选词比较",
      ]),
      "**下一步**：在选词参谋中对比几个候选词的竞争度和点击率，优先把竞争度高、点击率高的词用到标题和直通车。",
      sourceLine(SOURCE),
    );
    return makeReply("command", "关键词竞争度", text);
  },
});
