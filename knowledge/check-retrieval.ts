/**
 * The knowledge checks that need the matcher: self-retrieval (every entry comes first for its
 * own question and each alternate) and near-duplicate phrasings across entries. Used by
 * `npm run kb:check` and by tests.
 */
import type { KnowledgeBase } from "./load-knowledge.js";
import type { SearchIndex } from "./search-index.js";

/** Phrasings of two entries this similar (IDF-weighted Jaccard) are flagged. */
export const NEAR_DUPLICATE_SIMILARITY = 0.8;
/**
 * A flagged pair is inseparable when the phrasing's own entry leads the other by less than
 * this ranking score: the ranker cannot tell them apart either, so one question would land on
 * either entry by chance. kb:check fails on it: merge the entries or make each one's scope explicit.
 */
export const INSEPARABLE_LEAD = 0.03;

export interface KnowledgeReport {
  /** `entry ← "phrasing" (came first: other-entry)` for each phrasing that does not find its own entry. */
  misses: string[];
  /** Pairs of entries with near-identical phrasings, with the phrasing and the similarity. */
  nearDuplicates: string[];
  /** Near-duplicate pairs the ranking does not separate (lead below {@link INSEPARABLE_LEAD}). */
  inseparable: string[];
  phrasings: number;
}

/** Self-retrieval and near-duplicate checks over a loaded knowledge base. */
export function checkRetrieval(kb: KnowledgeBase, index: SearchIndex): KnowledgeReport {
  const misses: string[] = [];
  const pairs = new Map<string, string>();
  const inseparable = new Map<string, string>();
  let phrasings = 0;
  for (const e of kb.entries) {
    for (const q of [e.question, ...e.alternates]) {
      phrasings++;
      const candidates = index.search(q, 5).candidates;
      if (candidates[0]?.entry.id !== e.id) misses.push(`${e.id} ← "${q}" (came first: ${candidates[0]?.entry.id ?? "nothing"})`);
      for (const c of candidates) {
        if (c.entry.id === e.id || c.features.phraseSimilarity < NEAR_DUPLICATE_SIMILARITY) continue;
        // A superseded entry and its successor are meant to be alike.
        if (kb.supersededBy.get(c.entry.id)?.by.id === e.id || kb.supersededBy.get(e.id)?.by.id === c.entry.id) continue;
        const key = [e.id, c.entry.id].sort().join(" ~ ");
        if (!pairs.has(key)) pairs.set(key, `${key}: "${q}" ≈ "${c.matchedPhrasing}" (${c.features.phraseSimilarity.toFixed(2)})`);
        const lead = candidates[0]?.entry.id === e.id ? candidates[0].score - c.score : 0;
        if (lead < INSEPARABLE_LEAD && !inseparable.has(key)) inseparable.set(key, `${key}: "${q}" leads by ${lead.toFixed(3)}`);
      }
    }
  }
  return { misses, nearDuplicates: [...pairs.values()], inseparable: [...inseparable.values()], phrasings };
}
