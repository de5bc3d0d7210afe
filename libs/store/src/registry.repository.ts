import type { Db, Queryable } from './db.js';

/** One row of the vessel registry table (CSV columns mmsi,name,category,gear,licensedPassengers,homePort,notes). */
export interface RegistryRow {
  mmsi: number;
  name: string | null;
  category: string | null;
  gear: string | null;
  licensed_passengers: number | null;
  home_port: string | null;
  notes: string | null;
}

export interface RegistryEntryInput {
  mmsi: number;
  name?: string | null;
  category: string;
  gear?: string | null;
  licensedPassengers?: number | null;
  homePort?: string | null;
  notes?: string | null;
}

/**
 * How a write meets existing rows: `seed` keeps them (first start from a file), `merge`
 * overwrites the MMSIs given, `replace` empties the table first.
 */
export type RegistryWriteMode = 'seed' | 'merge' | 'replace';

const COLUMNS = 'mmsi, name, category, gear, licensed_passengers, home_port, notes';

/** The vessel registry shared by the engine (ingestor) and the console. */
export class RegistryRepository {
  constructor(private readonly db: Db) {}

  async rows(): Promise<RegistryRow[]> {
    return (await this.db.query<RegistryRow>(`SELECT ${COLUMNS} FROM registry ORDER BY mmsi`)).rows;
  }

  /** The rows of vessels with this gear (e.g. the hook-and-line boats), by MMSI. */
  async withGear(gear: string): Promise<RegistryRow[]> {
    return (await this.db.query<RegistryRow>(`SELECT ${COLUMNS} FROM registry WHERE gear = $1 ORDER BY mmsi`, [gear])).rows;
  }

  async get(mmsi: number): Promise<RegistryRow | null> {
    return (await this.db.query<RegistryRow>(`SELECT ${COLUMNS} FROM registry WHERE mmsi = $1`, [mmsi])).rows[0] ?? null;
  }

  /** Rows whose name, MMSI or home port contains `q` (all when q is null), with the total. */
  async search(q: string | null, limit: number, offset: number): Promise<{ rows: RegistryRow[]; total: number }> {
    const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = 'WHERE ($1::text IS NULL OR name ILIKE $1 OR CAST(mmsi AS text) LIKE $1 OR home_port ILIKE $1)';
    const { rows } = await this.db.query<RegistryRow>(`SELECT ${COLUMNS} FROM registry ${where} ORDER BY mmsi LIMIT $2 OFFSET $3`, [like, limit, offset]);
    const { rows: n } = await this.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM registry ${where}`, [like]);
    return { rows, total: Number(n[0]?.n ?? 0) };
  }

  async write(entries: Iterable<RegistryEntryInput>, mode: RegistryWriteMode): Promise<void> {
    const onConflict =
      mode === 'seed'
        ? 'DO NOTHING'
        : `DO UPDATE SET name = $2, category = $3, gear = $4, licensed_passengers = $5, home_port = $6, notes = $7, updated_at = now()`;
    await this.db.tx(async (q: Queryable) => {
      if (mode === 'replace') await q.query('DELETE FROM registry');
      for (const e of entries) {
        await q.query(
          `INSERT INTO registry (${COLUMNS}, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT (mmsi) ${onConflict}`,
          [e.mmsi, e.name || null, e.category, e.gear ?? null, e.licensedPassengers ?? null, e.homePort || null, e.notes || null],
        );
      }
    });
  }

  /** Changes whenever the table does (count and last update): how other processes notice edits. */
  async stamp(): Promise<string> {
    return (await this.db.query<{ s: string }>(`SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') AS s FROM registry`)).rows[0]!.s;
  }
}
