import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";
import { EffectiveSchema } from "../../knowledge/schema.js";
import { validityAt, validityNote, validityWindow } from "../../knowledge/validity.js";
import { FESTIVAL_END, FESTIVAL_START } from "../../rules/festival.js";
import { BRAND_REGISTRATION_WINDOW } from "../../rules/check-brand.js";
import { FEE_WAIVER_WINDOW } from "../../rules/check-fees.js";
import { FIRST_COMPENSATION_DEADLINE } from "../../rules/check-guarantee.js";
import { ZONE_WINDOW } from "../../rules/check-zone.js";

const festival = { from: "2021-09-01", until: "2021-09-30", zone: "America/Los_Angeles" } as const;
const at = (iso: string) => new Date(iso);

describe("validityAt", () => {
  it.each([
    ["2021-09-01T14:59:59+08:00", "upcoming"], // 23:59:59 PDT on 31 August
    ["2021-09-01T15:00:00+08:00", "current"], // 00:00 PDT on 1 September
    ["2021-10-01T14:59:59+08:00", "current"], // the last second of 30 September PDT
    ["2021-10-01T15:00:00+08:00", "ended"],
    ["2026-12-01T12:00:00Z", "ended"],
  ])("the festival at %s is %s (until is the last day in US Pacific, inclusive)", (now, state) => {
    expect(validityAt(festival, at(now))?.state).toBe(state);
  });

  it("a Beijing-time window ends at midnight in Beijing, not in UTC", () => {
    const zone = { from: "2021-08-28", until: "2021-08-31" };
    expect(validityAt(zone, at("2021-08-31T23:59:00+08:00"))?.state).toBe("current");
    expect(validityAt(zone, at("2021-09-01T00:00:00+08:00"))?.state).toBe("ended");
  });

  it("an until with a time ends at that second", () => {
    const brand = { from: "2021-05-05", until: "2022-01-01T15:59:59" };
    expect(validityAt(brand, at("2022-01-01T15:59:59+08:00"))?.state).toBe("current");
    expect(validityAt(brand, at("2022-01-01T16:00:00+08:00"))?.state).toBe("ended");
  });

  it("a standing rule that took effect on a date never ends; before it, it is upcoming", () => {
    const rule = { from: "2021-08-10" };
    expect(validityAt(rule, at("2026-12-01T00:00:00Z"))).toMatchObject({ state: "current", kind: "rule" });
    expect(validityAt(rule, at("2021-08-09T23:00:00+08:00"))?.state).toBe("upcoming");
  });

  it("an entry with a note only, or none, has no validity", () => {
    expect(validityAt({ note: "预计8月底开放全量" }, at("2026-12-01T00:00:00Z"))).toBeUndefined();
    expect(validityAt(undefined, at("2026-12-01T00:00:00Z"))).toBeUndefined();
  });

  it("takes luxon instants as well as Dates", () => {
    expect(validityAt(festival, DateTime.fromISO("2021-09-15T12:00", { zone: "Asia/Shanghai" }))?.state).toBe("current");
  });
});

describe("validityNote", () => {
  const ended = validityAt(festival, at("2026-12-01T00:00:00Z"));
  it("says plainly that an offer applied from … to … and has ended, in Chinese and English", () => {
    expect(validityNote(ended, "zh")).toBe("> **已结束**：这项活动适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），现已结束。");
    expect(validityNote(ended, "en")).toBe("> **Ended**: This offer applied from 1 September 2021 to 30 September 2021 (US Pacific time) and has ended.");
    expect(validityNote(ended, "zh", "采购节服务费减免")).toMatch(/^> \*\*已结束\*\*：采购节服务费减免适用于/);
  });

  it("announces an offer or rule not yet started, and says nothing while current", () => {
    expect(validityNote(validityAt(festival, at("2021-08-26T10:00:00+08:00")))).toBe(
      "> **尚未开始**：这项活动适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），目前还没有开始。",
    );
    expect(validityNote(validityAt({ from: "2021-08-10" }, at("2021-08-01T00:00:00+08:00")))).toBe(
      "> **尚未生效**：这项规则自 2021年8月10日 起（北京时间）生效，目前还不适用。",
    );
    expect(validityNote(validityAt(festival, at("2021-09-15T00:00:00+08:00")))).toBeUndefined();
  });

  it("shows the time when the window ends at one", () => {
    const note = validityNote(validityAt({ from: "2021-05-05", until: "2022-01-01T15:59:59" }, at("2026-01-01T00:00:00Z")));
    expect(note).toBe("> **已结束**：这项活动适用于 2021年5月5日 至 2022年1月1日 15:59:59（北京时间），现已结束。");
  });
});

describe("the effective schema", () => {
  it.each([
    [{ from: "2021-09-01", until: "2021-09-30", zone: "America/Los_Angeles" }, true],
    [{ until: "2022-01-01T15:59:59" }, true],
    [{ from: "2021-09-01", zone: "Europe/Paris" }, false],
    [{ kind: "offer", from: "2021-09-01" }, false],
    [{ zone: "America/Los_Angeles", note: "美西时间" }, false],
    [{ from: "2021-10-01", until: "2021-09-30" }, false],
    [{ until: "2021-09-31" }, false],
  ])("%j valid: %s", (effective, ok) => {
    expect(EffectiveSchema.safeParse(effective).success).toBe(ok);
  });
});

describe("the knowledge base's dates", () => {
  const kb = loadKnowledge();
  it("every festival entry ends when the festival rule ends (one date, two readers)", () => {
    const festivalEntries = kb.entries.filter((e) => e.section.id === kb.byId.get("festival-dates")!.section.id);
    expect(festivalEntries.length).toBeGreaterThan(20);
    for (const e of festivalEntries) {
      const w = validityWindow(e.effective);
      expect(w?.start?.toMillis(), e.id).toBe(FESTIVAL_START.toMillis());
      expect(w?.end?.toMillis(), e.id).toBe(FESTIVAL_END.toMillis());
    }
  });

  it("the first-compensation offer ends at the guarantee rule's deadline", () => {
    const w = validityWindow(kb.byId.get("guarantee-first-compensation")!.effective);
    expect(w?.end?.startOf("second").toMillis()).toBe(FIRST_COMPENSATION_DEADLINE.toMillis());
  });
});

describe("the knowledge base's dates agree with the checks' windows", () => {
  const kb = loadKnowledge();
  it.each([
    ["gold-premium-trade-zone", ZONE_WINDOW],
    ["gold-premium-trade-threshold", ZONE_WINDOW],
    ["brand-activity-windows", BRAND_REGISTRATION_WINDOW],
    ["brand-registration-path", BRAND_REGISTRATION_WINDOW],
    ["festival-self-export-fee-waiver", FEE_WAIVER_WINDOW],
  ])("%s ends when its check's offer ends", (id, window) => {
    expect(validityWindow(kb.byId.get(id)!.effective)?.end?.toMillis()).toBe(window.end.toMillis());
  });
});
