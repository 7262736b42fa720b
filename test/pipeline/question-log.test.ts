import { describe, expect, it } from "vitest";
import { makeBot } from "../support/make-bot.js";

const day = (iso: string) => new Date(iso);

describe("every reply is recorded for the editors, without a merchant's figures", () => {
  it("a fallback keeps its normalised question and nearest entry; an answer keeps only its entry", async () => {
    const bot = makeBot();
    const at = day("2021-08-26T10:00:00+08:00");
    await bot.ask("请问今天杭州天气怎么样？", { now: at, userId: "u1" });
    await bot.ask("今天杭州天气怎么样", { now: at, userId: "u2" });
    await bot.ask("保障升级服务加入后多久可以退出？", { now: at, userId: "u1" });
    const unanswered = bot.deps.store.listUnanswered({ since: day("2021-08-20T00:00:00+08:00") });
    expect(unanswered).toHaveLength(1);
    expect(unanswered[0]).toMatchObject({ normalized: "今天杭州天气怎么样", count: 2, distinctSenders: 2, kinds: { fallback: 2 } });
    const stats = bot.deps.store.questionStats({ since: day("2021-08-20T00:00:00+08:00") });
    expect(stats.byKind).toMatchObject({ fallback: 2, answer: 1 });
    expect(stats.topEntries).toEqual([{ entryId: "guarantee-exit", count: 1 }]);
  });

  it("a personalised check is recorded by command name only", async () => {
    const bot = makeBot({
      merchants: [
        { id: "T1", name: "Test", dingtalkUserIds: ["owner"], gold: true, businessType: "trading", province: "Zhejiang", city: "Ningbo", industry: "五金工具", exportYears: 5, odm: true },
      ],
    });
    const at = day("2021-08-26T10:00:00+08:00");
    await bot.ask("T1 能进优质贸易专区吗", { now: at, userId: "owner" });
    await bot.ask("/zone T1", { now: at, userId: "owner" });
    const stats = bot.deps.store.questionStats({ since: day("2021-08-20T00:00:00+08:00") });
    expect(stats.byKind.command).toBe(2);
    expect(bot.deps.store.listUnanswered({ since: day("2021-08-20T00:00:00+08:00") })).toEqual([]);
  });

  it("purges recorded questions past the retention", async () => {
    const bot = makeBot();
    await bot.ask("讲个笑话", { now: day("2021-05-01T10:00:00+08:00") });
    expect(bot.deps.store.listUnanswered({ since: day("2021-01-01T00:00:00+08:00") })).toHaveLength(1);
    // 90 days later (the default retention) and more than an hour after the last purge.
    await bot.ask("推荐一部电影", { now: day("2021-08-26T10:00:00+08:00") });
    const left = bot.deps.store.listUnanswered({ since: day("2021-01-01T00:00:00+08:00") });
    expect(left.map((r) => r.normalized)).toEqual(["推荐一部电影"]);
  });

  it("a vote from the answer's button is stored once per user and entry", async () => {
    const bot = makeBot();
    const answer = await bot.ask("找工厂在哪里入驻");
    const vote = answer.actions!.find((a) => a.kind === "vote" && a.label.includes("👍"))!.send;
    expect(vote).toBe(`/feedback up ${answer.entryId}`);
    expect((await bot.ask(vote, { userId: "voter" })).text).toMatch(/感谢反馈/);
    expect((await bot.ask(vote, { userId: "voter" })).text).toMatch(/已经评价过/);
    expect((await bot.ask(`/feedback down ${answer.entryId}`, { userId: "voter" })).text).toMatch(/改为/);
    const stats = bot.deps.store.questionStats({ since: new Date(0) });
    expect(stats.unhelpful).toEqual([{ entryId: answer.entryId, down: 1, up: 0 }]);
  });
});
