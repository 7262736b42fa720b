/**
 * `/factory [商户ID]`: can the merchant enter the Find-Factory channel (找工厂频道), and where it
 * stands against each of the four ranking lists, spec/rules.md §4.
 */
import type { BusinessType } from "../../rules/merchant.js";
import {
  checkFactory,
  FACTORY_AGREEMENT_PATH,
  FACTORY_APPEAL_WORKING_DAYS,
  type FactoryAction,
  type FactoryCheck,
  type FactoryEntryCondition,
  type FactoryListCheck,
  type FactoryMetric,
  type FactoryThreshold,
} from "../../rules/index.js";
import { defineCommand } from "./define-command.js";
import {
  BUSINESS_TYPE_NAMES,
  bullets,
  checkTitle,
  ESTIMATE_NOTE,
  formatNumber,
  formatPercent,
  formatPoints,
  formatUsd,
  joinBlocks,
  mark,
  MISSING_DATA_HINT,
  missingFieldsText,
  sourceLine,
  type Rounding,
} from "./format-check.js";
import { runPersonalCheck, type CheckView, type RenderContext } from "./personal-check.js";

const SOURCE = "全新导购场景-找工厂频道（入围门槛及报名方式、前台场景榜单、入驻协议）";

const METRIC_NAMES: Readonly<Record<FactoryMetric, string>> = {
  effectiveInquiries90d: "近90天有效询盘",
  avgReplyHours90d: "近90天平均回复时间",
  dispatchedOrders90d: "近90天发货订单",
  onTimeDispatchRate90d: "近90天及时发货率",
  taGmv90dUsd: "近90天信保GMV",
};

const ORDERED_BY_NAMES: Readonly<Record<FactoryListCheck["orderedBy"], string>> = {
  effectiveInquiries90d: "有效询盘",
  replyRate90d: "回复率",
  onTimeDispatchRate90d: "及时发货率",
  taGmv90dUsd: "信保GMV",
};

const ACTION_TEXT: Readonly<Record<FactoryAction, string>> = {
  // briefing: 找工厂频道 提醒 — 广州和深圳地区的商家因营业执照中当地政策问题没有生产范围所以暂时无法进入频道。建议您购买金品进行直接准入
  "buy-gold": "广州、深圳地区的商家因营业执照没有生产范围，暂时无法通过协议入驻；建议购买**金品诚企**直接准入，或等待后续产品更新",
  "get-licence-verified-on-site": "完成营业执照实地认证（经营范围需含生产）",
  "tick-agreement": `到 **${FACTORY_AGREEMENT_PATH}** 勾选《找工厂入驻协议》并提交，无需提供其他资料`,
};

function formatMetric(metric: FactoryMetric, value: number, rounding: Rounding = "down"): string {
  switch (metric) {
    case "effectiveInquiries90d":
      return `${formatNumber(value)} 个`;
    case "dispatchedOrders90d":
      return `${formatNumber(value)} 单`;
    case "avgReplyHours90d":
      return `${formatNumber(value, 2, rounding)} 小时`;
    case "onTimeDispatchRate90d":
      return formatPercent(value);
    case "taGmv90dUsd":
      return formatUsd(value, rounding);
  }
}

function formatGap(t: FactoryThreshold): string {
  if (t.metric === "onTimeDispatchRate90d") return formatPoints(t.gap);
  return formatMetric(t.metric, t.gap, "up");
}

function thresholdText(t: FactoryThreshold): string {
  const op = t.op === ">=" ? "≥" : t.op;
  const verdict = t.met
    ? "✓"
    : t.op === "<"
      ? `✗，需缩短到 ${formatMetric(t.metric, t.threshold)}以内（当前多 ${formatGap(t)}）`
      : t.op === ">" && (t.metric === "onTimeDispatchRate90d" || t.metric === "taGmv90dUsd")
        ? `✗，需超过 ${formatMetric(t.metric, t.threshold)}（还差 ${formatGap(t)}以上）`
        : `✗，还差 ${formatGap(t)}`;
  return `${METRIC_NAMES[t.metric]} ${op} ${formatMetric(t.metric, t.threshold)}：你的 ${formatMetric(t.metric, t.value)} ${verdict}`;
}

function listLine(l: FactoryListCheck): string {
  const verdict = l.met ? "**已达入榜门槛**" : "未达门槛";
  return `${l.name}：${verdict}（入榜后按近90天${ORDERED_BY_NAMES[l.orderedBy]}排名）；${l.thresholds.map(thresholdText).join("；")}`;
}

