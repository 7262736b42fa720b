import { beforeAll, describe, expect, it } from "vitest";
import { MAX_QUESTION_CHARS } from "../../bot/pipeline/create-pipeline.js";
import type { ContentKind } from "../../bot/pipeline/types.js";
import { makeBot } from "../support/make-bot.js";
import type { TestBot } from "../support/make-bot.js";

let bot: TestBot;
beforeAll(() => {
  bot = makeBot();
});

describe("rule questions", () => {
  it("answers with the entry, its confidence and the source line", async () => {
    const reply = await bot.ask("保障升级服务加入后多久可以退出？");
    expect(reply.kind).toBe("answer");
    expect(reply.entryId).toBe("guarantee-exit");
    expect(reply.confidence).toBeGreaterThan(0.5);
    expect(reply.text).toMatch(/30/);
    expect(reply.text).toMatch(/来源：2021年8月26日商家发布会/);
    expect(reply.markdown).toBe(true);
  });

  it("falls back on an off-topic question, pointing to /help and a person", async () => {
    const reply = await bot.ask("今天杭州天气怎么样");
    expect(reply.kind).toBe("fallback");
    expect(reply.text).toMatch(/\/help/);
    expect(reply.text).toMatch(/客户经理/);
  });

  it("strips an @mention and greeting before matching", async () => {
    const reply = await bot.ask("@规则助手 老师好，请问被处罚了几天内可以申诉？谢谢");
    expect(reply.kind).toBe("answer");
    expect(reply.text).toMatch(/7\s*天/);
  });
});

describe("clarify", () => {
  it("offers close entries, and a reply of 2 answers the second", async () => {
    const conversationId = "clarify-2";
    const first = await bot.ask("入驻", { conversationId });
    expect(first.kind).toBe("clarify");
    const options = (first.actions ?? []).filter((a) => a.send.startsWith("/faq ")).map((a) => a.label);
    expect(options.length).toBeGreaterThanOrEqual(2);
    const second = await bot.ask("2", { conversationId });
    expect(second.kind).toBe("answer");
    expect(second.title).toBe(options[1]);
    // The prompt is used up: the same "2" again is not a pick.
    expect((await bot.ask("2", { conversationId })).kind).toBe("fallback");
  });

  it("keeps each user's pending prompt to that user", async () => {
    const conversationId = "clarify-shared-group";
    expect((await bot.ask("入驻", { conversationId, userId: "alice", chat: "group" })).kind).toBe("clarify");
    const bob = await bot.ask("1", { conversationId, userId: "bob", chat: "group" });
    expect(bob.kind).toBe("fallback");
    // Not "expired": the choices are alice's, and bob is told so.
    expect(bob.text).toMatch(/这是给 @alice 的选项/);
    expect((await bot.ask("1", { conversationId, userId: "alice", chat: "group" })).kind).toBe("answer");
  });

  it("a tapped choice (/faq of an offered entry) answers it and uses the prompt up", async () => {
    const conversationId = "clarify-tapped";
    const first = await bot.ask("入驻", { conversationId });
    const tap = first.actions!.find((a) => a.send.startsWith("/faq "))!;
    const second = await bot.ask(tap.send, { conversationId });
    expect(second.kind).toBe("answer");
    expect(second.title).toBe(tap.label);
    expect((await bot.ask("1", { conversationId })).kind).toBe("fallback");
  });

  it("forgets the prompt when the user asks something else", async () => {
    const conversationId = "clarify-new-question";
    expect((await bot.ask("入驻", { conversationId })).kind).toBe("clarify");
    expect((await bot.ask("RFQ服务分有哪几个因子", { conversationId })).entryId).toBeDefined();
    expect((await bot.ask("1", { conversationId })).kind).toBe("fallback");
  });

  it("asks for a number in range", async () => {
    const conversationId = "clarify-range";
    expect((await bot.ask("入驻", { conversationId })).kind).toBe("clarify");
    const reply = await bot.ask("9", { conversationId });
    expect(reply.kind).toBe("error");
    expect(reply.text).toMatch(/1 到 \d/);
  });
});

