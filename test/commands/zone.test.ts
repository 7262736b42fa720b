import { describe, expect, it } from "vitest";
import { describeAccessControl, send, STAFF, useBot } from "./harness.js";

describeAccessControl("/zone", /符合优质贸易专区入围门槛/);

/** Within the dated zone slot (8月28日–8月31日). */
const DURING = "2021-08-29T12:00:00+08:00";

describe("/zone", () => {
  const bot = useBot();

  it("admits a Gold integrated ODM merchant with exactly 3 export years", async () => {
    const { kind, text } = await send(bot(), "/zone", { userId: "u-alpha", now: DURING });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("**符合优质贸易专区入围门槛**");
    expect(text).toContain("出口年限 ≥ 3 年（当前：3 年）✓");
  });

  it("names the export-years gap without rounding 2.9 up to 3", async () => {
    const { text } = await send(bot(), "/zone M20004", { userId: STAFF, staff: true, now: DURING });
    expect(text.split("\n")[0]).toBe("**暂不符合优质贸易专区入围门槛**（1 项未满足：出口年限需 ≥ 3 年（还差 0.1 年））");
    expect(text).toContain("出口年限 ≥ 3 年（当前：2.9 年）✗，还差 0.1 年");
  });

  it("names every unmet condition", async () => {
    const { text } = await send(bot(), "/zone M20003", { userId: STAFF, staff: true });
    expect(text).toContain("3 项未满足：金品诚企服务中；企业类型为贸易或工贸一体；提供ODM服务");
  });

  it("explains how products are picked", async () => {
    const { text } = await send(bot(), "/zone", { userId: "u-alpha" });
    expect(text).toContain("系统自动圈品，每个商家 3 个商品，商品成长分需 ≥ 75");
  });

  it("routes a question about the zone", async () => {
    const reply = await send(bot(), "M20001 能进优质贸易专区吗", { userId: "u-alpha" });
    expect(reply.title).toBe("M20001 的优质贸易专区");
  });
});

describe("/zone before, during and after the zone slot", () => {
  const bot = useBot();

  it.each([
    ["2021-08-26T10:00:00+08:00", "> **尚未开始**：这期优质贸易专区（APP首焦）适用于 2021年8月28日 至 2021年8月31日（北京时间），目前还没有开始。"],
    ["2021-08-31T23:59:00+08:00", "**符合优质贸易专区入围门槛**"],
    ["2026-12-01T10:00:00+08:00", "> **已结束**：这期优质贸易专区（APP首焦）适用于 2021年8月28日 至 2021年8月31日（北京时间），现已结束。"],
  ])("at %s leads with %s", async (now, first) => {
    const { text } = await send(bot(), "/zone", { userId: "u-alpha", now });
    expect(text.split("\n")[0]).toBe(first);
  });

  it("after the slot, gives the conditions for reference without a next step", async () => {
    const { text } = await send(bot(), "/zone M20004", { userId: STAFF, staff: true, now: "2026-12-01T10:00:00+08:00" });
    expect(text).toContain("**按简报的入围门槛，你不符合**");
    expect(text).not.toContain("下一步");
  });
});
