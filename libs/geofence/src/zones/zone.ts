import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Reason, ZoneKind, ZoneProperties } from '@seawarden/contracts';

/** One validated zone, ready for lookups. */
export interface Zone {
  /** Position in the ZoneSet (stable for the set's life). */
  readonly index: number;
  readonly id: string;
  readonly kind: ZoneKind;
  readonly name: Reason;
  readonly properties: ZoneProperties;
  /** The feature with its `bbox` set, as `@turf/boolean-point-in-polygon` wants it. */
  readonly feature: Feature<Polygon | MultiPolygon, ZoneProperties>;
  /** [west, south, east, north]. */
  readonly bbox: readonly [number, number, number, number];
  /** Rings flattened as [lon0, lat0, lon1, lat1, …] for edge tests and distances. */
  readonly rings: readonly Float64Array[];
  readonly vertexCount: number;
  /** temporary_closure window in epoch ms (absent: always in force). */
  readonly validFromMs?: number;
  readonly validToMs?: number;
}

/** Zones where a vessel is "in port" for the purpose of detectors (ban, gap, encounter). */
export const HARBOUR_KINDS: ReadonlySet<ZoneKind> = new Set(['port', 'anchorage', 'passenger_terminal']);
/** Zones that count as piers, landings and scenic spots for ferry-like legs. */
export const PLACE_KINDS: ReadonlySet<ZoneKind> = new Set([
  'port',
  'passenger_terminal',
  'landing_point',
  'scenic_area',
]);

/** One bit per zone kind, for cheap "is the vessel in any zone of kind K" gates. */
export const ZONE_KIND_BIT: Readonly<Record<ZoneKind, number>> = {
  fishing_ban: 1,
  port: 2,
  passenger_terminal: 4,
  landing_point: 8,
  scenic_area: 16,
  restricted: 32,
  speed_limit: 64,
  temporary_closure: 128,
  jurisdiction: 256,
  anchorage: 512,
};
export const HARBOUR_MASK = ZONE_KIND_BIT.port | ZONE_KIND_BIT.anchorage | ZONE_KIND_BIT.passenger_terminal;
export const PLACE_MASK = ZONE_KIND_BIT.port | ZONE_KIND_BIT.passenger_terminal | ZONE_KIND_BIT.landing_point | ZONE_KIND_BIT.scenic_area;
