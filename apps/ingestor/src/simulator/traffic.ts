import { encodeMessage } from '@seawarden/ais';
import type { AlertRule } from '@seawarden/contracts';
import { localDayStart, type Violation } from './day-context.js';
import { NAV } from './itinerary.js';
import { personsOnBoardReport, positionReport, staticReports, type Fix } from './messages.js';
import { MinHeap } from './min-heap.js';
import { distanceM, offset } from './nav-math.js';
import { Prng } from './prng.js';
import { positionIntervalS, STATIC_INTERVAL_S } from './reporting.js';
import { VesselRunner } from './vessel-runner.js';
import type { VesselDef } from './vessel.js';
import type { ScenarioDefinition } from './scenarios.js';

/** All sentences with the same receive second. */
export interface Frame {
  atMs: number;
  lines: string[];
}

/** One scripted violation a correct detector must flag (ISO times). */
export interface TruthRecord {
  rule: AlertRule;
  mmsi: number;
  from: string;
  to: string;
}

export interface VesselSummary {
  mmsi: number;
  name: string;
  role: string;
  /** No scripted violation touches the run: a correct detector raises nothing on it. */
  lawful: boolean;
}

/** Share of transmissions not received (slot collisions, range): realistic, and detectors must cope. */
const LOSS = 0.01;
const DAY = 86_400_000;

interface Event {
  t: number;
  id: number;
  vessel: number;
  kind: 'pos' | 'static' | 'pob';
}

/** Persons-on-board broadcasts of ferries under way, every 10 minutes. */
const POB_INTERVAL_S = 600;

/**
 * The scenario's transmissions in time order from `startMs` (to `endMs`, or for ever), as NMEA
 * with `s:`/`c:` tag blocks. Deterministic for (scenario, seed, startMs).
 */
export class TrafficGenerator {
  private readonly runners: VesselRunner[];
  private readonly heap = new MinHeap<Event>();
  private readonly rng: Prng;
  private readonly channel: string[];
  private readonly seqByStation = new Map<string, number>();
  private readonly heading: number[];
  private pending: Frame | null = null;

  constructor(
    private readonly scenario: ScenarioDefinition,
    seed: number,
    readonly startMs: number,
    readonly endMs = Infinity,
  ) {
    this.runners = scenario.fleet.map((v) => new VesselRunner(v, seed, scenario.centre, scenario.closures));
    this.rng = Prng.derive(seed, 'transmissions', startMs);
    this.channel = this.runners.map(() => 'A');
    this.heading = this.runners.map(() => this.rng.int(0, 359));
    this.runners.forEach((r, i) => {
      const k = r.at(startMs);
      this.heap.push({ t: startMs + this.rng.range(0, positionIntervalS(r.def.aisClass, k)) * 1000, id: i * 3, vessel: i, kind: 'pos' });
      this.heap.push({ t: startMs + this.rng.range(0, STATIC_INTERVAL_S) * 1000, id: i * 3 + 1, vessel: i, kind: 'static' });
      if (r.def.personsCapacity) this.heap.push({ t: startMs + this.rng.range(0, POB_INTERVAL_S) * 1000, id: i * 3 + 2, vessel: i, kind: 'pob' });
    });
  }

  /** The next frame, or null at the end of the run. */
  next(): Frame | null {
    for (;;) {
      const e = this.heap.peek();
      if (!e || e.t >= this.endMs) {
        const last = this.pending;
        this.pending = null;
        return last;
      }
      const sec = Math.floor(e.t / 1000) * 1000;
      if (this.pending && this.pending.atMs !== sec) {
        const out = this.pending;
        this.pending = null;
        return out;
      }
      this.heap.pop();
      const lines = this.transmit(e);
      if (lines.length > 0) {
        if (!this.pending) this.pending = { atMs: sec, lines: [] };
        this.pending.lines.push(...lines);
      }
    }
  }

