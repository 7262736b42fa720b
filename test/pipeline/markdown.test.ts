import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";
import { answerReply } from "../../bot/pipeline/format-entry.js";
import { dingTalkProblems, escapeText, renderDingTalk, shownLines } from "../../bot/pipeline/markdown.js";

describe("renderDingTalk writes the markdown DingTalk renders as meant", () => {
  it.each([
    ["a list straight under a text line gets a blank line", "规则如下：\n- 一\n- 二", "规则如下：\n\n- 一\n- 二"],
    ["a quote straight under text gets a blank line", "答案\n> 来源", "答案\n\n> 来源"],
    ["text straight under a list is its own paragraph", "- 一\n- 二\n说明", "- 一\n- 二\n\n说明"],
    ["two text lines keep their break (two trailing spaces)", "第一行\n第二行", "第一行  \n第二行"],
    ["two quote lines keep their break", "> 时间\n> 来源", "> 时间  \n> 来源"],
    ["a table becomes plain lines", "| 档位 | 条数 |\n|---|---|\n| 90+ | 30 |", "档位：条数  \n90+：30"],
    ["code fences are dropped", "```\n/score M10001\n```", "/score M10001"],
    ["runs of blank lines collapse, trailing ones go", "一\n\n\n\n二\n\n", "一\n\n二"],
    ["a heading needs nothing around it", "**标题**\n\n正文", "**标题**\n\n正文"],
  ])("%s", (_name, input, expected) => {
    expect(renderDingTalk(input)).toBe(expected);
    expect(dingTalkProblems(renderDingTalk(input))).toEqual([]);
  });

  it("is idempotent", () => {
    const text = "规则：\n- 一\n- 二\n说明\n> 来源\n> 时间\n| a | b |";
    expect(renderDingTalk(renderDingTalk(text))).toBe(renderDingTalk(text));
  });
});

describe("escapeText shows echoed text as typed, never as markup", () => {
  it.each([
    ["泉州市***轻纺", "泉州市＊＊＊轻纺"],
    ["/[x](http://evil.example)", "/［x］(http://evil.example)"],
    ["# 标题", "＃ 标题"],
    ["<font color=red>", "＜font color=red＞"],
    ["两行\n文字", "两行 文字"],
  ])("%s", (input, expected) => {
    expect(escapeText(input)).toBe(expected);
    expect(dingTalkProblems(renderDingTalk(`你输入的是「${escapeText(input)}」`))).toEqual([]);
  });
});

describe("dingTalkProblems finds what DingTalk would show wrongly", () => {
  it.each([
    ["规则：\n- 一", /list line straight under a text line/],
    ["泉州市***轻纺", /\*\*\*/],
    ["**加粗", /unbalanced/],
    ["| a | b |", /table/],
    ["[点这里](http://example.com)", /link to http:/],
    ["第一行\n第二行", /line break/],
  ])("%s", (input, problem) => {
    expect(dingTalkProblems(input).join("\n")).toMatch(problem);
  });
});

describe("every knowledge answer, as sent", () => {
  const kb = loadKnowledge();
  const now = new Date("2021-08-26T10:00:00+08:00");
  const replies = kb.entries.map((e) => ({ id: e.id, reply: answerReply(e, kb, { now, confidence: 1 }) }));

  it("renders without problems, short and full", () => {
    const problems = replies.flatMap(({ id, reply }) => dingTalkProblems(renderDingTalk(reply.text)).map((p) => `${id}: ${p}`));
    const full = kb.entries.flatMap((e) =>
      dingTalkProblems(renderDingTalk(answerReply(e, kb, { now, confidence: 1, full: true }).text)).map((p) => `${e.id} (全文): ${p}`),
    );
    expect([...problems, ...full]).toEqual([]);
  });

  it("puts follow-ups and votes in buttons, not in the text", () => {
    for (const { reply } of replies) {
      expect(reply.text).not.toMatch(/\/faq |\/feedback|dtmd:/);
      expect(reply.actions?.filter((a) => a.kind === "vote")).toHaveLength(2);
    }
  });

  it("is at most 8 lines for a typical (median) entry", () => {
    const lines = replies.map(({ reply }) => shownLines(renderDingTalk(reply.text))).sort((a, b) => a - b);
    expect(lines[Math.floor(lines.length / 2)]).toBeLessThanOrEqual(8);
  });
});
