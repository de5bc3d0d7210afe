import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { StoreLogger } from './logger.js';

export type StoreKind = 'pglite' | 'postgres';

export interface OpenedPool {
  kind: StoreKind;
  pool: pg.Pool;
  /** The embedded database itself (PGlite only): its native COPY FROM '/dev/blob'. */
  lite?: PGlite;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Server URL; when absent an embedded PGlite in dataDir is used. */
  databaseUrl?: string;
  /** PGlite data directory (`memory://` for an in-memory database). */
  dataDir: string;
  /** An already open PGlite (e.g. a build with TimescaleDB, in tests); closed by the caller. */
  pglite?: PGlite;
  /** Max server connections. */
  maxConnections?: number;
  logger: StoreLogger;
}

/** One pg-compatible pool: PGlite through its node-postgres adapter, or a server. */
export async function openPool(opts: PoolOptions): Promise<OpenedPool> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.maxConnections ?? 8,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'seawarden',
    });
    // An idle client losing its server must not crash the process; the next query reconnects.
    pool.on('error', (err) => opts.logger.warn('idle database connection lost', { error: err.message }));
    return { kind: 'postgres', pool, close: () => pool.end() };
  }
  const own = !opts.pglite;
  if (own && !opts.dataDir.startsWith('memory://')) mkdirSync(opts.dataDir, { recursive: true });
  const lite = opts.pglite ?? (await PGlite.create(opts.dataDir));
  // One client only: every pg client of this pool shares PGlite's single session, so a second
  // client would interleave its statements into the first one's transaction.
  const pool = new pg.Pool({ ...(createPgConfig(lite) as unknown as pg.PoolConfig), max: 1 });
  pool.on('error', (err) => opts.logger.warn('pglite connection error', { error: err.message }));
  return {
    kind: 'pglite',
    pool,
    lite,
    async close() {
      await pool.end();
      if (own) await lite.close();
    },
  };
}
