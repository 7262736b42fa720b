import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clockBanner, ClockError, parseClockStart, startedClock } from "../bot/clock.js";
import { ConfigError, loadConfig } from "../bot/config.js";

describe("parseClockStart (--now / NOW)", () => {
  it.each([
    ["2021-08-26T10:00+08:00", "2021-08-26T02:00:00.000Z"],
    ["2021-08-26T10:00:00+08:00", "2021-08-26T02:00:00.000Z"],
    ["2021-09-30T23:59:59-07:00", "2021-10-01T06:59:59.000Z"],
    ["2021-08-26T10:00", "2021-08-26T02:00:00.000Z"], // no offset: Beijing time
    ["2021-08-26 10:00", "2021-08-26T02:00:00.000Z"],
    ["2021-08-26", "2021-08-25T16:00:00.000Z"], // a date alone: 00:00 Beijing time
    ["2021-08-26T02:00Z", "2021-08-26T02:00:00.000Z"],
  ])("%s is %s", (value, iso) => {
    expect(parseClockStart(value, "--now").toISOString()).toBe(iso);
  });

  it.each(["yesterday", "", "10:00", "2021-13-01", "2021-02-30T10:00", "26/08/2021"])("rejects %j, naming the flag", (value) => {
    expect(() => parseClockStart(value, "--now")).toThrow(ClockError);
    expect(() => parseClockStart(value, "--now")).toThrow(/^--now .* is not a date-time: write ISO 8601, e\.g\. --now 2021-08-26T10:00\+08:00/);
  });
});

describe("startedClock", () => {
  it("starts at the given instant and runs on with real time", () => {
    let real = 1_000_000;
    const clock = startedClock(new Date("2021-08-26T10:00:00+08:00"), () => real);
    expect(clock().toISOString()).toBe("2021-08-26T02:00:00.000Z");
    real += 90_000;
    expect(clock().toISOString()).toBe("2021-08-26T02:01:30.000Z");
  });
});

describe("the clock banner", () => {
  it("states the clock in Beijing time and that it is not the current time", () => {
    expect(clockBanner(new Date("2021-08-26T10:00:00+08:00"))).toMatch(/^时钟：2021-08-26 10:00（北京时间），不是现在的时间/);
    expect(clockBanner(new Date("2021-09-30T23:59:00-07:00"))).toMatch(/^时钟：2021-10-01 14:59（北京时间）/);
  });
});

describe("NOW in the environment", () => {
  it("is read by loadConfig, Beijing time without an offset", () => {
    expect(loadConfig({ NOW: "2021-08-26T10:00" }).now?.toISOString()).toBe("2021-08-26T02:00:00.000Z");
    expect(loadConfig({ NOW: "" }).now).toBeUndefined();
    expect(loadConfig({}).now).toBeUndefined();
  });

  it("a bad value stops start-up naming NOW", () => {
    expect(() => loadConfig({ NOW: "next tuesday" })).toThrow(ConfigError);
    expect(() => loadConfig({ NOW: "next tuesday" })).toThrow(/NOW: must be an ISO 8601 date-time/);
  });
});

// Each case starts the bot in a child process: seconds each on a busy machine.
describe("npm start and ask on another clock", { timeout: 90_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "clock-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const start = (args: string[], env: Record<string, string> = {}, input = "") =>
    spawnSync("npx", ["tsx", "bot/main.ts", ...args], {
      input,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, DATABASE_PATH: join(dir, "bot.db"), NOW: "", DINGTALK_CLIENT_ID: "", DINGTALK_CLIENT_SECRET: "", ...env },
    });

  it("--now runs the terminal chat on that clock and says so in the banner", () => {
    const r = start(["--now", "2021-08-26T10:00+08:00"], {}, "/fees\n");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("时钟：2021-08-26 10:00（北京时间），不是现在的时间；随真实时间往前走（--now / NOW 设置）。");
    expect(r.stdout).toContain("> **尚未开始**：采购节服务费减免适用于 2021年9月1日 至 2021年9月30日（美国太平洋时间），目前还没有开始。");
  });

  it("NOW= does the same", () => {
    expect(start([], { NOW: "2026-12-01T10:00+08:00" }, "/fees\n").stdout).toContain("> **已结束**：采购节服务费减免");
  });

  it("without either there is no clock line", () => {
    expect(start([], {}, "").stdout).not.toContain("时钟：");
  });

  it("ask --now stamps lines without their own now; a line's now wins", () => {
    const r = spawnSync("npx", ["tsx", "bot/ask.ts", "--jsonl", "--now", "2026-12-01T10:00+08:00"], {
      input: `${JSON.stringify({ text: "/faq festival-dates" })}\n${JSON.stringify({ text: "/faq festival-dates", now: "2021-09-15T10:00:00+08:00" })}\n`,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, NOW: "" },
    });
    const [ended, during] = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { text: string });
    expect(ended!.text).toMatch(/^> \*\*已结束\*\*：这项活动适用于 2021年9月1日 至 2021年9月30日/);
    expect(during!.text).not.toMatch(/已结束/);
  });

  it("an invalid --now stops with a message naming the flag and a non-zero exit", () => {
    const r = start(["--now", "tomorrow"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^--now "tomorrow" is not a date-time/);
  });

  it("DingTalk mode refuses another clock", () => {
    const r = start([], { NOW: "2021-08-26T10:00+08:00", DINGTALK_CLIENT_ID: "id", DINGTALK_CLIENT_SECRET: "secret", DINGTALK_GATEWAY_URL: "http://127.0.0.1:9/gw" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^NOW is for the terminal chat and ask only: the DingTalk bot answers merchants on the real clock/);
  });
});
