/**
 * The shared pieces of one process, opened once and handed to the Nest modules: store,
 * live bus, detection engine with its zones/calendars/registry.
 * Which of them a process opens depends on ROLE.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { LoggerService } from '@nestjs/common';
import type { SeawardenConfig } from '@seawarden/config';
import { createLogger, metricsRegistry, redactUrl } from '@seawarden/config';
import { consoleSettings, createLiveBus, type ConsoleDeps, type ConsoleStore, type GeoJsonFeatureCollection, type MemoryLiveBus } from '@seawarden/console';
import { loadCalendars, loadZones, type EngineState } from '@seawarden/geofence';
import { loadDetectionConfig, readGeoJson } from '@seawarden/geofence/scenario';
import { openStore, type Store } from '@seawarden/store';
import { DetectionConfigHolder, registryFromRows, type DetectionParts } from './detection-config.js';
import type { FeedManager } from './feed-manager.js';
import type { PipelineDeps, StorePort } from './pipeline.service.js';

const ENGINE_STATE_SAVE_MS = 5 * 60_000;
/**
 * After an alert change is committed, engine state is saved within this delay too: a crash then
 * loses at most this much detector state behind the open alerts (the alerts themselves are taken
 * up from the database at restart, see restoreEngine).
 */
const ENGINE_STATE_AFTER_ALERT_MS = 60_000;
/** ROLE=ingestor: how often to look for zones/calendars/registry edited by consoles in other processes. */
const SHARED_CONFIG_POLL_MS = 30_000;

export interface Runtime {
  config: SeawardenConfig;
  store: Store;
  /** In-process, or over Redis when REDIS_URL is set. */
  bus: MemoryLiveBus;
  /** The engine and its configuration (null in a console-only process). */
  detection: DetectionConfigHolder | null;
  pipeline: PipelineDeps;
  /** What the console module needs; it serves /metrics itself only when the ingestor does not run here. */
  consoleDeps(feeds: FeedManager | null): ConsoleDeps;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** ROLE=ingestor: poll interval for configuration edited elsewhere (default 30 s; tests shorten it). */
  sharedConfigPollMs?: number;
}

