/**
 * `/guarantee [商户ID]`: the merchant's trade-assurance upgrade service (保障升级服务): exit and
 * rejoin dates, fast-trading star level and the first-compensation offer, spec/rules.md §2.
 */
import {
  checkGuarantee,
  COMPENSATION_CAP_USD,
  COMPENSATION_RATE,
  COUPON_VALID_DAYS,
  GUARANTEE_EXIT_AFTER_DAYS,
  GUARANTEE_REJOIN_AFTER_DAYS,
  type GuaranteeCheck,
  type GuaranteeCountCondition,
} from "../../rules/index.js";
import { defineCommand } from "./define-command.js";
import {
  bullets,
  checkTitle,
  ESTIMATE_NOTE,
  formatBothZones,
  formatDate,
  formatPercent,
  formatUsd,
  joinBlocks,
  mark,
  MISSING_DATA_HINT,
  missingFieldsText,
  missingFieldsView,
  sourceLine,
} from "./format-check.js";
import { runPersonalCheck, type CheckView, type RenderContext } from "./personal-check.js";

const SOURCE = "信用保障「保障升级服务」上线（卖家权益、常见问题 Q2/Q6）";
/** briefing: 保障升级服务-常见问题 Q6 — 退出路径 */
const EXIT_PATH = "My Alibaba后台—交易管理—交易准入中心-退出“保障升级服务”";
/** briefing: 保障升级服务-如何加入？ 路径1 */
const JOIN_PATH = "MA后台-交易服务-交易服务准入";

function headline(g: GuaranteeCheck): string {
  if (g.state === "exited" && g.exitedOn && g.rejoin) {
    const when = g.rejoin.canRejoinNow ? "现在可以重新加入" : `还需 ${g.rejoin.daysUntilRejoin} 天`;
    return `**已于 ${formatDate(g.exitedOn)}退出保障升级服务，最早 ${formatDate(g.rejoin.earliestDate)}可重新加入，${when}**`;
  }
  if (g.state === "joined" && g.earliestExitDate) {
    const when = g.canExitNow ? "现在可以退出" : `还需 ${g.daysUntilExit ?? 0} 天`;
    return `**最早可退出日期：${formatDate(g.earliestExitDate)}，${when}**`;
  }
  return `**${missingFieldsText(g.missing, "暂时无法计算退出日期。")}**`;
}

function stateLines(g: GuaranteeCheck): string[] {
  if (g.state === "joined" && g.joinedOn && g.earliestExitDate) {
    const lines = [
      g.startsLater
        ? `状态：已登记加入，${formatDate(g.joinedOn)}起承担保障（尚未开始）`
        : `状态：已加入（承担保障起：${formatDate(g.joinedOn)}）`,
      `退出：承担保障起第${GUARANTEE_EXIT_AFTER_DAYS}天可以退出，最早 ${formatDate(g.earliestExitDate)}；${g.canExitNow ? "**现在可以退出**" : `还需 **${g.daysUntilExit ?? 0} 天**`}`,
      `退出路径：${EXIT_PATH}`,
    ];
    if (g.rejoin) lines.push(`重新加入：退出后${GUARANTEE_REJOIN_AFTER_DAYS}天内不能再加入；若在 ${formatDate(g.earliestExitDate)}退出，最早 ${formatDate(g.rejoin.earliestDate)}可重新加入`);
    return lines;
  }
  if (g.state === "exited" && g.exitedOn && g.rejoin) {
    return [
      `状态：已退出（退出日期：${formatDate(g.exitedOn)}${g.joinedOn ? `，此前加入：${formatDate(g.joinedOn)}` : ""}）`,
      `重新加入：退出后${GUARANTEE_REJOIN_AFTER_DAYS}天内不能再加入，最早 ${formatDate(g.rejoin.earliestDate)}；${g.rejoin.canRejoinNow ? "**现在可以重新加入**" : `还需 **${g.rejoin.daysUntilRejoin} 天**`}`,
    ];
  }
  return ["状态：未知（资料中没有加入或退出时间）", `退出路径：${EXIT_PATH}（承担保障起第${GUARANTEE_EXIT_AFTER_DAYS}天起可退出）`];
}

function countLine(label: string, c: GuaranteeCountCondition): string {
  return `${label}：${c.value} 个（需 ≥ ${c.min}）${mark(c.met)}${c.met ? "" : `，还差 ${c.gap} 个`}`;
}

