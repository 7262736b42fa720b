/**
 * DingTalk mode: the stream transport on the bot's pipeline and store, the optional health
 * server, and a clean shutdown on SIGINT/SIGTERM: stop taking messages, drain within the grace,
 * leave the rest in the message journal for the next start, close the store, flush the logs, and
 * exit 0 when nothing was left or {@link EXIT_WORK_LEFT} when something was. A second signal
 * during the drain is logged and ignored (systemd and container runtimes escalate to SIGKILL on
 * their own timeout; the journal makes even that safe).
 */
import type { Logger } from "pino";
import { startDingTalk } from "./adapters/dingtalk/start-dingtalk.js";
import type { DingTalkTuning, StopOutcome } from "./adapters/dingtalk/start-dingtalk.js";
import { startHealthServer } from "./adapters/shared/health-server.js";
import type { Config } from "./config.js";
import type { Bot } from "./create-bot.js";

/** The exit code when a shutdown left messages or replies in the journal (resumed on the next start). */
export const EXIT_WORK_LEFT = 3;

export interface RunningDingTalk {
  /** Resolves once the transport has stopped and everything is closed. */
  stop(): Promise<StopOutcome>;
}

export async function runDingTalk(
  bot: Bot,
  config: Config,
  logger: Logger,
  { tuning, exitOnSignal = true }: { tuning?: Partial<DingTalkTuning>; exitOnSignal?: boolean } = {},
): Promise<RunningDingTalk> {
  if (!config.dingtalk) throw new Error("runDingTalk needs DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET");
  const log = logger.child({ component: "main" });
  // The matcher's libraries initialise on first use (the pinyin dictionary, the character
  // converter, the synonym pattern): done here, before connecting, so the first frames after
  // the connection are not acked only after that work.
  bot.deps.index.search("保障升级服务多久可以退出");
  const transport = startDingTalk({
    dingtalk: config.dingtalk,
    supportStaffIds: config.supportStaffIds,
    handleMessage: bot.handleMessage,
    journal: bot.deps.store,
    logger,
    tuning: { shutdownGraceMs: config.shutdownGraceMs, ...tuning },
  });
  const health =
    config.healthPort !== undefined
      ? await startHealthServer({ port: config.healthPort, host: config.healthHost, source: transport, metrics: transport.metrics, logger })
      : undefined;
  log.info(
    { healthPort: health?.port, privatePush: Boolean(config.dingtalk.robotCode), staff: config.supportStaffIds.size },
    "DingTalk stream mode started",
  );

  let stopping: Promise<StopOutcome> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info("shutting down: finishing in-flight replies");
      const outcome = await transport.stop();
      await health?.close();
      bot.close();
      log.info({ left: outcome.left }, "stopped");
      logger.flush();
      return outcome;
    })());

  if (exitOnSignal) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.on(signal, () => {
        if (stopping) {
          log.warn({ signal }, "signal received during shutdown; ignored, still draining");
          return;
        }
        log.info({ signal }, "signal received");
        stop().then(
          ({ left }) => process.exit(left > 0 ? EXIT_WORK_LEFT : 0),
          (err: unknown) => {
            log.error({ err }, "shutdown failed");
            process.exit(1);
          },
        );
      });
    }
  }
  return { stop };
}
