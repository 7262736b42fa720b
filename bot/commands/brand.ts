/**
 * `/brand [商户ID]`: the industrial brand station (工业品牌站): is the industry open, does the
 * merchant qualify as a leading or own brand (every unmet condition), which documents, where to
 * register, spec/rules.md §5.
 */
import {
  BRAND_DOCUMENT_LABELS,
  BRAND_OPEN_INDUSTRIES,
  checkBrand,
  LEADING_MIN_EXPORT_CNY,
  OWN_MIN_BRAND_YEARS,
  OWN_MIN_EXPORT_CNY,
  OWN_MIN_MARKETING_CNY,
  OWN_MIN_RD_TEAM,
  type BrandCheck,
  type BrandCondition,
  type BrandConditionCode,
  type BrandDocument,
  type BrandDocuments,
  type BrandTypeCheck,
} from "../../rules/index.js";
import { defineCommand } from "./define-command.js";
import {
  bullets,
  checkTitle,
  formatCny,
  formatNumber,
  joinBlocks,
  mark,
  MISSING_DATA_HINT,
  missingFieldsText,
  offerNote,
  offerRange,
  sourceLine,
  type Rounding,
} from "./format-check.js";
import { runPersonalCheck, type CheckView, type RenderContext } from "./personal-check.js";

const SOURCE = "品牌商专属阵地-工业品牌站招商（招商标准、报名通道）";
/** What the lead line calls the recruitment when registration is not open. */
const OFFER_NAME = "工业品牌站招商报名";
/** briefing: 工业品牌站升级-报名通道 一、报名入口 */
const REGISTRATION_PATH = "商家工作台——营销中心——官方活动报名——工业品牌站";

/** briefing: 工业品牌站升级-招商标准 — each condition as the slide words it. */
const CONDITION_NAMES: Readonly<Record<BrandConditionCode, string>> = {
  "industry-open": "所属一级行业已开放",
  "export-at-least-1bn-cny": `年出口额 ≥ ${formatCny(LEADING_MIN_EXPORT_CNY)}人民币`,
  "listed-company": "上市公司",
  "famous-trademark": "省级（以上）驰名/著名商标",
  "brand-registered-3-years": `品牌注册年限 ≥ ${OWN_MIN_BRAND_YEARS} 年`,
  "export-at-least-100m-cny": `年出口额 ≥ ${formatCny(OWN_MIN_EXPORT_CNY)}人民币`,
  "rd-team-10-or-high-tech": `不小于${OWN_MIN_RD_TEAM}人研发团队或企业评级为高新企业`,
  "marketing-at-least-500k-cny": `国际站年营销投入 ≥ ${formatCny(OWN_MIN_MARKETING_CNY)}`,
  "trademark-certificate": "有效期内的商标注册证或品牌授权书（仅受理通知书无效）",
};

/** What the Gold verification report must confirm (BrandDocuments.goldReportConfirms). */
const REPORT_CONFIRMS: Readonly<Record<string, string>> = {
  "export-at-least-1bn-cny": `验真的出口额 ≥ ${formatCny(LEADING_MIN_EXPORT_CNY)}`,
  "export-at-least-100m-cny": `验真的出口额 ≥ ${formatCny(OWN_MIN_EXPORT_CNY)}`,
  "rd-team-at-least-10": `研发团队 ≥ ${OWN_MIN_RD_TEAM}人`,
};

function formatConditionValue(c: BrandCondition, value: number, rounding: Rounding = "down"): string {
  switch (c.code) {
    case "brand-registered-3-years":
      return `${formatNumber(value, 2, rounding)} 年`;
    case "rd-team-10-or-high-tech":
      return `${formatNumber(value)} 人`;
    default:
      return formatCny(value, rounding);
  }
}

/** The facts a condition line shows beside the rule's figures. */
interface LineContext {
  readonly industry: string;
  readonly highTech: boolean;
}

function conditionLine(c: BrandCondition, ctx: LineContext): string {
  const highTech = c.code === "rd-team-10-or-high-tech" ? (ctx.highTech ? "，高新企业" : "，非高新企业") : "";
  const current =
    c.code === "industry-open"
      ? `（当前：${ctx.industry}）`
      : c.value !== undefined
        ? `（当前 ${formatConditionValue(c, c.value)}${highTech}）`
        : "";
  const gap = !c.met && c.gap !== undefined && c.gap > 0 ? `，还差 ${formatConditionValue(c, c.gap, "up")}` : "";
  return `${CONDITION_NAMES[c.code]}${current} ${mark(c.met)}${gap}`;
}

function unmetLine(t: BrandTypeCheck): string {
  return t.qualifies ? "全部满足 ✓" : `未满足：${t.unmet.map((u) => CONDITION_NAMES[u]).join("；")}`;
}

/** briefing: 工业品牌站升级-招商标准 龙头品牌 — 3个条件满足其一即可 */
const LEADING_ANY_OF: ReadonlySet<BrandConditionCode> = new Set(["export-at-least-1bn-cny", "listed-company", "famous-trademark"]);

