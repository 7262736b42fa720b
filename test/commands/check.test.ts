import { describe, expect, it } from "vitest";
import { describeAccessControl, send, STAFF, useBot } from "./harness.js";

describeAccessControl("/check", /RFQ服务分：\*\*120\*\*/);

describe("/check", () => {
  const bot = useBot();

  it("sums up every check in a line each, pointing to its command", async () => {
    const { kind, text } = await send(bot(), "/check", { userId: "u-alpha" });
    expect(kind).toBe("command");
    const lines = text.split("\n").filter((l) => l.startsWith("- "));
    expect(lines).toHaveLength(9);
    expect(lines).toEqual([
      "- RFQ服务分：**120**（含金品 +20），≥90分档（详见 /score）",
      "- 保障升级服务：已加入，最早 **2021-08-26（周四）**可退出（现在可以退出，详见 /guarantee）",
      "- 处罚申诉：没有处罚记录（/appeal）",
      "- 找工厂频道：**可入驻**（金品直接准入），已达门槛的榜单：无（详见 /factory）",
      "- 工业品牌站：**符合龙头品牌**（详见 /brand）",
      "- 优质贸易专区：**符合**入围门槛（详见 /zone）",
      "- 采购节榜单：一级行业「五金工具」**累计统计**（详见 /festival）",
      "- 服务费减免：交易服务费还差 0.01 美元；基础服务费**已达标**（详见 /fees）",
      "- 优商卡片：线下数据展示 3 项（占地面积、质检人数、专利数量）（详见 /card）",
    ]);
  });

  it("counts open appeals and names missing fields in the summary", async () => {
    const beta = await send(bot(), "/check", { userId: "u-beta" });
    expect(beta.text).toContain("处罚申诉：共 7 条处罚，**2 条仍可申诉**，最早截止 2021-08-26（周四）12:00（详见 /appeal）");
    const delta = await send(bot(), "/check M20004", { userId: STAFF, staff: true });
    expect(delta.text).toContain("RFQ服务分：商户资料缺少 rfq（RFQ数据），无法计算（/score）");
  });

  it("makes one access decision for the whole summary", async () => {
    const b = bot();
    const before = b.deps.store.listAudit(1000).length;
    await send(b, "/check", { userId: "u-alpha" });
    const entries = b.deps.store.listAudit(1000);
    expect(entries.length - before).toBe(1);
    expect(entries[0]).toMatchObject({ action: "/check", merchantId: "M20001", allowed: true });
  });

  it("answers a bare merchant ID with the summary", async () => {
    const reply = await send(bot(), "M20001", { userId: "u-alpha" });
    expect(reply.title).toBe("M20001 的规则体检");
  });
});
