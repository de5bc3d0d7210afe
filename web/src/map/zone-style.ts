import type { ZoneKind } from '@seawarden/contracts';

/** Zone colours by kind (fill and outline), shared by the map and the legend. */
export const ZONE_COLORS: Record<ZoneKind, string> = {
  fishing_ban: '#ff8a65',
  port: '#90caf9',
  passenger_terminal: '#4dd0e1',
  landing_point: '#aed581',
  scenic_area: '#ce93d8',
  restricted: '#ef5350',
  speed_limit: '#ffd54f',
  temporary_closure: '#ff7043',
  jurisdiction: '#80cbc4',
  anchorage: '#b0bec5',
};

/** A maplibre/mapbox `match` expression picking the zone colour by its kind. */
export function zoneColorExpression(): unknown[] {
  const expr: unknown[] = ['match', ['get', 'kind']];
  for (const [kind, color] of Object.entries(ZONE_COLORS)) expr.push(kind, color);
  expr.push('#9e9e9e');
  return expr;
}
