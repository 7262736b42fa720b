/**
 * DingTalk mode: the stream transport on the bot's pipeline, the optional health server, and a
 * clean shutdown on SIGINT/SIGTERM (stop taking messages, finish in-flight replies within the
 * grace period, disconnect, close the store, flush the logs, exit 0).
 */
import type { Logger } from "pino";
import { startDingTalk } from "./adapters/dingtalk/start-dingtalk.js";
import type { DingTalkTuning } from "./adapters/dingtalk/start-dingtalk.js";
import { startHealthServer } from "./adapters/shared/health-server.js";
import type { Config } from "./config.js";
import type { Bot } from "./create-bot.js";

export interface RunningDingTalk {
  /** Resolves once the transport has stopped and everything is closed. */
  stop(): Promise<void>;
}

export async function runDingTalk(
  bot: Bot,
  config: Config,
  logger: Logger,
  { tuning, exitOnSignal = true }: { tuning?: Partial<DingTalkTuning>; exitOnSignal?: boolean } = {},
): Promise<RunningDingTalk> {
  if (!config.dingtalk) throw new Error("runDingTalk needs DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET");
  const log = logger.child({ component: "main" });
  const transport = startDingTalk({
    dingtalk: config.dingtalk,
    supportStaffIds: config.supportStaffIds,
    handleMessage: bot.handleMessage,
    logger,
    tuning,
  });
  const health =
    config.healthPort !== undefined
      ? await startHealthServer({ port: config.healthPort, source: transport, metrics: transport.metrics, logger })
      : undefined;
  log.info(
    { healthPort: health?.port, privatePush: Boolean(config.dingtalk.robotCode), staff: config.supportStaffIds.size },
    "DingTalk stream mode started",
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info("shutting down: finishing in-flight replies");
      await transport.stop();
      await health?.close();
      bot.close();
      log.info("stopped");
      logger.flush();
    })());

  if (exitOnSignal) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        log.info({ signal }, "signal received");
        stop().then(
          () => process.exit(0),
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
