import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../bot/commands/registry.js";
import { send, useBot } from "./harness.js";

const CHECKS = ["check", "score", "guarantee", "appeal", "factory", "brand", "zone", "festival", "fees", "card"];
const TOOLS = ["trademark", "compensation", "competition"];

describe("the command registry", () => {
  const bot = useBot();

  it("keeps help, topics and faq first", () => {
    expect(COMMANDS.slice(0, 3).map((c) => c.name)).toEqual(["help", "topics", "faq"]);
  });

  it("never gives two commands the same name or alias", () => {
    const names = COMMANDS.flatMap((c) => [c.name, ...c.aliases].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });

  it("puts the merchant checks in 'checks' with intents, and the merchant-free ones in 'tools'", () => {
    for (const name of CHECKS) {
      const def = COMMANDS.find((c) => c.name === name);
      expect(def?.group, name).toBe("checks");
      expect(def?.intents?.length, name).toBeGreaterThan(0);
      expect(def?.usage, name).toBe(`/${name} [商户ID]`);
    }
    for (const name of TOOLS) expect(COMMANDS.find((c) => c.name === name)?.group, name).toBe("tools");
  });

  it("adds the feedback vote, the handoff and the staff tools after the others, the staff tools for staff only", () => {
    expect(COMMANDS.slice(-7).map((c) => c.name)).toEqual(["feedback", "handoff", "search", "unanswered", "teach", "stats", "done"]);
    expect(COMMANDS.find((c) => c.name === "handoff")).toMatchObject({ group: "knowledge", staffReport: true });
    expect(COMMANDS.find((c) => c.name === "handoff")?.staffOnly).toBeFalsy();
    expect(COMMANDS.find((c) => c.name === "done")).toMatchObject({ group: "staff", staffOnly: true });
    expect(COMMANDS.find((c) => c.name === "feedback")).toMatchObject({ group: "knowledge" });
    expect(COMMANDS.find((c) => c.name === "feedback")?.staffOnly).toBeFalsy();
    for (const name of ["search", "unanswered", "teach", "stats"]) {
      expect(COMMANDS.find((c) => c.name === name), name).toMatchObject({ group: "staff", staffOnly: true });
    }
  });

  it("lists every command under /help's group buttons", async () => {
    const help = await send(bot(), "/help", { userId: "u-nobody" });
    expect(help.kind).toBe("command");
    const texts: string[] = [];
    for (const a of help.actions ?? []) texts.push((await send(bot(), a.send, { userId: "u-nobody" })).text);
    for (const name of [...CHECKS, ...TOOLS]) expect(texts.join("\n")).toContain(`/${name}`);
  });
});
