import { join } from 'node:path';
import type { Alert, AlertChange, EngineResume } from '@seawarden/contracts';
import { AlertJournal } from './alert-journal.js';
import { AlertWriter, type AlertWriterStats } from './alert-writer.js';
import { AlertQueries, type AlertFilter, type AlertPage, type RuleDayCount } from './alert.repository.js';
import { createDb, type Db } from './db.js';
import { dialectFor } from './dialect.js';
import { TrackQueries } from './track.queries.js';
import { LastFixUpdater } from './vessel-last-fix.js';
import { VesselRepository } from './vessel.repository.js';
import { VesselStateRepository } from './vessel-state.repository.js';
import { ZoneRepository } from './zone.repository.js';
import { RegistryRepository } from './registry.repository.js';
import { CalendarRepository } from './calendar.repository.js';
import { defaultLogger, type StoreLogger } from './logger.js';
import { migrate } from './migrator.js';
import { openPool, type OpenedPool, type StoreKind } from './pool.js';
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
  /** Use this open PGlite instead of one in dataDir (tests: a TimescaleDB build); the caller closes it. */
  pglite?: unknown;
  /** Another migrations folder (tests). */
  migrationsDir?: string;
}

/** Alerts: writes through the ordered, outage-proof writer; reads straight from the database. */
export interface AlertRepository {
  /**
   * One transaction: alert upserts + alert_events + outbox rows. Resolves with the changes as
   * stored once committed (publish those). During an outage they are journaled to disk and
   * retried in order; the promise resolves when they are in.
   */
  applyChanges(changes: AlertChange[]): Promise<AlertChange[]>;
  /** Every committed change set, including journal replays after a restart. */
  onCommitted(listener: (changes: AlertChange[]) => void): () => void;
  get(id: string): Promise<Alert | null>;
  list(filter?: AlertFilter, page?: { after?: string; limit?: number }): Promise<AlertPage>;
  countsPerRulePerDay(range: { from: string; to: string; utcOffsetMinutes?: number }): Promise<RuleDayCount[]>;
  /** Alerts not closed. */
  openAlerts(): Promise<Alert[]>;
  /**
   * What a restarting engine needs to resume its open alerts (see DetectionEngine.resume), read
   * after the journal of an earlier run is replayed (waits up to 10 s for it).
   */
  engineResume(restoredIds: readonly string[]): Promise<EngineResume>;
  stats(): AlertWriterStats;
}

export interface Store {
  kind: StoreKind;
  timescale: boolean;
  db: Db;
  positions: PositionWriter;
  vessels: VesselRepository;
  vesselState: VesselStateRepository;
  zones: ZoneRepository;
  registry: RegistryRepository;
  calendars: CalendarRepository;
  alerts: AlertRepository;
  tracks: TrackQueries;
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
    pglite: opts.pglite as OpenedPool['lite'],
    logger,
  });
  const db = createDb(opened.pool, { turnEachStatement: opened.kind === 'pglite' });
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
  // PGlite runs each statement on the event loop: the fleet's last fixes go in slices there.
  const lastFix = new LastFixUpdater(db, logger, opened.kind === 'postgres' ? Infinity : 250);
  const positions = new PositionWriter({
    sink: createPositionSink(db, p.method ?? (opened.kind === 'postgres' ? 'copy' : 'blob'), opened.lite),
    spill: new SpillStore(join(spillDir, 'positions'), logger),
    logger,
    // A server COPY has a fixed cost per statement (PostgreSQL 15 builds 1,000 tuple slots per
    // COPY, then the commit): 20,000-row batches took ~18% less server CPU per row than 5,000.
    // PGlite has one connection, so its batches stay short.
    batchSize: p.batchSize ?? (opened.kind === 'postgres' ? 20_000 : 5_000),
    flushIntervalMs: p.flushIntervalMs,
    maxQueuedRows: p.maxQueuedRows,
    concurrency: p.concurrency ?? (opened.kind === 'postgres' ? 2 : 1),
    retryMaxMs: p.retryMaxMs,
    onWritten: (cols) => lastFix.note(cols),
  });
  const alertWriter = new AlertWriter(db, new AlertJournal(join(spillDir, 'alerts-pending.jsonl')), logger, 200, p.retryMaxMs ?? 5_000);
  alertWriter.start();
  const alertQueries = new AlertQueries(db, dialectFor(timescale));
  const alerts: AlertRepository = {
    applyChanges: (changes) => alertWriter.apply(changes),
    onCommitted: (l) => alertWriter.onCommitted(l),
    get: (id) => alertQueries.get(id),
    list: (f, pg) => alertQueries.list(f, pg),
    countsPerRulePerDay: (r) => alertQueries.countsPerRulePerDay(r),
    openAlerts: () => alertQueries.openAlerts(),
    engineResume: async (ids) => {
      await alertWriter.settled(10_000);
      return alertQueries.engineResume(ids);
    },
    stats: () => alertWriter.stats(),
  };
  let closed = false;
  return {
    kind: opened.kind,
    timescale,
    db,
    positions,
    vessels: new VesselRepository(db),
    vesselState: new VesselStateRepository(db),
    zones: new ZoneRepository(db),
    registry: new RegistryRepository(db),
    calendars: new CalendarRepository(db),
    alerts,
    tracks: new TrackQueries(db),
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
      await Promise.all([positions.close(), alertWriter.close()]);
      await lastFix.close();
      await opened.close();
    },
  };
}
