/**
 * First-start demo data: loads data/demo-merchants.json into an empty store so that the terminal
 * and a fresh DingTalk deployment can show every personalised check before any real import.
 */
import { fileURLToPath } from "node:url";
import { formatProblem, ImportError, importMerchants, readMerchantFile } from "./import-merchants.js";
import type { MerchantStore } from "./open-store.js";

/** data/demo-merchants.json, found from this module so that it works from any working directory. */
export const DEMO_MERCHANTS_PATH = fileURLToPath(new URL("../../data/demo-merchants.json", import.meta.url));

/**
 * Loads the demo merchants into `store` when it holds no merchant at all, and returns how many
 * were loaded (0 when the store already had merchants: an operator's data is never touched).
 * Call once at start-up, after openStore.
 *
 * @throws {ImportError} IMPORT_UNREADABLE or IMPORT_REJECTED when the demo file is missing or invalid.
 * @throws {StoreError} when the store fails.
 */
export function seedDemoIfEmpty(
  store: Pick<MerchantStore, "countMerchants" | "upsertMerchants">,
  path: string = DEMO_MERCHANTS_PATH,
): number {
  if (store.countMerchants() > 0) return 0;
  const result = importMerchants(store, readMerchantFile(path));
  if (!result.ok) {
    const shown = result.problems.slice(0, 5).map(formatProblem).join("; ");
    const more = result.problems.length > 5 ? `; and ${result.problems.length - 5} more` : "";
    throw new ImportError(
      "IMPORT_REJECTED",
      `the demo merchant file ${path} is invalid, so nothing was seeded: ${shown}${more}`,
      result.problems,
    );
  }
  return result.inserted;
}
