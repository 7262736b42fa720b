/**
 * `/score [商户ID]`: the merchant's RFQ service score (RFQ商家服务分), spec/rules.md §1.
 */
import {
  peerRankPoints,
  RFQ_FULL_EFFECT_FROM,
  RFQ_GOLD_BONUS,
  RFQ_GRAY_TEST_FROM,
  RFQ_ISSUE_DAYS,
  RFQ_PEER_TOP_POINTS,
  RFQ_TIER_TABLE,
  scoreRfq,
  type RfqEntitlements,
  type RfqFactor,
  type RfqFactorScore,
  type RfqMarketingStar,
  type RfqScore,
  type RfqSchedule,
  type RfqStep,
  type RfqTier,
} from "../../rules/index.js";
import { defineCommand } from "./define-command.js";
import {
  bullets,
  checkTitle,
  ESTIMATE_NOTE,
  formatDate,
  formatNumber,
  formatPercent,
  formatPoints,
  formatUsd,
  formatUsdGap,
  joinBlocks,
  missingFieldsText,
  missingFieldsView,
  sourceLine,
} from "./format-check.js";
import { runPersonalCheck, type CheckView, type RenderContext } from "./personal-check.js";

const SOURCE = "RFQ商家服务分升级计划（服务分5大因子规则、服务分新分层及配套权益）";

/** briefing: 服务分5大因子规则 — the factors' names as the rule table writes them. */
const FACTOR_NAMES: Readonly<Record<RfqFactor, string>> = {
  loginDays: "本月至今RFQ登录天数",
  quotes: "本月报价个数",
  responseRate24h: "本月至今24小时报价响应率",
  buyerReplyRate: "近30天报价买家回复率",
  gmv90d: "RFQ近90天累计实收GMV",
};

/**
 * briefing: 服务分新分层及配套权益 — 服务分档位, written from the tier table in rules/ (`≥90分`,
 * `80–89分` … `<40分`): each tier runs from its own minimum to one below the next tier up.
 */
export const TIER_LABELS: Readonly<Record<RfqTier, string>> = Object.fromEntries(
  RFQ_TIER_TABLE.map((row, i) => {
    const upper = RFQ_TIER_TABLE[i - 1];
    const label = !upper ? `≥${row.minTotal}分` : row.minTotal === 0 ? `<${upper.minTotal}分` : `${row.minTotal}–${upper.minTotal - 1}分`;
    return [row.tier, label];
  }),
) as Record<RfqTier, string>;

/**
 * The most a peer-ranked factor gets below the top 10%, read off the rule's own function over
 * small peer groups (the formula tops out below the top points: it never gives 24).
 */
const PEER_BELOW_TOP_MAX = Math.max(
  ...Array.from({ length: 60 }, (_, i) => i + 1).flatMap((n) =>
    Array.from({ length: n + 1 }, (_, lower) => peerRankPoints(lower, n)).filter((p) => p < RFQ_PEER_TOP_POINTS),
  ),
);

function formatInput(factor: RfqFactor, value: number): string {
  switch (factor) {
    case "loginDays":
      return `${formatNumber(value)} 天`;
    case "quotes":
      return `${formatNumber(value)} 个`;
    case "responseRate24h":
    case "buyerReplyRate":
      return formatPercent(value);
    case "gmv90d":
      return formatUsd(value);
  }
}

/** `≥ 30%` or `> 60 个`. */
function formatStep(factor: RfqFactor, step: RfqStep): string {
  return `${step.op === ">=" ? "≥" : ">"} ${formatInput(factor, step.value)}`;
}

/**
 * A peer-ranked step said as "how many more peers to pass", never as the value to reach: that
 * value is another merchant's own figure (their quote count or response rate), which is theirs.
 */
function peersToPass(f: RfqFactorScore, points: number): number | undefined {
  const rank = f.peerRank;
  if (!rank || rank.n === 0) return undefined;
  for (let lower = rank.lower + 1; lower <= rank.n; lower++) if (peerRankPoints(lower, rank.n) >= points) return lower - rank.lower;
  return undefined;
}

function stepText(f: RfqFactorScore, step: RfqStep): string {
  const peers = f.method === "peer-rank" ? peersToPass(f, step.points) : undefined;
  if (f.method === "peer-rank") return peers === undefined ? "在同行中排名更靠前" : `在同行中再超过 ${peers} 家`;
  return `${step.op === ">" ? "超过" : "达到"} ${formatInput(f.factor, step.value)}`;
}

function factorLine(f: RfqFactorScore): string {
  const rank = f.peerRank && f.peerRank.n > 0 ? `，同行 ${f.peerRank.n} 家中高于 ${f.peerRank.lower} 家` : "";
  const next = f.next
    ? f.method === "peer-rank"
      ? `；${stepText(f, f.next)}可得 ${f.next.points} 分`
      : `；下一档 ${formatStep(f.factor, f.next)} 得 ${f.next.points} 分`
    : f.points === f.max
      ? "；已满分"
      : "";
  return `${FACTOR_NAMES[f.factor]}：${formatInput(f.factor, f.input)} → **${f.points}/${f.max} 分**${rank}${next}`;
}

function entitlementLines(e: RfqEntitlements): string[] {
  const granted =
    e.quotesGranted === "none"
      ? "服务力赠送报价：无"
      : e.quotesGrantedRule
        ? `服务力赠送报价：**${e.quotesGranted} 条**（兜底 ${e.quotesGrantedRule.floor} 条，上月报价 ${e.quotesGrantedRule.lastMonth} 条报多返多，封顶 ${e.quotesGrantedRule.cap} 条）`
        : `服务力赠送报价：${e.quotesGranted} 条`;
  const free =
    e.freeQuotes === "unlimited" ? "报价畅行：无限制" : e.freeQuotes === "none" ? "报价畅行：无" : `报价畅行：${e.freeQuotes} 条`;
  const early = `三星商机提前6小时（工作时段）先享：${e.earlyThreeStarLeads ? "有" : "无"}`;
  return [granted, free, early];
}

