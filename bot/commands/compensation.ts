/**
 * `/compensation <订单金额USD>`: what a buyer gets for a late dispatch under the guarantee
 * upgrade service (保障升级服务), spec/rules.md §2 and §10. Needs no merchant.
 */
import { DateTime } from "luxon";
import { computeCompensation, FIRST_COMPENSATION_DEADLINE, firstCompensationApplies } from "../../rules/index.js";
import { errorReply, makeReply } from "../pipeline/replies.js";
import { defineCommand } from "./define-command.js";
import { bullets, formatBothZones, formatPercent, formatUsd, joinBlocks, parseNumberArg, sourceLine } from "./format-check.js";

const SOURCE = "信用保障「保障升级服务」上线（保障升级服务介绍、卖家权益、常见问题 Q1–Q4）";
const USAGE = "/compensation <订单金额USD>";
const EXAMPLE = "/compensation 600";

export const compensationCommand = defineCommand({
  name: "compensation",
  aliases: ["赔付", "赔偿"],
  usage: USAGE,
  summary: "计算逾期发货时买家可获的赔偿（订单金额10%，封顶100美元）",
  group: "tools",
  run: ({ args, msg }) => {
    const raw = args.trim();
    if (!raw) return errorReply(`请在指令后写上信保订单金额（美元），例如：${EXAMPLE}`, "缺少订单金额");
    const amount = parseNumberArg(raw);
    if (amount === null) {
      return errorReply(`「${raw.slice(0, 40)}」不是有效的订单金额。请只写数字（美元，大于 0），例如：${EXAMPLE}`, "订单金额有误");
    }
    const c = computeCompensation(amount);
    if (!c.ok) {
      const why = c.error === "not-positive" ? "订单金额必须大于 0" : "订单金额太大或不是有效数字";
      return errorReply(`${why}。请写信保订单金额（美元），例如：${EXAMPLE}`, "订单金额有误");
    }
    const capNote = c.capped ? `，超过上限按 ${formatUsd(c.capUsd)}计` : "";
    // The deadline is inclusive of its last second, as in checkGuarantee.
    const stillApplies = firstCompensationApplies(DateTime.fromJSDate(msg.now));
    const text = joinBlocks(
      `**买家可获赔偿：${formatUsd(c.compensationUsd)}**（订单金额 ${formatUsd(c.orderAmountUsd)} × ${formatPercent(c.rate)}${capNote}）`,
      bullets([
        `标准：信保订单金额的 ${formatPercent(c.rate)}，上限不超过 ${formatUsd(c.capUsd)}（订单金额超过 ${formatUsd(c.capUsd / c.rate)}即按封顶计）`,
        `形式：以无门槛优惠券发放到买家账户，买家获取后 ${c.couponValidDays} 天内使用，平台再向商家追缴`,
        "只有买家对该订单提出赔偿申请时才需要赔偿；赔偿和逾期纠纷相互独立",
        `平台首单包赔：${formatBothZones(FIRST_COMPENSATION_DEADLINE, true)}前支付且发起赔付的订单，平台承担第一笔因逾期导致的赔付（${stillApplies ? "目前仍适用" : "已截止"}）`,
      ]),
      "**建议**：按时发货；确实不能按时发货的订单，提前与买家沟通并修改发货时间，请买家线上确认。",
      sourceLine(SOURCE),
    );
    return makeReply("command", "逾期赔偿计算", text);
  },
});
