import type { BBox, TrackPoint } from '@seawarden/contracts';
import type { Db } from './db.js';
import { InvalidQueryError, StoreError } from './errors.js';
import { isoFromEpochMs } from './iso-time.js';
import { OVERVIEW_EVERY } from './position-row.js';
import { iso, numOrNull, tenthOrNull } from './sql-values.js';

export interface VesselAt extends TrackPoint {
  mmsi: number;
}

/** One row: each column packed as big-endian binary values, one per kept fix (see track()). */
interface PackedTrack {
  ms: Uint8Array | null; lat: Uint8Array | null; lon: Uint8Array | null;
  sog: Uint8Array | null; cog: Uint8Array | null; heading: Uint8Array | null;
}

const view = (b: Uint8Array | null): DataView => {
  if (!b) throw new StoreError('track query returned a NULL column');
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
};

/** Points from the packed columns; NaN (sog, cog) and -1 (heading) stand for NULL. */
function unpackTrack(r: PackedTrack): TrackPoint[] {
  if (r.ms === null) return []; // no fix in the range
  const ms = view(r.ms), lat = view(r.lat), lon = view(r.lon), sog = view(r.sog), cog = view(r.cog), hdg = view(r.heading);
  const n = ms.byteLength / 8;
  if (lat.byteLength !== n * 8 || lon.byteLength !== n * 8 || sog.byteLength !== n * 4 || cog.byteLength !== n * 4 || hdg.byteLength !== n * 2) {
    throw new StoreError('track query returned columns of different lengths', { points: n });
  }
  const out: TrackPoint[] = new Array(n);
  let ordered = true;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = Math.round(ms.getFloat64(i * 8));
    if (t < prev) ordered = false;
    prev = t;
    const sg = sog.getFloat32(i * 4);
    const cg = cog.getFloat32(i * 4);
    const h = hdg.getInt16(i * 2);
    out[i] = {
      t: isoFromEpochMs(t), lat: lat.getFloat64(i * 8), lon: lon.getFloat64(i * 8),
      sog: Number.isNaN(sg) ? null : Math.round(sg * 10) / 10, cog: Number.isNaN(cg) ? null : Math.round(cg * 10) / 10,
      heading: h < 0 ? null : h,
    };
  }
  // The aggregates read the ordered subquery in order (no join at their level); should a plan
  // ever feed them otherwise, the kept fixes are still the right ones: put them back in order.
  if (!ordered) out.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  return out;
}

interface PointRow {
  mmsi?: number; t: unknown; lat: unknown; lon: unknown; sog: unknown; cog: unknown; heading: unknown;
}

const toPoint = (r: PointRow): TrackPoint => ({
  t: iso(r.t), lat: Number(r.lat), lon: Number(r.lon), sog: tenthOrNull(r.sog), cog: tenthOrNull(r.cog), heading: numOrNull(r.heading),
});

function range(from: string, to: string): [string, string] {
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw new InvalidQueryError('invalid time range', { from, to });
  if (Date.parse(from) > Date.parse(to)) throw new InvalidQueryError('range starts after it ends', { from, to });
  return [from, to];
}

/** The range condition of the track statement ($1 mmsi, $2 from, $3 to). */
const RANGE = 'mmsi = $1 AND t >= $2::timestamptz AND t <= $3::timestamptz';
const COLS = 't, lat, lon, sog, cog, heading';

/**
 * Every k-th row of `where` (k = ceil(n / $4)), and the last one when `withLast`, if `when`
 * holds. One index-only scan: the window spools the rows anyway, so it also counts them
 * (whole-partition frame) instead of a second scan for the count. ORDER BY t is the window's
 * own order, so no Sort node.
 */
const strided = (where: string, when: string, withLast: boolean) => `SELECT ${COLS} FROM (
    SELECT ${COLS}, row_number() OVER w AS rn, count(*) OVER w AS n FROM positions WHERE ${where}
    WINDOW w AS (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  ) x
  WHERE ${when} AND ((rn - 1) % ((n + $4::int - 1) / $4::int) = 0${withLast ? ' OR rn = n' : ''})
  ORDER BY t`;

/**
 * One statement, planned once per connection (named). `s` counts the overview fixes in the
 * range; the branch conditions on it are one-time filters, so only the chosen branch runs.
 * The range's first and last fix come first and last (the chosen rows may repeat them).
 * The kept fixes come back as one row of binary-packed columns (t as epoch ms; float8send & co,
 * hex bytea on the wire): as 2,000 text rows, pg's per-field parsing and the objects it builds
 * cost Node ~2 ms more CPU per track, and the server no less. The aggregates read the ordered
 * branches in order (no join at their level).
 */
