/**
 * A test-side model of how DingTalk shows what the bot sent (docs/dingtalk-protocol.md §5): turns
 * a session-webhook body, a robot-API template message or an interactive card as the fake gateway
 * received it into a structure — title, the lines a phone shows, the buttons with their label and
 * the text a tap would send — and lists what DingTalk's markdown subset would not render as meant.
 * Screenshots of DingTalk are impossible in tests; asserting on this structure is the substitute.
 */
import type { CardCall, GroupSendCall, PushCall, WebhookBody } from "./fake-gateway.js";

/** One button as a user sees it, and what tapping it does. */
export interface RenderedButton {
  label: string;
  /** The text a tap sends as the user (decoded from a dtmd link), or undefined for other links. */
  content: string | undefined;
  /** For an interactive-card button: the index its callback carries. */
  index?: number;
}

export interface Rendered {
  kind: "text" | "markdown" | "actionCard" | "card";
  title: string;
  /** The lines as displayed: blank lines separate, a single newline joins (except before a list item, heading or quote). */
  lines: string[];
  buttons: RenderedButton[];
  /** Everything DingTalk would render differently from what the text means. */
  problems: string[];
}

const DTMD = "dtmd://dingtalkclient/sendMessage?content=";

/** The text a dtmd link sends, or undefined for any other link. */
export function dtmdContent(url: string | undefined): string | undefined {
  if (url === undefined || !url.startsWith(DTMD)) return undefined;
  try {
    return decodeURIComponent(url.slice(DTMD.length));
  } catch {
    return undefined;
  }
}

const LIST_ITEM = /^\s*(?:[-*+]\s|\d+\.\s)/;
const BLOCK_START = /^\s*(?:[-*+]\s|\d+\.\s|#{1,6}\s|>)/;

/** The displayed lines of a markdown text, as DingTalk joins them. */
export function displayLines(text: string): string[] {
  const out: string[] = [];
  for (const block of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    let current: string | undefined;
    for (const raw of block.split("\n")) {
      const line = raw.trim();
      if (line === "") continue;
      if (current === undefined || BLOCK_START.test(raw)) {
        if (current !== undefined) out.push(current);
        current = line;
      } else {
        current += line;
      }
    }
    if (current !== undefined) out.push(current);
  }
  return out;
}

/** What DingTalk's markdown subset would show differently from what `text` means. */
export function markdownProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((line, i) => {
    if (/^\s*```/.test(line)) problems.push(`line ${i + 1}: code block`);
    if (/^\s*\|.*\|\s*$/.test(line)) problems.push(`line ${i + 1}: table`);
    const unescaped = line.replace(/\\[\\*_[\]`]/g, "");
    if (unescaped.includes("***")) problems.push(`line ${i + 1}: raw *** (read as emphasis)`);
    if (LIST_ITEM.test(line) && i > 0) {
      const prev = lines[i - 1]!;
      if (prev.trim() !== "" && !LIST_ITEM.test(prev)) problems.push(`line ${i + 1}: list not preceded by a blank line`);
    }
  });
  for (const [n, block] of text.split(/\n\s*\n/).entries()) {
    const bold = (block.replace(/\\[\\*]/g, "").match(/\*\*/g) ?? []).length;
    if (bold % 2 !== 0) problems.push(`paragraph ${n + 1}: unbalanced **`);
  }
  return problems;
}

function buttonProblems(buttons: RenderedButton[]): string[] {
  return buttons.flatMap((b) => [
    ...([...b.label].length > 20 ? [`button "${b.label}": over 20 characters`] : []),
    ...(b.content === undefined && b.index === undefined ? [`button "${b.label}": not a dtmd link`] : []),
  ]);
}

function rendered(kind: Rendered["kind"], title: string, text: string, buttons: RenderedButton[], markdown = true): Rendered {
  return {
    kind,
    title,
    lines: markdown ? displayLines(text) : text.split("\n").filter((l) => l.trim() !== ""),
    buttons,
    problems: [...(markdown ? markdownProblems(text) : []), ...buttonProblems(buttons)],
  };
}

/** A session-webhook body. */
export function renderWebhook(body: WebhookBody): Rendered {
  if (body.msgtype === "actionCard") {
    const c = body.actionCard ?? {};
    const buttons =
      c.btns?.map((b) => ({ label: b.title ?? "", content: dtmdContent(b.actionURL) })) ??
      (c.singleTitle !== undefined ? [{ label: c.singleTitle, content: dtmdContent(c.singleURL) }] : []);
    return rendered("actionCard", c.title ?? "", c.text ?? "", buttons);
  }
  if (body.msgtype === "markdown") return rendered("markdown", body.markdown?.title ?? "", body.markdown?.text ?? "", []);
  return rendered("text", "", body.text?.content ?? "", [], false);
}

/** A robot-API template message (a 1:1 push or a group-API send). */
export function renderTemplate(call: PushCall | GroupSendCall): Rendered {
  const p = call.param;
  const str = (k: string) => (typeof p[k] === "string" ? p[k] : undefined);
  const key = typeof call.msgKey === "string" ? call.msgKey : "";
  if (key === "sampleText") return rendered("text", "", str("content") ?? "", [], false);
  const buttons: RenderedButton[] = [];
  if (key === "sampleActionCard") buttons.push({ label: str("singleTitle") ?? "", content: dtmdContent(str("singleURL")) });
  for (let i = 1; str(`actionTitle${i}`) !== undefined; i++) buttons.push({ label: str(`actionTitle${i}`)!, content: dtmdContent(str(`actionURL${i}`)) });
  return rendered(buttons.length > 0 ? "actionCard" : "markdown", str("title") ?? "", str("text") ?? "", buttons);
}

/** An interactive card, from its variables (the template of docs/dingtalk-protocol.md §7). */
export function renderCard(card: CardCall): Rendered {
  const list = JSON.parse(card.cardParamMap.buttons ?? "[]") as { text: string; index: number }[];
  return rendered(
    "card",
    card.cardParamMap.title ?? "",
    card.cardParamMap.markdown ?? "",
    list.map((b) => ({ label: b.text, content: undefined, index: b.index })),
  );
}
