/**
 * Renders knowledge entries as DingTalk markdown: the answer (the version in effect, saying what
 * changed and since when if a newer briefing replaced it), its source line, the dates it
 * applies, the follow-up questions a merchant is likely to ask next, and one-tap feedback.
 */
import { DateTime } from "luxon";
import { currentVersion } from "../../knowledge/load-knowledge.js";
import type { KnowledgeBase, KnowledgeEntry } from "../../knowledge/load-knowledge.js";
import type { Effective } from "../../knowledge/schema.js";
import { makeReply } from "./replies.js";
import type { Reply } from "./types.js";

const BRIEFING_NAME = (date: string) => {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日商家发布会`;
};

function formatEffective(e: Effective | undefined): string | undefined {
  if (!e) return undefined;
  const parts: string[] = [];
  if (e.from && e.until) parts.push(`${e.from} 至 ${e.until}`);
  else if (e.from) parts.push(`${e.from} 起`);
  else if (e.until) parts.push(`截至 ${e.until}`);
  if (e.note) parts.push(e.note);
  return parts.join("；");
}

/** The source line shown under every answer. */
function formatSource(entry: KnowledgeEntry): string {
  return `来源：${BRIEFING_NAME(entry.section.briefing)} · ${entry.source.section} · ${entry.source.slide}`;
}

/**
 * The full answer to a question: answer, effective dates, source, then the follow-ups: the
 * entries the matcher found almost as close ("你可能还想问", so a near miss costs one tap)
 * and the entry's own related questions.
 */
function formatEntry(entry: KnowledgeEntry, kb: KnowledgeBase, alsoMeant: readonly KnowledgeEntry[] = []): string {
  const lines = [entry.answer.trim(), ""];
  const effective = formatEffective(entry.effective);
  if (effective) lines.push(`> 时间：${effective}`, ">");
  lines.push(`> ${formatSource(entry)}`);
  if (alsoMeant.length > 0) {
    lines.push("", "**你可能还想问**");
    for (const r of alsoMeant) lines.push(`- ${r.question}（发送 /faq ${r.id}）`);
  }
  const shown = new Set(alsoMeant.map((e) => e.id));
  const related = entry.related
    .filter((id) => !shown.has(id))
    .map((id) => kb.byId.get(id))
    .filter((e): e is KnowledgeEntry => e !== undefined);
  if (related.length > 0) {
    lines.push("", "**相关问题**");
    for (const r of related.slice(0, 4)) lines.push(`- ${r.question}（发送 /faq ${r.id}）`);
  }
  return lines.join("\n");
}

/**
 * A DingTalk markdown link that, tapped, sends `message` as the user (dtmd://…/sendMessage):
 * how a vote comes back to the bot without buttons.
 */
export function sendMessageLink(label: string, message: string): string {
  return `[${label}](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(message)})`;
}

/** The one-tap feedback line under an answer; the votes arrive as `/feedback up|down <id>`. */
export function feedbackLine(entryId: string): string {
  return `这个回答有帮助吗？${sendMessageLink("👍 有帮助", `/feedback up ${entryId}`)} · ${sendMessageLink("👎 没帮助", `/feedback down ${entryId}`)}`;
}

/**
 * The reply for an entry the merchant asked about, as of `now`: if a newer briefing replaced it,
 * the newer rule, with what changed and since when; if a change is announced but not yet in
 * effect, the current rule with a note of what is coming. `exact` (for /faq <id>) shows the
 * asked entry itself, old or not, saying what replaced it.
 */
export function answerReply(
  asked: KnowledgeEntry,
  kb: KnowledgeBase,
  { now, confidence, alsoMeant = [], exact = false }: { now: Date; confidence: number; alsoMeant?: readonly KnowledgeEntry[]; exact?: boolean },
): Reply {
  const today = DateTime.fromJSDate(now, { zone: "Asia/Shanghai" }).toISODate() ?? "";
  const version = currentVersion(kb, asked, today);
  const entry = exact ? asked : version.entry;
  const notes: string[] = [];
  const replacedBy = kb.supersededBy.get(entry.id);
  if (exact && replacedBy && entry !== version.entry) {
    notes.push(`> **这是旧规则**：自 ${replacedBy.by.effective?.from ?? ""} 起已被取代，${replacedBy.change}（现行规则见 /faq ${version.entry.id}）`);
  }
  for (const s of entry.supersedes) {
    notes.push(`> **规则已更新**：自 ${entry.effective?.from ?? ""} 起，${s.change}（${BRIEFING_NAME(entry.section.briefing)}；旧规则见 /faq ${s.id}）`);
  }
  if (version.upcoming && !exact) {
    const { by, change } = version.upcoming;
    notes.push(`> **即将变化**：自 ${by.effective?.from ?? ""} 起，${change}（新规则见 /faq ${by.id}）`);
  }
  const body = formatEntry(entry, kb, alsoMeant.filter((e) => e.id !== entry.id));
  const text = [...(notes.length > 0 ? [notes.join("\n>\n"), ""] : []), body, "", feedbackLine(entry.id)].join("\n");
  return makeReply("answer", entry.topic, text, { entryId: entry.id, confidence: Math.round(confidence * 1000) / 1000 });
}
