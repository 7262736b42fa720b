import { describe, expect, it } from "vitest";
import {
  CATEGORY_LOCK_AT,
  checkFestival,
  CUMULATIVE_INDUSTRIES,
  FESTIVAL_END,
  FESTIVAL_START,
  festivalWindowTypeOf,
  WEEKLY_INDUSTRIES,
} from "../../rules/festival.js";
import { at, makeMerchant } from "./fixtures.js";

const NOW = at("2021-08-26T10:00:00+08:00");

describe("festival — constants", () => {
  it("keeps the lists as given: 19 weekly names (the slide says 18), 14 cumulative, no overlap", () => {
    expect(WEEKLY_INDUSTRIES).toHaveLength(19);
    expect(CUMULATIVE_INDUSTRIES).toHaveLength(14);
    const weekly: readonly string[] = WEEKLY_INDUSTRIES;
    expect(CUMULATIVE_INDUSTRIES.filter((i) => weekly.includes(i))).toEqual([]);
  });

  it("runs 2021-09-01 00:00 – 09-30 23:59:59 PDT = 09-01 15:00 – 10-01 14:59:59 in Shanghai", () => {
    expect(FESTIVAL_START.offset).toBe(-7 * 60); // PDT, not PST
    expect(FESTIVAL_START.setZone("Asia/Shanghai").toISO()).toBe("2021-09-01T15:00:00.000+08:00");
    expect(FESTIVAL_END.setZone("Asia/Shanghai").toISO()).toBe("2021-10-01T14:59:59.999+08:00");
    expect(CATEGORY_LOCK_AT.toISO()).toBe("2021-08-29T15:00:00.000+08:00");
  });

  it.each([
    ["家居园艺", "weekly", "家居园艺"],
    ["食品饮料", "weekly", "食品饮料"],
    ["汽摩配", "weekly", "汽摩配"],
    ["汽车配件及用品", "weekly", "汽摩配"],
    ["整车及交通", "weekly", "汽摩配"],
    ["服装", "cumulative", "服装"],
    ["五金工具", "cumulative", "五金工具"],
    ["定制加工", "cumulative", "定制加工"],
    ["农业", "not-listed", null],
  ])("%s → %s", (industry, type, listedAs) => {
    expect(festivalWindowTypeOf(industry)).toEqual({ type, listedAs });
  });
});

describe("festival — GMV windows per display week (US Pacific dates, Shanghai instants)", () => {
  it.each([
    // [week, display from, display to, weekly from, weekly to, cumulative from, cumulative to]
    [1, "2021-09-01", "2021-09-05", "2021-08-01", "2021-08-29", "2021-08-01", "2021-08-29"],
    [2, "2021-09-06", "2021-09-12", "2021-09-01", "2021-09-04", "2021-09-01", "2021-09-04"],
    [3, "2021-09-13", "2021-09-19", "2021-09-05", "2021-09-11", "2021-09-01", "2021-09-11"],
    [4, "2021-09-20", "2021-09-26", "2021-09-12", "2021-09-18", "2021-09-01", "2021-09-18"],
    [5, "2021-09-27", "2021-09-30", "2021-09-19", "2021-09-25", "2021-09-01", "2021-09-25"],
  ])("week %i: display %s–%s; weekly GMV %s–%s; cumulative GMV %s–%s", (week, dFrom, dTo, wFrom, wTo, cFrom, cTo) => {
    const weekly = checkFestival(makeMerchant({ industry: "家居园艺" }), NOW).weeks[week - 1];
    const cumulative = checkFestival(makeMerchant({ industry: "服装" }), NOW).weeks[week - 1];
    expect(weekly?.display).toMatchObject({ fromDate: dFrom, toDate: dTo });
    expect(weekly?.gmv).toMatchObject({ fromDate: wFrom, toDate: wTo });
    expect(cumulative?.gmv).toMatchObject({ fromDate: cFrom, toDate: cTo });
    // PDT is UTC−7 all along: a Pacific date runs 15:00 → 14:59:59.999 next day in Shanghai
    expect(weekly?.gmv?.start.toISO()).toBe(`${wFrom}T15:00:00.000+08:00`);
    expect(weekly?.display.start.toISO()).toBe(`${dFrom}T15:00:00.000+08:00`);
  });

  it("gives the Shanghai end instant of a window", () => {
    const weeks = checkFestival(makeMerchant({ industry: "家居园艺" }), NOW).weeks;
    expect(weeks[0]?.gmv?.end.toISO()).toBe("2021-08-30T14:59:59.999+08:00");
    expect(weeks[2]?.gmv?.end.toISO()).toBe("2021-09-12T14:59:59.999+08:00");
    expect(weeks[4]?.display.end.toISO()).toBe("2021-10-01T14:59:59.999+08:00");
  });

  it("has no GMV window for an industry in neither list", () => {
    const result = checkFestival(makeMerchant({ industry: "农业" }), NOW);
    expect(result.windowType).toBe("not-listed");
    expect(result.weeks.every((w) => w.gmv === null)).toBe(true);
  });
});

describe("festival — current week, next week and the category lock at now", () => {
  it.each([
    ["2021-08-26T10:00:00+08:00", "before", null, 1],
    ["2021-09-01T14:59:59+08:00", "before", null, 1],
    ["2021-09-01T15:00:00+08:00", "during", 1, 2],
    ["2021-09-01T00:00:00-07:00", "during", 1, 2],
    ["2021-09-06T14:59:59+08:00", "during", 1, 2], // 09-05 23:59:59 PDT
    ["2021-09-06T15:00:00+08:00", "during", 2, 3],
    ["2021-09-20T12:00:00-07:00", "during", 4, 5],
    ["2021-10-01T14:59:59+08:00", "during", 5, null],
    ["2021-10-01T15:00:00+08:00", "after", null, null],
  ])("at %s: %s, current %s, next %s", (now, phase, current, next) => {
    const result = checkFestival(makeMerchant({ industry: "服装", category: "女装" }), at(now));
    expect(result.phase).toBe(phase);
    expect(result.currentWeek).toBe(current);
    expect(result.nextWeek).toBe(next);
  });

  it.each([
    ["2021-08-29T14:59:59+08:00", false],
    ["2021-08-29T15:00:00+08:00", true],
    ["2021-08-29T00:00:00-07:00", true], // = 15:00 in Shanghai
    ["2021-08-28T23:59:59-07:00", false],
  ])("at %s the L2 lock has passed: %s", (now, passed) => {
    expect(checkFestival(makeMerchant({ category: "手动工具" }), at(now)).categoryLock.passed).toBe(passed);
  });

  it("lists a missing category and says thresholds are not in the briefing", () => {
    const result = checkFestival(makeMerchant({ industry: "服装" }), NOW);
    expect(result.missing).toEqual(["category"]);
    expect(result.category).toBeNull();
    expect(result.gmvThresholdKnown).toBe(false);
    expect(result.top).toEqual({ network: 10, category: 20 });
  });
});
