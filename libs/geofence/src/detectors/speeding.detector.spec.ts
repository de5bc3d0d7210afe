import { describe, expect, it } from 'vitest';
import { bj, makeEngine, rectZone, run, staticMsg, Voyage } from '../testing/fixtures.js';

const zones = () => [rectZone('channel', 'speed_limit', 0, -500, 10_000, 500, { speedLimitKn: 10 })];
const T = bj('2025-07-05T10:00');
const alerts = (e: ReturnType<typeof makeEngine>) => e.openAlerts().filter((a) => a.rule === 'speeding');

describe('speeding', () => {
  it('fires after a minimum duration above the limit, severity by excess', () => {
    const e = makeEngine(zones());
    run(e, new Voyage(412800001, T, -500, 0).sailTo(9000, 0, 16).out);
    const [a] = alerts(e);
    expect(a).toMatchObject({ zoneId: 'channel', severity: 'high' });
    expect(a.reason.en).toMatch(/limit 10 kn, up to 16\.0 kn/);
  });

  it('does not fire at or just above the limit (tolerance), or outside the zone', () => {
    const e = makeEngine(zones());
    run(e, new Voyage(412800002, T, -500, 0).sailTo(9000, 0, 10.8).out, new Voyage(412800003, T, 0, 3000).sailTo(9000, 3000, 25).out);
    expect(alerts(e)).toEqual([]);
  });

  it('does not fire for a brief burst shorter than the minimum duration', () => {
    const e = makeEngine(zones());
    run(e, new Voyage(412800004, T, 0, 0).sailTo(2000, 0, 9).sailTo(2200, 0, 14, 5).sailTo(6000, 0, 9).out);
    expect(alerts(e)).toEqual([]);
  });

  it('exempts SAR vessels and closes once the vessel leaves the zone', () => {
    const e = makeEngine(zones());
    run(e, [[staticMsg(412800005, 51, 'SAR', 30, 5), T - 1000]], new Voyage(412800005, T, 0, 0, 1).sailTo(9000, 0, 20).out);
    expect(alerts(e)).toEqual([]);
    const e2 = makeEngine(zones());
    const changes = run(e2, new Voyage(412800006, T, 0, 0).sailTo(5000, 0, 14).sailTo(5000, 5000, 14).stop(20).out);
    expect(changes.filter((c) => c.kind === 'opened')).toHaveLength(1);
    expect(changes.filter((c) => c.kind === 'closed')).toHaveLength(1);
  });
});
