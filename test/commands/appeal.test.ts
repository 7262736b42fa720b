import { describe, expect, it } from "vitest";
import { describeAccessControl, send, useBot } from "./harness.js";

describeAccessControl("/appeal", /没有处罚记录/);

describe("/appeal", () => {
  const bot = useBot();

  it("counts the penalties whose 7 × 24 h window is still open, the last minute included", async () => {
    const { kind, text } = await send(bot(), "/appeal", { userId: "u-beta" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("**共 7 条处罚，其中 2 条仍在申诉期内**");
    expect(text).toContain(
      "**P-1** · 拒绝/有条件使用信用保障 · 处罚时间 2021-08-19（周四）12:00 · 扣 0 分 · 申诉截止 **2021-08-26（周四）12:00**，还剩 不到1分钟",
    );
    expect(text).toContain("**P-2** · 引导买家使用非国际站沟通软件 · 处罚时间 2021-08-19（周四）11:59 · 扣 3 分 · 已过申诉期（截止 2021-08-26（周四）11:59）");
  });

  it("shows a US Pacific penalty time in Shanghai, with the time left", async () => {
    const { text } = await send(bot(), "/appeal", { userId: "u-beta" });
    expect(text).toContain("**P-6** · 其他违规 · 处罚时间 2021-08-21（周六）13:30 · 扣 2 分 · 申诉截止 **2021-08-28（周六）13:30**，还剩 2天1小时30分钟");
  });

  it("says the briefing gives no appeal window for repeated counterfeiting", async () => {
    const { text } = await send(bot(), "/appeal", { userId: "u-beta" });
    expect(text).toMatch(/\*\*P-3\*\* · 售假重复侵权违规 · .*简报未给出申诉期（公示的处罚措施：关闭店铺）/);
  });

  it("prices the next violation of each laddered rule from the past count", async () => {
    const { text } = await send(bot(), "/appeal", { userId: "u-beta" });
    // P-2, P-4, P-5: the next one is the 4th → 6 points
    expect(text).toContain("引导买家使用非国际站沟通软件：自 2021-01-01（周五）起已记 3 次，下一次是第 4 次 → **扣 6 分**；情节严重的：店铺屏蔽、搜索降权、关闭账号");
    // P-0 predates 2021-08-09, so only P-1 counts
    expect(text).toContain("拒绝/有条件使用信用保障：自 2021-08-09（周一）起已记 1 次，下一次是第 2 次 → **扣 3 分**");
  });

  it("gives the appeal entry and the cases in which refusing TA may be appealed", async () => {
    const { text } = await send(bot(), "/appeal", { userId: "u-beta" });
    expect(text).toContain("MA后台-服务中心-申诉中心");
    expect(text).toContain("买家要求不操作信用保障订单");
    expect(text).toContain("无法使用一达通、自营出口、市场采购出口，且订单在5000美金以上");
    expect(text).toContain("正当、客观理由");
    expect(text).toContain("按简报规则估算");
  });

  it("says when there are no penalties, and that the first violation is a warning", async () => {
    const { text } = await send(bot(), "/appeal", { userId: "u-alpha" });
    expect(text.split("\n")[0]).toBe("**没有处罚记录**，目前无需申诉。");
    expect(text).toContain("下一次是第 1 次 → **警告**");
  });

  it("names the missing penalties list", async () => {
    const reply = await send(bot(), "/appeal", { userId: "u-gamma" });
    expect(reply.kind).toBe("command");
    expect(reply.text).toContain("商户资料缺少 penalties（处罚记录）");
  });

  it.each(["我的处罚还能申诉吗", "我还能申诉吗"])("routes %j to /appeal", async (question) => {
    const reply = await send(bot(), question, { userId: "u-beta" });
    expect(reply.kind).toBe("command");
    expect(reply.title).toBe("M20002 的处罚与申诉");
  });
});
