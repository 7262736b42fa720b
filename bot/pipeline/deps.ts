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

export interface PipelineDeps {
  kb: KnowledgeBase;
  index: SearchIndex;
  store: MerchantStore;
  logger: Logger;
  clarify: ClarifyState;
  commands: readonly CommandDefinition[];
  /** Days to keep recorded questions (QUESTION_RETENTION_DAYS). */
  questionRetentionDays: number;
}
