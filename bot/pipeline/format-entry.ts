/**
 * Renders knowledge entries as replies, short enough for a phone (docs/replies.md): the answer
 * (the version in effect, saying what changed and since when if a newer briefing replaced it)
 * and one short source line; the follow-up questions a merchant is likely to ask next and the
 * 👍/👎 votes are one-tap actions, not text. `/faq <id> 全文` adds the dates, the full source and
 * every related question.
 */
import { DateTime } from "luxon";
import { currentVersion } from "../../knowledge/load-knowledge.js";
import type { KnowledgeBase, KnowledgeEntry } from "../../knowledge/load-knowledge.js";
import type { Language } from "../../knowledge/language.js";
import type { Effective } from "../../knowledge/schema.js";
import { formatValidityRange, validityWindow } from "../../knowledge/validity.js";
import { validityAt, validityNote } from "../../knowledge/validity.js";
import { makeReply } from "./replies.js";
import type { Reply, ReplyAction } from "./types.js";

const BRIEFING_NAME = (date: string) => {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日商家发布会`;
};

function formatEffective(e: Effective | undefined): string | undefined {
  if (!e) return undefined;
  const window = validityWindow(e);
  const parts = [window ? formatValidityRange(window, "zh") : undefined, e.note].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join("；") : undefined;
}

/** The full source, for `/faq <id> 全文`: briefing, part and slide. */
function formatSource(entry: KnowledgeEntry): string {
  return `来源：${BRIEFING_NAME(entry.section.briefing)} · ${entry.source.section} · ${entry.source.slide}`;
}

/** The one short source line under an answer: the briefing and the talk, not the slide. */
function shortSource(entry: KnowledgeEntry, lang: Language): string {
  const talk = entry.source.section.split(" · ").pop() ?? entry.source.section;
  if (lang === "en") return `Source: merchant briefing of ${BRIEFING_NAME_EN(entry.section.briefing)} (${talk})`;
  return `来源：${BRIEFING_NAME(entry.section.briefing)} · ${talk}`;
}

const BRIEFING_NAME_EN = (date: string) => DateTime.fromISO(date).setLocale("en").toFormat("d MMMM yyyy");

/** The entry's label and answer in the asker's language (docs/languages.md). */
export const topicIn = (entry: KnowledgeEntry, lang: Language) => (lang === "en" ? entry.topicEn : entry.topic);
const answerIn = (entry: KnowledgeEntry, lang: Language) => (lang === "en" ? entry.answerEn : entry.answer);

/** How many follow-up questions an answer offers as buttons (a phone shows about five). */
export const FOLLOW_UPS_SHOWN = 3;

/**
 * The message a tap sends to see an entry: short by default, `全文` for everything, `en` to keep
 * answering in English.
 */
export const faqMessage = (id: string, { full = false, lang = "zh" }: { full?: boolean; lang?: Language } = {}) =>
  `/faq ${id}${full ? " 全文" : ""}${lang === "en" ? " en" : ""}`;

/** The 👍/👎 votes under an answer; they arrive as `/feedback up|down <id>`. */
export function voteActions(entryId: string, lang: Language = "zh"): ReplyAction[] {
  return [
    { label: lang === "en" ? "👍 Helpful" : "👍 有帮助", send: `/feedback up ${entryId}`, kind: "vote" },
    { label: lang === "en" ? "👎 Not helpful" : "👎 没帮助", send: `/feedback down ${entryId}`, kind: "vote" },
  ];
}

/**
 * The follow-ups under an answer, as buttons: the entries the matcher found almost as close
 * (so a near miss costs one tap), then the entry's own related questions.
 */
function followUps(entry: KnowledgeEntry, kb: KnowledgeBase, alsoMeant: readonly KnowledgeEntry[], lang: Language): ReplyAction[] {
  const seen = new Set([entry.id]);
  const out: ReplyAction[] = [];
  const candidates = [...alsoMeant, ...entry.related.map((id) => kb.byId.get(id)).filter((e): e is KnowledgeEntry => e !== undefined)];
  for (const e of candidates) {
    if (seen.has(e.id) || out.length >= FOLLOW_UPS_SHOWN) continue;
    seen.add(e.id);
    out.push({ label: topicIn(e, lang), send: faqMessage(e.id, { lang }) });
  }
  return out;
}

/** Everything under `/faq <id> 全文`: dates, the full source, and every related question. */
function fullDetails(entry: KnowledgeEntry, kb: KnowledgeBase): string[] {
  const lines: string[] = [];
  const effective = formatEffective(entry.effective);
  if (effective) lines.push(`> 时间：${effective}`);
  lines.push(`> ${formatSource(entry)}`);
  const related = entry.related.map((id) => kb.byId.get(id)).filter((e): e is KnowledgeEntry => e !== undefined);
  if (related.length > 0) {
    lines.push("", "**相关问题**", "");
    for (const r of related) lines.push(`- ${r.question}`);
  }
  return lines;
}

/**
 * The reply for an entry the merchant asked about, as of `now`: if a newer briefing replaced it,
 * the newer rule, with what changed and since when; if a change is announced but not yet in
 * effect, the current rule with a note of what is coming. `exact` (for /faq <id>) shows the
 * asked entry itself, old or not, saying what replaced it.
 */
export function answerReply(
  asked: KnowledgeEntry,
  kb: KnowledgeBase,
  {
    now,
    confidence,
    alsoMeant = [],
    exact = false,
    full = false,
    lang = "zh",
  }: { now: Date; confidence: number; alsoMeant?: readonly KnowledgeEntry[]; exact?: boolean; full?: boolean; lang?: Language },
): Reply {
  const today = DateTime.fromJSDate(now, { zone: "Asia/Shanghai" }).toISODate() ?? "";
  const version = currentVersion(kb, asked, today);
  const entry = exact ? asked : version.entry;
  const notes: string[] = [];
  const en = lang === "en";
  // An offer that has ended (or not started) says so first, with its dates (docs/validity.md).
  const validity = validityNote(validityAt(entry.effective, now), lang);
  if (validity) notes.push(validity);
  const replacedBy = kb.supersededBy.get(entry.id);
  if (exact && replacedBy && entry !== version.entry) {
    const from = replacedBy.by.effective?.from ?? "";
    notes.push(
      en
        ? `> **This is an old rule**: replaced from ${from} (${replacedBy.change}); the rule in force: /faq ${version.entry.id} en`
        : `> **这是旧规则**：自 ${from} 起已被取代，${replacedBy.change}（现行规则见 /faq ${version.entry.id}）`,
    );
  }
  for (const s of entry.supersedes) {
    const from = entry.effective?.from ?? "";
    notes.push(
      en
        ? `> **Rule updated** from ${from} (${s.change}); the old rule: /faq ${s.id} en`
        : `> **规则已更新**：自 ${from} 起，${s.change}（${BRIEFING_NAME(entry.section.briefing)}；旧规则见 /faq ${s.id}）`,
    );
  }
  if (version.upcoming && !exact) {
    const { by, change } = version.upcoming;
    const from = by.effective?.from ?? "";
    notes.push(en ? `> **Changing soon**: from ${from} (${change}); the new rule: /faq ${by.id} en` : `> **即将变化**：自 ${from} 起，${change}（新规则见 /faq ${by.id}）`);
  }
  const lines = [...notes.flatMap((n) => [n, ""]), answerIn(entry, lang).trim(), ""];
  if (full) lines.push(...fullDetails(entry, kb));
  else lines.push(`> ${shortSource(entry, lang)}`);
  const votes = voteActions(entry.id, lang);
  const actions = full ? votes : [...followUps(entry, kb, alsoMeant, lang), ...votes];
  return makeReply("answer", topicIn(entry, lang), lines.join("\n"), {
    entryId: entry.id,
    confidence: Math.round(confidence * 1000) / 1000,
    actions,
    lang,
  });
}
