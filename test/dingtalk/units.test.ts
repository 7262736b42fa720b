/** The transport's small pure parts: splitting, de-duplication, flood control, backoff, parsing. */
import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../bot/adapters/shared/backoff.js";
import { DedupeCache } from "../../bot/adapters/shared/dedupe-cache.js";
import { FloodGuard } from "../../bot/adapters/shared/flood-guard.js";
import { extractContent, parseRobotMessage } from "../../bot/adapters/dingtalk/robot-message.js";
import { byteLength, splitMessage } from "../../bot/adapters/shared/split-message.js";

describe("splitMessage", () => {
  it.each([
    ["fits", "short", 100, ["short"]],
    ["paragraphs", "aaaa\n\nbbbb\n\ncccc", 10, ["aaaa\n\nbbbb", "cccc"]],
    ["lines when a paragraph is too long", "aaaa\nbbbb\ncccc", 9, ["aaaa\nbbbb", "cccc"]],
    ["inside a line only when it alone is too long", "abcdefghij", 4, ["abcd", "efgh", "ij"]],
    ["multi-byte characters by bytes, never mid-character", "规则规则规则", 7, ["规则", "规则", "规则"]],
  ])("%s", (_name, text, max, parts) => {
    expect(splitMessage(text, max)).toEqual(parts);
  });

  it("keeps every part under the limit and loses no paragraph", () => {
    const paras = Array.from({ length: 300 }, (_, i) => `### 第${i}条\n- **加粗** item ${i} [link](https://e.com/${i})`);
    const parts = splitMessage(paras.join("\n\n"), 2_000);
    for (const p of parts) expect(byteLength(p)).toBeLessThanOrEqual(2_000);
    expect(parts.join("\n\n")).toBe(paras.join("\n\n"));
  });
});

describe("DedupeCache", () => {
  it("forgets after the TTL and beyond the size bound", () => {
    let now = 0;
    const cache = new DedupeCache(1_000, 3, () => now);
    expect(cache.checkAndRemember("a")).toBe(false);
    expect(cache.checkAndRemember("a")).toBe(true);
    now = 1_001;
    expect(cache.checkAndRemember("a")).toBe(false);
    for (const id of ["b", "c", "d"]) cache.checkAndRemember(id);
    expect(cache.size).toBe(3);
    expect(cache.checkAndRemember("a")).toBe(false); // evicted by size
  });
});

describe("FloodGuard", () => {
  it("accepts up to the limit, sends one notice, ignores while muted, then accepts again", () => {
    let now = 0;
    const guard = new FloodGuard(3, 10_000, 60_000, () => now);
    const verdicts = Array.from({ length: 6 }, () => guard.check("u"));
    expect(verdicts).toEqual(["accept", "accept", "accept", "notice", "ignore", "ignore"]);
    expect(guard.check("other")).toBe("accept");
    now = 60_001;
    expect(guard.check("u")).toBe("accept");
  });

  it("does not count messages outside the window", () => {
    let now = 0;
    const guard = new FloodGuard(2, 1_000, 5_000, () => now);
    for (let i = 0; i < 10; i++) {
      now += 600;
      expect(guard.check("u")).toBe("accept");
    }
  });
});

describe("backoffDelay", () => {
  it("doubles with jitter in [0.5, 1) of the step and stops at the cap", () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 1_000, 60_000, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(backoffDelay(3, 1_000, 60_000, () => 0.999)).toBeLessThan(8_000);
    expect(backoffDelay(20, 1_000, 60_000, () => 0.999)).toBeLessThanOrEqual(60_000);
    expect(backoffDelay(1_000, 1_000, 60_000, () => 0)).toBe(30_000);
  });
});

describe("parseRobotMessage", () => {
  const base = {
    msgId: "m",
    conversationType: "2",
    conversationId: "c",
    senderId: "s",
    sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=x",
    sessionWebhookExpiredTime: 1,
  };
  it("rejects what is not a robot message with a stable code", () => {
    for (const data of ["", "nope", "null", JSON.stringify({ ...base, msgtype: "text", sessionWebhook: "file:///etc/passwd" }), 42]) {
      expect(() => parseRobotMessage(data)).toThrow(expect.objectContaining({ code: "MALFORMED_MESSAGE" }));
    }
  });
  it("treats an unknown msgtype as content kind unknown", () => {
    const msg = parseRobotMessage(JSON.stringify({ ...base, msgtype: "interactiveCard" }));
    expect(extractContent(msg)).toEqual({ text: "", contentKind: "unknown" });
  });
});
