/**
 * `npm run kb:check [DIR]`: everything an editor needs to know before committing knowledge:
 * - schema, unique ids, `related` and `supersedes` ids that exist (the loader);
 * - self-retrieval: every entry comes first for its own question and each alternate;
 * - near-duplicates: phrasings of different entries so alike that the matcher cannot tell
 *   them apart (reported as warnings: merge the entries or make the wording specific).
 * Exits 1 on an invalid file or a self-retrieval miss. Runs as part of `npm test`.
 */
import { checkRetrieval } from "./check-retrieval.js";
import { KnowledgeError, loadKnowledge } from "./load-knowledge.js";
import type { KnowledgeBase } from "./load-knowledge.js";
import { loadSynonyms } from "./load-synonyms.js";
import type { Synonyms } from "./load-synonyms.js";
import { buildSearchIndex } from "./search-index.js";

function main(): void {
  let kb: KnowledgeBase;
  let synonyms: Synonyms;
  try {
    kb = loadKnowledge(process.argv[2]);
    synonyms = loadSynonyms();
  } catch (err) {
    if (err instanceof KnowledgeError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  for (const s of kb.sections) {
    const n = kb.entries.filter((e) => e.section.id === s.id).length;
    console.log(`${String(s.number).padStart(2)} ${s.title} (${s.id}, ${s.briefing}): ${n} entries`);
  }
  console.log(`${kb.entries.length} entries in ${kb.sections.length} sections: schema, ids and cross-references OK`);
  const report = checkRetrieval(kb, buildSearchIndex(kb, synonyms));
  for (const d of report.nearDuplicates) console.warn(`warning: near-duplicate phrasings: ${d}`);
  if (report.misses.length > 0) {
    console.error(`self-retrieval: ${report.misses.length} of ${report.phrasings} phrasings do not find their own entry first:`);
    for (const m of report.misses) console.error(`  ${m}`);
    console.error("Make those phrasings (or keywords) specific to their entry, or merge the entries.");
    process.exit(1);
  }
  console.log(`self-retrieval: all ${report.phrasings} phrasings find their own entry first; ${report.nearDuplicates.length} near-duplicate pair(s) flagged`);
}

main();
