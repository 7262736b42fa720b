/**
 * Reads an operator's merchant file (../shared/spec/merchant-record.md): a JSON array of records
 * or NDJSON (one record a line, blank lines ignored). Every record is validated with
 * MerchantSchema; every problem is reported with where it is, and a file with any problem is not
 * imported at all.
 */
import { readFileSync } from "node:fs";
import { MERCHANT_ID_PATTERN, MerchantSchema } from "../../rules/merchant.js";
import type { Merchant } from "../../rules/merchant.js";
import type { MerchantStore } from "./open-store.js";

export const IMPORT_PROBLEM_CODES = [
  /** The file holds nothing but whitespace. */
  "EMPTY_FILE",
  /** The file is one pretty-printed JSON object: neither an array nor one record a line. */
  "NOT_A_LIST",
  /** A record (or the array around them) is not valid JSON. */
  "INVALID_JSON",
  /** A required field is absent. */
  "MISSING_FIELD",
  /** A field has the wrong type or an out-of-range value. */
  "INVALID_FIELD",
  /** A field the record format does not have (often a typo). */
  "UNKNOWN_FIELD",
  /** Two records in the file share an id. */
  "DUPLICATE_ID",
] as const;

export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/** One reason a file is rejected. Render it with {@link formatProblem}. */
export interface ImportProblem {
  code: ImportProblemCode;
  /** 1-based position among the file's records; absent when the problem is the whole file's. */
  record?: number;
  /** 0-based index in the JSON array (array files only). */
  index?: number;
  /** 1-based line where the record, or the file-level problem, is. */
  line?: number;
  /** The record's id, when it has a well-formed one. */
  id?: string;
  /** The field, e.g. `rfq.responseRate24h` or `penalties[0].at`; `""` for the record as a whole. */
  path: string;
  message: string;
}

export type MerchantFileFormat = "json-array" | "ndjson";

/** What {@link parseMerchantFile} found. Import `records` only when `problems` is empty. */
export interface ParsedMerchantFile {
  format: MerchantFileFormat;
  /** How many records the file holds, valid or not. */
  total: number;
  /** The records that passed, in file order. */
  records: Merchant[];
  /** How many records have at least one problem. */
  rejected: number;
  problems: ImportProblem[];
}

/** The outcome of {@link importMerchants}: counts when written, every problem when not. */
export type ImportResult =
  | { ok: true; format: MerchantFileFormat; total: number; inserted: number; updated: number }
  | { ok: false; format: MerchantFileFormat; total: number; rejected: number; problems: ImportProblem[] };

export const IMPORT_ERROR_CODES = ["IMPORT_UNREADABLE", "IMPORT_NOT_UTF8", "IMPORT_REJECTED"] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** A merchant file that cannot be read, or (for callers that throw) was rejected. */
export class ImportError extends Error {
  override readonly name = "ImportError";

  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly problems: readonly ImportProblem[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Validates a whole merchant file without touching any store: use it to check a file, and let
 * {@link importMerchants} do the writing. Never throws for bad content; it reports it.
 */
export function parseMerchantFile(text: string): ParsedMerchantFile {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const lines = new LineIndex(body);
  const first = body.search(/\S/);
  if (first < 0) {
    return {
      format: "ndjson",
      total: 0,
      records: [],
      rejected: 0,
      problems: [{ code: "EMPTY_FILE", path: "", message: "the file is empty; it must hold a JSON array or one JSON record a line" }],
    };
  }
  return body[first] === "["
    ? validateAll("json-array", splitJsonArray(body, first, lines), lines)
    : validateAll("ndjson", splitNdjson(body, lines), lines);
}

/**
 * Validates `text` and, only if every record passes, upserts them all by id in one transaction.
 * Use it for operator imports (the CLI) and the demo seed. Store failures throw StoreError.
 */
export function importMerchants(store: Pick<MerchantStore, "upsertMerchants">, text: string): ImportResult {
  const parsed = parseMerchantFile(text);
  if (parsed.problems.length > 0) {
    return { ok: false, format: parsed.format, total: parsed.total, rejected: parsed.rejected, problems: parsed.problems };
  }
  const { inserted, updated } = store.upsertMerchants(parsed.records);
  return { ok: true, format: parsed.format, total: parsed.total, inserted, updated };
}

/**
 * Reads a merchant file as UTF-8.
 *
 * @throws {ImportError} IMPORT_UNREADABLE naming the file and the reason (missing, a directory, no permission).
 */
export function readMerchantFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
    const why =
      code === "ENOENT"
        ? "it does not exist"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES" || code === "EPERM"
            ? "permission denied"
            : err instanceof Error
              ? err.message
              : String(err);
    throw new ImportError("IMPORT_UNREADABLE", `cannot read the merchant file ${path}: ${why}.`, [], { cause: err });
  }
  return decodeUtf8(bytes, path);
}

