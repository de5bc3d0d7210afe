/**
 * The shared pieces of one process, opened once and handed to the Nest modules: store (owner F),
 * live bus (owner G), detection engine with its zones/calendars/registry (owners D, E).
 * Which of them a process opens depends on ROLE.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import type { SeawardenConfig } from '@seawarden/config';
import { createLogger, metricsRegistry } from '@seawarden/config';
import { consoleSettings, createLiveBus, type ConsoleDeps, type ConsoleStore, type GeoJsonFeatureCollection, type MemoryLiveBus } from '@seawarden/console';
import { DetectionEngine, type EngineState } from '@seawarden/geofence';
import { loadDetectionConfig, readGeoJson, type DetectionConfig } from '@seawarden/geofence/scenario';
import { openStore, type Store } from '@seawarden/store';
import type { FeedManager } from './feed-manager.js';
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
  const statePath = join(config.dataDir, 'engine-state.json');
  if (engine) restoreEngine(engine, statePath, log);

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

  const alerts = (store as unknown as { alerts?: StorePort['alerts'] }).alerts;
  if (!alerts) log.warn('the store has no alerts repository yet: alerts are published without being stored');
  const pipeline: PipelineDeps = {
    engine,
    store: { positions: store.positions, ...(alerts ? { alerts } : {}) },
    bus,
  };

  const zonesGeoJson = detection ? readGeoJson('zones', detection.files.zones) : null;
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
      if (engine) saveEngine(engine, statePath, log);
      await bus.close();
      await store.close();
    },
  };
}

/** Vessel state and open alert episodes survive a restart (written on shutdown). */
function restoreEngine(engine: DetectionEngine, path: string, log: LoggerService): void {
  if (!existsSync(path)) return;
  try {
    engine.importState(JSON.parse(readFileSync(path, 'utf8')) as EngineState);
    log.log(`engine state restored (${engine.vesselCount} vessels)`, { path });
  } catch (err) {
    log.warn(`engine state at ${path} not restored: ${(err as Error).message}`);
  }
}

function saveEngine(engine: DetectionEngine, path: string, log: LoggerService): void {
  try {
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify(engine.exportState()));
    renameSync(tmp, path);
  } catch (err) {
    log.warn(`engine state not saved to ${path}: ${(err as Error).message}`);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
