/**
 * The local transports: a terminal chat for people (`npm start` without DingTalk credentials,
 * `npm run ask`) and the `--jsonl` mode for scripts and the eval (../shared/spec/ask-cli.md).
 * Both only translate lines to {@link IncomingMessage}s and replies back; the pipeline decides.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { z } from "zod";
import { realClock, type Clock } from "../clock.js";
import type { HandleMessage, IncomingMessage, Reply, ReplyAction } from "../pipeline/types.js";
import { actionForNumber, withActionsAsText } from "./shared/actions-as-text.js";

/** One input line of `ask --jsonl`. Unknown fields are ignored so that scripts can annotate lines. */
export const AskLineSchema = z.object({
  text: z.string(),
  userId: z.string().min(1).max(128).optional(),
  staff: z.boolean().optional(),
  group: z.boolean().optional(),
  now: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date-time, e.g. 2021-08-16T12:00:00+08:00")
    .optional(),
});

export const ANONYMOUS_USER = "anonymous";

interface Io {
  input: Readable;
  output: Writable;
  /** Stamps each message (`--now` / NOW start it elsewhere); the real clock by default. */
  clock?: Clock;
}

/** A byte-order mark some editors put at the start of a UTF-8 file: not part of line 1. */
const BOM = "\uFEFF";

/**
 * Drives the pipeline with JSON lines: exactly one JSON reply line per input line, in order.
 * Stops quietly when the reader of `output` goes away (EPIPE: `ask --jsonl | head -1`).
 */
export async function runJsonl(handleMessage: HandleMessage, { input, output, clock = realClock }: Io): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  const pipe = watchBrokenPipe(output, () => rl.close());
  let n = 0;
  for await (const raw of rl) {
    if (pipe.gone()) break;
    n++;
    const line = n === 1 && raw.startsWith(BOM) ? raw.slice(BOM.length) : raw;
    const reply = await answerJsonLine(handleMessage, line, n, clock);
    if (pipe.gone()) break;
    output.write(`${JSON.stringify(reply)}\n`);
  }
  return n;
}

/**
 * Notices when the reader of `output` has gone (EPIPE): `onGone` stops the input, and every later
 * write error is swallowed, since nobody is left to read it. Other errors still throw.
 */
function watchBrokenPipe(output: Writable, onGone: () => void): { gone(): boolean } {
  let gone = false;
  output.on("error", (err: NodeJS.ErrnoException) => {
    if (gone) return;
    if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
    gone = true;
    onGone();
  });
  return { gone: () => gone || output.destroyed };
}

type JsonReply = Pick<Reply, "kind" | "text" | "entryId" | "confidence"> & { actions?: ReplyAction[] };

async function answerJsonLine(handleMessage: HandleMessage, line: string, n: number, clock: Clock): Promise<JsonReply> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { kind: "error", text: `第 ${n} 行不是合法的 JSON：每行应为 {"text": "问题"}` };
  }
  const parsed = AskLineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: "error", text: `第 ${n} 行字段 ${issue.path.join(".") || "(整行)"} 有误：${issue.message}` };
  }
  const { text, userId = ANONYMOUS_USER, staff = false, group = false, now } = parsed.data;
  const msg: IncomingMessage = {
    id: `ask-${n}`,
    text,
    contentKind: "text",
    userId,
    chat: group ? "group" : "direct",
    conversationId: group ? "ask-group" : `ask-direct-${userId}`,
    staff,
    canPushPrivately: false,
    now: now ? new Date(now) : clock(),
  };
  const reply = await handleMessage(msg);
  // Scripts see the choices twice: listed in the text as a person would, and as data.
  const out: JsonReply = { kind: reply.kind, text: withActionsAsText(reply) };
  if (reply.entryId !== undefined) out.entryId = reply.entryId;
  if (reply.confidence !== undefined) out.confidence = reply.confidence;
  if (reply.actions && reply.actions.length > 0) out.actions = reply.actions;
  return out;
}

export interface TerminalOptions extends Io {
  userId: string;
  staff: boolean;
  /** Printed once before the first prompt. */
  banner?: string;
  /** Show a prompt and blank lines between answers (a person at a terminal). */
  interactive: boolean;
}

/** A chat at the terminal: one line, one question; the reply text is printed as DingTalk would show it. */
export async function runTerminal(handleMessage: HandleMessage, options: TerminalOptions): Promise<void> {
  const { input, output, interactive } = options;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  if (options.banner) output.write(`${options.banner}\n`);
  const prompt = () => {
    if (interactive) rl.prompt();
  };
  rl.setPrompt("你> ");
  prompt();
  const pipe = watchBrokenPipe(output, () => rl.close());
  let n = 0;
  let previous: Reply | undefined;
  for await (const raw of rl) {
    if (pipe.gone()) break;
    const line = n === 0 && raw.startsWith(BOM) ? raw.slice(BOM.length) : raw;
    if (interactive && ["exit", "quit", ":q", "退出聊天"].includes(line.trim())) break;
    if (!line.trim() && interactive) {
      prompt();
      continue;
    }
    n++;
    // A number after a reply that listed choices takes that choice, as a tap would in DingTalk.
    const text = actionForNumber(previous, line)?.send ?? line;
    const reply = await handleMessage({
      id: `terminal-${n}`,
      text,
      contentKind: "text",
      userId: options.userId,
      chat: "direct",
      conversationId: `terminal-${options.userId}`,
      staff: options.staff,
      canPushPrivately: false,
      now: (options.clock ?? realClock)(),
    });
    previous = reply;
    if (pipe.gone()) break;
    const shown = withActionsAsText(reply);
    output.write(interactive ? `\n${shown}\n\n` : `${shown}\n`);
    prompt();
  }
  rl.close();
}
