import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { checkFigures } from "../../knowledge/check-figures.js";
import { compareFigures, figuresOf, parseChineseNumber } from "../../knowledge/figures.js";
import { loadKnowledge } from "../../knowledge/load-knowledge.js";

describe("figuresOf", () => {
  it.each([
    // money
    ["封顶100美金", ["US$100"]],
    ["capped at US$100", ["US$100"]],
    ["100美元 / $100 / 100 USD", ["US$100"]],
    ["累计实收≥4万美元", ["US$40000"]],
    ["received amounts reach US$40,000", ["US$40000"]],
    ["年出口额≥10亿人民币", ["RMB 1000000000"]],
    ["annual exports ≥ RMB 1 billion", ["RMB 1000000000"]],
    ["每单减30RMB，1元/月", ["RMB 30", "RMB 1"]],
    ["RMB 30 off per order, RMB 1 per month", ["RMB 30", "RMB 1"]],
    // plain numbers and multipliers
    ["1.8万", ["18000"]],
    ["18,000 and 18 thousand", ["18000"]],
    ["1,000 = 1000", ["1000"]],
    ["限5万单", ["50000"]],
    ["2.5倍", ["2.5"]],
    // percentages and discounts
    ["10%", ["10%"]],
    ["百分之十", ["10%"]],
    ["10 percent", ["10%"]],
    ["验货8折", ["20% off"]],
    ["inspection 20% off, a 20% discount", ["20% off"]],
    ["同行TOP前10%", ["10%"]],
    ["Top 10% of peers", ["10%"]],
    ["取 top20", ["20"]],
    ["the top 20", ["20"]],
    // dates
    ["9月1日", ["09-01"]],
    ["9月1号", ["09-01"]],
    ["September 1", ["09-01"]],
    ["Sept. 1st", ["09-01"]],
    ["1 September", ["09-01"]],
    ["2021-09-01", ["2021", "09-01"]],
    ["2021年9月1日", ["2021", "09-01"]],
    ["2021/7/16", ["2021", "07-16"]],
    ["2021.08.23", ["2021", "08-23"]],
    ["9.1-9.30", ["09-01", "09-30"]],
    ["7/21", ["07-21"]],
    ["9月1日-30日", ["09-01", "09-30"]],
    ["September 1–30", ["09-01", "09-30"]],
    ["8月28日-8月31日", ["08-28", "08-31"]],
    ["August 28 - August 31", ["08-28", "08-31"]],
    ["预计9月", ["month 9"]],
    ["九月采购节", ["month 9"]],
    ["expected in September", ["month 9"]],
    ["8月底", ["month 8"]],
    // times
    ["下午4点", ["16:00"]],
    ["北京时间下午三点", ["15:00"]],
    ["4 pm", ["16:00"]],
    ["4pm", ["16:00"]],
    ["16:00", ["16:00"]],
    ["23:59:59", ["23:59:59"]],
    ["10点半", ["10:30"]],
    // counts in Chinese number words
    ["三星商机", ["3"]],
    ["3-star RFQs", ["3"]],
    ["7天", ["7"]],
    ["两次", ["2"]],
    ["appears twice", ["2"]],
    ["五大因子", ["5"]],
    ["前二十名", ["20"]],
    ["第四条", ["4"]],
    ["第一周", ["1"]],
    ["Week 1", ["1"]],
    ["二级类目", ["2"]],
    ["a second-level category", ["2"]],
    ["第4次（含第4次）起", ["4"]],
    ["from the 4th time", ["4"]],
  ])("%j → %j", (text, expected) => {
    expect(figuresOf(text)).toEqual(expected);
  });

  it.each([
    ["list markers opening a line", "1. 首次警告\n2. 再次扣分\n- 3) 严重的关店\n**4.** 申诉"],
    ["enumerators inside a line", "推荐范围：1）金品工厂；2）认证工厂"],
    ["digits inside names and codes", "Q2升级 3D PLUS P4P M10001 18V"],
    ["URLs and link targets", "见 https://rule.alibaba.com/rule/detail/11004346.htm 或 [FAQ](https://x.com/24h-3)"],
    ["the word-number one", "一次扣分，一站式，统一，一级行业；one of them, a store"],
    ["Chinese numerals without a counter", "千人千面，千万不要，之一，第三方，百分比"],
    ["third party and second-hand", "a third party, third-party data, second-hand goods"],
    ["may as a verb", "you may still ask"],
  ])("leaves out %s", (_label, text) => {
    expect(figuresOf(text)).toEqual([]);
  });

  it("reads a label's full-width colon as a separator, not a clock (≥90分：30条)", () => {
    expect(figuresOf("≥90分：兜底30条")).toEqual(["90", "30"]);
    expect(figuresOf("2021/8/2：2家")).toEqual(["2021", "08-02", "2"]);
  });

  it("compares a Chinese answer with its translation", () => {
    const zh = "承担保障起之后的**第30天**可以退出；美西时间2021年9月30日23:59:59前，封顶100美金，8折。";
    expect(compareFigures(zh, "From **the 30th day**; before September 30, 2021, 23:59:59 US Pacific time, capped at US$100, 20% off.")).toEqual({ onlyInFirst: [], onlyInSecond: [] });
    expect(compareFigures(zh, "From **the 15th day**; before September 30, 2021, 23:59:59, capped at US$200, 20% off.")).toEqual({
      onlyInFirst: ["30", "US$100"],
      onlyInSecond: ["15", "US$200"],
    });
  });

  it.each([
    ["十一", 11],
    ["二十", 20],
    ["三百五十", 350],
    ["两万", 20000],
    ["十亿", 1e9],
    ["二三", undefined],
  ])("parseChineseNumber(%s) = %s", (text, expected) => {
    expect(parseChineseNumber(text)).toBe(expected);
  });
});

describe("the figure check (kb:check)", () => {
  it("passes the real knowledge base and states figures for most entries", () => {
    const kb = loadKnowledge();
    expect(checkFigures(kb.entries)).toEqual([]);
    expect(kb.entries.filter((e) => figuresOf(e.answer).length > 0).length).toBeGreaterThan(kb.entries.length / 2);
  });

  it("names the entry and the figures missing on each side", () => {
    const entry = { id: "guarantee-exit", file: "03.yaml", answer: "第**30天**可以退出，**30天内**不能再加入。", answerEn: "You can leave from the **15th day**, and cannot rejoin within **30 days**." };
    expect(checkFigures([entry])).toEqual(["03.yaml: entry guarantee-exit: answer lacks 15"]);
    expect(checkFigures([{ ...entry, answerEn: "You can leave after a while." }])).toEqual(["03.yaml: entry guarantee-exit: answerEn lacks 30"]);
  });

  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("makes npm run kb:check fail on a translation with a wrong figure", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kb-figures-"));
    dirs.push(dir);
    cpSync("test/fixtures/knowledge-superseded", dir, { recursive: true });
    const file = join(dir, "01-august.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("from **the 30th day**", "from **the 20th day**"));
    const run = promisify(execFile)(process.execPath, ["--import", "tsx", "knowledge/check-knowledge.ts", dir], { timeout: 120_000 });
    const failure = await run.then(
      () => undefined,
      (err: { code?: number; stderr?: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/entry demo-guarantee-exit: answerEn lacks 30; answer lacks 20/);
  }, 150_000);
});
