/**
 * `/zone [商户ID]`: the premium trading zone (优质贸易专区): each entry condition, met or not,
 * spec/rules.md §6.
 */
import { checkZone, ZONE_MIN_EXPORT_YEARS, type ZoneCondition, type ZoneConditionCode } from "../../rules/index.js";
import { defineCommand } from "./define-command.js";
import {
  BUSINESS_TYPE_NAMES,
  bullets,
  checkTitle,
  formatNumber,
  joinBlocks,
  mark,
  offerNote,
  offerRange,
  sourceLine,
  type Rounding,
} from "./format-check.js";
import { runPersonalCheck, type CheckView, type RenderContext } from "./personal-check.js";

const SOURCE = "金品诚企品牌升级-场景差异化（优质贸易专区）";
/** What the lead line calls the zone slot when it is not on. */
const OFFER_NAME = "这期优质贸易专区（APP首焦）";

/** briefing: 金品诚企品牌升级-场景差异化 — 入围门槛：金品服务中+企业类型贸易或者工贸一体+出口年限≥3+提供ODM服务 */
const CONDITION_NAMES: Readonly<Record<ZoneConditionCode, string>> = {
  gold: "金品诚企服务中",
  "business-type-trading-or-integrated": "企业类型为贸易或工贸一体",
  "export-years-3": `出口年限 ≥ ${ZONE_MIN_EXPORT_YEARS} 年`,
  odm: "提供ODM服务",
};

/** Export years as a figure (cut down: 2.95 is not 3) or a gap (rounded up). */
const years = (n: number, rounding: Rounding = "down") => `${formatNumber(n, 1, rounding)} 年`;

function conditionLine(c: ZoneCondition, current: string): string {
  const gap = !c.met && c.gap !== undefined && c.gap > 0 ? `，还差 ${years(c.gap, "up")}` : "";
  return `${CONDITION_NAMES[c.code]}（当前：${current}）${mark(c.met)}${gap}`;
}

function unmetText(c: ZoneCondition): string {
  if (c.code === "export-years-3" && c.threshold !== undefined) return `出口年限需 ≥ ${years(c.threshold)}（还差 ${years(c.gap ?? 0, "up")}）`;
  return CONDITION_NAMES[c.code];
}

function renderZone({ merchant, now }: RenderContext): CheckView {
  const check = checkZone(merchant, now);
  const ended = check.slot.phase === "after";
  const current: Readonly<Record<ZoneConditionCode, string>> = {
    gold: merchant.gold ? "是" : "否",
    "business-type-trading-or-integrated": BUSINESS_TYPE_NAMES[merchant.businessType],
    "export-years-3": years(merchant.exportYears),
    odm: merchant.odm ? "提供" : "不提供",
  };
  const unmet = check.conditions.filter((c) => !c.met);
  const head = check.eligible
    ? `**${ended ? "按简报的入围门槛，你符合" : "符合优质贸易专区入围门槛"}**`
    : `**${ended ? "按简报的入围门槛，你不符合" : "暂不符合优质贸易专区入围门槛"}**（${unmet.length} 项未满足：${unmet.map(unmetText).join("；")}）`;
  const { perMerchant, minGrowthScore } = check.products;
  let nextStep = check.eligible
    ? `**下一步**：提升商品成长分（≥ ${minGrowthScore}）的商品才会被圈选。`
    : `**下一步**：补齐未满足的条件：${unmet.map(unmetText).join("；")}。`;
  if (ended) nextStep = "简报只给出了这一期的时间（季度活动资源）；之后各期的时间和门槛以平台通知为准。";
  return {
    title: checkTitle(merchant.id, "优质贸易专区"),
    text: joinBlocks(
      offerNote(check.slot.window, check.slot.phase, OFFER_NAME),
      head,
      ["入围门槛（需全部满足，以金品认证主体报告数据为准）：", ...bullets(check.conditions.map((c) => conditionLine(c, current[c.code])))],
      `商品：系统自动圈品，每个商家 ${perMerchant} 个商品，商品成长分需 ≥ ${minGrowthScore}，无需手动报名。`,
      nextStep,
      sourceLine(SOURCE),
    ),
  };
}

/** One line for /check: eligible, or the unmet conditions. */
export function summarizeZone({ merchant, now }: RenderContext): string {
  const check = checkZone(merchant, now);
  if (check.slot.phase === "after") return `优质贸易专区：这期专区（${offerRange(check.slot.window)}）**已结束**（详见 /zone）`;
  if (check.eligible) return "优质贸易专区：**符合**入围门槛（详见 /zone）";
  const unmet = check.conditions.filter((c) => !c.met).map(unmetText);
  return `优质贸易专区：**暂不符合**，未满足：${unmet.join("；")}（详见 /zone）`;
}

export const zoneCommand = defineCommand({
  name: "zone",
  aliases: ["专区", "优质贸易专区"],
  usage: "/zone [商户ID]",
  summary: "优质贸易专区：入围门槛逐项检查（金品、企业类型、出口年限、ODM）",
  group: "checks",
  intents: ["优质贸易专区", "贸易专区"],
  run: (ctx) => runPersonalCheck(ctx, { action: "/zone", render: renderZone }),
});
