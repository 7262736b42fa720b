/**
 * One-tap choices and 1:1 notifications through the fake gateway, with the real DWClient: a
 * clarify answered by tapping in a 1:1 chat (actionCard button → the button's text comes back as
 * a message) and in a group (interactive card → card callback over the stream), by the asker and
 * by another member; a group vote arriving once however often its callback repeats; an expired
 * offer answered as expired; a group without the card template (a numbered list, no dtmd links);
 * and a handoff's notification pushed 1:1 to staff. Every reply is read through the DingTalk
 * subset renderer (./render-dingtalk.ts).
 *
 * The real pipeline answers (its clarify choices are `/faq <id>` actions, an answer's related
 * questions and 👍/👎 votes too); {@link recording} only records what it saw and said.
 */
import { pino } from "pino";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../bot/create-bot.js";
import type { HandleMessage, IncomingMessage, Reply } from "../../bot/pipeline/types.js";
import { openStore } from "../../bot/store/open-store.js";
import { seedDemoIfEmpty } from "../../bot/store/seed-demo.js";
import { FakeGateway } from "./fake-gateway.js";
import { pause, startTestBot, waitFor } from "./harness.js";
import type { TestBot } from "./harness.js";
import { buttonTitle, groupChoiceList } from "../../bot/adapters/dingtalk/render-actions.js";
import { renderCard, renderTemplate, renderWebhook } from "./render-dingtalk.js";

const store = openStore(":memory:");
seedDemoIfEmpty(store);
const bot = createBot({ logger: pino({ level: "silent" }), databasePath: ":memory:", store });
afterAll(() => bot.close());

let running: TestBot | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const CARD = "fake-card-template";
/** A question the knowledge base cannot decide between several entries (a clarify). */
const VAGUE = "入驻";
const CLEAR = "保障升级服务加入后多久可以退出？";

/** The real pipeline (or `handle`), recording what it saw and said. */
function recording(handle: HandleMessage = bot.handleMessage): { handleMessage: HandleMessage; seen: IncomingMessage[]; replies: Reply[] } {
  const seen: IncomingMessage[] = [];
  const replies: Reply[] = [];
  const handleMessage: HandleMessage = async (msg) => {
    seen.push(msg);
    const reply = await handle(msg);
    replies.push(reply);
    return reply;
  };
  return { handleMessage, seen, replies };
}

describe("one-tap choices in a 1:1 chat", () => {
  it("a clarify comes as an actionCard; tapping a button sends its text back and gets that answer", async () => {
    const p = recording();
    running = await startTestBot({ handleMessage: p.handleMessage });
    const { fake } = running;
    const ask = fake.textMessage(VAGUE, { senderStaffId: "merchant-a" });
    fake.sendMessage(ask);
    await waitFor(() => fake.delivered(ask.conversationId).length === 1, "the clarify");
    const clarify = p.replies[0]!;
    expect(clarify.kind).toBe("clarify");
    const shown = renderWebhook(fake.delivered(ask.conversationId)[0]!.body);
    expect(shown.kind).toBe("actionCard");
    expect(shown.problems).toEqual([]);
    expect(shown.buttons.map((b) => b.content)).toEqual(clarify.choices!.map((id) => `/faq ${id}`));
    expect(fake.delivered(ask.conversationId)[0]!.body.actionCard?.btnOrientation).toBe("0");

    // DingTalk sends the button's content as the user's own message.
    const tap = fake.textMessage(shown.buttons[1]!.content!, { senderStaffId: "merchant-a", conversationId: ask.conversationId });
    fake.sendMessage(tap);
    await waitFor(() => fake.delivered(ask.conversationId).length === 2, "the answer");
    expect(p.replies[1]).toMatchObject({ kind: "answer", entryId: clarify.choices![1] });
    const answer = renderWebhook(fake.delivered(ask.conversationId)[1]!.body);
    expect(answer.buttons.map((b) => b.content)).toEqual(p.replies[1]!.actions!.map((a) => a.send));
    expect(answer.buttons.map((b) => b.content)).toEqual(expect.arrayContaining([`/feedback up ${clarify.choices![1]}`, `/feedback down ${clarify.choices![1]}`]));
  });

  it("past the webhook, the choices go as the matching sampleActionCardN push; more than five keep the choices and drop the votes", async () => {
    const actions = [
      ...Array.from({ length: 6 }, (_, i) => ({ label: `选项 ${i + 1}`, send: `/faq e${i + 1}`, kind: "choice" as const })),
      { label: "👍", send: "/feedback up e1", kind: "vote" as const },
    ];
    running = await startTestBot({
      handleMessage: (msg) =>
        Promise.resolve(
          msg.text === "two"
            ? { kind: "clarify", title: "请确认", text: "哪一个？", markdown: true, actions: actions.slice(0, 2) }
            : { kind: "clarify", title: "请确认", text: "哪一个？", markdown: true, actions },
        ),
    });
    const { fake } = running;
    fake.sendMessage(fake.textMessage("two", { senderStaffId: "merchant-b", webhookExpiresInMs: -1_000 }));
    fake.sendMessage(fake.textMessage("many", { senderStaffId: "merchant-b", webhookExpiresInMs: -1_000 }));
    await waitFor(() => fake.deliveredPushes().length === 2, "two pushes");
    const [two, many] = fake.deliveredPushes();
    expect(two!.msgKey).toBe("sampleActionCard2");
    expect(renderTemplate(two!).buttons.map((b) => b.content)).toEqual(["/faq e1", "/faq e2"]);
    expect(many!.msgKey).toBe("sampleActionCard5");
    expect(renderTemplate(many!).buttons.map((b) => b.content)).toEqual(["/faq e1", "/faq e2", "/faq e3", "/faq e4", "/faq e5"]);
    expect(fake.webhookCalls).toHaveLength(0);
  });
});

