#!/usr/bin/env node
// Detection-engine benchmark (npm run bench:rules, after npm run build).
// 10,000 synthetic vessels around Zhoushan, 1,000 zones (mixed simple polygons and complex ones
// with hundreds of vertices), a July day (moratorium in force). Every message goes through the
// tracker and all detectors (with the time-driven rules run at message time every minute).
// Prints messages/s, memory per tracked vessel (heap + typed arrays, with the track buffer
// separated), and, on a subset of the same messages, the naive peer: turf point-in-polygon
// against every zone with no index (and flatbush + turf without the cell cache).
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const geofence = await import(join(root, 'libs/geofence/dist/index.js')).catch((e) => {
  console.error(`bench:rules: cannot load libs/geofence/dist (${e.message}); run \`npm run build\` or \`npx tsc -b libs/geofence\` first`);
  process.exit(1);
});
const { AisDecoder, encodeMessage } = await import(join(root, 'libs/ais/dist/index.js'));
const { booleanPointInPolygon } = await import('@turf/boolean-point-in-polygon');
const { default: Flatbush } = await import('flatbush');
const { loadZones, loadCalendars, loadRegistry, DetectionEngine, DEFAULT_PARAMS } = geofence;
// The Putuo District island outlines, as the ingestor runs with by default (identity: positions on land).
const { land } = (await import(join(root, 'libs/geofence/dist/scenario/index.js'))).loadZhoushanScenario();

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const VESSELS = Number(process.env.BENCH_VESSELS ?? 10_000);
const ZONES = Number(process.env.BENCH_ZONES ?? 1_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const PEER_MESSAGES = Number(process.env.BENCH_PEER_MESSAGES ?? 5_000);

// Deterministic PRNG (mulberry32).
let seed = 42;
const rnd = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];

// Operating box: 29.3–30.7°N, 121.6–123.2°E.
const BOX = { s: 29.3, n: 30.7, w: 121.6, e: 123.2 };
const M_LAT = 111_320;
const M_LON = 111_320 * Math.cos((30 * Math.PI) / 180);

function polygon(lat, lon, radiusM, vertices, spiky) {
  const ring = [];
  for (let i = 0; i < vertices; i++) {
    const a = (i / vertices) * 2 * Math.PI;
    const r = radiusM * (spiky ? (i % 2 ? 1 : 0.55 + 0.3 * rnd()) : 0.8 + 0.2 * rnd());
    ring.push([lon + (r * Math.cos(a)) / M_LON, lat + (r * Math.sin(a)) / M_LAT]);
  }
  ring.push(ring[0]);
  return ring;
}

function makeZones() {
  const features = [];
  // Three big ban areas covering most of the sea, with hundreds of vertices (coastline-like).
  for (let i = 0; i < 3; i++) {
    features.push(feature(`ban-${i}`, 'fishing_ban', polygon(29.6 + i * 0.4, 122.0 + i * 0.5, 30_000, 600, true), { calendar: 'moratorium' }));
  }
  features.push(feature('juris-putuo', 'jurisdiction', polygon(30.0, 122.4, 60_000, 400, false), { office: 'putuo' }));
  const kinds = [
    ['port', 80],
    ['anchorage', 60],
    ['passenger_terminal', 60],
    ['landing_point', 300],
    ['scenic_area', 120],
    ['restricted', 100],
    ['speed_limit', 150],
    ['temporary_closure', 10],
  ];
  const plan = [];
  for (const [k, n] of kinds) for (let i = 0; i < n; i++) plan.push(k);
  while (features.length + plan.length < ZONES) plan.push('landing_point');
  plan.length = ZONES - features.length;
  plan.forEach((kind, i) => {
    const lat = BOX.s + rnd() * (BOX.n - BOX.s);
    const lon = BOX.w + rnd() * (BOX.e - BOX.w);
    const complex = i % 5 === 0; // a fifth of the zones have 150–500 vertices
    const vertices = complex ? 150 + Math.floor(rnd() * 350) : 4 + Math.floor(rnd() * 8);
    const radius = kind === 'landing_point' || kind === 'passenger_terminal' ? 200 + rnd() * 400 : 500 + rnd() * 4500;
    const extra =
      kind === 'speed_limit'
        ? { speedLimitKn: pick([6, 8, 10, 12]) }
        : kind === 'temporary_closure'
          ? { validFrom: '2025-07-15T00:00:00+08:00', validTo: '2025-07-16T00:00:00+08:00' }
          : {};
    features.push(feature(`${kind}-${i}`, kind, polygon(lat, lon, radius, vertices, complex), extra));
  });
  return { type: 'FeatureCollection', features };
}

