#!/usr/bin/env node
// Store benchmark (run after `npm run build`): decoded AisMessage objects → positions writer →
// database, rows/s on PostgreSQL, each next to a peer measured in the same run; the track query
// (one vessel's day among ≥ 5 million rows), p50 / p99; then rows/s on PGlite, with its peer.
//
//   BENCH_DATABASE_URL (else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
//   names the server; a scratch database is created on it and dropped afterwards.
//   BENCH_MESSAGES (default 300000), BENCH_TRACK_ROWS (default 5000000), BENCH_TRACK_DAYS (default 2).
//   BENCH_RUNS (default 3): timed runs of each writer, after one warm-up run; the median is shown.
//   BENCH_PARTS: comma-separated subset of pglite,postgres,copy,track (default all).
//   BENCH_KEEP=1 keeps the scratch database (its URL is printed) to EXPLAIN the track query.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { AisDecoder, encodeMessage } from '../libs/ais/dist/index.js';
import { createPositionSink, openStore } from '../libs/store/dist/index.js';

const N = Number(process.env.BENCH_MESSAGES ?? 300_000);
const TRACK_ROWS = Number(process.env.BENCH_TRACK_ROWS ?? 5_000_000);
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// The store's default batch sizes (open-store.ts), passed explicitly so the labels below are true.
const BATCH = { pglite: 5_000, postgres: 20_000 };
const PARTS = new Set((process.env.BENCH_PARTS ?? 'pglite,postgres,copy,track').split(','));
const KEEP = process.env.BENCH_KEEP === '1';
const quiet = { info() {}, warn() {}, error: (m, c) => console.error(m, c) };
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const mb = (b) => `${Math.round(b / 1048576)} MB`;

// 1. Real decoded messages: encode position reports of 1000 vessels around Zhoushan as NMEA
//    with c: tag blocks, decode them with libs/ais (not timed). The decoded fields are kept in
//    columns and each message object is rebuilt just before it is written, as the decoder hands
//    it over in the live pipeline: young and in cache. (Reading back 300,000 decoded objects
//    held since the start measured cache misses on the benchmark's own data: ~1.5 µs a row.)
function decodedMessages(n) {
  const out = [];
  const dec = new AisDecoder({ source: 'bench', onMessage: (m) => out.push(m) });
  const t0 = Date.parse('2026-07-01T00:00:00Z') / 1000;
  for (let i = 0; i < n; i++) {
    const v = i % 1000;
    const k = Math.floor(i / 1000);
    const msg = {
      type: 1, repeat: 0, mmsi: 412400000 + v, navStatus: 0, rot: 0, sog: 6 + (v % 10), accuracy: true,
      lon: 122.1 + (v % 40) * 0.01 + k * 1e-4, lat: 29.8 + Math.floor(v / 40) * 0.01 + k * 5e-5,
      cog: (v * 7) % 360, heading: (v * 7) % 360, second: k % 60, maneuver: 0, raim: false, radio: 0,
    };
    for (const line of encodeMessage(msg, { tagBlock: { s: 'bench', c: t0 + k * 3 + (v % 3) } })) dec.push(line);
  }
  dec.flush();
  const times = [...new Set(out.map((m) => m.receivedAt))];
  const timeIndex = new Map(times.map((t, i) => [t, i]));
  const cols = {
    length: out.length,
    mmsi: Int32Array.from(out, (m) => m.mmsi),
    lat: Float64Array.from(out, (m) => m.lat),
    lon: Float64Array.from(out, (m) => m.lon),
    sog: Float64Array.from(out, (m) => m.sog),
    cog: Float64Array.from(out, (m) => m.cog),
    heading: Int16Array.from(out, (m) => m.heading),
    navStatus: Int16Array.from(out, (m) => m.navStatus),
    second: Int16Array.from(out, (m) => m.second),
    time: Int32Array.from(out, (m) => timeIndex.get(m.receivedAt)),
    times,
  };
  const sample = JSON.stringify(Object.keys(out[0]));
  if (sample !== JSON.stringify(Object.keys(message(cols, 0)))) throw new Error(`bench: decoded messages have the keys ${sample}; update message()`);
  return cols;
}

/** Message i, built as the decoder builds a position report (same fields, same order). */
function message(c, i) {
  return {
    type: 1, repeat: 0, mmsi: c.mmsi[i], navStatus: c.navStatus[i], rot: 0, sog: c.sog[i], accuracy: true,
    lon: c.lon[i], lat: c.lat[i], cog: c.cog[i], heading: c.heading[i], second: c.second[i], maneuver: 0, raim: false, radio: 0,
    channel: 'A', talker: 'AI', own: false, line: i + 1, receivedAt: c.times[c.time[i]], source: 'bench',
  };
}

/**
 * Messages come in chunks of FEED_CHUNK with a turn of the event loop in between, as they do
 * from a socket (64 KB ≈ 800 lines): a producer that never yields would hold back the writer's
 * own I/O (its COMMITs and next COPYs) until backpressure stops it.
 */
