/**
 * `npm run kb:check [DIR]`: everything an editor needs to know before committing knowledge:
 * - schema, unique ids, `related` and `supersedes` ids that exist (the loader);
 * - self-retrieval: every entry comes first for its own question and each alternate;
 * - near-duplicates: phrasings of different entries so alike that the matcher could confuse
 *   them (warnings), and an error when the ranking does not separate them either;
 * - figures: every entry's English answer states the same figures as its Chinese one
 *   (knowledge/figures.ts, docs/languages.md);
 * - the learned ranker's weights (knowledge/ranker.json): present and fitted for exactly these
 *   entries, for the default knowledge base (a fixture folder is checked with the matcher alone);
 * - the pinyin table (knowledge/pinyin-syllables.txt): what the installed pinyin-pro gives.
 * Exits 1 on any error. Runs as part of `npm test`.
 */
import { checkFigures } from "./check-figures.js";
import { checkRetrieval } from "./check-retrieval.js";
import { KnowledgeError, loadKnowledge } from "./load-knowledge.js";
import type { KnowledgeBase } from "./load-knowledge.js";
import { loadSynonyms } from "./load-synonyms.js";
import type { Synonyms } from "./load-synonyms.js";
import { checkSyllables } from "./pinyin-syllables.js";
import { fingerprintOf, loadRankerModel } from "./ranker.js";
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
  let failed = false;
  const figureProblems = checkFigures(kb.entries);
  if (figureProblems.length > 0) {
    console.error(`figures: ${figureProblems.length} entr${figureProblems.length === 1 ? "y states" : "ies state"} other figures in English than in Chinese:`);
    for (const p of figureProblems) console.error(`  ${p}`);
    console.error("Make answerEn state exactly the answer's amounts, percentages, counts, dates and times (docs/languages.md).");
    failed = true;
  } else console.log(`figures: every English answer states the same figures as its Chinese answer`);
  const syllables = checkSyllables();
  if (syllables !== undefined) {
    console.error(`pinyin: ${syllables}`);
    failed = true;
  } else console.log("pinyin: the syllable table is what pinyin-pro gives");
  const index = buildSearchIndex(kb, synonyms);
  if (process.argv[2] === undefined) {
    const model = loadRankerModel();
    const expected = fingerprintOf(kb.entries.map((e) => e.id));
    if (!model) {
      console.error("ranker: knowledge/ranker.json is missing: run npm run kb:calibrate");
      failed = true;
    } else if (model.fingerprint !== expected) {
      console.error(`ranker: knowledge/ranker.json was fitted for other entries (${model.fingerprint}, these are ${expected}): run npm run kb:calibrate`);
      failed = true;
    } else console.log(`ranker: fitted for these ${kb.entries.length} entries`);
  } else console.log(`ranker: not checked for ${process.argv[2]} (its weights are fitted for the default knowledge base)`);
  const report = checkRetrieval(kb, index);
  for (const d of report.nearDuplicates) console.warn(`warning: near-duplicate phrasings: ${d}`);
  if (report.inseparable.length > 0) {
    console.error(`near-duplicates the ranking cannot separate (${report.inseparable.length}): merge the entries or make each one's scope explicit:`);
    for (const d of report.inseparable) console.error(`  ${d}`);
    failed = true;
  }
  if (report.misses.length > 0) {
    console.error(`self-retrieval: ${report.misses.length} of ${report.phrasings} phrasings do not find their own entry first:`);
    for (const m of report.misses) console.error(`  ${m}`);
    console.error("Make those phrasings (or keywords) specific to their entry, or merge the entries.");
    failed = true;
  }
  if (failed) process.exit(1);
  console.log(`self-retrieval: all ${report.phrasings} phrasings find their own entry first; ${report.nearDuplicates.length} near-duplicate pair(s) flagged`);
}

main();
