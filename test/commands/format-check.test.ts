import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  describeFields,
  formatBothZones,
  formatCny,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatPoints,
  formatTimeLeft,
  formatUsd,
  formatUsdGap,
  missingFieldsText,
  ordinalEn,
  parseNumberArg,
} from "../../bot/commands/format-check.js";

describe("format-check", () => {
  it.each([
    ["2021-09-09", "2021-09-09（周四）"],
    ["2021-09-12", "2021-09-12（周日）"],
  ])("formats the calendar date %s with its weekday", (date, expected) => {
    expect(formatDate(date)).toBe(expected);
  });

  it("formats instants in Asia/Shanghai, whatever their offset", () => {
    const pacific = DateTime.fromISO("2021-08-20T22:30:00-07:00", { setZone: true });
    expect(formatDate(pacific)).toBe("2021-08-21（周六）");
    expect(formatDateTime(pacific)).toBe("2021-08-21（周六）13:30");
    expect(formatBothZones(pacific)).toBe("2021-08-20 22:30 美西时间（北京时间 2021-08-21（周六）13:30）");
  });

  it.each([
    [0.1 + 0.2, "30%"],
    [0.855, "85.5%"],
    [0.0999, "9.9%"],
    [0.07, "7%"],
    [1, "100%"],
  ])("formats the rate %s as %s, cut down, without float noise", (rate, expected) => {
    expect(formatPercent(rate)).toBe(expected);
  });

  it("rounds gaps up so that a gap never reads as nothing", () => {
    expect(formatPoints(0.6 - 0.3)).toBe("30 个百分点");
    expect(formatPoints(0.0001)).toBe("0.1 个百分点");
    expect(formatUsdGap(0.001)).toBe("0.01 美元");
    expect(formatUsd(24_999.999)).toBe("24,999.99 美元");
  });

  it.each([
    [1_000_000_000, "10亿元"],
    [150_000_000, "1.5亿元"],
    [500_000, "50万元"],
    [999_999_999, "999,999,999元"],
    [8_000, "8,000元"],
  ])("formats CNY %s as %s, exact or in full", (n, expected) => {
    expect(formatCny(n)).toBe(expected);
  });

  it("puts thousands separators in numbers", () => {
    expect(formatNumber(1234567.891)).toBe("1,234,567.89");
  });

  it.each([
    [{ days: 6, hours: 22, minutes: 5 }, "6天22小时5分钟"],
    [{ days: 0, hours: 22, minutes: 0 }, "22小时"],
    [{ days: 0, hours: 0, minutes: 0 }, "不到1分钟"],
  ])("formats time left %j", (left, expected) => {
    expect(formatTimeLeft(left)).toBe(expected);
  });

  it("names missing fields by path and content", () => {
    expect(missingFieldsText(["rfq"], "暂时无法计算服务分")).toBe("商户资料缺少 rfq（RFQ数据），暂时无法计算服务分");
    expect(describeFields(["guarantee.joinedAt", "unknown.field"])).toBe("guarantee.joinedAt（加入保障升级服务的时间）、unknown.field");
  });

  it.each([
    ["600", 600],
    ["1,200.50", 1200.5],
    ["$600", 600],
    ["USD 600", 600],
    ["600美元", 600],
    ["６００", 600],
    ["-5", -5],
    [".5", 0.5],
    ["abc", null],
    ["1e3", null],
    ["12,34", null],
    ["", null],
  ])("parses the argument %j as %s", (raw, expected) => {
    expect(parseNumberArg(raw)).toBe(expected);
  });
});

describe("ordinalEn", () => {
  it.each<[number, string]>([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [22, "22nd"],
    [30, "30th"],
    [111, "111th"],
    [101, "101st"],
  ])("%i → %s", (n, expected) => {
    expect(ordinalEn(n)).toBe(expected);
  });
});
