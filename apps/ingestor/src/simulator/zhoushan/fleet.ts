import type { DayContext, DayPlan, Violation } from '../day-context.js';
import { follow, Itinerary, NAV, path, pathDurationMs, reversePath, type Path } from '../itinerary.js';
import { KN_TO_MS, type LatLon } from '../nav-math.js';
import type { VesselDef } from '../vessel.js';
import { ANCHORAGE_XIAZHIMEN, BERTH, GROUND, HARBOUR, harbourPath, LANDING, LIUHENG_MOORING, MARINA, ROUTE, SHED_ASHORE, SJM_MOORING, STRAIT_SOUTH } from './places.js';

/*
 * The Zhoushan fleet and what each vessel does on a local day. Violations are scripted by
 * behaviour (the truth records when), never by bending a vessel to a detector:
 *  - fishing_during_ban: ZHEPUYU 61028 (trawl) and 68809 (sail stow-net) at sea, ZHEPUYU 33016
 *    (gillnet, carrying tourists) at sea — only inside the moratorium window;
 *  - ais_gap: ZHEPUYU 68809 silent for 2.5–3.5 h at sea;
 *  - illegal_passenger_carrying: HAIOU 8 (leisure), HAIXING 12 (passenger-typed, unregistered),
 *    ZHEPUYU 33016 (fishing boat);
 *  - speeding: FEIYU 3 leaving Shenjiamen harbour; restricted_entry: LANJING;
 *  - temporary_closure: HAIYAN 6 when its afternoon outing falls in the closure window;
 *  - night_operation: YEMING; identity: LANGHUA (MMSI 123456789) when under way, and
 *    ZHEPUYU 60155's transponder while it sits ashore (moratorium days);
 *  - loitering: HUAYOU 18 waiting 4.75–6 h in open water outside the anchorage.
 * Everyone else keeps the rules: ferries, cargo, the patrol, laid-up boats, the hook-and-line
 * boat (exempt gear), the yachts' single outings.
 */

const MIN = 60_000;
/** Speed kept inside the Shenjiamen harbour (limit 10 kn). */
const HARBOUR_KN = 8;

type Build = (it: Itinerary, ctx: DayContext, out: { violations: Violation[]; dark: Array<[number, number]> }) => void;

function day(ctx: DayContext, home: LatLon, build: Build, overnight: number = NAV.moored): DayPlan {
  const it = new Itinerary(ctx.dayStartMs, home);
  const out = { violations: [] as Violation[], dark: [] as Array<[number, number]> };
  build(it, ctx, out);
  if (it.t > ctx.dayEndMs) throw new Error(`day plan overruns midnight by ${Math.round((it.t - ctx.dayEndMs) / MIN)} min`);
  it.stayUntil(ctx.dayEndMs, overnight);
  return { segments: it.segments, ...out };
}

const stays = (home: LatLon, navStatus: number = NAV.moored) => (ctx: DayContext): DayPlan => day(ctx, home, () => {}, navStatus);

const nudge = (p: LatLon, dLat: number, dLon: number): LatLon => ({ lat: p.lat + dLat, lon: p.lon + dLon });

/** A licensed ferry: departs home at the given local times, dwells at the far end, returns. */
function ferryPlan(home: LatLon, out: Path, departures: Array<[number, number]>, dwellMin: [number, number]) {
  const back = reversePath(out);
  return (ctx: DayContext): DayPlan =>
    day(ctx, home, (it) => {
      const f = ctx.rng.range(0.95, 1.05);
      for (const [h, m] of departures) {
        const dep = ctx.at(h, m) + ctx.rng.range(-2, 3) * MIN;
        if (dep < it.t + 5 * MIN) continue;
        it.stayUntil(dep, NAV.moored);
        follow(it, out, f);
        it.stayFor(ctx.rng.range(dwellMin[0], dwellMin[1]) * MIN, NAV.moored);
        follow(it, back, f);
      }
    });
}

const hourly = (fromH: number, fromM: number, toH: number, stepMin: number): Array<[number, number]> => {
  const out: Array<[number, number]> = [];
  for (let t = fromH * 60 + fromM; t <= toH * 60; t += stepMin) out.push([Math.floor(t / 60), t % 60]);
  return out;
};

interface Ground {
  centre: LatLon;
  radiusM: number;
  approach: readonly LatLon[];
}

