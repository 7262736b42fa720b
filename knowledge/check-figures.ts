/**
 * The figure check of `kb:check`: an entry's English answer must state exactly the figures its
 * Chinese answer states (knowledge/figures.ts, docs/languages.md), so a translation can neither
 * drop a threshold nor carry a wrong date.
 */
import { compareFigures } from "./figures.js";
import type { KnowledgeEntry } from "./load-knowledge.js";

/** One line per entry whose answers disagree, naming the figures missing on each side. */
export function checkFigures(entries: readonly Pick<KnowledgeEntry, "id" | "file" | "answer" | "answerEn">[]): string[] {
  const problems: string[] = [];
  for (const e of entries) {
    const { onlyInFirst, onlyInSecond } = compareFigures(e.answer, e.answerEn);
    if (onlyInFirst.length === 0 && onlyInSecond.length === 0) continue;
    const parts: string[] = [];
    if (onlyInFirst.length > 0) parts.push(`answerEn lacks ${onlyInFirst.join(", ")}`);
    if (onlyInSecond.length > 0) parts.push(`answer lacks ${onlyInSecond.join(", ")}`);
    problems.push(`${e.file}: entry ${e.id}: ${parts.join("; ")}`);
  }
  return problems;
}
