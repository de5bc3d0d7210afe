#!/usr/bin/env node
// Console benchmark (npm run bench:console, after `npm run build`).
// The whole process (ingestor + console, ROLE=all, embedded PGlite) runs in a child process; this
// process feeds it 2,000 NMEA lines/s over TCP (a 2,000-vessel fleet around Zhoushan) and runs
// socket.io clients, each with a viewport subscription (compact deltas) and all alerts. Every
// 400 ms a new boat triggers a restricted_entry alert with one NMEA line; the latency is from
// writing that line to the `alert` event arriving at each client. Two phases in the same run:
// 20 clients (peer) and 200 clients. Server CPU and memory are sampled in the child.
//   BENCH_SECONDS (default 20 per phase), BENCH_RATE (default 2000 lines/s), BENCH_CLIENTS (default 200),
//   BENCH_DATABASE_URL (a scratch PostgreSQL database instead of PGlite).
// The latency is split at the live bus (wall clock, same machine): line → bus is the ingestor,
// engine and store commit; bus → client is the console (routing, socket.io, client parse).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const RESTRICTED = { lat: 29.92, lon: 122.453 }; // restricted-zhujiajian-east

if (process.argv[2] === '--server') await server();
else await main();

// ---------------------------------------------------------------------------------------------
async function server() {
  const { loadConfig } = await import('../libs/config/dist/index.js');
  const { bootstrap } = await import('../apps/ingestor/dist/app.bootstrap.js');
  const { AuthService } = await import('../apps/console/dist/index.js');
  const config = loadConfig({ ...JSON.parse(process.env.BENCH_ENV), LOG_LEVEL: 'error' });
  const running = await bootstrap(config);
  const auth = running.app.get(AuthService);
  // Wall-clock time each alert reached the live bus (splits pipeline latency from console latency).
  const published = [];
  running.runtime.bus?.onAlert((c) => { if (c.kind === 'opened') published.push([c.alert.mmsi, Date.now()]); });
  let cpu0 = process.cpuUsage();
  let t0 = performance.now();
  let maxRss = 0;
  // Event-loop stalls in the server: what a tail latency is made of when it is not queueing.
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  setInterval(() => { maxRss = Math.max(maxRss, process.memoryUsage().rss); }, 250).unref();
  process.on('message', async (m) => {
    if (m.type === 'token') {
      process.send({ type: 'token', token: auth.sign({ id: randomUUID(), username: 'bench', role: 'operator', jurisdictions: [] }, 3600) });
    } else if (m.type === 'resetStats') {
      cpu0 = process.cpuUsage(); t0 = performance.now(); maxRss = process.memoryUsage().rss; loop.reset();
      process.send({ type: 'resetStats' });
    } else if (m.type === 'stats') {
      const c = process.cpuUsage(cpu0);
      const wall = (performance.now() - t0) * 1000;
      process.send({ type: 'stats', cpuPct: ((c.user + c.system) / wall) * 100, rssMb: maxRss / 2 ** 20, heapMb: process.memoryUsage().heapUsed / 2 ** 20, loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6 });
    } else if (m.type === 'published') {
      process.send({ type: 'published', list: published.splice(0) });
    } else if (m.type === 'stop') {
      await running.close();
      process.exit(0);
    }
  });
  process.send({ type: 'ready', port: running.port });
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const { encodeMessage } = await import('../libs/ais/dist/index.js');
  const { io } = await import('socket.io-client');
  const freePort = () => new Promise((r) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });
  const dataDir = mkdtempSync(join(tmpdir(), 'seawarden-bench-console-'));
  const nmeaPort = await freePort();
  const httpPort = await freePort();
  const env = { ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}), PORT: String(httpPort), HOST: '127.0.0.1', DATA_DIR: dataDir, FEEDS: `tcp-server://127.0.0.1:${nmeaPort}`, ADMIN_PASSWORD: 'bench-admin-password', JWT_SECRET: 'bench-jwt-secret-0123456789abcdef', DEMO_ACCOUNTS: 'false' };
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { env: { ...process.env, BENCH_ENV: JSON.stringify(env) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ask = (type) => new Promise((resolve) => { const h = (m) => { if (m.type === type) { child.off('message', h); resolve(m); } }; child.on('message', h); if (type !== 'ready') child.send({ type }); });
  const { port } = await ask('ready');
  const base = `http://127.0.0.1:${port}`;
  console.log(`server up on ${base} (child pid ${child.pid}); ${RATE} lines/s for ${SECONDS} s per phase`);

  const feed = connect(nmeaPort, '127.0.0.1');
  await new Promise((r) => feed.once('connect', r));
  feed.setNoDelay(true);

  // Fleet: 2,000 vessels spread over the Zhoushan area, one position report each per second.
  const FLEET = 2000;
  const fleet = Array.from({ length: FLEET }, (_, i) => ({ mmsi: 413100000 + i, lat: 29.75 + (i % 50) * 0.006, lon: 122.1 + Math.floor(i / 50) * 0.0075, cog: (i * 37) % 360 }));
  let fi = 0;
  const sent = new Map(); // alert mmsi → time the triggering line was written
  const sentWall = new Map();
  let violations = 0;
  const fleetTimer = setInterval(() => {
    const per = Math.round(RATE / 20);
    const now = Math.floor(Date.now() / 1000);
    const lines = [];
    for (let k = 0; k < per; k++) {
      const v = fleet[fi++ % FLEET];
      v.lat += 0.00002 * Math.cos((v.cog * Math.PI) / 180);
      v.lon += 0.00002 * Math.sin((v.cog * Math.PI) / 180);
      lines.push(...encodeMessage({ type: 1, repeat: 0, mmsi: v.mmsi, navStatus: 0, rot: 0, sog: 6, accuracy: true, lon: v.lon, lat: v.lat, cog: v.cog, heading: v.cog, second: now % 60 }, { tagBlock: { s: 'bench', c: now } }));
    }
    if (feed.writable) feed.write(lines.join('\r\n') + '\r\n');
  }, 50);
  // A new boat inside the restricted zone: first fix 2 minutes ago, then the triggering fix now.
  const violationTimer = setInterval(() => {
    const mmsi = 412500000 + violations++;
    const now = Math.floor(Date.now() / 1000);
    const fix = (t) => encodeMessage({ type: 18, repeat: 0, mmsi, sog: 1, accuracy: true, lon: RESTRICTED.lon, lat: RESTRICTED.lat, cog: 0, heading: 0, second: t % 60 }, { tagBlock: { s: 'bench', c: t } })[0];
    feed.write(fix(now - 120) + '\r\n');
    setTimeout(() => { if (feed.writable) { sent.set(mmsi, performance.now()); sentWall.set(mmsi, Date.now()); feed.write(fix(now) + '\r\n'); } }, 100);
  }, 400);

  async function phase(n) {
    const sockets = [];
    const latencies = [];
    const receipts = []; // [mmsi, wall ms] for the bus → socket part
    let deltaBytes = 0, deltas = 0;
    for (let i = 0; i < n; i++) {
      const { token } = await ask('token');
      const s = io(`${base}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise((r, j) => { s.once('connect', r); s.once('connect_error', j); });
      const w = 122.1 + (i % 10) * 0.03, so = 29.75 + Math.floor(i / 10) % 10 * 0.03;
      s.on('vessels:compact', (d) => { deltas++; deltaBytes += JSON.stringify(d).length; });
      s.on('alert', (a) => {
        const t = sent.get(a.mmsi);
        if (t !== undefined && a.rule === 'restricted_entry' && a.status === 'open') {
          latencies.push(performance.now() - t);
          receipts.push([a.mmsi, Date.now()]);
        }
      });
      await s.emitWithAck('vessels:subscribe', { west: w, south: so, east: w + 0.1, north: so + 0.1, compact: true });
      sockets.push(s);
    }
    await new Promise((r) => setTimeout(r, 2000)); // settle
    latencies.length = 0; receipts.length = 0; deltaBytes = 0; deltas = 0;
    await ask('published');
    await ask('resetStats');
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const stats = await ask('stats');
    const pubList = (await ask('published')).list;
    const pubAt = new Map(pubList);
    const pub = pubList.map(([m, t]) => t - (sentWall.get(m) ?? NaN)).filter(Number.isFinite).sort((a, b) => a - b);
    const fan = receipts.map(([m, t]) => t - (pubAt.get(m) ?? NaN)).filter(Number.isFinite).sort((a, b) => a - b);
    const quant = (arr, p) => (arr.length ? arr[Math.min(arr.length - 1, Math.floor(p * arr.length))] : NaN);
    const pq = (p) => quant(pub, p);
    const secs = (performance.now() - t0) / 1000;
    for (const s of sockets) s.close();
    latencies.sort((a, b) => a - b);
    const q = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
    return { n, pipeP50: pq(0.5), pipeP99: pq(0.99), fanP50: quant(fan, 0.5), fanP99: quant(fan, 0.99), alerts: latencies.length, p50: q(0.5), p99: q(0.99), max: latencies.at(-1) ?? NaN, cpu: stats.cpuPct, rss: stats.rssMb, heap: stats.heapMb, loopP99: stats.loopP99Ms, loopMax: stats.loopMaxMs, deltaKBps: deltaBytes / 1024 / secs / n, deltasPerClientS: deltas / secs / n };
  }

  await new Promise((r) => setTimeout(r, 3000)); // let the fleet appear
  const rows = [];
  for (const n of [Math.min(20, CLIENTS), CLIENTS]) {
    const r = await phase(n);
    rows.push(r);
    console.log(`${String(n).padStart(4)} clients: alert latency p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (${r.alerts} alert receipts; split: line → bus (ingestor, engine, store commit) p50 ${r.pipeP50.toFixed(0)} / p99 ${r.pipeP99.toFixed(0)} ms, bus → client (console) p50 ${r.fanP50.toFixed(0)} / p99 ${r.fanP99.toFixed(0)} ms); server CPU ${r.cpu.toFixed(0)}%, event-loop delay p99 ${r.loopP99.toFixed(0)} / max ${r.loopMax.toFixed(0)} ms, RSS ${r.rss.toFixed(0)} MB, heap ${r.heap.toFixed(0)} MB; viewport deltas ${r.deltasPerClientS.toFixed(2)}/s/client, ${r.deltaKBps.toFixed(1)} KB/s/client`);
  }
  clearInterval(fleetTimer);
  clearInterval(violationTimer);
  await new Promise((r) => setTimeout(r, 200));
  feed.end();
  child.send({ type: 'stop' });
  await new Promise((r) => child.once('exit', r));
  if (process.env.BENCH_KEEP_DATA) console.log(`data kept in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
  const target = rows.at(-1).p99 <= 100 ? 'meets' : 'misses';
  console.log(`target p99 ≤ 100 ms at ${CLIENTS} clients: ${target} (${rows.at(-1).p99.toFixed(1)} ms; peer ${rows[0].n} clients ${rows[0].p99.toFixed(1)} ms)`);
  process.exit(0);
}
