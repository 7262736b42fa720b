/**
 * Errors raised by the DingTalk transport. Each carries a stable {@link DingTalkErrorCode} so logs,
 * metrics and callers can branch on the code rather than on message text.
 */

/** Every way the DingTalk transport can fail, as a stable code. */
export type DingTalkErrorCode =
  /** The gateway `connections/open` call failed (network error or non-2xx). */
  | "GATEWAY_OPEN_FAILED"
  /** The gateway answered, but not with `{endpoint, ticket}`. */
  | "GATEWAY_BAD_ANSWER"
  /** The WebSocket handshake did not finish within the connect timeout. */
  | "HANDSHAKE_TIMEOUT"
  /** The WebSocket handshake failed (refused, ticket rejected, ...). */
  | "HANDSHAKE_FAILED"
  /** A frame that is not JSON or not shaped like a stream frame. */
  | "MALFORMED_FRAME"
  /** A CALLBACK whose `data` is not a robot message. */
  | "MALFORMED_MESSAGE"
  /** The pipeline threw instead of returning a Reply (a pipeline bug). */
  | "HANDLER_FAILED"
  /** The session webhook has expired (errcode 300001 or past sessionWebhookExpiredTime). */
  | "WEBHOOK_EXPIRED"
  /** The session webhook refused the message for good (4xx or a non-zero errcode). */
  | "WEBHOOK_REJECTED"
  /** A transient failure (network, 5xx) that outlasted the retries. */
  | "DELIVERY_RETRIES_EXHAUSTED"
  /**
   * A POST whose outcome is unknown: it timed out or the connection broke after the request may
   * have reached DingTalk. Not repeated (the webhook has no idempotency key; a repeat may post twice).
   */
  | "DELIVERY_AMBIGUOUS"
  /** The robot API refused the access-token request. */
  | "TOKEN_FAILED"
  /** The robot API refused the 1:1 push. */
  | "PUSH_REJECTED"
  /** A 1:1 push is impossible: no robotCode configured, or the sender has no staff id. */
  | "PUSH_UNAVAILABLE"
  /** The transport is shutting down and gave up waiting. */
  | "SHUTTING_DOWN";

/** An error of the DingTalk transport; `retryable` marks transient failures. */
export class DingTalkError extends Error {
  constructor(
    readonly code: DingTalkErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; status?: number; errcode?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DingTalkError";
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.errcode = options.errcode;
  }
  /** Whether trying again later may succeed (network errors, 5xx). */
  readonly retryable: boolean;
  /** HTTP status, when the failure came with one. */
  readonly status: number | undefined;
  /** DingTalk `errcode`, when the answer carried one. */
  readonly errcode: number | undefined;
}

/** Whether a value is a {@link DingTalkError}, optionally of a given code. */
export function isDingTalkError(err: unknown, code?: DingTalkErrorCode): err is DingTalkError {
  return err instanceof DingTalkError && (code === undefined || err.code === code);
}
