import { describe, expect, it } from "vitest";
import { describeAccessControl, send, STAFF, useBot } from "./harness.js";

describeAccessControl("/guarantee", /2021-08-26（周四）/);

describe("/guarantee", () => {
  const bot = useBot();

  it("opens the exit on join date + 30 days, the day itself included", async () => {
    const { kind, text } = await send(bot(), "/guarantee", { userId: "u-alpha" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("**最早可退出日期：2021-08-26（周四），现在可以退出**");
    expect(text).toContain("My Alibaba后台—交易管理—交易准入中心-退出“保障升级服务”");
    expect(text).toContain("若在 2021-08-26（周四）退出，最早 2021-09-25（周六）可重新加入");
    expect(text).toContain("按简报规则估算");
  });

  it("counts the days left the evening before", async () => {
    const { text } = await send(bot(), "/guarantee", { userId: "u-alpha", now: "2021-08-25T23:59:00+08:00" });
    expect(text.split("\n")[0]).toBe("**最早可退出日期：2021-08-26（周四），还需 1 天**");
  });

  it("takes the join date in Shanghai: 22:00 US Pacific on 09-05 is 09-06", async () => {
    const { text } = await send(bot(), "/guarantee M20005", { userId: STAFF, staff: true });
    expect(text).toContain("最早可退出日期：2021-10-06（周三）");
  });

  it("gives the rejoin date after an actual exit", async () => {
    const { text } = await send(bot(), "/guarantee", { userId: "u-beta" });
    expect(text.split("\n")[0]).toBe(
      "**已于 2021-08-20（周五）退出保障升级服务，最早 2021-09-19（周日）可重新加入，还需 24 天**",
    );
    const later = await send(bot(), "/guarantee", { userId: "u-beta", now: "2021-09-19T00:00:00+08:00" });
    expect(later.text).toContain("现在可以重新加入");
  });

  it("opens the fast-trading star level at 100 RTS products and names the other gap", async () => {
    const { text } = await send(bot(), "/guarantee", { userId: "u-alpha" });
    expect(text).toContain("**快速交易星等级：已满足开启条件**");
    expect(text).toContain("支持7天及以内发货的RTS商品：100 个（需 ≥ 100）✓");
    expect(text).toContain("支持小单快定的RTS商品：49 个（需 ≥ 50）✗，还差 1 个");
  });

  it("does not open the star level for a merchant that has exited, even with 50 small-order products", async () => {
    const { text } = await send(bot(), "/guarantee", { userId: "u-beta" });
    expect(text).toContain("快速交易星等级：需先加入保障升级服务");
    expect(text).toContain("支持小单快定的RTS商品：55 个（需 ≥ 50）✓");
  });

  it("keeps the first-compensation offer until 2021-09-30 23:59:59 US Pacific, inclusive", async () => {
    const last = await send(bot(), "/guarantee", { userId: "u-alpha", now: "2021-10-01T14:59:59+08:00" });
    expect(last.text).toContain("2021-09-30 23:59:59 美西时间（北京时间 2021-10-01（周五）14:59:59）");
    expect(last.text).toContain("**目前仍适用**");
    const after = await send(bot(), "/guarantee", { userId: "u-alpha", now: "2021-10-01T15:00:00+08:00" });
    expect(after.text).toContain("**已截止**");
  });

  it("mentions that late dispatches cost no points while joined", async () => {
    const { text } = await send(bot(), "/guarantee", { userId: "u-alpha" });
    expect(text).toContain("逾期发货订单暂不按交易违规处罚规则扣分（仍计入按时发货率考核）");
  });

  it("names the missing join date, or the missing guarantee block", async () => {
    const noDate = await send(bot(), "/guarantee", { userId: "u-gamma" });
    expect(noDate.kind).toBe("command");
    expect(noDate.text).toContain("商户资料缺少 guarantee.joinedAt（加入保障升级服务的时间）");
    const none = await send(bot(), "/guarantee", { userId: "u-delta" });
    expect(none.kind).toBe("command");
    expect(none.text).toContain("商户资料缺少 guarantee（保障升级服务数据）");
  });

  it.each([
    ["M20001 保障升级服务什么时候能退出", "u-alpha"],
    ["我的快速交易星等级开了吗", "u-alpha"],
  ])("routes %j to /guarantee", async (question, userId) => {
    const reply = await send(bot(), question, { userId });
    expect(reply.kind).toBe("command");
    expect(reply.title).toBe("M20001 的保障升级服务");
  });
});
