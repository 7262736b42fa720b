/**
 * Exponential backoff with jitter, and an abortable sleep. Shared by the reconnect loop and the
 * delivery retries so both back off the same, predictable way.
 */

/**
 * The delay before retry number `attempt` (0-based): `min(maxMs, baseMs * 2^attempt)` scaled by a
 * random factor in [0.5, 1) ("equal jitter"), so delays never shrink before reaching the cap and
 * many clients do not retry in lockstep.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(exp * (0.5 + random() * 0.5));
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
