import { describe, expect, it } from 'vitest';
import { isoFromEpochMs } from './iso-time.js';

describe('isoFromEpochMs', () => {
  it('matches toISOString across days, leap days and the ends of the fast range', () => {
    const samples = [
      0, 1, 999, 1000, 59_999, 3_599_999, 86_399_999, 86_400_000,
      Date.parse('2024-02-29T23:59:59.999Z'), Date.parse('2024-03-01T00:00:00.000Z'),
      Date.parse('2026-07-02T13:07:05.042Z'), Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ];
    // A pseudo-random walk, as a track reads: many fixes per day, days in order and out of order.
    let t = Date.parse('2026-06-30T22:00:00Z');
    for (let i = 0; i < 5000; i++) samples.push((t += (i * 7919) % 97_003), Date.UTC(1970 + (i % 8000), i % 12, 1 + (i % 28), i % 24, i % 60, i % 60, i % 1000));
    for (const ms of samples) expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
  });

  it('falls back to toISOString outside 1970–9999 and for fractional milliseconds', () => {
    for (const ms of [-1, -86_400_001, Date.UTC(10000, 0, 1), Date.UTC(10000, 0, 1) + 5, 1.5]) {
      expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
