import { describe, expect, it } from 'vitest';
import type { CompactVesselDelta, VesselDelta, VesselSnapshot } from '@seawarden/contracts';
import { applyDelta, toFeatureCollection, type LiveVessel } from './vessel-store.js';

function snap(mmsi: number, lat: number | null, lon: number | null, extra: Partial<VesselSnapshot> = {}): VesselSnapshot {
  return {
    mmsi, name: `V${mmsi}`, callsign: null, imo: null, shipType: 30, category: 'fishing', aisClass: 'A', length: null,
    lat, lon, sog: 5, cog: 90, heading: null, navStatus: null, motion: 'underway', fixAt: '2026-07-18T06:00:00Z',
    lastHeardAt: '2026-07-18T06:00:00Z', zones: [], registered: true, ...extra,
  };
}

describe('applyDelta', () => {
  it('replaces the viewport on a full delta, then upserts and removes', () => {
    const m = new Map<number, LiveVessel>();
    applyDelta(m, { full: true, upsert: [snap(1, 30, 122), snap(2, 30.1, 122.1)], remove: [], at: '' } satisfies VesselDelta);
    expect([...m.keys()]).toEqual([1, 2]);
    applyDelta(m, { full: false, upsert: [snap(3, 30, 122.2), snap(1, 30.05, 122)], remove: [2], at: '' });
    expect([...m.keys()].sort()).toEqual([1, 3]);
    expect(m.get(1)!.lat).toBe(30.05);
    applyDelta(m, { full: true, upsert: [snap(9, 29.9, 122.3)], remove: [], at: '' });
    expect([...m.keys()]).toEqual([9]);
  });

  it('keeps every chunk of a full snapshot sent in parts (full flag on the first only)', () => {
    const m = new Map<number, LiveVessel>();
    applyDelta(m, { full: true, upsert: [snap(9, 30, 122)], remove: [], at: '' });
    applyDelta(m, { full: true, at: '', remove: [], rows: [[1, 30, 122, null, null, null, 'cargo', 'underway', null, false, null]] });
    applyDelta(m, { full: false, at: '', remove: [], rows: [[2, 30, 122, null, null, null, 'cargo', 'underway', null, false, null]] });
    expect([...m.keys()].sort()).toEqual([1, 2]);
  });

  it('reads compact rows', () => {
    const m = new Map<number, LiveVessel>();
    const d: CompactVesselDelta = { full: true, at: '', remove: [], rows: [[412000001, 29.95, 122.3, 12.5, 45, 47, 'leisure', 'underway', 'SEA FOX', false, 1784354400]] };
    expect(applyDelta(m, d)).toBe(true);
    expect(m.get(412000001)).toMatchObject({ category: 'leisure', heading: 47, name: 'SEA FOX', registered: false, fixAt: 1784354400 });
  });

  it('reports no change for an empty delta and removal of unknown vessels', () => {
    const m = new Map<number, LiveVessel>();
    expect(applyDelta(m, { full: false, upsert: [], remove: [5], at: '' })).toBe(false);
  });

  it('maps unknown categories to other', () => {
    const m = new Map<number, LiveVessel>();
    applyDelta(m, { full: true, at: '', remove: [], rows: [[7, 1, 2, null, null, null, 'submarine', 'unknown', null, false, null]] });
    expect(m.get(7)!.category).toBe('other');
  });
});

describe('toFeatureCollection', () => {
  it('rotates by heading, else course, skips vessels without a fix and marks the selection', () => {
    const m = new Map<number, LiveVessel>();
    applyDelta(m, { full: true, at: '', remove: [], upsert: [snap(1, 30, 122, { heading: 10, cog: 20 }), snap(2, 30, 122, { heading: null, cog: 20 }), snap(3, null, null)] });
    const fc = toFeatureCollection(m, 2);
    expect(fc.features.map((f) => [f.id, f.properties.rot, f.properties.sel])).toEqual([[1, 10, 0], [2, 20, 1]]);
    expect(fc.features[0]!.geometry.coordinates).toEqual([122, 30]);
  });
});
