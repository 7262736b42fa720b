/**
 * What the pipeline works with, built once at start-up by `createBot` and shared by every
 * message and transport.
 */
import type { Logger } from "pino";
import type { KnowledgeBase } from "../../knowledge/load-knowledge.js";
import type { SearchIndex } from "../../knowledge/search-index.js";
import type { CommandDefinition } from "../commands/define-command.js";
import type { MerchantStore } from "../store/open-store.js";
import type { ClarifyState } from "./clarify-state.js";
import type { HandoffSettings } from "./hand-off.js";
import type { RecentTurns } from "./recent-turns.js";

export interface PipelineDeps {
  kb: KnowledgeBase;
  index: SearchIndex;
  store: MerchantStore;
  logger: Logger;
  clarify: ClarifyState;
  /** Each user's last few turns per conversation, for the transcript a handoff carries. */
  turns: RecentTurns;
  /** Who handoffs ("转人工") go to, and whether the transport can push them (docs/operations.md). */
  handoff: HandoffSettings;
  commands: readonly CommandDefinition[];
  /** Days to keep recorded questions (QUESTION_RETENTION_DAYS). */
  questionRetentionDays: number;
}
