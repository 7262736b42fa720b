/**
 * The bot's configuration: one zod schema over the environment. This is the only module that
 * reads `process.env`; everything else receives a {@link Config}. A missing or malformed value
 * fails start-up with {@link ConfigError}, naming the variable and how to fix it.
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import { DEFAULT_WEBHOOK_HOSTS } from "./adapters/dingtalk/tuning.js";
import { ClockError, parseClockStart } from "./clock.js";

const OFFICIAL_API = "https://api.dingtalk.com";

/** HANDOFF_REPLY_WITHIN when unset: no promise of a time nobody configured. */
export const DEFAULT_HANDOFF_REPLY_WITHIN = "工作时间内尽快";

/** A support staff member on duty for handoffs (SUPPORT_ON_DUTY). */
export interface OnDutyStaff {
  /** The DingTalk user id (senderStaffId) handoffs are pushed to 1:1. */
  id: string;
  /** The name merchants are told will answer; unset: they are told "值班客服". */
  name?: string | undefined;
}

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().min(1).optional());
const url = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url("must be an http(s) URL")
      .refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://")
      .default(fallback),
  );
const positiveInt = (fallback: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int("must be a whole number").min(1).max(max).default(fallback));

const EnvSchema = z
  .object({
    DINGTALK_CLIENT_ID: optionalString,
    DINGTALK_CLIENT_SECRET: optionalString,
    /** Needed for 1:1 pushes (private results of checks asked in a group, expired webhooks, handoffs to staff). */
    DINGTALK_ROBOT_CODE: optionalString,
    /**
     * An interactive card template (docs/dingtalk-protocol.md §7): group replies with one-tap
     * choices go out as this card, whose button taps come back over the stream. Needs the robot code.
     */
    DINGTALK_CARD_TEMPLATE_ID: optionalString,
    DINGTALK_GATEWAY_URL: url(`${OFFICIAL_API}/v1.0/gateway/connections/open`),
    DINGTALK_API_BASE_URL: url(OFFICIAL_API),
    /**
     * Hosts a message's sessionWebhook may point at (subdomains included); a webhook elsewhere is
     * never POSTed to. Tests add 127.0.0.1 for the fake gateway.
     */
    DINGTALK_WEBHOOK_HOSTS: z.preprocess(
      (v) => (typeof v === "string" && v.trim() !== "" ? v : DEFAULT_WEBHOOK_HOSTS.join(",")),
      z
        .string()
        .transform((s) => s.split(/[,\s]+/).filter(Boolean).map((h) => h.toLowerCase()))
        .pipe(z.array(z.string().regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/, "must be host names, e.g. oapi.dingtalk.com")).min(1)),
    ),
    /** Comma-separated DingTalk user ids (senderStaffId or senderId) of support staff. */
    SUPPORT_STAFF_IDS: z.preprocess(
      (v) => (typeof v === "string" ? v : ""),
      z
        .string()
        .transform((s) => s.split(/[,\s]+/).filter(Boolean))
        .pipe(z.array(z.string().max(128))),
    ),
    /**
     * The support staff on duty for handoffs ("转人工"), comma-separated `staffId:显示名` (the name
     * is optional). Each is support staff too: added to SUPPORT_STAFF_IDS. docs/operations.md.
     */
    SUPPORT_ON_DUTY: z.preprocess(
      (v) => (typeof v === "string" ? v : ""),
      z
        .string()
        .transform((s) => s.split(/[,，]/).map((part) => part.trim()).filter(Boolean))
        .pipe(
          z.array(
            z
              .string()
              .regex(/^[^\s:：]{1,128}(?:\s*[:：]\s*[^:：]{1,32})?$/u, "must be staffId or staffId:显示名, comma-separated, e.g. 0123:王小二,4567:李客服")
              .transform((part) => {
                const [id, name] = part.split(/\s*[:：]\s*/u);
                return { id: id!, name: name?.trim() || undefined };
              }),
          ),
        )
        .refine((list) => new Set(list.map((s) => s.id)).size === list.length, "lists a staff id twice"),
    ),
    /** What the merchant is told about when the staff on duty will answer a handoff. */
    HANDOFF_REPLY_WITHIN: z.preprocess(emptyToUndefined, z.string().trim().max(40, "must be a short phrase such as 工作日 2 小时内").default(DEFAULT_HANDOFF_REPLY_WITHIN)),
    DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default("data/bot.db")),
    /** Unset: info in DingTalk mode, warn in the terminal chat and `ask` (whose stdout is the chat). */
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
    HEALTH_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
    /** Interface the health server binds; loopback unless an operator opens it up. */
    HEALTH_HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
    /** Milliseconds a shutdown lets queued replies run before leaving the rest for the next start. */
    SHUTDOWN_GRACE_MS: positiveInt(10_000, 600_000),
    /** Days to keep recorded unanswered questions and votes. */
    QUESTION_RETENTION_DAYS: positiveInt(90, 3650),
    /**
     * Starts the terminal chat's and `ask`'s clock at another instant (ISO 8601, Beijing time
     * without an offset), for demos and support; never in DingTalk mode (bot/clock.ts).
     */
    NOW: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((s, ctx) => {
          try {
            return parseClockStart(s, "NOW");
          } catch (err) {
            if (!(err instanceof ClockError)) throw err;
            ctx.addIssue({ code: "custom", message: "must be an ISO 8601 date-time, e.g. NOW=2021-08-26T10:00+08:00 (Beijing time without an offset)" });
            return z.NEVER;
          }
        })
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.DINGTALK_CLIENT_ID) !== Boolean(env.DINGTALK_CLIENT_SECRET)) {
      const missing = env.DINGTALK_CLIENT_ID ? "DINGTALK_CLIENT_SECRET" : "DINGTALK_CLIENT_ID";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "is required when the other DingTalk credential is set (set both to connect, or neither for the terminal chat)",
      });
    }
  });

