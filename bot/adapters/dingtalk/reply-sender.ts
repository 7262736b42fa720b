/**
 * Delivers replies to DingTalk: the conversation's session webhook first, the robot's 1:1 push
 * API when the webhook has expired or kept failing (or for a reply meant for the sender alone).
 * Retries failures that certainly did not deliver (refused connections, 5xx) with exponential
 * backoff for about a minute; a POST whose outcome is unknown (a timeout after the request went
 * out) is never repeated but reported as DELIVERY_AMBIGUOUS. Splits long messages, reports each
 * delivered part (so a resumed reply sends only the rest), and waits for the per-conversation
 * rate limit before every message. It decides nothing about content. Protocol facts:
 * docs/dingtalk-protocol.md.
 */
import { z } from "zod";
import type { Logger } from "pino";
import { backoffDelay, sleep } from "../shared/backoff.js";
import { DingTalkError, isDingTalkError } from "./dingtalk-error.js";
import type { DingTalkErrorCode } from "./dingtalk-error.js";
import type { Metrics } from "../shared/metrics.js";
import type { RateLimiter } from "../shared/rate-limiter.js";
import { byteLength, splitMessage } from "../shared/split-message.js";
import type { ReplyAction } from "../../pipeline/types.js";
import { actionCardWebhookBody, templateMessage } from "./render-actions.js";
import type { TemplateMessage } from "./render-actions.js";

/** docs/dingtalk-protocol.md §3: an expired session answers errcode 300001. */
const ERRCODE_SESSION_EXPIRED = 300001;

/** Where a reply goes: the conversation's webhook, and the sender for 1:1 pushes. */
export interface DeliveryTarget {
  conversationId: string;
  chat: "direct" | "group";
  sessionWebhook: string;
  /** Epoch ms; past it the webhook is not even tried. */
  sessionWebhookExpiredTime: number;
  /** The sender's staff id: @-mentioned in groups and the 1:1 push target. */
  senderStaffId?: string;
  /**
   * Where a group reply goes when the webhook cannot take it: the sender 1:1 (default), or the
   * group itself through the robot group-message API (an answer to a card tap, which the whole
   * group saw; docs/dingtalk-protocol.md §7).
   */
  fallback?: "push" | "group";
}

/** One message to send, as the pipeline's Reply describes it. */
export interface OutgoingMessage {
  title: string;
  text: string;
  markdown: boolean;
  /**
   * One-tap buttons under the message, for a 1:1 chat only (in groups dtmd links do not reach the
   * bot; the caller renders group choices itself): an actionCard on the webhook, a
   * sampleActionCardN push. They go on the last part of a split message.
   */
  actions?: readonly ReplyAction[];
}

/** An interactive card to create and deliver into a group (docs/dingtalk-protocol.md §7). */
export interface GroupCard {
  cardTemplateId: string;
  outTrackId: string;
  cardParamMap: Record<string, string>;
  /** The member to @ on the card (staff id → display name). */
  at?: { staffId: string; name: string };
}

/** The delivery tunables (see DingTalkTuning for their meaning and defaults). */
export interface DeliveryTuning {
  maxReplyBytes: number;
  deliveryRetryWindowMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  httpTimeoutMs: number;
  tokenRefreshMarginMs: number;
}

export interface ReplySenderOptions {
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  robotCode: string | undefined;
  tuning: DeliveryTuning;
  limiter: RateLimiter;
  metrics: Metrics;
  /**
   * Aborted when shutdown stops waiting: retry and throttle waits give up (SHUTTING_DOWN). A POST
   * already on the wire is left to finish, so that its outcome is known.
   */
  signal: AbortSignal;
  /** Webhook hosts the bot may POST to (docs/dingtalk-protocol.md); others are refused. */
  webhookHosts: readonly string[];
}

/** Where a resumed delivery starts, and who to tell when a part is delivered. */
export interface DeliveryProgress {
  /** Parts already delivered by an earlier attempt (0 for a new reply). */
  fromPart: number;
  onPartDelivered(partsDone: number): void;
}

const NO_PROGRESS: DeliveryProgress = { fromPart: 0, onPartDelivered: () => {} };

