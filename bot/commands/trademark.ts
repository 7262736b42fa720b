/**
 * `/trademark <商品标题>`: the August 2021 protected brand names (专题商标) found in a product
 * title, spec/rules.md §10. Needs no merchant.
 */
import { findTrademarks, PROTECTED_TRADEMARKS, type TrademarkMatch } from "../../rules/index.js";
import { errorReply, makeReply } from "../pipeline/replies.js";
import { defineCommand } from "./define-command.js";
import { bullets, joinBlocks, sourceLine } from "./format-check.js";

const SOURCE = "国际站规则更新解读（2021年8月国际站知识产权专题解读）";
const EXAMPLE = "/trademark Calvin Klein style men's underwear";

/** briefing: 商家预防侵权行动点 — 风控提醒 */
const REMINDER =
  "**提醒**：商家不得发布、销售侵权商品。没有品牌授权的，请删除该商品或修改标题后再发布；国际站会根据侵权行为处以警告、扣分直至关闭账号等处罚。";

function matchLine(m: TrademarkMatch): string {
  const seen = m.matched === m.trademark ? "" : `（标题中写作“${m.matched}”）`;
  return `**${m.trademark}**${seen}${m.generic ? "：也是常用词，请按商品类型判断（仅当商品属于该商标保护的品类时才构成风险）" : ""}`;
}

export const trademarkCommand = defineCommand({
  name: "trademark",
  aliases: ["商标", "侵权"],
  usage: "/trademark <商品标题>",
  summary: "检查商品标题里是否含有2021年8月公布的专题保护商标",
  group: "tools",
  // A question naming a protected brand (not one of the everyday-word names) is a title check.
  detect: (text) => (findTrademarks(text).some((m) => !m.generic) ? text : undefined),
  run: ({ args }) => {
    const title = args.trim();
    if (!title) return errorReply(`请在指令后写上商品标题，例如：${EXAMPLE}`, "缺少商品标题");
    const matches = findTrademarks(title);
    const scope = `只对照简报公布的 ${PROTECTED_TRADEMARKS.length} 个专题商标，不代表没有其他知识产权风险。`;
    const text =
      matches.length === 0
        ? joinBlocks("**未发现2021年8月专题商标**", scope, REMINDER, sourceLine(SOURCE))
        : joinBlocks(
            `**发现 ${matches.length} 个专题保护商标：${matches.map((m) => m.trademark).join("、")}**`,
            bullets(matches.map(matchLine)),
            scope,
            REMINDER,
            sourceLine(SOURCE),
          );
    return makeReply("command", "商标检查", text);
  },
});
