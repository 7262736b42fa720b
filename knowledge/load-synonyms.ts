/**
 * Loads `knowledge/synonyms.yaml` and builds the rewriter that maps every variant to its
 * canonical term. Questions and knowledge entries go through the same rewriter, so a merchant's
 * word and the briefing's word meet in the index.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { KnowledgeError, parseYamlFile } from "./load-knowledge.js";
import { normalizeTerm } from "./normalize-text.js";

export const DEFAULT_SYNONYMS_FILE = fileURLToPath(new URL("./synonyms.yaml", import.meta.url));

const SynonymsFileSchema = z
  .object({
    groups: z
      .array(
        z
          .object({
            canonical: z.string().min(1),
            variants: z.array(z.string().min(1)).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type Rewriter = (normalized: string) => string;

/** The domain vocabulary: the rewriter and the canonical terms (which also seed the lexicon). */
export interface Synonyms {
  rewrite: Rewriter;
  canonicals: string[];
  /** Every term the file names, normalised: the canonical terms first, then their variants. */
  terms: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const isWordChar = (ch: string | undefined) => ch !== undefined && /[a-z0-9]/.test(ch);

/** A node of the variants' prefix tree: the characters that continue it, and whether a variant ends here. */
interface TrieNode {
  next: Map<string, TrieNode>;
  end: boolean;
}

/**
 * One pattern matching, at each position, the longest variant there, as a prefix tree: every
 * character of the vocabulary written once, so the pattern stays small enough for the
 * regular-expression engine's compiled code however many variants there are (a flat alternation
 * of them all, longest first, fell back to the engine's slow interpreter past a size limit:
 * docs/matching.md). A Latin variant matches as a whole word: not inside a longer Latin word on
 * either side. At each node the longer continuations are tried before the variant that ends there.
 */
export function variantPattern(variants: readonly string[]): string {
  const root: TrieNode = { next: new Map(), end: false };
  for (const v of variants) {
    let node = root;
    for (const ch of v) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), end: false }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode, last: string): string => {
    const parts = [...node.next].map(([ch, child]) => `${escape(ch)}${emit(child, ch)}`);
    if (node.end) parts.push(isWordChar(last) ? "(?![a-z0-9])" : "");
    return parts.length === 1 ? parts[0]! : `(?:${parts.join("|")})`;
  };
  return [...root.next].map(([ch, child]) => `${isWordChar(ch) ? "(?<![a-z0-9])" : ""}${escape(ch)}${emit(child, ch)}`).join("|");
}

/** Builds the synonyms from groups; variants are normalised like questions are, courtesy words kept (normalizeTerm). */
export function buildSynonyms(groups: Array<{ canonical: string; variants: string[] }>, label = "synonyms"): Synonyms {
  const target = new Map<string, string>();
  const problems: string[] = [];
  groups.forEach((g, gi) => {
    const canonical = normalizeTerm(g.canonical);
    for (const raw of [g.canonical, ...g.variants]) {
      const v = normalizeTerm(raw);
      if (!v) {
        problems.push(`${label}: groups.${gi} (${g.canonical}): variant "${raw}" is empty after normalisation`);
        continue;
      }
      const other = target.get(v);
      if (other !== undefined && other !== canonical) {
        problems.push(`${label}: groups.${gi}: "${raw}" already belongs to the group of "${other}"`);
      }
      target.set(v, canonical);
    }
  });
  if (problems.length > 0) throw new KnowledgeError(problems);

  const re = new RegExp(variantPattern([...target.keys()]), "gu");
  const once = (text: string) =>
    text.replace(re, (match, offset: number, whole: string) => {
      const canonical = target.get(match) ?? match;
      // Keep Latin canonicals apart from neighbouring Latin words.
      const before = isWordChar(whole[offset - 1]) && isWordChar(canonical[0]) ? " " : "";
      const after = isWordChar(whole[offset + match.length]) && isWordChar(canonical[canonical.length - 1]) ? " " : "";
      return `${before}${canonical}${after}`;
    });
  // A rewrite can complete a longer variant ("找工场频道" → "找工厂频道" → "找工厂"): repeat
  // until nothing changes (canonicals map to themselves, so this ends quickly).
  const rewrite: Rewriter = (text) => {
    let current = text;
    for (let pass = 0; pass < 4; pass++) {
      const next = once(current);
      if (next === current) break;
      current = next;
    }
    return current;
  };
  const canonicals = [...new Set(target.values())];
  return { rewrite, canonicals, terms: [...new Set([...canonicals, ...target.keys()])] };
}

/** One synonym group of the file: a canonical term and its variants. */
export type SynonymGroup = z.infer<typeof SynonymsFileSchema>["groups"][number];

/** Reads and validates the synonyms file; throws {@link KnowledgeError} naming the problem. */
export function loadSynonyms(file: string = DEFAULT_SYNONYMS_FILE): Synonyms {
  return buildSynonyms(loadSynonymGroups(file), file);
}

/** Reads and validates the synonyms file's groups; throws {@link KnowledgeError} naming the problem. */
export function loadSynonymGroups(file: string = DEFAULT_SYNONYMS_FILE): SynonymGroup[] {
  let data: unknown;
  try {
    data = parseYamlFile(readFileSync(file, "utf8"));
  } catch (err) {
    throw new KnowledgeError([`${file}: cannot read synonyms: ${(err as Error).message.split("\n")[0]}`]);
  }
  const parsed = SynonymsFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new KnowledgeError(parsed.error.issues.map((i) => `${file}: ${i.path.join(".")}: ${i.message}`));
  }
  return parsed.data.groups;
}
