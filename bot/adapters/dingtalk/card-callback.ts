/**
 * The interactive card's button callback (a CALLBACK on topic `/v1.0/card/instances/callback`),
 * validated once with zod. Field facts: docs/dingtalk-protocol.md §7.
 */
import { TOPIC_CARD } from "dingtalk-stream";
import { z } from "zod";
import { DingTalkError } from "./dingtalk-error.js";

/** The stream topic card callbacks arrive on (CALLBACK); subscribed only with a card template. */
export { TOPIC_CARD };

const ContentSchema = z.looseObject({
  cardPrivateData: z.looseObject({
    actionIds: z.array(z.string()).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  }),
});

const CardCallbackSchema = z.looseObject({
  /** Our id of the card (createAndDeliver's outTrackId). */
  outTrackId: z.string().min(1),
  /** Who tapped: a staff id (userIdType 1, which the bot asks for when it delivers). */
  userId: z.string().min(1),
  corpId: z.string().optional(),
  spaceType: z.string().optional(),
  /** For a group card, the group's openConversationId. */
  spaceId: z.string().optional(),
  /** A JSON string: `{cardPrivateData: {actionIds, params}}`. */
  content: z.string(),
});

/** A validated button tap. */
export interface CardTap {
  outTrackId: string;
  userId: string;
  /** The group's openConversationId when the card is in a group. */
  groupId: string | undefined;
  /** The tapped button's index in the card's `buttons` list. */
  index: number;
}

/**
 * Parses a card callback's `data` string into a {@link CardTap}.
 * @throws DingTalkError `MALFORMED_MESSAGE` when it is not a button tap of our template.
 */
export function parseCardTap(data: unknown): CardTap {
  if (typeof data !== "string") throw new DingTalkError("MALFORMED_MESSAGE", "card callback data is not a string");
  let json: unknown;
  let content: unknown;
  try {
    json = JSON.parse(data);
  } catch (cause) {
    throw new DingTalkError("MALFORMED_MESSAGE", "card callback data is not JSON", { cause });
  }
  const parsed = CardCallbackSchema.safeParse(json);
  if (!parsed.success) throw new DingTalkError("MALFORMED_MESSAGE", `not a card callback: ${z.prettifyError(parsed.error)}`);
  try {
    content = JSON.parse(parsed.data.content);
  } catch (cause) {
    throw new DingTalkError("MALFORMED_MESSAGE", "card callback content is not JSON", { cause });
  }
  const inner = ContentSchema.safeParse(content);
  if (!inner.success) throw new DingTalkError("MALFORMED_MESSAGE", `card callback content has no cardPrivateData: ${z.prettifyError(inner.error)}`);
  // The template sends the index as a number or, from a string variable, as its decimal text.
  const raw = inner.data.cardPrivateData.params?.index;
  const index = typeof raw === "number" ? raw : typeof raw === "string" && /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(index) || index < 0) throw new DingTalkError("MALFORMED_MESSAGE", "card callback carries no button index");
  const d = parsed.data;
  return { outTrackId: d.outTrackId, userId: d.userId, groupId: d.spaceType === "IM_GROUP" ? d.spaceId : undefined, index };
}
