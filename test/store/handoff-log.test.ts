import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../bot/store/open-store.js";
import type { HandoffInput, MerchantStore } from "../../bot/store/open-store.js";
import { MAX_TRANSCRIPT_TURNS } from "../../bot/store/handoff-log.js";

const stores: MerchantStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});
const fresh = () => {
  const s = openStore(":memory:");
  stores.push(s);
  return s;
};

function input(overrides: Partial<HandoffInput> = {}): HandoffInput {
  return {
    conversationId: "c-1",
    chat: "direct",
    userId: "u-1",
    userName: "Alice",
    question: "保证金什么时候退",
    transcript: [{ text: "保证金什么时候退", reply: "没能回答" }],
    notified: ["s-1", "s-2"],
    at: new Date("2021-08-26T04:00:00Z"),
    ...overrides,
  };
}

describe("the handoff log", () => {
  it("numbers handoffs and finds the asker's open one", () => {
    const store = fresh();
    const first = store.openHandoff(input());
    const second = store.openHandoff(input({ conversationId: "c-2", userId: "u-2", userName: undefined }));
    expect([first.id, second.id]).toEqual([1, 2]);
    expect(first).toMatchObject({ userName: "Alice", openedAt: "2021-08-26T04:00:00.000Z", closedAt: null, notified: ["s-1", "s-2"] });
    expect(second.userName).toBeNull();
    expect(store.openHandoffOf("c-1", "u-1")?.id).toBe(1);
    expect(store.openHandoffOf("c-1", "u-2")).toBeUndefined();
    expect(store.listOpenHandoffs().map((h) => h.id)).toEqual([1, 2]);
  });

  it("keeps at most five turns, each cut", () => {
    const store = fresh();
    const turns = Array.from({ length: 8 }, (_, i) => ({ text: `问题${i}`.repeat(100), reply: "没能回答" }));
    const h = store.openHandoff(input({ transcript: turns }));
    expect(h.transcript).toHaveLength(MAX_TRANSCRIPT_TURNS);
    expect(h.transcript[0]!.text.startsWith("问题3")).toBe(true);
    expect(Array.from(h.transcript[0]!.text).length).toBe(300);
  });

  it("closes once, recording who, and says so for a closed or unknown number", () => {
    const store = fresh();
    store.openHandoff(input());
    const at = new Date("2021-08-26T05:00:00Z");
    const closed = store.closeHandoff({ id: 1, by: "s-1", byName: "王小二", at });
    expect(closed).toMatchObject({ outcome: "closed", handoff: { closedBy: "s-1", closedByName: "王小二", closedAt: "2021-08-26T05:00:00.000Z" } });
    expect(store.closeHandoff({ id: 1, by: "s-2", at })).toMatchObject({ outcome: "already-closed", handoff: { closedBy: "s-1" } });
    expect(store.closeHandoff({ id: 7, by: "s-2", at })).toEqual({ outcome: "unknown" });
    expect(store.closeHandoff({ id: -1, by: "s-2", at })).toEqual({ outcome: "unknown" });
    expect(store.openHandoffOf("c-1", "u-1")).toBeUndefined();
  });

  it("counts opened, closed and open handoffs, and purges closed ones past the cutoff only", () => {
    const store = fresh();
    store.openHandoff(input({ at: new Date("2021-08-10T00:00:00Z") }));
    store.openHandoff(input({ userId: "u-2", at: new Date("2021-08-25T00:00:00Z") }));
    store.openHandoff(input({ userId: "u-3", at: new Date("2021-08-25T00:00:00Z") }));
    store.closeHandoff({ id: 1, by: "s-1", at: new Date("2021-08-11T00:00:00Z") });
    store.closeHandoff({ id: 2, by: "s-1", at: new Date("2021-08-25T01:00:00Z") });
    expect(store.handoffStats({ since: new Date("2021-08-20T00:00:00Z") })).toEqual({ opened: 2, closed: 1, open: 1 });
    expect(store.listHandoffs({ since: new Date("2021-08-20T00:00:00Z") }).map((h) => h.id)).toEqual([3, 2]);
    expect(store.purgeHandoffs(new Date("2021-08-20T00:00:00Z"))).toBe(1);
    expect(store.getHandoff(1)).toBeUndefined();
    expect(store.getHandoff(3)?.closedAt).toBeNull();
  });

  it.each([
    [{ question: "  " }, /question/],
    [{ userId: "" }, /userId/],
    [{ at: new Date("nope") }, /at must be a valid Date/],
    [{ chat: "channel" as "group" }, /chat/],
  ])("refuses a bad handoff, writing nothing: %j", (overrides, message) => {
    const store = fresh();
    expect(() => store.openHandoff(input(overrides))).toThrow(message);
    expect(store.listOpenHandoffs()).toEqual([]);
  });
});

describe("clarify picks", () => {
  it("are counted in the stats, refused when out of range, and purged with the questions", () => {
    const store = fresh();
    const pick = { at: new Date("2021-08-26T04:00:00Z"), normalized: "加入 12345678", entryId: "factory-how-to-join", position: 2, offered: 3, userId: "u-1" };
    store.recordClarifyPick(pick);
    expect(() => store.recordClarifyPick({ ...pick, position: 4 })).toThrow(/position/);
    expect(() => store.recordClarifyPick({ ...pick, normalized: " " })).toThrow(/question/);
    expect(store.questionStats({ since: new Date("2021-08-20T00:00:00Z") }).picks).toBe(1);
    store.recordQuestion({ at: pick.at, kind: "clarify", normalized: "加入 12345678", userId: "u-1" });
    // Numbers are masked as in the question log, so the pick joins its recorded question.
    expect(store.listUnanswered({ since: new Date("2021-08-20T00:00:00Z") })[0]).toMatchObject({ normalized: "加入 #", picked: { entryId: "factory-how-to-join", count: 1 } });
    store.purgeQuestions(new Date("2021-08-27T00:00:00Z"));
    expect(store.questionStats({ since: new Date("2021-08-20T00:00:00Z") }).picks).toBe(0);
  });
});
