import { describe, expect, it } from "vitest";
import { describeAccessControl, send, STAFF, useBot } from "./harness.js";

describeAccessControl("/score", /总分 120/);

describe("/score", () => {
  const bot = useBot();

  it("adds the Gold +20 to the headline total and grants the capped quotes of the ≥90 tier", async () => {
    const { kind, text } = await send(bot(), "/score", { userId: "u-alpha" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("**RFQ服务分：总分 120（基础 100 + 金品 20），≥90分档**");
    // last month 120 quotes: 报多返多, capped at 100
    expect(text).toContain("服务力赠送报价：**100 条**（兜底 30 条，上月报价 120 条报多返多，封顶 100 条）");
    expect(text).toContain("报价畅行：无限制");
    expect(text).toContain("三星商机提前6小时（工作时段）先享：有");
  });

  it("shows each factor as points/max and the marketing star beside the score", async () => {
    const { text } = await send(bot(), "/score", { userId: "u-alpha" });
    expect(text).toContain("本月至今RFQ登录天数：22 天 → **5/5 分**");
    expect(text).toContain("本月报价个数：60 个 → **25/25 分**，同行 2 家中高于 2 家");
    expect(text).toContain("近30天报价买家回复率：50% → **20/20 分**");
    expect(text).toContain("RFQ近90天累计实收GMV：25,000 美元 → **25/25 分**");
    // 25,000 and 60% usage are both exactly the +3 thresholds; +5 needs 35,000 and 100%
    expect(text).toContain("星等级-营销力：**+3 分**（计入星等级，不加在服务分上）");
    expect(text).toContain("GMV 还差 10,000 美元，免费权益消耗还差 40 个百分点");
  });

  it("names the factor whose next threshold gains most, ties in table order; never rounds up to a threshold", async () => {
    const { text } = await send(bot(), "/score M20002", { userId: "u-beta" });
    expect(text.split("\n")[0]).toBe("**RFQ服务分：总分 55，40–59分档**");
    expect(text).toContain("本月至今RFQ登录天数：21 天 → **4/5 分**；下一档 ≥ 22 天 得 5 分");
    expect(text).toContain("近30天报价买家回复率：9.9% → **5/20 分**；下一档 ≥ 10% 得 10 分");
    expect(text).toContain("RFQ近90天累计实收GMV：24,999.99 美元 → **20/25 分**");
    // quotes and response rate both gain 12 by passing the top peer; quotes comes first. The
    // step is said in peers to pass: the value to reach would be that peer's own figure.
    expect(text).toContain("**下一步**：「本月报价个数」在同行中再超过 1 家，可多得 **12 分**（该项 25 分）。距 60–69分档还差 5 分。");
    expect(text).not.toMatch(/超过 60 个/);
    expect(text).toContain("GMV 还差 0.01 美元");
    expect(text).toContain("服务力赠送报价：5 条");
    expect(text).toContain("报价畅行：无");
  });

  it("says how many peers were compared, and that it is an estimate", async () => {
    const { text } = await send(bot(), "/score", { userId: "u-beta" });
    expect(text).toContain("与一级行业「五金工具」中有RFQ数据的其他 2 家商户比较");
    expect(text).toContain("按简报规则估算");
  });

  it("gives 25 to both ranked factors when peer data is missing, and says so", async () => {
    const { text } = await send(bot(), "/score M20005", { userId: STAFF, staff: true });
    expect(text).toContain("同行数据缺失");
    expect(text).toContain("各计 25 分");
    // 1 + 25 + 25 + 10 + 10 = 71, + 20 = 91: the ≥90 tier, 30 quotes from the floor
    expect(text.split("\n")[0]).toBe("**RFQ服务分：总分 91（基础 71 + 金品 20），≥90分档**");
    expect(text).toContain("服务力赠送报价：**30 条**（兜底 30 条，上月报价 10 条");
  });

  it("gives the issue schedule and rollout phase at the message time", async () => {
    const gray = await send(bot(), "/score", { userId: "u-alpha" });
    expect(gray.text).toContain("权益每月3号和15号各发放本月的一半；下次发放：2021-09-03（周五）");
    expect(gray.text).toContain("2021-08-01 起灰测，2021-09-01 全量生效，目前处于灰测期");
    // the 15th itself is an issue day
    const full = await send(bot(), "/score", { userId: "u-alpha", now: "2021-09-15T09:00:00+08:00" });
    expect(full.text).toContain("下次发放：2021-09-15（周三）");
    expect(full.text).toContain("已全量生效");
  });

  it("says which field is missing instead of guessing", async () => {
    const reply = await send(bot(), "/score", { userId: "u-delta" });
    expect(reply.kind).toBe("command");
    expect(reply.text).toContain("商户资料缺少 rfq（RFQ数据），暂时无法计算服务分");
  });

  it("answers the same to its Chinese alias", async () => {
    const reply = await send(bot(), "/服务分 M20002", { userId: "u-beta" });
    expect(reply.title).toBe("M20002 的RFQ服务分");
  });

  it.each([
    ["M20001 的服务分是多少", "u-alpha", "command", "M20001 的RFQ服务分"],
    ["我的服务分多少", "u-beta", "command", "M20002 的RFQ服务分"],
    ["M20002 的服务分是多少", "u-alpha", "denied", "无法查看"],
  ])("routes %j from %s to /score", async (question, userId, kind, title) => {
    const reply = await send(bot(), question, { userId });
    expect(reply.kind).toBe(kind);
    expect(reply.title).toBe(title);
  });

});
