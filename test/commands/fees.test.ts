import { describe, expect, it } from "vitest";
import { describeAccessControl, send, useBot } from "./harness.js";

describeAccessControl("/fees", /还差 0.01 美元/);

/** During the festival, when the waivers apply. */
const DURING = "2021-09-15T12:00:00+08:00";
const AFTER = "2026-12-01T10:00:00+08:00";

describe("/fees", () => {
  const bot = useBot();

  it("waives the basic service fee at exactly USD 20,000, and gives the cent still missing for the other", async () => {
    const { kind, text } = await send(bot(), "/fees", { userId: "u-alpha", now: DURING });
    expect(kind).toBe("command");
    expect(text).toContain("一达通代理出口（信用保障/e收汇）：累计实收 20,000 美元 / 门槛 20,000 美元 → **已达标，次单起基础服务费全免**");
    expect(text).toContain("自营出口/市场采购出口（信用保障/e收汇）：累计实收 39,999.99 美元 / 门槛 40,000 美元 → **还差 0.01 美元，达标后次单起交易服务费全免**");
  });

  it("waives the transaction service fee at exactly USD 40,000", async () => {
    const { text } = await send(bot(), "/fees", { userId: "u-beta", now: DURING });
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

describe("/fees before and after the festival", () => {
  const bot = useBot();

  it("before the festival, says when the offer starts, then what the merchant will get", async () => {
    const { text } = await send(bot(), "/fees", { userId: "u-beta", now: "2021-08-26T10:00:00+08:00" });
    const lines = text.split("\n");
    expect(lines[0]).toBe("> **尚未开始**：采购节服务费减免适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），目前还没有开始。");
    expect(text).toContain("**已达标，活动开始后次单起交易服务费全免**");
  });

  it("after the festival, says the offer applied from … to … and has ended, never 已达标", async () => {
    const { text } = await send(bot(), "/fees", { userId: "u-beta", now: AFTER });
    expect(text.split("\n")[0]).toBe("> **已结束**：采购节服务费减免适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），现已结束。");
    expect(text).not.toMatch(/已达标|次单起|下一步/);
    expect(text).toContain("累计实收 40,000 美元 / 门槛 40,000 美元 → **已达门槛；活动已结束，现在不再减免**");
  });

  it("after the festival, a merchant without export figures is told it has ended, not asked for data", async () => {
    const { text } = await send(bot(), "/fees", { userId: "u-gamma", now: AFTER });
    expect(text).toMatch(/^> \*\*已结束\*\*/);
    expect(text).not.toContain("exportFees");
  });

  it("/check says the waivers have ended", async () => {
    const { text } = await send(bot(), "/check", { userId: "u-beta", now: AFTER });
    expect(text).toContain("服务费减免：采购节活动（2021年9月1日 至 2021年9月30日（美国太平洋时间））**已结束**（详见 /fees）");
    expect(text).not.toContain("已达标");
  });
});