function leadingBlock(check: BrandCheck, ctx: LineContext): string[] {
  const l = check.leading;
  if (!l) return [];
  const anyOf = l.conditions.filter((c) => LEADING_ANY_OF.has(c.code));
  const required = l.conditions.filter((c) => !LEADING_ANY_OF.has(c.code));
  return [
    `**龙头品牌**：${l.qualifies ? "**符合**" : "不符合"}`,
    ...bullets([
      `以下3项满足其一即可${l.anyOfMet ? " ✓" : "（目前一项也未满足）"}：${anyOf.map((c) => conditionLine(c, ctx)).join("；")}`,
      ...required.map((c) => conditionLine(c, ctx)),
      unmetLine(l),
    ]),
  ];
}

function ownBlock(check: BrandCheck, ctx: LineContext): string[] {
  const o = check.own;
  if (!o) return [];
  return [
    `**自主品牌**（全部满足）：${o.qualifies ? "**符合**" : "不符合"}`,
    ...bullets([...o.conditions.map((c) => conditionLine(c, ctx)), unmetLine(o)]),
  ];
}

function documentName(d: BrandDocument, confirms: readonly string[] | undefined): string {
  const extra = d === "gold-verification-report" && confirms ? `（确保${confirms.map((k) => REPORT_CONFIRMS[k] ?? k).join("且")}）` : "";
  return `${BRAND_DOCUMENT_LABELS[d]}${extra}`;
}

function documentsBlock(docs: BrandDocuments): string[] {
  const who = docs.audience === "gold" ? "金品商家" : "非金品商家";
  const confirms = docs.goldReportConfirms;
  return [
    `所需资质（适用**${who}**清单）：`,
    ...bullets([
      `龙头品牌：${docs.leading.oneOf.map((d) => documentName(d, confirms?.leading)).join("；")}（以上3选1），另需：${docs.leading.required.map((d) => documentName(d, undefined)).join("；")}`,
      `自主品牌：${docs.own.map((d) => documentName(d, confirms?.own)).join("；")}（全部提供）`,
    ]),
  ];
}

function headline(check: BrandCheck): string {
  if (!check.industry.open) {
    return `**你的一级行业「${check.industry.name}」暂未开放工业品牌站**（已开放：${BRAND_OPEN_INDUSTRIES.join("、")}，后续会陆续开放更多非消行业）`;
  }
  if (!check.leading || !check.own) return `**一级行业「${check.industry.name}」已开放，但${missingFieldsText(check.missing, "暂时无法逐项判断招商条件。")}**`;
  const types = [check.leading.qualifies ? "龙头品牌" : "", check.own.qualifies ? "自主品牌" : ""].filter(Boolean);
  return types.length > 0 ? `**符合${types.join("和")}的招商条件**` : "**暂不符合龙头品牌和自主品牌的招商条件**";
}

function renderBrand({ merchant, now }: RenderContext): CheckView {
  const check = checkBrand(merchant, now);
  const ctx: LineContext = { industry: merchant.industry, highTech: merchant.brand?.highTech ?? false };
  const qualifies = Boolean(check.leading?.qualifies || check.own?.qualifies);
  const { registration } = check;
  let nextStep = qualifies
    ? `**下一步**：准备好上面的资质，到 **${REGISTRATION_PATH}** 报名${registration.open.length > 0 ? `（目前开放报名：${registration.open.join("、")}）` : ""}。`
    : `报名入口：${REGISTRATION_PATH}（补齐上面未满足的条件后报名）。`;
  if (registration.phase === "after") nextStep = "报名已截止：简报列出的报名通道都已关闭，以上按简报的招商标准核对，仅供参考；新一期招商以平台通知为准。";
  return {
    title: checkTitle(merchant.id, "工业品牌站"),
    text: joinBlocks(
      offerNote(registration.window, registration.phase, OFFER_NAME),
      headline(check),
      leadingBlock(check, ctx),
      ownBlock(check, ctx),
      check.leading
        ? null
        : joinBlocks(check.industry.open ? "" : missingFieldsText(check.missing, "暂时无法逐项判断招商条件。"), MISSING_DATA_HINT),
      "两类品牌都需要**有效期内的商标注册证或品牌授权书**（仅有商标受理通知书无效）。",
      documentsBlock(check.documents),
      nextStep,
      sourceLine(SOURCE),
    ),
  };
}

/** One line for /check: which brand type the merchant qualifies for. */
export function summarizeBrand({ merchant, now }: RenderContext): string {
  const check = checkBrand(merchant, now);
  if (check.registration.phase === "after") return `工业品牌站：招商报名（${offerRange(check.registration.window)}）**已截止**（详见 /brand）`;
  if (!check.industry.open) return `工业品牌站：一级行业「${check.industry.name}」暂未开放（详见 /brand）`;
  if (!check.leading || !check.own) return `工业品牌站：${missingFieldsText(check.missing, "无法判断")}（/brand）`;
  const types = [check.leading.qualifies ? "龙头品牌" : "", check.own.qualifies ? "自主品牌" : ""].filter(Boolean);
  return `工业品牌站：${types.length > 0 ? `**符合${types.join("、")}**` : "**暂不符合**招商条件"}（详见 /brand）`;
}

export const brandCommand = defineCommand({
  name: "brand",
  aliases: ["品牌站"],
  usage: "/brand [商户ID]",
  summary: "工业品牌站：行业是否开放，龙头品牌/自主品牌逐项条件、所需资质和报名入口",
  group: "checks",
  intents: ["工业品牌站", "品牌站", "龙头品牌", "自主品牌"],
  run: (ctx) => runPersonalCheck(ctx, { action: "/brand", render: renderBrand }),
});
