import { createHash } from 'node:crypto';

/**
 * Stable alert id: a UUID-shaped SHA-256 of rule, vessel, episode key and opening time,
 * so that the same episode always has the same id (replays, restarts).
 */
export function alertId(rule: string, mmsi: number, key: string, openedAtMs: number): string {
  const h = createHash('sha256').update(`${rule}|${mmsi}|${key}|${openedAtMs}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
