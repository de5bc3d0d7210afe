/**
 * Receive time written after a sentence's checksum: `*hh,1327992119173` (ms),
 * `*hh,b003669794,1272412827` (USCG NAIS: station, seconds) or the long NAIS trailer
 * `*hh,d-109,S2105,t050056.00,T56.13,r003669946,1325394060,1325394001`.
 * The first field that is a plain unix time counts: 9–10 integer digits are seconds,
 * 12–13 are milliseconds (an optional fraction is allowed). In the long NAIS trailer the
 * first one is the logging time closest to the slot time `t`; the second is not a receive time.
 */
export function trailingTimeMs(s: string, start: number, end: number): number | null {
  let i = start;
  while (i < end) {
    let comma = s.indexOf(',', i);
    if (comma < 0 || comma > end) comma = end;
    const t = unixField(s, i, comma);
    if (t !== null) return t;
    i = comma + 1;
  }
  return null;
}

function unixField(s: string, start: number, end: number): number | null {
  let digits = 0;
  let v = 0;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    digits++;
  }
  if (i < end) {
    if (s.charCodeAt(i) !== 46 /* . */) return null;
    let scale = 0.1;
    for (i++; i < end; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      v += c * scale;
      scale /= 10;
    }
  }
  if (digits === 9 || digits === 10) return Math.round(v * 1000);
  if (digits === 12 || digits === 13) return Math.round(v);
  return null;
}