/**
 * Network error codes that mean the request never reached the server (nothing was sent), so a
 * retry cannot post twice. Any other failure after the request started is ambiguous.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

const WebhookAnswerSchema = z.looseObject({ errcode: z.number().optional(), errmsg: z.string().optional() });
const TokenAnswerSchema = z.looseObject({ accessToken: z.string().min(1), expireIn: z.number().positive() });
const CardAnswerSchema = z.looseObject({
  success: z.boolean().optional(),
  result: z
    .looseObject({
      outTrackId: z.string().optional(),
      deliverResults: z.array(z.looseObject({ success: z.boolean().optional(), errorMsg: z.string().optional(), spaceId: z.string().optional() })).optional(),
    })
    .optional(),
});
const PushAnswerSchema = z.looseObject({
  processQueryKey: z.string().optional(),
  invalidStaffIdList: z.array(z.string()).optional(),
  flowControlledStaffIdList: z.array(z.string()).optional(),
});

/** Sends replies through the session webhook, falling back to the robot's 1:1 push. */
export class ReplySender {
  private token: { value: string; expiresAt: number } | undefined;
  private tokenRequest: Promise<string> | undefined;

  constructor(private readonly opts: ReplySenderOptions) {}

  /** Whether a 1:1 push to this sender is possible at all. */
  canPush(staffId: string | undefined): staffId is string {
    return Boolean(this.opts.robotCode) && staffId !== undefined;
  }

  /**
   * Posts `message` in the target conversation, split into parts when too long. An expired
   * webhook switches the remaining parts to a 1:1 push to the sender when possible.
   * @throws DingTalkError when a part could not be delivered (the rest are not attempted).
   */
  async deliver(target: DeliveryTarget, message: OutgoingMessage, log: Logger, progress: DeliveryProgress = NO_PROGRESS): Promise<"webhook" | "push" | "group-api"> {
    const mention = target.chat === "group" && target.senderStaffId !== undefined ? target.senderStaffId : undefined;
    // Markdown does not render the @ unless the text names the user (DingTalk's rule for markdown).
    const prefix = mention !== undefined && message.markdown ? `@${mention}\n\n` : "";
    const budget = Math.max(64, this.opts.tuning.maxReplyBytes - byteLength(prefix) - byteLength(message.title) - 16);
    const parts = splitMessage(message.text, budget);
    let viaPush = Date.now() > target.sessionWebhookExpiredTime;
    let why = "webhook expired";
    if (viaPush) log.info({ reason: "expired-time" }, "session webhook expired; falling back to 1:1 push");
    if (!viaPush && !this.allowedWebhook(target.sessionWebhook)) {
      viaPush = true;
      why = "the session webhook is not on a DingTalk host";
      log.warn({ reason: "host" }, "session webhook host not allowed; falling back to 1:1 push");
    }
    const buttons = target.chat === "direct" && message.actions !== undefined && message.actions.length > 0 ? message.actions : undefined;
    const groupApi = target.chat === "group" && target.fallback === "group";
    for (const [i, text] of parts.entries()) {
      if (i < progress.fromPart) continue;
      const title = parts.length > 1 ? `${message.title} (${i + 1}/${parts.length})` : message.title;
      const last = i === parts.length - 1;
      if (!viaPush) {
        const first = i === 0;
        const body =
          last && buttons
            ? actionCardWebhookBody({ title, text }, buttons)
            : webhookBody({ title, text: first ? prefix + text : text, markdown: message.markdown }, first ? mention : undefined);
        try {
          await this.opts.limiter.acquire(target.conversationId, this.opts.signal);
          await this.withRetries("webhook", log, () => this.postWebhook(target.sessionWebhook, body));
          this.opts.metrics.repliesSent.inc({ via: "webhook" });
          progress.onPartDelivered(i + 1);
          continue;
        } catch (err) {
          if (isDingTalkError(err, "WEBHOOK_EXPIRED")) {
            log.info({ reason: "errcode" }, "session webhook expired; falling back to 1:1 push");
          } else if (isDingTalkError(err, "DELIVERY_RETRIES_EXHAUSTED")) {
            why = "the session webhook kept failing";
            log.warn({ err }, "session webhook kept failing; falling back to 1:1 push");
          } else {
            throw err;
          }
          viaPush = true;
        }
      }
      if (groupApi) {
        if (!this.opts.robotCode) throw new DingTalkError("PUSH_UNAVAILABLE", `${why} and no robotCode is configured for the group-message API`);
        await this.sendToGroup(target.conversationId, templateMessage({ title, text }), log);
        progress.onPartDelivered(i + 1);
        continue;
      }
      if (!this.canPush(target.senderStaffId)) {
        throw new DingTalkError(
          "PUSH_UNAVAILABLE",
          this.opts.robotCode ? `${why} and the sender has no staff id to push to` : `${why} and no robotCode is configured for a 1:1 push`,
        );
      }
      await this.push(target.senderStaffId, templateMessage({ title, text }, last ? buttons : undefined), log);
      progress.onPartDelivered(i + 1);
    }
    return viaPush ? (groupApi ? "group-api" : "push") : "webhook";
  }

