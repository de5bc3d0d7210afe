import type { TrackPoint } from '@seawarden/contracts';

/**
 * Position on a track at a time: linear interpolation between the fixes around it, clamped
 * to the ends. Points must be in time order.
 */
export function positionAt(points: TrackPoint[], atMs: number): { lat: number; lon: number; index: number } | null {
  if (points.length === 0) return null;
  const times = points.map((p) => Date.parse(p.t));
  if (atMs <= times[0]!) return { lat: points[0]!.lat, lon: points[0]!.lon, index: 0 };
  const last = points.length - 1;
  if (atMs >= times[last]!) return { lat: points[last]!.lat, lon: points[last]!.lon, index: last };
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= atMs) lo = mid;
    else hi = mid;
  }
  const a = points[lo]!;
  const b = points[hi]!;
  const f = (atMs - times[lo]!) / (times[hi]! - times[lo]! || 1);
  return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f, index: lo };
}