describe("one-tap choices in a group, with the interactive card", () => {
  async function groupClarify(tuning = {}): Promise<{ p: ReturnType<typeof recording>; card: ReturnType<FakeGateway["deliveredCards"]>[number] }> {
    const p = recording();
    running = await startTestBot({ handleMessage: p.handleMessage, cardTemplateId: CARD, tuning });
    const { fake } = running;
    fake.sendMessage(fake.textMessage(VAGUE, { chat: "group", senderStaffId: "asker", senderNick: "王经理" }));
    await waitFor(() => fake.deliveredCards().length === 1, "the card");
    return { p, card: fake.deliveredCards()[0]! };
  }

  it("the card carries the choices and @ the asker; the asker's tap is answered in the group", async () => {
    const { p, card } = await groupClarify();
    const fake = running!.fake;
    expect((fake.openPosts.at(-1)?.body as { subscriptions: unknown }).subscriptions).toEqual([
      { type: "CALLBACK", topic: "/v1.0/im/bot/messages/get" },
      { type: "CALLBACK", topic: "/v1.0/card/instances/callback" },
    ]);
    expect(card).toMatchObject({ cardTemplateId: CARD, groupId: "cidGroup1", body: { callbackType: "STREAM", imGroupOpenDeliverModel: { atUserIds: { asker: "王经理" } } } });
    const shown = renderCard(card);
    expect(shown.problems).toEqual([]);
    expect(shown.buttons.map((b) => b.label)).toEqual(p.replies[0]!.actions!.map((a) => buttonTitle(a.label)));
    // Nothing went into the group as a message with links a group cannot use.
    expect(fake.webhookCalls).toHaveLength(0);

    fake.tapCard(card, { userId: "asker", index: 0 });
    // The answer carries its votes, so it is a card of its own in the group, @ the asker again.
    await waitFor(() => fake.deliveredCards().length === 2, "the answer in the group");
    const choice = p.replies[0]!.choices![0]!;
    expect(p.seen[1]).toMatchObject({ text: `/faq ${choice}`, userId: "asker", chat: "group", userName: "王经理" });
    expect(p.replies[1]).toMatchObject({ kind: "answer", entryId: choice });
    const answer = fake.deliveredCards()[1]!;
    expect(answer).toMatchObject({ groupId: "cidGroup1", body: { imGroupOpenDeliverModel: { atUserIds: { asker: "王经理" } } } });
    expect(renderCard(answer).lines.join("\n")).toContain(bot.deps.kb.byId.get(choice)!.topic.split("·")[0]!);
    expect(renderCard(answer).buttons.map((b) => b.label)).toEqual(p.replies[1]!.actions!.map((a) => buttonTitle(a.label)));
    expect(renderCard(answer).buttons.map((b) => b.label)).toEqual(expect.arrayContaining(["👍 有帮助", "👎 没帮助"]));
    expect(fake.webhookCalls).toHaveLength(0);
  });

  it("another member's tap (or typed number) is told whose choice it is, and the pipeline never sees it", async () => {
    const { p, card } = await groupClarify();
    const fake = running!.fake;
    fake.tapCard(card, { userId: "someone-else", index: 0 });
    await waitFor(() => fake.delivered("cidGroup1").length === 1, "the notice");
    const notice = fake.delivered("cidGroup1")[0]!.body;
    expect(renderWebhook(notice).lines).toEqual(["这是给 @王经理 的选项，你可以直接问我"]);
    expect(notice.at?.atUserIds).toEqual(["someone-else"]);
    expect(p.seen).toHaveLength(1);
    expect(running!.bot.metrics.cardTaps.get({ outcome: "not-yours" })).toBe(1);
    // Typing the number instead of tapping is bound the same way.
    fake.sendMessage(fake.textMessage("1", { chat: "group", senderStaffId: "someone-else", senderNick: "赵" }));
    await waitFor(() => fake.delivered("cidGroup1").length === 2, "the second notice");
    expect(renderWebhook(fake.delivered("cidGroup1")[1]!.body).lines).toEqual(["这是给 @王经理 的选项，你可以直接问我"]);
    expect(p.seen).toHaveLength(1);
  });

  it("a vote tapped in a group is recorded once, however often its callback arrives", async () => {
    const p = recording();
    running = await startTestBot({ handleMessage: p.handleMessage, cardTemplateId: CARD });
    const { fake, bot: transport } = running;
    fake.sendMessage(fake.textMessage(CLEAR, { chat: "group", senderStaffId: "voter", senderNick: "李" }));
    await waitFor(() => fake.deliveredCards().length === 1, "the answer card");
    const card = fake.deliveredCards()[0]!;
    const up = FakeGateway.cardButtons(card).find((b) => b.text.includes("有帮助") && !b.text.includes("没"))!;
    // The first ack is lost, so the same frame comes again; then DingTalk delivers the tap anew.
    const frame = fake.tapCard(card, { userId: "voter", index: up.index, loseAcks: 1 });
    await waitFor(() => (fake.acks.get(frame) ?? 0) >= 2, "the re-sent frame to be acked");
    fake.tapCard(card, { userId: "voter", index: up.index });
    await waitFor(() => transport.metrics.cardTaps.get({ outcome: "duplicate" }) === 2, "both repeats dropped");
    await waitFor(() => transport.status().pendingMessages === 0, "idle");
    const votes = p.seen.filter((m) => m.text.startsWith("/feedback"));
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ text: `/feedback up ${p.replies[0]!.entryId}`, userId: "voter" });
    expect(p.replies.at(-1)?.text).toMatch(/感谢反馈/);
    expect(fake.delivered("cidGroup1")).toHaveLength(1);
  });

  it("a tap on a card past its offer's lifetime is answered honestly as expired, in the group", async () => {
    const { p, card } = await groupClarify({ offerTtlMs: 50 });
    const fake = running!.fake;
    await pause(80);
    fake.tapCard(card, { userId: "asker", index: 0 });
    await waitFor(() => fake.deliveredGroupSends().length === 1, "the expiry notice");
    const sent = fake.deliveredGroupSends()[0]!;
    expect(sent.openConversationId).toBe("cidGroup1");
    expect(renderTemplate(sent).lines).toEqual(["这个选项已过期，请直接问我"]);
    expect(p.seen).toHaveLength(1);
  });

  it("an answer to a tap after the session webhook expired goes to the group through the robot group-message API", async () => {
    // Answers without votes here, so that the answer is a message (an answer with votes is a card, which needs no webhook).
    const p = recording(async (msg) => {
      const reply = await bot.handleMessage(msg);
      return reply.kind === "answer" ? { ...reply, actions: [] } : reply;
    });
    running = await startTestBot({ handleMessage: p.handleMessage, cardTemplateId: CARD });
    const { fake } = running;
    const ask = fake.textMessage(VAGUE, { chat: "group", senderStaffId: "asker", senderNick: "王经理" });
    fake.sendMessage(ask);
    await waitFor(() => fake.deliveredCards().length === 1, "the card");
    fake.expireSession(ask);
    fake.tapCard(fake.deliveredCards()[0]!, { userId: "asker", index: 1 });
    await waitFor(() => fake.deliveredGroupSends().length === 1, "the answer via the group API");
    expect(fake.deliveredGroupSends()[0]).toMatchObject({ openConversationId: "cidGroup1", msgKey: "sampleMarkdown" });
    expect(fake.deliveredPushes()).toHaveLength(0);
    expect(p.replies[1]).toMatchObject({ kind: "answer", entryId: p.replies[0]!.choices![1] });
  });
});

