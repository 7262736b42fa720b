/**
 * `/fees [商户ID]`: the two festival fee waivers (服务费减免) and how far the merchant is from
 * each, spec/rules.md §8. The waivers are festival offers: before and after the festival the
 * reply leads with the offer's dates and says it has not started or has ended (docs/validity.md).
 */
import { checkFees, FEE_WAIVER_WINDOW, offerPhase, type FeeWaiver, type OfferPhase } from "../../rules/index.js";
import { defineCommand } from "./define-command.js";
import {
  bullets,
  checkTitle,
  formatUsd,
  formatUsdGap,
  joinBlocks,
  missingFieldsText,
  missingFieldsView,
  offerNote,
  offerRange,
  sourceLine,
} from "./format-check.js";
import { runPersonalCheck, type CheckView, type RenderContext } from "./personal-check.js";

const SOURCE = "九月采购节—营销活动攻略（商家侧营销玩法）";
/** What the lead line calls the offer when it is not on. */
const OFFER_NAME = "采购节服务费减免";

/** briefing: 九月采购节—营销活动攻略 商家侧营销玩法 — the two waivers as the slide names them. */
const ROUTE_NAMES: Readonly<Record<FeeWaiver["route"], string>> = {
  "self-or-market-procurement-export": "自营出口/市场采购出口（信用保障/e收汇）",
  "one-touch-agency-export": "一达通代理出口（信用保障/e收汇）",
};
const FEE_NAMES: Readonly<Record<FeeWaiver["fee"], string>> = {
  "transaction-service-fee": "交易服务费",
  "basic-service-fee": "基础服务费",
};

/** What a waiver means for the merchant: live during the festival, in the past after it. */
function outcome(w: FeeWaiver, phase: OfferPhase): string {
  if (phase === "after") return `${w.reached ? "已达门槛" : "未达门槛"}；活动已结束，现在不再减免`;
  const when = phase === "before" ? "活动开始后" : "";
  return w.reached ? `已达标，${when}次单起${FEE_NAMES[w.fee]}全免` : `还差 ${formatUsdGap(w.gapUsd)}，${when}达标后次单起${FEE_NAMES[w.fee]}全免`;
}

function waiverLine(w: FeeWaiver, phase: OfferPhase): string {
  return `${ROUTE_NAMES[w.route]}：累计实收 ${formatUsd(w.receivedUsd)} / 门槛 ${formatUsd(w.thresholdUsd)} → **${outcome(w, phase)}**`;
}

function renderFees({ merchant, now }: RenderContext): CheckView {
  const title = checkTitle(merchant.id, "采购节服务费减免");
  const check = checkFees(merchant, now);
  if (!check.ok) {
    // Once the offer is over there is nothing to compute: say so rather than ask for figures.
    const phase = offerPhase(FEE_WAIVER_WINDOW, now);
    if (phase === "after") return { title, text: joinBlocks(offerNote(FEE_WAIVER_WINDOW, phase, OFFER_NAME), sourceLine(SOURCE)) };
    return missingFieldsView(title, check.missing, "暂时无法计算服务费减免。", SOURCE);
  }
  const { window, phase } = check.offer;
  const note = offerNote(window, phase, OFFER_NAME);
  const lines = bullets(check.waivers.map((w) => waiverLine(w, phase)));
  if (phase === "after") {
    return {
      title,
      text: joinBlocks(note, lines, "说明：两项减免是九月采购节的商家侧营销玩法，只在活动期内有效。", sourceLine(SOURCE)),
    };
  }
  const reached = check.waivers.filter((w) => w.reached);
  const closest = check.waivers.filter((w) => !w.reached).sort((a, b) => a.gapUsd - b.gapUsd)[0];
  const head =
    reached.length > 0
      ? reached.map((w) => `**${outcome(w, phase)}**（${ROUTE_NAMES[w.route]}）`).join("；")
      : "**两项服务费减免都还未达标**";
  return {
    title,
    text: joinBlocks(
      note,
      head,
      lines,
      "说明：达到门槛的那一单照常收费，从下一单开始减免（次单起）；这是九月采购节的商家侧营销玩法。",
      closest ? `**下一步**：${ROUTE_NAMES[closest.route]}再实收 ${formatUsdGap(closest.gapUsd)}，之后的下一单起${FEE_NAMES[closest.fee]}全免。` : null,
      sourceLine(SOURCE),
    ),
  };
}

/** One line for /check: each waiver reached or its gap; after the festival, that it has ended. */
export function summarizeFees({ merchant, now }: RenderContext): string {
  if (offerPhase(FEE_WAIVER_WINDOW, now) === "after") return `服务费减免：采购节活动（${offerRange(FEE_WAIVER_WINDOW)}）**已结束**（详见 /fees）`;
  const check = checkFees(merchant, now);
  if (!check.ok) return `服务费减免：${missingFieldsText(check.missing, "无法计算")}（/fees）`;
  return `服务费减免：${check.waivers.map((w) => `${FEE_NAMES[w.fee]}${w.reached ? "**已达标**" : `还差 ${formatUsdGap(w.gapUsd)}`}`).join("；")}（详见 /fees）`;
}

export const feesCommand = defineCommand({
  name: "fees",
  aliases: ["减免", "服务费"],
  usage: "/fees [商户ID]",
  summary: "采购节服务费减免：自营出口/市场采购出口和一达通代理出口是否达标、还差多少",
  group: "checks",
  intents: ["服务费", "减免", "一达通"],
  run: (ctx) => runPersonalCheck(ctx, { action: "/fees", render: renderFees }),
});
