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
  readonly id: string;
  readonly cols: PositionColumns;
}

/** A batch as JSON in spill and dead-letter files: one tuple per row. */
export interface SpilledBatch {
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

/** One message's storable position, read without allocating (see readPosition). */
const pos = { t: 0, mmsi: 0, lat: 0, lon: 0, sog: NaN, cog: NaN, heading: -1, navStatus: -1, type: 0, source: null as string | null };

/**
 * Reads a message that carries a usable position into `pos`; false for static data, binary
 * messages, "not available" or out-of-range coordinates (nothing stored). The time is the
 * message's receivedAt, else `nowMs` (when the writer saw it). Out-of-range optional values
 * become null (NaN / -1 here) instead of failing the batch.
 */
function readPosition(msg: AisMessage, nowMs: number): boolean {
  const lat = num(msg.lat);
  const lon = num(msg.lon);
  if (lat === null || lon === null || lat < -90 || lat > 90 || lon < -180 || lon > 180) return false;
  if (!Number.isInteger(msg.mmsi) || msg.mmsi <= 0 || msg.mmsi > 999_999_999) return false;
  const parsed = msg.receivedAt ? receivedMs(msg.receivedAt) : NaN;
  const sog = num(msg.sog);
  const cog = num(msg.cog);
  pos.t = Number.isFinite(parsed) ? parsed : nowMs;
  pos.mmsi = msg.mmsi;
  pos.lat = lat;
  pos.lon = lon;
  pos.sog = sog !== null && sog >= 0 && sog < 1e4 ? sog : NaN;
  pos.cog = cog !== null && cog >= 0 && cog <= 360 ? cog : NaN;
  pos.heading = int(msg.heading, 32767) ?? -1;
  pos.navStatus = int(msg.navStatus, 32767) ?? -1;
  pos.type = int(msg.type, 32767) ?? 0;
  pos.source = typeof msg.source === 'string' ? msg.source : null;
  return true;
}

const orNull = (v: number): number | null => (v !== v || v < 0 ? null : v); // NaN or -1: null

/** The stored row for a message that carries a usable position, else null (see readPosition). */
export function toPositionRow(msg: AisMessage, nowMs: number): PositionRow | null {
  if (!readPosition(msg, nowMs)) return null;
  // overview (last) is set by the writer; present from the start so that setting it does not grow the array
  return [pos.t, pos.mmsi, pos.lat, pos.lon, orNull(pos.sog), orNull(pos.cog), orNull(pos.heading), orNull(pos.navStatus), pos.type, pos.source, false];
}

/**
 * A batch's rows column by column: the writer fills one per batch instead of making a tuple
 * per row. Rows wait in memory for a second or more, and moving a quarter of a million small
 * arrays a second out of V8's young generation was most of the writer's own CPU. Null is NaN
 * in the floating-point columns and -1 in the integer ones.
 */
export class PositionColumns {
  length = 0;
  readonly t: Float64Array;
  readonly mmsi: Int32Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly sog: Float64Array;
  readonly cog: Float64Array;
  readonly heading: Int32Array;
  readonly navStatus: Int32Array;
  readonly type: Int32Array;
  readonly source: (string | null)[] = [];
  readonly overview: Uint8Array;

  constructor(readonly capacity: number) {
    this.t = new Float64Array(capacity);
    this.mmsi = new Int32Array(capacity);
    this.lat = new Float64Array(capacity);
    this.lon = new Float64Array(capacity);
    this.sog = new Float64Array(capacity);
    this.cog = new Float64Array(capacity);
    this.heading = new Int32Array(capacity);
    this.navStatus = new Int32Array(capacity);
    this.type = new Int32Array(capacity);
    this.overview = new Uint8Array(capacity);
  }

  static fromRows(rows: readonly PositionRow[]): PositionColumns {
    const c = new PositionColumns(rows.length);
    for (const r of rows) c.pushRow(r);
    return c;
  }

  /** Appends the message's position; false (nothing appended) when it has no usable one. */
  pushMessage(msg: AisMessage, nowMs: number): boolean {
    if (!readPosition(msg, nowMs)) return false;
    const i = this.slot();
    this.t[i] = pos.t;
    this.mmsi[i] = pos.mmsi;
    this.lat[i] = pos.lat;
    this.lon[i] = pos.lon;
    this.sog[i] = pos.sog;
    this.cog[i] = pos.cog;
    this.heading[i] = pos.heading;
    this.navStatus[i] = pos.navStatus;
    this.type[i] = pos.type;
    this.source[i] = pos.source;
    this.overview[i] = 0;
    return true;
  }

  pushRow(r: PositionRow): void {
    const i = this.slot();
    this.t[i] = r[0];
    this.mmsi[i] = r[1];
    this.lat[i] = r[2];
    this.lon[i] = r[3];
    this.sog[i] = r[4] ?? NaN;
    this.cog[i] = r[5] ?? NaN;
    this.heading[i] = r[6] ?? -1;
    this.navStatus[i] = r[7] ?? -1;
    this.type[i] = r[8];
    this.source[i] = r[9];
    this.overview[i] = r[10] === true ? 1 : 0;
  }

  /** Index of the next row (typed arrays drop writes past their end: refuse instead). */
  private slot(): number {
    if (this.length >= this.capacity) throw new RangeError(`position batch is full (${this.capacity} rows)`);
    return this.length++;
  }

