/**
 * Logs a clarify prompt answered by picking one of its entries (by number, title, or a tap that
 * sends `/faq <id>`): the question asked back and the entry the asker meant, for /stats and as a
 * ready phrasing for /teach beside the question in /unanswered.
 */
import type { Logger } from "pino";
import type { PendingClarify } from "./clarify-state.js";
import type { PipelineDeps } from "./deps.js";
import type { IncomingMessage } from "./types.js";

/**
 * Records that `entryId` was picked from `pending`; does nothing when the prompt did not offer
 * it. A store failure is logged and never costs the asker the answer.
 */
export function recordClarifyPick(deps: PipelineDeps, msg: IncomingMessage, pending: Pick<PendingClarify, "entryIds" | "question">, entryId: string, log: Logger): void {
  const position = pending.entryIds.indexOf(entryId) + 1;
  if (position === 0) return;
  try {
    deps.store.recordClarifyPick({
      at: msg.now,
      normalized: deps.index.prepare(pending.question),
      entryId,
      position,
      offered: pending.entryIds.length,
      userId: msg.userId,
    });
  } catch (err) {
    log.error({ err }, "could not record the clarify pick");
  }
}