  /** Whether interactive cards can be delivered at all (they need the robot code). */
  get canSendCards(): boolean {
    return Boolean(this.opts.robotCode);
  }

  /**
   * Creates an interactive card and delivers it into the target group (createAndDeliver, callbacks
   * over the stream). Not retried once it may have arrived: a second card would be a second offer.
   * @throws DingTalkError when the card was refused or could not be sent.
   */
  async deliverCard(target: DeliveryTarget, card: GroupCard, log: Logger): Promise<void> {
    if (!this.opts.robotCode) throw new DingTalkError("PUSH_UNAVAILABLE", "no robotCode is configured for interactive cards");
    const robotCode = this.opts.robotCode;
    await this.opts.limiter.acquire(target.conversationId, this.opts.signal);
    await this.withRetries("card", log, async () => {
      const token = await this.accessToken();
      const body = {
        cardTemplateId: card.cardTemplateId,
        outTrackId: card.outTrackId,
        callbackType: "STREAM",
        cardData: { cardParamMap: card.cardParamMap },
        openSpaceId: `dtv1.card//IM_GROUP.${target.conversationId}`,
        imGroupOpenSpaceModel: { supportForward: false },
        imGroupOpenDeliverModel: { robotCode, ...(card.at ? { atUserIds: { [card.at.staffId]: card.at.name } } : {}) },
        userIdType: 1,
      };
      const { status, json } = await this.postJson(`${this.opts.apiBaseUrl}/v1.0/card/instances/createAndDeliver`, body, { "x-acs-dingtalk-access-token": token }, "DELIVERY_RETRIES_EXHAUSTED", true);
      this.checkApiStatus("card", status);
      const answer = CardAnswerSchema.safeParse(json);
      const results = answer.success ? (answer.data.result?.deliverResults ?? []) : [];
      const failed = results.find((r) => r.success === false);
      if (!answer.success || answer.data.success === false || failed) {
        throw new DingTalkError("PUSH_REJECTED", `card not delivered: ${failed?.errorMsg ?? "unexpected answer"}`, { status });
      }
    });
    this.opts.metrics.repliesSent.inc({ via: "card" });
  }

  /** Posts a template message into a group through the robot group-message API (groupMessages/send). */
  async sendToGroup(openConversationId: string, message: TemplateMessage, log: Logger): Promise<void> {
    await this.opts.limiter.acquire(openConversationId, this.opts.signal);
    await this.withRetries("group-api", log, async () => {
      const token = await this.accessToken();
      const body = { robotCode: this.opts.robotCode, openConversationId, msgKey: message.msgKey, msgParam: JSON.stringify(message.msgParam) };
      const { status } = await this.postJson(`${this.opts.apiBaseUrl}/v1.0/robot/groupMessages/send`, body, { "x-acs-dingtalk-access-token": token }, "DELIVERY_RETRIES_EXHAUSTED", true);
      this.checkApiStatus("group-api", status);
    });
    this.opts.metrics.repliesSent.inc({ via: "group-api" });
  }

  /** Maps a robot-API HTTP status to a failure (401/403 forget the token so a retry fetches another). */
  private checkApiStatus(what: string, status: number): void {
    if (status === 401 || status === 403) {
      this.token = undefined;
      throw new DingTalkError("PUSH_REJECTED", `${what} answered HTTP ${status}`, { retryable: true, status });
    }
    if (status >= 500 || status === 429) throw new DingTalkError("DELIVERY_RETRIES_EXHAUSTED", `${what} answered HTTP ${status}`, { retryable: true, status });
    if (status < 200 || status >= 300) throw new DingTalkError("PUSH_REJECTED", `${what} answered HTTP ${status}`, { status });
  }

  /** Whether `url` is an https URL on an allowed host (or a host's subdomain). */
  private allowedWebhook(url: string): boolean {
    let host: string;
    try {
      const u = new URL(url);
      host = u.hostname.toLowerCase();
      if (u.protocol !== "https:" && !(u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(host))) return false;
    } catch {
      return false;
    }
    return this.opts.webhookHosts.some((h) => host === h || host.endsWith(`.${h}`));
  }

