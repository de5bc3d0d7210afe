import { pointSegmentDistanceM } from '../geo.js';

/** Does the ray from (x, y) eastwards cross the segment ab (half-open in y, so a vertex counts once)? */
export function crossesEast(x: number, y: number, ax: number, ay: number, bx: number, by: number): boolean {
  return ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay);
}

/** Even–odd point in polygon over flat rings [lon0, lat0, lon1, lat1, …] (outer rings and holes alike). */
export function insideRings(rings: readonly Float64Array[], lon: number, lat: number): boolean {
  let inside = false;
  for (const r of rings) {
    for (let k = 0; k + 3 < r.length; k += 2) if (crossesEast(lon, lat, r[k], r[k + 1], r[k + 2], r[k + 3])) inside = !inside;
  }
  return inside;
}

/** Distance in metres from a point to the nearest edge of flat rings [lon0, lat0, …]. */
export function distanceToRingsM(rings: readonly Float64Array[], lat: number, lon: number): number {
  let best = Infinity;
  for (const r of rings) {
    for (let k = 0; k + 3 < r.length; k += 2) {
      const d = pointSegmentDistanceM(lat, lon, r[k + 1], r[k], r[k + 3], r[k + 2]);
      if (d < best) best = d;
    }
  }
  return best;
}
