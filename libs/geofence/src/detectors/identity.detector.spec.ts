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
});
