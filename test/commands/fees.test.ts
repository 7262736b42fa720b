import { describe, expect, it } from "vitest";
import { describeAccessControl, send, useBot } from "./harness.js";

describeAccessControl("/fees", /还差 0.01 美元/);

describe("/fees", () => {
  const bot = useBot();

  it("waives the basic service fee at exactly USD 20,000, and gives the cent still missing for the other", async () => {
    const { kind, text } = await send(bot(), "/fees", { userId: "u-alpha" });
    expect(kind).toBe("command");
    expect(text).toContain("一达通代理出口（信用保障/e收汇）：累计实收 20,000 美元 / 门槛 20,000 美元 → **已达标，次单起基础服务费全免**");
    expect(text).toContain("自营出口/市场采购出口（信用保障/e收汇）：累计实收 39,999.99 美元 / 门槛 40,000 美元 → **还差 0.01 美元，达标后次单起交易服务费全免**");
  });

  it("waives the transaction service fee at exactly USD 40,000", async () => {
    const { text } = await send(bot(), "/fees", { userId: "u-beta" });
    expect(text.split("\n")[0]).toBe("**已达标，次单起交易服务费全免**（自营出口/市场采购出口（信用保障/e收汇））");
    expect(text).toContain("**下一步**：一达通代理出口（信用保障/e收汇）再实收 1 美元");
  });

  it("names the missing export figures", async () => {
    const reply = await send(bot(), "/fees", { userId: "u-gamma" });
    expect(reply.kind).toBe("command");
    expect(reply.text).toContain("商户资料缺少 exportFees（出口收款数据）");
  });

  it("routes a question about the waivers", async () => {
    const reply = await send(bot(), "我的服务费减免达标了吗", { userId: "u-beta" });
    expect(reply.title).toBe("M20002 的采购节服务费减免");
  });
});
