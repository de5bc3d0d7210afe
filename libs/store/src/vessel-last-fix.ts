import type { Db } from './db.js';
import type { StoreLogger } from './logger.js';
import type { PositionColumns, PositionRow } from './position-row.js';

/**
 * Keeps vessels.last_* (the vessel list's last known position) up to date from written
 * positions: the newest fix per vessel is collected in memory and upserted every few seconds.
 * Derived data: if a flush fails, the next one carries the newer fix.
 *
 * On a server the whole fleet goes in one statement. Embedded PGlite runs each statement on the
 * event loop, and upserting a 2,000-vessel fleet blocked it ~110 ms every 2 s (the alert latency
 * tail of bench:console): there it goes in statements of `chunk` vessels, and the Db lets the
 * event loop turn before each (createDb's turnEachStatement).
 */
export class LastFixUpdater {
  private latest = new Map<number, PositionRow>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly db: Db,
    private readonly logger: StoreLogger,
    private readonly chunk = Infinity,
    intervalMs = 2_000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Takes the newest fix of each vessel in a written batch (one tuple per vessel, not per row). */
  note(c: PositionColumns): void {
    const newest = new Map<number, number>();
    for (let i = 0; i < c.length; i++) {
      const k = newest.get(c.mmsi[i]!);
      if (k === undefined || c.t[k]! < c.t[i]!) newest.set(c.mmsi[i]!, i);
    }
    for (const i of newest.values()) this.keep(c.row(i));
  }

  private keep(r: PositionRow): void {
    const cur = this.latest.get(r[1]);
    if (!cur || cur[0] < r[0]) this.latest.set(r[1], r);
  }

  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (!this.latest.size) return;
    const rows = [...this.latest.values()];
    this.latest = new Map();
    this.flushing = this.upsert(rows)
      .then(
        () => {
          this.failing = false;
        },
        (err) => {
          for (const r of rows) this.keep(r); // keep them for the next attempt (newer fixes win)
          if (!this.failing) this.logger.warn('could not update vessels last fix; will retry', { error: (err as Error).message });
          this.failing = true;
        },
      )
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }

  private async upsert(rows: PositionRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += this.chunk) {
      const part = rows.length <= this.chunk ? rows : rows.slice(i, i + this.chunk);
      await this.db.query(
        `INSERT INTO vessels (mmsi, first_seen_at, last_fix_at, last_lat, last_lon, last_sog, last_cog)
         SELECT mmsi, to_timestamp(t / 1000.0), to_timestamp(t / 1000.0), lat, lon, sog, cog
         FROM unnest($1::int[], $2::float8[], $3::float8[], $4::float8[], $5::real[], $6::real[]) AS u(mmsi, t, lat, lon, sog, cog)
         ON CONFLICT (mmsi) DO UPDATE SET last_fix_at = EXCLUDED.last_fix_at, last_lat = EXCLUDED.last_lat,
           last_lon = EXCLUDED.last_lon, last_sog = EXCLUDED.last_sog, last_cog = EXCLUDED.last_cog
         WHERE vessels.last_fix_at IS NULL OR vessels.last_fix_at < EXCLUDED.last_fix_at`,
        [part.map((r) => r[1]), part.map((r) => r[0]), part.map((r) => r[2]), part.map((r) => r[3]), part.map((r) => r[4]), part.map((r) => r[5])],
      );
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
