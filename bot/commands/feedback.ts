/**
 * `/feedback <up|down> <条目ID>`: a merchant's "有帮助 / 没帮助" on an answer. Usually sent by
 * tapping the links under an answer; one vote per entry and user, a later one the other way
 * replaces it.
 */
import { errorReply, HUMAN_CONTACT, makeReply } from "../pipeline/replies.js";
import { defineCommand } from "./define-command.js";

const USAGE = "/feedback <up|down> <条目ID>";
const EXAMPLE = "/feedback up guarantee-exit";

/** Every accepted spelling of a direction (compared in lower case, emoji modifiers removed). */
const DIRECTIONS: ReadonlyMap<string, boolean> = new Map([
  ["up", true],
  ["有帮助", true],
  ["👍", true],
  ["down", false],
  ["没帮助", false],
  ["👎", false],
]);

const label = (helpful: boolean) => (helpful ? "有帮助" : "没帮助");

export const feedbackCommand = defineCommand({
  name: "feedback",
  aliases: ["反馈"],
  usage: USAGE,
  summary: "给回答打分（通常点回答下方的按钮）",
  group: "knowledge",
  run: ({ args, msg, deps }) => {
    const parsed = parseFeedback(args);
    if (!parsed.ok) return errorReply(`${parsed.problem}用法：${USAGE}，例如：${EXAMPLE}`, "反馈格式有误");
    const entry = deps.kb.byId.get(parsed.entryId);
    if (!entry) {
      return errorReply(`没有 ID 为「${parsed.entryId.slice(0, 64)}」的条目，这次评价没有记录。发送 /topics 查看所有条目。`, "未找到条目");
    }
    const outcome = deps.store.recordVote({ entryId: entry.id, userId: msg.userId, helpful: parsed.helpful, at: msg.now });
    const head =
      outcome === "recorded"
        ? "感谢反馈，已记录。"
        : outcome === "changed"
          ? `已把你的评价改为「${label(parsed.helpful)}」。`
          : "你已经评价过这条回答了。";
    const lines = [head];
    if (!parsed.helpful) {
      lines.push(
        "",
        `抱歉「${entry.topic}」这条回答没能帮到你。可以换个说法再问一次（把你遇到的情况说具体些），或发送 /topics 查看相关话题。${HUMAN_CONTACT}`,
      );
    }
    return makeReply("command", "感谢反馈", lines.join("\n"));
  },
});

type ParsedFeedback = { ok: true; helpful: boolean; entryId: string } | { ok: false; problem: string };

/** `up guarantee-exit`, `没帮助 guarantee-exit`, or the two the other way round. */
function parseFeedback(args: string): ParsedFeedback {
  const words = args.normalize("NFKC").trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return { ok: false, problem: "请写上评价（有帮助/没帮助）和条目ID。" };
  if (words.length !== 2) return { ok: false, problem: "评价只需要两部分：有帮助/没帮助，和条目ID。" };
  const [first, second] = words as [string, string];
  const direction = (word: string) => DIRECTIONS.get(word.toLowerCase().replace(/\uFE0F|[\u{1F3FB}-\u{1F3FF}]/gu, ""));
  const firstDir = direction(first);
  const secondDir = direction(second);
  if (firstDir !== undefined && secondDir === undefined) return { ok: true, helpful: firstDir, entryId: second.toLowerCase() };
  if (secondDir !== undefined && firstDir === undefined) return { ok: true, helpful: secondDir, entryId: first.toLowerCase() };
  return { ok: false, problem: "评价要写 up（有帮助）或 down（没帮助）。" };
}