function conditionLine(c: FactoryEntryCondition, businessType: BusinessType, city: string): string {
  switch (c.code) {
    case "business-type-factory-or-integrated":
      return `企业类型为工厂或工贸一体（当前：${BUSINESS_TYPE_NAMES[businessType]}）${mark(c.met)}`;
    case "not-guangzhou-or-shenzhen":
      return `注册地不在广州、深圳（当前：${city}）${mark(c.met)}`;
    case "verified-licence-with-production":
      return `营业执照经实地认证且含生产范围 ${mark(c.met)}`;
    case "agreement-signed":
      return `已在 ${FACTORY_AGREEMENT_PATH} 勾选入驻协议 ${mark(c.met)}`;
  }
}

function headline(check: FactoryCheck): string {
  const { eligible, route } = check.entry;
  if (eligible === true) {
    return route === "gold-direct"
      ? "**可以进入找工厂频道**：金品诚企服务中的工厂/工贸一体商家直接准入，无需报名。"
      : "**已满足找工厂频道入驻条件**：营业执照实地认证含生产范围，且已勾选入驻协议。";
  }
  if (eligible === null) return `**暂时无法判断能否入驻找工厂频道**：${missingFieldsText(check.missing, "无法确认营业执照认证和协议勾选情况。")}`;
  return "**暂时无法进入找工厂频道**";
}

function renderFactory({ merchant }: RenderContext): CheckView {
  const check = checkFactory(merchant);
  const entryRule =
    check.entry.route === "gold-direct"
      ? "入驻方式：金品诚企商家直接准入（需为工厂或工贸一体）"
      : `入驻方式：非金品商家需营业执照实地认证含生产范围，并在 ${FACTORY_AGREEMENT_PATH} 勾选协议`;
  const actions = check.entry.actions.map((a) => ACTION_TEXT[a]);
  const typeOnly = check.entry.conditions.find((c) => c.code === "business-type-factory-or-integrated")?.met === false;
  const nextStep =
    actions.length > 0
      ? `**下一步**：${actions.join("；")}。`
      : typeOnly
        ? "**说明**：找工厂频道只面向工厂和工贸一体商家。"
        : null;
  const lists =
    check.lists === null
      ? [missingFieldsText(check.missing, "暂时无法对照四个榜单的门槛。")]
      : check.listsApply
        ? ["榜单（无需报名，系统按近90天数据自动圈选，已排除风控）：", ...bullets(check.lists.map(listLine))]
        : [`榜单只收录工厂/工贸一体商家的商品，你的企业类型为${BUSINESS_TYPE_NAMES[merchant.businessType]}，不参与以下榜单：`, ...bullets(check.lists.map(listLine))];
  return {
    title: checkTitle(merchant.id, "找工厂频道"),
    text: joinBlocks(
      headline(check),
      bullets([entryRule, ...check.entry.conditions.map((c) => conditionLine(c, merchant.businessType, merchant.city))]),
      lists,
      `清退与申诉：入驻后会持续审核工厂能力；被清退的，可在清退通知邮件发出后${FACTORY_APPEAL_WORKING_DAYS}个工作日内以邮件方式发起一次申诉并提交支持文件（工作日按周一至周五计，${ESTIMATE_NOTE}）。`,
      check.lists === null ? MISSING_DATA_HINT : null,
      nextStep,
      sourceLine(SOURCE),
    ),
  };
}

/** One line for /check: channel entry and the lists reached. */
export function summarizeFactory({ merchant }: RenderContext): string {
  const check = checkFactory(merchant);
  const entry =
    check.entry.eligible === true
      ? `**可入驻**（${check.entry.route === "gold-direct" ? "金品直接准入" : "已认证并勾选协议"}）`
      : check.entry.eligible === false
        ? "**暂不能入驻**"
        : `无法判断（缺少 ${check.missing.join("、")}）`;
  const reached = check.lists?.filter((l) => l.met).map((l) => l.name) ?? [];
  const lists = check.lists && check.listsApply ? `，已达门槛的榜单：${reached.length > 0 ? reached.join("、") : "无"}` : "";
  return `找工厂频道：${entry}${lists}（详见 /factory）`;
}

export const factoryCommand = defineCommand({
  name: "factory",
  aliases: ["找工厂"],
  usage: "/factory [商户ID]",
  summary: "找工厂频道：能否入驻及如何入驻，热度榜/回复时间榜/及时发货榜/实力榜的门槛差距",
  group: "checks",
  intents: ["找工厂", "热度榜", "回复时间榜", "及时发货榜", "实力榜"],
  run: (ctx) => runPersonalCheck(ctx, { action: "/factory", render: renderFactory }),
});
