/**
 * The Zhoushan traffic simulator: deterministic for a seed, AIS reporting rates per class,
 * every sentence decodes, routes stay on water, the script's lawful vessels keep the rules,
 * the truth follows the date, and live mode paces frames in scenario time.
 */
import { createHash } from 'node:crypto';
import { getTimes } from 'suncalc';
import { describe, expect, it } from 'vitest';
import { AisDecoder } from '@seawarden/ais';
import type { AisMessage } from '@seawarden/contracts';
import { loadZhoushanScenario } from '@seawarden/geofence/scenario';
import { liveFrames, simulate } from '../apps/ingestor/src/simulator/index.js';
import { FLEET } from '../apps/ingestor/src/simulator/zhoushan/fleet.js';
import { STATIONS } from '../apps/ingestor/src/simulator/zhoushan/places.js';
import { VesselRunner } from '../apps/ingestor/src/simulator/vessel-runner.js';
import { scenarioDefinition } from '../apps/ingestor/src/simulator/scenarios.js';
import { inRing } from '../apps/ingestor/src/simulator/nav-math.js';

const START = new Date('2026-07-18T00:00:00+08:00');
const scenario = loadZhoushanScenario();

function digest(sim: ReturnType<typeof simulate>): { hash: string; lines: number } {
  const h = createHash('sha256');
  let lines = 0;
  for (const f of sim.frames()) {
    h.update(`${f.atMs}\n`);
    for (const l of f.lines) {
      h.update(l);
      lines++;
    }
  }
  return { hash: h.digest('hex'), lines };
}

