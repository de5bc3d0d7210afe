import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('grows the ceiling exponentially up to max, with jitter between min and the ceiling', () => {
    const high = new Backoff(100, 1000, () => 0.999999);
    expect([1, 2, 3, 4, 5, 6].map(() => high.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    const low = new Backoff(100, 1000, () => 0);
    expect([1, 2, 3].map(() => low.next())).toEqual([100, 100, 100]);
  });
  it('spreads delays (full jitter) and starts over after reset', () => {
    const b = new Backoff(10, 10_000);
    for (let i = 0; i < 8; i++) b.next();
    const seen = new Set(Array.from({ length: 50 }, () => b.next()));
    expect(seen.size).toBeGreaterThan(10);
    for (const d of seen) expect(d).toBeGreaterThanOrEqual(10);
    for (const d of seen) expect(d).toBeLessThanOrEqual(10_000);
    b.reset();
    expect(b.attempts).toBe(0);
    expect(b.next()).toBe(10);
  });
});
