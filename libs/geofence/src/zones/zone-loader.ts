import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { ZONE_KINDS, type Reason, type ZoneKind, type ZoneProperties } from '@seawarden/contracts';
import { ZoneFileError } from '../errors.js';
import { isObject, readFeatures, readPolygonRings } from '../geometry/geojson-input.js';
import type { Zone } from './zone.js';
import { ZoneSet } from './zone-set.js';

/**
 * Validates a zones GeoJSON FeatureCollection (ARCHITECTURE.md "Contracts") and indexes it.
 * The first problem found is thrown as ZoneFileError with the feature index and the reason;
 * nothing is half-loaded.
 */
export function loadZones(geojson: unknown): ZoneSet {
  const features = readFeatures(geojson, (reason) => {
    throw new ZoneFileError(-1, reason);
  });
  const seen = new Map<string, number>();
  const zones: Zone[] = features.map((f, i) => {
    const zone = toZone(f, i);
    const prev = seen.get(zone.id);
    if (prev !== undefined) throw new ZoneFileError(i, `duplicate id '${zone.id}' (also feature ${prev})`);
    seen.set(zone.id, i);
    return zone;
  });
  return new ZoneSet(zones);
}

function toZone(f: unknown, i: number): Zone {
  const fail = (reason: string): never => {
    throw new ZoneFileError(i, reason);
  };
  if (!isObject(f) || f.type !== 'Feature') fail("not a GeoJSON Feature (type must be 'Feature')");
  const feat = f as Record<string, unknown>;
  const props = validateProperties(feat.properties, fail);
  const geom = feat.geometry;
  const { rings, bbox: [w, s, e, n], vertexCount } = readPolygonRings(geom, fail);
  const bbox = [w, s, e, n] as const;
  const feature: Feature<Polygon | MultiPolygon, ZoneProperties> = {
    type: 'Feature',
    bbox: [w, s, e, n],
    properties: props,
    geometry: geom as unknown as Polygon | MultiPolygon,
  };
  const zone: Zone = {
    index: i,
    id: props.id,
    kind: props.kind,
    name: props.name,
    properties: props,
    feature,
    bbox,
    rings,
    vertexCount,
    ...(props.validFrom ? { validFromMs: Date.parse(props.validFrom) } : {}),
    ...(props.validTo ? { validToMs: Date.parse(props.validTo) } : {}),
  };
  return zone;
}

function validateProperties(p: unknown, fail: (reason: string) => never): ZoneProperties {
  if (!isObject(p)) return fail('properties are missing');
  if (typeof p.id !== 'string' || p.id.trim() === '') fail("property 'id' must be a non-empty string");
  const name = p.name as Reason | undefined;
  if (!isObject(name) || typeof name.zh !== 'string' || typeof name.en !== 'string' || !name.zh || !name.en) {
    fail("property 'name' must be an object with non-empty 'zh' and 'en' strings");
  }
  if (typeof p.kind !== 'string' || !(ZONE_KINDS as readonly string[]).includes(p.kind)) {
    fail(`kind '${String(p.kind)}' is not one of ${ZONE_KINDS.join(', ')}`);
  }
  const kind = p.kind as ZoneKind;
  switch (kind) {
    case 'speed_limit':
      if (typeof p.speedLimitKn !== 'number' || !(p.speedLimitKn > 0) || p.speedLimitKn > 100) {
        fail(`speed_limit zone '${String(p.id)}' needs 'speedLimitKn' as a number of knots in (0, 100]`);
      }
      break;
    case 'fishing_ban':
      if (typeof p.calendar !== 'string' || !p.calendar) fail(`fishing_ban zone '${String(p.id)}' needs 'calendar' (a calendar id)`);
      break;
    case 'jurisdiction':
      if (typeof p.office !== 'string' || !p.office) fail(`jurisdiction zone '${String(p.id)}' needs 'office'`);
      break;
    case 'temporary_closure':
      if (p.validFrom === undefined && p.validTo === undefined) {
        fail(`temporary_closure zone '${String(p.id)}' needs 'validFrom' and/or 'validTo' (ISO times)`);
      }
      break;
    default:
      break;
  }
  for (const key of ['validFrom', 'validTo'] as const) {
    if (p[key] !== undefined && (typeof p[key] !== 'string' || Number.isNaN(Date.parse(p[key] as string)))) {
      fail(`'${key}' must be an ISO date-time, got ${JSON.stringify(p[key])}`);
    }
  }
  if (typeof p.validFrom === 'string' && typeof p.validTo === 'string' && Date.parse(p.validFrom) >= Date.parse(p.validTo)) {
    fail(`'validFrom' ${p.validFrom} is not before 'validTo' ${p.validTo}`);
  }
  for (const key of ['exemptShipTypes', 'exemptMmsi'] as const) {
    if (p[key] !== undefined && (!Array.isArray(p[key]) || !(p[key] as unknown[]).every((x) => Number.isInteger(x)))) {
      fail(`'${key}' must be an array of integers`);
    }
  }
  return p as unknown as ZoneProperties;
}
