/**
 * Small constructors for {@link Reply} so every reply carries a title and says whether it is
 * markdown. Texts are DingTalk markdown: bold, lists, quotes and links, no tables.
 */
import type { Reply, ReplyKind } from "./types.js";

export function makeReply(kind: ReplyKind, title: string, text: string, extra: Partial<Reply> = {}): Reply {
  return { kind, title, text, markdown: true, ...extra };
}

/** Bad input: says what was wrong and how to put it right. */
export function errorReply(text: string, title = "输入有误", extra: Partial<Reply> = {}): Reply {
  return makeReply("error", title, text, extra);
}

/** The sender may not see what was asked. Never says whether the merchant exists. */
export function deniedReply(): Reply {
  return makeReply(
    "denied",
    "无法查看",
    "抱歉，你没有权限查看这个商户的数据（或该商户ID不存在）。\n\n只有与该商户绑定的钉钉账号和客服人员可以查询商户的个性化数据。如需绑定，请联系你的客户经理。",
  );
}

/** Where a person can help when the bot cannot. */
export const HUMAN_CONTACT = "如需人工帮助，请联系你的客户经理，或在「国际站钉钉组织」的答疑群里提问。";
