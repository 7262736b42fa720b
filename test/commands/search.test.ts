import { describe, expect, it } from "vitest";
import { matchQuestion } from "../../knowledge/match-question.js";
import { send, STAFF, useBot } from "./harness.js";

const staff = { userId: STAFF, staff: true } as const;

describe("/search", () => {
  const bot = useBot();

  it("is for support staff only: anyone else gets denied", async () => {
    for (const text of ["/search 保障升级服务多久能退出", "/检索 退出", "/查条目 退出"]) {
      const reply = await send(bot(), text, { userId: "u-alpha" });
      expect(reply.kind, text).toBe("denied");
      expect(reply.text, text).toContain("/search");
      expect(reply.text, text).not.toContain("guarantee-exit");
    }
  });

  it("lists the five best entries with rank, id, topic, confidence, P(in scope), phrasing and features", async () => {
    const question = "保障升级服务多久能退出";
    const { kind, title, text } = await send(bot(), `/search ${question}`, staff);
    expect(kind).toBe("command");
    expect(title).toBe("检索结果");
    const { normalized, candidates } = bot().deps.index.search(question, 5);
    expect(candidates).toHaveLength(5);
    expect(text).toContain(`规范化后：「${normalized}」`);
    candidates.forEach((c, i) => {
      expect(text).toContain(`**${i + 1}. ${c.entry.id}**（${c.entry.topic}）`);
      expect(text).toContain(`置信度 ${c.confidence.toFixed(2)} · P(在范围内) ${c.inScope.toFixed(2)}`);
      expect(text).toContain(`覆盖率 ${c.features.coverage.toFixed(2)} · 说法相似度 ${c.features.phraseSimilarity.toFixed(2)}`);
    });
    expect(text).toContain("匹配说法：「");
    expect(candidates[0]?.entry.id).toBe("guarantee-exit");
    // No floating-point noise: every decimal has exactly two places.
    expect(text).not.toMatch(/\d\.\d{3,}/);
  });

  it.each(["保障升级服务多久能退出", "今天天气怎么样", "入驻", "找工厂在哪里入驻？"])("says what the bot would do with %s", async (question) => {
    const { text } = await send(bot(), `/search ${question}`, staff);
    const match = matchQuestion(bot().deps.index, question);
    const expected = { answer: "机器人会：直接回答 ", clarify: "机器人会：请用户在 ", fallback: "机器人会：不回答" }[match.kind];
    expect(text).toContain(expected);
    if (match.kind === "answer") expect(text).toContain(`直接回答 ${match.candidate.entry.id}`);
  });

  it("works through its Chinese aliases", async () => {
    for (const alias of ["检索", "查条目"]) {
      const reply = await send(bot(), `/${alias} 找工厂在哪里入驻`, staff);
      expect(reply.kind, alias).toBe("command");
      expect(reply.text, alias).toMatch(/\*\*1\. [a-z0-9-]+\*\*/);
    }
  });

  it("answers an empty search with its usage", async () => {
    const reply = await send(bot(), "/search", staff);
    expect(reply.kind).toBe("error");
    expect(reply.text).toContain("/search 保障升级服务多久能退出");
  });

  it("says so when no entry shares a word with the question", async () => {
    expect(bot().deps.index.search("zzqxj", 5).candidates).toEqual([]);
    const reply = await send(bot(), "/search zzqxj", staff);
    expect(reply.kind).toBe("command");
    expect(reply.text).toContain("没有任何条目");
    expect(reply.text).toContain("机器人会：不回答（没有相关条目）");
  });

  it("never lets the searched text turn into markdown", async () => {
    const { text } = await send(bot(), "/search [点我](http://evil.example) **退出**", staff);
    expect(text).not.toContain("](http");
    expect(text).toContain("［点我］（http://evil.example）");
  });

  it("is listed by /help for staff only", async () => {
    expect((await send(bot(), "/help 客服工具", staff)).text).toContain("/search <问题>");
    expect((await send(bot(), "/help", { userId: "u-alpha" })).actions?.map((a) => a.label)).not.toContain("客服工具");
    expect((await send(bot(), "/help 客服工具", { userId: "u-alpha" })).text).not.toContain("/search");
  });
});
