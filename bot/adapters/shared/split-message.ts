/**
 * Splits a long reply into parts DingTalk accepts (docs/dingtalk-protocol.md §5: keep a message
 * under ~15 KB). Cuts fall on paragraph boundaries, else line boundaries, so markdown emphasis,
 * links and list items stay whole; only a single line longer than the limit is cut inside.
 */

/** UTF-8 size of a string, the unit DingTalk's limit is in. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/**
 * Splits `text` into parts of at most `maxBytes` UTF-8 bytes each, preferring paragraph breaks,
 * then line breaks, then code-point boundaries. Returns `[text]` when it already fits.
 */
export function splitMessage(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError("maxBytes must be at least 4 (one UTF-8 code point)");
  if (byteLength(text) <= maxBytes) return [text];
  const parts: string[] = [];
  packPieces(text.split(/\n{2,}/), "\n\n", maxBytes, parts, (para) => {
    packPieces(para.split("\n"), "\n", maxBytes, parts, (line) => {
      hardSplit(line, maxBytes, parts);
    });
  });
  return parts.filter((p) => p.trim() !== "");
}

/**
 * Greedily joins `pieces` with `sep` into parts no larger than `maxBytes`; a piece that alone is
 * too large is handed to `tooBig` (which pushes its own parts) after flushing the current part.
 */
function packPieces(pieces: string[], sep: string, maxBytes: number, out: string[], tooBig: (piece: string) => void): void {
  const sepBytes = byteLength(sep);
  let current = "";
  let currentBytes = 0;
  for (const piece of pieces) {
    const pieceBytes = byteLength(piece);
    if (current !== "" && currentBytes + sepBytes + pieceBytes <= maxBytes) {
      current += sep + piece;
      currentBytes += sepBytes + pieceBytes;
      continue;
    }
    if (current !== "") out.push(current);
    current = "";
    currentBytes = 0;
    if (pieceBytes <= maxBytes) {
      current = piece;
      currentBytes = pieceBytes;
    } else {
      tooBig(piece);
    }
  }
  if (current !== "") out.push(current);
}

function hardSplit(line: string, maxBytes: number, out: string[]): void {
  let current = "";
  let currentBytes = 0;
  for (const ch of line) {
    const b = byteLength(ch);
    if (currentBytes + b > maxBytes) {
      out.push(current);
      current = "";
      currentBytes = 0;
    }
    current += ch;
    currentBytes += b;
  }
  if (current !== "") out.push(current);
}