describe("choices in a group without the card template", () => {
  it("are a numbered list with no dtmd links; the asker's number is the choice, another member's gets the notice", async () => {
    const p = recording();
    running = await startTestBot({ handleMessage: p.handleMessage });
    const { fake } = running;
    fake.sendMessage(fake.textMessage(VAGUE, { chat: "group", senderStaffId: "asker", senderNick: "王经理" }));
    await waitFor(() => fake.delivered("cidGroup1").length === 1, "the clarify");
    const body = fake.delivered("cidGroup1")[0]!.body;
    expect(JSON.stringify(body)).not.toMatch(/dtmd:/);
    expect(body.msgtype).toBe("markdown");
    const shown = renderWebhook(body);
    expect(shown.problems).toEqual([]);
    const labels = p.replies[0]!.actions!.map((a) => a.label);
    expect(shown.lines.slice(-labels.length)).toEqual(labels.map((l, i) => `${i + 1}. ${l}`));
    expect(shown.lines).toContain("要选哪一个？@我 并发送序号：");
    expect(fake.cards).toHaveLength(0);

    fake.sendMessage(fake.textMessage("2", { chat: "group", senderStaffId: "someone-else", senderNick: "赵" }));
    await waitFor(() => fake.delivered("cidGroup1").length === 2, "the notice");
    expect(renderWebhook(fake.delivered("cidGroup1")[1]!.body).lines).toEqual(["这是给 @王经理 的选项，你可以直接问我"]);

    fake.sendMessage(fake.textMessage("2", { chat: "group", senderStaffId: "asker", senderNick: "王经理" }));
    await waitFor(() => fake.delivered("cidGroup1").length === 3, "the answer");
    expect(p.seen.at(-1)?.text).toBe(`/faq ${p.replies[0]!.choices![1]}`);
    expect(p.replies.at(-1)).toMatchObject({ kind: "answer", entryId: p.replies[0]!.choices![1] });
    // The answer's related questions are listed the same way; its votes are left out in a group without cards.
    const answerText = fake.delivered("cidGroup1")[2]!.body.markdown?.text ?? "";
    expect(answerText).toBe(`@asker\n\n${groupChoiceList(p.replies.at(-1)!.text, p.replies.at(-1)!.actions!).text}`);
    expect(answerText).not.toMatch(/feedback|dtmd:|有帮助/);
    expect(renderWebhook(fake.delivered("cidGroup1")[2]!.body).problems).toEqual([]);
  });
});

