const DAY_MS = 86_400_000;
/** Years 1970–9999: toISOString's fixed-width form (outside it, fall back to toISOString). */
const FAST_MAX_MS = Date.UTC(10000, 0, 1);
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

let cachedDay = NaN;
let cachedPrefix = '';

/**
 * `new Date(ms).toISOString()` for integer epoch milliseconds, ~7× faster: a track of 2,000
 * points spent ~1 ms in toISOString alone. The date part is formatted once per UTC day
 * (consecutive fixes share it); the time of day is arithmetic and table lookups.
 */
export function isoFromEpochMs(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= FAST_MAX_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11); // YYYY-MM-DDT
    cachedDay = day;
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${cachedPrefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[rest - s * 1000]}Z`;
}
