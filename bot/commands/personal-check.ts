/**
 * The one gate every personalised check goes through: which merchant is meant, whether the
 * sender may see it, and where the result may be shown. A merchant's figures are private:
 * only users bound to that merchant and support staff see them, and never in a group chat.
 * Every lookup is audit-logged (who, which merchant, allowed or not), never with the figures.
 */
import { DateTime } from "luxon";
import type { Merchant } from "../../rules/merchant.js";
import { MERCHANT_ID_PATTERN } from "../../rules/merchant.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import { escapeText } from "../pipeline/markdown.js";
import { deniedReply, errorReply, makeReply } from "../pipeline/replies.js";
import type { Reply } from "../pipeline/types.js";
import type { CommandContext } from "./define-command.js";
import { applyWhatIf, whatIfNote } from "./what-if.js";

export interface CheckView {
  /** Markdown title (plain text), e.g. `M10001 的RFQ服务分`. */
  title: string;
  /** DingTalk markdown: headline figure first, then the breakdown, the next step and the source. */
  text: string;
}

export interface RenderContext {
  merchant: Merchant;
  /** The clock of the message, in Asia/Shanghai. */
  now: DateTime;
  deps: PipelineDeps;
}

export interface PersonalCheckSpec {
  /** The command as audit-logged and shown in hints, e.g. `/score`. */
  action: string;
  /** Renders one merchant's check. Reads nothing but what it is given (the store for peers). */
  render(ctx: RenderContext): CheckView;
}

/** Runs a personalised check for the merchant named in `ctx.args` (or the sender's own). */
export function runPersonalCheck(ctx: CommandContext, spec: PersonalCheckSpec): Reply {
  const { msg, deps } = ctx;
  const requested = ctx.args.split(/\s+/)[0] ?? "";

  if (msg.chat === "group") {
    if (!msg.canPushPrivately) {
      return makeReply(
        "command",
        "请在单聊中查询",
        `为保护商户数据，个性化查询结果不会发在群里。请在与我的**单聊**（私聊）中发送 ${spec.action}${requested ? ` ${requested.slice(0, 32)}` : ""} 查询。`,
      );
    }
    const direct = runPersonalCheck({ ...ctx, msg: { ...msg, chat: "direct" } }, spec);
    return makeReply("command", "结果已私信发送", "为保护商户数据，查询结果已通过**单聊**私信发给你，请查看与我的单聊。", {
      private: { title: direct.title, text: direct.text },
    });
  }

  const target = resolveMerchantId(requested, ctx, spec.action);
  if (typeof target !== "string") return target;

  const merchant = deps.store.getMerchant(target);
  const allowed = merchant !== undefined && (msg.staff || merchant.dingtalkUserIds.includes(msg.userId));
  deps.store.recordAudit({ at: msg.now, userId: msg.userId, merchantId: target, action: spec.action, allowed });
  deps.logger.child({ component: "audit" }).info({ userId: msg.userId, merchantId: target, action: spec.action, allowed }, "personalised lookup");
  if (!allowed) {
    if (msg.staff) return errorReply(`没有找到商户「${target}」。请核对商户ID。`, "未找到商户");
    return deniedReply();
  }

  const now = DateTime.fromJSDate(msg.now, { zone: "Asia/Shanghai" });
  // "M10001 如果回复率到50%…": the same check on the record with the imagined figure.
  const whatIf = applyWhatIf(spec.action, msg.text, merchant, now);
  const view = spec.render({ merchant: whatIf?.merchant ?? merchant, now, deps });
  return makeReply("command", view.title, whatIf ? `${whatIfNote(merchant.id, whatIf)}\n\n${view.text}` : view.text);
}

/** The merchant ID to look up, or the reply that asks for one. */
function resolveMerchantId(requested: string, { msg, deps }: CommandContext, action: string): string | Reply {
  if (requested) {
    if (MERCHANT_ID_PATTERN.test(requested)) return requested;
    // Not an ID at all: nothing to look up. Staff get told; others get the same answer as for
    // any merchant they may not see, so the reply reveals nothing.
    deps.store.recordAudit({ at: msg.now, userId: msg.userId, merchantId: requested.slice(0, 64), action: "invalid-id", allowed: false });
    if (msg.staff) return errorReply("商户ID只能由字母、数字、下划线和短横线组成（1-32位），例如 M10001。", "商户ID格式有误");
    return deniedReply();
  }
  const bound = deps.store.merchantsForUser(msg.userId);
  if (bound.length === 1) return bound[0]!.id;
  if (bound.length === 0) {
    return errorReply(
      msg.staff
        ? `请在指令后写上要查询的商户ID，例如 ${action} M10001。`
        : `你的钉钉账号还没有绑定商户，所以我不知道要查哪个商户。请在指令后写上商户ID（例如 ${action} M10001），或联系客户经理为你的账号绑定商户。`,
      "需要商户ID",
    );
  }
  // In a group the merchants' names stay out of the text; the buttons are the asker's own.
  const names = msg.chat === "group" ? [] : ["", ...bound.map((m) => `- ${m.id}（${escapeText(m.name)}）`)];
  return makeReply(
    "clarify",
    "请指定商户",
    ["你的账号绑定了多个商户，点一个查询，或在指令后写上商户ID：", ...names].join("\n"),
    { actions: bound.map((m) => ({ label: msg.chat === "group" ? m.id : `${m.id} ${m.name}`.slice(0, 24), send: `${action} ${m.id}` })) },
  );
}
