/**
 * `/appeal [商户ID]`: the merchant's penalties, their appeal deadlines and what the next
 * violation of each laddered rule would cost, spec/rules.md §3.
 */
import {
  APPEAL_ENTRY,
  APPEAL_WINDOW_HOURS,
  TA_CLOSURE_BENEFITS_LOST,
  TA_CLOSURE_DAYS,
  checkAppeals,
  type AppealsCheck,
  type ExtraMeasure,
  type NextViolationCost,
  type PenaltyAppeal,
} from "../../rules/index.js";
import { defineCommand } from "./define-command.js";
import {
  bullets,
  checkTitle,
  ESTIMATE_NOTE,
  formatDate,
  formatDateTime,
  formatTimeLeft,
  joinBlocks,
  missingFieldsText,
  missingFieldsView,
  PENALTY_RULE_NAMES,
  sourceLine,
} from "./format-check.js";
import { runPersonalCheck, type CheckView, type RenderContext } from "./personal-check.js";

const SOURCE = "国际站规则更新解读（管控公告、禁限售违规公示、直播FAQ Q3）";

const MEASURE_NAMES: Readonly<Record<ExtraMeasure, string>> = {
  "shop-blocked": "店铺屏蔽",
  "search-demotion": "搜索降权",
  "account-closed": "关闭账号",
  "trade-assurance-closed-90-days": `关闭信用保障服务资格${TA_CLOSURE_DAYS}天（${TA_CLOSURE_BENEFITS_LOST.map(([zh]) => zh).join("、")}等均无法享受）`,
};

/** briefing: 国际站规则更新-直播FAQ Q3 — 以下情形可以申诉 (for refusing Trade Assurance). */
const REFUSE_TA_APPEALABLE = [
  "买家要求不操作信用保障订单",
  "因客观原因不能操作信用保障订单，如无法使用一达通、自营出口、市场采购出口，且订单在5000美金以上",
  "有其他无法操作信用保障订单的正当、客观理由",
];

function appealText(p: PenaltyAppeal): string {
  const a = p.appeal;
  if (a.kind === "none-given") {
    const consequence = a.consequence === "48-points-and-shop-closed" ? "一次扣48分并关闭店铺" : "关闭店铺";
    return `简报未给出申诉期（公示的处罚措施：${consequence}）`;
  }
  return a.open
    ? `申诉截止 **${formatDateTime(a.deadline)}**，还剩 ${formatTimeLeft(a.timeLeft)}`
    : `已过申诉期（截止 ${formatDateTime(a.deadline)}）`;
}

function penaltyLine(p: PenaltyAppeal): string {
  return `**${p.penaltyId}** · ${PENALTY_RULE_NAMES[p.rule]} · 处罚时间 ${formatDateTime(p.at)} · 扣 ${p.points} 分 · ${appealText(p)}`;
}

function nextViolationLine(n: NextViolationCost): string {
  const cost = [n.warningOnly ? "警告" : `扣 ${n.points} 分`, ...n.extra.map((m) => MEASURE_NAMES[m])].join("，并");
  const severe =
    n.severeCaseMeasures.length > 0 ? `；情节严重的：${n.severeCaseMeasures.map((m) => MEASURE_NAMES[m]).join("、")}` : "";
  return `${PENALTY_RULE_NAMES[n.rule]}：自 ${formatDate(n.countedFrom)}起已记 ${n.pastCount} 次，下一次是第 ${n.nextOrdinal} 次 → **${cost}**${severe}`;
}

function headline(check: AppealsCheck): string {
  if (check.penalties.length === 0) return "**没有处罚记录**，目前无需申诉。";
  return `**共 ${check.penalties.length} 条处罚，其中 ${check.openCount} 条仍在申诉期内**`;
}

function renderAppeal({ merchant, now }: RenderContext): CheckView {
  const title = checkTitle(merchant.id, "处罚与申诉");
  const check = checkAppeals(merchant, now);
  if (!check.ok) return missingFieldsView(title, check.missing, "暂时无法查看处罚和申诉期。", SOURCE);
  const nextStep =
    check.openCount > 0
      ? `**下一步**：在截止前到 **${APPEAL_ENTRY}** 提交申诉，并附上证明材料。`
      : `申诉入口：${APPEAL_ENTRY}（处罚执行后${APPEAL_WINDOW_HOURS / 24}天内）。`;
  return {
    title,
    text: joinBlocks(
      headline(check),
      check.penalties.length > 0 ? bullets(check.penalties.map(penaltyLine)) : null,
      ["再次违规的处罚（阶梯规则）：", ...bullets(check.nextViolation.map(nextViolationLine))],
      ["因拒用信保被处罚、但认为非自身原因的，以下情形可以申诉：", ...bullets(REFUSE_TA_APPEALABLE)],
      `说明：申诉截止时间${ESTIMATE_NOTE}：处罚执行时间 + ${APPEAL_WINDOW_HOURS / 24}×24 小时（北京时间）。`,
      nextStep,
      sourceLine(SOURCE),
    ),
  };
}

/** One line for /check: how many penalties may still be appealed. */
export function summarizeAppeal({ merchant, now }: RenderContext): string {
  const check = checkAppeals(merchant, now);
  if (!check.ok) return `处罚申诉：${missingFieldsText(check.missing, "无法查看")}（/appeal）`;
  if (check.penalties.length === 0) return "处罚申诉：没有处罚记录（/appeal）";
  const open = check.penalties.flatMap((p) => (p.appeal.kind === "7-days" && p.appeal.open ? [p.appeal.deadline] : []));
  const first = open.sort((a, b) => a.toMillis() - b.toMillis())[0];
  const deadline = first ? `，最早截止 ${formatDateTime(first)}` : "";
  return `处罚申诉：共 ${check.penalties.length} 条处罚，**${check.openCount} 条仍可申诉**${deadline}（详见 /appeal）`;
}

export const appealCommand = defineCommand({
  name: "appeal",
  aliases: ["申诉", "处罚"],
  usage: "/appeal [商户ID]",
  summary: "处罚与申诉：每条处罚的申诉截止时间、再次违规的代价、申诉入口",
  group: "checks",
  intents: ["申诉", "处罚", "扣分", "违规", "申诉期"],
  run: (ctx) => runPersonalCheck(ctx, { action: "/appeal", render: renderAppeal }),
});
