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

  const variants = [...target.keys()].sort((a, b) => b.length - a.length);
  const pattern = variants
    .map((v) => {
      const head = isWordChar(v[0]) ? "(?<![a-z0-9])" : "";
      const tail = isWordChar(v[v.length - 1]) ? "(?![a-z0-9])" : "";
      return `${head}${escape(v)}${tail}`;
    })
    .join("|");
  const re = new RegExp(pattern, "gu");
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