  private transmit(e: Event): string[] {
    const r = this.runners[e.vessel];
    const v = r.def;
    const k = r.at(e.t);
    // Schedule the next report of this kind first: what is sent must not change the timing.
    if (e.kind === 'pos') {
      const interval = positionIntervalS(v.aisClass, k) * 1000;
      let next = e.t + interval * this.rng.range(0.97, 1.03);
      const change = r.nextSpeedChange(e.t);
      if (change < next) {
        const after = r.at(Math.min(change + 1000, localDayStart(e.t) + DAY - 1));
        if (positionIntervalS(v.aisClass, after) * 1000 < interval) next = change + this.rng.range(500, 2500);
      }
      this.heap.push({ ...e, t: next });
    } else {
      const every = e.kind === 'static' ? STATIC_INTERVAL_S : POB_INTERVAL_S;
      this.heap.push({ ...e, t: e.t + every * 1000 + this.rng.range(-2000, 2000) });
    }
    const lost = this.rng.chance(LOSS);
    if (r.isDark(e.t) || lost) return [];

    const station = this.station(k);
    const tagC = Math.floor(e.t / 1000);
    let messages: Record<string, unknown>[];
    if (e.kind === 'pos') messages = [positionReport(v, this.fix(e.vessel, k, e.t))];
    else if (e.kind === 'static') messages = staticReports(v);
    else if (k.sog > 3) messages = [personsOnBoardReport(v, this.personsOnBoard(v, r, e.t))];
    else return [];
    const lines: string[] = [];
    for (const m of messages) {
      const seq = this.seqByStation.get(station) ?? 0;
      this.seqByStation.set(station, seq + 1);
      const channel = (this.channel[e.vessel] = this.channel[e.vessel] === 'A' ? 'B' : 'A');
      lines.push(...encodeMessage(m, { talker: 'AI', channel, sequenceId: seq % 10, tagBlock: { s: station, c: tagC, groupId: (seq % 9999) + 1 } }));
    }
    return lines;
  }

  /** The reported fix: GPS noise, speed and course jitter, AIS resolutions. */
  private fix(i: number, k: ReturnType<VesselRunner['at']>, t: number): Fix {
    const v = this.runners[i].def;
    const rng = this.rng;
    const moving = k.sog > 0;
    const sigmaM = v.aisClass === 'A' ? 2 : 4;
    const p = offset(k, rng.range(0, 360), Math.abs(rng.normal()) * sigmaM);
    const sog = moving ? Math.max(0, k.sog + rng.normal() * 0.15) : Math.abs(rng.normal() * 0.05);
    const cog = moving ? (k.cog + rng.normal() * 1.5 + 360) % 360 : rng.range(0, 359.9);
    let heading: number | null = null;
    if (v.aisClass === 'A') heading = Math.round(moving ? (k.cog + rng.normal() * 2 + 360) % 360 : this.heading[i]) % 360;
    return {
      lat: Math.round(p.lat * 600_000) / 600_000,
      lon: Math.round(p.lon * 600_000) / 600_000,
      sog: Math.round(sog * 10) / 10,
      cog: Math.round(cog * 10) / 10 % 360,
      heading,
      navStatus: v.aisClass === 'A' ? k.navStatus : NAV.underway,
      second: Math.floor(t / 1000) % 60,
    };
  }

  /** Passengers of the current trip (35–90 % of the licence, fixed per trip) plus a crew of 4. */
  private personsOnBoard(v: VesselDef, r: VesselRunner, t: number): number {
    const share = 0.35 + 0.55 * Prng.derive(v.mmsi, 'pob', Math.floor(r.departureBefore(t) / 60_000)).next();
    return Math.min(v.personsCapacity!, Math.round(v.personsCapacity! * share) + 4);
  }

  private station(p: { lat: number; lon: number }): string {
    let best = this.scenario.stations[0];
    let bestD = Infinity;
    for (const s of this.scenario.stations) {
      const d = distanceM(p, s.at);
      if (d < bestD) {
        bestD = d;
        best = s;
      }
    }
    return best.id;
  }
}

/**
 * The scripted violations of a run. An episode counts only when the run holds all of it (a
 * detector cannot be asked to flag what it saw only the tail of); a vessel with any episode
 * touching the run is not lawful.
 */
export function scriptedViolations(
  scenario: ScenarioDefinition,
  seed: number,
  startMs: number,
  endMs: number,
): { truth: TruthRecord[]; vessels: VesselSummary[] } {
  const truth: TruthRecord[] = [];
  const vessels: VesselSummary[] = [];
  for (const def of scenario.fleet) {
    const runner = new VesselRunner(def, seed, scenario.centre, scenario.closures);
    let touched = false;
    for (let d = localDayStart(startMs); d < endMs; d += DAY) {
      for (const v of runner.day(d).plan.violations) {
        if (v.toMs <= startMs || v.fromMs >= endMs) continue;
        touched = true;
        const w: Violation | null = v.fromMs >= startMs && v.toMs <= endMs ? v : null;
        if (w) truth.push({ rule: w.rule, mmsi: def.mmsi, from: new Date(w.fromMs).toISOString(), to: new Date(w.toMs).toISOString() });
      }
    }
    vessels.push({ mmsi: def.mmsi, name: def.name, role: def.role, lawful: !touched });
  }
  truth.sort((a, b) => a.from.localeCompare(b.from) || a.mmsi - b.mmsi);
  return { truth, vessels };
}

