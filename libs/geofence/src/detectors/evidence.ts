import type { EvidenceItem, Reason } from '@seawarden/contracts';
import { msToIso } from '../geo.js';
import type { Zone } from '../zones/zone.js';
import type { ZoneSet } from '../zones/zone-set.js';

/** One evidence item; coordinates rounded to ~1 m. */
export function evidence(kind: string, atMs: number, lat: number | null, lon: number | null, reason: Reason, data?: Record<string, unknown>): EvidenceItem {
  const e: EvidenceItem = { kind, at: msToIso(atMs), reason };
  if (lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon)) {
    e.lat = Math.round(lat * 1e5) / 1e5;
    e.lon = Math.round(lon * 1e5) / 1e5;
  }
  if (data) e.data = data;
  return e;
}

export const pos = (lat: number, lon: number) => ({ lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 });

/** "12 min", "2 h 05 min" / "12分钟", "2小时05分钟". */
export function duration(ms: number): Reason {
  const m = Math.round(ms / 60_000);
  if (m < 60) return { zh: `${m}分钟`, en: `${m} min` };
  const h = Math.floor(m / 60);
  const r = String(m % 60).padStart(2, '0');
  return { zh: `${h}小时${r}分钟`, en: `${h} h ${r} min` };
}

export const kn = (x: number | null | undefined) => (x === null || x === undefined ? '?' : (Math.round(x * 10) / 10).toFixed(1));

/** Place name of a zone id, or the coordinates when it is not a known place. */
export function placeName(zones: ZoneSet, id: string | null, lat: number, lon: number): Reason {
  const z = id ? zones.byId(id) : undefined;
  if (z) return z.name;
  const c = `${lat.toFixed(4)}, ${lon.toFixed(4)}`;
  return { zh: `未登记地点（${c}）`, en: `unlisted spot (${c})` };
}

export const zoneName = (z: Zone): Reason => z.name;

export function vesselLabel(name: string | null, mmsi: number): Reason {
  return name ? { zh: `${name}（${mmsi}）`, en: `${name} (${mmsi})` } : { zh: `MMSI ${mmsi}`, en: `MMSI ${mmsi}` };
}

/** Severity rank helper for thresholds: index of the largest threshold ≤ value (−1 below all). */
export function rankAbove(value: number, thresholds: readonly number[]): number {
  let r = -1;
  for (let i = 0; i < thresholds.length; i++) if (value >= thresholds[i]) r = i;
  return r;
}
