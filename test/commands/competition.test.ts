import { describe, expect, it } from "vitest";
import { send, useBot } from "./harness.js";

describe("/competition", () => {
  const bot = useBot();

  it.each([
    ["1200 300", "**竞争度：4**（类目搜索指数 1,200 ÷ 卖家规模指数 300）"],
    ["1000 300", "**竞争度：3.33**（类目搜索指数 1,000 ÷ 卖家规模指数 300）"],
    ["0 5", "**竞争度：0**（类目搜索指数 0 ÷ 卖家规模指数 5）"],
    ["0.3，0.1", "**竞争度：3**（类目搜索指数 0.3 ÷ 卖家规模指数 0.1）"],
  ])("/competition %s", async (args, headline) => {
    const { kind, text } = await send(bot(), `/competition ${args}`, { userId: "u-nobody" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe(headline);
  });

  it("explains what a high value means", async () => {
    const { text } = await send(bot(), "/竞争度 1200 300", { userId: "u-nobody" });
    expect(text).toContain("值越大，说明买家搜索得多而卖家用得少");
    expect(text).toContain("蓝海词");
  });

  it.each([
    ["1200 0", "卖家规模指数必须大于 0"],
    ["-1 5", "类目搜索指数不能是负数"],
    ["abc 3", "请写两个数字"],
    ["1200", "请写两个数字"],
    ["", "请写两个数字"],
    ["1 2 3", "请写两个数字"],
  ])("rejects %j", async (args, message) => {
    const reply = await send(bot(), `/competition ${args}`.trim(), { userId: "u-nobody" });
    expect(reply.kind).toBe("error");
    expect(reply.text).toContain(message);
    expect(reply.text).toContain("/competition 1200 300");
  });
});
