/**
 * Decides what to do with a question from the ranked candidates: answer it, ask which of a few
 * close entries was meant, or say plainly that the briefing does not cover it. The thresholds
 * are the index's calibrated ones (calibration.json).
 */
import type { Candidate, SearchIndex } from "./search-index.js";

export type Match =
  | { kind: "answer"; candidate: Candidate; alternatives: Candidate[]; normalized: string }
  | { kind: "clarify"; candidates: Candidate[]; normalized: string }
  | { kind: "fallback"; nearest?: Candidate; normalized: string };

/** At most this many entries are offered in a clarify prompt (or as "you may also mean"). */
export const MAX_CLARIFY_OPTIONS = 3;

/**
 * - the best candidate is probably out of scope (P(in scope) below `scope`): fallback;
 * - it is sure (P(right | in scope) reaches `answer`), or no other in-scope candidate ranks
 *   within `clarifyWithin` of it (nothing to choose between): answer, naming any close
 *   runners-up as "you may also mean";
 * - otherwise: clarify, offering the close candidates, at most three.
 */
export function matchQuestion(index: SearchIndex, question: string): Match {
  const { normalized, candidates } = index.search(question, 5);
  const [top] = candidates;
  const t = index.calibration.thresholds;
  if (!top || top.inScope < t.scope) return { kind: "fallback", nearest: top, normalized };
  const close = candidates.filter((x) => x.inScope >= t.scope && top.score - x.score <= t.clarifyWithin);
  if (top.confidence / top.inScope >= t.answer || close.length === 1) {
    return { kind: "answer", candidate: top, alternatives: close.slice(1, MAX_CLARIFY_OPTIONS), normalized };
  }
  return { kind: "clarify", candidates: close.slice(0, MAX_CLARIFY_OPTIONS), normalized };
}
