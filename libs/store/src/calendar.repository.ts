import type { Db } from './db.js';
import { jsonValue } from './sql-values.js';

/**
 * The fishing-ban calendars document the engine runs with, shared between processes (an
 * ingestor and its consoles). Stored and replaced whole: the geofence loader validates it as a
 * whole, so this repository does not look inside.
 */
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  /** The stored document, or null when none was stored yet. */
  async load(): Promise<unknown | null> {
    const { rows } = await this.db.query<{ document: unknown }>('SELECT document FROM ban_calendars WHERE id = 1');
    return rows[0] ? jsonValue(rows[0].document) : null;
  }

  async replace(document: unknown): Promise<void> {
    if (document === undefined) throw new TypeError('ban calendars: no document to store');
    await this.db.query(
      `INSERT INTO ban_calendars (id, document, version, updated_at) VALUES (1, $1::jsonb, 1, now())
       ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, version = ban_calendars.version + 1, updated_at = now()`,
      [JSON.stringify(document)],
    );
  }

  /**
   * Changes whenever the document is replaced (a counter, so two writes within one clock tick
   * still differ): how other processes notice edits. Empty when none is stored.
   */
  async stamp(): Promise<string> {
    const { rows } = await this.db.query<{ s: string }>(`SELECT version::text || '/' || updated_at::text AS s FROM ban_calendars WHERE id = 1`);
    return rows[0]?.s ?? '';
  }
}
