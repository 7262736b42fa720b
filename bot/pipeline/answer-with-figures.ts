/**
 * The pipeline's hook for hypothetical checks (docs/computed-answers.md): after the matcher has
 * ranked the entries, a question that carries the figures a rule needs gets the computed result
 * instead of the rule table; one that lacks them gets the entry's answer plus a line naming the
 * figure that would give the exact result. Which rule: the matched entry's `compute`, else a
 * close candidate's, else the rule whose words the question uses — never the phrasing alone,
 * since the matcher's choice between neighbouring entries shifts as it is retrained.
 */
import { DateTime } from "luxon";
import type { KnowledgeEntry } from "../../knowledge/load-knowledge.js";
import type { Match } from "../../knowledge/match-question.js";
import type { ComputeRule } from "../../knowledge/schema.js";
import { SHANGHAI } from "../../rules/index.js";
import { sourceLine } from "../commands/format-check.js";
import { CALCULATORS, eachComputed, unusedLine, type Calculation, type Calculator, type Computed, type NeedsFigure } from "./compute-answer.js";
import type { PipelineDeps } from "./deps.js";
import { extractSlots, type NumberSlot, type Slots } from "./extract-slots.js";
import { companyFactKind, companyFactName, unplacedFigures, type Unplaced } from "./account-figures.js";
import type { Language } from "../../knowledge/language.js";
import { validityAt, validityNote } from "../../knowledge/validity.js";
import { answerReply, faqMessage, voteActions } from "./format-entry.js";
import { makeReply } from "./replies.js";
import type { IncomingMessage, Reply } from "./types.js";

/** The title of every computed reply: how a reader (and the scorer) tells it from a quoted rule. */
export const COMPUTED_TITLE = "按你的数字计算";
/** The first words of every computed reply. */
export const COMPUTED_LEAD = "按你给的数字算";
/** The same two, for a question asked in English (docs/languages.md). */
export const COMPUTED_TITLE_EN = "Worked out from your figures";
export const COMPUTED_LEAD_EN = "From your figures";

/** Whether a reply presents a computed result. */
export function isComputedReply(reply: Reply): boolean {
  return reply.title === COMPUTED_TITLE || reply.title === COMPUTED_TITLE_EN;
}

/** Anything a number can be read from: digits (full-width too), Chinese numerals, English ordinals. */
const MAY_HOLD_FIGURES = /[0-9０-９零〇一二两兩三四五六七八九十百千万萬亿億]|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth/iu;

function hasFigures(slots: Slots): boolean {
  return slots.numbers.length > 0 || slots.dates.length > 0;
}

/** What a calculator asks for when the question gives it nothing, in both wordings. */
function askOf(rule: ComputeRule, now: DateTime): NeedsFigure | undefined {
  const r = CALCULATORS[rule].run(extractSlots("", now), now);
  return r.kind === "needs" ? r : undefined;
}

/** The figures named in a hint, as written. */
const quoted = (u: readonly Unplaced[], open: string, close: string, sep: string) => u.slice(0, 3).map((f) => `${open}${f.raw}${close}`).join(sep);

function hintZh(unplaced: readonly Unplaced[], ask: string): string {
  if (unplaced.length === 0) return `**想算你自己的情况？**${ask}`;
  return `**想算你自己的情况？**你给的${quoted(unplaced, "「", "」", "、")}在这条规则里算什么我没法确定，所以没有替你算，以免给出不对的数字。${ask}`;
}

/** A figure as the question wrote it, for an English line: one written with Chinese goes in parentheses. */
const HAN = /\p{Script=Han}/u;
const quotedEn = (u: readonly Unplaced[]) => u.slice(0, 3).map((f) => (HAN.test(f.raw) ? `(${f.raw})` : `"${f.raw}"`)).join(", ");

function hintEn(unplaced: readonly Unplaced[], ask: string): string {
  const line = ask || "Put your own figure (a date, an amount, a score) in the question.";
  if (unplaced.length === 0) return `**Want it worked out for you?** ${line}`;
  return `**Want it worked out for you?** I could not tell what ${quotedEn(unplaced)} stands for in this rule, so I did not compute a figure rather than risk a wrong one. ${line}`;
}

/** The fixed words of a computed reply, in each language (the figures come from the calculator). */
const COMPUTED_WORDS: Readonly<Record<Language, { title: string; lead: string; working: string; rule: string; closing: string; fullRule: string }>> = {
  zh: {
    title: COMPUTED_TITLE,
    lead: `${COMPUTED_LEAD}：`,
    working: "算法：",
    rule: "规则：",
    closing: "以上按你在问题里给出的数字计算，其余情况以简报规则为准。",
    fullRule: "查看完整规则",
  },
  en: {
    title: COMPUTED_TITLE_EN,
    lead: `${COMPUTED_LEAD_EN}: `,
    working: "Working: ",
    rule: "Rule: ",
    closing: "Worked out from the figures in your question; anything else follows the briefing's rules.",
    fullRule: "See the full rule",
  },
};