const FEED_CHUNK = 1_000;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function timeWriter(store, msgs) {
  const start = performance.now();
  for (let i = 0; i < msgs.length; i++) {
    if (!store.positions.write(message(msgs, i))) await store.positions.drain();
    else if (i % FEED_CHUNK === FEED_CHUNK - 1) await nextTurn();
  }
  await store.positions.flush();
  const s = (performance.now() - start) / 1000;
  const st = store.positions.stats();
  if (st.written !== msgs.length) throw new Error(`writer wrote ${st.written} of ${msgs.length} rows`);
  return msgs.length / s;
}

async function scratch(prefix) {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(SERVER);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: SERVER });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/**
 * One untimed warm-up run (JIT, connections, the server's caches: a live writer runs for
 * months, not one second), then RUNS timed runs; sorted rates.
 */
async function rates(run) {
  await run();
  const r = [];
  for (let i = 0; i < RUNS; i++) r.push(await run());
  return r.sort((a, b) => a - b);
}
const summary = (r) => `${fmt(r[Math.floor(r.length / 2)]).padStart(9)} rows/s  (median of ${r.length} after a warm-up run; ${fmt(r[0])}–${fmt(r[r.length - 1])})`;
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

console.log(`bench:store — ${fmt(N)} decoded messages per run (node ${process.version}, load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).availableParallelism()} CPUs)`);
const t = performance.now();
const msgs = decodedMessages(N);
console.log(`decoded ${fmt(msgs.length)} messages in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed below)`);