function feature(id, kind, ring, extra = {}) {
  return { type: 'Feature', properties: { id, kind, name: { zh: id, en: id }, ...extra }, geometry: { type: 'Polygon', coordinates: [ring] } };
}

const CALENDARS = {
  timezone: 'Asia/Shanghai',
  calendars: [{ id: 'moratorium', exemptGears: ['hook_and_line'], periods: [{ gears: ['*'], from: '05-01T12:00', to: '09-16T12:00' }] }],
};

function makeFleet(zones) {
  const ports = zones.features.filter((f) => f.properties.kind === 'port' || f.properties.kind === 'landing_point' || f.properties.kind === 'passenger_terminal');
  const anchorages = zones.features.filter((f) => f.properties.kind === 'anchorage');
  const fleet = [];
  const rows = ['mmsi,name,category,gear,licensedPassengers,homePort,notes'];
  for (let i = 0; i < VESSELS; i++) {
    const mmsi = 412_000_000 + i;
    const r = rnd();
    const kind = r < 0.3 ? 'fishing' : r < 0.5 ? 'leisure' : r < 0.7 ? 'cargo' : r < 0.75 ? 'passenger' : r < 0.85 ? 'tanker' : 'other';
    const classB = kind === 'leisure' || (kind === 'fishing' && rnd() < 0.5) || (kind === 'other' && rnd() < 0.5);
    // Most targets in a port area at any time are moored or at anchor (during the ban, most
    // fishing boats are in port); they report every 3 min, moving ones every 10 s (A) / 30 s (B).
    const moored = rnd() < ({ fishing: 0.8, leisure: 0.7, cargo: 0.4, tanker: 0.4, passenger: 0.3, other: 0.4 }[kind]);
    let lat, lon;
    if (moored) {
      const ring = pick(kind === 'cargo' || kind === 'tanker' ? anchorages : ports).geometry.coordinates[0];
      [lon, lat] = ring.reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0]);
      lat += (rnd() - 0.5) * 0.002;
      lon += (rnd() - 0.5) * 0.002;
    } else {
      lat = BOX.s + rnd() * (BOX.n - BOX.s);
      lon = BOX.w + rnd() * (BOX.e - BOX.w);
    }
    const sog = moored ? rnd() * 0.3 : kind === 'fishing' ? 1 + rnd() * 8 : 4 + rnd() * 16;
    const intervalS = moored ? 180 : classB ? 30 : 10;
    const shipType = { fishing: 30, leisure: 37, cargo: 70, passenger: 60, tanker: 80, other: 0 }[kind];
    if (kind === 'fishing') rows.push(`${mmsi},FV${i},fishing,${pick(['trawl', 'gillnet', 'purse_seine', 'hook_and_line'])},,Shenjiamen,`);
    if (kind === 'passenger' && rnd() < 0.7) rows.push(`${mmsi},PV${i},passenger,,${50 + Math.floor(rnd() * 200)},Banshengdong,`);
    fleet.push({ mmsi, kind, classB, lat, lon, sog, intervalS, phase: Math.floor(rnd() * intervalS), cog: rnd() * 360, shipType, length: classB ? 6 + Math.floor(rnd() * 18) : 25 + Math.floor(rnd() * 150) });
  }
  return { fleet, registryCsv: rows.join('\n') };
}

