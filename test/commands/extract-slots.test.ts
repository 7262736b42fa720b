/**
 * The slot extractor (bot/pipeline/extract-slots.ts), table by table: each row is a question
 * and exactly what must be read from it. It lives beside the command tests because it feeds
 * the hypothetical checks (docs/computed-answers.md), which share the commands' formatting.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { extractSlots, parseChineseNumeral, type NumberKind } from "../../bot/pipeline/extract-slots.js";

const ASKED = DateTime.fromISO("2021-08-26T12:00:00+08:00");
const nums = (q: string) => extractSlots(q, ASKED).numbers.map((n) => [n.value, n.kind, n.currency] as const);

describe("amounts", () => {
  it.each<[string, number, "USD" | "CNY" | null]>([
    ["一达通累计1.8万美金了", 18000, "USD"],
    ["累计1万8美金", 18000, "USD"],
    ["做了18k usd", 18000, "USD"],
    ["累计 US$18,000", 18000, "USD"],
    ["$3,000的订单", 3000, "USD"],
    ["3000美元的TA订单", 3000, "USD"],
    ["订单金额 1001 dollars", 1001, "USD"],
    ["年出口额5亿", 500_000_000, null],
    ["营销投入50万元", 500_000, "CNY"],
    ["三千美元", 3000, "USD"],
    // a numeral with 万 and a part after it is read whole; a lone digit after 万 counts thousands
    ["累计实收三万八千美金", 38000, "USD"],
    // digits written with Chinese places
    ["累计实收1万9千2百美元", 19200, "USD"],
    ["累计实收3万7千美元", 37000, "USD"],
    ["2千5百美元的订单", 2500, "USD"],
    ["到账一万二美金", 12000, "USD"],
    // 六千五 after 万 is 6 500, as it is said
    ["累计实收本来是三万六千五美金", 36500, "USD"],
    ["GMV四万美金", 40000, "USD"],
    ["GMV三万八千美金", 38000, "USD"],
    ["1.2w刀", 12000, "USD"],
    // a digit right after the place says the next place down, as merchants say it
    ["到账两万三美金", 23000, "USD"],
    ["订单一千二美元", 1200, "USD"],
    ["三千五百美金", 3500, "USD"],
  ])("%s → %d %s", (q, value, currency) => {
    expect(nums(q)).toEqual([[value, "amount", currency]]);
  });
});

describe("scores, counts, ordinals and percentages", () => {
  it.each<[string, [number, NumberKind][]]>([
    ["服务分75能拿多少赠送报价？", [[75, "plain"]]],
    ["搜索指数一千二，卖家规模指数三百", [[1200, "plain"], [300, "plain"]]],
    ["报价一百二十条", [[120, "count"]]],
    ["我服务分是89分", [[89, "score"]]],
    ["上月报了60条报价，服务分93", [[60, "count"], [93, "plain"]]],
    ["有效询盘35个能上热度榜吗", [[35, "count"]]],
    ["四十一个询盘", [[41, "count"]]],
    ["拒用信保第4次扣几分", [[4, "ordinal"]]],
    ["第三周", [[3, "ordinal"]]],
    ["登录了15天", [[15, "count"]]],
    ["平均回复1.5小时", [[1.5, "count"]]],
    ["回复率到50%", [[0.5, "percent"]]],
    ["及时发货率百分之九十", [[0.9, "percent"]]],
    ["90.5％的发货率", [[0.905, "percent"]]],
  ])("%s", (q, expected) => {
    expect(extractSlots(q, ASKED).numbers.map((n) => [n.value, n.kind])).toEqual(expected);
  });

  it("keeps the unit of a count", () => {
    const [n] = extractSlots("已经被罚了3次", ASKED).numbers;
    expect(n).toMatchObject({ value: 3, kind: "count", unit: "次" });
  });

  it("reads Chinese numerals", () => {
    expect([parseChineseNumeral("十二"), parseChineseNumeral("二十"), parseChineseNumeral("三千五百"), parseChineseNumeral("两")]).toEqual([12, 20, 3500, 2]);
    expect(parseChineseNumeral("十一月x")).toBeNull();
    // a lone digit after 千 or 百 is the next place down, as merchants say it; after 零 it is units
    expect([parseChineseNumeral("六千五"), parseChineseNumeral("三百五"), parseChineseNumeral("一千零五"), parseChineseNumeral("三百零五"), parseChineseNumeral("一百二十五")]).toEqual([6500, 350, 1005, 305, 125]);
  });
});

describe("never a figure that is not written", () => {
  it.each([
    "保障升级服务多久能退出？",
    "一达通是什么",
    "找工厂频道在哪里入驻",
    "服务分怎么算",
    "M10001 的服务分是多少",
    "ISO9001证书能展示吗",
    "3D showroom 怎么开通",
  ])("%s → no numbers", (q) => {
    expect(extractSlots(q, ASKED).numbers).toEqual([]);
  });

  it.each(["询盘40多个", "3000来块钱", "大约50%的回复率", "1万多美金", "about 40 inquiries", "服务分75左右", "100+个品"])(
    "%s → an approximate figure is not read",
    (q) => {
      expect(extractSlots(q, ASKED).numbers).toEqual([]);
    },
  );

  it("多少 and 几 after the figure are the question, not an approximation", () => {
    expect(nums("3000美元赔多少")).toEqual([[3000, "amount", "USD"]]);
    expect(extractSlots("服务分75多少档", ASKED).numbers.map((n) => n.value)).toEqual([75]);
    expect(extractSlots("拒用信保第4次扣几分", ASKED).numbers.map((n) => n.value)).toEqual([4]);
  });

  it("reads 3个小时 as hours and 3个月 as months", () => {
    expect(extractSlots("平均回复3个小时", ASKED).numbers.map((n) => [n.value, n.unit])).toEqual([[3, "小时"]]);
    expect(extractSlots("近3个月", ASKED).numbers.map((n) => [n.value, n.unit])).toEqual([[3, "月"]]);
  });

  it("leaves Gold and the company type unknown when they are not said", () => {
    const s = extractSlots("找工厂热度榜要多少询盘", ASKED);
    expect([s.gold, s.businessType, s.dates, s.industries]).toEqual([null, null, [], []]);
  });
});

describe("dates and times", () => {
  it.each<[string, string, string | null, string]>([
    ["8月18日加入的保障升级", "2021-08-18", null, "Asia/Shanghai"],
    ["9月20号退出的", "2021-09-20", null, "Asia/Shanghai"],
    ["8.18加入的", "2021-08-18", null, "Asia/Shanghai"],
    ["2021-08-18加入", "2021-08-18", null, "Asia/Shanghai"],
    ["2021年8月18日加入", "2021-08-18", null, "Asia/Shanghai"],
    ["8月23日下午4点被罚", "2021-08-23", "16:00", "Asia/Shanghai"],
    ["8月23日晚上11点半被罚", "2021-08-23", "23:30", "Asia/Shanghai"],
    ["8月23日 09:15 被罚", "2021-08-23", "09:15", "Asia/Shanghai"],
    ["美西时间8月18日23:30加入", "2021-08-18", "23:30", "America/Los_Angeles"],
    ["joined on Aug 18 at 11:30pm PDT", "2021-08-18", "23:30", "America/Los_Angeles"],
    ["penalised on 23 August 4pm", "2021-08-23", "16:00", "Asia/Shanghai"],
    // an English time before its date
    ["the buyer claimed at 11am Beijing time on Oct 1", "2021-10-01", "11:00", "Asia/Shanghai"],
    ["starts Sept 1, 00:00 PDT", "2021-09-01", "00:00", "America/Los_Angeles"],
    // a time after a closing bracket still belongs to its date
    ["上周五（8月27日）下午5点半被判了拒用信保", "2021-08-27", "17:30", "Asia/Shanghai"],
  ])("%s → %s %s %s", (q, date, time, zone) => {
    const [d, ...rest] = extractSlots(q, ASKED).dates;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ date, time, zone });
  });

  it.each(["9月5日下午2点半到6000美金，同一天下午4点又到1000美金", "paid US$6,000 on Sept 5 at 2:30pm and US$1,000 the same day at 4pm"])("%s: the same day again is a date, with its own time", (q) => {
    expect(extractSlots(q, ASKED).dates.map((d) => [d.date, d.time])).toEqual([
      ["2021-09-05", "14:30"],
      ["2021-09-05", "16:00"],
    ]);
  });

  it.each([
    ["sign-up at 7:45am Pacific on Aug 25. Still in time? And at 8:10am?", [["2021-08-25", "07:45", "America/Los_Angeles"], ["2021-08-25", "08:10", "America/Los_Angeles"]]],
    ["8月25日晚上10点报名来得及吗，要是11点呢", [["2021-08-25", "22:00", "Asia/Shanghai"], ["2021-08-25", "23:00", "Asia/Shanghai"]]],
    ["8月25日晚上10点报名来得及吗？11点半呢", [["2021-08-25", "22:00", "Asia/Shanghai"], ["2021-08-25", "23:30", "Asia/Shanghai"]]],
    ["8月20日 10:00被处罚 如果下午3点呢", [["2021-08-20", "10:00", "Asia/Shanghai"], ["2021-08-20", "15:00", "Asia/Shanghai"]]],
    // a time without a cue that offers it instead is no other moment; nor is a duration
    ["8月23日下午4点被罚，最晚什么时候申诉", [["2021-08-23", "16:00", "Asia/Shanghai"]]],
    ["8月25日报名，平均回复时长1.5小时", [["2021-08-25", null, "Asia/Shanghai"]]],
  ] as const)("%s: another moment of the day before it is a date of its own", (q, want) => {
    expect(extractSlots(q, ASKED).dates.map((d) => [d.date, d.time, d.zone])).toEqual(want);
  });

  it("a zone named for a list holds for the dates after it in the sentence, not beyond", () => {
    const zones = (q: string) => extractSlots(q, ASKED).dates.map((d) => [d.date, d.zone, d.zoneNamed]);
    expect(zones("美西时间9月3日到账5000美元，9月6日8000。9月10日3000")).toEqual([
      ["2021-09-03", "America/Los_Angeles", true],
      ["2021-09-06", "America/Los_Angeles", true],
      ["2021-09-10", "Asia/Shanghai", false],
    ]);
    expect(zones("Received GMV (US Pacific dates): Sept 4 US$2,000, Sept 12 US$7,000")).toEqual([
      ["2021-09-04", "America/Los_Angeles", true],
      ["2021-09-12", "America/Los_Angeles", true],
    ]);
    // a date's own zone wins over the list's
    expect(zones("美西时间9月1日开始，北京时间9月2日下午3点")).toEqual([
      ["2021-09-01", "America/Los_Angeles", true],
      ["2021-09-02", "Asia/Shanghai", true],
    ]);
  });

  it("takes the year of the day the question is asked (in Shanghai)", () => {
    const [d] = extractSlots("3月1日加入的", DateTime.fromISO("2022-01-05T09:00:00+08:00")).dates;
    expect(d?.date).toBe("2022-03-01");
  });

  it("a date without a year takes the year another date of the question names", () => {
    const dates = extractSlots("paid on Sept 20, claimed on Oct 1, 2022", DateTime.fromISO("2026-12-01T09:00:00+08:00")).dates;
    expect(dates.map((d) => d.date)).toEqual(["2022-09-20", "2022-10-01"]);
  });

  it("an amount with a decimal point is not a date", () => {
    const s = extractSlots("累计1.8万美金", ASKED);
    expect(s.dates).toEqual([]);
  });
});

describe("industries, Gold and company type", () => {
  it.each<[string, string[]]>([
    ["服装行业第三周看哪几天的GMV", ["服装"]],
    ["我们做汽车配件及用品的", ["汽摩配"]],
    ["家具和灯具照明两个类目", ["家具", "灯具照明"]],
    ["we sell consumer electronics", ["消费电子"]],
    // the short forms merchants type; a full name is read whole, never as its shorter part
    ["我们是3C数码行业的", ["消费电子"]],
    ["做美妆和五金的", ["美容个护", "五金工具"]],
    ["五金工具和面料及纺织原材料", ["五金工具", "面料及纺织原材料"]],
    ["我们做家纺", ["家纺"]],
  ])("%s → %j", (q, industries) => {
    expect(extractSlots(q, ASKED).industries).toEqual(industries);
  });

  it.each<[string, boolean | null]>([
    ["我是金品，服务分68", true],
    ["我们是金品诚企会员", true],
    ["我不是金品，服务分68", false],
    ["非金品商家", false],
    ["not a gold supplier", false],
    ["we are a Verified Supplier", true],
    ["a Shenzhen factory, not a Verified Supplier", false],
    ["服务分79分，金品还没买", false],
    ["我们还没买金品，服务分79", false],
    ["We haven't paid for Gold yet, score 79", false],
    ["金品刚续费，服务分79", true],
    ["服务分68", null],
  ])("%s → gold %s", (q, gold) => {
    expect(extractSlots(q, ASKED).gold).toBe(gold);
  });

  it.each<[string, string | null]>([
    ["我们是工贸一体的", "integrated"],
    ["我们是贸易公司", "trading"],
    ["我们是工厂", "factory"],
    ["找工厂频道怎么进", null],
  ])("%s → %s", (q, type) => {
    expect(extractSlots(q, ASKED).businessType).toBe(type);
  });
});

describe("numerals without a unit, homophones, lists and the words leading to a figure", () => {
  it.each<[string, number[]]>([
    ["服务分八十五能拿几条", [85]],
    ["服务分是九十五，上个月报价一百二十条", [95, 120]],
    ["二十", [20]],
  ])("%s → %j", (q, values) => {
    expect(extractSlots(q, ASKED).numbers.map((n) => n.value)).toEqual(values);
  });

  it.each(["下一单能免吗", "这一次扣几分", "每一笔都要赔吗"])("%s → 一 naming which one is not a count", (q) => {
    expect(extractSlots(q, ASKED).numbers).toEqual([]);
  });

  it.each(["业务员这两天在广交会", "前两天刚被罚", "过两天再报名", "这两年出口还行"])("%s → 两 in 'lately' or 'in a day or two' is not a count", (q) => {
    expect(extractSlots(q, ASKED).numbers).toEqual([]);
  });

  it("一个数 (a certain figure) is not a count", () => {
    expect(extractSlots("累计到一个数以后就免了", ASKED).numbers).toEqual([]);
  });

  it.each<[string, number, string]>([
    ["penalised five times for steering buyers off-platform", 5, "次"],
    ["three orders were late", 3, "单"],
  ])("%s → an English number word before a unit is a count", (q, value, unit) => {
    expect(extractSlots(q, ASKED).numbers.map((n) => [n.value, n.unit])).toEqual([[value, unit]]);
  });

  it.each(["ranked 21st in our second-level category", "a second level category", "first-time users get 20% off"])("%s: a word of a name is not an ordinal", (q) => {
    expect(extractSlots(q, ASKED).numbers.filter((n) => n.kind === "ordinal" && n.value !== 21)).toEqual([]);
  });

  it.each(["the +5 marketing star bonus", "3 decorations", "2 novels"])("%s: a word that starts like a month is not one", (q) => {
    expect(extractSlots(q, ASKED).dates).toEqual([]);
  });

  it("'3 production lines' are no products", () => {
    expect(extractSlots("3 production lines and 5 products", ASKED).numbers.map((n) => [n.value, n.kind])).toEqual([[3, "plain"], [5, "count"]]);
  });

  it("square metres are no million: 5,000 m² is a plain 5000, US$3m is 3 million", () => {
    expect(extractSlots("a 5,000 m² workshop", ASKED).numbers.map((n) => [n.value, n.kind])).toEqual([[5000, "plain"]]);
    expect(extractSlots("US$3m of orders", ASKED).numbers.map((n) => [n.value, n.kind])).toEqual([[3e6, "amount"]]);
  });

  it("an English time before its date is part of the date, not a figure", () => {
    const slots = extractSlots("We submitted the sign-up at 10:30pm China time on Aug 25", ASKED);
    expect(slots.dates.map((d) => [d.date, d.time])).toEqual([["2021-08-25", "22:30"]]);
    expect(slots.numbers).toEqual([]);
  });

  it("an English number word without a unit is not read", () => {
    expect(extractSlots("the three of us", ASKED).numbers).toEqual([]);
  });

  it("两天 on its own is still a count", () => {
    expect(extractSlots("晚了两天发货", ASKED).numbers.map((n) => n.value)).toEqual([2]);
  });

  it.each(["三星商机怎么拿", "十分感谢", "一达通是什么"])("%s → a lone numeral character is not a figure", (q) => {
    expect(extractSlots(q, ASKED).numbers.filter((n) => n.kind === "plain")).toEqual([]);
  });

  it.each<[string, string]>([
    ["服物分82", "服务分82"],
    ["服务份82", "服务分82"],
    ["信宝订单3000美金", "信保订单3000美金"],
    ["最晚什么时候申述", "最晚什么时候申诉"],
    // any word of three characters or more that names a figure, typed by its sound
    ["买家回附率29%", "买家回复率29%"],
    ["及时发获率93%", "及时发货率93%"],
    ["一打通代理出口1.8万美金", "一达通代理出口1.8万美金"],
    ["成长粉74", "成长分74"],
    // another word, or two characters off in three, is left alone
    ["服务费多少", "服务费多少"],
    ["回妇女29%", "回妇女29%"],
  ])("%s reads as %s", (q, text) => {
    expect(extractSlots(q, ASKED).text).toBe(text);
  });

  it.each<[string, [number, NumberKind, "USD" | "CNY" | null][]]>([
    ["金额分别是300、700和2500美金", [[300, "amount", "USD"], [700, "amount", "USD"], [2500, "amount", "USD"]]],
    ["orders of 300, 700 and 2500 dollars", [[300, "amount", "USD"], [700, "amount", "USD"], [2500, "amount", "USD"]]],
    ["1万、2万美金", [[10000, "amount", "USD"], [20000, "amount", "USD"]]],
    ["成长分74、80、90", [[74, "plain", null], [80, "plain", null], [90, "plain", null]]],
    // a comma closes a clause: 93 is not a count of 条
    ["服务分93，上月60条", [[93, "plain", null], [60, "count", null]]],
    // a multiplier is never shared: 2 stays 2
    ["2、3万美金", [[2, "plain", null], [30000, "amount", "USD"]]],
  ])("%s", (q, expected) => {
    expect(extractSlots(q, ASKED).numbers.map((n) => [n.value, n.kind, n.currency])).toEqual(expected);
  });

  it("第2、3次 is a list of ordinals", () => {
    expect(extractSlots("第2、3次各扣几分", ASKED).numbers.map((n) => [n.value, n.kind])).toEqual([[2, "ordinal"], [3, "ordinal"]]);
  });

  it("a list shares the unit of its last figure too", () => {
    expect(extractSlots("分别是3、5个", ASKED).numbers.map((n) => [n.value, n.unit])).toEqual([[3, "个"], [5, "个"]]);
  });

  it.each<[string, number, string, boolean]>([
    ["last month I sent 20 quotes", 20, "last month i sent ", false],
    ["rfq gmv last 90 days is $36,000", 36000, "rfq gmv last 90 days is ", false],
    ["近90天信保GMV 2万美金", 20000, "近90天信保gmv ", false],
    ["服务分93，上月报了60条", 60, "上月报了", false],
    ["近90天信保GMV 2万美金", 90, "近", true],
    ["90天内询盘41个", 90, "", true],
    ["登录了15天", 15, "登录了", false],
  ])("%s: %d is led by %j (period %s)", (q, value, lead, period) => {
    const n = extractSlots(q, ASKED).numbers.find((x) => x.value === value);
    expect(n).toMatchObject({ lead, period });
  });

  it.each<[string, number, string]>([
    ["registered 3 years", 3, "年"],
    ["exported for 5 years", 5, "年"],
    ["an R&D team of 12 engineers", 12, "人"],
  ])("%s → %d %s", (q, value, unit) => {
    expect(extractSlots(q, ASKED).numbers.map((n) => [n.value, n.unit])).toEqual([[value, unit]]);
  });

  it("reads a 24-hour time after an English 'at'", () => {
    expect(extractSlots("penalized on 2021-08-30 at 10:00", ASKED).dates[0]).toMatchObject({ date: "2021-08-30", time: "10:00" });
  });
});

describe("a range of days", () => {
  it.each(["第三周（9月13-19日）的榜单", "the week-3 lists shown Sept 13–19?"])("%s: its end is no figure", (q) => {
    expect(extractSlots(q, ASKED).numbers.map((n) => n.value)).not.toContain(19);
  });
});

describe("a multiplier is no date", () => {
  it.each(["金品是不是在总分上乘1.2", "总分×1.2是多少", "按1.5倍算"])("%s", (q) => {
    expect(extractSlots(q, ASKED).dates).toEqual([]);
  });
});
