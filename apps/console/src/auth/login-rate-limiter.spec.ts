import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './login-rate-limiter.js';

describe('LoginRateLimiter', () => {
  it('allows a burst, then refuses with the wait, then refills', () => {
    let now = 0;
    const l = new LoginRateLimiter(3, 10_000, () => now);
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([0, 0, 0]);
    expect(l.take('a')).toBe(10);
    expect(l.take('b')).toBe(0); // other key unaffected
    now += 10_000;
    expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBeGreaterThan(0);
  });
});
