#!/usr/bin/env node
// Web map benchmark (npm run bench:web). Builds web/bench/ with vite into .bench/web, serves it
// with a tiny socket.io server that feeds synthetic vessels as compact deltas (the console's
// wire format), and drives Debian's chromium headless with playwright-core. Prints, for 20,000
// vessels and for the 2,000-vessel peer (and DOM markers at 2,000): time from an update arriving
// to the map being idle, and the frame rate while panning.
// Chromium runs with --disable-gpu (software GL): absolute figures are pessimistic, compare rows.
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`bench:web: ${CHROMIUM} not found (apt-get install -y chromium); nothing measured`);
  process.exit(1);
}
const { chromium } = await import('playwright-core');
const { build } = await import('vite');

const out = join(root, '.bench', 'web');
console.log('building bench page…');
await build({
  root: join(root, 'web'),
  configFile: join(root, 'web', 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: out, emptyOutDir: true, rollupOptions: { input: join(root, 'web', 'bench', 'index.html') } },
});
const publicBasemap = join(root, 'web', 'public');
if (!existsSync(join(publicBasemap, 'basemap', 'land-10m.json'))) {
  console.error('bench:web: web/public/basemap missing; run `npm run build -w web` first');
  process.exit(1);
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json' };
const http = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const candidates = [join(out, path), join(out, 'bench', path === '/' ? 'index.html' : path), join(publicBasemap, path)];
  const file = candidates.find((f) => existsSync(f) && !f.endsWith('/'));
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
const io = new Server(http);
const CATS = ['fishing', 'passenger', 'leisure', 'cargo', 'tanker', 'service', 'other'];

/** Deterministic synthetic fleet: n vessels scattered over the Zhoushan area, all moving every second. */
function fleet(n) {
  const vs = [];
  let seed = 1;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < n; i++) vs.push({ mmsi: 412000000 + i, lat: 29.5 + rnd(), lon: 121.6 + rnd() * 1.4, cog: rnd() * 360, sog: 2 + rnd() * 18, cat: CATS[i % CATS.length] });
  return vs;
}
function rows(vs) {
  const now = Math.floor(Date.now() / 1000);
  return vs.map((v) => [v.mmsi, +v.lat.toFixed(5), +v.lon.toFixed(5), +v.sog.toFixed(1), Math.round(v.cog), Math.round(v.cog), v.cat, 'underway', `V${v.mmsi}`, true, now]);
}
function step(vs) {
  for (const v of vs) {
    const d = (v.sog / 3600) / 60; // one second of travel, degrees
    v.lat += d * Math.cos((v.cog * Math.PI) / 180);
    v.lon += d * Math.sin((v.cog * Math.PI) / 180);
  }
}
io.of('/live').on('connection', (socket) => {
  socket.on('vessels:subscribe', (sub) => {
    const vs = fleet(sub.n ?? 20000);
    socket.emit('vessels:compact', { full: true, at: new Date().toISOString(), remove: [], rows: rows(vs) });
    // The page asks for the next update once the map is idle (one-second steps of movement).
    socket.removeAllListeners('bench:next');
    socket.on('bench:next', () => {
      step(vs);
      socket.emit('vessels:compact', { full: false, at: new Date().toISOString(), remove: [], rows: rows(vs) });
    });
    setTimeout(() => socket.emit('vessels:compact', { full: false, at: new Date().toISOString(), remove: [], rows: rows(vs) }), 200);
  });
});
await new Promise((r) => http.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${http.address().port}`;

const userDir = mkdtempSync(join(tmpdir(), 'seawarden-bench-chromium-'));
const ctx = await chromium.launchPersistentContext(userDir, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function measure(n, mode) {
  const page = await ctx.newPage();
  const offOrigin = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) offOrigin.push(u);
  });
  await page.goto(`${origin}/bench/index.html?n=${n}&mode=${mode}&updates=6`);
  await page.waitForFunction(() => window.__bench || window.__benchError, null, { timeout: 240_000 });
  const res = await page.evaluate(() => window.__bench ?? { error: window.__benchError });
  await page.close();
  if (res.error) throw new Error(`bench page (${n}, ${mode}): ${res.error}`);
  if (offOrigin.length) console.warn(`  requests outside the origin: ${offOrigin.join(', ')}`);
  const u = res.updates.length ? [...res.updates].sort((a, b) => a - b) : [NaN];
  const median = u[Math.floor(u.length / 2)];
  const pr = res.prep.length ? [...res.prep].sort((a, b) => a - b) : [NaN];
  return { n, mode, median, p90: u[Math.min(u.length - 1, Math.floor(u.length * 0.9))], max: u[u.length - 1], prep: pr[Math.floor(pr.length / 2)], fps: res.panFps };
}

const LABELS = { layer: 'console (adaptive)', arrows: 'rotated arrows forced', circle: 'dots forced', dom: 'DOM markers' };
const results = [];
try {
  for (const [n, mode] of [[20000, 'layer'], [20000, 'arrows'], [2000, 'layer'], [2000, 'dom'], [0, 'layer']]) {
    console.log(`measuring ${n} vessels, ${LABELS[mode]}…`);
    results.push(await measure(n, mode));
  }
} finally {
  await ctx.close();
  io.close();
  http.close();
  rmSync(userDir, { recursive: true, force: true });
}
console.log('\nweb map bench (headless chromium, software GL, 1280×800, every vessel moves every update)');
console.log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('vessels  renderer              update→idle median   p90      max   JS prep median   pan fps');
for (const r of results) {
  console.log(
    `${String(r.n).padEnd(8)} ${LABELS[r.mode].padEnd(21)} ${r.median.toFixed(0).padStart(6)} ms ${r.p90.toFixed(0).padStart(8)} ms ${r.max.toFixed(0).padStart(6)} ms ${r.prep.toFixed(1).padStart(11)} ms ${r.fps.toFixed(1).padStart(9)}`,
  );
}
