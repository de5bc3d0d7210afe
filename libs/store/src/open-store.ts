import { join } from 'node:path';
import { createDb, type Db } from './db.js';
import { defaultLogger, type StoreLogger } from './logger.js';
import { migrate } from './migrator.js';
import { openPool, type StoreKind } from './pool.js';
import { createPositionSink, type PositionMethod } from './position-sink.js';
import { PositionWriter } from './position-writer.js';
import { applyRetention } from './retention.js';
import { SpillStore } from './spill-store.js';

export interface OpenStoreOptions {
  /** PostgreSQL/TimescaleDB URL. Absent: embedded PGlite in `${dataDir}/pglite`. */
  databaseUrl?: string | null;
  /** Root data directory (DATA_DIR), default `./data`. */
  dataDir?: string;
  /** Where positions spill and pending alerts are journaled, default `${dataDir}/spill`. */
  spillDir?: string;
  /** Positions older than this are removed (TimescaleDB policy or hourly DELETE). */
  retentionDays?: number;
  logger?: StoreLogger;
  /** Tuning of the positions writer (defaults suit production). */
  positions?: {
    method?: PositionMethod;
    batchSize?: number;
    flushIntervalMs?: number;
    maxQueuedRows?: number;
    concurrency?: number;
    retryMaxMs?: number;
  };
  maxConnections?: number;
  /** Another migrations folder (tests). */
  migrationsDir?: string;
}

export interface Store {
  kind: StoreKind;
  timescale: boolean;
  db: Db;
  positions: PositionWriter;
  health(): Promise<{ up: boolean; latencyMs: number }>;
  close(): Promise<void>;
}

export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const logger = opts.logger ?? defaultLogger;
  const dataDir = opts.dataDir ?? './data';
  const opened = await openPool({
    databaseUrl: opts.databaseUrl ?? undefined,
    dataDir: dataDir.startsWith('memory://') ? dataDir : join(dataDir, 'pglite'),
    maxConnections: opts.maxConnections,
    logger,
  });
  const db = createDb(opened.pool);
  let timescale: boolean;
  let retentionTimer: NodeJS.Timeout | null;
  try {
    const client = await db.connect();
    try {
      ({ timescale } = await migrate(client, logger, opts.migrationsDir));
    } finally {
      client.release();
    }
    retentionTimer = await applyRetention(db, timescale, opts.retentionDays, logger);
  } catch (err) {
    await opened.close().catch(() => {});
    throw err;
  }
  const spillDir = opts.spillDir ?? join(dataDir.startsWith('memory://') ? './data' : dataDir, 'spill');
  const p = opts.positions ?? {};
  const positions = new PositionWriter({
    sink: createPositionSink(db, p.method ?? (opened.kind === 'postgres' ? 'copy' : 'blob'), opened.lite),
    spill: new SpillStore(join(spillDir, 'positions'), logger),
    logger,
    batchSize: p.batchSize,
    flushIntervalMs: p.flushIntervalMs,
    maxQueuedRows: p.maxQueuedRows,
    concurrency: p.concurrency ?? (opened.kind === 'postgres' ? 2 : 1),
    retryMaxMs: p.retryMaxMs,
  });
  let closed = false;
  return {
    kind: opened.kind,
    timescale,
    db,
    positions,
    async health() {
      const start = performance.now();
      try {
        await db.query('SELECT 1');
        return { up: true, latencyMs: performance.now() - start };
      } catch {
        return { up: false, latencyMs: performance.now() - start };
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (retentionTimer) clearInterval(retentionTimer);
      await positions.close();
      await opened.close();
    },
  };
}