/**
 * The engine gets messages as the ingestor does: encoded to NMEA and decoded by libs/ais, so
 * they have the decoder's shapes (one hidden class per message type, fields in payload order,
 * then the envelope). Encoding and decoding happen outside the timed part.
 */
const decoded = [];
const decoder = new AisDecoder({ source: 'bench', onMessage: (m) => decoded.push(m) });
function viaNmea(fields) {
  for (const line of encodeMessage(fields)) decoder.push(line);
  return decoded.pop();
}

/**
 * Messages are made one round at a time (one simulated second of traffic, ~370 messages, about
 * what one socket read of a busy feed holds) and timed only while the engine processes them:
 * like a live feed, message objects die young.
 */
let simulatedS = 0;
function* rounds(fleet, startMs) {
  let left = MESSAGES;
  const statics = [];
  for (const v of fleet) {
    if (v.classB) {
      statics.push(viaNmea({ type: 24, mmsi: v.mmsi, partNo: 0, name: `V${v.mmsi}` }));
      statics.push(viaNmea({ type: 24, mmsi: v.mmsi, partNo: 1, shipType: v.shipType, callsign: 'B', toBow: v.length - 2, toStern: 2, toPort: 1, toStarboard: 1 }));
    } else {
      statics.push(viaNmea({ type: 5, mmsi: v.mmsi, name: `V${v.mmsi}`, shipType: v.shipType, callsign: 'B', imo: 0, toBow: v.length - 10, toStern: 10, toPort: 4, toStarboard: 4, destination: 'ZHOUSHAN', draught: 5 }));
    }
  }
  statics.length = Math.min(statics.length, left);
  left -= statics.length;
  yield { msgs: statics, times: new Float64Array(statics.length).fill(startMs) };
  // One batch per simulated second; each vessel reports on its own schedule.
  let sec = 0;
  while (left > 0) {
    const msgs = [];
    const times = [];
    const t = startMs + sec * 1000;
    for (let k = 0; k < fleet.length && left > 0; k++) {
      const v = fleet[k];
      if ((sec + v.phase) % v.intervalS !== 0) continue;
      const dt = v.intervalS;
      v.cog = (v.cog + (rnd() - 0.5) * (v.kind === 'fishing' ? 40 : 6) + 360) % 360;
      const d = (v.sog * 1852 * dt) / 3600;
      v.lat += (d * Math.cos((v.cog * Math.PI) / 180)) / M_LAT;
      v.lon += (d * Math.sin((v.cog * Math.PI) / 180)) / M_LON;
      if (v.lat < BOX.s || v.lat > BOX.n) v.cog = (180 - v.cog + 360) % 360;
      if (v.lon < BOX.w || v.lon > BOX.e) v.cog = (360 - v.cog) % 360;
      const sog = Math.max(0, Math.round((v.sog + (rnd() - 0.5) * 0.4) * 10) / 10);
      const cog = Math.round(v.cog * 10) / 10;
      const heading = Math.round(cog) % 360;
      const m = viaNmea(
        v.classB
          ? { type: 18, mmsi: v.mmsi, sog, lon: v.lon, lat: v.lat, cog, heading, second: 0 }
          : { type: 1, mmsi: v.mmsi, navStatus: v.sog < 0.5 ? 5 : 0, sog, lon: v.lon, lat: v.lat, cog, heading, second: 0 },
      );
      msgs.push(m);
      times.push(t);
      left--;
    }
    sec++;
    simulatedS = sec;
    yield { msgs, times };
  }
}

const mem = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, ab: m.arrayBuffers };
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');

