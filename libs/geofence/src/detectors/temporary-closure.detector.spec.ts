import { describe, expect, it } from 'vitest';
import { bj, makeEngine, rectZone, run, Voyage } from '../testing/fixtures.js';

const typhoon = () => [
  rectZone('typhoon', 'temporary_closure', -10_000, -10_000, 10_000, 10_000, {
    validFrom: '2025-08-01T12:00:00+08:00',
    validTo: '2025-08-02T12:00:00+08:00',
    reason: 'typhoon',
  }),
];
const alerts = (e: ReturnType<typeof makeEngine>) => e.openAlerts().filter((a) => a.rule === 'temporary_closure');

describe('temporary_closure', () => {
  it('fires for a vessel under way while the typhoon ban is in force', () => {
    const e = makeEngine(typhoon());
    run(e, new Voyage(412700001, bj('2025-08-01T14:00'), 0, 0).stop(5).sailTo(5000, 0, 10).out);
    const [a] = alerts(e);
    expect(a).toMatchObject({ zoneId: 'typhoon', severity: 'high' });
    expect(a.evidence[0].kind).toBe('underway_in_closure');
    expect(a.reason.en).toMatch(/temporary closure is in force/);
  });

  it('does not fire before or after the window, or for a vessel staying moored', () => {
    const before = makeEngine(typhoon());
    run(before, new Voyage(412700002, bj('2025-08-01T10:00'), 0, 0).sailTo(3000, 0, 10).out);
    expect(alerts(before)).toEqual([]);
    const after = makeEngine(typhoon());
    run(after, new Voyage(412700003, bj('2025-08-02T12:30'), 0, 0).sailTo(5000, 0, 10).out);
    expect(alerts(after)).toEqual([]);
    const moored = makeEngine(typhoon());
    run(moored, new Voyage(412700004, bj('2025-08-01T14:00'), 0, 0).stop(180).out);
    expect(alerts(moored)).toEqual([]);
  });

  it('does not fire for a short repositioning under the dwell time', () => {
    const e = makeEngine(typhoon());
    run(e, new Voyage(412700005, bj('2025-08-01T14:00'), 0, 0).stop(5).sailTo(400, 0, 6).stop(30).out);
    expect(alerts(e)).toEqual([]);
  });
});
