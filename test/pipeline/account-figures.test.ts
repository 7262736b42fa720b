/**
 * A computed result is shown only when it accounts for every figure of the question
 * (bot/pipeline/account-figures.ts, docs/computed-answers.md): one table per class of figure a
 * rule may leave unplaced, and the classes that need no placing. Rows run the real extractor and
 * calculators, so a calculator that starts stating a figure it ignored moves its row.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { ComputeRule } from "../../knowledge/schema.js";
import { isCompanyFact, needsNoPlace, unplacedFigures } from "../../bot/pipeline/account-figures.js";
import { CALCULATORS } from "../../bot/pipeline/compute-answer.js";
import { extractSlots } from "../../bot/pipeline/extract-slots.js";
import { COMPUTED_TITLE, isComputedReply } from "../../bot/pipeline/answer-with-figures.js";
import { send, useBot } from "../commands/harness.js";

const ASKED = DateTime.fromISO("2021-08-26T12:00:00+08:00");

function unplaced(rule: ComputeRule, q: string): string[] {
  const slots = extractSlots(q, ASKED);
  const r = CALCULATORS[rule].run(slots, ASKED);
  if (r.kind !== "computed") throw new Error(`not computed: ${r.ask}`);
  return unplacedFigures(slots, r).map((u) => u.raw);
}

describe("a figure the result does not state is unplaced", () => {
  it.each<[ComputeRule, string, string[]]>([
    // a figure of another rule in the same question
    ["rfq-tier", "服务分60，有效询盘35个能上热度榜吗", ["35个"]],
    ["guarantee-compensation", "服务分75的店，3000美元订单逾期发货赔多少", ["75"]],
    // a target or a second value the rule did not compute
    ["rfq-factor", "我75分，回复率50%，还差多少分到80", ["75分", "80"]],
    ["appeal-deadline", "8月23日下午4点被罚，第3天还能申诉吗", ["第3天"]],
    // a second date of the same kind
    ["guarantee-exit", "8月18日加入保障升级，之前8月2日也问过，哪天能退", ["8月2日"]],
  ])("%s: %s", (rule, q, expected) => {
    expect(unplaced(rule, q)).toEqual(expected);
  });
});

describe("figures that are placed or need no place", () => {
  it.each<[ComputeRule, string]>([
    ["rfq-tier", "服务分75能拿多少赠送报价"],
    // the merchant restating the rule's own figures: the rule line states them
    ["guarantee-compensation", "订单5000美元，逾期赔偿是按10%吗，那赔500吗"],
    // a one is an article as often as a figure
    ["guarantee-compensation", "3000美元订单逾期了一次，赔多少"],
    // a period is part of the rule's words
    ["factory-heat", "近90天有效询盘41个能上热度榜吗"],
    // a calendar year, a month without a day
    ["rfq-tier", "2021年服务分85，能拿多少报价"],
    ["fee-waiver-agency", "9月份，一达通代理出口累计1.5万美元，还差多少免费"],
    // a date written in another zone, given back as its Beijing date
    ["guarantee-exit", "I joined on Aug 17 at 23:30 US Pacific time. Earliest exit?"],
    // a number in a name
    ["rfq-tier", "服务分75，3星商机能提前看吗"],
    // written back in another unit: 9亿元 for RMB 900 million, hours for minutes
    ["brand-leading", "Our annual exports are RMB 900 million and we are a listed company. Leading brand?"],
    ["factory-reply-time", "近90天回复时间119分钟 回复时间榜能上吗"],
    ["factory-reply-time", "近90天回覆時間1小時50分鐘，能上回覆時間榜嗎"],
    // the year a company was founded says when, not how much
    ["brand-leading", "We are a listed company, founded 1998, annual export RMB 1.2 billion. Can we apply as a leading brand?"],
    // a date the rule line states: the rule's own start, not the merchant's figure
    ["penalty-refuse-ta", "8月9号新规生效以后我们已经被判过三次拒用信保了，这已经是第4次了，这次扣几分"],
  ])("%s: %s", (rule, q) => {
    expect(unplaced(rule, q)).toEqual([]);
  });
});

describe("figures about the company itself", () => {
  const facts = (q: string) => extractSlots(q, ASKED).numbers.filter(isCompanyFact).map((n) => n.raw.trim());

  it.each<[string, string[]]>([
    ["团队5个业务员，做国际站第三年了，服务分78分", ["5个", "第3年"]],
    ["员工一千二百人，成立二十年，年出口额十二亿", ["1200人", "20年"]],
    ["店铺开了6年了，要准备12个样品，厂房3000平米", ["6年", "12个", "3000"]],
    ["We are a team of 6 salespeople, on Alibaba for 4 years", ["6", "4 years"]],
    ["Our newer sales reps (we hired 4 this year, team of 11 now)", ["4", "11"]],
    // "a 10-person shop": the staff, written before its noun
    ["hardware tools supplier here, 50 workers, 14 years. We're a 10-person shop, 3 years in", ["50", "14 years", "10", "3 years"]],
    // the catalogue, unit prices, showrooms, and staff counted after their word
    ["店铺有380个产品，单价6.5美金，我们店铺员工15个", ["380个", "6.5美金", "15个"]],
    ["We have 80 SKUs and 3 showrooms, unit price 0.3 USD, MOQ 50 pcs at $120 each", ["80 skus", "3", "0.3 usd", "$120"]],
    // sites counted after their name
    ["我们主营家居园艺，仓库在义乌有三个", ["3个"]],
  ])("%s", (q, expected) => {
    expect(facts(q)).toEqual(expected);
  });

  it.each([
    // criteria of the brand and zone rules, and figures any rule computes from
    "研发团队15个人，品牌注册6年了，出口年限3年",
    "we have exported for 5 years, brand registered 4 years",
    "近30天报了50条有15个买家回复",
    "订单3500美金，服务分78分",
    // products a rule counts: ready to ship, picked for a list
    "7天内发货的RTS产品有120个",
    "报名了30个产品上榜",
  ])("not a company fact: %s", (q) => {
    expect(facts(q)).toEqual([]);
  });
});

describe("through the pipeline", () => {
  const bot = useBot();

  it("a rule that reads no company facts names them as not used and still computes", async () => {
    const reply = await send(bot(), "我们是东莞做硅胶制品的，做国际站第三年了，不是金品。团队5个业务员。今天后台看到RFQ服务分78分，这个月赠送报价能拿多少条？");
    expect(isComputedReply(reply)).toBe(true);
    expect(reply.text).toMatch(/20 条/u);
    expect(reply.text).toContain("第3年、5个业务员不影响这个结果");
  });

  it("a catalogue's size is named with its noun", async () => {
    const reply = await send(bot(), "我们店铺有380个产品，RFQ服务分78分，这个月赠送报价能拿多少条？");
    expect(isComputedReply(reply), reply.text).toBe(true);
    expect(reply.text).toContain("380个产品不影响这个结果");
  });

  it("a company fact in English is named with its noun, and a rule reads only the kinds of fact it uses", async () => {
    const reply = await send(bot(), "During the September festival we ship via self-operated export. Our cumulative received TA amount is 40,000 USD now. Is the next order's fee waived? We have 3 factories.", { userId: "u-unbound" });
    expect(isComputedReply(reply), reply.text).toBe(true);
    expect(reply.text, reply.text).toContain("3 factories in your message do not change this result");
    expect(CALCULATORS["zone-product-score"].readsCompanyFacts).not.toContain("people");
  });

  it("the brand criteria read the R&D team and the brand's years, and name the staff as not used", async () => {
    const reply = await send(bot(), "机械行业，我们品牌注册6年，研发15人，年出口2亿人民币，国际站营销投入一年60万，员工300人，能报自主品牌吗");
    expect(isComputedReply(reply)).toBe(true);
    expect(reply.text).toContain("研发 15 人");
    expect(reply.text).toContain("品牌注册 6 年");
    expect(reply.text).toContain("300人不影响这个结果");
  });

  it("unplacedFigures itself sets no company fact aside: only the pipeline does, for rules that do not read them", () => {
    expect(unplaced("rfq-tier", "员工300人，服务分75能拿多少报价")).toEqual(["300人"]);
    const slots = extractSlots("员工300人，服务分75能拿多少报价", ASKED);
    const r = CALCULATORS["rfq-tier"].run(slots, ASKED);
    if (r.kind !== "computed") throw new Error("not computed");
    expect(unplacedFigures(slots, r, isCompanyFact)).toEqual([]);
    expect(CALCULATORS["card-offline-figures"].readsCompanyFacts).toContain("people");
  });

  it("two questions of two rules in one message are each answered, together stating every figure", async () => {
    const reply = await send(bot(), "买家回复率50%能得几分？我服务分75分，还差多少分到80");
    expect(isComputedReply(reply)).toBe(true);
    expect(reply.text).toContain("还差 5 分到 80 分");
    expect(reply.text).toContain("近30天报价买家回复率 50% → 该项得 20 分");
  });

  it.each([["服务分60，有效询盘35个能上热度榜吗", "「35个」"]])("%s: not presented as computed, and the reply names the figure it could not place", async (q, named) => {
    const reply = await send(bot(), q);
    expect(isComputedReply(reply)).toBe(false);
    expect(reply.title).not.toBe(COMPUTED_TITLE);
    expect(reply.text).toContain(named);
    expect(reply.text).toMatch(/没有替你算/);
  });
});

describe("how many merchants a question is about", () => {
  it.each(["两个客户的服务费减免", "两家信保+e收汇累计实收都是22000美元", "帮3位客户问一下"])("%s: no figure to place", (q) => {
    const small = extractSlots(q, ASKED).numbers.filter((n) => n.value <= 3);
    expect(small.length).toBeGreaterThan(0);
    expect(small.every(needsNoPlace)).toBe(true);
  });
  it("a count of factories is the size of the business, not merchants", () => {
    expect(extractSlots("我们有两家工厂", ASKED).numbers.filter(needsNoPlace)).toEqual([]);
  });
});
