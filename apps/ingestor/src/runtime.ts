/**
 * The shared pieces of one process, opened once and handed to the Nest modules: store (owner F),
 * live bus (owner G), detection engine with its zones/calendars/registry (owners D, E).
 * Which of them a process opens depends on ROLE.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { LoggerService } from '@nestjs/common';
import type { SeawardenConfig } from '@seawarden/config';
import { createLogger, metricsRegistry } from '@seawarden/config';
import { consoleSettings, createLiveBus, type ConsoleDeps, type ConsoleStore, type GeoJsonFeatureCollection, type MemoryLiveBus } from '@seawarden/console';
import { DetectionEngine, type EngineState } from '@seawarden/geofence';
import { loadDetectionConfig, readGeoJson, type DetectionConfig } from '@seawarden/geofence/scenario';
import { openStore, type Store } from '@seawarden/store';
import type { FeedManager } from './feed-manager.js';

const ENGINE_STATE_SAVE_MS = 5 * 60_000;
import type { PipelineDeps, StorePort } from './pipeline.service.js';

export interface Runtime {
  config: SeawardenConfig;
  store: Store | null;
  /** In-process, or over Redis when REDIS_URL is set (G's createLiveBus). */
  bus: MemoryLiveBus;
  engine: DetectionEngine | null;
  detection: DetectionConfig | null;
  pipeline: PipelineDeps;
  /** What the console module needs; it serves /metrics itself only when the ingestor does not run here. */
  consoleDeps(feeds: FeedManager | null): ConsoleDeps;
  close(): Promise<void>;
}

export async function openRuntime(config: SeawardenConfig, log: LoggerService = createLogger('Runtime')): Promise<Runtime> {
  const runsIngestor = config.role !== 'console';
  mkdirSync(config.dataDir, { recursive: true });

  // Zones, calendars and registry: validated before anything else opens, so a bad file fails fast.
  const detection = runsIngestor || config.role === 'all'
    ? loadDetectionConfig({ zones: config.zonesFile, calendars: config.calendarsFile, registry: config.registryFile })
    : null;
  const engine = detection && runsIngestor ? new DetectionEngine({ zones: detection.zones, calendars: detection.calendars, registry: detection.registry }) : null;

  const storeLog = createLogger('Store');
  const store = await openStore({
    databaseUrl: config.databaseUrl ?? null,
    dataDir: config.dataDir,
    retentionDays: config.retentionDays,
    logger: {
      info: (msg, ctx) => storeLog.log(msg, ctx ?? {}),
      warn: (msg, ctx) => storeLog.warn(msg, ctx ?? {}),
      error: (msg, ctx) => storeLog.error(msg, ctx ?? {}),
    },
  });
  log.log(`store open (${store.kind}${store.timescale ? ', TimescaleDB' : ''})`, { databaseUrl: config.databaseUrl ? redact(config.databaseUrl) : null, dataDir: config.dataDir });

  let bus: MemoryLiveBus;
  try {
    bus = await createLiveBus(config.redisUrl);
  } catch (err) {
    await store.close().catch(() => {});
    throw new Error(`REDIS_URL: cannot connect (${(err as Error).message})`, { cause: err });
  }
  if (config.role === 'ingestor' && !config.redisUrl) log.warn('ROLE=ingestor without REDIS_URL: consoles in other processes will not see live events');

  const pipeline: PipelineDeps = { engine, store: store satisfies StorePort, bus };

  const zonesGeoJson = detection ? readGeoJson('zones', detection.files.zones) : null;
  let stateTimer: NodeJS.Timeout | null = null;
  if (engine) {
    await restoreEngine(engine, store, log);
    // Consoles in other processes read zones from the database.
    if (zonesGeoJson) await syncZones(store, zonesGeoJson, log);
    stateTimer = setInterval(() => void saveEngine(engine, store, log), ENGINE_STATE_SAVE_MS);
    stateTimer.unref();
  }
  const calendarsJson = detection ? JSON.parse(readFileSync(detection.files.calendars, 'utf8')) : null;

  return {
    config,
    store,
    bus,
    engine,
    detection,
    pipeline,
    consoleDeps(feeds) {
      return {
        settings: consoleSettings(config as unknown as Record<string, unknown>),
        store: store as unknown as ConsoleStore,
        bus,
        ...(engine ? { live: engine } : {}),
        ...(zonesGeoJson ? { zones: { get: () => zonesGeoJson as unknown as GeoJsonFeatureCollection, calendars: () => calendarsJson } } : {}),
        ...(feeds ? { feeds: { status: () => feeds.status() } } : {}),
        metrics: metricsRegistry,
        serveMetrics: config.role === 'console',
        log: (line: string) => {
          process.stdout.write(`${line}\n`);
        },
      };
    },
    async close() {
      if (stateTimer) clearInterval(stateTimer);
      if (engine) await saveEngine(engine, store, log);
      await bus.close();
      await store.close();
    },
  };
}

/** Vessel state and open alert episodes survive a restart (saved periodically and on shutdown). */
async function restoreEngine(engine: DetectionEngine, store: Store, log: LoggerService): Promise<void> {
  try {
    const state = await store.vesselState.load();
    if (!state) return;
    engine.importState(state as EngineState);
    log.log(`engine state restored (${engine.vesselCount} vessels)`);
  } catch (err) {
    log.warn(`engine state not restored: ${(err as Error).message}`);
  }
}

async function saveEngine(engine: DetectionEngine, store: Store, log: LoggerService): Promise<void> {
  try {
    await store.vesselState.save(engine.exportState());
  } catch (err) {
    log.warn(`engine state not saved: ${(err as Error).message}`);
  }
}

type ZoneFeatures = ReturnType<typeof readGeoJson>;

/** Writes the zones the engine runs with into the `zones` table (replacing what was there). */
async function syncZones(store: Store, fc: ZoneFeatures, log: LoggerService): Promise<void> {
  try {
    await store.db.tx(async (q) => {
      const ids: string[] = [];
      for (const f of fc.features) {
        const id = String(f.properties.id);
        ids.push(id);
        await q.query(
          `INSERT INTO zones (id, kind, properties, geometry, updated_at) VALUES ($1, $2, $3::jsonb, $4::jsonb, now())
           ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, properties = EXCLUDED.properties, geometry = EXCLUDED.geometry, updated_at = now()`,
          [id, String(f.properties.kind), JSON.stringify(f.properties), JSON.stringify(f.geometry)],
        );
      }
      await q.query('DELETE FROM zones WHERE NOT (id = ANY($1::text[]))', [ids]);
    });
  } catch (err) {
    log.warn(`zones not written to the store: ${(err as Error).message}`);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
