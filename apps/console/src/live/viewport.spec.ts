import { describe, expect, it } from 'vitest';
import type { VesselSnapshot } from '@seawarden/contracts';
import { compactVessel, fullViewport, inBox, viewportDelta, type ViewportState } from './viewport.js';

const v = (mmsi: number, lat: number | null, lon: number | null): VesselSnapshot => ({
  mmsi, name: 'X', callsign: null, imo: null, shipType: null, category: 'other', aisClass: 'A', length: null,
  lat, lon, sog: 3.14159, cog: 123.6, heading: null, navStatus: null, motion: 'underway',
  fixAt: '2026-07-01T00:00:10.900Z', lastHeardAt: '2026-07-01T00:00:10Z', zones: [], registered: false,
});

describe('viewport', () => {
  it('inBox handles edges, missing positions and the antimeridian', () => {
    const b = { west: 122, south: 29, east: 123, north: 30 };
    expect(inBox(b, 29, 122)).toBe(true);
    expect(inBox(b, 30.0001, 122.5)).toBe(false);
    expect(inBox(b, null, 122.5)).toBe(false);
    const wrap = { west: 179, south: -10, east: -179, north: 10 };
    expect(inBox(wrap, 0, 179.5)).toBe(true);
    expect(inBox(wrap, 0, -179.5)).toBe(true);
    expect(inBox(wrap, 0, 0)).toBe(false);
  });

  it('full content, then upserts for changes inside and removals for those that left', () => {
    const all = new Map([[1, v(1, 29.5, 122.5)], [2, v(2, 29.6, 122.6)], [3, v(3, 10, 10)]]);
    const st: ViewportState = { box: { west: 122, south: 29, east: 123, north: 30 }, compact: false, sent: new Map() };
    expect(fullViewport(st, all.values()).map((x) => x.mmsi)).toEqual([1, 2]);
    all.set(1, v(1, 29.7, 122.7));
    all.set(2, v(2, 50, 50));
    all.set(3, v(3, 29.1, 122.1));
    const d = viewportDelta(st, [1, 2, 3, 4], (m) => all.get(m));
    expect(d.upsert.map((x) => x.mmsi)).toEqual([1, 3]);
    expect(d.remove).toEqual([2]);
    // A vessel never sent and still outside is not "removed"; an unchanged snapshot is not resent.
    expect(viewportDelta(st, [2], (m) => all.get(m))).toEqual({ upsert: [], remove: [] });
    expect(viewportDelta(st, [1, 3], (m) => all.get(m))).toEqual({ upsert: [], remove: [] });
  });

  it('compact rows round and keep the documented order', () => {
    expect(compactVessel(v(412000001, 29.123456789, 122.987654321))).toEqual([
      412000001, 29.12346, 122.98765, 3.1, 124, null, 'other', 'underway', 'X', false, Math.floor(Date.parse('2026-07-01T00:00:10.900Z') / 1000),
    ]);
  });
});
