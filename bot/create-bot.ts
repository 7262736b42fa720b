/**
 * Builds everything a transport needs, once: the validated knowledge base and its index, the
 * merchant store (seeded with the demo merchants on first start), and the pipeline.
 */
import type { Logger } from "pino";
import { loadIndexedKnowledge } from "../knowledge/index-snapshot.js";
import { DEFAULT_KNOWLEDGE_DIR } from "../knowledge/load-knowledge.js";
import type { KnowledgeBase } from "../knowledge/load-knowledge.js";
import { buildSearchIndex } from "../knowledge/search-index.js";
import type { SearchIndex } from "../knowledge/search-index.js";
import type { CommandDefinition } from "./commands/define-command.js";
import { COMMANDS } from "./commands/registry.js";
import { DEFAULT_HANDOFF_REPLY_WITHIN } from "./config.js";
import { createClarifyState } from "./pipeline/clarify-state.js";
import { createPipeline } from "./pipeline/create-pipeline.js";
import type { HandoffSettings } from "./pipeline/hand-off.js";
import { createRecentTurns } from "./pipeline/recent-turns.js";
import type { Pipeline } from "./pipeline/create-pipeline.js";
import type { PipelineDeps } from "./pipeline/deps.js";
import { openStore } from "./store/open-store.js";
import type { MerchantStore } from "./store/open-store.js";
import { seedDemoIfEmpty } from "./store/seed-demo.js";
import { isStoreError } from "./store/store-error.js";
import { errorReply } from "./pipeline/replies.js";

export interface BotOptions {
  logger: Logger;
  /** The merchant store file, or `:memory:`. */
  databasePath: string;
  /** Load the demo merchants into an empty store (the default for `npm start`). */
  seedDemo?: boolean;
  /** Use this store instead of opening one (tests, `ask --merchants`). */
  store?: MerchantStore;
  knowledgeDir?: string;
  /** The index snapshot to load when it matches the knowledge files (tests); the one `npm run build` wrote by default. */
  snapshotFile?: string;
  /** Days to keep recorded questions; 90 by default. */
  questionRetentionDays?: number;
  /**
   * The staff on duty for handoffs and whether this transport delivers `Reply.notify` (DingTalk
   * with a robot code). Default: nobody on duty, so "转人工" answers with the human contact.
   */
  handoff?: HandoffSettings;
}

export interface Bot extends Pipeline {
  deps: PipelineDeps;
  /** Milliseconds spent building the knowledge base and its index. */
  startupMs: number;
  close(): void;
}

export function createBot(options: BotOptions): Bot {
  const started = performance.now();
  const log = options.logger.child({ component: "startup" });
  // From the index snapshot `npm run build` wrote, when it was built from exactly these files;
  // else from the files themselves (knowledge/index-snapshot.ts).
  const loaded = loadIndexedKnowledge(options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR, options.snapshotFile);
  const { kb } = loaded;
  const index = buildSearchIndex(kb, loaded.synonyms, { data: loaded.data, ranker: loaded.ranker });
  const store = options.store ?? openStore(options.databasePath);
  if (options.seedDemo) {
    const seeded = seedDemoIfEmpty(store);
    if (seeded > 0) log.info({ merchants: seeded }, "loaded the demo merchants into the empty store");
  }
  learnTaughtPhrasings(kb, index, store, log);
  const deps: PipelineDeps = {
    kb,
    index,
    store,
    logger: options.logger,
    clarify: createClarifyState(),
    turns: createRecentTurns(),
    handoff: options.handoff ?? { onDuty: [], replyWithin: DEFAULT_HANDOFF_REPLY_WITHIN, canNotify: false },
    commands: COMMANDS.map(answerStoreOutages),
    questionRetentionDays: options.questionRetentionDays ?? 90,
  };
  const startupMs = Math.round(performance.now() - started);
  log.info({ entries: kb.entries.length, sections: kb.sections.length, startupMs, from: loaded.source, why: loaded.reason }, "knowledge base loaded");
  return { ...createPipeline(deps), deps, startupMs, close: () => store.close() };
}

/**
 * What support staff taught with /teach, learned again by this process's ranker. A phrasing
 * taught for an entry that no longer exists is skipped; a store that cannot be read costs the
 * taught phrasings, never the start.
 */
function learnTaughtPhrasings(kb: KnowledgeBase, index: SearchIndex, store: MerchantStore, log: Logger): void {
  if (!index.ranker) return;
  let taught;
  try {
    taught = store.listTaught();
  } catch (err) {
    log.warn({ err }, "could not read the taught phrasings; starting without them");
    return;
  }
  let learned = 0;
  for (const t of taught) {
    if (t.entryId !== null && !kb.byId.has(t.entryId)) continue;
    index.teach(t.normalized, t.entryId);
    learned++;
  }
  if (learned > 0) log.info({ learned, skipped: taught.length - learned }, "learned the phrasings support staff taught");
}

/** What a command answers while the store is locked by another writer or cannot be written. */
export const STORE_UNAVAILABLE_TEXT = "查询暂时不可用，请稍后再试";

/**
 * A command whose store is locked or read-only answers {@link STORE_UNAVAILABLE_TEXT} instead of
 * a generic error (a check must not run without its audit entry); questions are not affected.
 */
function answerStoreOutages(def: CommandDefinition): CommandDefinition {
  return {
    ...def,
    run: async (ctx) => {
      try {
        return await def.run(ctx);
      } catch (err) {
        if (!isStoreError(err, "STORE_LOCKED") && !isStoreError(err, "STORE_UNWRITABLE")) throw err;
        ctx.deps.logger.child({ component: "pipeline", msgId: ctx.msg.id }).warn({ err: { code: err.code, message: err.message }, command: def.name }, "store unavailable; command answered with the outage notice");
        return errorReply(`${STORE_UNAVAILABLE_TEXT}。`, "暂时不可用");
      }
    },
  };
}