/**
 * A day at sea from a Shenjiamen mooring through the east gate and the Zhujiajian strait:
 * out after sunrise, back in port before sunset. `atSea` fills the time on the ground and
 * gets the deadline by which it must head home. Returns the gate crossing times.
 */
function fishingDay(
  it: Itinerary,
  ctx: DayContext,
  mooring: LatLon,
  ground: Ground,
  transitKn: number,
  atSea: (deadline: number) => void,
): { gateOut: number; gateIn: number } {
  const harbourOut = path(mooring, [harbourPath(mooring.lon, 'east'), HARBOUR_KN - 1]);
  const seaOut = path(HARBOUR.eastGate, [[...STRAIT_SOUTH, ...ground.approach, ground.centre], transitKn]);
  const seaBackWps = [...[...ground.approach].reverse(), ...[...STRAIT_SOUTH].reverse(), HARBOUR.eastGate];
  it.stayUntil(ctx.sunriseMs + ctx.rng.range(20, 50) * MIN, NAV.moored);
  follow(it, harbourOut);
  const gateOut = it.t;
  follow(it, seaOut);
  const homeBy = ctx.sunsetMs - ctx.rng.range(35, 60) * MIN;
  const backMs = pathDurationMs(reversePath(seaOut)) + (ground.radiusM / (transitKn * KN_TO_MS)) * 1000 + pathDurationMs(reversePath(harbourOut));
  atSea(homeBy - backMs - 5 * MIN);
  it.sail(seaBackWps, transitKn);
  const gateIn = it.t;
  follow(it, reversePath(harbourOut));
  return { gateOut, gateIn };
}

function banViolation(ctx: DayContext, v: Violation[], from: number, to: number): void {
  const w = ctx.moratorium(from, to);
  if (w) v.push({ rule: 'fishing_during_ban', fromMs: w[0], toMs: w[1] });
}

/**
 * Round trips between where the boat is (`back`) and `there`: a stop, the leg out, a stop, the
 * leg back, until `trips` are done or `lastDepartureMs` has passed. Returns when the first trip
 * left and the last one came back (0 when none did).
 */
function shuttle(
  it: Itinerary,
  c: DayContext,
  back: LatLon,
  there: LatLon,
  o: { trips: number; stopMin: [number, number]; kn: [number, number]; lastDepartureMs: number },
): { first: number; lastArrival: number } {
  let first = 0;
  let lastArrival = 0;
  for (let k = 0; k < o.trips && it.t < o.lastDepartureMs; k++) {
    it.stayFor(c.rng.range(o.stopMin[0], o.stopMin[1]) * MIN, NAV.underway);
    if (!first) first = it.t;
    it.sail([there], c.rng.range(o.kn[0], o.kn[1]));
    it.stayFor(c.rng.range(o.stopMin[0], o.stopMin[1]) * MIN, NAV.underway);
    it.sail([back], c.rng.range(o.kn[0], o.kn[1]));
    lastArrival = it.t;
  }
  return { first, lastArrival };
}

const marinaOut = (berth: LatLon, wps: readonly LatLon[], kn: number): Path => path(berth, [wps, kn]);

/** Fishing vessels that stay in port all day (most of the fleet during the moratorium). */
const LAID_UP: Array<[number, string, string, 'A' | 'B', number]> = [
  [412420110, 'ZHEPUYU 60112', 'trawl', 'A', 36], [412420111, 'ZHEPUYU 60117', 'trawl', 'A', 38], [412420112, 'ZHEPUYU 60351', 'trawl', 'A', 40],
  [412420113, 'ZHEPUYU 60388', 'trawl', 'A', 36], [412420114, 'ZHEPUYU 61402', 'trawl', 'A', 42], [412420115, 'ZHEPUYU 61577', 'trawl', 'A', 38],
  [412420116, 'ZHEPUYU 32018', 'gillnet', 'B', 17], [412420117, 'ZHEPUYU 32260', 'gillnet', 'B', 19], [412420118, 'ZHEPUYU 50031', 'purse_seine', 'A', 45],
  [412420119, 'ZHEPUYU 50046', 'purse_seine', 'A', 45], [412420120, 'ZHEPUYU 70208', 'light_lure', 'B', 22], [412420121, 'ZHEPUYU 71015', 'cage_pot', 'B', 15],
];
/** Two rows along the north quay of the harbour, ~45 m apart, west of the scripted boats. */
const LAID_UP_MOORINGS: LatLon[] = LAID_UP.map((_, i) => ({ lat: i % 2 ? 29.9463 : 29.9469, lon: 122.2652 + 0.00045 * i }));

