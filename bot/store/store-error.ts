/**
 * The one error the store throws. Callers branch on {@link StoreError.code}; the message is for
 * the operator and says what to do.
 */

export const STORE_ERROR_CODES = [
  /** The file is not a SQLite database, or is damaged. */
  "STORE_CORRUPT",
  /** Another process holds a lock longer than the busy timeout. */
  "STORE_LOCKED",
  /** The directory or file cannot be created or written (permissions, read-only disk, full disk). */
  "STORE_UNWRITABLE",
  /** The file was migrated by a newer version of the bot than this one. */
  "STORE_TOO_NEW",
  /** A schema migration failed; it was rolled back. */
  "STORE_MIGRATION_FAILED",
  /** A record handed to the store, or a stored row, does not match MerchantSchema. */
  "STORE_INVALID_RECORD",
  /** A value handed to a store method is out of range: an invalid date, an empty entry ID. */
  "STORE_INVALID_ARGUMENT",
  /** The store was used after close(). */
  "STORE_CLOSED",
  /** Any other SQLite failure. */
  "STORE_FAILED",
] as const;

export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** Thrown by every store method; nothing has been written when it is thrown from a write. */
export class StoreError extends Error {
  override readonly name = "StoreError";

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Narrows an unknown thrown value, e.g. `if (isStoreError(err, "STORE_LOCKED")) retry()`. */
export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}