console.log(`bench:rules — ${fmt(VESSELS)} vessels, ${fmt(ZONES)} zones, ${fmt(MESSAGES)} messages (Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)})`);
const zonesJson = makeZones();
const zoneSet = loadZones(zonesJson);
const vertexTotal = zoneSet.all.reduce((a, z) => a + z.vertexCount, 0);
const complexZones = zoneSet.all.filter((z) => z.vertexCount >= 150).length;
const calendars = loadCalendars(CALENDARS);
const FLEET_SEED = seed;
const { fleet, registryCsv } = makeFleet(zonesJson);
const registry = loadRegistry(registryCsv);
const start = Date.parse('2025-07-15T02:00:00Z');
console.log(`zones: ${zoneSet.size} (${complexZones} with ≥ 150 vertices, ${fmt(vertexTotal)} vertices in all); land: the ${land.size} Putuo District island outlines, checked every ${DEFAULT_PARAMS.landCheckEveryMs / 60_000} min per vessel`);
// As `seawarden detect` does at load, and the ingestor in slices of the event loop right after it: every zone cell classified before the traffic.
const prepareStart = performance.now();
const preparedCells = zoneSet.prepare();
console.log(`zone cells prepared at load: ${fmt(preparedCells)} with their sub-cells in ${fmt(performance.now() - prepareStart)} ms`);

// --- engine -----------------------------------------------------------------------------------
const WARM = Number(process.env.BENCH_WARM ?? Math.min(100_000, Math.floor(MESSAGES / 10)));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Feed the whole stream to an engine; CPU time is taken around process() only. */
function runPass(engine, fleetForPass, sample = null) {
  const counts = { opened: 0, updated: 0, closed: 0 };
  const byRule = {};
  let done = 0;
  let cpuAll = 0;
  let cpuSteady = 0;
  let wallAll = 0;
  let steadyMsgs = 0;
  for (const { msgs, times } of rounds(fleetForPass, start)) {
    const c0 = cpu();
    const w0 = performance.now();
    for (let i = 0; i < msgs.length; i++) {
      const out = engine.process(msgs[i], times[i]);
      for (let k = 0; k < out.length; k++) {
        counts[out[k].kind]++;
        if (out[k].kind === 'opened') byRule[out[k].alert.rule] = (byRule[out[k].alert.rule] ?? 0) + 1;
      }
    }
    const dc = cpu() - c0;
    if (sample) for (let i = 0; i < msgs.length; i += 97) if (msgs[i].lat !== undefined && sample.length < PEER_MESSAGES) sample.push(msgs[i]);
    cpuAll += dc;
    wallAll += performance.now() - w0;
    if (done >= WARM) {
      cpuSteady += dc;
      steadyMsgs += msgs.length;
    }
    done += msgs.length;
  }
  return { counts, byRule, all: MESSAGES / (wallAll / 1000), allCpu: MESSAGES / cpuAll, steadyCpu: steadyMsgs / cpuSteady };
}

