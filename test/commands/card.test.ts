import { describe, expect, it } from "vitest";
import { describeAccessControl, send, STAFF, useBot } from "./harness.js";

describeAccessControl("/card", /占地面积：1,200 m²/);

describe("/card", () => {
  const bot = useBot();

  it("shows three offline figures by priority, skipping empty and zero ones", async () => {
    const { kind, text } = await send(bot(), "/card", { userId: "u-alpha" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("**优商卡片共 6 个坑位：线上数据 3 项 + 线下认证数据 3 项**");
    expect(text).toContain("1. 占地面积：1,200 m²\n2. 质检人数：5 人\n3. 专利数量：2 项");
    expect(text).toContain("商家证书：为 0 或空");
    expect(text).toContain("研发人数：为 0 或空");
    expect(text).toContain("员工人数：线下数据只有3个坑位，优先级靠后不展示");
    expect(text).toContain("占地面积 > 商家证书 > 质检人数 > 研发人数 = 专利数量 > 员工人数");
  });

  it("shows two strength tags and says which cannot show", async () => {
    const { text } = await send(bot(), "/card", { userId: "u-alpha" });
    expect(text).toContain("实力标签（自选2个）：快速交货、支持来图定制");
    expect(text).toContain("超出2个的标签不会展示：多语言沟通");
  });

  it("explains that offline data is for Gold merchants only", async () => {
    const { text } = await send(bot(), "/card", { userId: "u-beta" });
    expect(text).toContain("线上数据（所有商家）：及时回复时长、准时发货率、GMV");
    expect(text).toContain("**仅金品诚企（认证优商）商家展示**");
  });

  it("says offline figures cannot be hidden, only re-verified", async () => {
    const { text } = await send(bot(), "/card", { userId: "u-beta" });
    expect(text).toContain("线下数据**不支持隐藏**；如需修改，需联系认证公司二次补验");
  });

  it("names the missing verified data of a Gold merchant", async () => {
    const reply = await send(bot(), "/card M20005", { userId: STAFF, staff: true });
    expect(reply.kind).toBe("command");
    expect(reply.text).toContain("商户资料缺少 verified（验真线下数据）");
  });

  it("routes a question about the card", async () => {
    const reply = await send(bot(), "我的优商卡片展示哪些线下数据", { userId: "u-alpha" });
    expect(reply.title).toBe("M20001 的优商卡片");
  });
});