function computedReply(c: Computed, entry: KnowledgeEntry | undefined, confidence: number, now: Date, lang: Language): Reply {
  const words = COMPUTED_WORDS[lang];
  const lines = lang === "en" ? c.en : c;
  // Figures for an offer that has ended (or not started) say so first, as the entry would.
  const validity = validityNote(validityAt(entry?.effective, now), lang);
  const text = [
    ...(validity ? [validity, ""] : []),
    `**${words.lead}${lines.result}**`,
    "",
    `- ${words.working}${lines.arithmetic}`,
    `- ${words.rule}${lines.rule}`,
    "",
    sourceLine(c.source, lang),
    "",
    words.closing,
  ].join("\n");
  const actions = entry ? [{ label: words.fullRule, send: faqMessage(entry.id, { lang }) }, ...voteActions(entry.id, lang)] : [];
  return makeReply("answer", words.title, text, { entryId: entry?.id, confidence: Math.round(confidence * 1000) / 1000, actions });
}

/** Whether two positions of a text are in one clause (nothing between them ends one). */
function sameClause(text: string, a: number, b: number): boolean {
  if (b < 0) return false;
  return !/[，,。；;!?！？\n]|\.(?!\d)/u.test(text.slice(Math.min(a, b), Math.max(a, b)));
}

/** The entry that names `rule`, for the source link of a computed reply found by its words. */
function entryForRule(rule: ComputeRule, deps: PipelineDeps): KnowledgeEntry | undefined {
  for (const e of deps.kb.byId.values()) if (e.compute?.rule === rule) return e;
  for (const e of deps.kb.byId.values()) if (e.compute?.also?.includes(rule)) return e;
  return undefined;
}

interface Ranked {
  entry: KnowledgeEntry;
  confidence: number;
}

function ranked(match: Match): { primary: Ranked | undefined; others: Ranked[] } {
  if (match.kind === "answer") return { primary: match.candidate, others: match.alternatives };
  if (match.kind === "clarify") return { primary: undefined, others: match.candidates };
  return { primary: undefined, others: match.nearest ? [match.nearest] : [] };
}

/**
 * The computed reply for a question that carries a rule's figures, the entry's answer with a
 * line asking for the missing figure, or undefined to let the pipeline answer as usual.
 */
