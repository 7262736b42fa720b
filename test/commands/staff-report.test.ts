import { describe, expect, it } from "vitest";
import { parseReportDays, quoteUserText, reportWindow, wholePercentages } from "../../bot/commands/staff-report.js";

describe("the staff reports' shared helpers", () => {
  it.each([
    ["", 7],
    ["1", 1],
    ["30天", 30],
    ["30 日", 30],
    ["30d", 30],
    ["14 days", 14],
    ["３６５", 365],
    ["0", undefined],
    ["366", undefined],
    ["1.5", undefined],
    ["-3", undefined],
    ["一周", undefined],
  ])("parseReportDays(%j) → %s", (arg, days) => {
    expect(parseReportDays(arg)).toBe(days);
  });

  it("makes a window of whole Asia/Shanghai days, today included", () => {
    // 00:30 on the 27th in Shanghai is still the 26th in UTC.
    const w = reportWindow(new Date("2021-08-27T00:30:00+08:00"), 3);
    expect(w.days).toEqual(["2021-08-25", "2021-08-26", "2021-08-27"]);
    expect(w.since.toISOString()).toBe("2021-08-24T16:00:00.000Z");
    expect(reportWindow(new Date("2021-08-26T12:00:00+08:00"), 1).days).toEqual(["2021-08-26"]);
  });

  it.each([
    [[1, 1, 1], [34, 33, 33]],
    [[4, 1, 1], [67, 17, 16]],
    [[1, 0, 0], [100, 0, 0]],
    [[0, 0, 0], [0, 0, 0]],
    [[1, 2, 997], [0, 0, 100]],
  ])("wholePercentages(%j) → %j, adding up to 100", (parts, expected) => {
    expect(wholePercentages(parts)).toEqual(expected);
  });

  it("quotes merchants' text without markdown, cut to length", () => {
    expect(quoteUserText("**粗体** [链接](http://x) #标题")).toBe("＊＊粗体＊＊ ［链接］（http://x） ＃标题");
    expect(quoteUserText("一二三四五", 3)).toBe("一二三…");
  });
});
