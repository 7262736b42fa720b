/**
 * The index snapshot: the validated knowledge base, the synonym groups, the search index's
 * precomputed data (search-index.ts `IndexData`) and the ranker's weights, computed once by
 * `npm run build` and stored beside the compiled code (`dist/knowledge/index-snapshot.v8`, V8's
 * structured serialisation). A start that finds it skips parsing and validating the YAML,
 * tokenising every phrasing and parsing the 3 MB ranker file: the bulk of the start-up.
 *
 * It is never wrong, only absent or ignored: it carries a fingerprint of everything it was
 * computed from (the knowledge files, synonyms.yaml, ranker.json, the pinyin table, the code of this
 * folder and the versions of the libraries that parse and normalise — stamped into the bundle by
 * `npm run build` — and V8's version), and a start whose
 * inputs hash differently builds the index afresh from the files, as without a snapshot.
 * docs/operations.md ("Start-up") says when it is rebuilt.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { createRequire } from "node:module";
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from "./load-knowledge.js";
import type { KnowledgeBase } from "./load-knowledge.js";
import { DEFAULT_SYNONYMS_FILE, buildSynonyms, loadSynonymGroups } from "./load-synonyms.js";
import type { SynonymGroup, Synonyms } from "./load-synonyms.js";
import { SYLLABLE_FILE } from "./pinyin-syllables.js";
import { RANKER_FILE, fingerprintOf, loadRankerModel } from "./ranker.js";
import type { RankerModel } from "./ranker.js";
import { computeIndexData } from "./search-index.js";
import type { IndexData } from "./search-index.js";

export const SNAPSHOT_FILE = fileURLToPath(new URL("./index-snapshot.v8", import.meta.url));

/** Bumped when the snapshot's layout changes. */
const FORMAT = 1;

/**
 * In a bundle written by `npm run build` (scripts/build.mjs), the fingerprint of the code and
 * the locked library versions it was built from; absent under tsx.
 */
declare const __BUNDLE_CODE_FINGERPRINT__: string | undefined;

/** Libraries whose behaviour shapes the snapshot (parsing, validation, normalisation). */
const LIBRARIES = ["js-yaml", "zod", "opencc-js", "luxon"];

interface Snapshot {
  format: number;
  fingerprint: string;
  kb: KnowledgeBase;
  /** `kb.entries[i].file` is recomputed at load (it is relative to the working directory). */
  entryFiles: string[];
  synonymGroups: SynonymGroup[];
  index: IndexData;
  /** The committed ranker weights when they fit the knowledge base, else null. */
  ranker: RankerModel | null;
}

/** What a start needs: the knowledge base, its synonyms, the index data and the ranker weights. */
export interface IndexedKnowledge {
  kb: KnowledgeBase;
  synonyms: Synonyms;
  data: IndexData;
  /** The committed ranker weights when they fit the knowledge base, else null. */
  ranker: RankerModel | null;
  /** Where it came from, and why not from the snapshot. */
  source: "snapshot" | "files";
  reason?: string;
}

function libraryVersion(name: string): string {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve(name));
    for (let i = 0; i < 8; i++) {
      const pkg = join(dir, "package.json");
      if (existsSync(pkg)) {
        const json = JSON.parse(readFileSync(pkg, "utf8")) as { name?: string; version?: string };
        if (json.name === name) return `${name}@${json.version ?? "?"}`;
      }
      dir = dirname(dir);
    }
  } catch {
    // unresolvable: fingerprinted as such
  }
  return `${name}@unknown`;
}

/**
 * The fingerprint of every input of the snapshot for the knowledge folder `dir`: file names and
 * contents, this folder's code, the libraries' versions and V8's.
 */
export function snapshotFingerprint(dir: string = DEFAULT_KNOWLEDGE_DIR): string {
  const hash = createHash("sha256");
  const add = (label: string, content: string | Buffer) => {
    hash.update(`${label}\u0000${content.length}\u0000`);
    hash.update(content);
  };
  add("format", String(FORMAT));
  add("v8", process.versions.v8);
  // The code that computes the data: a bundle carries the build's stamp of it; under tsx, this
  // folder's sources and the installed libraries' versions.
  if (typeof __BUNDLE_CODE_FINGERPRINT__ === "string") add("bundle", __BUNDLE_CODE_FINGERPRINT__);
  else {
    for (const lib of LIBRARIES) add("lib", libraryVersion(lib));
    const codeDir = dirname(fileURLToPath(import.meta.url));
    for (const name of readdirSync(codeDir).filter((f) => f.endsWith(".ts")).sort()) add(`code/${name}`, readFileSync(join(codeDir, name)));
  }
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort()) add(`knowledge/${name}`, readFileSync(join(dir, name)));
  add("synonyms", readFileSync(DEFAULT_SYNONYMS_FILE));
  add("ranker", existsSync(RANKER_FILE) ? readFileSync(RANKER_FILE) : "(none)");
  add("syllables", existsSync(SYLLABLE_FILE) ? readFileSync(SYLLABLE_FILE) : "(none)");
  return hash.digest("hex");
}

