import { getTimes } from 'suncalc';

const DAY = 86_400_000;
const cache = new Map<number, [number, number]>();

/** Sunrise and sunset (ms) of the local solar day containing `atMs` at the place; cached per day and 0.25° cell. */
export function sunTimes(atMs: number, lat: number, lon: number): [number, number] {
  const shift = (lon / 15) * 3_600_000;
  const day = Math.floor((atMs + shift) / DAY);
  const iLat = Math.round(lat * 4) + 360; // 0..720
  const iLon = Math.round(lon * 4) + 720; // 0..1440
  const cLat = (iLat - 360) / 4;
  const cLon = (iLon - 720) / 4;
  const key = (day % 512) * 1_048_576 + iLat * 1441 + iLon;
  let t = cache.get(key);
  if (!t) {
    const noon = day * DAY + DAY / 2 - shift;
    const s = getTimes(new Date(noon), cLat, cLon);
    t = [s.sunrise?.getTime() ?? NaN, s.sunset?.getTime() ?? NaN];
    if (cache.size > 10_000) cache.clear();
    cache.set(key, t);
  }
  return t;
}

/** Between local sunset and sunrise. Polar day/night (NaN times) counts as day. */
export function isNight(atMs: number, lat: number, lon: number): boolean {
  const [rise, set] = sunTimes(atMs, lat, lon);
  if (Number.isNaN(rise) || Number.isNaN(set)) return false;
  return atMs < rise || atMs >= set;
}
