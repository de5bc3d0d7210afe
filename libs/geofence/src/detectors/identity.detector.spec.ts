import { describe, expect, it } from 'vitest';
import { at, bj, makeEngine, posMsg, rectZone, staticMsg, Voyage, run } from '../testing/fixtures.js';

const T = bj('2025-07-05T10:00');
const zones = () => [rectZone('port', 'port', -1000, -1000, 1000, 1000)];
const identity = (e: ReturnType<typeof makeEngine>) => e.openAlerts().filter((a) => a.rule === 'identity');

describe('identity', () => {
  it('flags one MMSI in two places at once (alternating far-apart fixes)', () => {
    const e = makeEngine(zones());
    let t = T;
    for (let i = 0; i < 12; i++) {
      t += 10_000;
      const p = i % 2 ? at(30_000 + i * 30, 0) : at(i * 30, 0);
      e.process(posMsg(412100001, p, 6, 90), t);
    }
    const [a] = identity(e);
    expect(a).toBeDefined();
    expect(a.severity).toBe('high');
    expect(a.reason.en).toMatch(/two places at once/);
    expect(a.evidence.filter((x) => x.kind === 'position_jump').length).toBeGreaterThanOrEqual(2);
  });

  it('flags one MMSI alternating between two names', () => {
    const e = makeEngine(zones());
    const names = ['ZHEPUYU 1', 'MINGYU 7', 'ZHEPUYU 1', 'MINGYU 7'];
    names.forEach((n, i) => e.process(staticMsg(412100002, 30, n, 30), T + i * 6 * 60_000));
    const [a] = identity(e);
    expect(a.severity).toBe('medium');
    expect(a.reason.en).toMatch(/several names: ZHEPUYU 1, MINGYU 7/);
  });

  it('flags an invalid MID on a vessel under way, but not a drifting net buoy', () => {
    const e = makeEngine(zones());
    const cs = run(e, new Voyage(100200300, T, 5000, 0).sailTo(8000, 0, 9).out, new Voyage(899001234, T, 5000, 3000).stop(60, 60, 0.3).out);
    const opened = cs.filter((c) => c.kind === 'opened' && c.alert.rule === 'identity');
    expect(opened.map((c) => c.alert.mmsi)).toEqual([100200300]);
    expect(opened[0].alert.reason.en).toMatch(/MID 100 is not an allocated ship MID/);
  });

  it('does not fire for a single GPS glitch, a one-off rename, or a normal track', () => {
    const e = makeEngine(zones());
    const v = new Voyage(412100003, T, 0, 0, 1).sailTo(5000, 0, 10);
    const glitch = posMsg(412100003, at(40_000, 40_000), 10, 90);
    run(e, v.out, [[glitch, T + 60_500]]);
    e.process(staticMsg(412100003, 30, 'OLD NAME', 30), T + 1000);
    e.process(staticMsg(412100003, 30, 'NEW NAME', 30), T + 400_000);
    run(e, new Voyage(412100004, T, 0, 2000, 1).sailTo(5000, 2000, 12).out);
    expect(identity(e)).toEqual([]);
  });

  describe('position on land', () => {
    // A square island 10 km across around (20 km, 0) from the origin.
    const ring = [at(15_000, -5000), at(25_000, -5000), at(25_000, 5000), at(15_000, 5000), at(15_000, -5000)].map((p) => [p.lon, p.lat]);
    const island = { type: 'Feature', properties: { id: 'isle', name: { zh: '测试岛', en: 'Test Island' } }, geometry: { type: 'Polygon', coordinates: [ring] } };
    const engine = (registry: string[] = []) => makeEngine(zones(), registry, {}, [island]);

    it('flags a transponder well inland: low when it sits still, with the island and the distance as evidence', () => {
      const e = engine();
      run(e, new Voyage(412100010, T, 19_000, 0, 1).stop(60).out);
      const [a] = identity(e);
      expect(a.severity).toBe('low');
      expect(a.reason.en).toBe('identity anomaly: reported position on Test Island, 4.0 km inland');
      const [ev] = a.evidence.filter((x) => x.kind === 'position_on_land');
      expect(ev.reason.zh).toMatch(/测试岛陆地上，距海岸线 4.0 公里/);
      expect(ev.data).toEqual({ landId: 'isle', inlandM: expect.closeTo(4000, -2) });
    });

    it('is medium for a fishing vessel, or for a track moving across the land', () => {
      const e = engine(['412100011,ZHEPUYU 1,fishing,trawl,,,']);
      run(e, new Voyage(412100011, T, 19_000, 0, 1).stop(30).out, new Voyage(412100012, T, 17_000, -3000, 1).sailTo(17_000, 3000, 8).out);
      expect(identity(e).map((a) => [a.mmsi, a.severity])).toEqual([
        [412100011, 'medium'],
        [412100012, 'medium'],
      ]);
    });

    it('closes when the positions are back at sea, and never fires near the shore or at sea', () => {
      const e = engine();
      const v = new Voyage(412100013, T, 19_000, 0, 1).stop(30).sailTo(30_000, 0, 10).stop(40, 30, 0.1);
      const changes = run(e, v.out, new Voyage(412100014, T, 15_500, 0, 1).stop(90).out, new Voyage(412100015, T, 30_000, 3000, 1).sailTo(40_000, 3000, 10).out);
      // (updated on the way: medium once it moves across the land, and the distance inland)
      const mine = changes.filter((c) => c.alert.rule === 'identity' && c.kind !== 'updated').map((c) => [c.alert.mmsi, c.kind]);
      expect(mine).toEqual([
        [412100013, 'opened'],
        [412100013, 'closed'],
      ]);
    });

    it('an engine rebuilt from the saved state (a configuration change) keeps one piece of land evidence', () => {
      const e = engine();
      const v = new Voyage(412100017, T, 19_000, 0, 1).stop(20);
      run(e, v.out);
      const next = engine();
      next.importState(e.exportState());
      run(next, v.stop(30).out.slice(-60));
      const [a] = identity(next);
      expect(a.evidence.filter((x) => x.kind === 'position_on_land')).toHaveLength(1);
    });

    it('checks a vessel against the land at most every landCheckEveryMs', () => {
      const e = makeEngine(zones(), [], { landCheckEveryMs: 30 * 60_000 }, [island]);
      // First fix at sea (checked), then inland from minute 5: not seen until the check at minute 30.
      const v = new Voyage(412100016, T, 26_000, 0, 1).stop(5).sailTo(20_000, 0, 30).stop(60);
      const opened = run(e, v.out).filter((c) => c.kind === 'opened' && c.alert.rule === 'identity');
      expect(opened).toHaveLength(1);
      expect(Date.parse(opened[0].alert.openedAt) - T).toBeGreaterThanOrEqual(30 * 60_000);
      expect(Date.parse(opened[0].alert.openedAt) - T).toBeLessThan(31 * 60_000);
    });
  });
});
