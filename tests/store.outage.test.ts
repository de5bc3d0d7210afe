// Fault test: the database goes away mid-stream (a TCP proxy between the pool and the
// machine's PostgreSQL is killed) and comes back; every position and alert sent is stored
// once. The machine's server itself is never stopped.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertChange } from '@seawarden/contracts';
import { openStore, type Store } from '@seawarden/store';
import { TcpProxy } from './fixtures/store-tcp-proxy.js';
import { positionMessage, quietLogger, scratchDatabase, TEST_DATABASE_URL, tempDir, warnIfNoServer } from './store.helpers.js';

warnIfNoServer('store.outage', 'the outage test (PostgreSQL behind a TCP proxy) is SKIPPED');

const T0 = Date.parse('2026-07-01T00:00:00Z');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alertAt(i: number, kind: AlertChange['kind'], minute: number): AlertChange {
  const at = new Date(T0 + minute * 60_000).toISOString();
  const a: Alert = {
    id: `out-${i}`, rule: 'restricted_entry', severity: 'high', mmsi: 412100000 + i, vesselName: null, zoneId: 'r1',
    openedAt: new Date(T0).toISOString(), updatedAt: at, closedAt: kind === 'closed' ? at : null,
    position: { lat: 30, lon: 122 }, reason: { zh: '闯入', en: 'entry' }, evidence: [],
  };
  return { kind, alert: a };
}

describe.skipIf(!TEST_DATABASE_URL)('store through a database outage (PostgreSQL behind a TCP proxy)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let proxy: TcpProxy;
  let store: Store;
  let dataDir: string;

  beforeAll(async () => {
    db = await scratchDatabase('seawarden_outage');
    const target = new URL(TEST_DATABASE_URL!);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.up();
    dataDir = tempDir();
  });
  afterAll(async () => {
    await store?.close();
    await proxy?.down();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps detecting while the database is away, then stores every position and alert exactly once', async () => {
    const url = new URL(db.url);
    url.port = String(proxy.port);
    store = await openStore({
      databaseUrl: url.toString(), dataDir, logger: quietLogger,
      positions: { batchSize: 500, flushIntervalMs: 50, maxQueuedRows: 3_000, retryMaxMs: 300 },
    });
    const N = 30_000;
    const alertPromises: Promise<AlertChange[]>[] = [];
    let sawDown = false;
    let maxSpilled = 0;
    let alertsJournaled = 0;
    for (let i = 0; i < N; i++) {
      if (i === 6_000) await proxy.down();
      if (i === 24_000) await proxy.up();
      const ok = store.positions.write(positionMessage(412000000 + (i % 50), T0 + i * 1000, 30 + (i % 100) * 1e-3, 122 + (i % 77) * 1e-3) as never);
      if (!ok) await store.positions.drain();
      if (i % 1_000 === 0) {
        // Alerts keep coming during the outage; nobody waits for them here.
        const k = i / 1_000;
        alertPromises.push(store.alerts.applyChanges([alertAt(k, 'opened', 0), alertAt(k, 'updated', 1)]));
        if (k % 3 === 0) alertPromises.push(store.alerts.applyChanges([alertAt(k, 'closed', 2)]));
        await sleep(20); // let the writer meet the outage
      }
      const s = store.positions.stats();
      if (!s.dbUp) sawDown = true;
      maxSpilled = Math.max(maxSpilled, s.spilled);
      alertsJournaled = Math.max(alertsJournaled, store.alerts.stats().journaled);
    }
    await store.positions.flush();
    const stored = await Promise.all(alertPromises);

    expect(sawDown).toBe(true);
    expect(maxSpilled).toBeGreaterThan(0); // beyond the memory bound, positions went to disk
    expect(alertsJournaled).toBeGreaterThan(0); // alerts waited in the fsync'd journal
    const stats = store.positions.stats();
    expect(stats).toMatchObject({ queued: 0, spilled: 0, failedBatches: 0, dbUp: true });
    // A batch whose COMMIT went through just as the connection dropped is retried and found
    // already there by its batch id: counted as a duplicate, stored once (the counts below).
    expect(stats.written + stats.duplicates).toBe(N);
    expect(readdirSync(join(dataDir, 'spill', 'positions'))).toEqual([]);

    const counts = (await store.db.query<{ n: number; distinct_n: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT (mmsi, t))::int AS distinct_n FROM positions')).rows[0]!;
    expect(counts).toEqual({ n: N, distinct_n: N });

    const K = N / 1_000;
    expect(stored.flat()).toHaveLength(K * 2 + Math.ceil(K / 3));
    const alerts = (await store.db.query<{ id: string; closed: boolean }>('SELECT id, closed_at IS NOT NULL AS closed FROM alerts ORDER BY id')).rows;
    expect(alerts).toHaveLength(K);
    expect(alerts.filter((a) => a.closed)).toHaveLength(Math.ceil(K / 3));
    const events = (await store.db.query<{ n: number; distinct_n: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT (alert_id, action))::int AS distinct_n FROM alert_events')).rows[0]!;
    expect(events).toEqual({ n: K * 2 + Math.ceil(K / 3), distinct_n: K * 2 + Math.ceil(K / 3) });
    const outbox = (await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]!;
    expect(outbox.n).toBe(K * 2 + Math.ceil(K / 3));
    expect(existsSync(join(dataDir, 'spill', 'alerts-pending.jsonl'))).toBe(true);
    expect(store.alerts.stats()).toMatchObject({ pending: 0, journaled: 0, dbUp: true });
  }, 120_000);

  it('keeps what is left in spill files across a restart and replays it once', async () => {
    await proxy.down();
    for (let i = 0; i < 2_000; i++) store.positions.write(positionMessage(412200000 + (i % 10), T0 + i * 1000, 30, 122) as never);
    await sleep(300);
    await store.close(); // database still away: the rest goes to disk
    const spilled = readdirSync(join(dataDir, 'spill', 'positions'));
    expect(spilled.length).toBeGreaterThan(0);
    await proxy.up();
    const url = new URL(db.url);
    url.port = String(proxy.port);
    store = await openStore({ databaseUrl: url.toString(), dataDir, logger: quietLogger });
    await store.positions.flush();
    const n = (await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions WHERE mmsi >= 412200000')).rows[0]!.n;
    expect(n).toBe(2_000);
    expect(readdirSync(join(dataDir, 'spill', 'positions'))).toEqual([]);
  }, 60_000);
});
