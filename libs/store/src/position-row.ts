import type { AisMessage } from '@seawarden/contracts';

/**
 * One position as stored: a tuple (cheap to queue, spill as JSON and serialise for COPY/unnest).
 * [time ms, mmsi, lat, lon, sog, cog, heading, navStatus, message type, source, overview]
 * `overview` is set by the writer on every OVERVIEW_EVERY-th fix of a vessel (absent: false,
 * as in spill files written before it existed).
 */
export type PositionRow = [
  t: number, mmsi: number, lat: number, lon: number,
  sog: number | null, cog: number | null, heading: number | null, navStatus: number | null,
  type: number, source: string | null, overview?: boolean,
];

/**
 * Every this-many-th fix of a vessel is marked `overview` (in its own partial index): a long
 * track is downsampled from a fifth of the rows (see TrackQueries.track).
 */
export const OVERVIEW_EVERY = 5;

/** A sealed group of rows written in one transaction under one id (replays are no-ops). */
export interface PositionBatch {
  id: string;
  rows: PositionRow[];
}

export const POSITION_COLUMNS = ['t', 'mmsi', 'lat', 'lon', 'sog', 'cog', 'heading', 'nav_status', 'msg_type', 'source', 'overview'] as const;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const int = (v: unknown, max: number): number | null => {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= max ? n : null;
};

// Messages arrive in bursts stamped with a few distinct receivedAt strings (tag-block seconds):
// parse each once. Cleared when it grows, so memory stays bounded.
const receivedCache = new Map<string, number>();
function receivedMs(s: string): number {
  let ms = receivedCache.get(s);
  if (ms === undefined) {
    if (receivedCache.size >= 256) receivedCache.clear();
    receivedCache.set(s, (ms = Date.parse(s)));
  }
  return ms;
}

/**
 * The stored row for a message that carries a usable position, else null (static data,
 * binary messages, "not available" or out-of-range coordinates). The time is the message's
 * receivedAt, else `nowMs` (when the writer saw it).
 */
export function toPositionRow(msg: AisMessage, nowMs: number): PositionRow | null {
  const lat = num(msg.lat);
  const lon = num(msg.lon);
  if (lat === null || lon === null || lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
  if (!Number.isInteger(msg.mmsi) || msg.mmsi <= 0 || msg.mmsi > 999_999_999) return null;
  const parsed = msg.receivedAt ? receivedMs(msg.receivedAt) : NaN;
  const sog = num(msg.sog);
  const cog = num(msg.cog);
  return [
    Number.isFinite(parsed) ? parsed : nowMs,
    msg.mmsi,
    lat,
    lon,
    sog !== null && sog >= 0 && sog < 1e4 ? sog : null,
    cog !== null && cog >= 0 && cog <= 360 ? cog : null,
    int(msg.heading, 32767),
    int(msg.navStatus, 32767),
    int(msg.type, 32767) ?? 0,
    typeof msg.source === 'string' ? msg.source : null,
    false, // set by the writer; present from the start so that setting it does not grow the array
  ];
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TUPLE_FIXED = 2 + 11 * 4 + 8 + 4 + 8 + 8 + 4 + 4 + 2 + 2 + 2 + 1;

/**
 * Rows in PostgreSQL's binary COPY format, in POSITION_COLUMNS order (several times cheaper
 * to produce than the text format: no number or date formatting).
 */
export function toCopyBinary(rows: readonly PositionRow[]): Buffer {
  const sources = new Map<string, Buffer>();
  let size = COPY_SIGNATURE.length + 8 + 2 + rows.length * TUPLE_FIXED;
  for (const r of rows) {
    const src = r[9];
    if (src !== null) {
      let b = sources.get(src);
      if (!b) sources.set(src, (b = Buffer.from(src, 'utf8')));
      size += b.length;
    }
  }
  const buf = Buffer.alloc(size);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let o = COPY_SIGNATURE.copy(buf, 0) + 8; // flags and header extension length: zero
  for (const r of rows) {
    dv.setInt16(o, 11); o += 2;
    // int64 microseconds since 2000-01-01 as two 32-bit halves (no BigInt per row)
    const us = Math.round((r[0] - PG_EPOCH_MS) * 1000);
    const hi = Math.floor(us / 4294967296);
    dv.setInt32(o, 8); dv.setInt32(o + 4, hi); dv.setUint32(o + 8, us - hi * 4294967296); o += 12;
    dv.setInt32(o, 4); dv.setInt32(o + 4, r[1]); o += 8;
    dv.setInt32(o, 8); dv.setFloat64(o + 4, r[2]); o += 12;
    dv.setInt32(o, 8); dv.setFloat64(o + 4, r[3]); o += 12;
    // Nullable columns: a NULL takes 4 bytes (length -1) instead of 4 + value.
    if (r[4] === null) { dv.setInt32(o, -1); o += 4; } else { dv.setInt32(o, 4); dv.setFloat32(o + 4, r[4]); o += 8; }
    if (r[5] === null) { dv.setInt32(o, -1); o += 4; } else { dv.setInt32(o, 4); dv.setFloat32(o + 4, r[5]); o += 8; }
    if (r[6] === null) { dv.setInt32(o, -1); o += 4; } else { dv.setInt32(o, 2); dv.setInt16(o + 4, r[6]); o += 6; }
    if (r[7] === null) { dv.setInt32(o, -1); o += 4; } else { dv.setInt32(o, 2); dv.setInt16(o + 4, r[7]); o += 6; }
    dv.setInt32(o, 2); dv.setInt16(o + 4, r[8]); o += 6;
    const src = r[9];
    if (src === null) { dv.setInt32(o, -1); o += 4; } else {
      const b = sources.get(src)!;
      dv.setInt32(o, b.length); o += 4;
      buf.set(b, o);
      o += b.length;
    }
    dv.setInt32(o, 1); buf[o + 4] = r[10] === true ? 1 : 0; o += 5;
  }
  dv.setInt16(o, -1); o += 2;
  return buf.subarray(0, o);
}

/** Column arrays for `unnest`, in POSITION_COLUMNS order (t as epoch milliseconds). */
export function toColumnArrays(rows: readonly PositionRow[]): unknown[][] {
  const cols: unknown[][] = POSITION_COLUMNS.map(() => new Array(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let c = 0; c < 10; c++) cols[c]![i] = r[c];
    cols[10]![i] = r[10] === true;
  }
  return cols;
}
