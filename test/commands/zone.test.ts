import { describe, expect, it } from "vitest";
import { describeAccessControl, send, STAFF, useBot } from "./harness.js";

describeAccessControl("/zone", /符合优质贸易专区入围门槛/);

describe("/zone", () => {
  const bot = useBot();

  it("admits a Gold integrated ODM merchant with exactly 3 export years", async () => {
    const { kind, text } = await send(bot(), "/zone", { userId: "u-alpha" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("**符合优质贸易专区入围门槛**");
    expect(text).toContain("出口年限 ≥ 3 年（当前：3 年）✓");
  });

  it("names the export-years gap without rounding 2.9 up to 3", async () => {
    const { text } = await send(bot(), "/zone M20004", { userId: STAFF, staff: true });
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
