import type { Reason } from './alert.js';

export type ZoneKind =
  | 'fishing_ban'
  | 'port'
  | 'passenger_terminal'
  | 'landing_point'
  | 'scenic_area'
  | 'restricted'
  | 'speed_limit'
  | 'temporary_closure'
  | 'jurisdiction'
  | 'anchorage';

export const ZONE_KINDS: readonly ZoneKind[] = [
  'fishing_ban',
  'port',
  'passenger_terminal',
  'landing_point',
  'scenic_area',
  'restricted',
  'speed_limit',
  'temporary_closure',
  'jurisdiction',
  'anchorage',
];

/** `properties` of one zone feature in the zones GeoJSON (ARCHITECTURE.md "Contracts"). */
export interface ZoneProperties {
  id: string;
  name: Reason;
  kind: ZoneKind;
  /** speed_limit: knots. */
  speedLimitKn?: number;
  /** temporary_closure: ISO validity window. */
  validFrom?: string;
  validTo?: string;
  /** fishing_ban: the calendar id (see calendars) that applies. */
  calendar?: string;
  /** jurisdiction: the port office this zone belongs to. */
  office?: string;
  [param: string]: unknown;
}
