import type { Reason } from '@seawarden/contracts';
import { LandFileError } from '../errors.js';
import { readPolygonRings } from '../geometry/polygon-rings.js';
import { LandMask, type LandArea } from './land-mask.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a land GeoJSON FeatureCollection (Polygon or MultiPolygon features; optional `id`
 * and `name` as {zh, en} or one string) and indexes it. The first problem is thrown as
 * LandFileError with the feature index and the reason. An empty collection is a valid
 * "no land known" mask.
 */
export function loadLand(geojson: unknown): LandMask {
  if (typeof geojson === 'string') {
    try {
      geojson = JSON.parse(geojson);
    } catch (e) {
      throw new LandFileError(-1, `not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(geojson) || geojson.type !== 'FeatureCollection') {
    throw new LandFileError(-1, "not a GeoJSON FeatureCollection (type must be 'FeatureCollection')");
  }
  if (!Array.isArray(geojson.features)) throw new LandFileError(-1, "'features' must be an array");
  return new LandMask(geojson.features.map(toArea));
}

function toArea(f: unknown, i: number): LandArea {
  const fail = (reason: string): never => {
    throw new LandFileError(i, reason);
  };
  if (!isObject(f) || f.type !== 'Feature') fail("not a GeoJSON Feature (type must be 'Feature')");
  const feat = f as Record<string, unknown>;
  const props = feat.properties ?? {};
  if (!isObject(props)) return fail('properties must be an object or null');
  if (props.id !== undefined && (typeof props.id !== 'string' || props.id === '')) fail("property 'id' must be a non-empty string");
  const { rings, bbox } = readPolygonRings(feat.geometry, fail);
  return { index: i, id: (props.id as string | undefined) ?? `land-${i}`, name: readName(props.name, fail), rings, bbox };
}

function readName(name: unknown, fail: (reason: string) => never): Reason | null {
  if (name === undefined || name === null) return null;
  if (typeof name === 'string' && name !== '') return { zh: name, en: name };
  if (isObject(name) && typeof name.zh === 'string' && typeof name.en === 'string' && name.zh && name.en) return { zh: name.zh, en: name.en };
  return fail("property 'name' must be a non-empty string or an object with non-empty 'zh' and 'en' strings");
}