describe("1:1 notifications (Reply.notify)", () => {
  const handoff: HandleMessage = (msg) =>
    Promise.resolve({
      kind: "command",
      title: "已转人工",
      text: "已转给值班客服，他会在工作时间内单聊回复你。",
      markdown: true,
      notify: [{ userId: "staff-duty", title: "转人工：merchant-h", text: `**问题**：${msg.text}\n\n- 上一轮：保障升级服务多久可以退出` }],
    });

  it("a handoff's transcript is pushed 1:1 to the staff on duty, after the reply to the merchant", async () => {
    running = await startTestBot({ handleMessage: handoff });
    const { fake, bot: transport } = running;
    const m = fake.textMessage("转人工", { chat: "group", senderStaffId: "merchant-h" });
    fake.sendMessage(m);
    await waitFor(() => fake.delivered(m.conversationId).length === 1 && fake.deliveredPushes().length === 1, "reply and notification");
    // The gateway has the push once its request arrived; the bot counts it once the response is back.
    await waitFor(() => transport.status().pendingMessages === 0, "idle");
    const push = fake.deliveredPushes()[0]!;
    expect(push).toMatchObject({ userIds: ["staff-duty"], msgKey: "sampleMarkdown", title: "转人工：merchant-h" });
    expect(renderTemplate(push).lines).toEqual(["**问题**：转人工", "- 上一轮：保障升级服务多久可以退出"]);
    expect(renderTemplate(push).problems).toEqual([]);
    expect(transport.metrics.notifications.get({ result: "delivered" })).toBe(1);
  });

  it("a notification that fails is logged and counted; the merchant's reply is still delivered", async () => {
    running = await startTestBot({ handleMessage: handoff });
    const { fake, bot: transport, lines, store: journal } = running;
    fake.failNextPushes([400]);
    const m = fake.textMessage("转人工", { senderStaffId: "merchant-h" });
    fake.sendMessage(m);
    await waitFor(() => transport.metrics.notifications.get({ result: "failed" }) === 1, "the failure");
    await waitFor(() => transport.status().pendingMessages === 0, "idle");
    expect(renderWebhook(fake.delivered(m.conversationId)[0]!.body).lines).toEqual(["已转给值班客服，他会在工作时间内单聊回复你。"]);
    expect(lines.find((l) => l.msg === "notification not delivered")).toMatchObject({ level: 50, to: "staff-duty" });
    expect(transport.metrics.undeliverable.get({ reason: "PUSH_REJECTED" })).toBe(0);
    expect(journal.counts()).toEqual({ unanswered: 0, pendingReplies: 0 });
  });
});