export async function openRuntime(config: SeawardenConfig, log: LoggerService = createLogger('Runtime'), options: RuntimeOptions = {}): Promise<Runtime> {
  const runsIngestor = config.role !== 'console';
  mkdirSync(config.dataDir, { recursive: true });

  // Configured files are checked before anything opens, so a bad file fails fast and by name.
  const files = runsIngestor ? loadDetectionConfig({ zones: config.zonesFile, calendars: config.calendarsFile, registry: config.registryFile, land: config.landFile }) : null;

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
  log.log(`store open (${store.kind}${store.timescale ? ', TimescaleDB' : ''})`, { databaseUrl: config.databaseUrl ? redactUrl(config.databaseUrl) : null, dataDir: config.dataDir });

  let bus: MemoryLiveBus;
  let detection: DetectionConfigHolder | null = null;
  let stateTimer: NodeJS.Timeout | null = null;
  let saveState: (() => Promise<void>) | null = null;
  let alertSaveTimer: NodeJS.Timeout | null = null;
  let offCommitted: (() => void) | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  try {
    bus = await createLiveBus(config.redisUrl);
  } catch (err) {
    await store.close().catch(() => {});
    throw new Error(`REDIS_URL: cannot connect (${(err as Error).message})`, { cause: err });
  }
  try {
    if (config.role === 'ingestor' && !config.redisUrl) log.warn('ROLE=ingestor without REDIS_URL: consoles in other processes will not see live events');
    if (files) {
      const parts = await detectionParts(config, files, store, log);
      detection = new DetectionConfigHolder(parts);
      void detection.zonesPrepared.then(({ cells, ms }) => log.log(`zone cells classified ahead of the traffic: ${cells} for ${parts.zones.size} zones in ${ms} ms`));
      await restoreEngine(detection, store, log);
      const holder = detection;
      saveState = engineSaver(holder, store, log);
      const save = saveState;
      stateTimer = setInterval(() => void save(), ENGINE_STATE_SAVE_MS);
      stateTimer.unref();
      offCommitted = store.alerts.onCommitted(() => {
        if (alertSaveTimer) return;
        alertSaveTimer = setTimeout(() => {
          alertSaveTimer = null;
          void save();
        }, ENGINE_STATE_AFTER_ALERT_MS);
        alertSaveTimer.unref();
      });
      if (config.role === 'ingestor') {
        const follow = followSharedConfig(holder, store, log);
        await follow(); // takes the current stamps
        pollTimer = setInterval(() => void follow(), options.sharedConfigPollMs ?? SHARED_CONFIG_POLL_MS);
        pollTimer.unref();
      }
    }
  } catch (err) {
    await bus.close().catch(() => {});
    await store.close().catch(() => {});
    throw err;
  }

  const pipeline: PipelineDeps = { engine: detection, store: store satisfies StorePort, bus };
  return {
    config,
    store,
    bus,
    detection,
    pipeline,
    consoleDeps(feeds) {
      return {
        // Unset JWT_SECRET: the console keeps a generated secret in DATA_DIR (logins survive restarts).
        settings: consoleSettings({ ...config, jwtSecret: config.jwtSecretGenerated ? undefined : config.jwtSecret } as unknown as Record<string, unknown>),
        store: store as unknown as ConsoleStore,
        bus,
        ...(detection
          ? {
              live: detection,
              zones: detection,
              registry: { reload: () => reloadRegistry(detection!, store, log) },
            }
          : {}),
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
      if (alertSaveTimer) clearTimeout(alertSaveTimer);
      offCommitted?.();
      if (pollTimer) clearInterval(pollTimer);
      if (saveState) await saveState();
      await bus.close();
      await store.close();
    },
  };
}

/**
 * What the engine runs with. A file named in the configuration always wins (and is written to
 * the database, where consoles in other processes read it); otherwise what an administrator
 * saved from the console (database) wins over the built-in Zhoushan defaults, which are written
 * to the database when it has none.
 */
async function detectionParts(config: SeawardenConfig, files: ReturnType<typeof loadDetectionConfig>, store: Store, log: LoggerService): Promise<DetectionParts> {
  const storedZones = config.zonesFile ? null : await savedZones(store);
  const zones = await sharedConfig(log, {
    what: 'zones', setting: 'ZONES_FILE', path: files.files.zones,
    stored: storedZones && storedZones.features.length > 0 ? storedZones : null,
    file: { value: files.zones, raw: readGeoJson('zones', files.files.zones) },
    load: (raw) => loadZones(raw), count: (z) => z.size,
    write: (raw) => store.zones.replace(raw as GeoJsonFeatureCollection),
  });
  const calendars = await sharedConfig(log, {
    what: 'ban calendars', setting: 'CALENDARS_FILE', path: files.files.calendars,
    stored: config.calendarsFile ? null : await store.calendars.load(),
    file: { value: files.calendars, raw: JSON.parse(readFileSync(files.files.calendars, 'utf8')) as unknown },
    load: (raw) => loadCalendars(raw), count: (c) => c.ids().length,
    write: (raw) => store.calendars.replace(raw),
  });

  let registry = files.registry;
  const rows = config.registryFile ? [] : await store.registry.rows();
  if (rows.length > 0) {
    try {
      registry = registryFromRows(rows);
      log.log(`vessel registry from the database (${rows.length} vessels)`);
    } catch (err) {
      log.warn(`registry in the database is invalid (${(err as Error).message}); using ${files.files.registry}`);
    }
  } else {
    await writeRegistry(store, files.registry, log);
  }
  return { zones: zones.value, zonesGeoJson: zones.raw as GeoJsonFeatureCollection, calendars: calendars.value, calendarsJson: calendars.raw, registry, land: files.land };
}

/**
 * One piece of the configuration shared through the database (zones, ban calendars): what the
 * database holds when it is valid (and no file is named: then `stored` is null), else the file,
 * which is then written to the database for the other processes.
 */
async function sharedConfig<T>(
  log: LoggerService,
  o: { what: string; setting: string; path: string; stored: unknown; file: { value: T; raw: unknown }; load: (raw: unknown) => T; count: (v: T) => number; write: (raw: unknown) => Promise<void> },
): Promise<{ value: T; raw: unknown }> {
  if (o.stored !== null) {
    try {
      const value = o.load(o.stored);
      log.log(`${o.what} from the database (${o.count(value)}; set ${o.setting} to replace them from a file)`);
      return { value, raw: o.stored };
    } catch (err) {
      log.warn(`${o.what} in the database are invalid (${(err as Error).message}); using ${o.path}`);
    }
  }
  try {
    await o.write(o.file.raw);
  } catch (err) {
    log.warn(`${o.what} not written to the database: ${(err as Error).message}`);
  }
  return o.file;
}

async function savedZones(store: Store): Promise<GeoJsonFeatureCollection | null> {
  return (await store.zones.load()) as GeoJsonFeatureCollection | null;
}

/** Seeds the `registry` table (the console lists and edits it there). */
async function writeRegistry(store: Store, registry: DetectionParts['registry'], log: LoggerService): Promise<void> {
  try {
    await store.registry.write(registry.entries(), 'seed');
  } catch (err) {
    log.warn(`registry not written to the database: ${(err as Error).message}`);
  }
}

/** After a console import: the engine takes the table's registry. */
async function reloadRegistry(detection: DetectionConfigHolder, store: Store, log: LoggerService): Promise<void> {
  const rows = await store.registry.rows();
  detection.replaceRegistry(registryFromRows(rows));
  log.log(`vessel registry reloaded (${rows.length} vessels)`);
}

/**
 * With consoles in other processes, zone, calendar and registry edits reach this process through
 * the database: a change of the tables' stamps reloads them into the engine. Zones and calendars
 * changed in the same interval are swapped together (a new zone may name a new calendar); a
 * reload that fails keeps the old stamps, so it is tried again at the next poll.
 */
function followSharedConfig(detection: DetectionConfigHolder, store: Store, log: LoggerService): () => Promise<void> {
  let zonesStamp: string | null = null;
  let calendarsStamp: string | null = null;
  let registryStamp: string | null = null;
  return async () => {
    try {
      const z = await store.zones.stamp();
      const c = await store.calendars.stamp();
      const fc = zonesStamp !== null && z !== zonesStamp ? await savedZones(store) : null;
      const cal = calendarsStamp !== null && c !== calendarsStamp ? await store.calendars.load() : null;
      if (fc || cal !== null) {
        detection.replaceShared({ zonesGeoJson: fc ?? undefined, calendarsJson: cal ?? undefined });
        if (fc) log.log(`zones reloaded from the database (${fc.features.length})`);
        if (cal !== null) log.log('ban calendars reloaded from the database');
      }
      zonesStamp = z;
      calendarsStamp = c;
    } catch (err) {
      log.warn(`zones/calendars not reloaded: ${(err as Error).message}`);
    }
    // Apart: a zone file the engine refuses must not hold back registry edits.
    try {
      const r = await store.registry.stamp();
      if (registryStamp !== null && r !== registryStamp) await reloadRegistry(detection, store, log);
      registryStamp = r;
    } catch (err) {
      log.warn(`registry not reloaded: ${(err as Error).message}`);
    }
  };
}

/**
 * Vessel state and open alert episodes survive a restart (saved periodically and on shutdown);
 * then the engine takes up what the database learnt after the last save (alerts opened,
 * updated or closed since), so a forgotten alert neither stays open for ever nor opens twice.
 */
async function restoreEngine(detection: DetectionConfigHolder, store: Store, log: LoggerService): Promise<void> {
  const engine = detection.current;
  try {
    const state = await store.vesselState.load();
    if (state) {
      engine.importState(state as EngineState);
      log.log(`engine state restored (${engine.vesselCount} vessels)`);
    }
  } catch (err) {
    log.warn(`engine state not restored: ${(err as Error).message}`);
  }
  try {
    const r = engine.resume(await store.alerts.engineResume(engine.openAlerts().map((a) => a.id)));
    if (r.adopted || r.dropped || r.refreshed) log.log(`open alerts taken up from the database: ${r.adopted} adopted, ${r.dropped} closed there since, ${r.refreshed} newer there`);
  } catch (err) {
    log.warn(`open alerts not taken up from the database (an alert continuing after the restart still merges into its open one): ${(err as Error).message}`);
  }
}

/**
 * Saves the engine state in parts (see exportStateParts), one save at a time: a save asked for
 * while one runs is done once more after it. Thousands of vessels with their tracks are several
 * MB; written whole, that blocked the event loop (and the embedded database) for half a second
 * per 2,000 vessels, which showed as alert latency spikes.
 */
function engineSaver(detection: DetectionConfigHolder, store: Store, log: LoggerService): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async () => {
    do {
      again = false;
      try {
        await store.vesselState.saveParts(detection.current.exportStateParts());
      } catch (err) {
        log.warn(`engine state not saved: ${(err as Error).message}`);
      }
    } while (again);
    running = null;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run();
    return running;
  };
}
