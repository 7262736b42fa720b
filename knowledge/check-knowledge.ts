/**
 * `npm run kb:check`: validates the knowledge files and prints what they hold. Exits 1 with
 * every problem listed when a file is invalid.
 */
import { KnowledgeError, loadKnowledge } from "./load-knowledge.js";

try {
  const kb = loadKnowledge(process.argv[2]);
  for (const s of kb.sections) {
    const n = kb.entries.filter((e) => e.section.id === s.id).length;
    console.log(`${String(s.number).padStart(2)} ${s.title} (${s.id}): ${n} entries`);
  }
  console.log(`${kb.entries.length} entries in ${kb.sections.length} sections: schema and cross-references OK`);
} catch (err) {
  if (err instanceof KnowledgeError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
