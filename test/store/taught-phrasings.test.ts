import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../bot/store/migrations.js";
import { openStore } from "../../bot/store/open-store.js";
import { storeErrorCode, useStoreSandbox } from "./fixtures.js";

const sandbox = useStoreSandbox();
const { track } = sandbox;
const at = new Date("2021-08-26T12:00:00+08:00");

describe("migration 4: taught phrasings", () => {
  it("upgrades a version-3 file, and what was taught survives a reopen", () => {
    const path = join(sandbox.dir(), "bot.db");
    const v3 = openStore(path, { migrations: MIGRATIONS.slice(0, 3) });
    v3.recordQuestion({ at, kind: "fallback", userId: "u-1", normalized: "保账升级服务怎么退" });
    v3.close();
    const store = openStore(path);
    expect(store.schemaVersion).toBeGreaterThanOrEqual(4);
    const [row] = store.listUnanswered({ since: new Date(0) });
    expect(store.recordedQuestion(row!.id)).toBe("保账升级服务怎么退");
    expect(store.teachPhrasing({ normalized: row!.normalized, entryId: "guarantee-exit", userId: "staff-1", at })).toBe("recorded");
    store.close();
    const again = track(openStore(path));
    expect(again.listTaught()).toEqual([{ normalized: "保账升级服务怎么退", entryId: "guarantee-exit", at: at.toISOString() }]);
  });

  it("re-teaching replaces the entry; the same entry again is unchanged; off-topic is null", () => {
    const store = track(openStore(":memory:"));
    const base = { normalized: "国际站年费多少", userId: "staff-1", at };
    expect(store.teachPhrasing({ ...base, entryId: "about-agenda" })).toBe("recorded");
    expect(store.teachPhrasing({ ...base, entryId: "about-agenda" })).toBe("unchanged");
    expect(store.teachPhrasing({ ...base, entryId: null })).toBe("changed");
    expect(store.listTaught()).toEqual([{ normalized: "国际站年费多少", entryId: null, at: at.toISOString() }]);
  });

  it("knows only recorded questions that kept their text, and refuses an empty phrasing", () => {
    const store = track(openStore(":memory:"));
    store.recordQuestion({ at, kind: "answer", userId: "u-1", entryId: "guarantee-exit" });
    const id = 1;
    expect(store.recordedQuestion(id)).toBeUndefined();
    expect(store.recordedQuestion(0)).toBeUndefined();
    expect(store.recordedQuestion(Number.NaN)).toBeUndefined();
    expect(storeErrorCode(() => store.teachPhrasing({ normalized: " ", entryId: "x", userId: "s", at }))).toBe("STORE_INVALID_ARGUMENT");
  });
});

describe("npm run kb:taught", () => {
  it("prints the taught phrasings as YAML grouped by entry, off-topic last, and says when there are none", async () => {
    const { formatTaught, runExportTaught } = await import("../../bot/store/export-taught-cli.js");
    const { loadKnowledge } = await import("../../knowledge/load-knowledge.js");
    const kb = loadKnowledge();
    expect(formatTaught([], kb)).toMatch(/Nothing has been taught/);
    const text = formatTaught(
      [
        { normalized: "国际站年费多少", entryId: null, at: at.toISOString() },
        { normalized: "保账升级服务怎么退", entryId: "guarantee-exit", at: at.toISOString() },
      ],
      kb,
    );
    expect(text.indexOf("guarantee-exit:")).toBeLessThan(text.indexOf("off-topic:"));
    expect(text).toContain('  - "保账升级服务怎么退"');
    const path = join(sandbox.dir(), "bot.db");
    const store = openStore(path);
    store.teachPhrasing({ normalized: "国际站年费多少", entryId: null, userId: "staff-1", at });
    store.close();
    const out: string[] = [];
    expect(runExportTaught(["--db", path], {}, { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
    expect(out.join("\n")).toContain('off-topic: # not about the briefing\n  - "国际站年费多少"');
    expect(runExportTaught(["--db", join(sandbox.dir(), "missing.db")], {}, { out: () => {}, err: () => {} })).toBe(3);
    expect(runExportTaught(["--bogus"], {}, { out: () => {}, err: () => {} })).toBe(2);
  });
});
