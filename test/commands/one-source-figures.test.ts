/**
 * One source for every figure: the replies read the rule constants exported by rules/, never a
 * retyped number. Each constant is patched here to a value the briefing never uses; the replies
 * must show the patched value and no longer the briefing's one. (The rule functions keep their
 * own bindings, so what they compute is unchanged: only the words are under test.)
 */
import { describe, expect, it, vi } from "vitest";
import type * as Appeals from "../../rules/check-appeals.js";
import type * as Brand from "../../rules/check-brand.js";
import type * as Zone from "../../rules/check-zone.js";
import type * as Card from "../../rules/verified-card.js";
import type * as Guarantee from "../../rules/check-guarantee.js";
import type * as Compensation from "../../rules/compensation.js";
import type * as ScoreRfq from "../../rules/score-rfq.js";
import type * as FestivalOffers from "../../rules/festival-offers.js";

vi.mock("../../rules/check-guarantee.js", async (importOriginal) => ({
  ...(await importOriginal<typeof Guarantee>()),
  GUARANTEE_EXIT_AFTER_DAYS: 45,
  GUARANTEE_REJOIN_AFTER_DAYS: 41,
}));
vi.mock("../../rules/compensation.js", async (importOriginal) => ({
  ...(await importOriginal<typeof Compensation>()),
  COMPENSATION_CAP_USD: 150,
  COUPON_VALID_DAYS: 75,
}));
vi.mock("../../rules/check-appeals.js", async (importOriginal) => ({
  ...(await importOriginal<typeof Appeals>()),
  APPEAL_WINDOW_HOURS: 11 * 24,
  FACTORY_APPEAL_WORKING_DAYS: 8,
}));
vi.mock("../../rules/score-rfq.js", async (importOriginal) => {
  const real = await importOriginal<typeof ScoreRfq>();
  return {
    ...real,
    RFQ_GOLD_BONUS: 27,
    RFQ_PEER_TOP_POINTS: 26,
    RFQ_ISSUE_DAYS: [4, 16] as const,
    RFQ_GRAY_TEST_FROM: "2021-07-07",
    RFQ_TIER_TABLE: real.RFQ_TIER_TABLE.map((row) => (row.tier === "80-89" ? { ...row, minTotal: 77 } : row)),
  };
});

vi.mock("../../rules/check-brand.js", async (importOriginal) => ({
  ...(await importOriginal<typeof Brand>()),
  LEADING_MIN_EXPORT_CNY: 1_200_000_000,
  OWN_MIN_RD_TEAM: 12,
}));
vi.mock("../../rules/festival-offers.js", async (importOriginal) => ({
  ...(await importOriginal<typeof FestivalOffers>()),
  INSPECTION_PRICE_FACTOR: 0.7,
}));
vi.mock("../../rules/check-zone.js", async (importOriginal) => ({
  ...(await importOriginal<typeof Zone>()),
  ZONE_MIN_EXPORT_YEARS: 4,
}));
vi.mock("../../rules/verified-card.js", async (importOriginal) => ({
  ...(await importOriginal<typeof Card>()),
  MAX_STRENGTH_TAGS: 4,
}));

const { send, STAFF, useBot } = await import("./harness.js");
const { COMPUTED_TITLE, COMPUTED_TITLE_EN } = await import("../../bot/pipeline/answer-with-figures.js");

