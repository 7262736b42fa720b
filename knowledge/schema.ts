/**
 * The shape of a knowledge file. One YAML file per briefing section lives in
 * `knowledge/sections/`; each is validated against {@link SectionFileSchema} at load time, so a
 * typo fails start-up with the file, the entry id and the field path instead of a wrong answer.
 */
import { DateTime } from "luxon";
import { z } from "zod";

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case: lowercase letters, digits and single dashes");

/** A calendar date as the briefing gives it, `YYYY-MM-DD` (Asia/Shanghai unless the answer says otherwise). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((s) => DateTime.fromISO(s).isValid, "is not a real calendar date");

/** Mentions one or more CJK characters: used to insist on Chinese answers and questions. */
const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);
/** The text outside parentheses (nested ones too): where an English answer must not use Chinese. */
const outsideParentheses = (s: string) => {
  let rest = s;
  for (let guard = 0; guard < 10 && /[(（][^()（）]*[)）]/.test(rest); guard++) rest = rest.replace(/[(（][^()（）]*[)）]/g, "");
  return rest;
};
/** An English phrasing: at least three Latin words and no Chinese. */
const isEnglish = (s: string) => !hasChinese(s) && (s.match(/[A-Za-z]{2,}/g) ?? []).length >= 3;

export const SourceSchema = z
  .object({
    /** The briefing part and talk, e.g. `重点关注 · 信用保障「保障升级服务」上线`. */
    section: z.string().min(2),
    /** The slide title (and the block on it) the fact comes from. */
    slide: z.string().min(2),
  })
  .strict();

/**
 * The last moment something applies: a date (the whole day counts) or, where the briefing gives
 * a time, a local date-time `YYYY-MM-DDTHH:mm:ss` in the entry's zone (`2022-01-01T15:59:59`).
 */
const isoDateOrLocalTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?$/, "must be a date YYYY-MM-DD or a local date-time YYYY-MM-DDTHH:mm:ss")
  .refine((s) => DateTime.fromISO(s).isValid, "is not a real calendar date or time");

/**
 * The zones the briefing's dates are written in: Beijing time by default, US Pacific (美西, PDT)
 * for the September festival and the offers tied to it (docs/validity.md).
 */
export const VALIDITY_ZONES = ["Asia/Shanghai", "America/Los_Angeles"] as const;

/**
 * `offer`: a time-limited offer, activity or window that ends (`until` required); `rule`: a
 * standing rule that took effect on `from` and never "ends" (it may only be replaced). Left out,
 * an entry with `until` is an offer and one without is a rule.
 */
export const VALIDITY_KINDS = ["offer", "rule"] as const;

export const EffectiveSchema = z
  .object({
    /** The first day it applies, in `zone`. */
    from: isoDate.optional(),
    /** The last day it applies, inclusive, in `zone` (or the last second, when a time is given). */
    until: isoDateOrLocalTime.optional(),
    /** The zone of `from` and `until`; Asia/Shanghai when left out. */
    zone: z.enum(VALIDITY_ZONES).optional(),
    kind: z.enum(VALIDITY_KINDS).optional(),
    /** How the briefing words the timing ("8月1号启动灰测，预计9月1号全量生效"). */
    note: z.string().min(2).optional(),
  })
  .strict()
  .refine((e) => e.from !== undefined || e.until !== undefined || e.note !== undefined, {
    message: "give at least one of from, until, note (or leave effective out)",
  })
  .refine((e) => !(e.from && e.until) || e.from <= e.until.slice(0, 10), {
    message: "from must not be after until",
    path: ["until"],
  })
  .refine((e) => e.kind !== "offer" || e.until !== undefined, {
    message: "an offer must say until when it applies",
    path: ["until"],
  })
  .refine((e) => e.zone === undefined || e.from !== undefined || e.until !== undefined, {
    message: "a zone applies to from/until: give one of them",
    path: ["zone"],
  });

export const SupersedesSchema = z
  .object({
    /** The id of the older entry this one replaces (it may live in an older briefing's file). */
    id: kebabId,
    /** What changed, in one sentence a merchant understands ("登录天数改为按本月至今统计"). */
    change: z.string().min(4),
  })
  .strict();

/**
 * The rules that can compute an entry's answer from a merchant's own figures (the hypothetical
 * checks, docs/computed-answers.md); each has a calculator in bot/pipeline/compute-answer.ts.
 */
export const COMPUTE_RULES = [
  "rfq-tier",
  "rfq-factor",
  "rfq-star-bonus",
  "guarantee-compensation",
  "guarantee-exit",
  "guarantee-rejoin",
  "guarantee-fast-star",
  "penalty-refuse-ta",
  "penalty-off-platform",
  "appeal-deadline",
  "factory-heat",
  "factory-reply-time",
  "factory-on-time",
  "factory-strength",
  "factory-removal-appeal",
  "factory-lists",
  "fee-waiver-self",
  "fee-waiver-agency",
  "festival-window",
  "festival-rank",
  "brand-leading",
  "brand-own",
  "brand-registration",
  "rfq-total",
  "keyword-competition",
  "guarantee-first-compensation",
  "festival-phase",
  "festival-ddp",
  "festival-shipping",
  "festival-arrival-guarantee",
  "festival-logistics",
  "zone-entry",
  "zone-product-score",
  "rfq-24h-rate",
  "appeal-objective-ground",
  "guarantee-coupon-expiry",
  "festival-inspection",
  "festival-category-lock",
  "festival-excluded-gmv",
  "integrated-definition",
  "festival-industry-type",
  "card-offline-figures",
  "ta-closure-end",
  "factory-entry",
  "festival-finance-rate",
  "brand-industry-open",
] as const;

