/**
 * The pure parts of one-tap choices: which buttons fit, the template each count gets, the group
 * list, the card's variables, the card-callback parser, the offer store; and the test-side
 * DingTalk renderer itself, which must catch what DingTalk would not render.
 */
import { describe, expect, it } from "vitest";
import { parseCardTap } from "../../bot/adapters/dingtalk/card-callback.js";
import { OfferStore } from "../../bot/adapters/dingtalk/offer-store.js";
import type { Offer } from "../../bot/adapters/dingtalk/offer-store.js";
import {
  actionCardWebhookBody,
  buttonTitle,
  cardParams,
  dtmdSendLink,
  groupChoiceList,
  pickButtons,
  templateMessage,
} from "../../bot/adapters/dingtalk/render-actions.js";
import type { ReplyAction } from "../../bot/pipeline/types.js";
import { displayLines, dtmdContent, markdownProblems, renderWebhook } from "./render-dingtalk.js";

const choice = (n: number): ReplyAction => ({ label: `选项${n}`, send: `/faq e${n}`, kind: "choice" });
const up: ReplyAction = { label: "👍 有帮助", send: "/feedback up e1", kind: "vote" };
const down: ReplyAction = { label: "👎 没帮助", send: "/feedback down e1", kind: "vote" };

describe("buttons", () => {
  it("a dtmd link sends exactly the text, whatever it contains", () => {
    for (const send of ["/faq guarantee-exit", "2", "保障 & 退出?#=%"]) expect(dtmdContent(dtmdSendLink(send))).toBe(send);
  });

  it("keeps choices before votes, in the pipeline's order", () => {
    expect(pickButtons([up, choice(1), down, choice(2)], 3)).toEqual([up, choice(1), choice(2)]);
    expect(pickButtons([choice(1), up, down], 5)).toEqual([choice(1), up, down]);
    expect(pickButtons([choice(1), choice(2), choice(3), up], 2)).toEqual([choice(1), choice(2)]);
  });

  it("cuts a long label to 20 characters, visibly", () => {
    expect([...buttonTitle("找工厂·怎么入驻（金品/普通商家、步骤与入口）")]).toHaveLength(20);
    expect(buttonTitle("找工厂·怎么入驻（金品/普通商家、步骤与入口）").endsWith("…")).toBe(true);
    expect(buttonTitle(" 短\n标签 ")).toBe("短 标签");
  });

  it.each([
    [0, "sampleMarkdown", []],
    [1, "sampleActionCard", ["singleTitle", "singleURL"]],
    [2, "sampleActionCard2", ["actionTitle1", "actionURL1", "actionTitle2", "actionURL2"]],
    [5, "sampleActionCard5", ["actionTitle5", "actionURL5"]],
    [7, "sampleActionCard5", ["actionTitle5", "actionURL5"]],
  ])("%i choices push as %s", (n, msgKey, fields) => {
    const t = templateMessage({ title: "T", text: "body" }, Array.from({ length: n }, (_, i) => choice(i + 1)));
    expect(t.msgKey).toBe(msgKey);
    expect(t.msgParam).toMatchObject({ title: "T", text: "body" });
    for (const f of fields) expect(typeof t.msgParam[f]).toBe("string");
    expect(t.msgParam.actionTitle6).toBeUndefined();
  });

  it("the webhook actionCard is vertical, one dtmd button per action, and renders cleanly", () => {
    const body = actionCardWebhookBody({ title: "请确认", text: "你想问的是哪一个？" }, [choice(1), choice(2), up]);
    const shown = renderWebhook(body);
    expect(body).toMatchObject({ msgtype: "actionCard", actionCard: { btnOrientation: "0" } });
    expect(shown.buttons).toEqual([
      { label: "选项1", content: "/faq e1" },
      { label: "选项2", content: "/faq e2" },
      { label: "👍 有帮助", content: "/feedback up e1" },
    ]);
    expect(shown.problems).toEqual([]);
  });
});