function marketingStarLine(star: RfqMarketingStar): string {
  const now = star.bonus > 0 ? `**+${star.bonus} 分**（计入星等级，不加在服务分上）` : "暂无加分";
  if (!star.next) return `星等级-营销力：${now}`;
  const gaps = [
    star.next.gmvGapUsd > 0 ? `GMV 还差 ${formatUsdGap(star.next.gmvGapUsd)}` : "",
    star.next.usageGap > 0 ? `免费权益消耗还差 ${formatPoints(star.next.usageGap)}` : "",
  ].filter(Boolean);
  return `星等级-营销力：${now}；RFQ近90天GMV ≥ ${formatUsd(star.next.minGmvUsd)} 且本月免费权益消耗 ≥ ${formatPercent(star.next.minUsage)} 可得 +${star.next.bonus} 分（${gaps.join("，")}）`;
}

function peerNote(score: RfqScore, industry: string): string {
  if (score.noPeers) {
    return `同行数据缺失：一级行业「${industry}」中没有其他有RFQ数据的商户，按产品规则「本月报价个数」和「24小时报价响应率」各计 ${RFQ_PEER_TOP_POINTS} 分（${ESTIMATE_NOTE}）。`;
  }
  return `同行对比：与一级行业「${industry}」中有RFQ数据的其他 ${score.peerCount} 家商户比较，同行前10%得 ${RFQ_PEER_TOP_POINTS} 分，其余按排名折算 0–${PEER_BELOW_TOP_MAX} 分（${ESTIMATE_NOTE}）。`;
}

function scheduleLine(schedule: RfqSchedule | null): string {
  const phase =
    schedule === null ? "" : schedule.phase === "gray-test" ? "，目前处于灰测期" : schedule.phase === "full" ? "，已全量生效" : "，尚未开始";
  const next = schedule ? `；下次发放：${formatDate(schedule.nextIssueDate)}` : "";
  return `发放节奏：权益每月${RFQ_ISSUE_DAYS.map((d) => `${d}号`).join("和")}各发放本月的一半${next}。新服务分 ${RFQ_GRAY_TEST_FROM} 起灰测，${RFQ_FULL_EFFECT_FROM} 全量生效${phase}。`;
}

function nextStepLine(score: RfqScore): string {
  const best = score.bestNextStep;
  const tier = score.nextTier ? `距 ${TIER_LABELS[score.nextTier.tier]}档还差 ${score.nextTier.pointsNeeded} 分。` : "";
  if (!best) return `**下一步**：五个因子都已拿到当前能拿的最高分，保持即可。${tier}`;
  const factor = score.factors.find((f) => f.factor === best.factor);
  const how = factor ? stepText(factor, best.step) : `达到 ${formatInput(best.factor, best.step.value)}`;
  return `**下一步**：「${FACTOR_NAMES[best.factor]}」${how}，可多得 **${best.step.gain} 分**（该项 ${best.step.points} 分）。${tier}`;
}

function renderScore({ merchant, now, deps }: RenderContext): CheckView {
  const title = checkTitle(merchant.id, "RFQ服务分");
  const result = scoreRfq(merchant, deps.store.listPeers(merchant.industry), now);
  if (!result.ok) return missingFieldsView(title, result.missing, "暂时无法计算服务分。", SOURCE);
  const total =
    result.goldBonus > 0
      ? `总分 ${result.total}（基础 ${result.totalBeforeGold} + 金品 ${result.goldBonus}）`
      : `总分 ${result.total}`;
  return {
    title,
    text: joinBlocks(
      `**RFQ服务分：${total}，${TIER_LABELS[result.tier]}档**`,
      ["本档权益：", ...bullets(entitlementLines(result.entitlements))],
      ["五大因子：", ...bullets(result.factors.map(factorLine)), ...bullets([marketingStarLine(result.marketingStar)])],
      bullets([
        peerNote(result, merchant.industry),
        `登录天数按规则表的「本月至今」计算（${ESTIMATE_NOTE}）；金品诚企商家总分额外 +${RFQ_GOLD_BONUS} 分，档位按含 +${RFQ_GOLD_BONUS} 的总分计。`,
        scheduleLine(result.schedule),
      ]),
      nextStepLine(result),
      sourceLine(SOURCE),
    ),
  };
}

/** One line for /check: the total and the tier. */
export function summarizeScore(ctx: RenderContext): string {
  const result = scoreRfq(ctx.merchant, ctx.deps.store.listPeers(ctx.merchant.industry), ctx.now);
  if (!result.ok) return `RFQ服务分：${missingFieldsText(result.missing, "无法计算")}（/score）`;
  const gold = result.goldBonus > 0 ? `（含金品 +${result.goldBonus}）` : "";
  return `RFQ服务分：**${result.total}**${gold}，${TIER_LABELS[result.tier]}档（详见 /score）`;
}

export const scoreCommand = defineCommand({
  name: "score",
  aliases: ["服务分", "rfq"],
  usage: "/score [商户ID]",
  summary: "RFQ服务分：五大因子得分、总分档位与权益、下一步最值得提升的因子",
  group: "checks",
  intents: ["服务分", "rfq服务分", "rfq分数", "service score", "score", "服务分档位"],
  run: (ctx) => runPersonalCheck(ctx, { action: "/score", render: renderScore }),
});
