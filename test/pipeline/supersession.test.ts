import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";
import { makeBot } from "../support/make-bot.js";

const knowledgeDir = fileURLToPath(new URL("../fixtures/knowledge-superseded", import.meta.url));
const bot = makeBot({ knowledgeDir });
const november = new Date("2021-11-15T10:00:00+08:00");
const october = new Date("2021-10-15T10:00:00+08:00");

describe("a newer briefing supersedes an entry", () => {
  it("links the old entry to the new one at load", () => {
    const kb = loadKnowledge(knowledgeDir);
    expect(kb.supersededBy.get("demo-guarantee-exit")?.by.id).toBe("demo-guarantee-exit-2021-11");
  });

  it("answers a question matching the old entry with the new rule, what changed and since when", async () => {
    const reply = await bot.ask("保障升级服务能随时退出吗", { now: november });
    expect(reply).toMatchObject({ kind: "answer", entryId: "demo-guarantee-exit-2021-11" });
    expect(reply.text).toMatch(/第15天/);
    expect(reply.text).toMatch(/规则已更新.*自 2021-11-01 起，退出等待期由第30天缩短为第15天/);
    expect(reply.text).not.toMatch(/\*\*第30天\*\*/);
  });

  it("before the new rule takes effect, answers the old rule and says what is coming", async () => {
    for (const question of ["保障升级服务能随时退出吗", "11月起保障升级多久能退"]) {
      const reply = await bot.ask(question, { now: october });
      expect(reply).toMatchObject({ kind: "answer", entryId: "demo-guarantee-exit" });
      expect(reply.text).toMatch(/第30天/);
      expect(reply.text).toMatch(/即将变化.*自 2021-11-01 起/);
    }
  });

  it("/faq of the old id shows the old rule, marked as replaced", async () => {
    const reply = await bot.ask("/faq demo-guarantee-exit", { now: november });
    expect(reply.entryId).toBe("demo-guarantee-exit");
    expect(reply.text).toMatch(/这是旧规则.*demo-guarantee-exit-2021-11/);
  });

  it("leaves entries nobody superseded alone", async () => {
    const reply = await bot.ask("找工厂频道在哪里入驻", { now: november });
    expect(reply.entryId).toBe("demo-factory-entry");
    expect(reply.text).not.toMatch(/规则已更新|即将变化/);
  });
});
