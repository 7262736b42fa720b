/**
 * `npm start`: loadConfig → logger → knowledge base → store → pipeline → DingTalk (when the
 * credentials are set) or the terminal chat with the demo merchants.
 *
 *   npm start                          DingTalk stream mode, or the terminal chat
 *   npm start -- --user ID --staff     the terminal chat as another user / as support staff
 *   npm start -- --now 2021-08-26T10:00+08:00
 *                                      the terminal chat on another clock (or NOW= in .env), for
 *                                      demos and support; refused in DingTalk mode
 */
import { parseArgs } from "node:util";
import { runTerminal } from "./adapters/terminal.js";
import { clockBanner, ClockError, parseClockStart, realClock, startedClock } from "./clock.js";
import { ConfigError, loadConfig, loadDotEnv } from "./config.js";
import { createBot } from "./create-bot.js";
import { createLogger } from "./logger.js";

/** The terminal chat's user: bound to the demo Gold merchant in data/demo-merchants.json. */
export const TERMINAL_USER = "local-user";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { user: { type: "string", default: TERMINAL_USER }, staff: { type: "boolean", default: false }, now: { type: "string" } },
    strict: true,
  });
  const flagNow = values.now === undefined ? undefined : parseClockStart(values.now, "--now");
  loadDotEnv();
  const config = loadConfig();

  if (config.dingtalk) {
    // A production bot answers merchants on the real clock: a demo clock there would misstate deadlines.
    if (flagNow || config.now) {
      const what = flagNow ? "--now" : "NOW";
      throw new ClockError(`${what} is for the terminal chat and ask only: the DingTalk bot answers merchants on the real clock (${flagNow ? "start without --now" : "remove NOW, e.g. from .env"})`);
    }
    const logger = createLogger({ level: config.logLevel ?? "info" });
    // Handoffs reach the staff on duty by the robot's 1:1 push, so only with a robot code.
    const handoff = { ...config.handoff, canNotify: Boolean(config.dingtalk.robotCode) };
    const bot = createBot({ logger, databasePath: config.databasePath, seedDemo: true, questionRetentionDays: config.questionRetentionDays, handoff });
    // Loaded only here: the stream SDK and its HTTP stack cost the terminal chat ~0.4 s to import.
    const { runDingTalk } = await import("./run-dingtalk.js");
    await runDingTalk(bot, config, logger);
    return;
  }

  // The terminal chat: the conversation on stdout, warnings only (to stderr) unless asked.
  const logger = createLogger({ level: config.logLevel ?? "warn", destination: 2 });
  const bot = createBot({ logger, databasePath: config.databasePath, seedDemo: true, questionRetentionDays: config.questionRetentionDays });
  const staff = values.staff || config.supportStaffIds.has(values.user);
  const start = flagNow ?? config.now;
  const clock = start ? startedClock(start) : realClock;
  process.stdout.write(
    [
      ...(start ? [clockBanner(start)] : []),
      "DingTalk 未配置：设置 DINGTALK_CLIENT_ID 和 DINGTALK_CLIENT_SECRET（可写在 .env）即可连接钉钉。现在进入本地终端聊天。",
      `知识库 ${bot.deps.kb.entries.length} 条问答，启动用时 ${bot.startupMs} ms；商户数据：${config.databasePath}（首次启动已载入演示商户）。`,
      `你现在是用户 ${values.user}${staff ? "（客服）" : ""}，已绑定：${bot.deps.store.merchantsForUser(values.user).map((m) => m.id).join("、") || "无"}。试试：保障升级服务多久能退出？ /score  /help  （exit 退出）`,
      "",
    ].join("\n"),
  );
  try {
    await runTerminal(bot.handleMessage, {
      input: process.stdin,
      output: process.stdout,
      userId: values.user,
      staff,
      clock,
      interactive: process.stdin.isTTY === true,
    });
  } finally {
    bot.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ClockError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n\n设置方法见 README 的「配置」一节。\n`);
    process.exit(1);
  }
  process.stderr.write(`启动失败：${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