describe("small talk", () => {
  it.each(["你好", "您好！", "hi", "Hello", "在吗？"])("%s gets a greeting that says what the bot does", async (text) => {
    const reply = await bot.ask(text);
    expect(reply.kind).toBe("command");
    expect(reply.text).toMatch(/\/help/);
    expect(reply.entryId).toBeUndefined();
  });

  it.each([
    ["谢谢", /不客气/],
    ["谢谢老师！", /不客气/],
    ["thanks a lot", /You're welcome/],
    ["多谢啦", /不客气/],
  ])("%s gets a short thanks in its language, not a rule answer", async (text, expected) => {
    const reply = await bot.ask(text);
    expect(reply.kind).toBe("command");
    expect(reply.text).toMatch(expected);
  });
});

describe("bad input never crashes and gets a polite message", () => {
  it.each(["", "   ", "\u200b\u200b"])("empty text %j", async (text) => {
    const reply = await bot.ask(text);
    expect(reply.kind).toBe("error");
    expect(reply.text).toMatch(/问题/);
  });

  it("text over the limit", async () => {
    const reply = await bot.ask("保障".repeat(MAX_QUESTION_CHARS));
    expect(reply.kind).toBe("error");
    expect(reply.text).toMatch(/太长/);
  });

  it.each<ContentKind>(["picture", "file", "video", "audio-unrecognised", "unknown"])("%s content", async (contentKind) => {
    const reply = await bot.ask("", { contentKind });
    expect(reply.kind).toBe("error");
    expect(reply.text).toMatch(/文字/);
  });

  it.each(["/nosuchcommand", "/scroe", "／帮主"])("unknown command %s", async (text) => {
    const reply = await bot.ask(text);
    expect(reply.kind).toBe("error");
    expect(reply.text).toMatch(/\/help/);
  });

  it("suggests the command a typo was close to", async () => {
    expect((await bot.ask("/hepl")).text).toMatch(/\/help/);
  });

  it("only digits and punctuation", async () => {
    expect((await bot.ask("？？？")).kind).toBe("fallback");
  });

  it("script and markup in the text are treated as text, never echoed", async () => {
    const reply = await bot.ask("<script>alert(1)</script> 保障升级服务怎么退出");
    expect(["answer", "clarify", "fallback"]).toContain(reply.kind);
    expect(reply.text).not.toContain("<script>");
  });

  it("a failing command is caught and logged with the message id", async () => {
    const broken = makeBot();
    const commands = [
      ...broken.deps.commands,
      {
        name: "boom",
        aliases: [],
        usage: "/boom",
        summary: "throws",
        group: "tools" as const,
        run: () => {
          throw new Error("kaput");
        },
      },
    ];
    Object.assign(broken.deps, { commands });
    const reply = await broken.ask("/boom", { id: "msg-boom" });
    expect(reply.kind).toBe("error");
    expect(broken.logs.some((l) => l.msgId === "msg-boom" && l.level === 50)).toBe(true);
  });
});

describe("knowledge commands", () => {
  it("/help is a short card with a button per group, and each group lists every command from the registry", async () => {
    const reply = await bot.ask("/help");
    expect(reply.kind).toBe("command");
    expect(reply.text.split("\n").filter((l) => l.trim()).length).toBeLessThanOrEqual(8);
    const listed: string[] = [];
    for (const a of reply.actions ?? []) listed.push((await bot.ask(a.send)).text);
    for (const c of bot.deps.commands.filter((x) => !x.staffOnly)) expect(listed.join("\n")).toContain(c.usage);
    expect(listed.join("\n")).not.toContain("/unanswered");
  });

  it("/topics offers the sections as buttons and /topics 3 the entries of one", async () => {
    const all = await bot.ask("/topics");
    for (const s of bot.deps.kb.sections) expect(all.actions?.map((a) => a.label).join("\n")).toContain(s.title);
    const three = await bot.ask(all.actions!.find((a) => a.send === "/topics 3")!.send);
    const first = bot.deps.kb.entries.find((e) => e.section.number === 3)!;
    expect(three.actions?.map((a) => a.send)).toContain(`/faq ${first.id}`);
  });

  it("/topics <n> pages a long section, every entry on exactly one page", async () => {
    const section = bot.deps.kb.sections.find((s) => bot.deps.kb.entries.filter((e) => e.section.id === s.id).length > 8)!;
    const seen: string[] = [];
    let reply = await bot.ask(`/topics ${section.number}`);
    for (let pages = 0; pages < 10; pages++) {
      const entries = reply.actions!.filter((a) => a.send.startsWith("/faq "));
      expect(entries.length).toBeLessThanOrEqual(8);
      seen.push(...entries.map((a) => a.send.slice(5)));
      const next = reply.actions!.find((a) => a.send.startsWith("/topics "));
      if (!next) break;
      reply = await bot.ask(next.send);
    }
    expect(seen).toEqual(bot.deps.kb.entries.filter((e) => e.section.id === section.id).map((e) => e.id));
  });

  it("/faq shows an entry by id, and says so when the id is unknown", async () => {
    const reply = await bot.ask("/faq guarantee-exit");
    expect(reply).toMatchObject({ kind: "answer", entryId: "guarantee-exit" });
    const missing = await bot.ask("/faq guarantee");
    expect(missing.kind).toBe("error");
    expect(missing.text).toMatch(/\/faq guarantee-[a-z-]+/);
  });

  it("a full-width slash and a Chinese alias work", async () => {
    expect((await bot.ask("／帮助")).text).toBe((await bot.ask("/help")).text);
  });
});

describe("logging", () => {
  it("logs each reply with the message id and never the question text at info", async () => {
    await bot.ask("找工厂在哪里入驻", { id: "msg-log-1" });
    const line = bot.logs.find((l) => l.msgId === "msg-log-1" && l.msg === "replied");
    expect(line).toMatchObject({ kind: "answer", component: "pipeline" });
    expect(JSON.stringify(bot.logs.filter((l) => (l.level as number) >= 30))).not.toContain("找工厂在哪里入驻");
  });
});

describe("the asker's language", () => {
  /** Chinese outside parentheses: what an English reader would have to read. */
  const chineseOutsideParentheses = (text: string) => /[\u4e00-\u9fff]/.test(text.replace(/（[^）]*）|\([^)]*\)/g, ""));

  it("an English question gets the English answer, labels and votes", async () => {
    const reply = await bot.ask("How long after joining can I leave the upgraded guarantee service?");
    expect(reply).toMatchObject({ kind: "answer", lang: "en" });
    const entry = bot.deps.kb.byId.get(reply.entryId!)!;
    expect(reply.text).toContain(entry.answerEn.trim().split("\n")[0]);
    expect(reply.title).toBe(entry.topicEn);
    expect(chineseOutsideParentheses(reply.text)).toBe(false);
    for (const a of reply.actions ?? []) expect(chineseOutsideParentheses(a.label)).toBe(false);
    // A follow-up tapped from an English answer stays in English.
    const next = reply.actions!.find((a) => a.kind !== "vote")!;
    expect(next.send).toMatch(/ en$/);
    expect((await bot.ask(next.send)).lang).toBe("en");
  });

  it("a mixed Chinese-English question gets Chinese", async () => {
    const reply = await bot.ask("信保 upgrade service 多久能退出");
    expect(reply.kind).toBe("answer");
    expect(reply.lang ?? "zh").toBe("zh");
    expect(reply.text).toContain(bot.deps.kb.byId.get(reply.entryId!)!.answer.trim().split("\n")[0]);
  });

  it("English small talk and fallbacks are English", async () => {
    expect((await bot.ask("hello")).text).toMatch(/^Hello!/);
    const fallback = await bot.ask("Can you recommend a good movie for tonight?");
    expect(fallback).toMatchObject({ kind: "fallback", lang: "en" });
    expect(chineseOutsideParentheses(fallback.text)).toBe(false);
  });
});
