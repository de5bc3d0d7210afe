import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';
import { POSITION_COLUMNS, toColumnArrays, toCopyBinary, type PositionBatch, type PositionColumns } from './position-row.js';

/** Writes one batch atomically together with its id; a batch id seen before is skipped. */
export interface PositionSink {
  /** copy: server COPY (binary) via pg-copy-streams; blob: PGlite's own COPY FROM '/dev/blob';
   *  unnest / insert: parameterised INSERTs (peers, and the fallback). */
  readonly method: 'copy' | 'blob' | 'unnest' | 'insert';
  write(batch: PositionBatch): Promise<'written' | 'duplicate'>;
}

export type PositionMethod = PositionSink['method'];

const CLAIM_BATCH = 'INSERT INTO position_batches (id, rows) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id';
const COLS = POSITION_COLUMNS.join(', ');

export function createPositionSink(db: Db, method: PositionMethod, lite?: PGlite): PositionSink {
  switch (method) {
    case 'copy':
      return { method, write: (b) => writeWithCopy(db, b) };
    case 'blob':
      if (!lite) throw new Error("positions method 'blob' needs the PGlite instance");
      return { method, write: (b) => writeWithBlob(db, lite, b) };
    case 'unnest':
      return { method, write: (b) => claimThen(db, b, (q) => insertUnnest(q, b.cols)) };
    case 'insert':
      return { method, write: (b) => claimThen(db, b, (q) => insertValues(q, b.cols)) };
  }
}

async function claimThen(db: Db, batch: PositionBatch, insert: (q: Queryable) => Promise<void>) {
  return db.tx(async (q) => {
    const claimed = await q.query(CLAIM_BATCH, [batch.id, batch.cols.length]);
    if (!claimed.rows.length) return 'duplicate' as const;
    await insert(q);
    return 'written' as const;
  });
}

/**
 * PGlite: its native COPY from an in-memory blob (pg-copy-streams crashes PGlite). The pool
 * has a single connection, so holding the client keeps other queries out of the transaction.
 */
async function writeWithBlob(db: Db, lite: PGlite, batch: PositionBatch): Promise<'written' | 'duplicate'> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    try {
      const claimed = await client.query(CLAIM_BATCH, [batch.id, batch.cols.length]);
      if (!claimed.rows.length) {
        await client.query('ROLLBACK');
        return 'duplicate';
      }
      const blob = new Blob([toCopyBinary(batch.cols)]);
      await lite.query(`COPY positions (${COLS}) FROM '/dev/blob' (FORMAT binary)`, [], { blob });
      await client.query('COMMIT');
      return 'written';
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  } finally {
    client.release();
  }
}

/** Server: COPY FROM STDIN on one connection, in the same transaction as the batch id. */
async function writeWithCopy(db: Db, batch: PositionBatch): Promise<'written' | 'duplicate'> {
  const client: pg.PoolClient = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const claimed = await client.query(CLAIM_BATCH, [batch.id, batch.cols.length]);
    if (!claimed.rows.length) {
      await client.query('ROLLBACK');
      return 'duplicate';
    }
    const stream = client.query(copyFrom(`COPY positions (${COLS}) FROM STDIN (FORMAT binary)`));
    await pipeline(Readable.from([toCopyBinary(batch.cols)]), stream);
    await client.query('COMMIT');
    return 'written';
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = err instanceof Error ? err : new Error(String(err));
    }
    throw err;
  } finally {
    client.release(broken);
  }
}

const UNNEST_SQL = `INSERT INTO positions (${COLS})
  SELECT to_timestamp(t / 1000.0), mmsi, lat, lon, sog, cog, heading, nav_status, msg_type, source, overview
  FROM unnest($1::float8[], $2::int[], $3::float8[], $4::float8[], $5::real[], $6::real[],
              $7::smallint[], $8::smallint[], $9::smallint[], $10::text[], $11::bool[])
       AS u(t, mmsi, lat, lon, sog, cog, heading, nav_status, msg_type, source, overview)`;

export async function insertUnnest(q: Queryable, cols: PositionColumns): Promise<void> {
  await q.query(UNNEST_SQL, toColumnArrays(cols));
}

const VALUES_CHUNK = 1000; // 11 params per row, well under the 65535 parameter limit

/** Plain multi-row INSERT … VALUES (the peer measured next to COPY). */
export async function insertValues(q: Queryable, cols: PositionColumns): Promise<void> {
  const rows = Array.from(cols.order(), (i) => cols.row(i));
  for (let start = 0; start < rows.length; start += VALUES_CHUNK) {
    const chunk = rows.slice(start, start + VALUES_CHUNK);
    const params: unknown[] = [];
    const tuples = chunk.map((r, i) => {
      params.push(new Date(r[0]).toISOString(), ...r.slice(1)); // rows from columns: all 11 values, overview a boolean
      const b = i * 11;
      return `($${b + 1}::timestamptz,$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7},$${b + 8},$${b + 9},$${b + 10},$${b + 11})`;
    });
    await q.query(`INSERT INTO positions (${COLS}) VALUES ${tuples.join(',')}`, params);
  }
}