// --- A/B mode: two engine set-ups in turn, in one process ---------------------------------------
// BENCH_AB_DIST=/other/checkout/libs/geofence/dist: this checkout's engine against another build;
// BENCH_AB_PREPARE=1: this engine with its zone cells prepared at load against classified on
// first visit. Each pass is a first pass (fresh engine and zone cells, same traffic); the ratio
// is printed per pair. On a shared machine whose speed drifts by ±20% within minutes, separate
// runs cannot resolve a few percent; pairs taken seconds apart can.
if (process.env.BENCH_AB_DIST || process.env.BENCH_AB_PREPARE) {
  const other = process.env.BENCH_AB_DIST ? await import(join(process.env.BENCH_AB_DIST, 'index.js')) : geofence;
  const otherLand = process.env.BENCH_AB_DIST ? (await import(join(process.env.BENCH_AB_DIST, 'scenario/index.js'))).loadZhoushanScenario().land : land;
  // [library, land, prepare the zone cells at load]; a build without prepare() classifies lazily.
  const engines = process.env.BENCH_AB_DIST ? { A: [geofence, land, true], B: [other, otherLand, true] } : { A: [geofence, land, false], B: [geofence, land, true] };
  const rates = { A: [], B: [] };
  const pairs = Number(process.env.BENCH_AB_PAIRS ?? 6);
  const what = process.env.BENCH_AB_DIST ? `A = this checkout, B = ${process.env.BENCH_AB_DIST}` : 'A = zone cells classified on first visit, B = prepared at load';
  console.log(`A/B: ${what}; ${pairs} pairs of first passes, CPU time`);
  for (let p = 0; p < pairs; p++) {
    for (const name of p % 2 ? ['B', 'A'] : ['A', 'B']) {
      const [G, L, prepare] = engines[name];
      seed = FLEET_SEED;
      const f = makeFleet(zonesJson).fleet;
      const zones = G.loadZones(zonesJson);
      if (prepare) zones.prepare?.();
      const engine = new G.DetectionEngine({ zones, calendars: G.loadCalendars(CALENDARS), registry: G.loadRegistry(registryCsv), land: L });
      rates[name].push(runPass(engine, f).allCpu);
      gc();
    }
    console.log(`pair ${p + 1}: A ${fmt(rates.A[p])}  B ${fmt(rates.B[p])}  B/A ${(rates.B[p] / rates.A[p]).toFixed(3)}`);
  }
  const median = (x) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];
  console.log(`median B/A ${median(rates.B.map((b, i) => b / rates.A[i])).toFixed(3)} (the first pair carries both engines' JIT warm-up)`);
  process.exit(0);
}

const m0 = mem();
let engine = new DetectionEngine({ zones: zoneSet, calendars, registry, land });
const subset = [];
const pass1 = runPass(engine, fleet, subset);
const { counts, byRule, all, allCpu, steadyCpu } = pass1;
const m1 = mem();
const cacheCells = zoneSet.cachedCells;
zoneSet.clearCache();
const m2 = mem();
// Open alerts (with their evidence) are the alert book's, not the vessels': measure them apart.
const openAlerts = engine.openAlerts().length;
engine['book'].episodes.clear(); // the engine is not used after this
const m3 = mem();
const alertBytes = m2.heap - m3.heap;
const vessels = engine.vesselCount;
// What the engine holds is what dropping it frees: the heap also grew by the compiled code of
// the bench's own encoder and decoder, which is not the vessels' memory.
engine = null;
const m4 = mem();
const trackBytes = (DEFAULT_PARAMS.trackCapacity * 3 * 8 + DEFAULT_PARAMS.trackCapacity * 3 * 4);
const cacheBytes = m1.heap + m1.ab - (m2.heap + m2.ab);
const heapPer = (m2.heap - m4.heap) / vessels;
const abPer = (m2.ab - m4.ab) / vessels;
const beyond = heapPer + abPer - trackBytes;
const beyondNoAlerts = beyond - alertBytes / vessels;

// --- second pass: the same traffic into a fresh engine, in the same process (V8 has compiled the engine) ---
zoneSet.prepare();
seed = FLEET_SEED;
const fleet2 = makeFleet(zonesJson).fleet;
const pass2 = runPass(new DetectionEngine({ zones: zoneSet, calendars, registry, land }), fleet2);

