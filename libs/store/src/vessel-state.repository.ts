import type { Db } from './db.js';
import { StoreError } from './errors.js';
import { jsonValue } from './sql-values.js';

/** The head row of a state saved in parts (see saveParts). */
interface PartsHead {
  generation: number;
  parts: number;
}

const isPartsHead = (v: unknown): v is { __parts: PartsHead } =>
  typeof v === 'object' && v !== null && '__parts' in v && typeof (v as { __parts: unknown }).__parts === 'object';

/**
 * The engine's resumable state (DetectionEngine.exportState / exportStateParts). Saved in parts:
 * each part is one JSON object written by its own statement (the caller's iterable may export
 * the next part meanwhile), then a head row switches to the new generation in one statement and
 * older parts are deleted, so a crash mid-save leaves the previous state whole. Loading merges
 * the parts in order: arrays under the same key are concatenated, other values taken from the
 * last part that has them.
 */
export class VesselStateRepository {
  constructor(private readonly db: Db) {}

  async save(state: unknown, key = 'engine'): Promise<void> {
    await this.saveParts([state], key);
  }

  async saveParts(parts: Iterable<unknown> | AsyncIterable<unknown>, key = 'engine'): Promise<void> {
    const generation = Date.now() * 1000 + Math.floor(Math.random() * 1000);
    let seq = 0;
    for await (const part of parts) {
      await this.db.query('INSERT INTO engine_state_parts (key, generation, seq, body) VALUES ($1, $2, $3, $4)', [key, generation, seq++, JSON.stringify(part)]);
    }
    const head: { __parts: PartsHead } = { __parts: { generation, parts: seq } };
    await this.db.query(
      `INSERT INTO vessel_state (key, state, saved_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, saved_at = EXCLUDED.saved_at`,
      [key, JSON.stringify(head)],
    );
    await this.db.query('DELETE FROM engine_state_parts WHERE key = $1 AND generation <> $2', [key, generation]);
  }

  async load(key = 'engine'): Promise<unknown | null> {
    const { rows } = await this.db.query<{ state: unknown }>('SELECT state FROM vessel_state WHERE key = $1', [key]);
    if (!rows[0]) return null;
    const state = jsonValue(rows[0].state);
    if (!isPartsHead(state)) return state; // saved whole, before parts
    const { generation, parts } = state.__parts;
    const { rows: bodies } = await this.db.query<{ body: string }>(
      'SELECT body FROM engine_state_parts WHERE key = $1 AND generation = $2 ORDER BY seq', [key, generation]);
    if (bodies.length !== parts) throw new StoreError(`engine state ${key}: ${bodies.length} of its ${parts} parts are stored`, { key, generation });
    return mergeParts(bodies.map((b) => JSON.parse(b.body) as unknown));
  }
}

/** Arrays under the same key are concatenated; other values: the last part's. */
export function mergeParts(parts: unknown[]): unknown {
  if (parts.length === 1) return parts[0];
  const out: Record<string, unknown> = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
      const prev = out[k];
      out[k] = Array.isArray(prev) && Array.isArray(v) ? prev.concat(v) : v;
    }
  }
  return out;
}