export function answerWithFigures(text: string, match: Match, msg: IncomingMessage, deps: PipelineDeps, lang: Language): Reply | undefined {
  const { primary, others } = ranked(match);
  const primaryRule = primary?.entry.compute?.rule;
  // No digit and no numeral: no slot can be read, and without a computing entry there is nothing to do.
  if (!primaryRule && !MAY_HOLD_FIGURES.test(text)) return undefined;
  const now = DateTime.fromJSDate(msg.now, { zone: SHANGHAI });
  const slots = extractSlots(text, now);

  // A result is shown only when it states every figure the question gave (account-figures.ts);
  // the first figure a rule could not place is named in the reply instead.
  // Figures about the company itself (staff, age, size, catalogue, unit prices) are named as not
  // used by a rule that does not read their kind, rather than keeping its result from being shown.
  // A rule runs without the story's figures it never reads (another order, an earlier month:
  // `Calculator.setsAside`), which its reply names as not used.
  const runOn = (calc: Calculator): Calculation => {
    const aside = calc.setsAside;
    return calc.run(aside && slots.numbers.some(aside) ? { ...slots, numbers: slots.numbers.filter((n) => !aside(n)) } : slots, now);
  };
  let unplaced: Unplaced[] = [];
  const shown = (r: Calculation, calc: Calculator): Computed | undefined => {
    if (r.kind !== "computed") return undefined;
    const missing = unplacedFigures(slots, r);
    if (missing.length === 0) return r;
    // "they also closed a US$2,000 offline deal on Sept 5": the day of a figure set aside goes with it.
    const asideDay = (u: Unplaced) => !u.number && slots.numbers.some((n) => calc.setsAside?.(n) && sameClause(slots.text, n.index, slots.text.indexOf(u.raw, Math.max(0, n.index - 40))));
    const facts = missing.flatMap((u): (NumberSlot | string)[] => {
      if (u.number && calc.setsAside?.(u.number)) return [u.number];
      if (asideDay(u)) return [u.raw];
      const kind = u.number && companyFactKind(u.number);
      return u.number && kind && !calc.readsCompanyFacts?.includes(kind) ? [u.number] : [];
    });
    if (facts.length < missing.length) {
      if (unplaced.length === 0) unplaced = missing.filter((u) => (u.number ? !facts.includes(u.number) : !facts.includes(u.raw)));
      return undefined;
    }
    const line = unusedLine(facts.map((f) => (typeof f === "string" ? f.trim() : companyFactName(f))), "这个结果", "this result");
    return { ...r, arithmetic: r.arithmetic + line.zh, en: { ...r.en, arithmetic: r.en.arithmetic + line.en } };
  };

  let primaryResult: Calculation | undefined;
  if (primary && primaryRule && hasFigures(slots)) {
    primaryResult = runOn(CALCULATORS[primaryRule]);
    const c = shown(primaryResult, CALCULATORS[primaryRule]);
    if (c) return computedReply(c, primary.entry, primary.confidence, msg.now, lang);
  }

  // "Can they appeal on objective grounds, and by when?": an entry whose rules each answer a part
  // of the question (every one its words name) answers with all of them, each line in turn, when
  // no one of them alone states every figure the question gave.
  // Each rule the question's words name, run once.
  const namedBy = (rules: readonly ComputeRule[]) => [...new Set(rules)].filter((r) => CALCULATORS[r].cue.test(slots.text)).map((rule) => ({ rule, r: runOn(CALCULATORS[rule]) }));
  const together = (parts: readonly { rule: ComputeRule; r: Calculation }[]): Computed | undefined => {
    if (parts.length < 2 || parts.length > 3) return undefined;
    const merged = eachComputed(parts.map((p) => p.r), true);
    if (!merged) return undefined;
    const calcs = parts.map((p) => CALCULATORS[p.rule]);
    const union: Calculator = {
      ...calcs[0]!,
      setsAside: (n) => calcs.some((c) => c.setsAside?.(n) === true),
      readsCompanyFacts: [...new Set(calcs.flatMap((c) => c.readsCompanyFacts ?? []))],
    };
    return shown(merged, union);
  };

  if (hasFigures(slots)) {
    for (const c of primary ? [primary, ...others] : others) {
      const both = c.entry.compute ? together(namedBy([c.entry.compute.rule, ...(c.entry.compute.also ?? [])])) : undefined;
      if (both) return computedReply(both, c.entry, c.confidence, msg.now, lang);
    }
    // A close candidate that computes, then any rule the question names by its words.
    const tried = new Set<ComputeRule>(primaryRule ? [primaryRule] : []);
    // The primary entry's further rules come first, then each close candidate's rules.
    const candidates = primary && primary.entry.compute?.also ? [{ ...primary, rules: primary.entry.compute.also }] : [];
    for (const c of others) if (c.entry.compute) candidates.push({ ...c, rules: [c.entry.compute.rule, ...(c.entry.compute.also ?? [])] });
    for (const c of candidates) {
      for (const rule of c.rules) {
        if (tried.has(rule) || !CALCULATORS[rule].cue.test(slots.text)) continue;
        tried.add(rule);
        const r = shown(runOn(CALCULATORS[rule]), CALCULATORS[rule]);
        if (r) return computedReply(r, c.entry, c.confidence, msg.now, lang);
      }
    }
    for (const [rule, calc] of Object.entries(CALCULATORS) as [ComputeRule, Calculator][]) {
      if (tried.has(rule) || !calc.cue.test(slots.text)) continue;
      const r = shown(runOn(calc), calc);
      if (r) return computedReply(r, entryForRule(rule, deps), primary?.confidence ?? others[0]?.confidence ?? 0, msg.now, lang);
    }
    // "能进找工厂频道吗？能上实力榜和热度榜吗？": rules of different entries, each its part of the
    // question, that compute and together state every figure given.
    const asked = namedBy(Object.keys(CALCULATORS) as ComputeRule[]).filter((p) => p.r.kind === "computed");
    const all = together(asked);
    if (all) return computedReply(all, entryForRule(asked[0]!.rule, deps), primary?.confidence ?? others[0]?.confidence ?? 0, msg.now, lang);
  }

  if (!primary || !primaryRule) return undefined;
  const r = primaryResult ?? runOn(CALCULATORS[primaryRule]);
  const late = primaryResult === undefined ? shown(r, CALCULATORS[primaryRule]) : undefined;
  if (late) return computedReply(late, primary.entry, primary.confidence, msg.now, lang);
  // The figure the reply asks for: the calculator's own line, or, when it computed from some
  // figures but not all, the same line asked with nothing given.
  const needed = r.kind === "needs" ? r : askOf(primaryRule, now);
  const base = answerReply(primary.entry, deps.kb, {
    now: msg.now,
    confidence: primary.confidence,
    alsoMeant: match.kind === "answer" ? match.alternatives.map((a) => a.entry) : [],
    lang,
  });
  // The line in the reply's language (docs/languages.md): every calculator words it both ways.
  const hint = base.lang === "en" ? hintEn(unplaced, needed?.en.ask ?? "") : hintZh(unplaced, needed?.ask ?? "");
  return { ...base, text: `${base.text}\n\n${hint}` };
}
