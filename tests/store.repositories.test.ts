// Every repository against PGlite and against the machine's PostgreSQL (TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertChange } from '@seawarden/contracts';
import { AuditRepository, createPositionSink, migrate, openStore, PositionColumns, type PositionRow, type Store } from '@seawarden/store';
import { rmSync } from 'node:fs';
import { BACKENDS, positionMessage, quietLogger, scratchDatabase, tempDir, TEST_DATABASE_URL, warnIfNoServer } from './store.helpers.js';

warnIfNoServer('store.repositories');

const T0 = Date.parse('2026-06-10T00:00:00Z');

function alert(id: string, over: Partial<Alert> = {}): Alert {
  return {
    id, rule: 'speeding', severity: 'medium', mmsi: 412000001, vesselName: 'ZHE DAI YU 1', zoneId: 'putuo-speed',
    openedAt: '2026-06-10T01:00:00.000Z', updatedAt: '2026-06-10T01:00:00.000Z', closedAt: null,
    position: { lat: 29.98, lon: 122.38 }, reason: { zh: '超速', en: 'Speeding' },
    evidence: [{ kind: 'fix', at: '2026-06-10T01:00:00.000Z', lat: 29.98, lon: 122.38, reason: { zh: '航速 18 节', en: '18 kn' } }],
    ...over,
  };
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`store repositories on ${backend.name}`, () => {
    let store: Store;
    let env: Awaited<ReturnType<typeof backend.prepare>>;

    beforeAll(async () => {
      env = await backend.prepare();
      store = await openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, logger: quietLogger });
    });
    afterAll(async () => {
      await store?.close();
      await env?.cleanup();
    });

    it('opens the expected kind and applies migrations once, also when run again concurrently', async () => {
      expect(store.kind).toBe(backend.name);
      expect(store.timescale).toBe(false);
      const before = (await store.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
      expect(before).toContain('002_positions');
      expect(before).not.toContain('003_positions_timescale');
      const clients = backend.name === 'postgres' ? await Promise.all([store.db.connect(), store.db.connect()]) : [await store.db.connect()];
      try {
        const results = await Promise.all(clients.map((c) => migrate(c, quietLogger)));
        for (const r of results) expect(r.applied).toEqual([]);
      } finally {
        for (const c of clients) c.release();
      }
      const after = (await store.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
      expect(after).toEqual(before);
    });

    it('writes positions in batches and skips messages without a position', async () => {
      const mmsis = [412000001, 412000002, 412000003];
      let n = 0;
      for (let i = 0; i < 3000; i++) {
        const mmsi = mmsis[i % 3]!;
        if (!store.positions.write(positionMessage(mmsi, T0 + i * 10_000, 29.9 + i * 1e-4, 122.3 + (i % 3) * 0.01, { sog: 8.2, cog: 45.3 }) as never)) await store.positions.drain();
        n++;
      }
      store.positions.write({ ...positionMessage(412000001, T0, 0, 0), lat: null, lon: null } as never);
      store.positions.write({ ...positionMessage(412000001, T0, 0, 0), lat: 91 } as never);
      await store.positions.flush();
      const s = store.positions.stats();
      expect(s).toMatchObject({ queued: 0, spilled: 0, written: n, failedBatches: 0, skipped: 2, dbUp: true });
      const { rows } = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions');
      expect(rows[0]!.n).toBe(n);
      const first = (await store.db.query<Record<string, unknown>>(
        'SELECT mmsi, lat, lon, sog, cog, heading, nav_status, msg_type, source, t FROM positions WHERE mmsi = $1 ORDER BY t LIMIT 1', [412000001])).rows[0]!;
      expect(first).toMatchObject({ mmsi: 412000001, lat: 29.9, lon: 122.3, heading: 44, nav_status: 0, msg_type: 1, source: 'test' });
      expect(new Date(first.t as string).toISOString()).toBe(new Date(T0).toISOString());
    });

    it('writes a replayed batch once (batch ids)', async () => {
      const sink = createPositionSink(store.db, 'unnest');
      const batch = { id: '00000000-0000-4000-8000-000000000001', cols: PositionColumns.fromRows([[T0 - 1000, 412000099, 30, 122, null, null, null, null, 1, null]]) };
      expect(await sink.write(batch)).toBe('written');
      expect(await sink.write(batch)).toBe('duplicate');
      if (store.kind === 'postgres') expect(await createPositionSink(store.db, 'copy').write(batch)).toBe('duplicate');
      const { rows } = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions WHERE mmsi = 412000099');
      expect(rows[0]!.n).toBe(1);
      await store.db.query('DELETE FROM positions WHERE mmsi = 412000099');
    });

    it('tracks one vessel over a range, downsampled beyond maxPoints with both ends kept', async () => {
      const from = new Date(T0).toISOString();
      const to = new Date(T0 + 3000 * 10_000).toISOString();
      const full = await store.tracks.track(412000001, from, to, 5000);
      expect(full).toHaveLength(1000);
      expect(full[0]).toEqual({ t: from, lat: 29.9, lon: 122.3, sog: 8.2, cog: 45.3, heading: 44 });
      expect(full.every((p, i) => i === 0 || p.t > full[i - 1]!.t)).toBe(true);
      const small = await store.tracks.track(412000001, from, to, 100);
      expect(small.length).toBeLessThanOrEqual(101);
      expect(small.length).toBeGreaterThanOrEqual(90);
      expect(small[0]).toEqual(full[0]);
      expect(small[small.length - 1]).toEqual(full[full.length - 1]);
      // Exactly every k-th fix (k = ceil(1000 / 100)) plus the last one.
      expect(small).toEqual(full.filter((_, i) => i % 10 === 0 || i === full.length - 1));
      // Beyond 2 × maxPoints fixes the writer's overview marks (every 5th fix) are read instead:
      // 200 of them, every 29th (k = ceil(200 / 7)): fixes 0, 145, …, 870, and the last fix.
      const odd = await store.tracks.track(412000001, from, to, 7);
      expect(odd).toEqual(full.filter((_, i) => i % 145 === 0 || i === full.length - 1));
      // All 200 marks when they fit, and the last fix.
      const marks = await store.tracks.track(412000001, from, to, 300);
      expect(marks).toEqual(full.filter((_, i) => i % 5 === 0 || i === full.length - 1));
      // Rows without marks (written before they existed): every k-th row, k = ceil(1000 / 300).
      await store.db.query('UPDATE positions SET overview = false WHERE mmsi = 412000001');
      expect(await store.tracks.track(412000001, from, to, 300)).toEqual(full.filter((_, i) => i % 4 === 0 || i === full.length - 1));
      await store.db.query(`UPDATE positions SET overview = true WHERE mmsi = 412000001 AND t IN (${marks.slice(0, -1).map((_, i) => `$${i + 1}::timestamptz`).join(',')})`, marks.slice(0, -1).map((p) => p.t));
      const none = await store.tracks.track(412000009, from, to, 100);
      expect(none).toEqual([]);
      await expect(store.tracks.track(412000001, to, from, 100)).rejects.toThrow(/range starts after it ends/);
    });

    it('returns a track with not-available values as null and zeros as zeros', async () => {
      const rows: PositionRow[] = [
        [T0, 412000098, 30, 122, null, null, null, null, 1, null],
        [T0 + 1000, 412000098, 30.123456789, 122.987654321, 0, 0, 0, 0, 1, null],
        [T0 + 2000, 412000098, -0.5, -179.5, 102.2, 359.9, 359, 0, 1, null],
      ];
      await createPositionSink(store.db, 'unnest').write({ id: '00000000-0000-4000-8000-000000000002', cols: PositionColumns.fromRows(rows) });
      const track = await store.tracks.track(412000098, new Date(T0).toISOString(), new Date(T0 + 2000).toISOString());
      expect(track).toEqual([
        { t: new Date(T0).toISOString(), lat: 30, lon: 122, sog: null, cog: null, heading: null },
        { t: new Date(T0 + 1000).toISOString(), lat: 30.123456789, lon: 122.987654321, sog: 0, cog: 0, heading: 0 },
        { t: new Date(T0 + 2000).toISOString(), lat: -0.5, lon: -179.5, sog: 102.2, cog: 359.9, heading: 359 },
      ]);
      await store.db.query('DELETE FROM positions WHERE mmsi = 412000098');
    });

    it('finds vessels in a bounding box at a time T from their latest fix', async () => {
      // At T0 + 100 s: fixes i = 0..10; latest per vessel: i=9 (mmsi 1), 10 (mmsi 2), 8 (mmsi 3)
      const at = new Date(T0 + 100_000).toISOString();
      const all = await store.tracks.vesselsInBBoxAt({ west: 122, south: 29, east: 123, north: 31 }, at, 600_000);
      expect(all.map((v) => v.mmsi)).toEqual([412000001, 412000002, 412000003]);
      expect(all[0]!.t).toBe(new Date(T0 + 90_000).toISOString());
      // A box holding only the lon of vessel 2 (122.31)
      const one = await store.tracks.vesselsInBBoxAt({ west: 122.305, south: 29, east: 122.315, north: 31 }, at, 600_000);
      expect(one.map((v) => v.mmsi)).toEqual([412000002]);
      const before = await store.tracks.vesselsInBBoxAt({ west: 122, south: 29, east: 123, north: 31 }, new Date(T0 - 1).toISOString(), 600_000);
      expect(before).toEqual([]);
    });

    it('keeps the last fix of each vessel for the vessel list', async () => {
      await new Promise((r) => setTimeout(r, 2_500)); // last-fix updater interval
      const v = await store.vessels.get(412000001);
      expect(v?.lastFixAt).toBe(new Date(T0 + 2997 * 10_000).toISOString());
      const inBox = await store.vessels.list({ bbox: { west: 122.305, south: 29, east: 122.315, north: 31 } });
      expect(inBox.map((x) => x.mmsi)).toEqual([412000002]);
    });

    it('merges static data, records its history and searches it', async () => {
      const base = { type: 5, repeat: 0, mmsi: 412000001, channel: 'A', talker: 'AI', own: false, line: 1, source: 'test' };
      expect(await store.vessels.upsertStatic({ ...base, receivedAt: '2026-06-10T00:00:00Z', name: 'ZHE DAI YU 1', callsign: 'BVAB1', shipType: 30, imo: null } as never))
        .toMatchObject({ changes: { name: { from: null, to: 'ZHE DAI YU 1' }, callsign: { from: null, to: 'BVAB1' }, shipType: { from: null, to: 30 } } });
      expect(await store.vessels.upsertStatic({ ...base, receivedAt: '2026-06-10T00:06:00Z', name: 'ZHE DAI YU 1', callsign: 'BVAB1', shipType: 30 } as never)).toBeNull();
      const ch = await store.vessels.upsertStatic({ ...base, receivedAt: '2026-06-10T01:00:00Z', name: 'ZHE DAI YU 1', destination: 'SHENJIAMEN', draught: 2.3 } as never);
      expect(ch?.changes).toEqual({ destination: { from: null, to: 'SHENJIAMEN' }, draught: { from: null, to: 2.3 } });
      // The same draught again (stored as float4) is not a change.
      expect(await store.vessels.upsertStatic({ ...base, receivedAt: '2026-06-10T01:06:00Z', draught: 2.3 } as never)).toBeNull();
      const v = await store.vessels.get(412000001);
      expect(v).toMatchObject({ name: 'ZHE DAI YU 1', callsign: 'BVAB1', shipType: 30, destination: 'SHENJIAMEN', draught: 2.3, aisClass: 'A' });
      expect((await store.vessels.history(412000001)).map((h) => Object.keys(h.changes).sort())).toEqual([
        ['callsign', 'name', 'shipType'], ['destination', 'draught'],
      ]);
      expect((await store.vessels.search('dai yu')).map((x) => x.mmsi)).toEqual([412000001]);
      expect((await store.vessels.search('4120000')).map((x) => x.mmsi)).toContain(412000001);
      expect(await store.vessels.search('%')).toEqual([]);
      expect(await store.vessels.get(999)).toBeNull();
    });

    it('saves and loads the engine state', async () => {
      expect(await store.vesselState.load()).toBeNull();
      const state = { version: 1, vessels: [{ mmsi: 1, zones: ['a'], lastFix: { lat: 30.1, lon: 122.2 } }], alerts: [] };
      await store.vesselState.save(state);
      await store.vesselState.save({ ...state, version: 2 });
      expect(await store.vesselState.load()).toEqual({ ...state, version: 2 });
    });

    it('saves the engine state in parts; a save that fails midway leaves the previous one whole', async () => {
      const key = 'parts-test';
      await store.vesselState.saveParts([{ vessels: [{ mmsi: 1 }, { mmsi: 2 }] }, { vessels: [{ mmsi: 3 }] }, { version: 1, vessels: [], episodes: [{ key: 'e' }], fleet: {} }], key);
      const whole = { version: 1, vessels: [{ mmsi: 1 }, { mmsi: 2 }, { mmsi: 3 }], episodes: [{ key: 'e' }], fleet: {} };
      expect(await store.vesselState.load(key)).toEqual(whole);
      function* failing() {
        yield { vessels: [{ mmsi: 9 }] };
        throw new Error('process died mid-save');
      }
      await expect(store.vesselState.saveParts(failing(), key)).rejects.toThrow(/mid-save/);
      expect(await store.vesselState.load(key)).toEqual(whole);
      // The next complete save replaces it and leaves no parts of older generations behind.
      await store.vesselState.saveParts([{ version: 1, vessels: [{ mmsi: 4 }], episodes: [], fleet: {} }], key);
      expect(await store.vesselState.load(key)).toEqual({ version: 1, vessels: [{ mmsi: 4 }], episodes: [], fleet: {} });
      expect((await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM engine_state_parts WHERE key = $1', [key])).rows[0]!.n).toBe(1);
      // A state saved whole by an earlier version still loads.
      await store.db.query(`INSERT INTO vessel_state (key, state) VALUES ('old-format', $1::jsonb)`, [JSON.stringify(whole)]);
      expect(await store.vesselState.load('old-format')).toEqual(whole);
    });

    it('replaces and loads the shared zones, and their stamp changes with them', async () => {
      expect(await store.zones.load()).toBeNull();
      const before = await store.zones.stamp();
      const square = { type: 'Polygon', coordinates: [[[122, 30], [122.1, 30], [122.1, 30.1], [122, 30.1], [122, 30]]] };
      const feature = (id: string) => ({ type: 'Feature' as const, properties: { id, kind: 'restricted', name: { zh: id, en: id } }, geometry: square });
      await store.zones.replace({ features: [feature('b'), feature('a')] });
      const loaded = await store.zones.load();
      expect(loaded?.features.map((f) => f.properties.id)).toEqual(['a', 'b']);
      expect(loaded?.features[0]!.geometry).toEqual(square);
      expect(await store.zones.stamp()).not.toBe(before);
      await store.zones.replace({ features: [feature('c')] });
      expect((await store.zones.load())?.features.map((f) => f.properties.id)).toEqual(['c']);
    });

    it('replaces and loads the shared ban calendars document, and its stamp changes with every write', async () => {
      expect(await store.calendars.load()).toBeNull();
      const none = await store.calendars.stamp();
      const doc = (to: string) => ({ timezone: 'Asia/Shanghai', calendars: [{ id: 'ban', name: { zh: '休渔', en: 'ban' }, periods: [{ gears: ['*'], from: '05-01T12:00', to }] }] });
      await store.calendars.replace(doc('09-16T12:00'));
      expect(await store.calendars.load()).toEqual(doc('09-16T12:00'));
      const first = await store.calendars.stamp();
      expect(first).not.toBe(none);
      // The same document written again is still an edit other processes must notice.
      await store.calendars.replace(doc('09-16T12:00'));
      const second = await store.calendars.stamp();
      expect(second).not.toBe(first);
      await store.calendars.replace(doc('08-01T12:00'));
      expect(await store.calendars.load()).toEqual(doc('08-01T12:00'));
      expect(await store.calendars.stamp()).not.toBe(second);
      expect((await store.db.query<{ n: string }>('SELECT count(*)::text AS n FROM ban_calendars')).rows[0]!.n).toBe('1');
      // Text that looks like SQL is stored as data (bound parameters).
      const tricky = { calendars: [], note: `'); DROP TABLE ban_calendars; --` };
      await store.calendars.replace(tricky);
      expect(await store.calendars.load()).toEqual(tricky);
    });

    it('writes the registry by mode: seed keeps rows, merge overwrites, replace empties first', async () => {
      await store.registry.write([{ mmsi: 412000001, name: 'ZHOU YU 1', category: 'passenger', licensedPassengers: 120 }], 'seed');
      await store.registry.write([{ mmsi: 412000001, name: 'CHANGED', category: 'passenger' }], 'seed');
      expect((await store.registry.get(412000001))?.name).toBe('ZHOU YU 1');
      await store.registry.write([{ mmsi: 412000001, name: 'CHANGED', category: 'passenger' }, { mmsi: 412000002, name: 'HAI 2', category: 'fishing', gear: 'trawl' }], 'merge');
      expect((await store.registry.get(412000001))?.name).toBe('CHANGED');
      expect(await store.registry.search('hai', 10, 0)).toMatchObject({ total: 1, rows: [{ mmsi: 412000002, gear: 'trawl' }] });
      await store.registry.write([{ mmsi: 412000003, name: 'LONE', category: 'leisure' }], 'replace');
      expect((await store.registry.rows()).map((r) => r.mmsi)).toEqual([412000003]);
    });

    it('writes alert changes with hash-chained events and outbox rows, once each', async () => {
      const opened: AlertChange = { kind: 'opened', alert: alert('a1') };
      const updated: AlertChange = { kind: 'updated', alert: alert('a1', { updatedAt: '2026-06-10T01:05:00.000Z', severity: 'high' }) };
      const published: AlertChange[][] = [];
      const off = store.alerts.onCommitted((c) => published.push(c));
      const stored = await store.alerts.applyChanges([opened, updated]);
      off();
      expect(stored.map((c) => [c.kind, c.alert.id, c.alert.severity])).toEqual([['opened', 'a1', 'medium'], ['updated', 'a1', 'high']]);
      expect(published).toEqual([stored]);
      // Replayed (e.g. after an outage): nothing new.
      await store.alerts.applyChanges([opened, updated]);
      const events = (await store.db.query<{ action: string }>("SELECT action FROM alert_events WHERE alert_id = 'a1' ORDER BY id")).rows;
      expect(events.map((e) => e.action)).toEqual(['opened', 'updated']);
      const outbox = (await store.db.query<{ payload: AlertChange }>("SELECT payload FROM outbox WHERE topic = 'alert' ORDER BY id")).rows;
      expect(outbox.map((o) => o.payload.kind)).toEqual(['opened', 'updated']);
      const got = await store.alerts.get('a1');
      expect(got).toMatchObject({ id: 'a1', severity: 'high', status: 'open', closedAt: null, updatedAt: '2026-06-10T01:05:00.000Z', openedAt: '2026-06-10T01:00:00.000Z' });
      expect(got?.evidence).toEqual(opened.alert.evidence);
      // The console's audit trail shares the chain and verifies it.
      const audit = new AuditRepository(store.db as never);
      await audit.append({ alertId: 'a1', action: 'acknowledged', actor: 'u1', note: 'seen' }, { status: 'acknowledged' });
      await store.alerts.applyChanges([{ kind: 'closed', alert: alert('a1', { updatedAt: '2026-06-10T01:10:00.000Z', closedAt: '2026-06-10T01:10:00.000Z', severity: 'high' }) }]);
      expect(await audit.verify()).toMatchObject({ ok: true, count: 4 });
      expect(await store.alerts.get('a1')).toMatchObject({ status: 'acknowledged', closedAt: '2026-06-10T01:10:00.000Z' });
    });


    it('commits a queue of change sets with a turn of the event loop between them (PGlite answers without one)', async () => {
      let turns = 0;
      let spinning = true;
      const spin = () => {
        turns++;
        if (spinning) setImmediate(spin);
      };
      setImmediate(spin);
      const turnsAtCommit: number[] = [];
      const off = store.alerts.onCommitted(() => turnsAtCommit.push(turns));
      const sets = Array.from({ length: 6 }, (_, i) => [{ kind: 'opened', alert: alert(`q${i}`, { mmsi: 412000100 + i }) } as AlertChange]);
      await Promise.all(sets.map((s) => store.alerts.applyChanges(s)));
      spinning = false;
      off();
      expect(turnsAtCommit).toHaveLength(6);
      // Every commit after the first saw the loop turn at least once since the previous one.
      for (let i = 1; i < turnsAtCommit.length; i++) expect(turnsAtCommit[i]).toBeGreaterThan(turnsAtCommit[i - 1]!);
    });
    it('continues an open episode instead of opening a second alert for it', async () => {
      await store.alerts.applyChanges([{ kind: 'opened', alert: alert('b1', { rule: 'fishing_during_ban', zoneId: 'ban-1', mmsi: 412000002 }) }]);
      // The engine lost its state and opens the same episode under a new id.
      const again = alert('b2', { rule: 'fishing_during_ban', zoneId: 'ban-1', mmsi: 412000002, openedAt: '2026-06-10T02:00:00.000Z', updatedAt: '2026-06-10T02:00:00.000Z',
        evidence: [{ kind: 'fix', at: '2026-06-10T02:00:00.000Z', reason: { zh: '作业', en: 'fishing' } }] });
      const [c] = await store.alerts.applyChanges([{ kind: 'opened', alert: again }]);
      expect(c).toMatchObject({ kind: 'updated', alert: { id: 'b1', openedAt: '2026-06-10T01:00:00.000Z' } });
      expect(c!.alert.evidence).toHaveLength(2);
      const [closed] = await store.alerts.applyChanges([{ kind: 'closed', alert: { ...again, updatedAt: '2026-06-10T03:00:00.000Z', closedAt: '2026-06-10T03:00:00.000Z' } }]);
      expect(closed!.alert).toMatchObject({ id: 'b1', closedAt: '2026-06-10T03:00:00.000Z' });
      expect(await store.alerts.get('b2')).toMatchObject({ id: 'b1' });
      const open = (await store.alerts.openAlerts()).map((a) => a.id);
      expect(open).not.toContain('b1');
      expect((await store.db.query("SELECT 1 FROM alerts WHERE id = 'b2'")).rows).toHaveLength(0);
    });

    it('gives a restarting engine the open alerts with their episode keys, and which of its ids are closed (aliases resolved)', async () => {
      const mmsi = 412000003;
      const c1 = alert('c1', { rule: 'ais_gap', zoneId: null, mmsi });
      await store.alerts.applyChanges([{ kind: 'opened', alert: c1, episodeKey: `ais_gap|${mmsi}|gap:1` }]);
      await store.alerts.applyChanges([{ kind: 'opened', alert: alert('c2', { rule: 'identity', zoneId: null, mmsi }) }]); // stored without a key
      // c3 continues the open d1 (alias); then d1 closes.
      await store.alerts.applyChanges([{ kind: 'opened', alert: alert('d1', { rule: 'encounter', zoneId: null, mmsi }), episodeKey: `encounter|${mmsi}|with:1` }]);
      await store.alerts.applyChanges([{ kind: 'opened', alert: alert('c3', { rule: 'encounter', zoneId: null, mmsi, updatedAt: '2026-06-10T01:30:00.000Z' }), episodeKey: `encounter|${mmsi}|with:2` }]);
      expect((await store.db.query<{ episode_key: string }>("SELECT episode_key FROM alerts WHERE id = 'd1'")).rows[0]!.episode_key).toBe(`encounter|${mmsi}|with:2`);
      let r = await store.alerts.engineResume(['c1', 'c3', 'gone']);
      const mine = r.open.filter((o) => o.alert.mmsi === mmsi);
      expect(mine.map((o) => [o.alert.id, o.episodeKey]).sort()).toEqual([['c1', `ais_gap|${mmsi}|gap:1`], ['c2', null], ['d1', `encounter|${mmsi}|with:2`]]);
      expect(r.closedIds).toEqual([]);
      await store.alerts.applyChanges([{ kind: 'closed', alert: alert('c3', { rule: 'encounter', zoneId: null, mmsi, updatedAt: '2026-06-10T02:00:00.000Z', closedAt: '2026-06-10T02:00:00.000Z' }), episodeKey: `encounter|${mmsi}|with:2` }]);
      r = await store.alerts.engineResume(['c1', 'c3', 'gone']);
      expect(r.closedIds).toEqual(['c3']);
      expect(r.open.map((o) => o.alert.id)).not.toContain('d1');
      expect((await store.alerts.engineResume([])).closedIds).toEqual([]);
    });

    it('lists alerts positioned inside any of several boxes, across the antimeridian too', async () => {
      const at = '2026-05-02T00:00:00.000Z';
      const spots: Array<[string, number, number]> = [['w1', 29.9, 122.1], ['e1', 29.9, 122.5], ['far', 35, 122.5], ['am1', 10, 179.9], ['am2', 10, -179.9], ['am3', 10, 170]];
      await store.alerts.applyChanges(spots.map(([id, lat, lon], i) => ({ kind: 'opened' as const,
        alert: alert(`box-${id}`, { mmsi: 413100000 + i, position: { lat, lon }, openedAt: at, updatedAt: at, closedAt: at }) })));
      await store.alerts.applyChanges([{ kind: 'opened', alert: alert('box-none', { mmsi: 413100009, position: null, openedAt: at, updatedAt: at, closedAt: at }) }]);
      const ids = async (within: { west: number; south: number; east: number; north: number }[]) =>
        (await store.alerts.list({ from: at, to: '2026-05-03T00:00:00Z', within }, { limit: 100 })).items.map((a) => a.id).sort();
      expect(await ids([{ west: 122.0, south: 29.8, east: 122.3, north: 30.1 }])).toEqual(['box-w1']);
      expect(await ids([{ west: 122.0, south: 29.8, east: 122.3, north: 30.1 }, { west: 122.3, south: 29.8, east: 122.6, north: 30.1 }])).toEqual(['box-e1', 'box-w1']);
      expect(await ids([{ west: 179, south: 0, east: -179, north: 20 }])).toEqual(['box-am1', 'box-am2']);
      expect(await ids([])).toEqual([]);
      await expect(store.alerts.list({ within: [{ west: Number.NaN, south: 0, east: 1, north: 1 }] })).rejects.toThrow(/four finite numbers/);
    });

    it('lists alerts by filter with keyset paging and counts them per rule per day', async () => {
      // Closed at once, so episodes of the same (rule, vessel, zone) are separate alerts.
      const changes: AlertChange[] = [];
      for (let i = 0; i < 25; i++) {
        const day = i < 10 ? '2026-06-11' : '2026-06-12';
        const at = `${day}T${String(i % 10).padStart(2, '0')}:00:00.000Z`;
        changes.push({ kind: 'opened', alert: alert(`c${String(i).padStart(2, '0')}`, {
          rule: i % 2 ? 'night_operation' : 'restricted_entry', severity: i % 5 === 0 ? 'critical' : 'low',
          mmsi: 413000000 + (i % 4), zoneId: `z${i % 3}`, openedAt: at, updatedAt: at, closedAt: at }) });
      }
      await store.alerts.applyChanges(changes);
      const range = { from: '2026-06-11T00:00:00Z', to: '2026-06-13T00:00:00Z' };
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await store.alerts.list(range, { after, limit: 7 });
        seen.push(...page.items.map((a) => a.id));
        after = page.next ?? undefined;
        pages++;
      } while (after);
      expect(pages).toBe(4);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      const sorted = [...changes].map((c) => c.alert).sort((a, b) => b.openedAt.localeCompare(a.openedAt) || b.id.localeCompare(a.id)).map((a) => a.id);
      expect(seen).toEqual(sorted);
      const night = await store.alerts.list({ ...range, rule: 'night_operation', severity: ['low'], zoneId: 'z1' }, { limit: 100 });
      const expected = changes.map((c) => c.alert).filter((a) => a.rule === 'night_operation' && a.severity === 'low' && a.zoneId === 'z1');
      expect(night.items.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
      expect(night.next).toBeNull();
      expect((await store.alerts.list({ mmsi: 413000001, status: 'open' }, { limit: 100 })).items).toHaveLength(changes.filter((c) => c.alert.mmsi === 413000001).length);
      expect((await store.alerts.list({ ...range, open: true }, { limit: 100 })).items).toEqual([]);
      await expect(store.alerts.list({}, { after: 'garbage' })).rejects.toThrow(/invalid alert list cursor/);
      const counts = await store.alerts.countsPerRulePerDay(range);
      expect(counts).toEqual([
        { day: '2026-06-11', rule: 'night_operation', count: 5 },
        { day: '2026-06-11', rule: 'restricted_entry', count: 5 },
        { day: '2026-06-12', rule: 'night_operation', count: 7 },
        { day: '2026-06-12', rule: 'restricted_entry', count: 8 },
      ]);
      // In Zhoushan time (UTC+8) the alerts at 16:00-23:59 UTC belong to the next day.
      const local = await store.alerts.countsPerRulePerDay({ ...range, utcOffsetMinutes: 480 });
      expect(local.reduce((s, c) => s + c.count, 0)).toBe(25);
      expect(local.map((c) => c.day)).toContain('2026-06-11');
    });

    it('reports health', async () => {
      const h = await store.health();
      expect(h.up).toBe(true);
      expect(h.latencyMs).toBeGreaterThanOrEqual(0);
    });
  });
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`store retention on ${backend.name} (plain tables)`, () => {
    it('removes positions older than retentionDays at startup', async () => {
      const env = await backend.prepare();
      try {
        let store = await openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, logger: quietLogger });
        const now = Date.now();
        for (const daysAgo of [40, 20, 1]) store.positions.write(positionMessage(412000050, now - daysAgo * 86_400_000, 30, 122) as never);
        await store.positions.flush();
        await store.close();
        store = await openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, retentionDays: 30, logger: quietLogger });
        const { rows } = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions');
        expect(rows[0]!.n).toBe(2);
        await store.close();
      } finally {
        await env.cleanup();
      }
    });
  });
}

describe.skipIf(!TEST_DATABASE_URL)('store migrations on PostgreSQL', () => {
  it('two processes starting at once on an empty database apply each migration once', async () => {
    const db = await scratchDatabase('seawarden_migrate');
    const dirs = [tempDir(), tempDir()];
    try {
      const stores = await Promise.all(dirs.map((dataDir) => openStore({ databaseUrl: db.url, dataDir, logger: quietLogger })));
      const { rows } = await stores[0]!.db.query<{ name: string; n: number }>('SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name');
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await db.drop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});