  row(i: number): PositionRow {
    return [this.t[i]!, this.mmsi[i]!, this.lat[i]!, this.lon[i]!, orNull(this.sog[i]!), orNull(this.cog[i]!), orNull(this.heading[i]!),
      orNull(this.navStatus[i]!), this.type[i]!, this.source[i] ?? null, this.overview[i] === 1];
  }

  toRows(): PositionRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }

  /** A copy in arrays of its own length (a batch sealed early must not hold a full batch's arrays). */
  trimmed(): PositionColumns {
    const c = new PositionColumns(this.length);
    const n = this.length;
    c.t.set(this.t.subarray(0, n));
    c.mmsi.set(this.mmsi.subarray(0, n));
    c.lat.set(this.lat.subarray(0, n));
    c.lon.set(this.lon.subarray(0, n));
    c.sog.set(this.sog.subarray(0, n));
    c.cog.set(this.cog.subarray(0, n));
    c.heading.set(this.heading.subarray(0, n));
    c.navStatus.set(this.navStatus.subarray(0, n));
    c.type.set(this.type.subarray(0, n));
    c.overview.set(this.overview.subarray(0, n));
    for (let i = 0; i < n; i++) c.source[i] = this.source[i]!;
    c.length = n;
    return c;
  }

  /** Row indexes by vessel, then time: one vessel's rows together, so that consecutive index insertions land on the same pages. */
  order(): Uint32Array {
    const idx = new Uint32Array(this.length);
    for (let i = 0; i < idx.length; i++) idx[i] = i;
    const { mmsi, t } = this;
    return idx.sort((a, b) => mmsi[a]! - mmsi[b]! || t[a]! - t[b]!);
  }
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TUPLE_FIXED = 2 + 11 * 4 + 8 + 4 + 8 + 8 + 4 + 4 + 2 + 2 + 2 + 1;

/**
 * Rows in PostgreSQL's binary COPY format, in POSITION_COLUMNS order, by vessel then time
 * (several times cheaper to produce than the text format: no number or date formatting).
 */
export function toCopyBinary(c: PositionColumns): Buffer {
  const sources = new Map<string, Buffer>();
  let size = COPY_SIGNATURE.length + 8 + 2 + c.length * TUPLE_FIXED;
  for (let i = 0; i < c.length; i++) {
    const src = c.source[i];
    if (src != null) {
      let b = sources.get(src);
      if (!b) sources.set(src, (b = Buffer.from(src, 'utf8')));
      size += b.length;
    }
  }
  const buf = Buffer.alloc(size);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let o = COPY_SIGNATURE.copy(buf, 0) + 8; // flags and header extension length: zero
  const order = c.order();
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    dv.setInt16(o, 11); o += 2;
    // int64 microseconds since 2000-01-01 as two 32-bit halves (no BigInt per row)
    const us = Math.round((c.t[i]! - PG_EPOCH_MS) * 1000);
    const hi = Math.floor(us / 4294967296);
    dv.setInt32(o, 8); dv.setInt32(o + 4, hi); dv.setUint32(o + 8, us - hi * 4294967296); o += 12;
    dv.setInt32(o, 4); dv.setInt32(o + 4, c.mmsi[i]!); o += 8;
    dv.setInt32(o, 8); dv.setFloat64(o + 4, c.lat[i]!); o += 12;
    dv.setInt32(o, 8); dv.setFloat64(o + 4, c.lon[i]!); o += 12;
    // Nullable columns: a NULL takes 4 bytes (length -1) instead of 4 + value.
    const sog = c.sog[i]!;
    if (sog !== sog) { dv.setInt32(o, -1); o += 4; } else { dv.setInt32(o, 4); dv.setFloat32(o + 4, sog); o += 8; }
    const cog = c.cog[i]!;
    if (cog !== cog) { dv.setInt32(o, -1); o += 4; } else { dv.setInt32(o, 4); dv.setFloat32(o + 4, cog); o += 8; }
    const heading = c.heading[i]!;
    if (heading < 0) { dv.setInt32(o, -1); o += 4; } else { dv.setInt32(o, 2); dv.setInt16(o + 4, heading); o += 6; }
    const nav = c.navStatus[i]!;
    if (nav < 0) { dv.setInt32(o, -1); o += 4; } else { dv.setInt32(o, 2); dv.setInt16(o + 4, nav); o += 6; }
    dv.setInt32(o, 2); dv.setInt16(o + 4, c.type[i]!); o += 6;
    const src = c.source[i];
    if (src == null) { dv.setInt32(o, -1); o += 4; } else {
      const b = sources.get(src)!;
      dv.setInt32(o, b.length); o += 4;
      buf.set(b, o);
      o += b.length;
    }
    dv.setInt32(o, 1); buf[o + 4] = c.overview[i]!; o += 5;
  }
  dv.setInt16(o, -1); o += 2;
  return buf.subarray(0, o);
}

/** Column arrays for `unnest`, in POSITION_COLUMNS order (t as epoch milliseconds), by vessel then time. */
export function toColumnArrays(c: PositionColumns): unknown[][] {
  const order = c.order();
  const cols: unknown[][] = POSITION_COLUMNS.map(() => new Array(order.length));
  for (let k = 0; k < order.length; k++) {
    const r = c.row(order[k]!);
    for (let j = 0; j < 11; j++) cols[j]![k] = r[j];
  }
  return cols;
}
