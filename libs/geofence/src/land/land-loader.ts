import type { Reason } from '@seawarden/contracts';
import { LandFileError } from '../errors.js';
import { isObject, readFeatures, readPolygonRings } from '../geometry/geojson-input.js';
import { LandMask, type LandArea } from './land-mask.js';

/**
 * Validates a land GeoJSON FeatureCollection (Polygon or MultiPolygon features; optional `id`
 * and `name` as {zh, en} or one string) and indexes it. The first problem is thrown as
 * LandFileError with the feature index and the reason. An empty collection is a valid
 * "no land known" mask.
 */
export function loadLand(geojson: unknown): LandMask {
  const features = readFeatures(geojson, (reason) => {
    throw new LandFileError(-1, reason);
  });
  return new LandMask(features.map(toArea));
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
  return { id: (props.id as string | undefined) ?? `land-${i}`, name: readName(props.name, fail), rings, bbox };
}

function readName(name: unknown, fail: (reason: string) => never): Reason | null {
  if (name === undefined || name === null) return null;
  if (typeof name === 'string' && name !== '') return { zh: name, en: name };
  if (isObject(name) && typeof name.zh === 'string' && typeof name.en === 'string' && name.zh && name.en) return { zh: name.zh, en: name.en };
  return fail("property 'name' must be a non-empty string or an object with non-empty 'zh' and 'en' strings");
}
