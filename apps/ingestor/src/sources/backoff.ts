/**
 * Exponential backoff with full jitter (AWS architecture blog): the delay is uniform in
 * [min, min(max, min·2^attempt)], so many clients that lost the same server do not reconnect
 * in lockstep.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const ceiling = Math.min(this.maxMs, this.minMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(this.minMs + this.random() * (ceiling - this.minMs));
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
