/**
 * The one place that writes DingTalk's markdown subset (docs/replies.md §Markdown). Every reply
 * passes {@link renderDingTalk} on its way out of the pipeline, and text the bot did not write —
 * the user's own words echoed back, masked merchant names such as 泉州市***轻纺 — goes through
 * {@link escapeText} before it is put into a reply.
 *
 * What DingTalk does differently from CommonMark, and what the renderer does about it:
 * - a single line break inside a paragraph is not shown: such lines end in two spaces (a hard
 *   break, which DingTalk honours);
 * - a list or a quote straight under a text line runs into it: a blank line is put before it;
 * - tables and code blocks are not rendered: table rows become plain lines, fences are dropped;
 * - `*`, `[`, `]`, `<`, `` ` `` and a leading `#`/`>` in echoed text would become emphasis, links,
 *   HTML or headings: {@link escapeText} replaces them with their full-width forms, which read the
 *   same and are never markup.
 */

const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d{1,2}[.)])\s+/;
const QUOTE = /^\s{0,3}>/;
const HEADING = /^\s{0,3}#{1,6}\s/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const FENCE = /^\s*(?:```|~~~)/;

/** Text the bot did not write, made safe to put into markdown: it shows as typed, never as markup. */
export function escapeText(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/\*/g, "＊")
    .replace(/\[/g, "［")
    .replace(/\]/g, "］")
    .replace(/</g, "＜")
    .replace(/>/g, "＞")
    .replace(/`/g, "｀")
    .replace(/\|/g, "｜")
    .replace(/^(\s*)#/, "$1＃");
}

type LineKind = "blank" | "list" | "quote" | "heading" | "text";

function kindOf(line: string): LineKind {
  if (line.trim() === "") return "blank";
  if (LIST_ITEM.test(line)) return "list";
  if (QUOTE.test(line)) return "quote";
  if (HEADING.test(line)) return "heading";
  return "text";
}

/** A table row as a plain line: `| a | b |` → `a：b`. */
function tableRowAsLine(line: string): string {
  const cells = line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim())
    .filter(Boolean);
  return cells.length === 2 ? `${cells[0]}：${cells[1]}` : cells.join(" · ");
}

/**
 * Rewrites markdown into the form DingTalk renders as intended. Idempotent: rendering twice
 * gives the same text.
 */
export function renderDingTalk(markdown: string): string {
  const source = markdown
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((l) => !FENCE.test(l) && !(TABLE_RULE.test(l) && l.includes("|")))
    .map((l) => (TABLE_ROW.test(l) ? tableRowAsLine(l) : l.replace(/[ \t]+$/, "")));
  const out: string[] = [];
  let prev: LineKind = "blank";
  for (const line of source) {
    const kind = kindOf(line);
    if (kind === "blank") {
      if (prev !== "blank") out.push("");
      prev = "blank";
      continue;
    }
    // A new block kind straight under another: DingTalk needs a blank line between them.
    const startsBlock = kind !== prev && prev !== "blank";
    if (startsBlock) {
      trimHardBreak(out);
      out.push("");
    }
    if (prev === kind && (kind === "text" || kind === "quote")) {
      // Two lines of one paragraph (or quote): keep the break visible.
      out[out.length - 1] = `${out[out.length - 1]}  `;
    }
    out.push(line);
    prev = kind;
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

function trimHardBreak(out: string[]): void {
  const last = out.length - 1;
  if (last >= 0) out[last] = out[last]!.replace(/ {2}$/, "");
}

/**
 * What DingTalk would not render as the bot meant it; empty when the text is fine. Used by the
 * tests on every kind of reply.
 */
export function dingTalkProblems(markdown: string): string[] {
  const problems: string[] = [];
  const lines = markdown.split("\n");
  lines.forEach((line, i) => {
    if (FENCE.test(line)) problems.push(`line ${i + 1}: code block`);
    if (TABLE_ROW.test(line)) problems.push(`line ${i + 1}: table row`);
    if (/\*{3,}/.test(line)) problems.push(`line ${i + 1}: a run of *** (emphasis, not text)`);
    const bold = line.match(/\*\*/g)?.length ?? 0;
    if (bold % 2 !== 0) problems.push(`line ${i + 1}: unbalanced **`);
    const kind = kindOf(line);
    const prevLine = i > 0 ? lines[i - 1] : undefined;
    const prevKind = prevLine === undefined ? "blank" : kindOf(prevLine);
    if (kind !== "blank" && prevKind !== "blank" && kind !== prevKind && kind !== "heading" && prevKind !== "heading") {
      problems.push(`line ${i + 1}: a ${kind} line straight under a ${prevKind} line`);
    }
    if ((kind === "text" || kind === "quote") && prevKind === kind && !prevLine!.endsWith("  ")) {
      problems.push(`line ${i + 1}: a line break DingTalk will not show`);
    }
    for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^(?:https:\/\/|dtmd:\/\/|dingtalk:\/\/)/.test(m[1]!)) problems.push(`line ${i + 1}: link to ${m[1]}`);
    }
  });
  return problems;
}

/** Lines a phone shows for this markdown (blank lines and hard breaks count as written). */
export function shownLines(markdown: string): number {
  return markdown.split("\n").filter((l) => l.trim() !== "").length;
}