export const FLEET: VesselDef[] = [
  // ---- Licensed ferries (Class A, passenger) ----
  {
    mmsi: 413800101, personsCapacity: 300, name: 'PUTUOSHAN 8', callsign: 'BPTS8', imo: null, aisClass: 'A', shipType: 60, length: 45, beam: 9, draught: 2.2, destination: 'PUTUOSHAN',
    role: 'licensed ferry Wugongzhi ↔ Putuoshan, hourly from 07:00',
    plan: ferryPlan(BERTH.wugongzhi, path(BERTH.wugongzhi, [ROUTE.wugongzhiToPutuoshan, 12]), hourly(7, 0, 17, 60), [12, 20]),
  },
  {
    mmsi: 413800102, personsCapacity: 300, name: 'PUTUOSHAN 9', callsign: 'BPTS9', imo: null, aisClass: 'A', shipType: 60, length: 45, beam: 9, draught: 2.2, destination: 'WUGONGZHI',
    role: 'licensed ferry Putuoshan ↔ Wugongzhi, hourly from 07:30',
    plan: ferryPlan(nudge(BERTH.putuoshan, -0.0004, -0.0003), path(nudge(BERTH.putuoshan, -0.0004, -0.0003), [[ROUTE.wugongzhiToPutuoshan[0], nudge(BERTH.wugongzhi, 0.0003, 0.0005)], 12]), hourly(7, 30, 17, 60), [12, 20]),
  },
  {
    mmsi: 413800103, personsCapacity: 150, name: 'LIANHUAYANG KUAI 1', callsign: 'BLHY1', imo: null, aisClass: 'A', shipType: 60, length: 32, beam: 7, draught: 1.6, destination: 'PUTUOSHAN',
    role: 'licensed fast ferry Banshengdong ↔ Putuoshan at 25 kn, every 45 min',
    plan: ferryPlan(BERTH.banshengdong, path(BERTH.banshengdong, [ROUTE.banshengdongToPutuoshan.slice(0, -1), 25], [[nudge(BERTH.putuoshan, 0.0004, 0.0002)], 8]), hourly(7, 15, 17, 45), [10, 15]),
  },
  {
    mmsi: 413800104, personsCapacity: 250, name: 'TAOHUA 2', callsign: 'BTH2', imo: null, aisClass: 'A', shipType: 60, length: 40, beam: 8, draught: 2.0, destination: 'TAOHUA',
    role: 'licensed ferry Shenjiamen ↔ Taohua (10 kn harbour limit kept)',
    plan: ferryPlan(BERTH.shenjiamenPassenger, path(BERTH.shenjiamenPassenger, [harbourPath(BERTH.shenjiamenPassenger.lon, 'west'), HARBOUR_KN], [ROUTE.westGateToTaohua, 12]), [[7, 0], [9, 0], [11, 0], [13, 0], [15, 0]], [25, 35]),
  },
  {
    mmsi: 413800105, personsCapacity: 120, name: 'DENGBU 1', callsign: 'BDB1', imo: null, aisClass: 'A', shipType: 60, length: 30, beam: 7, draught: 1.8, destination: 'DENGBU',
    role: 'licensed ferry Shenjiamen ↔ Dengbu',
    plan: ferryPlan(nudge(BERTH.shenjiamenPassenger, -0.0003, 0.0008), path(nudge(BERTH.shenjiamenPassenger, -0.0003, 0.0008), [harbourPath(BERTH.shenjiamenPassenger.lon, 'west'), HARBOUR_KN], [ROUTE.westGateToDengbu, 10]), [[7, 30], [9, 30], [11, 30], [13, 30], [15, 30], [17, 0]], [15, 25]),
  },
  {
    mmsi: 413800106, personsCapacity: 350, name: 'LIUHENG 5', callsign: 'BLH5', imo: null, aisClass: 'A', shipType: 60, length: 50, beam: 10, draught: 2.6, destination: 'LIUHENG',
    role: 'licensed ferry Shenjiamen ↔ Liuheng',
    plan: ferryPlan(nudge(BERTH.shenjiamenPassenger, 0.0001, -0.0008), path(nudge(BERTH.shenjiamenPassenger, 0.0001, -0.0008), [harbourPath(BERTH.shenjiamenPassenger.lon, 'west'), HARBOUR_KN], [ROUTE.westGateToLiuheng, 14]), [[6, 40], [10, 0], [13, 30]], [40, 50]),
  },
  // ---- Fishing vessels ----
  {
    mmsi: 412420101, name: 'ZHEPUYU 61028', callsign: 'BZPY6', imo: null, aisClass: 'A', shipType: 30, length: 38, beam: 7, draught: 2.8, destination: '',
    role: 'bottom trawler: trawls south-east of Zhujiajian by day (inside the ban zone: a violation during the moratorium)',
    plan: (ctx) =>
      day(ctx, SJM_MOORING[0], (it, c, o) => {
        const g = GROUND.trawlSouthEast;
        const { gateOut, gateIn } = fishingDay(it, c, SJM_MOORING[0], g, 10, (deadline) => {
          // Tows of 1–2 h at 3–4 kn with a meandering course, then hauling at ~1 kn.
          while (it.t < deadline - 30 * MIN) {
            const towEnd = Math.min(deadline, it.t + c.rng.range(60, 120) * MIN);
            it.wander(c.rng, g.centre, g.radiusM, towEnd, { minKn: 3, maxKn: 4, legMin: 8, legMax: 15, maxTurnDeg: 25, navStatus: NAV.fishing });
            if (it.t < deadline - 25 * MIN) it.wander(c.rng, g.centre, g.radiusM, Math.min(deadline, it.t + c.rng.range(20, 30) * MIN), { minKn: 0.8, maxKn: 1.5, legMin: 5, legMax: 10, maxTurnDeg: 60, navStatus: NAV.fishing });
          }
        });
        banViolation(c, o.violations, gateOut, gateIn);
      }),
  },
  { mmsi: 412420102, name: 'ZHEPUYU 61033', callsign: 'BZPY7', imo: null, aisClass: 'A', shipType: 30, length: 38, beam: 7, draught: 2.8, destination: '', role: 'bottom trawler idle in Shenjiamen port', plan: stays(SJM_MOORING[1]) },
  { mmsi: 412420103, name: 'ZHEPUYU 62105', callsign: 'BZPY8', imo: null, aisClass: 'A', shipType: 30, length: 42, beam: 7, draught: 3.0, destination: '', role: 'bottom trawler idle in Shenjiamen port', plan: stays(SJM_MOORING[2]) },
  {
    mmsi: 412420130, name: 'ZHEPUYU 60155', callsign: 'BZPY10', imo: null, aisClass: 'A', shipType: 30, length: 36, beam: 6.8, draught: 2.7, destination: '',
    role: 'bottom trawler whose crew, on moratorium days, drive its transponder to a shed 3 km inland for the day, so the boat looks laid up while it goes out dark (only the transponder is seen); out of season it stays in port',
    plan: (ctx) =>
      day(ctx, SJM_MOORING[5], (it, c, o) => {
        if (!c.moratorium(c.at(8), c.at(18))) return;
        it.stayUntil(c.at(8, c.rng.int(0, 40)));
        it.sail([SHED_ASHORE], HARBOUR_KN); // by road: a straight line at road-traffic speed is close enough
        const from = it.t;
        it.stayUntil(c.at(17, c.rng.int(0, 40)));
        o.violations.push({ rule: 'identity', fromMs: from, toMs: it.t });
        it.sail([SJM_MOORING[5]], HARBOUR_KN);
      }),
  },
  { mmsi: 412420104, name: 'ZHEPUYU 31207', callsign: '', imo: null, aisClass: 'B', shipType: 30, length: 18, beam: 4, draught: 1.5, destination: '', role: 'gillnetter idle in Shenjiamen port', plan: stays(SJM_MOORING[4]) },
  {
    mmsi: 412420105, name: 'ZHEPUYU 20316', callsign: '', imo: null, aisClass: 'B', shipType: 30, length: 16, beam: 4, draught: 1.3, destination: '',
    role: 'hook-and-line boat trolling south of Zhujiajian by day (exempt gear: lawful in the moratorium)',
    plan: (ctx) =>
      day(ctx, SJM_MOORING[6], (it, c) => {
        const g = GROUND.hookAndLineSouth;
        fishingDay(it, c, SJM_MOORING[6], g, 9, (deadline) =>
          it.wander(c.rng, g.centre, g.radiusM, deadline, { minKn: 3, maxKn: 5.5, legMin: 8, legMax: 20, maxTurnDeg: 70, pauseChance: 0.15, pauseMin: 10, pauseMax: 20, pauseKn: 1.2 }),
        );
      }),
  },
  {
    mmsi: 412420106, name: 'ZHEPUYU 68809', callsign: 'BZPY9', imo: null, aisClass: 'A', shipType: 30, length: 35, beam: 6.5, draught: 2.6, destination: '',
    role: 'sail stow-net boat: goes to sea and switches its AIS off for 2.5–3.5 h (a ban violation too in the moratorium)',
    plan: (ctx) =>
      day(ctx, SJM_MOORING[7], (it, c, o) => {
        const g = GROUND.stowNetEast;
        const { gateOut, gateIn } = fishingDay(it, c, SJM_MOORING[7], g, 10, (deadline) => {
          const darkFrom = it.t + c.rng.range(20, 40) * MIN;
          const darkTo = Math.min(darkFrom + c.rng.range(150, 210) * MIN, deadline - 50 * MIN);
          if (darkTo - darkFrom > 60 * MIN) {
            o.dark.push([darkFrom, darkTo]);
            o.violations.push({ rule: 'ais_gap', fromMs: darkFrom, toMs: darkTo });
          }
          it.wander(c.rng, g.centre, g.radiusM, deadline, { minKn: 1, maxKn: 3, legMin: 10, legMax: 25, maxTurnDeg: 90, navStatus: NAV.fishing });
        });
        banViolation(c, o.violations, gateOut, gateIn);
      }),
  },
  {
    mmsi: 123456789, name: 'LANGHUA', callsign: '', imo: null, aisClass: 'B', shipType: 37, length: 7, beam: 2.5, draught: 0.6, destination: '',
    role: 'small boat whose cheap transponder sends a made-up MMSI (MID 123): an afternoon cruise off Putuo Shan',
    plan: (ctx) =>
      day(ctx, MARINA[6], (it, c, o) => {
        const loop = marinaOut(MARINA[6], ROUTE.marinaToPutuoNorth.slice(0, 2), c.rng.range(9, 12));
        it.stayUntil(Math.min(c.at(15, c.rng.int(0, 30)), c.sunsetMs - 2 * 60 * MIN));
        const from = it.t;
        follow(it, loop);
        follow(it, reversePath(loop));
        o.violations.push({ rule: 'identity', fromMs: from, toMs: it.t });
      }),
  },
  {
    mmsi: 412420122, name: 'ZHEPUYU 33016', callsign: '', imo: null, aisClass: 'B', shipType: 30, length: 15, beam: 4, draught: 1.2, destination: '',
    role: 'small gillnetter from Liuheng carrying tourists Liuheng north landing ↔ Taohua west shore (and at sea in the moratorium)',
    plan: (ctx) =>
      day(ctx, LIUHENG_MOORING, (it, c, o) => {
        it.stayUntil(c.at(8, c.rng.int(20, 50)));
        const from = it.t;
        it.sail([LANDING.liuhengNorth], 7);
        const trips = c.peak ? c.rng.int(4, 6) : c.rng.int(2, 4);
        shuttle(it, c, LANDING.liuhengNorth, LANDING.taohuaWest, { trips, stopMin: [5, 12], kn: [11, 14], lastDepartureMs: c.sunsetMs - 120 * MIN });
        it.stayFor(c.rng.range(5, 10) * MIN, NAV.underway);
        it.sail([LIUHENG_MOORING], 7);
        o.violations.push({ rule: 'illegal_passenger_carrying', fromMs: from, toMs: it.t });
        banViolation(c, o.violations, from, it.t);
      }),
  },
  // ---- Leisure boats (Class B, pleasure craft) ----
  {
    mmsi: 413900201, name: 'HAILANG 1', callsign: '', imo: null, aisClass: 'B', shipType: 37, length: 12, beam: 3.8, draught: 1, destination: '',
    role: 'private yacht: one trip to Qianbusha beach (Putuo Shan), stays 1.5–2.5 h, back',
    plan: (ctx) =>
      day(ctx, MARINA[0], (it, c) => {
        const out = marinaOut(MARINA[0], [...ROUTE.marinaToPutuoSouth, ...ROUTE.putuoSouthToQianbusha], c.rng.range(14, 18));
        it.stayUntil(c.at(9, c.rng.int(0, 90)));
        follow(it, out);
        it.stayFor(c.rng.range(90, 150) * MIN, NAV.underway);
        follow(it, reversePath(out));
      }),
  },
  { mmsi: 413900202, name: 'BIYUN', callsign: '', imo: null, aisClass: 'B', shipType: 37, length: 15, beam: 4.2, draught: 1.2, destination: '', role: 'private yacht staying in the marina', plan: stays(MARINA[1]) },
  {
    mmsi: 413900203, name: 'HAIOU 8', callsign: '', imo: null, aisClass: 'B', shipType: 37, length: 9, beam: 3, draught: 0.8, destination: '',
    role: 'speedboat shuttling tourists Wugongzhi fishing pier ↔ Putuo Shan west shore (stops 4–12 min, legs 14–18 kn)',
    plan: (ctx) =>
      day(ctx, MARINA[2], (it, c, o) => {
        const toPier = marinaOut(MARINA[2], ROUTE.marinaToZhujiajianPier, 14);
        it.stayUntil(c.at(8, c.rng.int(20, 60)));
        follow(it, toPier);
        const trips = c.peak ? c.rng.int(6, 9) : c.rng.int(3, 5);
        const { first, lastArrival } = shuttle(it, c, LANDING.zhujiajianPier, LANDING.putuoWest, { trips, stopMin: [4, 12], kn: [14, 18], lastDepartureMs: c.sunsetMs - 75 * MIN });
        if (first) o.violations.push({ rule: 'illegal_passenger_carrying', fromMs: first, toMs: lastArrival });
        it.stayFor(c.rng.range(5, 15) * MIN, NAV.underway);
        follow(it, reversePath(toPier));
      }),
  },
  {
    mmsi: 413900204, name: 'YEMING', callsign: '', imo: null, aisClass: 'B', shipType: 37, length: 10, beam: 3.2, draught: 0.9, destination: '',
    role: 'speedboat on a night trip round the west of Putuo Shan (1.5 h after sunset)',
    plan: (ctx) =>
      day(ctx, MARINA[3], (it, c, o) => {
        const out = marinaOut(MARINA[3], ROUTE.marinaToPutuoNorth, c.rng.range(11, 14));
        it.stayUntil(c.sunsetMs + c.rng.range(80, 110) * MIN);
        const from = it.t;
        follow(it, out);
        it.stayFor(c.rng.range(20, 40) * MIN, NAV.underway);
        follow(it, reversePath(out));
        o.violations.push({ rule: 'night_operation', fromMs: from, toMs: it.t });
      }),
  },
  {
    mmsi: 413900205, name: 'FEIYU 3', callsign: '', imo: null, aisClass: 'B', shipType: 37, length: 8, beam: 2.8, draught: 0.7, destination: '',
    role: 'speedboat leaving Shenjiamen harbour at 17–22 kn (limit 10 kn), an hour at Dengbu, back slowly',
    plan: (ctx) =>
      day(ctx, SJM_MOORING[8], (it, c, o) => {
        const harbour = path(SJM_MOORING[8], [harbourPath(SJM_MOORING[8].lon, 'east'), c.rng.range(17, 22)]);
        const sea = path(HARBOUR.eastGate, [ROUTE.eastGateToDengbuEast, 20]);
        it.stayUntil(c.at(10, c.rng.int(0, 40)));
        const from = it.t;
        follow(it, harbour);
        o.violations.push({ rule: 'speeding', fromMs: from, toMs: it.t });
        follow(it, sea);
        it.stayFor(c.rng.range(45, 90) * MIN, NAV.underway);
        follow(it, reversePath(sea));
        it.sail(reversePath(harbour).points.slice(1), HARBOUR_KN - 1);
      }),
  },
  {
    mmsi: 413900206, name: 'LANJING', callsign: '', imo: null, aisClass: 'B', shipType: 37, length: 13, beam: 4, draught: 1.1, destination: '',
    role: 'yacht that enters the restricted area east of Zhujiajian for 20–40 min',
    plan: (ctx) =>
      day(ctx, MARINA[4], (it, c, o) => {
        const out = marinaOut(MARINA[4], [...ROUTE.marinaToPutuoSouth, ...ROUTE.putuoSouthToZhujiajianEast], 16);
        const g = GROUND.restrictedInside;
        it.stayUntil(c.at(9, c.rng.int(0, 60)));
        follow(it, out);
        it.sail([g.centre], 6);
        const from = it.t;
        it.wander(c.rng, g.centre, g.radiusM, it.t + c.rng.range(20, 40) * MIN, { minKn: 1.5, maxKn: 4, legMin: 2, legMax: 4, maxTurnDeg: 90 });
        it.sail([g.centre], 4);
        o.violations.push({ rule: 'restricted_entry', fromMs: from, toMs: it.t });
        it.sail([out.points[out.points.length - 1]], 8);
        follow(it, reversePath(out));
      }),
  },
  {
    mmsi: 413900207, name: 'HAIYAN 6', callsign: '', imo: null, aisClass: 'B', shipType: 37, length: 11, beam: 3.5, draught: 1, destination: '',
    role: 'sport-fishing boat in the outer waters east of Putuo Shan in the afternoon (a violation while the typhoon closure is in force)',
    plan: (ctx) =>
      day(ctx, MARINA[5], (it, c, o) => {
        const out = marinaOut(MARINA[5], [...ROUTE.marinaToPutuoSouth, ...ROUTE.putuoSouthToOuterEast], 18);
        const g = GROUND.outerEastSportFishing;
        it.stayUntil(Math.min(c.at(14, c.rng.int(0, 30)), c.sunsetMs - 4 * 60 * MIN));
        follow(it, out);
        const from = it.t;
        it.wander(c.rng, g.centre, g.radiusM, it.t + c.rng.range(90, 150) * MIN, { minKn: 2, maxKn: 6, legMin: 5, legMax: 15, maxTurnDeg: 80 });
        const to = it.t;
        const w = c.closure(from, to);
        if (w) o.violations.push({ rule: 'temporary_closure', fromMs: w[0], toMs: w[1] });
        it.sail([out.points[out.points.length - 2]], 18);
        follow(it, reversePath(path(out.points[0], [out.points.slice(1, -1), 18])));
      }),
  },
  {
    mmsi: 413806606, name: 'HAIXING 12', callsign: '', imo: null, aisClass: 'B', shipType: 60, length: 16, beam: 4.5, draught: 1.2, destination: '',
    role: 'passenger-typed boat NOT on the register, shuttling tourists Dengbu east ↔ Taohua east',
    plan: (ctx) =>
      day(ctx, SJM_MOORING[9], (it, c, o) => {
        const harbour = path(SJM_MOORING[9], [harbourPath(SJM_MOORING[9].lon, 'east'), HARBOUR_KN]);
        const sea = path(HARBOUR.eastGate, [ROUTE.eastGateToDengbuEast, 14]);
        it.stayUntil(c.at(8, c.rng.int(0, 40)));
        const from = it.t;
        follow(it, harbour);
        follow(it, sea);
        const trips = c.peak ? c.rng.int(5, 8) : c.rng.int(3, 5);
        shuttle(it, c, LANDING.dengbuEast, LANDING.taohuaEast, { trips, stopMin: [5, 12], kn: [12, 16], lastDepartureMs: c.sunsetMs - 90 * MIN });
        it.stayFor(c.rng.range(5, 10) * MIN, NAV.underway);
        follow(it, reversePath(sea));
        follow(it, reversePath(harbour));
        o.violations.push({ rule: 'illegal_passenger_carrying', fromMs: from, toMs: it.t });
      }),
  },
  // ---- Law enforcement (exempt from closures and restricted areas) ----
  {
    mmsi: 413000155, name: 'HAIJING 2301', callsign: 'BHJ2301', imo: null, aisClass: 'A', shipType: 55, length: 60, beam: 9, draught: 3, destination: 'PATROL',
    role: 'coast guard patrol through the outer waters in the afternoon (exempt)',
    plan: (ctx) =>
      day(ctx, SJM_MOORING[10], (it, c) => {
        const harbour = path(SJM_MOORING[10], [harbourPath(SJM_MOORING[10].lon, 'east'), HARBOUR_KN]);
        const loop = path(HARBOUR.eastGate, [ROUTE.patrolLoop, 16], [[HARBOUR.eastGate], 12]);
        it.stayUntil(Math.min(c.at(13, c.rng.int(0, 30)), c.sunsetMs - 3 * 60 * MIN));
        follow(it, harbour);
        follow(it, loop);
        follow(it, reversePath(harbour));
      }),
  },
  // ---- The rest of the Shenjiamen fleet, laid up in port ----
  ...LAID_UP.map(([mmsi, name, gear, aisClass, length], i): VesselDef => ({
    mmsi, name, callsign: aisClass === 'A' ? `BZP${i}` : '', imo: null, aisClass, shipType: 30, length, beam: Math.round(length / 5), draught: aisClass === 'A' ? 2.5 : 1.2, destination: '',
    role: `${gear} boat laid up in Shenjiamen port`,
    plan: stays(LAID_UP_MOORINGS[i]),
  })),
  // ---- Fishing-net buoys: Class B sets with made-up MMSIs drifting on the tide (not vessels) ----
  ...[
    [100000045, 'NET 0045', GROUND.netBuoys[0]],
    [100000046, 'NET 0046', GROUND.netBuoys[1]],
  ].map(([mmsi, name, at]): VesselDef => ({
    mmsi: mmsi as number, name: name as string, callsign: '', imo: null, aisClass: 'B', shipType: 0, length: 1, beam: 1, draught: 0, destination: '',
    role: 'fishing-net buoy with a made-up MMSI drifting at under 1 kn (a buoy, not a vessel: nothing to flag)',
    plan: (ctx) =>
      day(ctx, at as LatLon, (it, c) => {
        // The tide sets the net one way, then back: ~0.3–0.8 kn, never far from where it was laid.
        it.wander(c.rng, at as LatLon, 400, ctx.dayEndMs - 75 * MIN, { minKn: 0.3, maxKn: 0.8, legMin: 10, legMax: 30, maxTurnDeg: 40 });
        it.sail([at as LatLon], 0.6);
      }, NAV.underway),
  })),
  // ---- A small coastal tanker (Class A) ----
  {
    mmsi: 413466180, name: 'HUAYOU 18', callsign: 'BHY18', imo: null, aisClass: 'A', shipType: 80, length: 52, beam: 9, draught: 3.4, destination: 'ZHOUSHAN',
    role: 'small tanker: leaves the Xiazhimen anchorage and waits 4.75–6 h in open water 2 km east of it at under 1.5 kn (a ship-to-ship transfer rendezvous), then anchors again',
    plan: (ctx) =>
      day(ctx, ANCHORAGE_XIAZHIMEN[1], (it, c, o) => {
        const g = GROUND.tankerRendezvous;
        it.stayUntil(c.at(8, c.rng.int(0, 60)), NAV.anchored);
        it.sail([g.centre], 6);
        const from = it.t;
        it.wander(c.rng, g.centre, g.radiusM, it.t + c.rng.range(285, 360) * MIN, { minKn: 0.3, maxKn: 1.5, legMin: 10, legMax: 30, maxTurnDeg: 120 });
        o.violations.push({ rule: 'loitering', fromMs: from, toMs: it.t });
        it.sail([ANCHORAGE_XIAZHIMEN[1]], 6);
      }, NAV.anchored),
  },
  // ---- Cargo (Class A): Xiazhimen anchorage ↔ Beilun, alternate days ----
  cargo(477123400, 'ORIENT GLORY', 'VRAB7', 9400123, 70, 180, 30, 9.5, 0),
  cargo(413355550, 'ZHOUSHAN HAIYUN 9', 'BZHY9', 9512345, 70, 98, 16, 6.2, 1),
];

