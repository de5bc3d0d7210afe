/** Plane-sailing helpers for legs of a few kilometres (local equirectangular, error ≪ 1 %). */

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
export const KN_TO_MS = 1852 / 3600;

export interface LatLon {
  lat: number;
  lon: number;
}

export function distanceM(a: LatLon, b: LatLon): number {
  const ky = RAD * EARTH_RADIUS_M;
  const kx = Math.cos(((a.lat + b.lat) / 2) * RAD) * ky;
  return Math.hypot((b.lon - a.lon) * kx, (b.lat - a.lat) * ky);
}

/** Course over ground from a to b, degrees [0, 360). */
export function courseDeg(a: LatLon, b: LatLon): number {
  const kx = Math.cos(((a.lat + b.lat) / 2) * RAD);
  const deg = Math.atan2((b.lon - a.lon) * kx, b.lat - a.lat) / RAD;
  return (deg + 360) % 360;
}

/** The point `metres` from `p` on course `deg`. */
export function offset(p: LatLon, deg: number, metres: number): LatLon {
  const dLat = (metres * Math.cos(deg * RAD)) / (RAD * EARTH_RADIUS_M);
  const dLon = (metres * Math.sin(deg * RAD)) / (RAD * EARTH_RADIUS_M * Math.cos(p.lat * RAD));
  return { lat: p.lat + dLat, lon: p.lon + dLon };
}

/** Ray-casting point in polygon for a ring of [lon, lat] positions. */
export function inRing(p: LatLon, ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.lat !== yj > p.lat && p.lon < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
