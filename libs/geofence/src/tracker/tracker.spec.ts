import { describe, expect, it } from 'vitest';
import { at, makeEngine, MIN, posMsg, rectZone, staticMsg, Voyage } from '../testing/fixtures.js';

const T0 = Date.parse('2025-07-01T02:00:00Z');
const zones = () => [rectZone('port', 'port', 0, 0, 1000, 1000), rectZone('r', 'restricted', 3000, 0, 4000, 1000)];

describe('tracker', () => {
  it('merges static data from types 5, 19 and 24 A/B and classifies the vessel', () => {
    const e = makeEngine(zones());
    e.process(staticMsg(412000001, null, 'LAOWANG', 0, 24, 0), T0);
    expect(e.snapshot(412000001)).toMatchObject({ name: 'LAOWANG', aisClass: 'B', category: 'leisure' });
    e.process(staticMsg(412000001, 37, '', 9, 24, 1), T0 + 1000);
    expect(e.snapshot(412000001)).toMatchObject({ name: 'LAOWANG', shipType: 37, length: 9, category: 'leisure' });
    e.process(staticMsg(413000002, 30, 'ZHEPUYU 1', 30, 5), T0);
    expect(e.snapshot(413000002)).toMatchObject({ aisClass: 'A', category: 'fishing', length: 30, callsign: 'BXYZ' });
    e.process(staticMsg(413000003, 60, 'FERRY', 40, 19), T0);
    expect(e.snapshot(413000003)).toMatchObject({ aisClass: 'B', category: 'passenger' });
  });

  it('takes the registry over AIS for category and name', () => {
    const e = makeEngine(zones(), ['412000009,普陀快客,passenger,,80,Banshengdong,']);
    e.process(staticMsg(412000009, 37, 'XX', 12, 24, 1), T0);
    expect(e.snapshot(412000009)).toMatchObject({ name: '普陀快客', category: 'passenger', registered: true });
  });

  it('ignores not-available positions, out-of-order and duplicate fixes', () => {
    const e = makeEngine(zones());
    const p = at(500, 500);
    e.process(posMsg(1, p, 5, 90), T0);
    e.process(posMsg(1, { lat: 91, lon: 181 }, null, null), T0 + 10_000);
    e.process(posMsg(1, { lat: null, lon: null } as never, null, null), T0 + 11_000);
    expect(e.track(1)).toHaveLength(1);
    e.process(posMsg(1, at(600, 500), 5, 90), T0 + 20_000);
    e.process(posMsg(1, at(550, 500), 5, 90), T0 + 15_000); // late
    e.process(posMsg(1, at(600, 500), 5, 90), T0 + 20_000); // duplicate
    const track = e.track(1);
    expect(track).toHaveLength(2);
    expect(e.snapshot(1)!.lastHeardAt).toBe(new Date(T0 + 20_000).toISOString());
    expect(e.vesselState(1)!.outOfOrder).toBe(1);
  });

  it('does not believe an impossible jump until a second fix confirms it', () => {
    const e = makeEngine(zones());
    e.process(posMsg(1, at(0, 0), 10, 90), T0);
    e.process(posMsg(1, at(50_000, 0), 10, 90), T0 + 10_000); // 50 km in 10 s
    expect(e.snapshot(1)!.lon).toBeCloseTo(at(0, 0).lon, 6);
    e.process(posMsg(1, at(30, 0), 10, 90), T0 + 20_000); // back where it should be
    expect(e.snapshot(1)!.lon).toBeCloseTo(at(30, 0).lon, 6);
    // A real relocation (two consistent fixes at the new place) is believed.
    e.process(posMsg(1, at(80_000, 0), 10, 90), T0 + 30_000);
    e.process(posMsg(1, at(80_050, 0), 10, 90), T0 + 40_000);
    expect(e.snapshot(1)!.lon).toBeCloseTo(at(80_050, 0).lon, 6);
    expect(e.vesselState(1)!.jumps!.length).toBe(3);
  });

  it('derives enter/exit from membership with an exit grace against edge jitter', () => {
    const e = makeEngine(zones());
    const v = new Voyage(7, T0, -500, 500).sailTo(500, 500, 6).stop(5);
    for (const [m, t] of v.out) e.process(m, t);
    const st = e.vesselState(7)!;
    expect(e.snapshot(7)!.zones).toEqual(['port']);
    const entered = st.enteredAt(0)!;
    // Jitter across the western edge: out for 30 s, back in.
    e.process(posMsg(7, at(-20, 500), 0.2, 0), v.now + 10_000);
    e.process(posMsg(7, at(-25, 500), 0.2, 0), v.now + 40_000);
    expect(e.snapshot(7)!.zones).toEqual(['port']);
    e.process(posMsg(7, at(10, 500), 0.2, 0), v.now + 50_000);
    expect(st.enteredAt(0)).toBe(entered);
    // Really gone: outside for longer than the grace.
    e.process(posMsg(7, at(-300, 500), 4, 270), v.now + 60_000);
    e.process(posMsg(7, at(-600, 500), 4, 270), v.now + 60_000 + 3 * MIN);
    expect(e.snapshot(7)!.zones).toEqual([]);
  });

  it('segments stops and legs with 0.5/3.5 kn hysteresis', () => {
    const e = makeEngine(zones());
    const v = new Voyage(8, T0, 500, 500).stop(10).sailTo(3500, 500, 12).stop(6).sailTo(500, 500, 12).stop(2);
    for (const [m, t] of v.out) e.process(m, t);
    const segs = e.vesselState(8)!.segments!;
    expect(segs.map((s) => s.kind)).toEqual(['stop', 'leg', 'stop', 'leg']);
    expect(segs[0].startPlace).toBe('port');
    expect(segs[1].pathM).toBeGreaterThan(2900);
    expect(segs[1].pathM).toBeLessThan(3100);
    // 2 kn is between the thresholds: no state change.
    e.process(posMsg(8, at(500, 510), 2, 0, { type: 18 }), v.now + 10_000);
    expect(e.snapshot(8)!.motion).toBe('stopped');
  });

  it('reports changed vessels once per drain', () => {
    const e = makeEngine(zones());
    e.process(posMsg(1, at(0, 0), 1, 0), T0);
    e.process(posMsg(1, at(1, 0), 1, 0), T0 + 10_000);
    e.process(posMsg(2, at(0, 0), 1, 0), T0 + 10_000);
    expect(e.drainChangedVessels().map((s) => s.mmsi)).toEqual([1, 2]);
    expect(e.drainChangedVessels()).toEqual([]);
  });
});
