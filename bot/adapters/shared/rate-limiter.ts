/**
 * A sliding-window rate limiter keyed by conversation. DingTalk throttles a robot at about 20
 * messages a minute per conversation and then blocks it for 10 minutes (docs/dingtalk-protocol.md
 * §5), so `acquire` waits for a free slot instead of failing: queue, do not drop.
 */
import { sleep } from "./backoff.js";

export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private acquisitions = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly onWait: (key: string, waitMs: number) => void = () => {},
  ) {}

  /** Waits until `key` may send one more message, then counts it. Rejects when `signal` aborts. */
  async acquire(key: string, signal?: AbortSignal): Promise<void> {
    if (++this.acquisitions % 1000 === 0) this.sweep(Date.now());
    for (;;) {
      const t = Date.now();
      let times = this.windows.get(key);
      if (!times) {
        times = [];
        this.windows.set(key, times);
      }
      while (times.length > 0 && (times[0] ?? t) <= t - this.windowMs) times.shift();
      if (times.length < this.limit) {
        times.push(t);
        return;
      }
      const waitMs = Math.max(1, (times[0] ?? t) + this.windowMs - t);
      this.onWait(key, waitMs);
      await sleep(waitMs, signal);
    }
  }

  /**
   * Counts sends that happened before this limiter existed (an earlier run of the process), so
   * that a restart does not grant a conversation a fresh window. Times are epoch ms.
   */
  prime(key: string, times: readonly number[]): void {
    const t = Date.now();
    const window = this.windows.get(key) ?? [];
    for (const at of times) if (at > t - this.windowMs) window.push(at);
    window.sort((a, b) => a - b);
    this.windows.set(key, window);
  }

  private sweep(t: number): void {
    for (const [key, times] of this.windows) {
      if ((times[times.length - 1] ?? 0) <= t - this.windowMs) this.windows.delete(key);
    }
  }
}