/**
 * The file's text, refusing anything that is not valid UTF-8: a lenient decode would import
 * U+FFFD in place of the bad bytes (a merchant name silently garbled).
 * @throws {ImportError} IMPORT_NOT_UTF8 with the first bad byte's offset and line.
 */
export function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    const byte = (bytes[at] ?? 0).toString(16).padStart(2, "0");
    throw new ImportError(
      "IMPORT_NOT_UTF8",
      `${path} is not UTF-8 text (byte 0x${byte} at offset ${at}, line ${line}). Save it as UTF-8 (e.g. iconv -f GBK -t UTF-8) and import again.`,
      [],
      { cause },
    );
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    // Overlong 3-byte forms, surrogates and code points past U+10FFFF.
    if ((c === 0xe0 && b[i + 1]! < 0xa0) || (c === 0xed && b[i + 1]! >= 0xa0) || (c === 0xf0 && b[i + 1]! < 0x90) || (c === 0xf4 && b[i + 1]! >= 0x90)) return i;
    i += n + 1;
  }
  return b.length;
}

/** Problems printed for a rejected file; a garbage file would otherwise print one per line. */
export const MAX_PROBLEMS_SHOWN = 50;

/** Longest problem line printed; the rest is cut with "…" (a garbage file must not flood the terminal). */
export const MAX_PROBLEM_CHARS = 300;

/**
 * Makes text from the file safe to print: control characters (terminal escape sequences among
 * them) are shown as \u escapes, and the line is cut at {@link MAX_PROBLEM_CHARS}.
 */
export function printable(text: string, max = MAX_PROBLEM_CHARS): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const chars = [...escaped];
  return chars.length <= max ? escaped : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * `record 3 (line 4, id M10003): rfq.responseRate24h: must be a fraction from 0 to 1`, made
 * {@link printable} (ids and values come from the file).
 */
export function formatProblem(p: ImportProblem): string {
  return printable(describeProblem(p));
}

function describeProblem(p: ImportProblem): string {
  const where: string[] = [];
  if (p.index !== undefined) where.push(`index ${p.index}`);
  if (p.line !== undefined) where.push(`line ${p.line}`);
  if (p.id !== undefined) where.push(`id ${p.id}`);
  const field = p.path === "" ? "" : `${p.path}: `;
  if (p.record === undefined) {
    return p.line === undefined ? `${field}${p.message}` : `line ${p.line}: ${field}${p.message}`;
  }
  return `record ${p.record} (${where.join(", ")}): ${field}${p.message}`;
}

// ---------------------------------------------------------------------------------------------

/** A record's raw text and where it starts, before JSON parsing. */
interface Chunk {
  record: number;
  index?: number;
  offset: number;
  text: string;
}

interface Split {
  chunks: Chunk[];
  /** A problem with the file's structure (found before or after the chunks). */
  fileProblems: ImportProblem[];
}

function validateAll(format: MerchantFileFormat, split: Split, lines: LineIndex): ParsedMerchantFile {
  const problems: ImportProblem[] = [...split.fileProblems];
  const records: Merchant[] = [];
  const rejectedRecords = new Set<number>();
  const firstSeen = new Map<string, { record: number; line: number; index?: number }>();

  for (const chunk of split.chunks) {
    const line = lines.lineOf(chunk.offset);
    const at = { record: chunk.record, line, ...(chunk.index === undefined ? {} : { index: chunk.index }) };
    const reject = (p: Omit<ImportProblem, "record" | "line" | "index">): void => {
      problems.push({ ...at, ...p });
      rejectedRecords.add(chunk.record);
    };

    let value: unknown;
    try {
      value = JSON.parse(chunk.text);
    } catch (err) {
      reject({ code: "INVALID_JSON", path: "", message: `invalid JSON: ${jsonErrorMessage(err, chunk, lines)}` });
      continue;
    }

    const rawId = idOf(value);
    const idField = rawId === undefined ? {} : { id: rawId };
    const parsed = MerchantSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        for (const p of describeIssue(issue, value)) reject({ ...idField, ...p });
      }
    }
    if (rawId !== undefined) {
      const earlier = firstSeen.get(rawId);
      if (earlier === undefined) {
        firstSeen.set(rawId, at);
      } else {
        const there =
          earlier.index === undefined
            ? `record ${earlier.record} (line ${earlier.line})`
            : `record ${earlier.record} (index ${earlier.index}, line ${earlier.line})`;
        reject({ ...idField, code: "DUPLICATE_ID", path: "id", message: `duplicate id ${rawId}: also used by ${there}` });
      }
    }
    if (parsed.success && !rejectedRecords.has(chunk.record)) records.push(parsed.data);
  }

  return { format, total: split.chunks.length, records, rejected: rejectedRecords.size, problems };
}

