/**
 * Protected brand names in a product title, spec/rules.md §10 — `/trademark <product title>`.
 */

/**
 * briefing: 2021年8月国际站知识产权专题解读 — 专题商标名称汇总 (the August 2021 list), copied cell by
 * cell, row by row, exactly as the slide's three-column table writes it. The slide lists
 * CRAZY CART twice and leaves the last cell empty.
 */
export const BRIEFING_TRADEMARK_TABLE = [
  ["Dyneema", "CRAZY CART", "Concrete Canvas"],
  ["WAHL", "BAGUETTE", "SCANIA"],
  ["Bicycle", "BlendJet", "Retrospec"],
  ["NERF", "CASETIFY", "CRAZY CART"],
  ["18V", "Rational", "Builder Gel"],
  ["Secretlab", "MATE", "Stündenglass"],
  ["QUIETCOMFORT", "Calvin Klein", "STERILLIUM 斯利姆"],
  ["Beechfield", "LASHIFY", "NEOPIXEL"],
  ["Ray. Ban", "AIRPODS PRO", "赫曼 HARTMANN"],
  ["PLEXIGLAS", "Flawless"],
] as const;

/** The distinct names of the table, in table order (28: CRAZY CART once). */
export const PROTECTED_TRADEMARKS: readonly string[] = [...new Set(BRIEFING_TRADEMARK_TABLE.flat())];

/**
 * Names that are also everyday words, specifications or product types. They are still flagged
 * (the list protects them, e.g. MATE for phones, Bicycle for playing cards), but marked
 * `generic` so that the answer asks the merchant to judge by the product, not to panic.
 */
export const GENERIC_TRADEMARKS: ReadonlySet<string> = new Set([
  "Bicycle",
  "18V",
  "Rational",
  "MATE",
  "Flawless",
  "BAGUETTE",
  "Builder Gel",
]);

/** A protected name found in a title. */
export interface TrademarkMatch {
  /** The name as the briefing writes it. */
  readonly trademark: string;
  /** The text of the title that matched (original spelling). */
  readonly matched: string;
  /** UTF-16 offset of `matched` in the title. */
  readonly index: number;
  /** True for the everyday-word names in {@link GENERIC_TRADEMARKS}. */
  readonly generic: boolean;
}

const HAN = /\p{Script=Han}/u;
/** Between the words of a name: up to 3 spaces or punctuation marks (Ray.Ban, Ray - Ban, RayBan). */
const SEPARATOR = String.raw`[\s\p{P}\p{S}]{0,3}`;
/**
 * A Latin name must not touch another Latin letter on either side, nor a digit before it: `MATE`
 * is not in `material`, `18V` not in `118V`. Chinese characters around it are fine (`正品Calvin
 * Klein内裤`), and so is a model number right after it (`Mate40`, `AirPods Pro2`).
 */
const NOT_WORD_BEFORE = String.raw`(?<![\p{Script=Latin}\p{N}])`;
const NOT_WORD_AFTER = String.raw`(?![\p{Script=Latin}])`;
const NOT_DIGIT_AFTER = String.raw`(?!\p{N})`;

/** Lower case, compatibility forms (full-width letters) and diacritics folded: Stündenglass → stundenglass. */
function foldChar(ch: string): string {
  return ch.normalize("NFKD").toLowerCase().replace(/\p{M}/gu, "");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * One matchable form of a name: its pattern, and a piece of text every match contains (the
 * Chinese name, or the first Latin word folded). Most titles contain no needle at all, and a
 * form whose needle is absent is never run: its pattern is not even compiled by the regex
 * engine, which otherwise costs the first question after a start tens of milliseconds.
 */
interface Form {
  needle: string;
  pattern: RegExp;
}

/**
 * A name's matchable forms: a cell such as `STERILLIUM 斯利姆` holds a Latin name and its Chinese
 * name, either of which counts. Latin forms need word boundaries (see {@link NOT_WORD_BEFORE}),
 * so that `MATE` does not hit `material` nor `NERF` `nerfed`; Chinese forms match anywhere (no
 * word boundaries in Chinese text).
 */
function formsOf(name: string): Form[] {
  const chunks = name.split(/\s+/).filter((c) => c.length > 0);
  const latin = chunks.filter((c) => !HAN.test(c)).join(" ");
  const han = chunks.filter((c) => HAN.test(c));
  const forms: Form[] = han.map((c) => ({ needle: c, pattern: new RegExp(escapeRegExp(c), "u") }));
  const words = [...latin].map(foldChar).join("").split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  if (words.length > 0) {
    const body = words.map(escapeRegExp).join(SEPARATOR);
    const after = /\p{N}$/u.test(body) ? NOT_WORD_AFTER + NOT_DIGIT_AFTER : NOT_WORD_AFTER;
    forms.push({ needle: words[0]!, pattern: new RegExp(`${NOT_WORD_BEFORE}${body}${after}`, "u") });
  }
  return forms;
}

const MATCHERS = PROTECTED_TRADEMARKS.map((trademark) => ({
  trademark,
  forms: formsOf(trademark),
  generic: GENERIC_TRADEMARKS.has(trademark),
}));

/** The folded title and, for each folded UTF-16 unit, the offset of its source character. */
function foldTitle(title: string): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  let offset = 0;
  for (const ch of title) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) origin.push(offset);
    folded += f;
    offset += ch.length;
  }
  return { folded, origin };
}

/**
 * Finds the August 2021 protected brand names (briefing list) in a product title, for
 * `/trademark`. Case-insensitive, diacritics and full-width forms folded, spaces and punctuation
 * between the words of a name ignored (`Ray.Ban`, `AIRPODS PRO`, `airpodspro`). Latin names must
 * stand as whole words (Chinese text or a model number may touch them): `Bicycles`, `material`
 * and `Plexiglass` are not hits, `正品Calvin Klein` and `Mate40` are. Everyday-word names
 * are returned with `generic: true`. One match per name (its first occurrence), in title order.
 */
export function findTrademarks(title: string): readonly TrademarkMatch[] {
  const { folded, origin } = foldTitle(title);
  const matches: TrademarkMatch[] = [];
  for (const { trademark, forms, generic } of MATCHERS) {
    let best: { start: number; end: number } | null = null;
    for (const { needle, pattern } of forms) {
      if (!folded.includes(needle)) continue;
      const m = pattern.exec(folded);
      if (!m || m[0].length === 0) continue;
      const start = origin[m.index];
      const last = origin[m.index + m[0].length - 1];
      if (start === undefined || last === undefined) continue;
      const end = last + ((title.codePointAt(last) ?? 0) > 0xffff ? 2 : 1);
      if (!best || start < best.start) best = { start, end };
    }
    if (best) matches.push({ trademark, matched: title.slice(best.start, best.end), index: best.start, generic });
  }
  return matches.sort((a, b) => a.index - b.index);
}