  /**
   * Pushes a markdown message to one user 1:1 through the robot API (oToMessages/batchSend),
   * splitting it when too long.
   * @throws DingTalkError `PUSH_UNAVAILABLE` without a robot code or staff id; others on failure.
   */
  async pushPrivate(staffId: string | undefined, message: { title: string; text: string }, log: Logger, progress: DeliveryProgress = NO_PROGRESS): Promise<void> {
    if (!this.canPush(staffId)) {
      throw new DingTalkError("PUSH_UNAVAILABLE", this.opts.robotCode ? "the sender has no staff id to push to" : "no robotCode is configured");
    }
    const parts = splitMessage(message.text, Math.max(64, this.opts.tuning.maxReplyBytes - byteLength(message.title) - 16));
    for (const [i, text] of parts.entries()) {
      if (i < progress.fromPart) continue;
      const title = parts.length > 1 ? `${message.title} (${i + 1}/${parts.length})` : message.title;
      await this.push(staffId, templateMessage({ title, text }), log);
      progress.onPartDelivered(i + 1);
    }
  }

  private async push(staffId: string, message: TemplateMessage, log: Logger): Promise<void> {
    await this.opts.limiter.acquire(`oto:${staffId}`, this.opts.signal);
    await this.withRetries("push", log, () => this.postBatchSend(staffId, message));
    this.opts.metrics.repliesSent.inc({ via: "push" });
  }

  private async postWebhook(url: string, body: unknown): Promise<void> {
    const { status, json } = await this.postJson(url, body, {}, "DELIVERY_RETRIES_EXHAUSTED", true);
    if (status >= 500 || status === 429) {
      throw new DingTalkError("DELIVERY_RETRIES_EXHAUSTED", `session webhook answered HTTP ${status}`, { retryable: true, status });
    }
    if (status < 200 || status >= 300) {
      throw new DingTalkError("WEBHOOK_REJECTED", `session webhook answered HTTP ${status}`, { status });
    }
    const answer = WebhookAnswerSchema.safeParse(json);
    const errcode = answer.success ? (answer.data.errcode ?? 0) : 0;
    if (errcode === ERRCODE_SESSION_EXPIRED) {
      throw new DingTalkError("WEBHOOK_EXPIRED", "session webhook expired (errcode 300001)", { errcode, status });
    }
    if (errcode !== 0) {
      const errmsg = answer.success ? answer.data.errmsg : undefined;
      throw new DingTalkError("WEBHOOK_REJECTED", `session webhook refused the message: errcode ${errcode} ${errmsg ?? ""}`.trim(), { errcode, status });
    }
  }

  private async postBatchSend(staffId: string, message: TemplateMessage): Promise<void> {
    const token = await this.accessToken();
    const body = {
      robotCode: this.opts.robotCode,
      userIds: [staffId],
      msgKey: message.msgKey,
      msgParam: JSON.stringify(message.msgParam),
    };
    const { status, json } = await this.postJson(
      `${this.opts.apiBaseUrl}/v1.0/robot/oToMessages/batchSend`,
      body,
      { "x-acs-dingtalk-access-token": token },
      "DELIVERY_RETRIES_EXHAUSTED",
      true,
    );
    if (status === 401 || status === 403) {
      // A token revoked early: forget it and let the retry fetch a new one.
      this.token = undefined;
      throw new DingTalkError("PUSH_REJECTED", `robot push answered HTTP ${status}`, { retryable: true, status });
    }
    if (status >= 500 || status === 429) {
      throw new DingTalkError("DELIVERY_RETRIES_EXHAUSTED", `robot push answered HTTP ${status}`, { retryable: true, status });
    }
    if (status < 200 || status >= 300) throw new DingTalkError("PUSH_REJECTED", `robot push answered HTTP ${status}`, { status });
    const answer = PushAnswerSchema.safeParse(json);
    if (!answer.success) throw new DingTalkError("PUSH_REJECTED", "robot push answered with an unexpected body", { status });
    if (answer.data.invalidStaffIdList?.includes(staffId)) {
      throw new DingTalkError("PUSH_REJECTED", "robot push: the staff id is not valid for this robot", { status });
    }
    if (answer.data.flowControlledStaffIdList?.includes(staffId)) {
      throw new DingTalkError("DELIVERY_RETRIES_EXHAUSTED", "robot push was flow-controlled", { retryable: true, status });
    }
  }

