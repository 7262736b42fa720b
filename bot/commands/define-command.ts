/**
 * A slash command: one file each, listed in `registry.ts`. /help and the parser read that
 * list, so adding a command is adding a file and a line.
 */
import type { PipelineDeps } from "../pipeline/deps.js";
import type { IncomingMessage, Reply } from "../pipeline/types.js";

export interface CommandContext {
  msg: IncomingMessage;
  /** Everything after the command name, trimmed. */
  args: string;
  deps: PipelineDeps;
}

export type CommandGroup = "knowledge" | "checks" | "tools" | "staff";

export interface CommandDefinition {
  /** The name after the slash, lower case ASCII (`score`). */
  name: string;
  /** Other names, Chinese ones included (`服务分`). */
  aliases: readonly string[];
  /** How to call it, shown by /help and in error messages (`/score [商户ID]`). */
  usage: string;
  /** One line, Chinese, for /help. */
  summary: string;
  group: CommandGroup;
  /** Only support staff may run it; others get `denied`. */
  staffOnly?: boolean;
  /**
   * Run by staff, its reply quotes other users (a staff report, though others may run it too):
   * asked by staff in a group, it goes to them 1:1 as staff-only commands do.
   */
  staffReport?: boolean;
  /**
   * Words that send a natural-language question carrying a merchant ID ("M10001 的服务分是多少")
   * to this command. Matched on the normalised question.
   */
  intents?: readonly string[];
  /**
   * For commands that need no merchant: recognises a plain question this command answers
   * better than the knowledge base ("我们卖NERF软弹枪有风险吗" → /trademark) and returns the
   * arguments to run it with, or undefined.
   */
  detect?(text: string): string | undefined;
  run(ctx: CommandContext): Reply | Promise<Reply>;
}

/** Identity function that gives a command its type (and a place to hang checks later). */
export function defineCommand(def: CommandDefinition): CommandDefinition {
  return def;
}
