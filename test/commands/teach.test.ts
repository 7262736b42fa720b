import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createBot } from "../../bot/create-bot.js";
import type { Bot } from "../../bot/create-bot.js";
import { openStore } from "../../bot/store/open-store.js";
import { send, STAFF, useBot } from "./harness.js";

const staff = { userId: STAFF, staff: true } as const;
/** A made-up way of asking for the Find Factory sign-up that no entry words like this. */
const ODD = "绿通那个厂子牌子咋整";

/** Records `text` as a question the bot could not answer, as the pipeline does; returns the id /unanswered shows. */
function recordedId(bot: Bot, text: string): number {
  const normalized = bot.deps.index.prepare(text);
  bot.deps.store.recordQuestion({ at: new Date(), kind: "fallback", userId: "u-alpha", normalized });
  return bot.deps.store.listUnanswered({ since: new Date(0) }).find((r) => r.normalized === normalized)!.id;
}

describe("/teach", () => {
  const bot = useBot();

  it("is for support staff only", async () => {
    const reply = await send(bot(), "/teach 1 guarantee-exit", { userId: "u-alpha" });
    expect(reply.kind).toBe("denied");
    expect(bot().deps.store.listTaught()).toEqual([]);
  });

  it("takes effect at once: the taught question is answered with the entry, without a restart", async () => {
    const before = await send(bot(), ODD, { userId: "u-alpha" });
    expect(before.kind === "answer" && before.entryId === "factory-how-to-join").toBe(false);
    const id = recordedId(bot(), ODD);
    const reply = await send(bot(), `/teach #${id} factory-how-to-join`, staff);
    expect(reply.kind).toBe("command");
    expect(reply.text).toContain("已记住");
    expect(reply.text).toContain("找工厂·怎么入驻");
    const after = await send(bot(), ODD, { userId: "u-beta" });
    expect(after.kind).toBe("answer");
    expect(after.entryId).toBe("factory-how-to-join");
    expect(bot().deps.store.listTaught()).toMatchObject([{ normalized: bot().deps.index.prepare(ODD), entryId: "factory-how-to-join" }]);
    const again = await send(bot(), `/teach ${id} factory-how-to-join`, staff);
    expect(again.text).toContain("之前已经归到");
  });

  it("marks a question off-topic, after which the bot says it does not know", async () => {
    const text = "那个信保服务费是收几个点来着";
    const id = recordedId(bot(), text);
    const reply = await send(bot(), `/teach ${id} off-topic`, staff);
    expect(reply.text).toContain("与发布会无关");
    expect((await send(bot(), text, { userId: "u-gamma" })).kind).toBe("fallback");
  });

  it.each([
    ["/teach", "用法"],
    ["/teach 12", "用法"],
    ["/teach abc guarantee-exit", "用法"],
    ["/teach 999999 guarantee-exit", "没有编号为 #999999"],
    ["/teach 1 no-such-entry", "没有ID为「no-such-entry」的条目"],
  ])("%s gets a clear message", async (text, says) => {
    const reply = await send(bot(), text, staff);
    expect(reply.kind).toBe("error");
    expect(reply.text).toContain(says);
  });

  it("is learned again when the bot starts on the same store", async () => {
    const store = openStore(":memory:");
    const first = createBot({ logger: pino({ level: "silent" }), databasePath: ":memory:", store });
    store.teachPhrasing({ normalized: first.deps.index.prepare(ODD), entryId: "factory-how-to-join", userId: STAFF, at: new Date() });
    const restarted = createBot({ logger: pino({ level: "silent" }), databasePath: ":memory:", store });
    const reply = await send(restarted, ODD);
    expect(reply.kind).toBe("answer");
    expect(reply.entryId).toBe("factory-how-to-join");
    restarted.close();
  });
});
