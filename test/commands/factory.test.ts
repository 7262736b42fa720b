import { describe, expect, it } from "vitest";
import { describeAccessControl, send, STAFF, useBot } from "./harness.js";

describeAccessControl("/factory", /还差 1 个/);

describe("/factory", () => {
  const bot = useBot();

  it("lets a Gold integrated merchant in directly", async () => {
    const { kind, text } = await send(bot(), "/factory", { userId: "u-alpha" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("**可以进入找工厂频道**：金品诚企服务中的工厂/工贸一体商家直接准入，无需报名。");
  });

  it("misses every list when each figure sits exactly on its strict threshold", async () => {
    const { text } = await send(bot(), "/factory", { userId: "u-alpha" });
    expect(text).toContain("热度榜：未达门槛（入榜后按近90天有效询盘排名）；近90天有效询盘 > 40 个：你的 40 个 ✗，还差 1 个");
    expect(text).toContain("近90天平均回复时间 < 2 小时：你的 2 小时 ✗");
    expect(text).toContain("近90天发货订单 ≥ 1 单：你的 1 单 ✓；近90天及时发货率 > 90%：你的 90% ✗");
    expect(text).toContain("近90天信保GMV > 2,000 美元：你的 2,000 美元 ✗");
  });

  it("reaches every list just past the thresholds, yet cannot enter from Guangzhou without Gold", async () => {
    const { text } = await send(bot(), "/factory", { userId: "u-beta" });
    expect(text.split("\n")[0]).toBe("**暂时无法进入找工厂频道**");
    expect(text).toContain("注册地不在广州、深圳（当前：Guangzhou）✗");
    expect(text).toMatch(/\*\*下一步\*\*：广州、深圳地区的商家.*建议购买\*\*金品诚企\*\*直接准入/);
    for (const list of ["热度榜", "回复时间榜", "及时发货榜", "实力榜"]) expect(text).toContain(`${list}：**已达入榜门槛**`);
    expect(text).toContain("你的 1.99 小时 ✓");
    expect(text).toContain("你的 2,000.01 美元 ✓");
  });

  it("tells a non-Gold factory to get its licence verified and tick the agreement", async () => {
    const { text } = await send(bot(), "/factory", { userId: "u-gamma" });
    expect(text).toContain("营业执照经实地认证且含生产范围 ✗");
    expect(text).toContain("已在 MA后台-管理公司信息-找工厂入驻 勾选入驻协议 ✗");
    expect(text).toContain("完成营业执照实地认证（经营范围需含生产）");
    expect(text).toContain("到 **MA后台-管理公司信息-找工厂入驻** 勾选《找工厂入驻协议》并提交");
    expect(text).toContain("近90天平均回复时间 < 2 小时：你的 5 小时 ✗，需缩短到 2 小时以内（当前多 3 小时）");
    expect(text).toContain("近90天及时发货率 > 90%：你的 0% ✗，需超过 90%（还差 90 个百分点以上）");
  });

  it("keeps a trading merchant out and names the missing metrics", async () => {
    const { text } = await send(bot(), "/factory M20004", { userId: STAFF, staff: true });
    expect(text).toContain("企业类型为工厂或工贸一体（当前：贸易）✗");
    expect(text).toContain("只面向工厂和工贸一体商家");
    expect(text).toContain("商户资料缺少 factory（找工厂数据）");
  });

  it("gives the one e-mail appeal within 5 working days after a removal", async () => {
    const { text } = await send(bot(), "/factory", { userId: "u-alpha" });
    expect(text).toContain("清退通知邮件发出后5个工作日内以邮件方式发起一次申诉");
  });

  it.each(["我的找工厂能入驻吗", "我能上热度榜吗"])("routes %j to /factory", async (question) => {
    const reply = await send(bot(), question, { userId: "u-alpha" });
    expect(reply.kind).toBe("command");
    expect(reply.title).toBe("M20001 的找工厂频道");
  });
});
