/**
 * Decides what to do with a question from the ranked candidates: answer it, ask which of a few
 * close entries was meant, or say plainly that the briefing does not cover it. The thresholds
 * are the index's calibrated ones (calibration.json).
 */
import { hasQuestionWord } from "./ranker-features.js";
import type { Candidate, SearchIndex } from "./search-index.js";
import { LIGHT_CHARS } from "./tokenize.js";

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
  if (namesOnlyATopic(normalized)) return matchTopic(index, candidates, normalized, t);
  const close = candidates.filter((x) => x.inScope >= t.scope && top.score - x.score <= t.clarifyWithin);
  if (top.confidence / top.inScope >= t.answer || close.length === 1) {
    return { kind: "answer", candidate: top, alternatives: close.slice(1, MAX_CLARIFY_OPTIONS), normalized };
  }
  return clarifyOrFallback(index, close, normalized);
}

/**
 * A clarify offers only entries the ranker finds plausible (at least this probability): a
 * choice between entries that merely share a word with the question ("how do i lose weight
 * fast" → 信保关闭90天? 快速交易星等级?) is no help, so with no plausible entry the bot says it
 * does not know instead.
 */
export const CLARIFY_MIN_LEARNED = 0.1;

function clarifyOrFallback(index: SearchIndex, offered: Candidate[], normalized: string): Match {
  const plausible = index.ranker ? offered.filter((c) => c.features.learned >= CLARIFY_MIN_LEARNED) : offered;
  if (plausible.length === 0) return { kind: "fallback", nearest: offered[0], normalized };
  return { kind: "clarify", candidates: plausible.slice(0, MAX_CLARIFY_OPTIONS), normalized };
}

/** A topic-only question has at most this many informative characters ("被罚了", "保障升级服务"). */
const TOPIC_ONLY_MAX_CHARS = 6;
/** An overview entry this close to the best candidate (ranking score) answers a topic-only question. */
const OVERVIEW_WITHIN = 0.3;
/** …unless the best candidate is this sure of itself (the ranker's probability) and is the only close one. */
const TOPIC_SPECIFIC_SURE = 0.75;

/**
 * A question that names only its topic and asks nothing about it: short, without a question
 * word ("被罚了", "金品", "入驻", "tell me about the guarantee").
 */
export function namesOnlyATopic(normalized: string): boolean {
  if (hasQuestionWord(normalized)) return false;
  const cjk = [...normalized].filter((ch) => /[\u3400-\u9fff]/u.test(ch) && !LIGHT_CHARS.has(ch)).length;
  const latin = (normalized.match(/[a-z]{3,}/gu) ?? []).length;
  return cjk + 2 * latin <= TOPIC_ONLY_MAX_CHARS && cjk + latin > 0;
}

/**
 * A topic-only question gets the topic's overview entry (with the specific entries as "you may
 * also mean"), never one specific rule picked by chance — "被罚了" must not get the harshest
 * penalty. Without an overview near the top, it gets one specific entry only when the ranking
 * is sure and nothing else is close; otherwise a choice between the first entries that are in
 * scope ("入驻": joining the guarantee upgrade, or Find Factory …), however far apart their
 * scores, since a topic alone is exactly where the ranking cannot tell which is meant.
 */
function matchTopic(index: SearchIndex, candidates: Candidate[], normalized: string, t: SearchIndex["calibration"]["thresholds"]): Match {
  const top = candidates[0]!;
  const overview = candidates.find((c) => c.entry.overview && top.score - c.score <= OVERVIEW_WITHIN);
  if (overview) {
    const others = candidates.filter((c) => c !== overview).slice(0, MAX_CLARIFY_OPTIONS);
    return { kind: "answer", candidate: overview, alternatives: others, normalized };
  }
  const close = candidates.filter((c) => top.score - c.score <= t.clarifyWithin);
  if (close.length === 1 && top.features.learned >= TOPIC_SPECIFIC_SURE) {
    return { kind: "answer", candidate: top, alternatives: candidates.slice(1, MAX_CLARIFY_OPTIONS), normalized };
  }
  const inScope = candidates.filter((c) => c.inScope >= t.scope);
  if (inScope.length >= 2) return { kind: "clarify", candidates: inScope.slice(0, MAX_CLARIFY_OPTIONS), normalized };
  return clarifyOrFallback(index, candidates, normalized);
}