function starLines(g: GuaranteeCheck): string[] {
  const s = g.fastTradingStar;
  const verdict = s.eligible
    ? "**快速交易星等级：已满足开启条件**（满足以下任一项即可）"
    : s.joined
      ? "快速交易星等级：暂未满足开启条件（以下任一项达标即可）"
      : "快速交易星等级：需先加入保障升级服务，且以下任一项达标";
  return [
    verdict,
    `条件一 ${countLine("支持7天及以内发货的RTS商品", s.rtsDispatchWithin7Days)}`,
    `条件二 ${countLine("支持小单快定的RTS商品", s.rtsSmallOrder)}`,
  ];
}

function benefitLines(g: GuaranteeCheck): string[] {
  const fc = g.firstCompensation;
  return [
    `平台首单包赔：${formatBothZones(fc.deadline, true)}前支付且发起赔付的订单，平台承担第一笔因逾期导致的赔付；${fc.stillApplies ? "**目前仍适用**" : "**已截止**"}`,
    `逾期扣分暂停：${g.state === "joined" ? "你目前已加入，" : "加入期间，"}逾期发货订单暂不按交易违规处罚规则扣分（仍计入按时发货率考核）`,
    `逾期赔付：仅在买家发起赔偿申请时，按订单金额${formatPercent(COMPENSATION_RATE)}（封顶${formatUsd(COMPENSATION_CAP_USD)}）发放无门槛优惠券，买家${COUPON_VALID_DAYS}天内使用，平台再向商家追缴（可用 /compensation 订单金额 计算）`,
  ];
}

function nextStepLine(g: GuaranteeCheck): string {
  if (g.state === "joined" && g.earliestExitDate) {
    return g.canExitNow
      ? `**下一步**：如需退出，按上面的路径操作；退出后${GUARANTEE_REJOIN_AFTER_DAYS}天内不能再加入。`
      : `**下一步**：${formatDate(g.earliestExitDate)}之前无法退出；期间请按时发货，减少买家赔偿申请。`;
  }
  if (g.state === "exited" && g.rejoin) {
    const when = g.rejoin.canRejoinNow ? "现在即可" : `${formatDate(g.rejoin.earliestDate)}起可`;
    return `**下一步**：${when}在 ${JOIN_PATH} 点击“加入保障升级服务”重新加入。`;
  }
  return MISSING_DATA_HINT;
}

function renderGuarantee({ merchant, now }: RenderContext): CheckView {
  const title = checkTitle(merchant.id, "保障升级服务");
  const g = checkGuarantee(merchant, now);
  if (!g.ok) {
    return missingFieldsView(title, g.missing, "暂时无法查看保障升级服务的状态。", SOURCE, `加入路径：${JOIN_PATH}，点击“加入保障升级服务”。`);
  }
  return {
    title,
    text: joinBlocks(
      headline(g),
      bullets([...stateLines(g), ...starLines(g)]),
      bullets(benefitLines(g)),
      `说明：退出和重新加入日期${ESTIMATE_NOTE}：加入日 + ${GUARANTEE_EXIT_AFTER_DAYS} 天可退出，退出日 + ${GUARANTEE_REJOIN_AFTER_DAYS} 天可重新加入（北京时间）。`,
      nextStepLine(g),
      sourceLine(SOURCE),
    ),
  };
}

/** One line for /check: the exit (or rejoin) date. */
export function summarizeGuarantee({ merchant, now }: RenderContext): string {
  const g = checkGuarantee(merchant, now);
  if (!g.ok) return `保障升级服务：${missingFieldsText(g.missing, "无法查看")}（/guarantee）`;
  if (g.state === "joined" && g.earliestExitDate) {
    return `保障升级服务：已加入，最早 **${formatDate(g.earliestExitDate)}**可退出（${g.canExitNow ? "现在可以退出" : `还需 ${g.daysUntilExit ?? 0} 天`}，详见 /guarantee）`;
  }
  if (g.state === "exited" && g.rejoin) {
    return `保障升级服务：已退出，最早 **${formatDate(g.rejoin.earliestDate)}**可重新加入（详见 /guarantee）`;
  }
  return `保障升级服务：${missingFieldsText(g.missing, "无法计算退出日期")}（/guarantee）`;
}

export const guaranteeCommand = defineCommand({
  name: "guarantee",
  aliases: ["保障升级", "保障"],
  usage: "/guarantee [商户ID]",
  summary: "保障升级服务：最早退出/重新加入日期、快速交易星等级、平台首单包赔",
  group: "checks",
  intents: ["保障升级服务", "退出", "重新加入", "快速交易星等级", "首单包赔"],
  run: (ctx) => runPersonalCheck(ctx, { action: "/guarantee", render: renderGuarantee }),
});