/** Turns one zod issue into problems: one per unknown key, and plain words for a missing field. */
function describeIssue(
  issue: {
    code: string;
    path: readonly PropertyKey[];
    message: string;
    keys?: readonly string[];
    expected?: string;
    values?: readonly unknown[];
  },
  value: unknown,
): Omit<ImportProblem, "record" | "line" | "index">[] {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys" && issue.keys !== undefined) {
    return issue.keys.map((key) => ({
      code: "UNKNOWN_FIELD" as const,
      path: formatPath([...issue.path, key]),
      message: "unknown field: the merchant record format has no such field (check the spelling)",
    }));
  }
  if (issue.path.length > 0 && valueAt(value, issue.path) === undefined) {
    const hint =
      issue.expected !== undefined
        ? ` (expected ${issue.expected})`
        : issue.values !== undefined
          ? ` (one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")})`
          : "";
    return [{ code: "MISSING_FIELD", path, message: `is required${hint}` }];
  }
  return [{ code: "INVALID_FIELD", path, message: issue.message }];
}

/** The raw value at a zod path, or undefined when any step is absent. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at !== "object" || at === null || typeof key === "symbol") return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** `["penalties", 0, "at"]` → `penalties[0].at`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join("");
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value) || !("id" in value)) return undefined;
  return typeof value.id === "string" && MERCHANT_ID_PATTERN.test(value.id) ? value.id : undefined;
}

/** V8's JSON message, with the position made a line and column and the echoed input dropped. */
function jsonErrorMessage(err: unknown, chunk: Chunk, lines: LineIndex): string {
  const message = err instanceof Error ? err.message : String(err);
  const position = /^(.*?) (?:in JSON )?at position (\d+)/.exec(message);
  if (position !== null) {
    const offset = chunk.offset + Number(position[2]);
    return `${position[1]} at line ${lines.lineOf(offset)} column ${lines.columnOf(offset)}`;
  }
  const token = /^(Unexpected token .+?), ".*" is not valid JSON$/s.exec(message);
  if (token?.[1] !== undefined) return token[1];
  return message;
}

/** NDJSON: every non-blank line is one record. */
function splitNdjson(body: string, lines: LineIndex): Split {
  const chunks: Chunk[] = [];
  let offset = 0;
  for (const line of body.split("\n")) {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (text.trim() !== "") chunks.push({ record: chunks.length + 1, offset, text });
    offset += line.length + 1;
  }

  // A pretty-printed single object fails on every line; say what the file should look like.
  if (chunks.length > 1 && !isJson(chunks[0]?.text ?? "") && isJson(body)) {
    return {
      chunks: [],
      fileProblems: [
        {
          code: "NOT_A_LIST",
          line: lines.lineOf(chunks[0]?.offset ?? 0),
          path: "",
          message:
            "the file is a single JSON object spread over several lines; wrap the records in a JSON array [ … ] " +
            "or put one record on each line (NDJSON)",
        },
      ],
    };
  }
  return { chunks, fileProblems: [] };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the top-level elements of a JSON array without parsing them, so that each element can be
 * parsed and validated on its own and reported with its line, even when another one is broken.
 */
function splitJsonArray(body: string, open: number, lines: LineIndex): Split {
  const chunks: Chunk[] = [];
  const fail = (offset: number, message: string): Split => ({
    chunks,
    fileProblems: [{ code: "INVALID_JSON", line: lines.lineOf(offset), path: "", message: `invalid JSON: ${message}` }],
  });
  const push = (start: number, end: number): void => {
    chunks.push({ record: chunks.length + 1, index: chunks.length, offset: start, text: body.slice(start, end) });
  };

  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let afterComma = false;
  for (let i = open + 1; i < body.length; i++) {
    const c = body[i] ?? "";
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 0 && (c === "," || c === "]")) {
      if (start < 0) {
        if (c === "]" && !afterComma) return trailing(i); // `[]`
        return fail(i, c === "," ? "a comma with no record before it" : "a trailing comma before the closing ]");
      }
      push(start, i);
      start = -1;
      if (c === "]") return trailing(i);
      afterComma = true;
      continue;
    }
    if (start < 0 && !/\s/.test(c)) start = i;
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth += 1;
    else if (c === "}" || c === "]") {
      depth -= 1;
      if (depth < 0) return fail(i, `unexpected "${c}" with nothing open`);
    }
  }
  if (start >= 0) {
    return fail(start, `record ${chunks.length + 1} starting here never ends (a missing }, ] or ", or the closing ] of the array)`);
  }
  return fail(body.length, "the array is never closed: add the closing ]");

  function trailing(close: number): Split {
    const extra = body.slice(close + 1).search(/\S/);
    if (extra >= 0) return fail(close + 1 + extra, "unexpected text after the closing ] of the array");
    return { chunks, fileProblems: [] };
  }
}

/** Offset → 1-based line and column, by binary search over line starts. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  columnOf(offset: number): number {
    return offset - (this.starts[this.lineOf(offset) - 1] ?? 0) + 1;
  }
}
