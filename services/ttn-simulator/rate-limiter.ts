export interface RateLimitState {
  allowed: boolean;
  limit: number;
  available: number;
  /** Seconds until the window resets. */
  resetS: number;
}

/**
 * A fixed one-minute window per key, the unit TTN states its limits in ("accesses per minute",
 * ttn-formats.md §3.6). The clock is injected so tests can step through windows.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { startMs: number; used: number }>();

  constructor(
    readonly perMinute: number,
    readonly now: () => Date,
  ) {}

  take(key: string): RateLimitState {
    const nowMs = this.now().getTime();
    let window = this.#windows.get(key);
    if (!window || nowMs - window.startMs >= 60_000) {
      window = { startMs: nowMs, used: 0 };
      this.#windows.set(key, window);
    }
    const allowed = window.used < this.perMinute;
    if (allowed) window.used += 1;
    return {
      allowed,
      limit: this.perMinute,
      available: this.perMinute - window.used,
      resetS: Math.max(1, Math.ceil((window.startMs + 60_000 - nowMs) / 1000)),
    };
  }
}