const TRACK = {
  name: 'seawarden_track',
  text: `WITH s AS MATERIALIZED (SELECT count(*)::int AS n FROM positions WHERE overview AND ${RANGE})
  SELECT string_agg(float8send(date_part('epoch', t) * 1000), '') AS ms,
    string_agg(float8send(lat), '') AS lat, string_agg(float8send(lon), '') AS lon,
    string_agg(float4send(coalesce(sog, 'NaN')), '') AS sog, string_agg(float4send(coalesce(cog, 'NaN')), '') AS cog,
    string_agg(int2send(coalesce(heading, -1::smallint)), '') AS heading
  FROM (
    (SELECT ${COLS} FROM positions WHERE ${RANGE} ORDER BY t LIMIT 1)
    UNION ALL
    (${strided(RANGE, `(SELECT n FROM s) * ${OVERVIEW_EVERY} <= 2 * $4::int`, true)})
    UNION ALL
    (SELECT ${COLS} FROM positions
      WHERE overview AND ${RANGE} AND (SELECT n FROM s) * ${OVERVIEW_EVERY} > 2 * $4::int AND (SELECT n FROM s) <= $4::int ORDER BY t)
    UNION ALL
    (${strided(`overview AND ${RANGE}`, '(SELECT n FROM s) > $4::int', false)})
    UNION ALL
    (SELECT ${COLS} FROM positions WHERE ${RANGE} ORDER BY t DESC LIMIT 1)
  ) kept`,
};

const samePoint = (a: TrackPoint, b: TrackPoint) => a.t === b.t && a.lat === b.lat && a.lon === b.lon;

export class TrackQueries {
  constructor(private readonly db: Db) {}

  /**
   * One vessel's fixes in [from, to], oldest first, downsampled beyond about maxPoints so that
   * the shape and both ends survive. Up to 2 × maxPoints fixes: every k-th fix (k = ceil(n /
   * maxPoints)) plus the last one, from one scan of the vessel's rows. Beyond that the writer's
   * overview marks (every OVERVIEW_EVERY-th fix of a vessel, in their own partial index) are
   * read instead — a fifth of the rows: all of them up to maxPoints (between maxPoints / 2 and
   * maxPoints points), else every k-th of them — with the range's first and last fix added.
   * Rows without marks (written before they existed) count as plain rows.
   */
  async track(mmsi: number, from: string, to: string, maxPoints = 2_000): Promise<TrackPoint[]> {
    if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new InvalidQueryError('maxPoints must be an integer ≥ 2', { maxPoints });
    const [f, t] = range(from, to);
    const { rows } = await this.db.query<PackedTrack>(TRACK, [mmsi, f, t, maxPoints]);
    const points = unpackTrack(rows[0]!);
    // The ends were read twice when the chosen rows include them.
    if (points.length >= 2 && samePoint(points[0]!, points[1]!)) points.splice(1, 1);
    const n = points.length;
    if (n >= 2 && samePoint(points[n - 1]!, points[n - 2]!)) points.pop();
    return points;
  }

  /** Each vessel's latest fix in (t - lookbackMs, t], kept when that fix lies in bbox (replay). */
  async vesselsInBBoxAt(bbox: BBox, t: string, lookbackMs = 10 * 60_000): Promise<VesselAt[]> {
    if (Number.isNaN(Date.parse(t))) throw new InvalidQueryError('invalid time', { t });
    const from = new Date(Date.parse(t) - lookbackMs).toISOString();
    const lonCond = bbox.west <= bbox.east ? 'lon BETWEEN $5 AND $6' : '(lon >= $5 OR lon <= $6)';
    const { rows } = await this.db.query<PointRow>(
      `SELECT * FROM (
         SELECT DISTINCT ON (mmsi) mmsi, t, lat, lon, sog, cog, heading FROM positions
         WHERE t > $1::timestamptz AND t <= $2::timestamptz ORDER BY mmsi, t DESC
       ) latest WHERE lat BETWEEN $3 AND $4 AND ${lonCond} ORDER BY mmsi`,
      [from, t, bbox.south, bbox.north, bbox.west, bbox.east],
    );
    return rows.map((r) => ({ mmsi: Number(r.mmsi), ...toPoint(r) }));
  }
}
