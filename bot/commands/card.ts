/**
 * `/card [商户ID]`: what the merchant's verified supplier card (认证优商卡片) shows in its 6 slots,
 * spec/rules.md §9.
 */
import {
  buildVerifiedCard,
  CARD_SLOTS,
  MAX_OFFLINE_FIGURES,
  MAX_STRENGTH_TAGS,
  OFFLINE_FIGURE_PRIORITY,
  type OfflineFigure,
  type OnlineItem,
  type ShownFigure,
  type SkippedFigure,
  type VerifiedCard,
} from "../../rules/index.js";
import { defineCommand } from "./define-command.js";
import {
  bullets,
  checkTitle,
  ESTIMATE_NOTE,
  formatNumber,
  joinBlocks,
  MISSING_DATA_HINT,
  missingFieldsText,
  sourceLine,
} from "./format-check.js";
import { runPersonalCheck, type CheckView, type RenderContext } from "./personal-check.js";

const SOURCE = "金品诚企品牌升级-身份差异化（商家右侧卡片升级）";
/** briefing: 金品诚企品牌升级-身份差异化 — 操作路径：MA后台-金品中心-实力标签 */
const TAGS_PATH = "MA后台-金品中心-实力标签";

const ONLINE_NAMES: Readonly<Record<OnlineItem, string>> = {
  "reply-time": "及时回复时长",
  "on-time-dispatch-rate": "准时发货率",
  gmv: "GMV",
};

/** briefing: 优先级: 占地面积>商家证书>质检人数>研发人数=专利数量>员工人数 */
export const FIGURE_NAMES: Readonly<Record<OfflineFigure, string>> = {
  floorAreaM2: "占地面积",
  certificates: "商家证书",
  qcInspectors: "质检人数",
  rdStaff: "研发人数",
  patents: "专利数量",
  employees: "员工人数",
};

const FIGURE_UNITS: Readonly<Record<Exclude<OfflineFigure, "certificates">, string>> = {
  floorAreaM2: " m²",
  qcInspectors: " 人",
  rdStaff: " 人",
  patents: " 项",
  employees: " 人",
};

function shownText(f: ShownFigure): string {
  const value =
    typeof f.value === "number" ? `${formatNumber(f.value)}${f.figure === "certificates" ? "" : FIGURE_UNITS[f.figure]}` : f.value.join("、");
  return `${FIGURE_NAMES[f.figure]}：${value}`;
}

function skippedText(s: SkippedFigure): string {
  const why =
    s.reason === "missing"
      ? "资料中没有该数据"
      : s.reason === "zero-or-empty"
        ? `为 0 或空，没有可展示的内容（${ESTIMATE_NOTE}）`
        : `线下数据只有${MAX_OFFLINE_FIGURES}个坑位，优先级靠后不展示`;
  return `${FIGURE_NAMES[s.figure]}：${why}`;
}

/** The priority as the briefing writes it (R&D staff and patents tie; the rule shows R&D staff first). */
const PRIORITY = OFFLINE_FIGURE_PRIORITY.map((f, i) => `${i === 0 ? "" : f === "patents" ? " = " : " > "}${FIGURE_NAMES[f]}`).join("");

function offlineBlocks(card: VerifiedCard): (string | string[])[] {
  if (!card.gold) {
    return [
      `线下认证数据（占地面积、证书、质检/研发人数等）和实力标签**仅金品诚企（认证优商）商家展示**；你目前只展示线上数据。开通金品诚企并完成验真后，可额外展示最多${MAX_OFFLINE_FIGURES}项线下数据和${MAX_STRENGTH_TAGS}个实力标签。`,
    ];
  }
  if (!card.offline || !card.strengthTags) return [missingFieldsText(card.missing, "暂时无法确定卡片上展示哪些线下数据。"), MISSING_DATA_HINT];
  const tags = card.strengthTags;
  const tagLines = [
    tags.shown.length > 0 ? `实力标签（自选${MAX_STRENGTH_TAGS}个）：${tags.shown.join("、")}` : `实力标签：还没有设置，可在 ${TAGS_PATH} 自选${MAX_STRENGTH_TAGS}个`,
    ...(tags.extra.length > 0 ? [`超出${MAX_STRENGTH_TAGS}个的标签不会展示：${tags.extra.join("、")}`] : []),
  ];
  return [
    [`线下认证数据（按优先级：${PRIORITY}，最多${MAX_OFFLINE_FIGURES}项）：`, ...card.offline.shown.map((f, i) => `${i + 1}. ${shownText(f)}`)],
    card.offline.skipped.length > 0 ? ["未展示：", ...bullets(card.offline.skipped.map(skippedText))] : [],
    bullets(tagLines),
  ];
}

function renderCard({ merchant }: RenderContext): CheckView {
  const card = buildVerifiedCard(merchant);
  const offlineCount = card.offline?.shown.length ?? 0;
  const head = card.gold
    ? `**优商卡片共 ${card.slots} 个坑位：线上数据 ${card.online.length} 项 + 线下认证数据 ${offlineCount} 项**`
    : `**优商卡片共 ${card.slots} 个坑位：你展示线上数据 ${card.online.length} 项**`;
  return {
    title: checkTitle(merchant.id, "优商卡片"),
    text: joinBlocks(
      head,
      `线上数据（所有商家）：${card.online.map((o) => ONLINE_NAMES[o]).join("、")}`,
      ...offlineBlocks(card),
      "线下数据**不支持隐藏**；如需修改，需联系认证公司二次补验。贸易商可以选择实力标签外显优势。",
      sourceLine(SOURCE),
    ),
  };
}

/** One line for /check: how many offline figures the card shows. */
export function summarizeCard({ merchant }: RenderContext): string {
  const card = buildVerifiedCard(merchant);
  if (!card.gold) return "优商卡片：仅展示线上数据（线下数据仅金品展示，详见 /card）";
  if (!card.offline) return `优商卡片：${missingFieldsText(card.missing, "无法确定线下数据")}（/card）`;
  const shown = card.offline.shown.map((f) => FIGURE_NAMES[f.figure]);
  return `优商卡片：线下数据展示 ${shown.length} 项${shown.length > 0 ? `（${shown.join("、")}）` : ""}（详见 /card）`;
}

export const cardCommand = defineCommand({
  name: "card",
  aliases: ["卡片", "优商卡片"],
  usage: "/card [商户ID]",
  summary: `优商卡片：${CARD_SLOTS}个坑位展示哪些线上/线下数据和实力标签`,
  group: "checks",
  intents: ["优商卡片", "卡片", "线下数据", "坑位", "实力标签"],
  run: (ctx) => runPersonalCheck(ctx, { action: "/card", render: renderCard }),
});
