/**
 * The one root logger. Pretty in an interactive terminal, JSON everywhere else (DingTalk mode,
 * CI, files). Modules take `logger.child({ component })`.
 */
import pino from "pino";
import type { Logger } from "pino";

export interface LoggerOptions {
  level?: string;
  /** Human-readable lines (pino-pretty). Defaults to whether stdout is a terminal. */
  pretty?: boolean;
  /** Where the JSON goes; defaults to stdout. The `ask --jsonl` mode logs to stderr. */
  destination?: 1 | 2;
}

export function createLogger({ level = "info", pretty = process.stdout.isTTY === true, destination = 1 }: LoggerOptions = {}): Logger {
  const options = { level, base: { app: "merchant-rules-bot" }, redact: ["*.clientSecret", "*.accessToken", "*.appSecret"] };
  if (pretty) {
    return pino(options, pino.transport({ target: "pino-pretty", options: { destination, colorize: true, ignore: "pid,hostname,app" } }));
  }
  return pino(options, pino.destination({ dest: destination, sync: destination === 2 }));
}
