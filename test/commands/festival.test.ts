import { describe, expect, it } from "vitest";
import { describeAccessControl, send, STAFF, useBot } from "./harness.js";

describeAccessControl("/festival", /你的二级类目：手动工具/);

/** Week 1 of the festival: no lead line, week 3 is not marked as current. */
const DURING = "2021-09-02T12:00:00+08:00";

describe("/festival", () => {
  const bot = useBot();

  it("says a cumulative industry counts GMV from 09-01 on, week by week", async () => {
    const { kind, text } = await send(bot(), "/festival", { userId: "u-alpha", now: DURING });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toContain("**你的一级行业「五金工具」属于「累计统计」行业**");
    expect(text).toContain(
      "第3周：展示 美西 2021-09-13 至 2021-09-19；按美西 2021-09-01 至 2021-09-11（北京时间 2021-09-01（周三）15:00 至 2021-09-12（周日）14:59）**累计**实收GMV排名",
    );
  });

  it("gives a weekly industry one week at a time, and maps 汽车配件及用品 to 汽摩配", async () => {
    const { text } = await send(bot(), "/festival M20006", { userId: STAFF, staff: true, now: DURING });
    expect(text.split("\n")[0]).toContain("「汽车配件及用品」（按「汽摩配」计）属于「每周统计」行业");
    expect(text).toContain("第3周：展示 美西 2021-09-13 至 2021-09-19；按美西 2021-09-05 至 2021-09-11（北京时间 2021-09-05（周日）15:00 至 2021-09-12（周日）14:59）实收GMV排名");
  });

  it("says when an industry is in neither list", async () => {
    const { text } = await send(bot(), "/festival M20007", { userId: STAFF, staff: true, now: DURING });
    expect(text.split("\n")[0]).toContain("「宠物用品」不在采购节榜单的适用行业名单中");
    expect(text).toContain("商户资料缺少 category（二级类目）");
  });

  it("shows the festival period in both zones", async () => {
    const { text } = await send(bot(), "/festival", { userId: "u-alpha" });
    expect(text).toContain(
      "采购节时间：2021-09-01 00:00:00 美西时间（北京时间 2021-09-01（周三）15:00:00） 至 2021-09-30 23:59:59 美西时间（北京时间 2021-10-01（周五）14:59:59）",
    );
  });

  it.each([
    ["2021-08-29T14:59:00+08:00", "目前尚未锁定"],
    ["2021-08-29T15:00:00+08:00", "目前已锁定"],
  ])("locks the L2 category at 2021-08-29 15:00 Beijing time (at %s: %s)", async (now, state) => {
    const { text } = await send(bot(), "/festival", { userId: "u-alpha", now });
    expect(text).toContain(`按北京时间 2021-08-29（周日）15:00 商家所属的二级类目锁定，${state}`);
  });

  it.each([
    ["2021-09-01T14:59:00+08:00", "当前：采购节尚未开始"],
    ["2021-09-01T15:00:00+08:00", "当前：第1周展示期；第2周从北京时间 2021-09-06（周一）15:00 开始展示。"],
    ["2021-10-01T15:00:00+08:00", "> **已结束**：9月采购节榜单适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），现已结束。"],
  ])("finds the display week at %s", async (now, expected) => {
    const { text } = await send(bot(), "/festival", { userId: "u-alpha", now });
    expect(text).toContain(expected);
  });

  it("gives the list sizes and says the thresholds are not in the briefing", async () => {
    const { text } = await send(bot(), "/festival", { userId: "u-alpha" });
    expect(text).toContain("全网热卖榜：每个一级行业取前 10 名；类目热卖榜：每个二级类目取前 20 名");
    expect(text).toContain("各行业的实收GMV门槛简报未给出");
  });

  it("routes a question about the festival lists", async () => {
    const reply = await send(bot(), "我的采购节榜单怎么统计", { userId: "u-alpha" });
    expect(reply.title).toBe("M20001 的采购节榜单");
  });
});

describe("/festival before, during and after the festival", () => {
  const bot = useBot();

  it.each([
    ["2021-08-26T10:00:00+08:00", "> **尚未开始**：9月采购节榜单适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），目前还没有开始。"],
    ["2021-09-15T10:00:00+08:00", "**你的一级行业「五金工具」属于「累计统计」行业**：从第2周起，实收GMV从美西 9月1日起**累计**计算到统计截止日。"],
    ["2026-12-01T10:00:00+08:00", "> **已结束**：9月采购节榜单适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），现已结束。"],
  ])("at %s leads with %s", async (now, first) => {
    const { text } = await send(bot(), "/festival", { userId: "u-alpha", now });
    expect(text.split("\n")[0]).toBe(first);
  });

  it("after the festival shows no week as current and no next step", async () => {
    const { text } = await send(bot(), "/festival", { userId: "u-alpha", now: "2026-12-01T10:00:00+08:00" });
    expect(text).not.toMatch(/当前展示周|下一展示周|下一步/);
  });

  it("/check says the festival has ended", async () => {
    const { text } = await send(bot(), "/check", { userId: "u-alpha", now: "2026-12-01T10:00:00+08:00" });
    expect(text).toContain("采购节榜单：采购节（2021年9月1日 至 2021年9月30日（美国太平洋时间））**已结束**（详见 /festival）");
  });
});
