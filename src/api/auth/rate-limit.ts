// Login throttling: a sliding window of failed attempts per key, in memory. Right for one
// process; several API processes would each keep their own window (see docs/api.md).
export interface RateLimitOptions {
  readonly max: number;
  readonly windowMs: number;
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly opts: RateLimitOptions, private readonly now: () => number = Date.now) {}

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.opts.max) return 0;
    return Math.max(1, (recent[recent.length - this.opts.max] ?? 0) + this.opts.windowMs - this.now());
  }

  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.hits.set(key, recent);
    if (this.hits.size > 100_000) this.prune();
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.opts.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > since);
  }

  private prune(): void {
    for (const key of [...this.hits.keys()]) {
      const r = this.recent(key);
      if (r.length === 0) this.hits.delete(key);
      else this.hits.set(key, r);
    }
  }
}