export const ComputeSchema = z
  .object({
    /** Which calculator computes the answer. */
    rule: z.enum(COMPUTE_RULES),
    /** The figures it needs from the question (slot names, docs/computed-answers.md). */
    needs: z.array(z.string().min(1)).min(1),
    /**
     * Further rules whose results this entry's answer covers (e.g. the appeal entry: the deadline
     * is its rule, whether an order is big enough for ground b another): their computed replies
     * link to this entry.
     */
    also: z.array(z.enum(COMPUTE_RULES)).min(1).optional(),
  })
  .strict();

export const EntrySchema = z
  .object({
    id: kebabId,
    /** A short label for lists and clarify prompts, e.g. `保障升级服务·退出`. */
    topic: z.string().min(2).max(40),
    /** The same label in English, for buttons and clarify options, e.g. `Upgrade service: leaving`. */
    topicEn: z.string().min(2).max(40).refine((s) => !hasChinese(s), "must be written in English"),
    /** The canonical question, in Chinese, as a merchant would ask it. */
    question: z.string().min(4).refine(hasChinese, "must be written in Chinese"),
    /** Other ways merchants ask the same thing: colloquial, abbreviated, and one in English. */
    alternates: z
      .array(z.string().min(2))
      .min(4, "needs at least 4 alternate phrasings")
      .refine((a) => a.some(isEnglish), "needs at least one alternate phrasing in English")
      .refine((a) => new Set(a).size === a.length, "has the same alternate twice"),
    /** Words and abbreviations that point to this entry (信保, 金品, RFQ …). */
    keywords: z.array(z.string().min(1)).min(1),
    /** A self-contained DingTalk-markdown answer with the briefing's exact numbers, dates and paths. */
    answer: z
      .string()
      .min(10)
      .refine(hasChinese, "must be written in Chinese")
      .refine((s) => !/^\s*\|.*\|\s*$/m.test(s), "must not contain a markdown table (DingTalk does not render tables)")
      .refine((s) => !s.includes("```"), "must not contain a code block (DingTalk does not render them)")
      .refine((s) => !/\*{3,}/.test(s), "must not contain *** (DingTalk renders it as emphasis): write masked characters as ＊＊＊"),
    /**
     * The answer in English for an English question (docs/languages.md): the same facts and
     * figures as `answer` (kb:check compares them); Chinese only in parentheses, for a name the
     * merchant must find in the Chinese back office, e.g. "Trade Assurance (信保)".
     */
    answerEn: z
      .string()
      .min(10)
      .refine((s) => !hasChinese(outsideParentheses(s)), "must be written in English (Chinese only in parentheses, for names in the Chinese UI)")
      .refine((s) => !/^\s*\|.*\|\s*$/m.test(s), "must not contain a markdown table (DingTalk does not render tables)")
      .refine((s) => !s.includes("```"), "must not contain a code block (DingTalk does not render them)")
      .refine((s) => !/\*{3,}/.test(s), "must not contain *** (DingTalk renders it as emphasis): write masked characters as ＊＊＊"),
    source: SourceSchema,
    effective: EffectiveSchema.optional(),
    related: z.array(kebabId).default([]),
    /**
     * The entry for a question that names only its topic ("被罚了", "金品", "采购节"): a short
     * overview with the choices, answered instead of any one specific rule (docs/matching.md).
     */
    overview: z.boolean().default(false),
    supersedes: z.array(SupersedesSchema).default([]),
    /** Optional: the rule that computes this answer when the question carries the figures. */
    compute: ComputeSchema.optional(),
  })
  .strict();

export const SectionFileSchema = z
  .object({
    section: z
      .object({
        id: kebabId,
        /** Order in /topics; the briefing's own order (0 = about the briefing itself). */
        number: z.number().int().min(0),
        title: z.string().min(2),
        /** The briefing this section comes from, `YYYY-MM-DD`; newer briefings supersede older ones. */
        briefing: isoDate,
      })
      .strict(),
    entries: z.array(EntrySchema).min(1),
  })
  .strict();

export type Source = z.infer<typeof SourceSchema>;
export type Effective = z.infer<typeof EffectiveSchema>;
export type Entry = z.infer<typeof EntrySchema>;
export type Compute = z.infer<typeof ComputeSchema>;
export type ComputeRule = (typeof COMPUTE_RULES)[number];
export type SectionFile = z.infer<typeof SectionFileSchema>;
export type Section = SectionFile["section"];
