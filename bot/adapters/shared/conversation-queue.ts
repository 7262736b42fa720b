/**
 * Runs tasks one at a time per conversation, in arrival order, and many conversations at once.
 * Per-conversation order keeps replies in the order the questions were asked (and lets the
 * pipeline keep per-conversation state such as a pending clarify); `drain` lets shutdown wait
 * for in-flight replies.
 */
export class ConversationQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private pendingCount = 0;
  private readonly idleWaiters = new Set<() => void>();

  /** @param onError receives anything a task throws (tasks should handle their own errors). */
  constructor(private readonly onError: (err: unknown, key: string) => void) {}

  /** Appends `task` to the queue of conversation `key`. */
  enqueue(key: string, task: () => Promise<void>): void {
    this.pendingCount++;
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev
      .then(task)
      .catch((err: unknown) => this.onError(err, key))
      .finally(() => {
        this.pendingCount--;
        if (this.tails.get(key) === next) this.tails.delete(key);
        if (this.pendingCount === 0) for (const w of this.idleWaiters) w();
      });
    this.tails.set(key, next);
  }

  /** Tasks queued or running. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Resolves `true` once every task has finished, or `false` after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.pendingCount === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(onIdle);
        resolve(ok);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.idleWaiters.add(onIdle);
    });
  }
}
