import { describe, expect, it } from 'vitest';
import { ZoneFileError } from '../errors.js';
import { at, featureCollection, rectZone } from '../testing/fixtures.js';
import { loadZones } from './zone-loader.js';

const good = () => [
  rectZone('ban', 'fishing_ban', -5000, -5000, 5000, 5000, { calendar: 'c1' }),
  rectZone('port', 'port', -500, -500, 500, 500),
  rectZone('slow', 'speed_limit', 1000, 1000, 2000, 2000, { speedLimitKn: 8 }),
];

function errorOf(fn: () => unknown): ZoneFileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZoneFileError);
    return e as ZoneFileError;
  }
  throw new Error('expected a ZoneFileError');
}

describe('loadZones', () => {
  it('loads polygons and finds zones at a point (boundary inclusive, nested zones)', () => {
    const zs = loadZones(featureCollection(good()));
    expect(zs.size).toBe(3);
    const c = at(0, 0);
    expect(zs.zonesAt(c.lat, c.lon).map((z) => z.id).sort()).toEqual(['ban', 'port']);
    const s = at(1500, 1500);
    expect(zs.zonesAt(s.lat, s.lon).map((z) => z.id).sort()).toEqual(['ban', 'slow']);
    const out = at(9000, 0);
    expect(zs.zonesAt(out.lat, out.lon)).toEqual([]);
    expect(zs.byId('slow')?.properties.speedLimitKn).toBe(8);
  });

  it('accepts MultiPolygon and polygons with holes', () => {
    const a = rectZone('a', 'restricted', 0, 0, 1000, 1000).geometry.coordinates;
    const b = rectZone('b', 'restricted', 3000, 0, 4000, 1000).geometry.coordinates;
    const hole = rectZone('h', 'restricted', 200, 200, 800, 800).geometry.coordinates[0];
    const zs = loadZones(
      featureCollection([
        { type: 'Feature', properties: { id: 'm', kind: 'restricted', name: { zh: '禁区', en: 'No entry' } }, geometry: { type: 'MultiPolygon', coordinates: [[a[0], hole], b] } },
      ]),
    );
    const inA = at(100, 100);
    const inHole = at(500, 500);
    const inB = at(3500, 500);
    expect(zs.zonesAt(inA.lat, inA.lon).length).toBe(1);
    expect(zs.zonesAt(inHole.lat, inHole.lon).length).toBe(0);
    expect(zs.zonesAt(inB.lat, inB.lon).length).toBe(1);
  });

  it('refuses an unknown kind with the feature index', () => {
    const f = good();
    (f[2].properties as Record<string, unknown>).kind = 'harbour';
    const e = errorOf(() => loadZones(featureCollection(f)));
    expect(e.featureIndex).toBe(2);
    expect(e.message).toMatch(/^feature 2: kind 'harbour' is not one of fishing_ban, port/);
  });

  it('refuses an open ring, bad coordinates, duplicate ids and missing kind parameters', () => {
    const open = good();
    open[1].geometry.coordinates[0].pop();
    open[1].geometry.coordinates[0].push([1, 1]);
    expect(errorOf(() => loadZones(featureCollection(open)))).toMatchObject({ featureIndex: 1, reason: expect.stringMatching(/not closed/) });

    const range = good();
    range[0].geometry.coordinates[0][1] = [200, 29.9];
    expect(errorOf(() => loadZones(featureCollection(range))).reason).toMatch(/longitude 200 is outside/);

    const dup = good();
    dup[2].properties.id = 'ban';
    expect(errorOf(() => loadZones(featureCollection(dup)))).toMatchObject({ featureIndex: 2, reason: "duplicate id 'ban' (also feature 0)" });

    const noLimit = good();
    delete (noLimit[2].properties as Record<string, unknown>).speedLimitKn;
    expect(errorOf(() => loadZones(featureCollection(noLimit))).reason).toMatch(/speedLimitKn/);

    const noCal = good();
    delete (noCal[0].properties as Record<string, unknown>).calendar;
    expect(errorOf(() => loadZones(featureCollection(noCal))).reason).toMatch(/calendar/);

    const closure = [rectZone('t', 'temporary_closure', 0, 0, 10, 10, { validFrom: '2025-07-02T00:00:00+08:00', validTo: '2025-07-01T00:00:00+08:00' })];
    expect(errorOf(() => loadZones(featureCollection(closure))).reason).toMatch(/not before 'validTo'/);

    const noName = good();
    (noName[1].properties as Record<string, unknown>).name = 'Port';
    expect(errorOf(() => loadZones(featureCollection(noName))).reason).toMatch(/'name' must be an object/);

    const line = good();
    (line[1] as { geometry: unknown }).geometry = { type: 'LineString', coordinates: [[0, 0], [1, 1]] };
    expect(errorOf(() => loadZones(featureCollection(line))).reason).toMatch(/LineString/);
  });

  it('refuses what is not a FeatureCollection, and bad JSON text', () => {
    expect(errorOf(() => loadZones({ type: 'Feature' })).featureIndex).toBe(-1);
    expect(errorOf(() => loadZones('{oops')).message).toMatch(/not valid JSON/);
  });

  it('agrees with a plain turf point-in-polygon on small irregular polygons, repeatedly (cached cells)', async () => {
    const { booleanPointInPolygon } = await import('@turf/boolean-point-in-polygon');
    const ring = [at(0, 0), at(900, 100), at(1200, 800), at(600, 400), at(300, 1100), at(-200, 600), at(0, 0)].map((p) => [p.lon, p.lat]);
    const feature = { type: 'Feature', properties: { id: 'k', kind: 'restricted', name: { zh: '区', en: 'Zone' } }, geometry: { type: 'Polygon', coordinates: [ring] } };
    const zs = loadZones(featureCollection([feature]));
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < 3000; i++) {
        const p = at(((i * 7919) % 1800) - 400, ((i * 104729) % 1500) - 200);
        expect(zs.zonesAt(p.lat, p.lon).length === 1).toBe(booleanPointInPolygon([p.lon, p.lat], feature as never));
      }
    }
  });

  it('agrees with a plain turf point-in-polygon on a complex polygon at many points', async () => {
    const { booleanPointInPolygon } = await import('@turf/boolean-point-in-polygon');
    // A 300-vertex star around the origin.
    const ring: [number, number][] = [];
    for (let i = 0; i < 300; i++) {
      const r = i % 2 ? 3000 : 1200;
      const a = (i / 300) * 2 * Math.PI;
      const p = at(r * Math.cos(a), r * Math.sin(a));
      ring.push([p.lon, p.lat]);
    }
    ring.push(ring[0]);
    const feature = { type: 'Feature', properties: { id: 's', kind: 'restricted', name: { zh: '星', en: 'Star' } }, geometry: { type: 'Polygon', coordinates: [ring] } };
    const zs = loadZones(featureCollection([feature]));
    let inside = 0;
    for (let i = 0; i < 4000; i++) {
      const p = at(((i * 7919) % 8000) - 4000, ((i * 104729) % 8000) - 4000);
      const expected = booleanPointInPolygon([p.lon, p.lat], feature as never);
      expect(zs.zonesAt(p.lat, p.lon).length === 1).toBe(expected);
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(200);
  });

  it('gives the same answers when its zones are an ocean apart (cells hashed instead of a dense grid)', () => {
    const far = (id: string, lon: number, lat: number) => ({
      type: 'Feature',
      properties: { id, kind: 'restricted', name: { zh: id, en: id } },
      geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]] },
    });
    const near = good();
    const spread = loadZones(featureCollection([...near, far('sydney', 151.2, -33.9), far('azores', -25.7, 37.7)]));
    const alone = loadZones(featureCollection(near));
    for (let i = 0; i < 2000; i++) {
      const p = at(((i * 7919) % 12000) - 6000, ((i * 104729) % 12000) - 6000);
      expect(spread.zonesAt(p.lat, p.lon).map((z) => z.id)).toEqual(alone.zonesAt(p.lat, p.lon).map((z) => z.id));
    }
    expect(spread.zonesAt(-33.895, 151.205).map((z) => z.id)).toEqual(['sydney']);
    expect(spread.zonesAt(37.705, -25.695).map((z) => z.id)).toEqual(['azores']);
    expect(spread.zonesAt(0, 0)).toEqual([]);
  });
});
