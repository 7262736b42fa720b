/**
 * Per-user flood control: a user who sends more than `maxMessages` within `windowMs` gets one
 * notice, then is ignored for `muteMs`. Keeps one timestamp list per active user; idle users are
 * swept so memory follows the number of recently active users.
 */

/** What to do with a message: process it, send the one notice, or ignore it. */
export type FloodVerdict = "accept" | "notice" | "ignore";

export class FloodGuard {
  private readonly users = new Map<string, { times: number[]; mutedUntil: number }>();
  private checks = 0;

  constructor(
    private readonly maxMessages: number,
    private readonly windowMs: number,
    private readonly muteMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a message from `userId` and says what to do with it. */
  check(userId: string): FloodVerdict {
    const t = this.now();
    if (++this.checks % 1000 === 0) this.sweep(t);
    let state = this.users.get(userId);
    if (!state) {
      state = { times: [], mutedUntil: 0 };
      this.users.set(userId, state);
    }
    if (state.mutedUntil > t) return "ignore";
    state.times.push(t);
    while (state.times.length > 0 && (state.times[0] ?? t) <= t - this.windowMs) state.times.shift();
    if (state.times.length > this.maxMessages) {
      state.mutedUntil = t + this.muteMs;
      state.times = [];
      return "notice";
    }
    return "accept";
  }

  private sweep(t: number): void {
    for (const [user, s] of this.users) {
      const last = s.times[s.times.length - 1] ?? 0;
      if (s.mutedUntil <= t && last <= t - this.windowMs) this.users.delete(user);
    }
  }
}
