/**
 * Fishing-ban calendars shared through the database: a calendar PUT on a console in one process
 * reaches an ingestor engine in another (ROLE=ingestor, its own DATA_DIR) through the
 * `ban_calendars` table, and a restarted ingestor starts with it. Separate processes can only
 * share a database server, so this needs TEST_DATABASE_URL.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@seawarden/config';
import { scenarioDataDir } from '@seawarden/geofence/scenario';
import { openRuntime, type Runtime } from '../apps/ingestor/src/runtime.js';
import { startConsole, type RunningConsole } from './console-harness.js';
import { scratchDatabase, TEST_DATABASE_URL, warnIfNoServer } from './store.helpers.js';
import { until } from './fixtures/until.js';

warnIfNoServer('console-calendars', 'the console → ingestor calendar tests are SKIPPED (they need a database server)');

const BUILT_IN = JSON.parse(readFileSync(`${scenarioDataDir('zhoushan')}calendars.json`, 'utf8')) as { timezone: string; calendars: Record<string, unknown>[] };
const MORATORIUM = BUILT_IN.calendars[0]!;

/** The built-in moratorium plus a second calendar, with the moratorium's dates changed. */
function edited(to: string) {
  return {
    timezone: 'Asia/Shanghai',
    calendars: [
      { ...MORATORIUM, periods: [{ gears: ['*'], from: '04-15T12:00', to }] },
      { id: 'local-closure', name: { zh: '临时禁渔', en: 'local closure' }, periods: [{ gears: ['trawl'], from: '10-01T00:00', to: '10-31T00:00' }] },
    ],
  };
}

const silent: LoggerService = { log() {}, warn() {}, error() {} };

