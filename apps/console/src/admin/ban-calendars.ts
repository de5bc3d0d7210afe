import { readFileSync } from 'node:fs';
import { loadCalendars } from '@seawarden/geofence';
import { scenarioDataDir } from '@seawarden/geofence/scenario';
import { badRequest } from '../common/api-error.js';
import type { GeoJsonFeatureCollection } from '../console.deps.js';

/**
 * Validates an uploaded calendars document with the engine's loader (400 naming the path of the
 * problem), and checks that every fishing-ban zone still finds its calendar: the engine refuses
 * the combination, and an ingestor in another process would otherwise keep reloading it in vain.
 * Returns the number of calendars.
 */
export function validateCalendars(body: unknown, zones: GeoJsonFeatureCollection): number {
  let ids: string[];
  try {
    ids = loadCalendars(body).ids();
  } catch (err) {
    const e = err as { message?: unknown; path?: unknown };
    throw badRequest(String(e.message ?? err), typeof e.path === 'string' && e.path ? e.path : 'body');
  }
  const known = new Set(ids);
  for (const f of zones.features) {
    const cal = f.properties?.calendar;
    if (f.properties?.kind === 'fishing_ban' && !known.has(cal)) {
      throw badRequest(`calendars: fishing_ban zone '${f.properties.id}' refers to calendar '${cal}', which the calendars do not define (have: ${ids.join(', ') || 'none'})`, 'calendars');
    }
  }
  return ids.length;
}

/** What an ingestor starts with when the database has none: CALENDARS_FILE, else the built-in Zhoushan calendars. */
export function defaultCalendars(calendarsFile?: string): unknown {
  return JSON.parse(readFileSync(calendarsFile ?? `${scenarioDataDir('zhoushan')}calendars.json`, 'utf8'));
}
