/**
 * Reads every knowledge file, validates it and cross-checks the whole set. Call it once at
 * start-up: a bad file throws {@link KnowledgeError} naming the file, the entry and the field,
 * so the bot never starts with an answer it cannot trust.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import type { z } from "zod";
import { SectionFileSchema } from "./schema.js";
import type { Entry, Section } from "./schema.js";

export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL("./sections", import.meta.url));

/** An entry together with the section it belongs to. */
export interface KnowledgeEntry extends Entry {
  section: Section;
  file: string;
}

/** A newer entry that replaces an older one, and what changed. */
export interface Supersession {
  by: KnowledgeEntry;
  change: string;
}

export interface KnowledgeBase {
  sections: Section[];
  entries: KnowledgeEntry[];
  byId: ReadonlyMap<string, KnowledgeEntry>;
  /** Old entry id → the entry that replaces it (see the `supersedes` field). */
  supersededBy: ReadonlyMap<string, Supersession>;
}

export class KnowledgeError extends Error {
  readonly code = "KNOWLEDGE_INVALID" as const;
  constructor(readonly problems: string[]) {
    super(`knowledge base is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n- ${problems.join("\n- ")}`);
    this.name = "KnowledgeError";
  }
}

/**
 * Parses YAML with the core schema: dates such as `2021-08-10` stay strings (the schema checks
 * them), and nothing but plain data can be constructed.
 */
export function parseYamlFile(text: string): unknown {
  return yaml.load(text, { schema: yaml.CORE_SCHEMA });
}

/** Describes one zod issue as `entry <id>: <path>: <message>` where the path lands in an entry. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const path = issue.path.map(String);
  if (path[0] === "entries" && path[1] !== undefined) {
    const index = Number(path[1]);
    const raw = (data as { entries?: Array<{ id?: unknown }> }).entries?.[index];
    const id = typeof raw?.id === "string" ? raw.id : `#${index + 1}`;
    const field = path.slice(2).join(".") || "(the entry)";
    return `entry ${id}: ${field}: ${issue.message}`;
  }
  return `${path.join(".") || "(the file)"}: ${issue.message}`;
}

/**
 * Loads and validates all `*.yaml` files under `dir`. Every problem in every file is collected
 * before throwing, so one run shows an editor all there is to fix.
 */
export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  const problems: string[] = [];
  const sections: Section[] = [];
  const entries: KnowledgeEntry[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
  } catch (err) {
    throw new KnowledgeError([`cannot read the knowledge folder ${dir}: ${(err as Error).message}`]);
  }
  if (files.length === 0) throw new KnowledgeError([`no .yaml knowledge files in ${dir}`]);

  for (const name of files) {
    const path = join(dir, name);
    const label = relative(process.cwd(), path) || name;
    let data: unknown;
    try {
      data = parseYamlFile(readFileSync(path, "utf8"));
    } catch (err) {
      const where = err instanceof yaml.YAMLException ? ` line ${err.mark.line + 1}` : "";
      problems.push(`${label}${where}: not valid YAML: ${(err as Error).message.split("\n")[0]}`);
      continue;
    }
    const parsed = SectionFileSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${label}: ${describeIssue(issue, data)}`);
      continue;
    }
    sections.push(parsed.data.section);
    for (const entry of parsed.data.entries) entries.push({ ...entry, section: parsed.data.section, file: label });
  }

  const byId = new Map<string, KnowledgeEntry>();
  for (const entry of entries) {
    const twin = byId.get(entry.id);
    if (twin) problems.push(`${entry.file}: entry ${entry.id}: id: already used in ${twin.file}`);
    else byId.set(entry.id, entry);
  }
  const sectionIds = new Map<string, number>();
  for (const s of sections) sectionIds.set(s.id, (sectionIds.get(s.id) ?? 0) + 1);
  for (const [id, count] of sectionIds) if (count > 1) problems.push(`section id ${id} is used by ${count} files`);
  for (const entry of entries) {
    entry.related.forEach((id, i) => {
      if (!byId.has(id)) problems.push(`${entry.file}: entry ${entry.id}: related.${i}: no entry has the id "${id}"`);
      if (id === entry.id) problems.push(`${entry.file}: entry ${entry.id}: related.${i}: an entry cannot relate to itself`);
    });
  }
  const supersededBy = new Map<string, Supersession>();
  for (const entry of entries) {
    entry.supersedes.forEach(({ id, change }, i) => {
      const where = `${entry.file}: entry ${entry.id}: supersedes.${i}`;
      if (!byId.has(id)) problems.push(`${where}: no entry has the id "${id}" (keep the older briefing's file, so old questions still find it)`);
      else if (id === entry.id) problems.push(`${where}: an entry cannot supersede itself`);
      else if (supersededBy.has(id)) problems.push(`${where}: "${id}" is already superseded by ${supersededBy.get(id)!.by.id}`);
      else supersededBy.set(id, { by: entry, change });
    });
    if (entry.supersedes.length > 0 && !entry.effective?.from) {
      problems.push(`${entry.file}: entry ${entry.id}: effective.from: a superseding entry must say from when it applies`);
    }
  }
  for (const start of supersededBy.keys()) {
    const seen = new Set([start]);
    for (let next = supersededBy.get(start); next; next = supersededBy.get(next.by.id)) {
      if (seen.has(next.by.id)) {
        problems.push(`entry ${start}: supersedes forms a cycle (${[...seen].join(" → ")})`);
        break;
      }
      seen.add(next.by.id);
    }
  }
  if (problems.length > 0) throw new KnowledgeError(problems);

  sections.sort((a, b) => a.number - b.number || a.briefing.localeCompare(b.briefing));
  return { sections, entries, byId, supersededBy };
}

/**
 * The version of `entry`'s rule in effect on `date` (YYYY-MM-DD, Asia/Shanghai), wherever in a
 * supersession chain the matcher landed: a newer entry not yet in effect gives way to the one it
 * replaces; an older one gives way to its successors already in effect. Also returns the next
 * announced change still to come, if any.
 */
export function currentVersion(
  kb: Pick<KnowledgeBase, "supersededBy" | "byId">,
  entry: KnowledgeEntry,
  date: string,
): { entry: KnowledgeEntry; upcoming?: Supersession } {
  let current = entry;
  // Back: a rule announced for later does not apply yet.
  for (let guard = 0; guard < 50; guard++) {
    const from = current.effective?.from;
    const previous = current.supersedes[0] && kb.byId.get(current.supersedes[0].id);
    if (!previous || from === undefined || from <= date) break;
    current = previous;
  }
  // Forward: a newer rule already in effect replaces this one.
  for (let guard = 0; guard < 50; guard++) {
    const next = kb.supersededBy.get(current.id);
    if (!next) break;
    const from = next.by.effective?.from;
    if (from !== undefined && from > date) return { entry: current, upcoming: next };
    current = next.by;
  }
  return { entry: current };
}
