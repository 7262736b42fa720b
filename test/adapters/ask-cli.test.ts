import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "ask-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm run -s ask -- ARGS` the way the eval does, with `lines` on stdin. */
function ask(args: string[], lines: string[]) {
  const r = spawnSync("npx", ["tsx", "bot/ask.ts", ...args], { input: lines.join("\n") + "\n", encoding: "utf8", timeout: 60_000 });
  const out = r.stdout.split("\n").filter((l) => l.trim());
  return { status: r.status, stderr: r.stderr, replies: out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("ask --jsonl (spec/ask-cli.md)", () => {
  it("writes exactly one JSON reply per input line, in order, and nothing else on stdout", () => {
    const { status, replies } = ask(
      ["--jsonl"],
      [
        JSON.stringify({ text: "保障升级服务多久可以退出" }),
        "this is not json",
        JSON.stringify({ text: 42 }),
        JSON.stringify({ text: "讲个笑话" }),
        "",
        JSON.stringify({ text: "/compensation 600", now: "not a date" }),
        JSON.stringify({ text: "/help", staff: true, group: true, userId: "u1", now: "2021-08-26T10:00:00+08:00" }),
      ],
    );
    expect(status).toBe(0);
    expect(replies.map((r) => r.kind)).toEqual(["answer", "error", "error", "fallback", "error", "error", "command"]);
    expect(replies[0]).toMatchObject({ entryId: "guarantee-exit" });
    expect(typeof replies[0]!.confidence).toBe("number");
    expect(replies[1]!.text).toMatch(/第 2 行不是合法的 JSON/);
    expect(replies[2]!.text).toMatch(/text/);
    expect(replies[5]!.text).toMatch(/now/);
  });

  it("a byte-order mark before line 1 is not part of the line", () => {
    const { status, replies } = ask(["--jsonl"], ["\uFEFF" + JSON.stringify({ text: "/help" }), JSON.stringify({ text: "/help" })]);
    expect(status).toBe(0);
    expect(replies.map((r) => r.kind)).toEqual(["command", "command"]);
  });

  it.each([
    ["--jsonl", JSON.stringify({ text: "保障升级服务多久可以退出" }), /"kind":"answer"/],
    ["(text)", "保障升级服务多久可以退出", /第30天/],
  ])("%s stops quietly, exit 0, when its reader closes stdout early (| head -1)", async (mode, question, firstReply) => {
    const child = spawn("npx", ["tsx", "bot/ask.ts", ...(mode === "--jsonl" ? ["--jsonl"] : [])], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let first = "";
    child.stdout.once("data", (d: Buffer) => {
      first = d.toString();
      child.stdout.destroy();
    });
    child.stdin.on("error", () => {}); // the child may be gone before all input is written
    child.stdin.end(`${question}\n`.repeat(3_000));
    expect(await exited).toBe(0);
    expect(first).toMatch(firstReply);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  }, 60_000);

  it("loads --merchants into a fresh store and applies the access rule", () => {
    const file = join(dir, "merchants.json");
    writeFileSync(
      file,
      JSON.stringify([
        { id: "T1", name: "Test One", dingtalkUserIds: ["owner"], gold: false, businessType: "factory", province: "Zhejiang", city: "Ningbo", industry: "五金工具", exportYears: 5, odm: true },
      ]),
    );
    const { replies } = ask(["--jsonl", "--merchants", file], [
      JSON.stringify({ text: "/zone", userId: "owner" }),
      JSON.stringify({ text: "/zone T1", userId: "stranger" }),
      JSON.stringify({ text: "/zone T1", userId: "someone", staff: true }),
    ]);
    expect(replies.map((r) => r.kind)).toEqual(["command", "denied", "command"]);
  });

  it("refuses a merchant file with a bad record, saying which, before reading any question", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify([{ id: "T1" }]));
    const r = ask(["--jsonl", "--merchants", file], [JSON.stringify({ text: "你好" })]);
    expect(r.status).toBe(1);
    expect(r.replies).toEqual([]);
    expect(r.stderr).toMatch(/record 1/);
  });

  it("a fallback question, then /unanswered as staff, lists it (and a merchant may not ask)", () => {
    const { replies } = ask(["--jsonl"], [
      JSON.stringify({ text: "今天杭州下雨吗" }),
      JSON.stringify({ text: "/unanswered", userId: "merchant-user" }),
      JSON.stringify({ text: "/unanswered", userId: "staff-1", staff: true }),
    ]);
    expect(replies.map((r) => r.kind)).toEqual(["fallback", "denied", "command"]);
    expect(replies[2]!.text).toMatch(/今天杭州下雨吗/);
  });

  it("rejects unknown options with the usage line", () => {
    const r = ask(["--jsonl", "--bogus"], []);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run -s ask/);
  });
});

describe("ask in terminal mode", () => {
  it("prints the reply text of each question line", () => {
    const r = spawnSync("npx", ["tsx", "bot/ask.ts"], { input: "你好\n找工厂在哪里入驻\n", encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/规则助手/);
    expect(r.stdout).toMatch(/管理公司信息/);
  });
});
