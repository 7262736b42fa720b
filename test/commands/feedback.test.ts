import { describe, expect, it } from "vitest";
import { HUMAN_CONTACT } from "../../bot/pipeline/replies.js";
import { send, useBot } from "./harness.js";

const since = new Date("2021-08-01T00:00:00Z");

describe("/feedback", () => {
  const bot = useBot();
  const votes = () => bot().deps.store.questionStats({ since }).unhelpful;

  it("is for everyone: records a first vote, ignores a repeat, and changes on a vote the other way", async () => {
    const first = await send(bot(), "/feedback up guarantee-exit", { userId: "u-nobody" });
    expect(first).toMatchObject({ kind: "command", text: "感谢反馈，已记录。" });

    const again = await send(bot(), "/feedback up guarantee-exit", { userId: "u-nobody" });
    expect(again).toMatchObject({ kind: "command", text: "你已经评价过这条回答了。" });
    expect(votes()).toEqual([]);

    const changed = await send(bot(), "/feedback down guarantee-exit", { userId: "u-nobody" });
    expect(changed.kind).toBe("command");
    expect(changed.text.split("\n")[0]).toBe("已把你的评价改为「没帮助」。");
    expect(votes()).toEqual([{ entryId: "guarantee-exit", down: 1, up: 0 }]);

    const back = await send(bot(), "/feedback up guarantee-exit", { userId: "u-nobody" });
    expect(back.text).toBe("已把你的评价改为「有帮助」。");
    expect(votes()).toEqual([]);
  });

  it("suggests rephrasing and a person after 没帮助", async () => {
    const { kind, text } = await send(bot(), "/feedback down factory-eligibility", { userId: "u-alpha" });
    expect(kind).toBe("command");
    expect(text.split("\n")[0]).toBe("感谢反馈，已记录。");
    expect(text).toContain("换个说法");
    expect(text).toContain(HUMAN_CONTACT);
  });

  it("counts each user once per entry", async () => {
    await send(bot(), "/feedback down brand-categories", { userId: "u-1" });
    await send(bot(), "/feedback down brand-categories", { userId: "u-1" });
    await send(bot(), "/feedback down brand-categories", { userId: "u-2" });
    await send(bot(), "/feedback up brand-categories", { userId: "u-3" });
    expect(votes().find((v) => v.entryId === "brand-categories")).toEqual({ entryId: "brand-categories", down: 2, up: 1 });
  });

  it.each([
    ["/feedback 有帮助 market-live-day-group", "感谢反馈，已记录。"],
    ["/反馈 没帮助 market-live-day-group", "已把你的评价改为「没帮助」。"],
    ["/feedback 👍 market-live-day-group", "已把你的评价改为「有帮助」。"],
    ["/feedback 👎🏽 market-live-day-group", "已把你的评价改为「没帮助」。"],
    ["/feedback market-live-day-group DOWN", "你已经评价过这条回答了。"],
    ["/FEEDBACK UP Market-Live-Day-Group", "已把你的评价改为「有帮助」。"],
  ])("accepts %s", async (text, first) => {
    const reply = await send(bot(), text, { userId: "u-words" });
    expect(reply.kind).toBe("command");
    expect(reply.text.split("\n")[0]).toBe(first);
  });

  it("refuses an unknown entry and records nothing", async () => {
    const reply = await send(bot(), "/feedback down no-such-entry", { userId: "u-beta" });
    expect(reply.kind).toBe("error");
    expect(reply.text).toContain("no-such-entry");
    expect(votes().some((v) => v.entryId === "no-such-entry")).toBe(false);
  });

  it.each(["/feedback", "/feedback up", "/feedback sideways guarantee-exit", "/feedback up down", "/feedback up guarantee-exit extra"])(
    "answers %s with the usage",
    async (text) => {
      const reply = await send(bot(), text, { userId: "u-beta" });
      expect(reply.kind).toBe("error");
      expect(reply.text).toContain("/feedback <up|down> <条目ID>");
    },
  );

  it("is listed by /help for everyone", async () => {
    const { text } = await send(bot(), "/help 规则问答", { userId: "u-nobody" });
    expect(text).toContain("/feedback <up|down> <条目ID>：给回答打分（通常点回答下方的按钮）");
  });
});
