import { describe, expect, it } from "vitest";
import { describeAccessControl, send, STAFF, useBot } from "./harness.js";

describeAccessControl("/brand", /符合龙头品牌/);

describe("/brand", () => {
  const bot = useBot();

  it("qualifies a leading brand by any one of the three, and names every unmet own-brand condition", async () => {
    const { kind, text } = await send(bot(), "/brand", { userId: "u-alpha" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("**符合龙头品牌的招商条件**");
    // one yuan short of 10亿: shown in full, never rounded up to the threshold
    expect(text).toContain("年出口额 ≥ 10亿元人民币（当前 999,999,999元） ✗，还差 1元");
    expect(text).toContain("省级（以上）驰名/著名商标 ✓");
    expect(text).toContain("不小于10人研发团队或企业评级为高新企业（当前 9 人，非高新企业） ✗，还差 1 人");
    expect(text).toContain("未满足：不小于10人研发团队或企业评级为高新企业");
    // exactly on the thresholds: met
    expect(text).toContain("品牌注册年限 ≥ 3 年（当前 3 年） ✓");
    expect(text).toContain("国际站年营销投入 ≥ 50万元（当前 50万元） ✓");
  });

  it("lists every unmet condition, the trademark certificate included", async () => {
    const { text } = await send(bot(), "/brand M20005", { userId: STAFF, staff: true });
    expect(text.split("\n")[0]).toBe("**暂不符合龙头品牌和自主品牌的招商条件**");
    expect(text).toContain(
      "未满足：年出口额 ≥ 10亿元人民币；上市公司；省级（以上）驰名/著名商标；有效期内的商标注册证或品牌授权书（仅受理通知书无效）",
    );
    // high-tech stands in for the R&D team; 1亿 exactly is enough for the own brand
    expect(text).toContain("不小于10人研发团队或企业评级为高新企业（当前 0 人，高新企业） ✓");
    expect(text).toContain("年出口额 ≥ 1亿元人民币（当前 1亿元） ✓");
    expect(text).toMatch(/\*\*自主品牌\*\*（全部满足）：不符合[\s\S]*未满足：有效期内的商标注册证或品牌授权书/);
  });

  it("gives the Gold document list to Gold merchants and the non-Gold list to others", async () => {
    const gold = await send(bot(), "/brand", { userId: "u-alpha" });
    expect(gold.text).toContain("所需资质（适用**金品商家**清单）");
    expect(gold.text).toContain("金品验真报告（确保验真的出口额 ≥ 10亿元）");
    expect(gold.text).toContain("金品验真报告（确保验真的出口额 ≥ 1亿元且研发团队 ≥ 10人）");
    const other = await send(bot(), "/brand", { userId: "u-beta" });
    expect(other.text).toContain("所需资质（适用**非金品商家**清单）");
    expect(other.text).toContain("盖有公章的出口订单，订单清单或者带有出口金额的出口报关单");
    expect(other.text).toContain("高新企业认定文件");
  });

  it("says an industry is not open, even for a brand that meets everything else", async () => {
    const { text } = await send(bot(), "/brand M20004", { userId: STAFF, staff: true });
    expect(text.split("\n")[0]).toContain("**你的一级行业「服装」暂未开放工业品牌站**");
    expect(text).toContain("电工电气、五金工具、安防劳保、机械、包装印刷");
    expect(text).toContain("所属一级行业已开放（当前：服装） ✗");
  });

  it("names the missing brand profile", async () => {
    const { kind, text } = await send(bot(), "/brand", { userId: "u-beta" });
    expect(kind).toBe("command");
    expect(text).toContain("商户资料缺少 brand（品牌资料）");
  });

  it("gives the trademark requirement and the registration path", async () => {
    const { text } = await send(bot(), "/brand", { userId: "u-alpha" });
    expect(text).toContain("有效期内的商标注册证或品牌授权书");
    expect(text).toContain("商家工作台——营销中心——官方活动报名——工业品牌站");
  });

  it.each(["我的品牌站条件够吗", "我能报龙头品牌吗"])("routes %j to /brand", async (question) => {
    const reply = await send(bot(), question, { userId: "u-alpha" });
    expect(reply.kind).toBe("command");
    expect(reply.title).toBe("M20001 的工业品牌站");
  });
});

describe("/brand before and after the recruitment's registration", () => {
  const bot = useBot();
  const AFTER = "2026-12-01T10:00:00+08:00";

  it("while registration is open, names the open activities and where to register", async () => {
    const { text } = await send(bot(), "/brand", { userId: "u-alpha", now: "2021-12-25T10:00:00+08:00" });
    expect(text.split("\n")[0]).toBe("**符合龙头品牌的招商条件**");
    expect(text).toContain("到 **商家工作台——营销中心——官方活动报名——工业品牌站** 报名（目前开放报名：工业品牌站招商）");
  });

  it("after the last registration closed, says so first and gives no registration step", async () => {
    const { text } = await send(bot(), "/brand", { userId: "u-alpha", now: AFTER });
    expect(text.split("\n")[0]).toBe(
      "> **已结束**：工业品牌站招商报名适用于 2021年5月5日 至 2022年1月1日 15:59:59（北京时间），现已结束。",
    );
    expect(text).toContain("报名已截止");
    expect(text).not.toContain("**下一步**");
  });

  it("/check says registration has closed", async () => {
    const { text } = await send(bot(), "/check", { userId: "u-alpha", now: AFTER });
    expect(text).toContain("工业品牌站：招商报名（2021年5月5日 至 2022年1月1日 15:59:59（北京时间））**已截止**（详见 /brand）");
  });
});
