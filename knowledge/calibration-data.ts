/**
 * The data files `npm run kb:calibrate` fits with besides the entries and the labelled questions:
 * the off-topic questions and the merchants' context sentences (knowledge/calibration/).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { questionLanguage } from "./language.js";
import type { ContextSentences } from "./train-ranker.js";

export const OFF_TOPIC_FILE = fileURLToPath(new URL("./calibration/off-topic.txt", import.meta.url));
export const CONTEXT_FILE = fileURLToPath(new URL("./calibration/context-sentences.txt", import.meta.url));

/** The lines of a data file, without blank lines and `#` comments. */
function dataLines(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

export function readOffTopic(file = OFF_TOPIC_FILE): string[] {
  return dataLines(file);
}

/** The merchants' context sentences, by language; a line that asks something is a mistake in the file. */
export function readContext(file = CONTEXT_FILE): ContextSentences {
  const lines = dataLines(file);
  const asking = lines.filter((l) => /[?？]/u.test(l));
  if (asking.length > 0) throw new Error(`${file}: context sentences must not ask anything: ${asking.slice(0, 3).join(" | ")}`);
  return { zh: lines.filter((l) => questionLanguage(l) === "zh"), en: lines.filter((l) => questionLanguage(l) === "en") };
}