/** Builds everything from the files (validating them), as a start without a snapshot does. */
function fromFiles(dir: string): Omit<IndexedKnowledge, "source" | "reason"> & { synonymGroups: SynonymGroup[] } {
  const kb = loadKnowledge(dir);
  const synonymGroups = loadSynonymGroups();
  const synonyms = buildSynonyms(synonymGroups, DEFAULT_SYNONYMS_FILE);
  const model = loadRankerModel();
  const ranker = model && model.fingerprint === fingerprintOf(kb.entries.map((e) => e.id)) ? model : null;
  return { kb, synonyms, synonymGroups, data: computeIndexData(kb, synonyms), ranker };
}

/**
 * Writes the snapshot for the default knowledge folder to `file` (atomically: a start never
 * reads half a file). Returns its size in bytes.
 */
export function writeSnapshot(file: string = SNAPSHOT_FILE): number {
  const dir = DEFAULT_KNOWLEDGE_DIR;
  const fingerprint = snapshotFingerprint(dir);
  const built = fromFiles(dir);
  const snapshot: Snapshot = {
    format: FORMAT,
    fingerprint,
    kb: built.kb,
    entryFiles: built.kb.entries.map((e) => basename(e.file)),
    synonymGroups: built.synonymGroups,
    index: built.data,
    ranker: built.ranker,
  };
  const bytes = serialize(snapshot);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
  return bytes.length;
}

/** Reads the snapshot when it matches the inputs of `dir`; otherwise says why not. */
function readSnapshot(dir: string, file: string): Snapshot | string {
  if (!existsSync(file)) return "no snapshot (run npm run build)";
  let fingerprint: string;
  try {
    fingerprint = snapshotFingerprint(dir);
  } catch (err) {
    return `inputs unreadable (${(err as Error).message})`;
  }
  let snapshot: Snapshot;
  try {
    snapshot = deserialize(readFileSync(file)) as Snapshot;
  } catch (err) {
    return `snapshot unreadable (${(err as Error).message})`;
  }
  if (snapshot?.format !== FORMAT) return "snapshot of another format";
  if (snapshot.fingerprint !== fingerprint) return "snapshot is stale: a knowledge file, the synonyms, the ranker or the code changed since it was built";
  return snapshot;
}

/**
 * The knowledge base, synonyms, index data and ranker weights for `dir`: from the snapshot when
 * it was built from exactly these inputs, else from the files (validated, as always).
 * @throws KnowledgeError when it has to read the files and they are invalid.
 */
export function loadIndexedKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR, file: string = SNAPSHOT_FILE): IndexedKnowledge {
  const snapshot = readSnapshot(dir, file);
  if (typeof snapshot === "string") {
    const built = fromFiles(dir);
    return { kb: built.kb, synonyms: built.synonyms, data: built.data, ranker: built.ranker, source: "files", reason: snapshot };
  }
  // Labels relative to the working directory, as loadKnowledge gives them.
  snapshot.kb.entries.forEach((e, i) => {
    const path = join(dir, snapshot.entryFiles[i]!);
    e.file = relative(process.cwd(), path) || snapshot.entryFiles[i]!;
  });
  return {
    kb: snapshot.kb,
    synonyms: buildSynonyms(snapshot.synonymGroups, DEFAULT_SYNONYMS_FILE),
    data: snapshot.index,
    ranker: snapshot.ranker,
    source: "snapshot",
  };
}

/** `node dist/knowledge/index-snapshot.js --write`: what `npm run build` runs after compiling. */
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes("--write")) {
  const started = performance.now();
  const bytes = writeSnapshot();
  process.stderr.write(`build: index snapshot written (${(bytes / 2 ** 20).toFixed(1)} MiB, ${Math.round(performance.now() - started)} ms): ${relative(process.cwd(), SNAPSHOT_FILE)}\n`);
}