function decodeAll(sim: ReturnType<typeof simulate>) {
  const messages: AisMessage[] = [];
  const rejections: unknown[] = [];
  const decoder = new AisDecoder({ onMessage: (m) => messages.push(m), onReject: (r) => rejections.push(r) });
  let frameOrder = true;
  let last = -Infinity;
  for (const f of sim.frames()) {
    if (f.atMs <= last) frameOrder = false;
    last = f.atMs;
    for (const l of f.lines) decoder.push(l);
  }
  decoder.flush();
  return { messages, rejections, counters: decoder.counters, frameOrder };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

describe('simulator determinism', () => {
  it('gives the same sentences for the same seed and different ones for another seed', () => {
    const a = digest(simulate({ scenario: 'zhoushan', start: START, hours: 6, seed: 42 }));
    const b = digest(simulate({ scenario: 'zhoushan', start: START, hours: 6, seed: 42 }));
    const c = digest(simulate({ scenario: 'zhoushan', start: START, hours: 6, seed: 43 }));
    expect(a.lines).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    expect(c.hash).not.toEqual(a.hash);
  }, 60_000);

  it('plans a day the same whatever hour the run starts', () => {
    const full = simulate({ scenario: 'zhoushan', start: START, hours: 24, seed: 5 });
    const late = simulate({ scenario: 'zhoushan', start: new Date(START.getTime() + 6 * 3_600_000), hours: 18, seed: 5 });
    const lateRules = late.truth.map((t) => JSON.stringify(t));
    // Violations wholly after 06:00 are the same records in both runs.
    const expected = full.truth.filter((t) => Date.parse(t.from) >= START.getTime() + 6 * 3_600_000).map((t) => JSON.stringify(t));
    expect(lateRules).toEqual(expected);
  });
});

describe('simulated NMEA', () => {
  const sim = simulate({ scenario: 'zhoushan', start: START, hours: 24, seed: 1 });
  const { messages, rejections, counters, frameOrder } = decodeAll(sim);

  it('decodes every sentence with zero rejections, with tag-block time and station', () => {
    expect(rejections).toEqual([]);
    expect(counters.rejected).toEqual({});
    expect(counters.lines).toBeGreaterThan(30_000);
    expect(frameOrder).toBe(true);
    const stations = new Set(STATIONS.map((s) => s.id));
    for (const m of messages) {
      expect(m.receivedAt).not.toBeNull();
      expect(stations.has(String(m.source))).toBe(true);
    }
    const types = new Set(messages.map((m) => m.type));
    expect([...types].sort((a, b) => a - b)).toEqual([1, 5, 8, 18, 24]);
    // Ferries report persons on board within their licence.
    const cap = new Map(FLEET.map((v) => [v.mmsi, v.personsCapacity ?? 0]));
    const pob = messages.filter((m) => m.type === 8);
    expect(pob.length).toBeGreaterThan(50);
    for (const m of pob) expect(m.personsOnBoard).toBeLessThanOrEqual(cap.get(m.mmsi)!);
    const t0 = Date.parse(messages[0].receivedAt!);
    const t1 = Date.parse(messages[messages.length - 1].receivedAt!);
    expect(t0).toBeGreaterThanOrEqual(sim.startMs);
    expect(t1).toBeLessThan(sim.endMs);
  });

  it('reports at the ITU-R M.1371 rates of each class and speed', () => {
    const classOf = new Map(FLEET.map((v) => [v.mmsi, v.aisClass]));
    const last = new Map<string, { t: number; m: AisMessage }>();
    const gaps: Record<string, number[]> = {};
    const add = (k: string, dt: number) => (gaps[k] ??= []).push(dt);
    for (const m of messages) {
      const t = Date.parse(m.receivedAt!);
      const pos = m.type === 1 || m.type === 18;
      const key = `${m.mmsi}:${pos ? 'pos' : m.type === 24 ? `24${m.partNo}` : m.type}`;
      const prev = last.get(key);
      last.set(key, { t, m });
      if (!prev) continue;
      const dt = (t - prev.t) / 1000;
      const cls = classOf.get(m.mmsi);
      if (!pos) {
        add(m.type === 8 ? `${cls} persons on board (type 8)` : `${cls} static type ${m.type}${m.type === 24 ? (m.partNo === 0 ? 'A' : 'B') : ''}`, dt);
        continue;
      }
      // Rate set by the previous report's state, judged only when the state did not change.
      const s0 = prev.m.sog ?? 0;
      const s1 = m.sog ?? 0;
      if (cls === 'A') {
        const moored = (prev.m.navStatus === 1 || prev.m.navStatus === 5) && s0 <= 3 && (m.navStatus === 1 || m.navStatus === 5);
        if (moored) add('A anchored/moored', dt);
        else if (s0 > 0.5 && s0 <= 13.5 && s1 <= 13.5 && s1 > 0.5) add('A 0–14 kn', dt);
        else if (s0 > 14.5 && s0 <= 22.5 && s1 > 14.5 && s1 <= 22.5) add('A 14–23 kn', dt);
        else if (s0 > 23.5 && s1 > 23.5) add('A > 23 kn', dt);
      } else if (s0 > 2.5 && s1 > 2.5) add('B > 2 kn', dt);
      else if (s0 < 1.5 && s1 < 1.5) add('B ≤ 2 kn', dt);
    }
    const medians = Object.fromEntries(Object.entries(gaps).map(([k, v]) => [k, Math.round(median(v))]));
    console.log('median reporting intervals (s):', medians);
    expect(medians).toMatchObject({
      'A anchored/moored': 180,
      'A 0–14 kn': 10,
      'A 14–23 kn': 6,
      'A > 23 kn': 2,
      'B > 2 kn': 30,
      'B ≤ 2 kn': 180,
      'A static type 5': 360,
      'B static type 24A': 360,
      'B static type 24B': 360,
    });
  });

  it('sends the static data of each vessel with its registry name', () => {
    const names = new Map<number, string>();
    for (const m of messages) if (typeof m.name === 'string') names.set(m.mmsi, m.name);
    for (const v of FLEET) expect(names.get(v.mmsi), `${v.mmsi}`).toBe(v.name);
  });
});

describe('scenario geography and script', () => {
  const land = scenario.raw.land.features.map((f) => (f.geometry.coordinates as number[][][])[0]);
  const zone = (id: string) => scenario.raw.zones.features.find((f) => f.properties.id === id)!;
  const ring = (id: string) => (zone(id).geometry.coordinates as number[][][])[0];
  const def = scenarioDefinition('zhoushan');
  const day = START.getTime();

  /** Every vessel's planned position each 20 s over the day. */
  function* samples(vesselFilter: (mmsi: number) => boolean = () => true) {
    for (const v of FLEET) {
      if (!vesselFilter(v.mmsi)) continue;
      const r = new VesselRunner(v, 1, def.centre, def.closures);
      for (let t = day; t < day + 86_400_000; t += 20_000) yield { v, t, k: r.at(t) };
    }
  }

  /** ZHEPUYU 60155's crew drive its transponder ashore on moratorium days (identity: position on land). */
  const ASHORE_MMSI = 412420130;

  it('keeps every vessel on water (rough island outlines), but the transponder scripted ashore', () => {
    const onLand: string[] = [];
    for (const { v, t, k } of samples((mmsi) => mmsi !== ASHORE_MMSI)) {
      if (land.some((r) => inRing(k, r))) onLand.push(`${v.name} ${new Date(t).toISOString()} ${k.lat.toFixed(4)},${k.lon.toFixed(4)}`);
    }
    expect(onLand.slice(0, 10)).toEqual([]);
    let inlandMs = 0;
    for (const { k } of samples((mmsi) => mmsi === ASHORE_MMSI)) if ((scenario.land.locate(k.lat, k.lon)?.inlandM ?? 0) > 2000) inlandMs += 20_000;
    expect(inlandMs).toBeGreaterThan(7 * 3_600_000);
  });

  it('keeps the lawful vessels within the rules the detectors check', () => {
    const sim = simulate({ scenario: 'zhoushan', start: START, hours: 24, seed: 1 });
    const lawful = new Set(sim.vessels.filter((v) => v.lawful).map((v) => v.mmsi));
    expect(lawful.size).toBeGreaterThan(10);
    const speedZone = ring('speed-shenjiamen-harbour');
    const restricted = ring('restricted-zhujiajian-east');
    const closure = zone('closure-typhoon-20260718');
    const cFrom = Date.parse(String(closure.properties.validFrom));
    const cTo = Date.parse(String(closure.properties.validTo));
    const sun = getTimes(new Date(day + 12 * 3_600_000), def.centre.lat, def.centre.lon);
    const dark = (t: number) => t < sun.sunrise!.getTime() || t > sun.sunset!.getTime();
    const problems: string[] = [];
    for (const { v, t, k } of samples((m) => lawful.has(m))) {
      const at = `${v.name} ${new Date(t).toISOString()}`;
      if ([30, 36, 37].includes(v.shipType) && k.sog > 0 && dark(t)) problems.push(`${at} under way at night`);
      if (inRing(k, speedZone) && k.sog > 10) problems.push(`${at} ${k.sog} kn in the harbour`);
      if (inRing(k, restricted)) problems.push(`${at} in the restricted area`);
      if (v.shipType !== 55 && t >= cFrom && t < cTo && k.sog > 0 && inRing(k, (closure.geometry.coordinates as number[][][])[0])) problems.push(`${at} in the closure`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('lists in the registry exactly the scripted vessels it should, under the same names', () => {
    const registered = [...scenario.registry.entries()];
    const fleet = new Map(FLEET.map((v) => [v.mmsi, v]));
    for (const e of registered) expect(fleet.get(e.mmsi)?.name, `${e.mmsi}`).toBe(e.name);
    const passengerTyped = FLEET.filter((v) => v.shipType >= 60 && v.shipType <= 69);
    expect(passengerTyped.filter((v) => !scenario.registry.isLicensedPassenger(v.mmsi)).map((v) => v.name)).toEqual(['HAIXING 12']);
  });

  it('scripts the fishing-ban and closure violations only when the date calls for them', () => {
    const summer = simulate({ scenario: 'zhoushan', start: START, hours: 24, seed: 3 });
    const winter = simulate({ scenario: 'zhoushan', start: new Date('2026-11-21T00:00:00+08:00'), hours: 24, seed: 3 });
    const rules = (s: typeof summer) => new Set(s.truth.map((t) => t.rule));
    expect(rules(summer)).toEqual(new Set(['fishing_during_ban', 'temporary_closure', 'ais_gap', 'identity', 'illegal_passenger_carrying', 'night_operation', 'restricted_entry', 'speeding', 'loitering']));
    expect(rules(winter)).toEqual(new Set(['ais_gap', 'identity', 'illegal_passenger_carrying', 'night_operation', 'restricted_entry', 'speeding', 'loitering']));
    // Outside the moratorium the trawler's day at sea is lawful.
    expect(winter.vessels.find((v) => v.mmsi === 412420101)?.lawful).toBe(true);
    // The ban ends 09-16 12:00 Beijing time: a trawl that morning is cut at noon.
    const lastDay = simulate({ scenario: 'zhoushan', start: new Date('2026-09-16T00:00:00+08:00'), hours: 24, seed: 3 });
    const ban = lastDay.truth.filter((t) => t.rule === 'fishing_during_ban');
    expect(ban.length).toBeGreaterThan(0);
    for (const t of ban) expect(t.to <= '2026-09-16T04:00:00.000Z').toBe(true);
  });
});

describe('day plans all year', () => {
  it('plans every day of 2026 for every vessel, contiguous from midnight to midnight', () => {
    const def = scenarioDefinition('zhoushan');
    const problems: string[] = [];
    for (const seed of [1, 2]) {
      for (const v of FLEET) {
        const r = new VesselRunner(v, seed, def.centre, def.closures);
        for (let d = Date.parse('2026-01-01T00:00:00+08:00'); d < Date.parse('2027-01-01T00:00:00+08:00'); d += 86_400_000) {
          let plan;
          try {
            plan = r.day(d).plan;
          } catch (e) {
            problems.push(`${v.name} ${new Date(d).toISOString()}: ${(e as Error).message}`);
            continue;
          }
          const segs = plan.segments;
          if (segs[0].t0 !== d || segs[segs.length - 1].t1 !== d + 86_400_000) problems.push(`${v.name} ${new Date(d).toISOString()}: does not span the day`);
          for (let i = 1; i < segs.length; i++) if (segs[i].t0 !== segs[i - 1].t1) problems.push(`${v.name} ${new Date(d).toISOString()}: gap at segment ${i}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  }, 60_000);
});

describe('live frames', () => {
  it('paces frames by scenario time at the speed factor, starting at the given time', async () => {
    let clock = 1_000_000;
    const waits: number[] = [];
    const startMs = Date.parse('2026-07-18T10:00:00+08:00');
    const frames = [];
    for await (const f of liveFrames({ seed: 9, speed: 10, startMs, now: () => clock, sleep: async (ms) => { waits.push(ms); clock += ms; } })) {
      frames.push(f);
      if (frames.length === 200) break;
    }
    expect(frames[0].atMs).toBeGreaterThanOrEqual(startMs);
    for (let i = 1; i < frames.length; i++) expect(frames[i].atMs).toBeGreaterThan(frames[i - 1].atMs);
    // Real time elapsed = scenario time elapsed / speed.
    expect(clock - 1_000_000).toBeCloseTo((frames[frames.length - 1].atMs - startMs) / 10, -1);
    expect(waits.length).toBeGreaterThan(10);
  });
});
