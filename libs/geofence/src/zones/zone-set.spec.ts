import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { at, featureCollection, rectZone } from '../testing/fixtures.js';
import { loadZones } from './zone-loader.js';
import { ZoneSet } from './zone-set.js';

const feature = (id: string, ring: { lat: number; lon: number }[]) => ({
  type: 'Feature',
  properties: { id, kind: 'restricted', name: { zh: id, en: id } },
  geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]].map((p) => [p.lon, p.lat])] },
});

/**
 * Nested rectangles, a small irregular polygon, a 300-vertex star (edge index), and an L whose
 * box covers the others (blocks wholly outside a zone whose box meets them): every lookup path.
 */
function mixedZones() {
  const star: { lat: number; lon: number }[] = [];
  for (let i = 0; i < 300; i++) {
    const r = i % 2 ? 3000 : 1200;
    const a = (i / 300) * 2 * Math.PI;
    star.push(at(6000 + r * Math.cos(a), r * Math.sin(a)));
  }
  return featureCollection([
    rectZone('ban', 'fishing_ban', -5000, -5000, 5000, 5000, { calendar: 'c1' }),
    rectZone('port', 'port', -500, -500, 500, 500),
    feature('kite', [at(0, 0), at(900, 100), at(1200, 800), at(600, 400), at(300, 1100), at(-200, 600)]),
    feature('star', star),
    feature('ell', [at(-20000, -20000), at(20000, -20000), at(20000, -15000), at(-15000, -15000), at(-15000, 20000), at(-20000, 20000)]),
  ]);
}

const points = (n: number) => Array.from({ length: n }, (_, i) => at(((i * 7919) % 40000) - 20000, ((i * 104729) % 40000) - 20000));

describe('ZoneSet.prepare', () => {
  it('classifies every cell of the zones’ box ahead of traffic, with the answers of first-visit classification and of turf', () => {
    const fc = mixedZones();
    const lazy = loadZones(fc);
    const prepared = loadZones(fc);
    const cells = prepared.prepare();
    expect(cells).toBe(prepared['gridW'] * prepared['gridH']);
    expect(prepared.cachedCells).toBe(cells);
    expect(prepared.prepare()).toBe(0); // once
    let inside = 0;
    for (const p of points(8000)) {
      const ids = prepared.zonesAt(p.lat, p.lon).map((z) => z.id);
      expect(ids).toEqual(lazy.zonesAt(p.lat, p.lon).map((z) => z.id));
      for (const f of fc.features) expect(ids.includes(f.properties.id)).toBe(booleanPointInPolygon([p.lon, p.lat], f as never));
      inside += ids.length;
    }
    expect(inside).toBeGreaterThan(2000);
    expect(prepared.cachedCells).toBe(cells); // traffic classified nothing more
  });

  it('prepares in slices while the set is in use, with the same answers', () => {
    const fc = mixedZones();
    const lazy = loadZones(fc);
    const sliced = loadZones(fc);
    const pts = points(4000);
    let calls = 0;
    while (!sliced.isPrepared) {
      sliced.prepare(0); // the deadline has passed: one block a call
      calls++;
      const p = pts[calls % pts.length]; // traffic between the slices classifies cells too
      expect(sliced.zonesAt(p.lat, p.lon).map((z) => z.id)).toEqual(lazy.zonesAt(p.lat, p.lon).map((z) => z.id));
    }
    expect(calls).toBeGreaterThan(10);
    expect(sliced.cachedCells).toBe(sliced['gridW'] * sliced['gridH']);
    for (const p of pts) expect(sliced.zonesAt(p.lat, p.lon).map((z) => z.id)).toEqual(lazy.zonesAt(p.lat, p.lon).map((z) => z.id));
  });

  it('answers a cell no edge crosses from the grid alone, valid for the whole cell', () => {
    const zs = loadZones(mixedZones());
    zs.prepare();
    const p = at(-3000, -3000); // deep inside the ban rectangle only
    const out: number[] = [];
    expect(zs.lookup(p.lat, p.lon, out)).toBe(1);
    expect(zs.all[out[0]].id).toBe('ban');
    expect(zs.stableArea).toBe(ZoneSet.cellId(p.lat, p.lon));
    expect(zs.lastSlot).toBe(-1);
  });

  it('starts over after the cache is cleared, and does nothing for zones an ocean apart (no grid)', () => {
    const zs = loadZones(mixedZones());
    const n = zs.prepare();
    zs.clearCache();
    expect(zs.cachedCells).toBe(0);
    expect(zs.prepare()).toBe(n);
    const far = loadZones(featureCollection([rectZone('here', 'port', 0, 0, 100, 100), feature('sydney', [{ lat: -33.9, lon: 151.2 }, { lat: -33.9, lon: 151.21 }, { lat: -33.89, lon: 151.21 }])]));
    expect(far.prepare()).toBe(0);
    expect(far.zonesAt(-33.895, 151.208).map((z) => z.id)).toEqual(['sydney']);
  });
});
