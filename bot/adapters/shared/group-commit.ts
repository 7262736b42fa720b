/**
 * Group commit: items added during one turn of the event loop are committed together, once,
 * at the end of the turn (setImmediate), and each item's callback then runs with its own
 * outcome, in arrival order. The transport records incoming messages this way: a burst of
 * frames read from the socket in one turn costs one store transaction instead of one each, and
 * every frame is acked right after the transaction that recorded it (docs/operations.md,
 * "Start-up and load").
 */
export class GroupCommit<T, R> {
  private batch: { item: T; done: (result: R) => void }[] = [];
  private scheduled = false;

  /**
   * @param commit commits a batch and returns one result per item, in order (failures as
   *   values, not throws: a throw gives every item of the batch that error through `onThrow`).
   * @param onThrow maps a throw from `commit` to each item's result.
   * @param onCallbackError receives anything an item's callback throws; the other callbacks
   *   still run.
   */
  constructor(
    private readonly commit: (items: T[]) => R[],
    private readonly onThrow: (err: unknown) => R,
    private readonly onCallbackError: (err: unknown) => void,
  ) {}

  /** Queues `item` for this turn's commit; `done` runs after the commit with its result. */
  add(item: T, done: (result: R) => void): void {
    this.batch.push({ item, done });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Items waiting for the commit. */
  get pending(): number {
    return this.batch.length;
  }

  /**
   * Commits what is waiting now (work that must not overtake a waiting item calls this
   * first); a no-op when nothing waits.
   */
  flush(): void {
    this.scheduled = false;
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    let results: R[];
    try {
      results = this.commit(batch.map((b) => b.item));
    } catch (err) {
      const result = this.onThrow(err);
      results = batch.map(() => result);
    }
    batch.forEach((b, i) => {
      try {
        b.done(results[i] as R);
      } catch (err) {
        this.onCallbackError(err);
      }
    });
  }
}
