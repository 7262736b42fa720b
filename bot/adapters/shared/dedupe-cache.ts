/**
 * Remembers recently seen message ids so a re-delivered or repeated robot message is answered
 * once (docs/dingtalk-protocol.md §2: even acked messages can arrive twice). Memory is bounded
 * both by age (`ttlMs`) and by count (`maxEntries`, oldest forgotten first).
 */
export class DedupeCache {
  // Insertion order is expiry order because every entry gets the same TTL.
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records `id` and tells whether it was already seen within the TTL. */
  checkAndRemember(id: string): boolean {
    const t = this.now();
    this.evict(t);
    const expiresAt = this.seen.get(id);
    if (expiresAt !== undefined && expiresAt > t) return true;
    this.seen.delete(id);
    this.seen.set(id, t + this.ttlMs);
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next();
      if (oldest.done === true) break;
      this.seen.delete(oldest.value);
    }
    return false;
  }

  /** How many ids are remembered now. */
  get size(): number {
    return this.seen.size;
  }

  private evict(t: number): void {
    for (const [id, expiresAt] of this.seen) {
      if (expiresAt > t) break;
      this.seen.delete(id);
    }
  }
}
