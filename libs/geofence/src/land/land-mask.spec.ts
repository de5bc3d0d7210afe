import { describe, expect, it } from 'vitest';
import { LandFileError } from '../errors.js';
import { loadZhoushanScenario } from '../scenario/index.js';
import { at, featureCollection } from '../testing/fixtures.js';
import { loadLand } from './land-loader.js';

/** A square island 10 km across around the origin with a 2 km lagoon (hole) in its middle. */
function island() {
  const ring = (r: number) => [at(-r, -r), at(r, -r), at(r, r), at(-r, r), at(-r, -r)].map((p) => [p.lon, p.lat]);
  return { type: 'Feature', properties: { id: 'isle', name: { zh: '测试岛', en: 'Test Island' } }, geometry: { type: 'Polygon', coordinates: [ring(5000), ring(1000)] } };
}

describe('LandMask', () => {
  const mask = loadLand(featureCollection([island()]));

  it('places a position on land with its distance to the nearest coast', () => {
    const hit = mask.locate(at(3000, 0).lat, at(3000, 0).lon);
    expect(hit?.area.id).toBe('isle');
    expect(hit?.area.name?.en).toBe('Test Island');
    // 2 km from the outer coast (east) and 2 km from the lagoon's shore (west): within 1 %.
    expect(hit!.inlandM).toBeGreaterThan(1980);
    expect(hit!.inlandM).toBeLessThan(2020);
    expect(mask.locate(at(4700, 4000).lat, at(4700, 4000).lon)!.inlandM).toBeLessThan(310);
  });

  it('finds no land at sea or on the water of a hole', () => {
    expect(mask.locate(at(6000, 0).lat, at(6000, 0).lon)).toBeNull();
    expect(mask.locate(at(0, 0).lat, at(0, 0).lon)).toBeNull();
    expect(loadLand(featureCollection([])).locate(29.9, 122.3)).toBeNull();
  });

  it('reads MultiPolygons and names given as one string', () => {
    const f = island();
    const m = loadLand(featureCollection([{ ...f, properties: { name: '小岛' }, geometry: { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] } }]));
    const hit = m.locate(at(-3000, 0).lat, at(-3000, 0).lon);
    expect(hit?.area).toMatchObject({ id: 'land-0', name: { zh: '小岛', en: '小岛' } });
  });

  it('refuses a bad land file with the feature index and the reason', () => {
    const refused = (json: unknown) => {
      try {
        loadLand(json);
      } catch (e) {
        expect(e).toBeInstanceOf(LandFileError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused('{"type":')).toMatch(/^land: not valid JSON/);
    expect(refused({ type: 'Feature' })).toBe("land: not a GeoJSON FeatureCollection (type must be 'FeatureCollection')");
    const line = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[122, 30], [122.1, 30]] } };
    expect(refused(featureCollection([island(), line]))).toBe("land feature 1: geometry type 'LineString' is not Polygon or MultiPolygon");
    const open = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[122, 30], [122.1, 30], [122.1, 30.1], [122, 30.1]]] } };
    expect(refused(featureCollection([open]))).toMatch(/^land feature 0: ring 0 is not closed/);
    expect(refused(featureCollection([{ ...island(), properties: { name: { zh: '岛' } } }]))).toMatch(/^land feature 0: property 'name' must be/);
  });

  it('the Zhoushan outlines put island interiors on land and the straits at sea', () => {
    const land = loadZhoushanScenario().land;
    expect(land.size).toBeGreaterThanOrEqual(8);
    const putuo = land.locate(30.005, 122.385);
    expect(putuo?.area.name?.en).toBe('Putuo Shan');
    expect(putuo!.inlandM).toBeGreaterThan(1000);
    expect(land.locate(29.96, 122.34)).toBeNull(); // between Zhujiajian and Putuo Shan (Lianhua Yang)
  });
});
