/**
 * Labelled merchant questions: the blind corpus (written from the briefing by people who had
 * not seen the knowledge base, labelled by someone else). The training questions
 * (`knowledge/training/*.jsonl`) are fitted on by `npm run kb:calibrate`; the locked
 * third (`test/fixtures/blind/locked.jsonl`) is only ever scored. How it was made:
 * test/fixtures/blind/README.md.
 *
 * A line is also a case for the public eval script (`q`, `expect`, `fallback`, `kind`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const LabelledQuestionSchema = z
  .object({
    id: z.string().min(1),
    q: z.string().min(1),
    style: z.string().min(1),
    /** Entries whose answer is right; empty for off-topic questions. */
    accept: z.array(z.string()).default([]),
    /** Regular expressions (case-insensitive) the reply must match: the fact it must state. */
    expect: z.array(z.string()).default([]),
    /** The briefing does not answer it: the bot must say it does not know. */
    fallback: z.boolean().optional(),
    /** Underspecified ("被罚了"): an overview or a clarify offering an accepted entry is right. */
    vague: z.boolean().optional(),
    /** Reply kinds that are right (the eval script's `kind`): `answer`, or `answer|clarify` for vague ones. */
    kind: z.string().optional(),
    /** The briefing answers it but no entry states the fact: what is missing (an in-scope miss until an entry covers it). */
    gap: z.string().optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((q) => q.fallback === true || q.accept.length > 0 || q.gap !== undefined, {
    message: "an in-scope question needs an accepted entry, or a gap saying what is missing",
  });

export type LabelledQuestion = z.infer<typeof LabelledQuestionSchema>;

/** Every `*.jsonl` file here is training data: the blind corpus's training two thirds, and later rounds. */
export const TRAINING_DIR = fileURLToPath(new URL("./training/", import.meta.url));

/** All training questions, file by file in name order. */
export function loadTrainingQuestions(dir: string = TRAINING_DIR): LabelledQuestion[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .flatMap((f) => loadLabelledQuestions(join(dir, f)));
}

/** Reads a JSONL file of labelled questions, naming the line of any bad one. */
export function loadLabelledQuestions(file: string): LabelledQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      const parsed = LabelledQuestionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${n}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      return parsed.data;
    });
}