// --- peers on a subset of the same position messages --------------------------------------------
const features = zonesJson.features;
const pt = [0, 0];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let hits = 0;
let t = cpuNow();
for (const m of subset) {
  pt[0] = m.lon;
  pt[1] = m.lat;
  for (const f of features) if (booleanPointInPolygon(pt, f)) hits++;
}
const naive = subset.length / (cpuNow() - t);
const fb = new Flatbush(features.length);
for (const z of zoneSet.all) fb.add(z.bbox[0], z.bbox[1], z.bbox[2], z.bbox[3]);
fb.finish();
let hits2 = 0;
t = cpuNow();
for (const m of subset) {
  pt[0] = m.lon;
  pt[1] = m.lat;
  for (const i of fb.search(m.lon, m.lat, m.lon, m.lat)) if (booleanPointInPolygon(pt, zoneSet.all[i].feature)) hits2++;
}
const indexOnly = subset.length / (cpuNow() - t);
const buf = [];
for (const m of subset) zoneSet.lookup(m.lat, m.lon, buf); // warm the cells again (cleared above)
let hits3 = 0;
t = cpuNow();
for (const m of subset) hits3 += zoneSet.lookup(m.lat, m.lon, buf);
const cellLookup = subset.length / (cpuNow() - t);
if (hits !== hits2 || hits !== hits3) console.warn(`WARNING: zone hits differ: naive ${hits}, flatbush ${hits2}, engine lookup ${hits3}`);

console.log(`traffic: ${fmt(MESSAGES)} messages over ${(simulatedS / 60).toFixed(1)} simulated minutes (${fmt(MESSAGES / simulatedS)} msg/s of traffic); moored vessels every 3 min, moving Class A every 10 s, Class B every 30 s`);
console.log('');
console.log('                                             messages/s   (per CPU-second: the machine is shared, wall time also shown)');
console.log(`engine: tracker + all detectors (all msgs)   ${fmt(allCpu).padStart(10)}   wall ${fmt(all)}`);
console.log(`engine: steady state (after ${fmt(WARM)} warm-up) ${fmt(steadyCpu).padStart(10)}   (first pass, zone cells prepared at load)`);
console.log(`engine: same traffic, second pass           ${fmt(pass2.allCpu).padStart(10)}   (fresh engine, same process: JIT warm)`);
console.log(`peer: zone lookup only, turf vs every zone   ${fmt(naive).padStart(10)}   (naive, ${fmt(subset.length)} msgs)`);
console.log(`peer: zone lookup only, flatbush + turf      ${fmt(indexOnly).padStart(10)}   (no cell cache)`);
console.log(`      zone lookup only, engine's ZoneSet     ${fmt(cellLookup).padStart(10)}   (flatbush + cell cache + turf)`);
console.log('');
console.log(`zone cell cache (shared, not per vessel): ${fmt(cacheCells)} cells, ${fmt(cacheBytes / 1024)} KiB`);
console.log(`memory: ${fmt(vessels)} vessels; heap ${fmt(heapPer)} B/vessel + typed arrays ${fmt(abPer)} B/vessel`);
console.log(`        track buffer ${fmt(trackBytes)} B/vessel (${DEFAULT_PARAMS.trackCapacity} points × 36 B); beyond the track buffer: ${fmt(beyond)} B/vessel (target ≤ 2,048)`);
console.log(`        of which ${fmt(openAlerts)} open alerts with evidence: ${fmt(alertBytes / 1024)} KiB (${fmt(alertBytes / Math.max(1, openAlerts))} B/alert); vessel state alone: ${fmt(beyondNoAlerts)} B/vessel`);
console.log(`alerts: opened ${fmt(counts.opened)}, updated ${fmt(counts.updated)}, closed ${fmt(counts.closed)}; open at the end ${fmt(openAlerts)}; opened by rule ${JSON.stringify(byRule)}`);
console.log(`load average at the end: ${os.loadavg()[0].toFixed(1)} (CPU-time rates are pessimistic on a busy machine)`);
const verdict = (rate) => (rate >= 200_000 ? 'met' : 'NOT met');
console.log(`targets: ≥ 200,000 messages/s per core → ${verdict(allCpu)} over all messages (start-up included: JIT, first sight of every vessel), ${verdict(steadyCpu)} in steady state; ≤ 2 KB/vessel beyond the track → ${beyond <= 2048 ? 'met' : beyondNoAlerts <= 2048 ? 'met for vessel state, not with the open alerts counted in' : 'NOT met'}`);
