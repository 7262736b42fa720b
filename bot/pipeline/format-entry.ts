/**
 * Renders knowledge entries as DingTalk markdown: the answer, its source line under it, the
 * dates it applies, and the follow-up questions a merchant is likely to ask next.
 */
import type { KnowledgeBase, KnowledgeEntry } from "../../knowledge/load-knowledge.js";
import type { Effective } from "../../knowledge/schema.js";

const BRIEFING_NAME = (date: string) => {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日商家发布会`;
};

export function formatEffective(e: Effective | undefined): string | undefined {
  if (!e) return undefined;
  const parts: string[] = [];
  if (e.from && e.until) parts.push(`${e.from} 至 ${e.until}`);
  else if (e.from) parts.push(`${e.from} 起`);
  else if (e.until) parts.push(`截至 ${e.until}`);
  if (e.note) parts.push(e.note);
  return parts.join("；");
}

/** The source line shown under every answer. */
export function formatSource(entry: KnowledgeEntry): string {
  return `来源：${BRIEFING_NAME(entry.section.briefing)} · ${entry.source.section} · ${entry.source.slide}`;
}

/**
 * The full answer to a question: answer, effective dates, source, then the follow-ups: the
 * entries the matcher found almost as close ("你可能还想问", so a near miss costs one tap)
 * and the entry's own related questions.
 */
export function formatEntry(entry: KnowledgeEntry, kb: KnowledgeBase, alsoMeant: readonly KnowledgeEntry[] = []): string {
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
