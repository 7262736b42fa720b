import { beforeEach, describe, expect, it } from "vitest";
import { HUMAN_CONTACT } from "../../bot/pipeline/replies.js";
import { makeBot } from "../support/make-bot.js";
import type { TestBot } from "../support/make-bot.js";

const ON_DUTY = { onDuty: [{ id: "s-wang", name: "王小二" }, { id: "s-li" }], replyWithin: "工作日 2 小时内", canNotify: true };
const staff = { userId: "s-wang", userName: "王小二", staff: true } as const;

describe("handing a conversation to the staff on duty", () => {
  let bot: TestBot;
  beforeEach(() => {
    bot = makeBot({ handoff: ON_DUTY });
  });

  it("tells the merchant who will answer and when, and pushes the question and transcript to each staff member", async () => {
    const me = { userId: "m-alice", userName: "Alice", conversationId: "dm-alice" };
    await bot.ask("保障升级服务加入后多久可以退出？", me);
    await bot.ask("今天杭州天气怎么样", me);
    // Another user's turn in another conversation never reaches this transcript.
    await bot.ask("被处罚几天内能申诉？", { userId: "m-bob", conversationId: "dm-bob" });
    const reply = await bot.ask("转人工", me);

    expect(reply.kind).toBe("command");
    expect(reply.title).toBe("已转人工客服");
    expect(reply.text).toContain("#1");
    expect(reply.text).toContain("王小二");
    expect(reply.text).toContain("工作日 2 小时内");
    expect(reply.text).toContain("你的问题：「今天杭州天气怎么样」");

    expect(reply.notify?.map((n) => n.userId)).toEqual(["s-wang", "s-li"]);
    const notice = reply.notify![0]!;
    expect(notice.title).toBe("转人工 #1：Alice");
    expect(notice.text).toContain("Alice（用户ID m-alice）");
    expect(notice.text).toContain("问题：「今天杭州天气怎么样」");
    expect(notice.text).toMatch(/1\. 「保障升级服务加入后多久可以退出？」→ 回答「.+」（guarantee-exit）/);
    expect(notice.text).toContain("2. 「今天杭州天气怎么样」→ 没能回答");
    expect(notice.text).not.toContain("被处罚");
    expect(notice.text).toContain("/done 1");
    expect(reply.notify![1]!.text).toBe(notice.text);

    const row = bot.deps.store.getHandoff(1);
    expect(row).toMatchObject({
      conversationId: "dm-alice",
      chat: "direct",
      userId: "m-alice",
      userName: "Alice",
      question: "今天杭州天气怎么样",
      notified: ["s-wang", "s-li"],
      closedAt: null,
    });
    expect(row?.transcript).toHaveLength(2);
    expect(row?.transcript[1]).toEqual({ text: "今天杭州天气怎么样", reply: "没能回答" });
  });

  it("keeps at most five turns, only the asker's own in a group, and never echoes the question in the group", async () => {
    const group = { conversationId: "grp-1", chat: "group" } as const;
    for (const q of ["入驻", "RFQ服务分有哪几个因子", "找工厂怎么入驻", "保障升级服务多久能退出", "违规公示多久", "被处罚几天内能申诉？"]) {
      await bot.ask(q, { ...group, userId: "m-carol" });
    }
    await bot.ask("M10001 的服务分是多少", { ...group, userId: "m-dave" });
    const reply = await bot.ask("找个人工", { ...group, userId: "m-carol", userName: "Carol" });
    expect(reply.text).toContain("#1");
    expect(reply.text).not.toContain("申诉");
    const row = bot.deps.store.getHandoff(1)!;
    expect(row.chat).toBe("group");
    expect(row.transcript.map((t) => t.text)).toEqual(["RFQ服务分有哪几个因子", "找工厂怎么入驻", "保障升级服务多久能退出", "违规公示多久", "被处罚几天内能申诉？"]);
    expect(row.question).toBe("被处罚几天内能申诉？");
    expect(reply.notify![0]!.text).toContain("来自：群聊");
    expect(reply.notify![0]!.text).not.toContain("M10001");
  });

  it("takes the question from the request itself, and asks for one when there is none", async () => {
    const withQuestion = await bot.ask("转人工，保证金什么时候退回", { userId: "m-erin", conversationId: "c-erin" });
    expect(bot.deps.store.getHandoff(1)?.question).toBe("保证金什么时候退回");
    expect(withQuestion.notify![0]!.text).toContain("问题：「保证金什么时候退回」");

    // A pick from a clarify ("2") is not the question: the question asked back is.
    await bot.ask("入驻", { userId: "m-frank", conversationId: "c-pick" });
    await bot.ask("2", { userId: "m-frank", conversationId: "c-pick" });
    await bot.ask("转人工", { userId: "m-frank", conversationId: "c-pick" });
    expect(bot.deps.store.getHandoff(2)?.question).toBe("入驻");

    const bare = await bot.ask("人工客服", { userId: "m-frank", conversationId: "c-frank" });
    expect(bare.text).toContain("转人工，你的问题");
    expect(bot.deps.store.getHandoff(3)?.question).toBe("人工客服");
  });

  it("reminds the asker of the open handoff instead of opening another, passing on what they add", async () => {
    const me = { userId: "m-gina", conversationId: "c-gina" };
    await bot.ask("转人工", me);
    const again = await bot.ask("转人工", me);
    expect(again.text).toContain("**#1** 还在处理中");
    expect(again.notify).toBeUndefined();
    const added = await bot.ask("转人工，我的店铺被降级了", me);
    expect(added.text).toContain("你补充的内容已转给客服");
    expect(added.notify?.map((n) => [n.userId, n.title])).toEqual([
      ["s-wang", "转人工 #1 补充"],
      ["s-li", "转人工 #1 补充"],
    ]);
    expect(added.notify![0]!.text).toContain("我的店铺被降级了");
    expect(bot.deps.store.listOpenHandoffs()).toHaveLength(1);
  });

  it("answers an English request in English", async () => {
    const reply = await bot.ask("talk to a human please", { userId: "m-hank", conversationId: "c-hank" });
    expect(reply.lang).toBe("en");
    expect(reply.text).toMatch(/handoff \*\*#1\*\*/);
    expect(reply.text).toContain("王小二");
    expect(reply.notify).toHaveLength(2);
  });

  it("escapes what the merchant typed in the staff's message", async () => {
    const reply = await bot.ask("转人工，[点我](http://evil.example) **急**", { userId: "m-ivy", conversationId: "c-ivy", userName: "*Ivy*" });
    const text = reply.notify![0]!.text;
    expect(text).not.toContain("](http");
    expect(text).not.toContain("**急**");
    expect(text).not.toContain("*Ivy*");
  });

  it("lets a merchant ask by /handoff too", async () => {
    const reply = await bot.ask("/handoff 申诉被驳回了怎么办", { userId: "m-jack", conversationId: "c-jack" });
    expect(reply.title).toBe("已转人工客服");
    expect(bot.deps.store.getHandoff(1)?.question).toBe("申诉被驳回了怎么办");
  });

  it("still sends rule questions that mention 客服 to the matcher", async () => {
    for (const q of ["客服回复率怎么算", "国际站客服电话多少"]) {
      const reply = await bot.ask(q, { userId: "m-kate", conversationId: "c-kate" });
      expect(["answer", "clarify", "fallback"], q).toContain(reply.kind);
      expect(reply.notify, q).toBeUndefined();
    }
    expect(bot.deps.store.listOpenHandoffs()).toEqual([]);
  });
});

describe("when no handoff is possible", () => {
  it.each([
    ["nobody is on duty", undefined, "没有配置值班的人工客服"],
    ["the transport cannot push", { ...ON_DUTY, canNotify: false }, "无法给客服发送消息"],
  ])("says so honestly when %s, with the human contact", async (_, handoff, why) => {
    const bot = makeBot({ handoff });
    const reply = await bot.ask("我要找客服");
    expect(reply.title).toBe("暂时无法转人工");
    expect(reply.text).toContain(why);
    expect(reply.text).toContain(HUMAN_CONTACT);
    expect(reply.text).not.toMatch(/已为你转接|#\d/);
    expect(reply.notify).toBeUndefined();
    expect(bot.deps.store.listOpenHandoffs()).toEqual([]);
  });
});

describe("/handoff and /done for staff", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = makeBot({ handoff: ON_DUTY });
    await bot.ask("保证金怎么退", { userId: "m-alice", userName: "Alice", conversationId: "dm-alice" });
    await bot.ask("转人工", { userId: "m-alice", userName: "Alice", conversationId: "dm-alice" });
    await bot.ask("转人工，违规扣分能撤销吗", { userId: "m-bob", conversationId: "grp", chat: "group" });
  });

  it("lists the open handoffs for staff: number, when, who, question", async () => {
    const reply = await bot.ask("/handoff", staff);
    expect(reply.title).toBe("待处理的转人工");
    expect(reply.text).toContain("**#1** · 2021-08-26 12:00（北京时间） · Alice（m-alice） · 单聊 · 「保证金怎么退」");
    expect(reply.text).toContain("**#2** · 2021-08-26 12:00（北京时间） · m-bob · 群聊 · 「违规扣分能撤销吗」");
    expect(bot.deps.store.listOpenHandoffs()).toHaveLength(2);
  });

  it("sends the list 1:1 when staff ask in a group, or asks them to", async () => {
    const pushed = await bot.ask("/handoff", { ...staff, chat: "group", conversationId: "grp", canPushPrivately: true });
    expect(pushed.text).not.toContain("保证金");
    expect(pushed.private?.text).toContain("保证金怎么退");
    const refused = await bot.ask("/handoff", { ...staff, chat: "group", conversationId: "grp" });
    expect(refused.text).toContain("单聊");
    expect(refused.text).not.toContain("保证金");
    expect(refused.private).toBeUndefined();
  });

  it("closes one with /done, recording who, telling the other staff, with clear messages otherwise", async () => {
    expect((await bot.ask("/done 1", { userId: "m-alice" })).kind).toBe("denied");
    expect(bot.deps.store.getHandoff(1)?.closedAt).toBeNull();

    const done = await bot.ask("/done #1", staff);
    expect(done.text).toBe("已关闭转人工 #1（Alice：「保证金怎么退」）。");
    expect(done.notify).toEqual([{ userId: "s-li", title: "转人工 #1 已处理", text: expect.stringContaining("已由 王小二 在 2021-08-26 12:00（北京时间） 关闭") as string }]);
    expect(bot.deps.store.getHandoff(1)).toMatchObject({ closedBy: "s-wang", closedByName: "王小二", closedAt: "2021-08-26T04:00:00.000Z" });

    const again = await bot.ask("/done 1", { userId: "s-li", staff: true });
    expect(again.text).toContain("已经在 2021-08-26 12:00（北京时间） 由 王小二 关闭");
    expect((await bot.ask("/done 99", staff)).text).toContain("没有编号为 #99 的转人工");
    expect((await bot.ask("/done", staff)).text).toContain("用法：/done <编号>");

    const list = await bot.ask("/handoff", staff);
    expect(list.text).not.toContain("#1**");
    expect(list.text).toContain("**#2**");
    await bot.ask("/done 2", staff);
    expect((await bot.ask("/handoff", staff)).text).toBe("目前没有待处理的转人工。");
    // Once closed, asking again opens a new handoff.
    const reopened = await bot.ask("转人工", { userId: "m-alice", userName: "Alice", conversationId: "dm-alice" });
    expect(reopened.text).toContain("#3");
  });
});

describe("persona", () => {
  it.each(["你是谁", "你是机器人吗", "你是真人吗"])("%s gets a short answer: a bot, what it knows, how to reach a person", async (text) => {
    const bot = makeBot({ handoff: ON_DUTY });
    const reply = await bot.ask(text);
    expect(reply.kind).toBe("command");
    expect(reply.title).toBe("关于我");
    expect(reply.text).toContain("不是真人");
    expect(reply.text).toContain("2021年8月26日商家发布会");
    expect(reply.text).toContain("发送「转人工」");
    expect(reply.text.split("\n").length).toBeLessThanOrEqual(4);
  });

  it("points to the human contact when nobody is on duty, and answers English in English", async () => {
    const bot = makeBot();
    expect((await bot.ask("你叫什么")).text).toContain(HUMAN_CONTACT);
    const en = await bot.ask("Are you a bot?");
    expect(en.lang).toBe("en");
    expect(en.text).toContain("not a person");
  });
});
