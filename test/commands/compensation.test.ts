import { describe, expect, it } from "vitest";
import { send, useBot } from "./harness.js";

describe("/compensation", () => {
  const bot = useBot();

  it.each([
    ["600", "**买家可获赔偿：60 美元**（订单金额 600 美元 × 10%）"],
    ["123.45", "**买家可获赔偿：12.35 美元**（订单金额 123.45 美元 × 10%）"],
    ["1000", "**买家可获赔偿：100 美元**（订单金额 1,000 美元 × 10%）"],
    ["1000.01", "**买家可获赔偿：100 美元**（订单金额 1,000.01 美元 × 10%，超过上限按 100 美元计）"],
    ["$1,200", "**买家可获赔偿：100 美元**（订单金额 1,200 美元 × 10%，超过上限按 100 美元计）"],
    ["０.５", "**买家可获赔偿：0.05 美元**（订单金额 0.5 美元 × 10%）"],
  ])("/compensation %s", async (amount, headline) => {
    const { kind, text } = await send(bot(), `/compensation ${amount}`, { userId: "u-nobody" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe(headline);
  });

  it("explains the coupon, the claim and the first-compensation offer", async () => {
    const { text } = await send(bot(), "/赔付 600", { userId: "u-nobody" });
    expect(text).toContain("以无门槛优惠券发放到买家账户，买家获取后 90 天内使用，平台再向商家追缴");
    expect(text).toContain("只有买家对该订单提出赔偿申请时才需要赔偿");
    expect(text).toContain("2021-09-30 23:59:59 美西时间（北京时间 2021-10-01（周五）14:59:59）前支付且发起赔付的订单");
    expect(text).toContain("（目前仍适用）");
    const late = await send(bot(), "/compensation 600", { userId: "u-nobody", now: "2021-10-01T15:00:00+08:00" });
    expect(late.text).toContain("（已截止）");
  });

  it.each(["abc", "-5", "0", "", "1e3", "12 34"])("rejects %j and says how to fix it", async (amount) => {
    const reply = await send(bot(), `/compensation ${amount}`.trim(), { userId: "u-nobody" });
    expect(reply.kind).toBe("error");
    expect(reply.text).toContain("/compensation 600");
  });
});