describe("replies show the constants of rules/, not retyped numbers", () => {
  const bot = useBot();

  it("/guarantee: exit and rejoin waits, compensation cap and coupon validity", async () => {
    const { text } = await send(bot(), "/guarantee", { userId: "u-alpha" });
    expect(text).toContain("承担保障起第45天可以退出");
    expect(text).toContain("退出后41天内不能再加入");
    expect(text).toContain("加入日 + 45 天可退出，退出日 + 41 天可重新加入");
    expect(text).toContain("封顶150 美元");
    expect(text).toContain("买家75天内使用");
    expect(text).not.toMatch(/第30天|30天内|\+ 30 天|封顶100|90天内使用/);
  });

  it("/appeal: the appeal window", async () => {
    const { text } = await send(bot(), "/appeal M20002", { userId: STAFF, staff: true });
    expect(text).toContain("处罚执行时间 + 11×24 小时");
    expect(text).not.toContain("7×24");
  });

  it("/factory: the removal appeal's working days", async () => {
    const { text } = await send(bot(), "/factory M20001", { userId: STAFF, staff: true });
    expect(text).toContain("8个工作日内");
    expect(text).not.toContain("5个工作日");
  });

  it("/score: Gold bonus, peer top points, issue days, rollout date and tier labels", async () => {
    const { text } = await send(bot(), "/score", { userId: "u-alpha" });
    expect(text).toContain("总分额外 +27 分，档位按含 +27 的总分计");
    expect(text).toContain("同行前10%得 26 分");
    expect(text).toContain("权益每月4号和16号各发放");
    expect(text).toContain("2021-07-07 起灰测");
    expect(text).not.toMatch(/\+20 分|得 25 分|3号和15号|2021-08-01 起灰测/);
  });

  it("/brand, /zone, /card: thresholds and slot counts", async () => {
    const brand = (await send(bot(), "/brand M20001", { userId: STAFF, staff: true })).text;
    expect(brand).toContain("12亿元");
    expect(brand).toContain("不小于12人研发团队");
    expect(brand).not.toMatch(/≥ 10亿元|不小于10人/);
    const zone = (await send(bot(), "/zone M20001", { userId: STAFF, staff: true })).text;
    expect(zone).toContain("出口年限 ≥ 4 年");
    const card = (await send(bot(), "/card M20001", { userId: STAFF, staff: true })).text;
    expect(card).toMatch(/自选4个/);
    expect(card).not.toMatch(/自选2个/);
  });

  it("computed answers read the same constants", async () => {
    const gold = await send(bot(), "我是金品，服务分68，算哪一档");
    expect(gold.title).toBe(COMPUTED_TITLE);
    expect(gold.text).toContain("68 + 金品 27 = 95 分");
    const exit = await send(bot(), "8月18日加入的保障升级，哪天能退出");
    expect(exit.text).toContain("承担保障起之后的第45天可以退出");
    expect(exit.text).not.toContain("第30天");
  });

  it("computed answers in English read the same constants", async () => {
    const gold = await send(bot(), "I'm a Gold Supplier with a service score of 68. Which tier am I in?");
    expect(gold.title).toBe(COMPUTED_TITLE_EN);
    expect(gold.text).toContain("68 + Gold 27 = 95 points");
    expect(gold.text).toContain("+27 points on the total");
    const exit = await send(bot(), "We joined the Guarantee Upgrade service on August 18. When can we exit?");
    expect(exit.title).toBe(COMPUTED_TITLE_EN);
    expect(exit.text).toContain("+ 45 days");
    expect(exit.text).toContain("from the 45th day");
    expect(exit.text).not.toMatch(/\b30 days|day 30\b|30th/);
    const late = await send(bot(), "A US$3,000 Trade Assurance order was dispatched late. How much compensation at most?");
    // The rule line reads the cap constant (the computation itself keeps the rule's own binding).
    expect(late.text).toContain("of the Trade Assurance order, at most US$150");
    expect(late.text).not.toContain("order, at most US$100");
    const appeal = await send(bot(), "We were penalised on August 23 at 4 pm. What's the appeal deadline?");
    expect(appeal.text).toContain("+ 11×24 hours");
    expect(appeal.text).not.toContain("7×24");
  });

  it("the line asking for a missing figure reads the same constants, in both languages", async () => {
    const en = await send(bot(), "How much is the inspection service with the festival discount?");
    expect(en.text).toContain("I'll work out the price at 70% of it");
    expect(en.text).not.toContain("at 80% of it");
    const zh = await send(bot(), "采购节验货服务打折后多少");
    expect(zh.text).toContain("我帮你算7折后多少");
    expect(zh.text).not.toContain("8折后多少");
  });

  it("tier labels follow the tier table", async () => {
    const { TIER_LABELS } = await import("../../bot/commands/score.js");
    expect(TIER_LABELS["80-89"]).toBe("77–89分");
    expect(TIER_LABELS["70-79"]).toBe("70–76分");
    expect(TIER_LABELS["90-plus"]).toBe("≥90分");
    expect(TIER_LABELS["below-40"]).toBe("<40分");
  });
});
