/**
 * Sends a natural-language question to a personalised check when it names a merchant
 * ("M10001 的服务分是多少", "我的处罚还能申诉吗 M10002"), or when a sender bound to a merchant
 * asks about their own figures ("我的服务分多少"). Which check: the command whose intent words
 * the question contains (longest match wins); a bare merchant ID gets the full /check.
 */
import type { CommandDefinition } from "../commands/define-command.js";
import type { PipelineDeps } from "./deps.js";
import type { IncomingMessage } from "./types.js";

/** Merchant-ID-looking tokens: letters then at least four digits (M10001, AB-20931). */
const ID_LIKE = /(?<![A-Za-z0-9_-])([A-Za-z]{1,4}[-_]?\d{4,12})(?![A-Za-z0-9_-])/gu;
/** Certificate and standard names that look like IDs but are not (ISO9001, EN71, GB2626). */
const NOT_AN_ID = /^(?:iso|gb|en|iec|astm|ul|fcc|rohs|ce|bsci|fsc|sgs|ip|usb|hs|ddp|rmb|usd|cny|qt|lst)/iu;
/** The sender speaks of their own business. */
const OWN = /我的|我们的|我们公司|我司|我家|我店|我们店|本公司|本店|咱们|咱家|(?:^|\s)(?:my|our|mine)\s/iu;
/** …and asks about their own state, not the rule in general. */
const OWN_STATE = /我(?:们)?(?:现在|目前|还|能不能|可不可以|可以|能|被)/u;

export interface PersonalCheck {
  command: CommandDefinition;
  args: string;
}

const preparedIntents = new WeakMap<CommandDefinition, string[]>();

function intentScore(def: CommandDefinition, question: string, deps: PipelineDeps): number {
  let intents = preparedIntents.get(def);
  if (!intents) {
    intents = (def.intents ?? []).map((i) => deps.index.prepare(i)).filter(Boolean);
    preparedIntents.set(def, intents);
  }
  let best = 0;
  for (const i of intents) if (question.includes(i)) best = Math.max(best, i.length);
  return best;
}

/** The check a question asks for, or undefined when it is a general rule question. */
export function detectPersonalCheck(text: string, msg: IncomingMessage, deps: PipelineDeps): PersonalCheck | undefined {
  const nfkc = text.normalize("NFKC");
  // The sender's own merchant IDs count whatever they look like ("T1"); other tokens only when
  // they look like an ID (letters then at least four digits).
  const bound = new Set(deps.store.merchantsForUser(msg.userId).map((m) => m.id));
  const own = (nfkc.match(/[A-Za-z0-9_-]+/gu) ?? []).filter((t) => bound.has(t));
  const ids = [...own, ...[...nfkc.matchAll(ID_LIKE)].map((m) => m[1]!).filter((id) => !NOT_AN_ID.test(id))];
  const question = deps.index.prepare(text);

  let command: CommandDefinition | undefined;
  let best = 0;
  for (const def of deps.commands) {
    if (def.group !== "checks") continue;
    const score = intentScore(def, question, deps);
    if (score > best) [command, best] = [def, score];
  }

  if (ids.length > 0) {
    const id = ids[0]!;
    if (command) return { command, args: id };
    const all = deps.commands.find((c) => c.name === "check");
    return all ? { command: all, args: id } : undefined;
  }
  if (command && (OWN.test(nfkc) || OWN_STATE.test(nfkc)) && bound.size > 0) {
    return { command, args: "" };
  }
  return undefined;
}
