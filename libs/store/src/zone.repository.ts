import type { Db, Queryable } from './db.js';
import { jsonValue } from './sql-values.js';

/** A zones GeoJSON FeatureCollection as stored: one row per feature. */
export interface StoredZones {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: Record<string, unknown>; geometry: unknown }[];
  [member: string]: unknown;
}

/**
 * The zones the engine runs with, shared between processes (an ingestor and its consoles):
 * the whole collection is replaced at once, as it is validated as a whole.
 */
export class ZoneRepository {
  constructor(private readonly db: Db) {}

  /** The stored collection, or null when none was stored yet. */
  async load(): Promise<StoredZones | null> {
    const { rows } = await this.db.query<{ properties: unknown; geometry: unknown }>('SELECT properties, geometry FROM zones ORDER BY id');
    if (rows.length === 0) return null;
    return {
      type: 'FeatureCollection',
      features: rows.map((r) => ({ type: 'Feature', properties: jsonValue(r.properties) as Record<string, unknown>, geometry: jsonValue(r.geometry) })),
    };
  }

  /** Changes whenever the table does (count and last update): how other processes notice edits. */
  async stamp(): Promise<string> {
    return (await this.db.query<{ s: string }>(`SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') AS s FROM zones`)).rows[0]!.s;
  }

  async replace(fc: { features: readonly { properties: Record<string, unknown>; geometry: unknown }[] }): Promise<void> {
    await this.db.tx(async (q: Queryable) => {
      await q.query('DELETE FROM zones');
      for (const f of fc.features) {
        await q.query('INSERT INTO zones (id, kind, properties, geometry, updated_at) VALUES ($1, $2, $3::jsonb, $4::jsonb, now())', [
          String(f.properties.id), String(f.properties.kind), JSON.stringify(f.properties), JSON.stringify(f.geometry),
        ]);
      }
    });
  }
}
