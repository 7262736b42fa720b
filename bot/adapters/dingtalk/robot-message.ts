/**
 * The DingTalk robot message (a CALLBACK's `data` on topic `/v1.0/im/bot/messages/get`), validated
 * once with zod and translated into the pipeline's {@link IncomingMessage}. Field facts come from
 * docs/dingtalk-protocol.md §2.
 */
import { z } from "zod";
import { DingTalkError } from "./dingtalk-error.js";
import type { ContentKind, IncomingMessage } from "../../pipeline/types.js";

/** The stream topic robot messages arrive on (CALLBACK). */
export const TOPIC_ROBOT = "/v1.0/im/bot/messages/get";

const RichTextItemSchema = z.looseObject({
  text: z.string().optional(),
  type: z.string().optional(),
  downloadCode: z.string().optional(),
});

/** A robot message as DingTalk sends it; unknown fields are kept, unknown msgtypes allowed. */
export const RobotMessageSchema = z.looseObject({
  msgId: z.string().min(1),
  msgtype: z.string().min(1),
  createAt: z.number().optional(),
  /** "1" one-to-one, "2" group. */
  conversationType: z.enum(["1", "2"]),
  conversationId: z.string().min(1),
  conversationTitle: z.string().optional(),
  senderId: z.string().optional(),
  /** Absent for users outside the organisation. */
  senderStaffId: z.string().min(1).optional(),
  senderNick: z.string().optional(),
  senderCorpId: z.string().optional(),
  isAdmin: z.boolean().optional(),
  chatbotUserId: z.string().optional(),
  robotCode: z.string().optional(),
  isInAtList: z.boolean().optional(),
  atUsers: z.array(z.looseObject({ dingtalkId: z.string().optional(), staffId: z.string().optional() })).optional(),
  sessionWebhook: z.url({ protocol: /^https?$/ }),
  /**
   * Not DingTalk's: set by the bot on a message it made from an interactive-card tap (the card's
   * outTrackId), so that the answer goes to the group even after the webhook expired.
   */
  viaCardTap: z.string().optional(),
  /** Epoch milliseconds after which the webhook answers errcode 300001. */
  sessionWebhookExpiredTime: z.number(),
  text: z.looseObject({ content: z.string() }).optional(),
  content: z
    .looseObject({
      richText: z.array(RichTextItemSchema).optional(),
      recognition: z.string().optional(),
      downloadCode: z.string().optional(),
    })
    .optional(),
});

/** A validated robot message. */
export type RobotMessage = z.infer<typeof RobotMessageSchema>;

/**
 * Parses a CALLBACK's `data` string into a {@link RobotMessage}.
 * @throws DingTalkError `MALFORMED_MESSAGE` when it is not JSON or not a robot message.
 */
export function parseRobotMessage(data: unknown): RobotMessage {
  return validateRobotMessage(peekRobotMessage(data).json);
}

/** What the inbox records of a robot message, read before its full validation. */
export interface RobotMessagePeek {
  msgId: string;
  conversationId: string;
  /** The parsed `data`, for {@link validateRobotMessage}. */
  json: unknown;
}

/**
 * Parses a CALLBACK's `data` and reads only what the inbox needs (msgId, conversationId): the
 * transport records and acks a message with this and validates the rest after the ack, so a
 * burst's acks do not wait for every frame's full validation.
 * @throws DingTalkError `MALFORMED_MESSAGE` when it is not JSON or lacks either field.
 */
export function peekRobotMessage(data: unknown): RobotMessagePeek {
  if (typeof data !== "string") throw new DingTalkError("MALFORMED_MESSAGE", "callback data is not a string");
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (cause) {
    throw new DingTalkError("MALFORMED_MESSAGE", "callback data is not JSON", { cause });
  }
  const o = (typeof json === "object" && json !== null ? json : {}) as { msgId?: unknown; conversationId?: unknown };
  if (typeof o.msgId !== "string" || o.msgId === "" || typeof o.conversationId !== "string" || o.conversationId === "") {
    // The full validation says precisely what is wrong.
    validateRobotMessage(json);
    throw new DingTalkError("MALFORMED_MESSAGE", "callback data has no msgId or conversationId");
  }
  return { msgId: o.msgId, conversationId: o.conversationId, json };
}

/**
 * Validates parsed callback data as a robot message.
 * @throws DingTalkError `MALFORMED_MESSAGE` when it is not one.
 */
export function validateRobotMessage(json: unknown): RobotMessage {
  const parsed = RobotMessageSchema.safeParse(json);
  if (!parsed.success) {
    throw new DingTalkError("MALFORMED_MESSAGE", `callback data is not a robot message: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** What the user sent, extracted from a robot message: the text and its kind. */
export function extractContent(msg: RobotMessage): { text: string; contentKind: ContentKind } {
  switch (msg.msgtype) {
    case "text":
      // In groups the content starts with a space where DingTalk removed the @mention.
      return { text: (msg.text?.content ?? "").trim(), contentKind: "text" };
    case "richText": {
      const items = msg.content?.richText ?? [];
      const text = items
        .map((i) => i.text)
        .filter((t): t is string => typeof t === "string" && t.trim() !== "")
        .map((t) => t.trim())
        .join("\n");
      if (text !== "") return { text, contentKind: "text" };
      return { text: "", contentKind: items.some((i) => i.type === "picture") ? "picture" : "unknown" };
    }
    case "audio": {
      const recognition = (msg.content?.recognition ?? "").trim();
      return recognition === "" ? { text: "", contentKind: "audio-unrecognised" } : { text: recognition, contentKind: "text" };
    }
    case "picture":
    case "file":
    case "video":
      return { text: "", contentKind: msg.msgtype };
    default:
      return { text: "", contentKind: "unknown" };
  }
}

/** Facts the translation needs that do not come from the message. */
export interface TranslateContext {
  supportStaffIds: ReadonlySet<string>;
  robotCode: string | undefined;
  now: Date;
}

/** Translates a robot message into the pipeline's {@link IncomingMessage}. */
export function toIncomingMessage(msg: RobotMessage, ctx: TranslateContext): IncomingMessage {
  const { text, contentKind } = extractContent(msg);
  const userId = msg.senderStaffId ?? msg.senderId ?? "anonymous";
  return {
    id: msg.msgId,
    text,
    contentKind,
    userId,
    userName: msg.senderNick,
    chat: msg.conversationType === "2" ? "group" : "direct",
    conversationId: msg.conversationId,
    staff: ctx.supportStaffIds.has(userId),
    // The robot API pushes to staff ids only: without one (a user outside the organisation) no
    // 1:1 push is possible even with a robot code.
    canPushPrivately: Boolean(ctx.robotCode) && msg.senderStaffId !== undefined,
    now: ctx.now,
  };
}
