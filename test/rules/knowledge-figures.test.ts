/**
 * Knowledge answers that state a rule's figure state the figure rules/ computes with: each row
 * names an entry and the figures its answer must show, written from the exported constants. A
 * constant changed in rules/ fails here until the entry's answer says the same (the entry is the
 * second place the briefing's figure lives, so the two are held together by this test).
 */
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";
import {
  AGENCY_EXPORT_WAIVER_MIN_USD,
  ARRIVAL_GUARANTEE_RATE,
  DDP_DISCOUNT_USD_PER_ORDER,
  MULTIMODAL_DISCOUNT_CNY_PER_ORDER,
  MULTIMODAL_DISCOUNT_ORDERS,
  SHIPPING_DISCOUNT_MIN_GOODS_USD,
  SHIPPING_DISCOUNT_USD,
  WUYOU_DISCOUNT_CNY_PER_ORDER,
  WUYOU_DISCOUNT_ORDERS,
  APPEAL_WINDOW_HOURS,
  COMPENSATION_CAP_USD,
  COMPENSATION_RATE,
  COUPON_VALID_DAYS,
  FACTORY_APPEAL_WORKING_DAYS,
  FAST_STAR_MIN_RTS_7_DAYS,
  FAST_STAR_MIN_RTS_SMALL_ORDER,
  GUARANTEE_EXIT_AFTER_DAYS,
  GUARANTEE_REJOIN_AFTER_DAYS,
  HEAT_MIN_INQUIRIES_EXCLUSIVE,
  LEADING_MIN_EXPORT_CNY,
  ON_TIME_MIN_RATE_EXCLUSIVE,
  OWN_MIN_BRAND_YEARS,
  OWN_MIN_EXPORT_CNY,
  OWN_MIN_RD_TEAM,
  PENALTY_LADDERS,
  RESPONSE_MAX_HOURS_EXCLUSIVE,
  RFQ_GOLD_BONUS,
  RFQ_QUOTE_CAP,
  RFQ_QUOTE_FLOOR,
  SELF_EXPORT_WAIVER_MIN_USD,
  STRENGTH_MIN_TA_GMV_EXCLUSIVE,
  TA_CLOSURE_DAYS,
} from "../../rules/index.js";

const kb = loadKnowledge();
/** The answer without markdown emphasis, so `**第30天**` reads as `第30天`. */
const answerOf = (id: string) => (kb.byId.get(id)?.answer ?? "").replace(/\*\*/g, "");
const wan = (n: number) => `${n / 10_000}万`;
const yi = (n: number) => `${n / 100_000_000}亿`;
const ladderPoints = (rule: keyof typeof PENALTY_LADDERS) => PENALTY_LADDERS[rule].rows.filter((r) => !r.warningOnly).map((r) => `扣${r.points}分`);

const ROWS: readonly [entryId: string, figures: readonly string[]][] = [
  ["guarantee-exit", [`第${GUARANTEE_EXIT_AFTER_DAYS}天`, `${GUARANTEE_REJOIN_AFTER_DAYS}天内不能再加入`]],
  ["guarantee-rejoin", [`${GUARANTEE_REJOIN_AFTER_DAYS}天内不能再加入`, `第${GUARANTEE_EXIT_AFTER_DAYS}天`]],
  ["guarantee-compensation-standard", [`${COMPENSATION_RATE * 100}%`, `${COMPENSATION_CAP_USD}美金`, `${COUPON_VALID_DAYS}天`]],
  ["guarantee-fast-trade-star", [`≥ ${FAST_STAR_MIN_RTS_7_DAYS}个`, `≥ ${FAST_STAR_MIN_RTS_SMALL_ORDER}个`]],
  ["rules-refuse-ta-penalty", [...ladderPoints("refuse-trade-assurance"), `${TA_CLOSURE_DAYS}天`]],
  ["rules-offsite-chat-penalty", ladderPoints("off-platform-communication")],
  ["rules-faq-appeal-how", [`${APPEAL_WINDOW_HOURS / 24}天内`]],
  ["factory-list-hot", [`大于${HEAT_MIN_INQUIRIES_EXCLUSIVE}`]],
  ["factory-list-reply-time", [`<${RESPONSE_MAX_HOURS_EXCLUSIVE}小时`]],
  ["factory-list-on-time-dispatch", [`${ON_TIME_MIN_RATE_EXCLUSIVE * 100}%`]],
  ["factory-list-strength", [`>${STRENGTH_MIN_TA_GMV_EXCLUSIVE}`]],
  ["factory-removal-appeal", [`${FACTORY_APPEAL_WORKING_DAYS}个工作日内`]],
  ["festival-self-export-fee-waiver", [wan(SELF_EXPORT_WAIVER_MIN_USD)]],
  ["festival-onetouch-fee-waiver", [wan(AGENCY_EXPORT_WAIVER_MIN_USD)]],
  ["rfq-top-tier-quotes", [`兜底${RFQ_QUOTE_FLOOR}条`, `封顶${RFQ_QUOTE_CAP}条`]],
  ["rfq-gold-bonus", [`+${RFQ_GOLD_BONUS}分`]],
  ["festival-ddp-discount", [`$${DDP_DISCOUNT_USD_PER_ORDER}`]],
  ["festival-shipping-discount", [`$${SHIPPING_DISCOUNT_MIN_GOODS_USD}`, `$${SHIPPING_DISCOUNT_USD}`]],
  ["festival-arrival-guarantee", [`${ARRIVAL_GUARANTEE_RATE * 100}%`]],
  ["festival-logistics-discount", [`${WUYOU_DISCOUNT_CNY_PER_ORDER}RMB`, wan(WUYOU_DISCOUNT_ORDERS), `${MULTIMODAL_DISCOUNT_CNY_PER_ORDER}RMB`, `${MULTIMODAL_DISCOUNT_ORDERS}单`]],
  ["brand-leading-criteria", [`≥${yi(LEADING_MIN_EXPORT_CNY)}`]],
  ["brand-own-criteria", [`≥${OWN_MIN_BRAND_YEARS}年`, `≥${yi(OWN_MIN_EXPORT_CNY)}`, `${OWN_MIN_RD_TEAM}人`]],
];

describe("knowledge answers state the figures of rules/", () => {
  it.each(ROWS)("%s", (id, figures) => {
    const answer = answerOf(id);
    expect(answer, `entry ${id} exists`).not.toBe("");
    for (const f of figures) expect(answer).toContain(f);
  });

  it("every row's entry is one that names a rule to compute it", () => {
    for (const [id] of ROWS) expect(kb.byId.get(id)?.compute, id).toBeDefined();
  });
});
