import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dump } from "js-yaml";
import { KnowledgeError, loadKnowledge } from "../../knowledge/load-knowledge.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function entry(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    topic: "测试·话题",
    topicEn: "Test: topic",
    question: "这是一个测试问题吗？",
    alternates: ["测试问题一", "测试问题二", "测试问题三", "Is this a test question"],
    keywords: ["测试"],
    answer: "这是**测试**答案。",
    answerEn: "This is the **test** answer.",
    source: { section: "测试部分", slide: "测试页" },
    ...overrides,
  };
}

function section(id: string, number: number, entries: unknown[]): Record<string, unknown> {
  return { section: { id, number, title: `章节${number}`, briefing: "2021-08-26" }, entries };
}

/** Writes files (name → YAML object or raw text) into a fresh folder and returns its path. */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "kb-test-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === "string" ? content : dump(content));
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadKnowledge(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(KnowledgeError);
    return (err as KnowledgeError).problems;
  }
  throw new Error("expected the knowledge base to be rejected");
}

describe("loadKnowledge", () => {
  it("loads the real knowledge base: every briefing section, over 100 entries", () => {
    const kb = loadKnowledge();
    expect(kb.sections.map((s) => s.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(kb.entries.length).toBeGreaterThan(100);
    for (const s of kb.sections) expect(kb.entries.filter((e) => e.section.id === s.id).length).toBeGreaterThanOrEqual(4);
    expect(kb.byId.get("guarantee-exit")?.answer).toMatch(/30/);
  });

  it("loads a valid folder and keeps each entry's section", () => {
    const kb = loadKnowledge(folder({ "01-a.yaml": section("a", 1, [entry("a-one"), entry("a-two", { related: ["a-one"] })]) }));
    expect(kb.entries.map((e) => e.id)).toEqual(["a-one", "a-two"]);
    expect(kb.byId.get("a-two")?.section.id).toBe("a");
    expect(kb.byId.get("a-one")?.related).toEqual([]);
  });

  it.each([
    ["a missing answer", { answer: undefined }, /01-a\.yaml: entry a-one: answer: /],
    ["three alternates", { alternates: ["一个说法", "两个说法", "Is it three"] }, /entry a-one: alternates: needs at least 4 alternate phrasings/],
    ["no English alternate", { alternates: ["说法一", "说法二", "说法三", "说法四"] }, /entry a-one: alternates: needs at least one alternate phrasing in English/],
    ["a table in the answer", { answer: "答案\n| 列 | 列 |\n|---|---|" }, /entry a-one: answer: must not contain a markdown table/],
    ["a code block in the answer", { answer: "答案\n```\ncode\n```" }, /entry a-one: answer: must not contain a code block/],
    ["an id that is not kebab-case", { id: "A_One" }, /entry A_One: id: must be kebab-case/],
    ["an unknown field", { answr: "拼写错误" }, /entry a-one: \(the entry\): Unrecognized key/i],
    ["an impossible date", { effective: { from: "2021-02-30" } }, /entry a-one: effective\.from: is not a real calendar date/],
    ["a missing English answer", { answerEn: undefined }, /entry a-one: answerEn: /],
    ["a missing English topic", { topicEn: undefined }, /entry a-one: topicEn: /],
    ["an English topic over 40 characters", { topicEn: "Guarantee Upgrade service: when can I leave it" }, /entry a-one: topicEn: .*40/],
    ["an English topic in Chinese", { topicEn: "保障升级·退出" }, /entry a-one: topicEn: must be written in English/],
    ["Chinese outside parentheses in the English answer", { answerEn: "Go to MA后台-交易服务 and click join." }, /entry a-one: answerEn: must be written in English/],
    ["*** in the English answer", { answerEn: "A merchant named Quanzhou***Textile." }, /entry a-one: answerEn: must not contain \*\*\*/],
    ["a table in the English answer", { answerEn: "Answer\n| a | b |\n|---|---|" }, /entry a-one: answerEn: must not contain a markdown table/],
    ["an English-only question", { question: "How long is it?" }, /entry a-one: question: must be written in Chinese/],
    ["a source without slide", { source: { section: "测试部分" } }, /entry a-one: source\.slide: /],
  ])("rejects %s, naming the file, the entry and the field", (_label, overrides, expected) => {
    const problems = problemsOf(folder({ "01-a.yaml": section("a", 1, [entry("a-one", overrides)]) }));
    expect(problems.join("\n")).toMatch(expected);
  });

  it("accepts Chinese in the English answer inside parentheses, nested ones too", () => {
    const answerEn = "Go to **My Alibaba - Trade services (MA后台-交易服务)**; signed by Alibaba (China) Co. (阿里巴巴(中国)网络技术有限公司).";
    const kb = loadKnowledge(folder({ "01-a.yaml": section("a", 1, [entry("a-one", { answerEn })]) }));
    expect(kb.byId.get("a-one")?.answerEn).toBe(answerEn);
  });

  it("rejects a duplicate id across files, naming both", () => {
    const problems = problemsOf(folder({ "01-a.yaml": section("a", 1, [entry("same")]), "02-b.yaml": section("b", 2, [entry("same")]) }));
    expect(problems).toEqual([expect.stringMatching(/02-b\.yaml: entry same: id: already used in .*01-a\.yaml/)]);
  });

  it("rejects related ids that do not exist", () => {
    const problems = problemsOf(folder({ "01-a.yaml": section("a", 1, [entry("a-one", { related: ["nowhere"] })]) }));
    expect(problems).toEqual([expect.stringMatching(/entry a-one: related\.0: no entry has the id "nowhere"/)]);
  });

  it.each([
    ["an unknown id", [entry("b-new", { supersedes: [{ id: "nowhere", change: "改了什么规则" }], effective: { from: "2021-11-01" } })], /supersedes\.0: no entry has the id "nowhere"/],
    ["no effective date", [entry("a-old"), entry("b-new", { supersedes: [{ id: "a-old", change: "改了什么规则" }] })], /entry b-new: effective\.from: a superseding entry must say from when/],
    [
      "a cycle",
      [
        entry("a-old", { supersedes: [{ id: "b-new", change: "改回原来的规则" }], effective: { from: "2021-12-01" } }),
        entry("b-new", { supersedes: [{ id: "a-old", change: "改了什么规则" }], effective: { from: "2021-11-01" } }),
      ],
      /supersedes forms a cycle/,
    ],
  ])("rejects a supersession with %s", (_label, entries, expected) => {
    expect(problemsOf(folder({ "01-a.yaml": section("a", 1, entries) })).join("\n")).toMatch(expected);
  });

  it("reports invalid YAML with its line", () => {
    const problems = problemsOf(folder({ "01-a.yaml": "section:\n  id: a\n entries: [\n" }));
    expect(problems[0]).toMatch(/01-a\.yaml line \d+: not valid YAML/);
  });

  it("collects the problems of every file before failing", () => {
    const problems = problemsOf(
      folder({
        "01-a.yaml": section("a", 1, [entry("a-one", { answer: "" })]),
        "02-b.yaml": section("b", 2, [entry("b-one", { keywords: [] })]),
      }),
    );
    expect(problems.some((p) => p.includes("01-a.yaml: entry a-one: answer:"))).toBe(true);
    expect(problems.some((p) => p.includes("02-b.yaml: entry b-one: keywords:"))).toBe(true);
  });

  it("fails on an empty folder", () => {
    expect(problemsOf(folder({}))).toEqual([expect.stringMatching(/no \.yaml knowledge files/)]);
  });
});
