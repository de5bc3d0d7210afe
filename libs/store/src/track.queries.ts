import type { BBox, TrackPoint } from '@seawarden/contracts';
import type { Db } from './db.js';
import { InvalidQueryError } from './errors.js';
import { isoFromEpochMs } from './iso-time.js';
import { iso, numOrNull, tenthOrNull } from './sql-values.js';

export interface VesselAt extends TrackPoint {
  mmsi: number;
}

interface TrackRow {
  ms: unknown; lat: unknown; lon: unknown; sog: unknown; cog: unknown; heading: unknown;
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

export class TrackQueries {
  constructor(private readonly db: Db) {}

  /**
   * One vessel's fixes in [from, to], oldest first. Beyond maxPoints every k-th fix is kept
   * (k = ceil(n / maxPoints)) plus the last one, so the shape and both ends survive.
   */
  async track(mmsi: number, from: string, to: string, maxPoints = 2_000): Promise<TrackPoint[]> {
    if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new InvalidQueryError('maxPoints must be an integer ≥ 2', { maxPoints });
    const [f, t] = range(from, to);
    const { rows } = await this.db.query<TrackRow>(
      {
        // Named: parsed and planned once per connection. One index-only scan: the window spools
        // the vessel's rows anyway, so it also counts them (whole-partition frame) instead of a
        // second scan for the count; k = ceil(n / maxPoints) in integers. ORDER BY t is the
        // window's own order, so no Sort node. t comes back as epoch ms (float8): parsing
        // timestamptz text into Date per row cost more than the query itself, and so did
        // toISOString (see isoFromEpochMs).
        name: 'seawarden_track',
        text: `SELECT date_part('epoch', t) * 1000 AS ms, lat, lon, sog, cog, heading FROM (
           SELECT t, lat, lon, sog, cog, heading, row_number() OVER w AS rn, count(*) OVER w AS n
           FROM positions WHERE mmsi = $1 AND t >= $2::timestamptz AND t <= $3::timestamptz
           WINDOW w AS (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         ) s
         WHERE (rn - 1) % ((n + $4::int - 1) / $4::int) = 0 OR rn = n
         ORDER BY t`,
      },
      [mmsi, f, t, maxPoints],
    );
    return rows.map((r) => ({
      t: isoFromEpochMs(Math.round(Number(r.ms))), lat: Number(r.lat), lon: Number(r.lon),
      sog: tenthOrNull(r.sog), cog: tenthOrNull(r.cog), heading: numOrNull(r.heading),
    }));
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
