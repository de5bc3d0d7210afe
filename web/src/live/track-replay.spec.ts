import { describe, expect, it } from 'vitest';
import { positionAt } from './track-replay.js';

const pts = [
  { t: '2026-07-18T06:00:00Z', lat: 30, lon: 122, sog: 10, cog: 0 },
  { t: '2026-07-18T06:10:00Z', lat: 30.1, lon: 122.2, sog: 10, cog: 0 },
  { t: '2026-07-18T06:20:00Z', lat: 30.1, lon: 122.4, sog: 10, cog: 0 },
];

describe('positionAt', () => {
  it('interpolates between fixes and clamps at the ends', () => {
    const mid = positionAt(pts, Date.parse('2026-07-18T06:05:00Z'))!;
    expect(mid.lat).toBeCloseTo(30.05, 6);
    expect(mid.lon).toBeCloseTo(122.1, 6);
    expect(mid.index).toBe(0);
    expect(positionAt(pts, Date.parse('2026-07-18T07:00:00Z'))).toMatchObject({ lat: 30.1, lon: 122.4, index: 2 });
    expect(positionAt(pts, 0)).toMatchObject({ lat: 30, index: 0 });
    expect(positionAt([], 0)).toBeNull();
  });
});
