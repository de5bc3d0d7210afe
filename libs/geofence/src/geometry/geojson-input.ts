import type { Position } from 'geojson';

/** Validation of GeoJSON inputs (zones and land files): the collection, and polygon geometries. */

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The features of a GeoJSON FeatureCollection given as text or as parsed JSON; the problem with
 * the collection itself goes to `fail`, which throws the caller's typed error.
 */
export function readFeatures(geojson: unknown, fail: (reason: string) => never): unknown[] {
  if (typeof geojson === 'string') {
    try {
      geojson = JSON.parse(geojson);
    } catch (e) {
      return fail(`not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(geojson) || geojson.type !== 'FeatureCollection') return fail("not a GeoJSON FeatureCollection (type must be 'FeatureCollection')");
  if (!Array.isArray(geojson.features)) return fail("'features' must be an array");
  return geojson.features;
}

/** A validated Polygon or MultiPolygon geometry, flattened for edge tests and distances. */
export interface PolygonRings {
  /** Rings flattened as [lon0, lat0, lon1, lat1, …]; outer rings and holes alike (even–odd). */
  rings: Float64Array[];
  /** [west, south, east, north]. */
  bbox: [number, number, number, number];
  vertexCount: number;
}

/**
 * Validates a GeoJSON Polygon/MultiPolygon geometry (closed rings of ≥ 4 [lon, lat] positions
 * in range) and flattens it. The first problem is passed to `fail`, which throws the caller's
 * typed error (zones and land files each have their own).
 */
export function readPolygonRings(geom: unknown, fail: (reason: string) => never): PolygonRings {
  if (!isObject(geom)) return fail('geometry is missing');
  let polygons: Position[][][];
  if (geom.type === 'Polygon') polygons = [geom.coordinates as Position[][]];
  else if (geom.type === 'MultiPolygon') polygons = geom.coordinates as Position[][][];
  else return fail(`geometry type '${String(geom.type)}' is not Polygon or MultiPolygon`);
  if (!Array.isArray(polygons) || polygons.length === 0) fail('geometry has no coordinates');

  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  let vertexCount = 0;
  const rings: Float64Array[] = [];
  polygons.forEach((poly, pi) => {
    if (!Array.isArray(poly) || poly.length === 0) fail(`polygon ${pi} has no rings`);
    poly.forEach((ring, ri) => {
      const where = polygons.length > 1 ? `polygon ${pi} ring ${ri}` : `ring ${ri}`;
      if (!Array.isArray(ring) || ring.length < 4) fail(`${where} needs at least 4 positions, has ${Array.isArray(ring) ? ring.length : 0}`);
      const flat = new Float64Array(ring.length * 2);
      ring.forEach((p, k) => {
        if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          fail(`${where} position ${k} is not a [lon, lat] pair of numbers`);
        }
        const [lon, lat] = p as [number, number];
        if (lon < -180 || lon > 180) fail(`${where} position ${k}: longitude ${lon} is outside -180..180`);
        if (lat < -90 || lat > 90) fail(`${where} position ${k}: latitude ${lat} is outside -90..90`);
        flat[2 * k] = lon;
        flat[2 * k + 1] = lat;
        if (lon < w) w = lon;
        if (lon > e) e = lon;
        if (lat < s) s = lat;
        if (lat > n) n = lat;
      });
      const last = ring.length - 1;
      if (ring[0][0] !== ring[last][0] || ring[0][1] !== ring[last][1]) {
        fail(`${where} is not closed (first position ${JSON.stringify(ring[0])} differs from last ${JSON.stringify(ring[last])})`);
      }
      vertexCount += ring.length;
      rings.push(flat);
    });
  });
  return { rings, bbox: [w, s, e, n], vertexCount };
}
