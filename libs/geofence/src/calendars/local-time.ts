/** Wall-clock ⇄ UTC conversion for an IANA zone via Intl (no DST assumptions). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Throws RangeError for an unknown zone. */
export function assertTimeZone(tz: string): void {
  formatter(tz);
}

const offsets = new Map<string, number>();

/** Offset of `tz` from UTC at the instant, in ms (Asia/Shanghai: +8 h); cached per quarter hour. */
export function offsetMs(tz: string, utcMs: number): number {
  const key = `${tz}|${Math.floor(utcMs / 900_000)}`;
  let off = offsets.get(key);
  if (off === undefined) {
    off = computeOffset(tz, Math.floor(utcMs / 900_000) * 900_000);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, off);
  }
  return off;
}

function computeOffset(tz: string, utcMs: number): number {
  const parts = formatter(tz).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** UTC ms of a local wall-clock time in `tz`. */
export function localToUtc(tz: string, year: number, month: number, day: number, hour: number, minute: number): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetMs(tz, guess);
  return guess - offsetMs(tz, first);
}

/** Local calendar year at the instant. */
export function localYear(tz: string, utcMs: number): number {
  return new Date(utcMs + offsetMs(tz, utcMs)).getUTCFullYear();
}