describe("group choices", () => {
  it("without a card: a numbered list after a blank line, votes left out, labels escaped", () => {
    const { text, listed } = groupChoiceList("哪一个？", [choice(1), up, { label: "泉州市***轻纺", send: "/faq q" }]);
    expect(listed.map((a) => a.send)).toEqual(["/faq e1", "/faq q"]);
    expect(displayLines(text)).toEqual(["哪一个？", "要选哪一个？@我 并发送序号：", "1. 选项1", "2. 泉州市\\*\\*\\*轻纺"]);
    expect(markdownProblems(text)).toEqual([]);
    expect(groupChoiceList("x", [up]).text).toBe("x");
    expect(groupChoiceList("x", [choice(1)], "en").text).toMatch(/@ me with the number/);
  });

  it("the card's variables are strings; the button index is the position in the remembered list", () => {
    const { cardParamMap, buttons } = cardParams({ title: "T", text: "**答**" }, [up, choice(1)]);
    expect(Object.values(cardParamMap).every((v) => typeof v === "string")).toBe(true);
    expect(JSON.parse(cardParamMap.buttons!)).toEqual([
      { text: "👍 有帮助", index: 0, kind: "vote" },
      { text: "选项1", index: 1, kind: "choice" },
    ]);
    expect(buttons).toEqual([up, choice(1)]);
  });
});

describe("parseCardTap", () => {
  const tap = (params: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ outTrackId: "c1", userId: "u1", spaceType: "IM_GROUP", spaceId: "cid1", content: JSON.stringify({ cardPrivateData: { actionIds: ["choose"], params } }), ...extra });

  it("reads the card, the member, the group and the index (number or decimal text)", () => {
    expect(parseCardTap(tap({ index: 2 }))).toEqual({ outTrackId: "c1", userId: "u1", groupId: "cid1", index: 2 });
    expect(parseCardTap(tap({ index: "0" })).index).toBe(0);
  });

  it.each([
    ["not JSON", "nope"],
    ["no content", JSON.stringify({ outTrackId: "c1", userId: "u1" })],
    ["content not JSON", JSON.stringify({ outTrackId: "c1", userId: "u1", content: "{" })],
    ["no index", tap({})],
    ["a negative index", tap({ index: -1 })],
    ["an index that is not a number", tap({ index: "two" })],
  ])("refuses %s", (_name, data) => {
    expect(() => parseCardTap(data)).toThrow(expect.objectContaining({ code: "MALFORMED_MESSAGE" }) as Error);
  });
});

describe("OfferStore", () => {
  const offer = (userId: string): Offer => ({
    userId,
    userName: undefined,
    senderStaffId: userId,
    conversationId: "cid",
    sessionWebhook: "https://oapi.dingtalk.com/x",
    sessionWebhookExpiredTime: 0,
    actions: [choice(1)],
  });

  it("forgets an offer past its lifetime, and the oldest past its bound", () => {
    const s = new OfferStore(1_000, 2);
    s.put("a", offer("a"), 0);
    s.put("b", offer("b"), 500);
    expect(s.get("a", 999).found).toBe(true);
    expect(s.get("a", 1_000).found).toBe(false);
    s.put("c", offer("c"), 600);
    s.put("d", offer("d"), 700);
    expect(s.size).toBe(2);
    expect(s.get("b", 700).found).toBe(false);
    expect(s.get("d", 700)).toMatchObject({ found: true, offer: { userId: "d" } });
  });
});

describe("the DingTalk subset renderer", () => {
  it.each([
    ["a table", "| a | b |\n|---|---|", /table/],
    ["a code block", "```\ncode\n```", /code block/],
    ["unbalanced **", "**粗体 没有收尾", /unbalanced \*\*/],
    ["raw ***", "泉州市***轻纺", /raw \*\*\*/],
    ["a list straight under a text line", "要点：\n- 一\n- 二", /list not preceded by a blank line/],
  ])("flags %s", (_name, text, problem) => {
    expect(markdownProblems(text).join("\n")).toMatch(problem);
  });

  it("passes what DingTalk renders, and joins single newlines the way DingTalk does", () => {
    const text = "**答**：第30天\n可以退出\n\n- 一\n- 二\n\n> 来源：发布会";
    expect(markdownProblems(text)).toEqual([]);
    expect(displayLines(text)).toEqual(["**答**：第30天可以退出", "- 一", "- 二", "> 来源：发布会"]);
  });

  it("flags a button that is not a dtmd link or is too long", () => {
    const shown = renderWebhook({ msgtype: "actionCard", actionCard: { title: "t", text: "x", btns: [{ title: "一二三四五六七八九十一二三四五六七八九十一", actionURL: "https://example.com" }] } });
    expect(shown.problems).toEqual(expect.arrayContaining([expect.stringMatching(/over 20/), expect.stringMatching(/not a dtmd link/)]));
  });
});
