/**
 * `/festival [商户ID]`: the September procurement festival rankings (9月采购节榜单) for the
 * merchant's industry: weekly or cumulative GMV windows, the week at hand, the L2 lock,
 * spec/rules.md §7. The festival runs on US Pacific time; every window is shown in both zones.
 */
import { checkFestival, type FestivalCheck, type FestivalWeek, type FestivalWindow } from "../../rules/index.js";
import { defineCommand } from "./define-command.js";
import {
  bullets,
  checkTitle,
  describeFields,
  formatBothZones,
  formatDateTime,
  joinBlocks,
  offerNote,
  offerRange,
  sourceLine,
} from "./format-check.js";
import { runPersonalCheck, type CheckView, type RenderContext } from "./personal-check.js";

const SOURCE = "9月采购节榜单新玩法（榜单介绍、每周统计/累计统计说明）";
/** What the lead line calls the festival when it is not on. */
const OFFER_NAME = "9月采购节榜单";

const TYPE_NAMES: Readonly<Record<FestivalCheck["windowType"], string>> = {
  weekly: "每周统计",
  cumulative: "累计统计",
  "not-listed": "不在榜单适用行业名单中",
};

/** `美西 2021-08-01 至 2021-08-29（北京时间 2021-08-01（周日）15:00 至 2021-08-30（周一）14:59）`. */
function windowText(w: FestivalWindow): string {
  return `美西 ${w.fromDate} 至 ${w.toDate}（北京时间 ${formatDateTime(w.start)} 至 ${formatDateTime(w.end)}）`;
}

function weekLine(w: FestivalWeek, check: FestivalCheck): string {
  const gmv = w.gmv
    ? `按${windowText(w.gmv)}${check.windowType === "cumulative" && w.week > 1 ? "**累计**" : ""}实收GMV排名`
    : "简报未给出你所在行业的统计区间";
  const here = check.currentWeek === w.week ? "（**当前展示周**）" : check.nextWeek === w.week ? "（下一展示周）" : "";
  return `第${w.week}周${here}：展示 美西 ${w.display.fromDate} 至 ${w.display.toDate}；${gmv}`;
}

function headline(check: FestivalCheck): string {
  const alias = check.listedAs && check.listedAs !== check.industry ? `（按「${check.listedAs}」计）` : "";
  switch (check.windowType) {
    case "weekly":
      return `**你的一级行业「${check.industry}」${alias}属于「每周统计」行业**：每个展示周只看对应那一周的实收GMV。`;
    case "cumulative":
      return `**你的一级行业「${check.industry}」${alias}属于「累计统计」行业**：从第2周起，实收GMV从美西 9月1日起**累计**计算到统计截止日。`;
    case "not-listed":
      return `**你的一级行业「${check.industry}」不在采购节榜单的适用行业名单中**（简报只列出了每周统计和累计统计两类行业）。`;
  }
}

function phaseLine(check: FestivalCheck): string | null {
  const next = check.weeks.find((w) => w.week === check.nextWeek);
  switch (check.phase) {
    case "before":
      return `当前：采购节尚未开始，第1周榜单从北京时间 ${formatDateTime(check.festival.start)} 开始展示。`;
    case "during":
      return `当前：第${check.currentWeek ?? "?"}周展示期${next ? `；第${next.week}周从北京时间 ${formatDateTime(next.display.start)} 开始展示` : "（最后一周）"}。`;
    case "after":
      return null; // the lead line says it has ended
  }
}

function lockLine(check: FestivalCheck): string {
  const state = check.categoryLock.passed ? "已锁定" : "尚未锁定";
  const yours = check.category
    ? `你的二级类目：${check.category}`
    : `商户资料缺少 ${describeFields(check.missing)}，无法确认你参与哪个类目热卖榜（可在 MA后台商家星等级 查看当前二级类目）`;
  return `二级类目锁定：按北京时间 ${formatDateTime(check.categoryLock.at)} 商家所属的二级类目锁定，目前${state}；${yours}`;
}

function nextStep(check: FestivalCheck): string | null {
  const target = check.weeks.find((w) => w.week === (check.phase === "during" ? check.nextWeek : check.phase === "before" ? 1 : null));
  if (!target?.gmv) return null;
  return `**下一步**：第${target.week}周榜单按${windowText(target.gmv)}的实收GMV排名；要上全网热卖榜需在一级行业内保持前${check.top.network}名，类目热卖榜需在二级类目内保持前${check.top.category}名，并达到行业GMV门槛。`;
}

function renderFestival({ merchant, now }: RenderContext): CheckView {
  const check = checkFestival(merchant, now);
  return {
    title: checkTitle(merchant.id, "采购节榜单"),
    text: joinBlocks(
      offerNote(check.window, check.phase, OFFER_NAME),
      headline(check),
      bullets(
        [
          `采购节时间：${formatBothZones(check.festival.start, true)} 至 ${formatBothZones(check.festival.end, true)}`,
          phaseLine(check),
          lockLine(check),
        ].filter((line): line is string => line !== null),
      ),
      ["五个展示周及实收GMV统计区间：", ...bullets(check.weeks.map((w) => weekLine(w, check)))],
      bullets([
        `全网热卖榜：每个一级行业取前 ${check.top.network} 名；类目热卖榜：每个二级类目取前 ${check.top.category} 名；均按店铺实收GMV降序排列`,
        "GMV门槛：各行业的实收GMV门槛简报未给出，以各行业榜单的单独说明为准",
        "虚假交易或其他违规的信用保障交易额不计入；禁限售类目不参与榜单",
      ]),
      nextStep(check),
      sourceLine(SOURCE),
    ),
  };
}

/** One line for /check: the industry's window type. */
export function summarizeFestival({ merchant, now }: RenderContext): string {
  const check = checkFestival(merchant, now);
  if (check.phase === "after") return `采购节榜单：采购节（${offerRange(check.window)}）**已结束**（详见 /festival）`;
  return `采购节榜单：一级行业「${check.industry}」**${TYPE_NAMES[check.windowType]}**（详见 /festival）`;
}

export const festivalCommand = defineCommand({
  name: "festival",
  aliases: ["采购节", "榜单"],
  usage: "/festival [商户ID]",
  summary: "9月采购节榜单：所属行业的统计方式、每周GMV统计区间（美西/北京时间）、二级类目锁定",
  group: "checks",
  intents: ["采购节", "榜单", "热卖榜", "全网热卖榜", "类目热卖榜"],
  run: (ctx) => runPersonalCheck(ctx, { action: "/festival", render: renderFestival }),
});