  /** The robot API access token, cached until shortly before it expires; one request at a time. */
  private async accessToken(): Promise<string> {
    const t = Date.now();
    if (this.token && this.token.expiresAt > t) return this.token.value;
    this.tokenRequest ??= this.requestToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  private async requestToken(): Promise<string> {
    const { status, json } = await this.postJson(
      `${this.opts.apiBaseUrl}/v1.0/oauth2/accessToken`,
      { appKey: this.opts.clientId, appSecret: this.opts.clientSecret },
      {},
      "TOKEN_FAILED",
    );
    if (status >= 500 || status === 429) throw new DingTalkError("TOKEN_FAILED", `access token request answered HTTP ${status}`, { retryable: true, status });
    const answer = TokenAnswerSchema.safeParse(json);
    if (status < 200 || status >= 300 || !answer.success) {
      throw new DingTalkError("TOKEN_FAILED", `access token request answered HTTP ${status} without a token`, { status });
    }
    const lifetimeMs = answer.data.expireIn * 1000;
    this.token = {
      value: answer.data.accessToken,
      expiresAt: Date.now() + Math.max(lifetimeMs / 2, lifetimeMs - this.opts.tuning.tokenRefreshMarginMs),
    };
    return this.token.value;
  }

  private async postJson(
    url: string,
    body: unknown,
    headers: Record<string, string>,
    networkCode: DingTalkErrorCode,
    /** A message post: a failure after the request may have arrived is DELIVERY_AMBIGUOUS, not retried. */
    posts = false,
  ): Promise<{ status: number; json: unknown }> {
    // Not the shutdown signal: aborting a POST on the wire would make its outcome unknown.
    const signal = AbortSignal.timeout(this.opts.tuning.httpTimeoutMs);
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...headers },
        body: JSON.stringify(body),
        signal,
      });
    } catch (cause) {
      if (posts && !neverSent(cause)) {
        throw new DingTalkError("DELIVERY_AMBIGUOUS", `request outcome unknown: ${describe(cause)}`, { cause });
      }
      throw new DingTalkError(networkCode, `request failed: ${describe(cause)}`, { cause, retryable: true });
    }
    let text: string;
    try {
      text = await res.text();
    } catch (cause) {
      // The status line arrived: a 2xx was accepted whatever the body, a 5xx was not.
      if (res.status >= 200 && res.status < 300) return { status: res.status, json: undefined };
      if (posts && res.status < 500) throw new DingTalkError("DELIVERY_AMBIGUOUS", `reading the answer failed: ${describe(cause)}`, { cause });
      throw new DingTalkError(networkCode, `reading the answer failed: ${describe(cause)}`, { cause, retryable: true });
    }
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  }

  /** Retries `fn` on retryable failures with backoff until `deliveryRetryWindowMs` has passed. */
  private async withRetries(via: "webhook" | "push" | "card" | "group-api", log: Logger, fn: () => Promise<void>): Promise<void> {
    const { deliveryRetryWindowMs, retryBaseMs, retryMaxMs } = this.opts.tuning;
    const giveUpAt = Date.now() + deliveryRetryWindowMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await fn();
        return;
      } catch (err) {
        if (!isDingTalkError(err) || !err.retryable) throw err;
        const delayMs = backoffDelay(attempt, retryBaseMs, retryMaxMs);
        if (Date.now() + delayMs > giveUpAt) {
          throw new DingTalkError("DELIVERY_RETRIES_EXHAUSTED", `${via} failed after ${attempt + 1} attempts: ${err.message}`, {
            cause: err,
            status: err.status,
          });
        }
        this.opts.metrics.retries.inc({ via });
        log.warn({ err, attempt: attempt + 1, delayMs, via }, "delivery failed; retrying");
        try {
          await sleep(delayMs, this.opts.signal);
        } catch (cause) {
          throw new DingTalkError("SHUTTING_DOWN", "shutdown interrupted a delivery retry", { cause });
        }
      }
    }
  }
}

/** The session-webhook body for one message (docs/dingtalk-protocol.md §3). */
export function webhookBody(message: OutgoingMessage, atStaffId: string | undefined): Record<string, unknown> {
  const at = atStaffId === undefined ? undefined : { atUserIds: [atStaffId], isAtAll: false };
  return message.markdown
    ? { msgtype: "markdown", markdown: { title: message.title, text: message.text }, ...(at ? { at } : {}) }
    : { msgtype: "text", text: { content: message.text }, ...(at ? { at } : {}) };
}

/** Whether a fetch failure certainly happened before the request reached the server. */
function neverSent(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
  }
  return false;
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
    return `${err.message}${cause}`;
  }
  return String(err);
}