// 2. PostgreSQL: binary COPY (default) vs multi-row INSERT and unnest (peers). First: the PGlite
//    runs leave hundreds of MB of WebAssembly memory behind in this process.
let server;
try {
  server = await scratch('seawarden_bench');
} catch (err) {
  console.log(`PostgreSQL skipped: cannot create a scratch database on ${SERVER} (${err.message})`);
}
if (server) try {
  for (const method of PARTS.has('postgres') ? ['copy', 'insert', 'unnest'] : []) {
    const r = await rates(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'seawarden-bench-'));
      const store = await openStore({ databaseUrl: server.url, dataDir: dir, logger: quiet, positions: { method, batchSize: BATCH.postgres } });
      await store.db.query('TRUNCATE positions, position_batches');
      const rate = await timeWriter(store, msgs);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      return rate;
    });
    console.log(`PostgreSQL ${method.padEnd(7)} ${summary(r)}  (end to end, batches of ${fmt(BATCH.postgres)}, 2 in flight, batch-id idempotency)`);
  }

  // Cost of idempotency, same rows, COPY alone: no key at all vs batch ids (ours) vs a unique
  // (mmsi, t) key through a staging table and INSERT … ON CONFLICT DO NOTHING.
  const c = new pg.Client({ connectionString: server.url });
  await c.connect();
  const { toPositionRow, PositionColumns } = await import('../libs/store/dist/index.js');
  const rows = Array.from({ length: msgs.length }, (_, i) => toPositionRow(message(msgs, i), Date.now()));
  const batches = [];
  // Batches in the writer's form (columns), made up front (not timed); all three encode them
  // with the store's toCopyBinary, which orders the rows by vessel: equal terms.
  for (let i = 0; i < rows.length; i += BATCH.postgres) {
    const part = rows.slice(i, i + BATCH.postgres);
    batches.push({ id: crypto.randomUUID(), cols: PositionColumns.fromRows(part) });
  }
  const dir = mkdtempSync(join(tmpdir(), 'seawarden-bench-'));
  const store = await openStore({ databaseUrl: server.url, dataDir: dir, logger: quiet });
  const copy = createPositionSink(store.db, 'copy');
  const measure = async (label, setup, run) => {
    const r = await rates(async () => {
      await c.query('TRUNCATE positions, position_batches');
      await setup();
      const s = performance.now();
      for (const b of batches) await run(b);
      return rows.length / ((performance.now() - s) / 1000);
    });
    console.log(`PostgreSQL ${label.padEnd(44)} ${summary(r)}`);
  };
  const { Readable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  const { from: copyFrom } = await import('pg-copy-streams');
  const { toCopyBinary } = await import('../libs/store/dist/position-row.js');
  const cols = 't, mmsi, lat, lon, sog, cog, heading, nav_status, msg_type, source, overview';
  if (PARTS.has('copy')) {
  console.log(`COPY alone, pre-built batches, one connection, batches of ${fmt(BATCH.postgres)} one at a time:`);
  await measure('COPY, no idempotency key', async () => {}, async (b) => {
    await c.query('BEGIN');
    await pipeline(Readable.from([toCopyBinary(b.cols)]), c.query(copyFrom(`COPY positions (${cols}) FROM STDIN (FORMAT binary)`)));
    await c.query('COMMIT');
  });
  await measure('COPY + batch id (store default)', async () => {}, (b) => copy.write(b));
  await measure('COPY → staging → INSERT ON CONFLICT (mmsi,t)', async () => {
    await c.query('CREATE UNIQUE INDEX IF NOT EXISTS positions_mmsi_t_key ON positions (mmsi, t, msg_type)');
  }, async (b) => {
    await c.query('BEGIN');
    await c.query('CREATE TEMP TABLE IF NOT EXISTS positions_stage (LIKE positions) ON COMMIT DELETE ROWS');
    await pipeline(Readable.from([toCopyBinary(b.cols)]), c.query(copyFrom(`COPY positions_stage (${cols}) FROM STDIN (FORMAT binary)`)));
    await c.query(`INSERT INTO positions SELECT * FROM positions_stage ON CONFLICT DO NOTHING`);
    await c.query('COMMIT');
  });
  await c.query('DROP INDEX IF EXISTS positions_mmsi_t_key');
  }

  // 3. Track query among TRACK_ROWS rows: vessels reporting every 8.64 s (10,000 fixes a day) over
  //    TRACK_DAYS days, inserted in time order (as a live feed would), generated server-side.
  //    VACUUM ANALYZE after the bulk load: it sets the visibility map (index-only scans without
  //    heap fetches) as autovacuum does on an insert-only table in production (PG ≥ 13).
  //    Each timed query asks for a random vessel's random day (seeded): the 330 MB index does not
  //    fit the default 128 MB shared_buffers, so most queries read their pages from the OS cache.
  if (PARTS.has('track')) {
  // The write benchmarks' rows are released first: a console process does not hold them, and
  // their GC cost is not the track query's.
  rows.length = 0;
  batches.length = 0;
  await c.query('TRUNCATE positions, position_batches');
  const days = Number(process.env.BENCH_TRACK_DAYS ?? 2);
  const perDay = 10_000;
  const vessels = Math.ceil(TRACK_ROWS / (days * perDay));
  const stepMs = 86_400_000 / perDay;
  let s = performance.now();
  await c.query('DROP INDEX positions_track_idx');
  await c.query('DROP INDEX positions_overview_idx');
  // overview: every 5th fix of each vessel, as the store's writer marks them (OVERVIEW_EVERY).
  await c.query(
    `INSERT INTO positions (t, mmsi, lat, lon, sog, cog, heading, nav_status, msg_type, source, overview)
     SELECT timestamptz '2026-07-02 00:00:00+00' + (k * $1::int) * interval '1 millisecond', 412500000 + v,
            29.8 + v * 0.001 + (k % $4::int) * 1e-5, 122.1 + (k % $4::int) * 1e-5, 8, 90, 90, 0, 1, 'gen', k % 5 = 0
     FROM generate_series(0, $2::int - 1) AS k, generate_series(0, $3::int - 1) AS v ORDER BY k, v`,
    [stepMs, days * perDay, vessels, perDay],
  );
  await c.query('CREATE INDEX positions_track_idx ON positions (mmsi, t) INCLUDE (lat, lon, sog, cog, heading)');
  await c.query('CREATE INDEX positions_overview_idx ON positions (mmsi, t) INCLUDE (lat, lon, sog, cog, heading) WHERE overview');
  await c.query('VACUUM ANALYZE positions');
  const total = (await c.query('SELECT count(*)::int AS n FROM positions')).rows[0].n;
  console.log(`loaded ${fmt(total)} rows (${vessels} vessels × ${days} days × ${fmt(perDay)} fixes a day) in ${((performance.now() - s) / 1000).toFixed(1)} s`);
  let seed = 0x5ea;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const pick = () => {
    const d = Date.parse('2026-07-02T00:00:00Z') + Math.floor(random() * days) * 86_400_000;
    return [412500000 + Math.floor(random() * vessels), new Date(d).toISOString(), new Date(d + 86_399_999).toISOString()]; // to is inclusive
  };
  for (const [label, maxPoints] of [['track(day, maxPoints 2000)', 2000], ['track(day, maxPoints 20000: all fixes)', 20000]]) {
    const times = [];
    let points = 0;
    for (let i = 0; i < 30; i++) await store.tracks.track(...pick(), maxPoints); // warm-up (JIT, connection, plan)
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 300; i++) {
      const [mmsi, from, to] = pick();
      const q0 = performance.now();
      points = (await store.tracks.track(mmsi, from, to, maxPoints)).length;
      times.push(performance.now() - q0);
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    console.log(`track query ${label.padEnd(40)} p50 ${pct(times, 50).toFixed(2)} ms  p99 ${pct(times, 99).toFixed(2)} ms  (${fmt(points)} points of ${fmt(perDay)}; random vessel-days; Node CPU ${((cpu.user + cpu.system) / 300_000).toFixed(2)} ms/query)`);
  }
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  await c.end();
} finally {
  if (KEEP) console.log(`kept scratch database ${server.url}`);
  else await server.drop();
}

// 4. PGlite: native COPY from a blob (default) vs unnest INSERT (peer), file-backed.
for (const method of PARTS.has('pglite') ? ['blob', 'unnest'] : []) {
  const r = await rates(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seawarden-bench-'));
    const store = await openStore({ dataDir: dir, logger: quiet, positions: { method, batchSize: BATCH.pglite } });
    const rate = await timeWriter(store, msgs);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    return rate;
  });
  console.log(`PGlite     ${method.padEnd(7)} ${summary(r)}  (end to end, batches of ${fmt(BATCH.pglite)}, batch-id idempotency)`);
}

