import { describe, expect, it } from "vitest";
import { send, useBot } from "./harness.js";

describe("/trademark", () => {
  const bot = useBot();

  it("finds a protected name in a title", async () => {
    const { kind, text } = await send(bot(), "/trademark Calvin Klein style men's underwear", { userId: "u-nobody" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("**发现 1 个专题保护商标：Calvin Klein**");
    expect(text).toContain("不得发布、销售侵权商品");
    expect(text).toMatch(/警告、扣分直至关闭账号/);
  });

  it("ignores case, spaces and punctuation inside a name, and says how the title wrote it", async () => {
    const { text } = await send(bot(), "/trademark rayban sunglasses with airpods-pro case", { userId: "u-nobody" });
    expect(text).toContain("**Ray. Ban**（标题中写作“rayban”）");
    expect(text).toContain("**AIRPODS PRO**（标题中写作“airpods-pro”）");
  });

  it("flags everyday-word names to be judged by the product", async () => {
    const { text } = await send(bot(), "/trademark Bicycle playing cards", { userId: "u-nobody" });
    expect(text).toContain("**Bicycle**：也是常用词，请按商品类型判断");
  });

  it("says when none is found, and what the check covers", async () => {
    const { text } = await send(bot(), "/trademark stainless steel material hammer", { userId: "u-nobody" });
    expect(text.split("\n")[0]).toBe("**未发现2021年8月专题商标**");
    expect(text).toContain("只对照简报公布的 28 个专题商标");
  });

  it("works in a group chat: it needs no merchant", async () => {
    const reply = await send(bot(), "/商标 NERF blaster", { userId: "u-nobody", chat: "group" });
    expect(reply.kind).toBe("command");
    expect(reply.text).toContain("NERF");
  });

  it("asks for a title when there is none", async () => {
    const reply = await send(bot(), "/trademark", { userId: "u-nobody" });
    expect(reply.kind).toBe("error");
    expect(reply.text).toContain("/trademark Calvin Klein");
  });
});

describe("a plain question naming a protected brand", () => {
  const bot = useBot();
  it("is answered with the trademark check, not a rule excerpt", async () => {
    const reply = await send(bot(), "我们卖NERF软弹枪 有风险吗");
    expect(reply.kind).toBe("command");
    expect(reply.text).toMatch(/NERF/);
    expect(reply.text).toMatch(/专题保护商标/);
  });

  it("but an everyday word that is also a listed name does not trigger it", async () => {
    const reply = await send(bot(), "自行车 bicycle 出口有什么规则");
    expect(reply.text).not.toMatch(/专题保护商标/);
  });
});
