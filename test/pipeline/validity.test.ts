import { describe, expect, it } from "vitest";
import { makeBot } from "../support/make-bot.js";

const bot = makeBot();
const during = new Date("2021-09-15T10:00:00+08:00");
const after = new Date("2026-12-01T10:00:00+08:00");
const briefingDay = new Date("2021-08-26T10:00:00+08:00");

describe("answers know where they are in time", () => {
  const question = "采购节一达通代理出口的基础服务费怎么免";

  it("during the festival the offer is answered without a note", async () => {
    const reply = await bot.ask(question, { now: during });
    expect(reply).toMatchObject({ kind: "answer", entryId: "festival-onetouch-fee-waiver" });
    expect(reply.text).toMatch(/基础服务费全免/);
    expect(reply.text).not.toMatch(/已结束|尚未开始/);
  });

  it("after the end, the same question leads with the offer's dates and says it has ended", async () => {
    const reply = await bot.ask(question, { now: after });
    expect(reply.entryId).toBe("festival-onetouch-fee-waiver");
    expect(reply.text.split("\n")[0]).toBe("> **已结束**：这项活动适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），现已结束。");
  });

  it("on the day of the briefing, says the offer has not started yet", async () => {
    const reply = await bot.ask(question, { now: briefingDay });
    expect(reply.text.split("\n")[0]).toMatch(/^> \*\*尚未开始\*\*：这项活动适用于 2021年9月1日 至 2021年9月30日/);
  });

  it("a standing rule is never called ended", async () => {
    const reply = await bot.ask("保障升级服务多久能退出？", { now: after });
    expect(reply.entryId).toBe("guarantee-exit");
    expect(reply.text).not.toMatch(/已结束|已失效|尚未/);
  });

  it("/faq of an ended offer says so too", async () => {
    const reply = await bot.ask("/faq guarantee-first-compensation", { now: after });
    expect(reply.text).toMatch(/^> \*\*已结束\*\*：这项活动适用于 2021年8月10日 至 2021年9月30日（美国太平洋时间），现已结束。/);
  });

  it("a figure computed for an ended offer leads with the same note", async () => {
    const reply = await bot.ask("我一达通代理出口累计实收2.5万美元，能免基础服务费吗", { now: after });
    expect(reply.text).toMatch(/^> \*\*已结束\*\*：这项活动适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），现已结束。\n/);
    const during_ = await bot.ask("我一达通代理出口累计实收2.5万美元，能免基础服务费吗", { now: during });
    expect(during_.text).not.toMatch(/已结束|尚未开始/);
    expect(during_.text).toMatch(/已达标/);
  });

  it("an English answer gets the note in English", async () => {
    const reply = await bot.ask("/faq festival-dates en", { now: after });
    expect(reply.text.split("\n")[0]).toBe("> **Ended**: This offer applied from 1 September 2021 to 30 September 2021 (US Pacific time) and has ended.");
  });
});