describe.skipIf(!TEST_DATABASE_URL)('ban calendars shared between a console and a separate ingestor', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let ingestorDir: string;
  let ingestor: Runtime | null = null;
  let consoleApp: RunningConsole;
  let admin: string;

  const ingestorConfig = (env: Record<string, string> = {}) =>
    loadConfig({ ROLE: 'ingestor', DATABASE_URL: db.url, DATA_DIR: ingestorDir, FEEDS: 'http', LOG_LEVEL: 'warn', JWT_SECRET: 'x'.repeat(32), DEMO_ACCOUNTS: 'false', ...env });

  beforeAll(async () => {
    db = await scratchDatabase('seawarden_calendars');
    ingestorDir = mkdtempSync(join(tmpdir(), 'seawarden-ingestor-'));
    ingestor = await openRuntime(ingestorConfig(), silent, { sharedConfigPollMs: 50 });
    // The console alone, as in production: no engine in its process, its own DATA_DIR.
    consoleApp = await startConsole({ databaseUrl: db.url, settings: { consoleWebhooks: false } });
    admin = await consoleApp.tokenFor('admin');
  }, 120_000);

  afterAll(async () => {
    await consoleApp?.close();
    await ingestor?.close();
    await db?.drop();
    if (ingestorDir) rmSync(ingestorDir, { recursive: true, force: true });
  }, 60_000);

  it('serves the built-in calendars the ingestor wrote to the database at its start', async () => {
    expect(await consoleApp.store.calendars.load()).toEqual(BUILT_IN);
    const got = await consoleApp.http('GET', '/api/calendars', { token: admin });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(BUILT_IN);
  });

  it('a PUT on the console reaches the other process’s engine through the database', async () => {
    const detection = ingestor!.detection!;
    const before = detection.current;
    const doc = edited('09-30T12:00');
    const put = await consoleApp.http('PUT', '/api/calendars', { token: admin, body: doc });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ count: 2 });
    await until(() => detection.current !== before, 'the ingestor engine to take the new calendars', 10_000);
    expect(detection.calendars()).toEqual(doc);
    // The engine took over the old one's state rather than starting empty.
    expect(detection.current.vesselCount).toBe(before.vesselCount);
    expect((await consoleApp.http('GET', '/api/calendars', { token: admin })).body).toEqual(doc);
    expect(existsSync(join(consoleApp.dataDir, 'calendars.json'))).toBe(false);
  });

  it('refuses invalid calendars with a 400 naming the problem, and stores nothing', async () => {
    const stored = await consoleApp.store.calendars.load();
    const badGear = { calendars: [{ id: 'x', periods: [{ gears: ['dynamite'], from: '05-01', to: '09-16' }] }] };
    const r1 = await consoleApp.http('PUT', '/api/calendars', { token: admin, body: badGear });
    expect(r1.status).toBe(400);
    expect(r1.body.message).toContain('calendars[0].periods[0].gears[0]');
    expect(r1.body.field).toBe('calendars[0].periods[0].gears[0]');
    // Valid on its own, but the moratorium zone would lose its calendar: the engine refuses that.
    const noMoratorium = { calendars: [{ id: 'other', periods: [{ gears: ['*'], from: '05-01T12:00', to: '09-16T12:00' }] }] };
    const r2 = await consoleApp.http('PUT', '/api/calendars', { token: admin, body: noMoratorium });
    expect(r2.status).toBe(400);
    expect(r2.body.message).toContain(`calendar '${MORATORIUM.id}'`);
    expect(r2.body.field).toBe('calendars');
    const r3 = await consoleApp.http('PUT', '/api/calendars', { token: admin, body: 'not json' });
    expect(r3.status).toBe(400);
    expect(await consoleApp.store.calendars.load()).toEqual(stored);
  });

  it('a restarted ingestor starts with the database’s calendars; CALENDARS_FILE wins and is written back', async () => {
    const saved = await consoleApp.store.calendars.load();
    await ingestor!.close();
    ingestor = await openRuntime(ingestorConfig(), silent, { sharedConfigPollMs: 50 });
    expect(ingestor.detection!.calendars()).toEqual(saved);
    await ingestor.close();

    const file = join(ingestorDir, 'site-calendars.json');
    const fromFile = edited('08-31T12:00');
    writeFileSync(file, JSON.stringify(fromFile));
    ingestor = await openRuntime(ingestorConfig({ CALENDARS_FILE: file }), silent, { sharedConfigPollMs: 50 });
    expect(ingestor.detection!.calendars()).toEqual(fromFile);
    expect((await consoleApp.http('GET', '/api/calendars', { token: admin })).body).toEqual(fromFile);
    expect(existsSync(join(ingestorDir, 'calendars.json'))).toBe(false);
  }, 60_000);

  it('a zone naming a calendar that is not there yet is taken up together with that calendar', async () => {
    const detection = ingestor!.detection!;
    const zones = (await consoleApp.http('GET', '/api/zones', { token: admin })).body;
    const square = { type: 'Polygon', coordinates: [[[122.5, 30.5], [122.6, 30.5], [122.6, 30.6], [122.5, 30.6], [122.5, 30.5]]] };
    const closure = { type: 'Feature', properties: { id: 'ban-local', name: { zh: '临时禁渔区', en: 'local closure area' }, kind: 'fishing_ban', calendar: 'closure-2' }, geometry: square };
    const withClosure = { ...zones, features: [...zones.features, closure] };
    expect((await consoleApp.http('PUT', '/api/zones', { token: admin, body: withClosure })).status).toBe(200);
    // The ingestor cannot run that zone without its calendar: it keeps what it has and retries.
    await new Promise((r) => setTimeout(r, 300));
    expect(detection.get().features.some((f) => f.properties.id === 'ban-local')).toBe(false);

    const cal = detection.calendars() as ReturnType<typeof edited>;
    const withCalendar = { ...cal, calendars: [...cal.calendars, { id: 'closure-2', periods: [{ gears: ['*'], from: '01-01T00:00', to: '12-31T00:00' }] }] };
    expect((await consoleApp.http('PUT', '/api/calendars', { token: admin, body: withCalendar })).status).toBe(200);
    await until(() => detection.get().features.some((f) => f.properties.id === 'ban-local'), 'the zone and its calendar in the ingestor', 10_000);
    expect(detection.calendars()).toEqual(withCalendar);
    expect(detection.current.zones().size).toBe(withClosure.features.length);
  });
});