function cargo(mmsi: number, name: string, callsign: string, imo: number, shipType: number, length: number, beam: number, draught: number, phase: number): VesselDef {
  const anchor = ANCHORAGE_XIAZHIMEN[phase];
  const toBeilun = path(anchor, [ROUTE.xiazhimenToBeilun.slice(0, -1), 12], [[nudge(BERTH.beilun, phase * 0.003, phase * 0.004)], 5]);
  const toAnchorage = reversePath(toBeilun);
  return {
    mmsi, name, callsign, imo, aisClass: 'A', shipType, length, beam, draught, destination: 'NINGBO',
    role: 'cargo ship: Xiazhimen anchorage ↔ Beilun through the Xiazhimen channel, one way a day',
    plan: (ctx) => {
      const atAnchorage = (Math.floor(ctx.dayStartMs / 86_400_000) + phase) % 2 === 0;
      const route = atAnchorage ? toBeilun : toAnchorage;
      return day(
        ctx,
        route.points[0],
        (it, c) => {
          it.stayUntil(c.at(c.rng.int(7, 12), c.rng.int(0, 59)), atAnchorage ? NAV.anchored : NAV.moored);
          follow(it, route, c.rng.range(0.95, 1.05));
        },
        atAnchorage ? NAV.moored : NAV.anchored,
      );
    },
  };
}
