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

export interface KnowledgeBase {
  sections: Section[];
  entries: KnowledgeEntry[];
  byId: ReadonlyMap<string, KnowledgeEntry>;
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
  if (problems.length > 0) throw new KnowledgeError(problems);

  sections.sort((a, b) => a.number - b.number || a.briefing.localeCompare(b.briefing));
  return { sections, entries, byId };
}
