/**
 * `/check [商户ID]`: every personalised check for one merchant in one short summary, a line
 * each, pointing to the detailed command. One access decision and one audit entry for all.
 */
import { summarizeAppeal } from "./appeal.js";
import { summarizeBrand } from "./brand.js";
import { summarizeCard } from "./card.js";
import { defineCommand } from "./define-command.js";
import { summarizeFactory } from "./factory.js";
import { summarizeFees } from "./fees.js";
import { summarizeFestival } from "./festival.js";
import { bullets, checkTitle, formatDate, joinBlocks, sourceLine } from "./format-check.js";
import { summarizeGuarantee } from "./guarantee.js";
import { runPersonalCheck, type CheckView, type RenderContext } from "./personal-check.js";
import { summarizeScore } from "./score.js";
import { summarizeZone } from "./zone.js";

/** The summaries, in /help order. */
const SUMMARIES: readonly ((ctx: RenderContext) => string)[] = [
  summarizeScore,
  summarizeGuarantee,
  summarizeAppeal,
  summarizeFactory,
  summarizeBrand,
  summarizeZone,
  summarizeFestival,
  summarizeFees,
  summarizeCard,
];

function renderCheck(ctx: RenderContext): CheckView {
  const { merchant, now } = ctx;
  return {
    title: checkTitle(merchant.id, "规则体检"),
    text: joinBlocks(
      `**${merchant.name}（${merchant.id}）规则体检 · ${formatDate(now)}**`,
      bullets(SUMMARIES.map((summarize) => summarize(ctx))),
      "发送括号里的指令查看每一项的明细和下一步建议。",
      sourceLine("各专题（明细见对应指令）"),
    ),
  };
}

export const checkCommand = defineCommand({
  name: "check",
  aliases: ["检查", "体检"],
  usage: "/check [商户ID]",
  summary: "一次查看全部个性化检查的摘要（服务分、保障升级、申诉、找工厂、品牌站、专区、采购节、服务费、卡片）",
  group: "checks",
  intents: ["体检", "全部检查"],
  run: (ctx) => runPersonalCheck(ctx, { action: "/check", render: renderCheck }),
});
