/**
 * Question → answer through the fake gateway with the real DWClient: 1:1 and group replies,
 * what the pipeline is given for each content kind, private replies, long replies, flood
 * notice, and the per-conversation throttle.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { IncomingMessage } from "../../bot/pipeline/types.js";
import { TOPIC_ROBOT } from "./fake-gateway.js";
import type { FakeRobotMessage } from "./fake-gateway.js";
import { GROUP_SAFE_TEXT, PRIVATE_FIGURES, bodyText, echoPipeline, startTestBot, waitFor } from "./harness.js";
import type { TestBot } from "./harness.js";

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("DingTalk round trip", () => {
  it("answers a 1:1 question through the session webhook, after acking the callback", async () => {
    t = await startTestBot();
    const { fake } = t;
    const messageId = fake.sendMessage(fake.textMessage("  What is the RFQ score?  "));
    await waitFor(() => fake.delivered().length === 1, "one reply");
    const [call] = fake.delivered();
    expect(call?.body).toEqual({ msgtype: "markdown", markdown: { title: "Answer", text: "echo: What is the RFQ score?" } });
    expect(fake.acks.get(messageId)).toBe(1);
    // The SDK was asked for JSON, with our own, fresh subscriptions.
    expect(fake.openPosts[0]?.accept).toContain("application/json");
    expect((fake.openPosts[0]?.body as { subscriptions: unknown }).subscriptions).toEqual([{ type: "CALLBACK", topic: TOPIC_ROBOT }]);
  });

  it("answers in a group: trims the space where the @ was and @-mentions the sender", async () => {
    const pipeline = echoPipeline();
    t = await startTestBot({ handleMessage: pipeline.handleMessage });
    const { fake } = t;
    fake.sendMessage(fake.textMessage("How do I raise my score?", { chat: "group", senderStaffId: "staff-9" }));
    fake.sendMessage(fake.textMessage("/plain", { chat: "group", senderStaffId: "staff-9" }));
    await waitFor(() => fake.delivered().length === 2, "two replies");
    expect(pipeline.seen[0]?.text).toBe("How do I raise my score?");
    const [md, plain] = fake.delivered();
    expect(md?.body.msgtype).toBe("markdown");
    expect(md?.body.at).toEqual({ atUserIds: ["staff-9"], isAtAll: false });
    // Markdown only renders the @ when the text names the user.
    expect(bodyText(md!)).toBe("@staff-9\n\necho: How do I raise my score?");
    expect(plain?.body).toEqual({ msgtype: "text", text: { content: "plain answer" }, at: { atUserIds: ["staff-9"], isAtAll: false } });
  });

  it("gives the pipeline what it needs: user, staff flag, chat, conversation, push ability, clock", async () => {
    const pipeline = echoPipeline();
    t = await startTestBot({ handleMessage: pipeline.handleMessage, supportStaffIds: ["staff-support"] });
    const { fake } = t;
    const before = Date.now();
    fake.sendMessage(fake.textMessage("a", { senderStaffId: "staff-support", senderNick: "Lin" }));
    fake.sendMessage(fake.textMessage("b", { chat: "group", conversationId: "cidG", senderStaffId: "staff-2" }));
    fake.sendMessage(fake.textMessage("c", { senderStaffId: null, senderId: "$:LWCP_v1:$outsider" }));
    await waitFor(() => pipeline.seen.length === 3, "three messages");
    const byText = (x: string) => pipeline.seen.find((m) => m.text === x) as IncomingMessage;
    expect(byText("a")).toMatchObject({ userId: "staff-support", userName: "Lin", staff: true, chat: "direct", canPushPrivately: true, contentKind: "text" });
    expect(byText("b")).toMatchObject({ userId: "staff-2", staff: false, chat: "group", conversationId: "cidG", canPushPrivately: true });
    // No staff id: identified by senderId, and no 1:1 push is possible.
    expect(byText("c")).toMatchObject({ userId: "$:LWCP_v1:$outsider", staff: false, canPushPrivately: false });
    expect(byText("a").now).toBeInstanceOf(Date);
    expect(byText("a").now.getTime()).toBeGreaterThanOrEqual(before);
    expect(byText("a").id).toMatch(/^msg/);
  });

  it("cannot push privately without a robot code", async () => {
    const pipeline = echoPipeline();
    t = await startTestBot({ handleMessage: pipeline.handleMessage, robotCode: null });
    t.fake.sendMessage(t.fake.textMessage("/private", { chat: "group" }));
    await waitFor(() => t!.fake.delivered().length === 1, "one reply");
    expect(pipeline.seen[0]?.canPushPrivately).toBe(false);
    expect(bodyText(t.fake.delivered()[0]!)).toContain("echo: /private");
    expect(t.fake.pushes).toHaveLength(0);
  });

  it("translates each content kind", async () => {
    const pipeline = echoPipeline();
    t = await startTestBot({ handleMessage: pipeline.handleMessage });
    const { fake } = t;
    const cases: Array<[FakeRobotMessage, string, IncomingMessage["contentKind"]]> = [
      [fake.richTextMessage(["What about", "[picture]", " item 7? "]), "What about\nitem 7?", "text"],
      [fake.richTextMessage(["[picture]"]), "", "picture"],
      [fake.audioMessage("RFQ 服务分怎么算"), "RFQ 服务分怎么算", "text"],
      [fake.audioMessage(""), "", "audio-unrecognised"],
      [fake.pictureMessage(), "", "picture"],
      [fake.fileMessage(), "", "file"],
      [fake.videoMessage(), "", "video"],
      [fake.textMessage("   "), "", "text"],
    ];
    for (const [m] of cases) fake.sendMessage(m, {});
    await waitFor(() => pipeline.seen.length === cases.length, "every message handled");
    for (const [m, text, kind] of cases) {
      const seen = pipeline.seen.find((s) => s.id === m.msgId);
      expect({ msgtype: m.msgtype, text: seen?.text, kind: seen?.contentKind }).toEqual({ msgtype: m.msgtype, text, kind });
    }
    // The pipeline's polite fallback reaches the user; the transport wrote none of it.
    await waitFor(() => fake.delivered().length === cases.length, "every reply");
    expect(fake.delivered().filter((c) => bodyText(c).startsWith("please type"))).toHaveLength(5);
  });

  it("pushes a private reply 1:1 and posts only the safe text in the group", async () => {
    t = await startTestBot();
    const { fake } = t;
    fake.sendMessage(fake.textMessage("/private", { chat: "group", senderStaffId: "staff-7" }));
    await waitFor(() => fake.delivered().length === 1 && fake.deliveredPushes().length === 1, "group reply and private push");
    const [push] = fake.deliveredPushes();
    expect(push).toMatchObject({ robotCode: fake.robotCode, userIds: ["staff-7"], msgKey: "sampleMarkdown", title: "Your RFQ check", text: PRIVATE_FIGURES });
    expect(bodyText(fake.delivered()[0]!)).toBe(`@staff-7\n\n${GROUP_SAFE_TEXT}`);
    for (const call of fake.webhookCalls) expect(JSON.stringify(call.body)).not.toContain("3.2");
    expect(fake.tokenRequests).toEqual([{ appKey: fake.clientId, appSecret: fake.clientSecret }]);
  });

  it("splits a reply over 15 KB on paragraph boundaries, @-mentioning only in the first part", async () => {
    t = await startTestBot();
    const { fake } = t;
    fake.sendMessage(fake.textMessage("/long 40", { chat: "group", senderStaffId: "staff-3" }));
    await waitFor(() => fake.delivered().length >= 3 && t!.bot.status().pendingMessages === 0, "all parts");
    const parts = fake.delivered();
    expect(parts.length).toBe(3);
    for (const [i, p] of parts.entries()) {
      expect(Buffer.byteLength(bodyText(p))).toBeLessThanOrEqual(15_000);
      expect(p.body.markdown?.title).toBe(`Long (${i + 1}/3)`);
      // Every part starts at a paragraph: a heading.
      expect(bodyText(p).replace(/^@staff-3\n\n/, "")).toMatch(/^### 第\d+条/);
    }
    expect(parts[0]?.body.at).toEqual({ atUserIds: ["staff-3"], isAtAll: false });
    expect(parts[1]?.body.at).toBeUndefined();
    const { longText } = await import("./harness.js");
    const joined = parts.map((p) => bodyText(p).replace(/^@staff-3\n\n/, "")).join("\n\n");
    expect(joined).toBe(longText(40 * 1024));
  });

  it("sends one polite notice to a flooding user, then drops (counts and logs) each message; others are still answered", async () => {
    t = await startTestBot({ tuning: { floodMaxMessages: 3, floodWindowMs: 60_000, floodMuteMs: 60_000 } });
    const { fake, bot, lines } = t;
    for (let i = 1; i <= 6; i++) fake.sendMessage(fake.textMessage(`q${i}`, { chat: "group", senderStaffId: "flooder" }));
    fake.sendMessage(fake.textMessage("calm question", { chat: "group", senderStaffId: "calm" }));
    await waitFor(() => fake.delivered().length === 5, "3 answers, 1 notice, 1 answer to the other user");
    await waitFor(() => bot.metrics.flood.get({ action: "dropped" }) === 2, "two dropped");
    const texts = fake.delivered().map(bodyText);
    expect(texts.slice(0, 3)).toEqual(["@flooder\n\necho: q1", "@flooder\n\necho: q2", "@flooder\n\necho: q3"]);
    expect(texts.filter((x) => x.includes("too quickly"))).toHaveLength(1);
    expect(texts).toContain("@calm\n\necho: calm question");
    expect(bot.metrics.flood.get({ action: "notice" })).toBe(1);
    // The message that triggered the notice and the two after it: one log line each.
    expect(lines.filter((l) => typeof l.msg === "string" && l.msg.startsWith("sender is flooding") && l.userId === "flooder")).toHaveLength(3);
    expect(bot.metrics.render()).toMatch(/dingtalk_flood_total\{action="dropped"\} 2/);
    // Nothing is left open in the journal: dropped messages are finished, not resumed later.
    await waitFor(() => t!.store.counts().unanswered === 0 && t!.store.counts().pendingReplies === 0, "journal settled");
  });

  it("never throttles support staff", async () => {
    t = await startTestBot({ tuning: { floodMaxMessages: 3, floodWindowMs: 60_000, floodMuteMs: 60_000 } });
    const { fake, bot } = t;
    for (let i = 1; i <= 8; i++) fake.sendMessage(fake.textMessage(`s${i}`, { senderStaffId: "staff-support" }));
    await waitFor(() => fake.delivered().length === 8, "all eight answered");
    expect(bot.metrics.flood.get()).toBe(0);
  });

  it("throttles a conversation by queueing, in order, without dropping", async () => {
    t = await startTestBot({ tuning: { conversationRateLimit: 2, conversationRateWindowMs: 300 } });
    const { fake, bot } = t;
    for (let i = 1; i <= 5; i++) fake.sendMessage(fake.textMessage(`q${i}`, { senderStaffId: "staff-5" }));
    await waitFor(() => fake.delivered().length === 5, "five replies");
    expect(fake.delivered().map(bodyText)).toEqual(["echo: q1", "echo: q2", "echo: q3", "echo: q4", "echo: q5"]);
    expect(bot.metrics.throttled.get()).toBeGreaterThan(0);
  });
});
