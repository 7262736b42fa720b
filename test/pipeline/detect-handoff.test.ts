import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";
import { detectHandoff } from "../../bot/pipeline/detect-handoff.js";
import { detectSmallTalk } from "../../bot/pipeline/small-talk.js";

describe("detectHandoff", () => {
  it.each([
    "转人工",
    "轉人工",
    "人工客服",
    "人工",
    "我要找客服",
    "有没有真人",
    "找个人工",
    "有人工吗？",
    "客服在吗",
    "聯繫客服",
    "麻烦帮我转人工，谢谢",
    "@规则助手 转人工客服吧",
    "能不能转接人工服务",
  ])("%s asks for a person, in Chinese", (text) => {
    expect(detectHandoff(text)).toEqual({ lang: "zh" });
  });

  it.each(["talk to a human", "Human agent please", "real person", "customer service please", "I'd like to speak to a human.", "connect me to an agent", "agent"])(
    "%s asks for a person, in English",
    (text) => {
      expect(detectHandoff(text)).toEqual({ lang: "en" });
    },
  );

  it.each([
    ["转人工，保障升级服务退出后保证金怎么退", "保障升级服务退出后保证金怎么退"],
    ["保障升级服务退不了。我要找客服", "保障升级服务退不了"],
    ["talk to a human, my penalty appeal was rejected", "my penalty appeal was rejected"],
  ])("%s carries its question beside the request", (text, question) => {
    expect(detectHandoff(text)?.question).toBe(question);
  });

  it.each([
    "客服回复率怎么算",
    "国际站客服电话多少",
    "有客服电话吗",
    "保障升级服务有专门的客服电话吗，出了问题找谁",
    "我们被判违规扣了分，想找人工小二申诉，有没有专门的对接人微信？",
    "你是真人吗",
    "有人吗",
    "人工智能",
    "找工厂",
    "一达通agent export满2万USD后是哪一单开始免费",
  ])("%s is not a request for a person", (text) => {
    expect(detectHandoff(text)).toBeUndefined();
  });

  it("never takes a knowledge-base phrasing or a labelled training question for a request or a persona question", () => {
    const kb = loadKnowledge();
    const phrasings = kb.entries.flatMap((e) => [e.question, ...e.alternates]);
    const training = readdirSync("knowledge/training").flatMap((f) =>
      readFileSync(`knowledge/training/${f}`, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { q: string; fallback?: boolean }),
    );
    const asked = [...phrasings, ...training.filter((t) => !t.fallback).map((t) => t.q)];
    expect(asked.length).toBeGreaterThan(1000);
    expect(asked.filter((q) => detectHandoff(q) !== undefined)).toEqual([]);
    expect(asked.filter((q) => detectSmallTalk(q) === "persona")).toEqual([]);
    // Off-topic ones too: none of them is a request for a person.
    expect(training.filter((t) => t.fallback && detectHandoff(t.q) !== undefined).map((t) => t.q)).toEqual([]);
  });
});

describe("persona small talk", () => {
  it.each(["你是谁", "你叫什么", "你是机器人吗", "你是真人吗？", "請問你是誰", "你好，你是谁", "who are you", "Are you a bot?", "what's your name"])("%s asks who the bot is", (text) => {
    expect(detectSmallTalk(text)).toBe("persona");
  });

  it("leaves a bare 机器人 a greeting", () => {
    expect(detectSmallTalk("机器人")).toBe("greeting");
  });
});