export interface Config {
  dingtalk?: {
    clientId: string;
    clientSecret: string;
    robotCode?: string;
    /** The interactive card template for group choices; only with a robot code. */
    cardTemplateId?: string;
    gatewayUrl: string;
    apiBaseUrl: string;
    /** Hosts a sessionWebhook may point at; the official ones when omitted. */
    webhookHosts?: readonly string[];
  };
  /** SUPPORT_STAFF_IDS and every on-duty staff id. */
  supportStaffIds: ReadonlySet<string>;
  /** Who handoffs go to, and what the merchant is told about when they answer. */
  handoff: { onDuty: readonly OnDutyStaff[]; replyWithin: string };
  databasePath: string;
  /** Undefined when LOG_LEVEL is not set: each mode picks its own default. */
  logLevel?: NonNullable<z.infer<typeof EnvSchema>["LOG_LEVEL"]>;
  healthPort?: number;
  healthHost: string;
  shutdownGraceMs: number;
  questionRetentionDays: number;
  /** Where the terminal chat's and ask's clock starts (NOW); unset: the real clock. Never with `dingtalk`. */
  now?: Date;
}

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID" as const;
  constructor(readonly problems: string[]) {
    super(`configuration is invalid:\n- ${problems.join("\n- ")}`);
    this.name = "ConfigError";
  }
}

/** Builds the {@link Config} from an environment (the process's by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    dingtalk:
      e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET
        ? {
            clientId: e.DINGTALK_CLIENT_ID,
            clientSecret: e.DINGTALK_CLIENT_SECRET,
            robotCode: e.DINGTALK_ROBOT_CODE,
            // A card is delivered by the robot: without a robot code there is no card.
            cardTemplateId: e.DINGTALK_ROBOT_CODE ? e.DINGTALK_CARD_TEMPLATE_ID : undefined,
            gatewayUrl: e.DINGTALK_GATEWAY_URL,
            apiBaseUrl: e.DINGTALK_API_BASE_URL.replace(/\/+$/, ""),
            webhookHosts: e.DINGTALK_WEBHOOK_HOSTS,
          }
        : undefined,
    // Being on duty for handoffs makes one support staff (they need /handoff and /done).
    supportStaffIds: new Set([...e.SUPPORT_STAFF_IDS, ...e.SUPPORT_ON_DUTY.map((s) => s.id)]),
    handoff: { onDuty: e.SUPPORT_ON_DUTY, replyWithin: e.HANDOFF_REPLY_WITHIN },
    databasePath: e.DATABASE_PATH,
    logLevel: e.LOG_LEVEL,
    healthPort: e.HEALTH_PORT,
    healthHost: e.HEALTH_HOST,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    questionRetentionDays: e.QUESTION_RETENTION_DAYS,
    now: e.NOW,
  };
}

/** Reads `.env` into the process environment when the file exists (variables already set win). */
export function loadDotEnv(path = ".env"): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
