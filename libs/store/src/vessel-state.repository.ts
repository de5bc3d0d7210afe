import type { Db } from './db.js';
import { jsonValue } from './sql-values.js';

/** The tracker's resumable state (engine.exportState()), one JSONB document per key. */
export class VesselStateRepository {
  constructor(private readonly db: Db) {}

  async save(state: unknown, key = 'engine'): Promise<void> {
    await this.db.query(
      `INSERT INTO vessel_state (key, state, saved_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, saved_at = EXCLUDED.saved_at`,
      [key, JSON.stringify(state)],
    );
  }

  async load(key = 'engine'): Promise<unknown | null> {
    const { rows } = await this.db.query<{ state: unknown }>('SELECT state FROM vessel_state WHERE key = $1', [key]);
    return rows[0] ? jsonValue(rows[0].state) : null;
  }
}
