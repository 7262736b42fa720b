/**
 * Each Chinese character's toneless pinyin syllable, for the ranker's pinyin view
 * (ranker-features.ts), read from a committed table instead of computed by `pinyin-pro` at run
 * time: loading that library and building its phrase dictionary cost about 200 ms of every
 * start, and the pinyin view reads characters one at a time anyway, so the table gives exactly
 * what the library gives (docs/operations.md, "Start-up path").
 *
 * `knowledge/pinyin-syllables.txt` covers the ranges the features read (U+3400–U+9FFF,
 * U+F900–U+FAFF) in blocks of 256 code points, one line a block: the block's first code point in
 * hex, then each character's syllable, space-separated, `-` for a character that has none (it
 * reads as itself, as `pinyin-pro` returns it). Dense lines parse in a few milliseconds.
 *
 *   npm run kb:syllables          rewrites the table from pinyin-pro (after upgrading it)
 *
 * `npm run kb:check` fails when the table differs from what the installed pinyin-pro gives.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as PinyinPro from "pinyin-pro";

export const SYLLABLE_FILE = fileURLToPath(new URL("./pinyin-syllables.txt", import.meta.url));

/** The code-point ranges the pinyin view reads (ranker-features.ts `CJK_RUN`). */
export const SYLLABLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x9fff],
  [0xf900, 0xfaff],
];

const HEADER = "# toneless pinyin of each character: a block's first code point (hex), then 256 syllables (- for none); written by `npm run kb:syllables` from pinyin-pro";
const BLOCK = 256;
const NONE = "-";

/** Code point → syllable, with `undefined` where the character has none. */
export interface SyllableTable {
  get(cp: number): string | undefined;
}

/** Parses the table's text (see the header). */
export function parseSyllables(text: string): SyllableTable {
  const blocks = new Map<number, string[]>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const cells = line.split(" ");
    blocks.set(Number.parseInt(cells[0]!, 16), cells);
  }
  return {
    get(cp) {
      const start = cp - (cp % BLOCK);
      const s = blocks.get(start)?.[cp - start + 1];
      return s === undefined || s === NONE ? undefined : s;
    },
  };
}

let table: SyllableTable | undefined;

/** The character's toneless syllable (`行` → `xing`), or the character itself when it has none. */
export function syllableOf(ch: string): string {
  table ??= parseSyllables(readFileSync(SYLLABLE_FILE, "utf8"));
  return table.get(ch.codePointAt(0)!) ?? ch;
}

/**
 * The table as `pinyin-pro` gives it: each character read alone (so a polyphonic character
 * always gets the same syllable), without tones, and without the surname readings.
 */
export function computeSyllables(): string {
  // Loaded only here (kb:syllables, kb:check), never by the bot.
  const { pinyin } = createRequire(import.meta.url)("pinyin-pro") as typeof PinyinPro;
  const lines = [HEADER];
  for (const [from, to] of SYLLABLE_RANGES) {
    for (let start = from; start <= to; start += BLOCK) {
      const cells = [start.toString(16)];
      for (let cp = start; cp < start + BLOCK; cp++) {
        const ch = String.fromCodePoint(cp);
        const s = cp <= to ? pinyin(ch, { toneType: "none", surname: "off" }) : "";
        if (/[\s-]/u.test(s)) throw new Error(`pinyin-pro gives "${s}" for ${ch}: the table cannot hold it`);
        cells.push(s && s !== ch ? s : NONE);
      }
      lines.push(cells.join(" "));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Whether the committed table is what the installed pinyin-pro gives; the first difference if not. */
export function checkSyllables(): string | undefined {
  let committed: string;
  try {
    committed = readFileSync(SYLLABLE_FILE, "utf8");
  } catch {
    return `${SYLLABLE_FILE} is missing: run npm run kb:syllables`;
  }
  const fresh = computeSyllables();
  if (committed === fresh) return undefined;
  const a = committed.split("\n");
  const b = fresh.split("\n");
  const i = a.findIndex((line, k) => line !== b[k]);
  return `${SYLLABLE_FILE} differs from pinyin-pro at line ${i + 1} ("${a[i] ?? ""}" vs "${b[i] ?? ""}"): run npm run kb:syllables`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SYLLABLE_FILE, computeSyllables());
  console.log(`wrote ${SYLLABLE_FILE}`);
}
