/**
 * Token bucket per key (client IP + username): `burst` attempts at once, refilled at one per
 * `refillMs`. In memory, per process: N console instances allow up to N× the rate unless
 * the load balancer pins a client IP to one instance.
 */
export class LoginRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst = 5,
    private readonly refillMs = 12_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds until the next token. */
  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    const tokens = Math.min(this.burst, b.tokens + (t - b.at) / this.refillMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: t });
      return Math.ceil(((1 - tokens) * this.refillMs) / 1000);
    }
    this.buckets.set(key, { tokens: tokens - 1, at: t });
    if (this.buckets.size > 50_000) this.prune(t);
    return 0;
  }

  private prune(t: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (t - b.at) / this.refillMs >= this.burst) this.buckets.delete(k);
  }
}
