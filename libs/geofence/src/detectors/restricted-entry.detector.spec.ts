import { describe, expect, it } from 'vitest';
import { at, bj, makeEngine, MIN, posMsg, rectZone, run, staticMsg, Voyage } from '../testing/fixtures.js';

const zones = () => [rectZone('mil', 'restricted', 2000, -1000, 4000, 1000)];
const T = bj('2025-07-05T10:00');
const alerts = (e: ReturnType<typeof makeEngine>) => e.openAlerts().filter((a) => a.rule === 'restricted_entry');

describe('restricted_entry', () => {
  it('fires after the dwell debounce with entry evidence, and closes after leaving', () => {
    const e = makeEngine(zones());
    const v = new Voyage(412600001, T, 0, 0).sailTo(3000, 0, 8).stop(5).sailTo(0, 0, 8).stop(15);
    const changes = run(e, v.out);
    const opened = changes.filter((c) => c.kind === 'opened' && c.alert.rule === 'restricted_entry');
    expect(opened).toHaveLength(1);
    expect(opened[0].alert).toMatchObject({ zoneId: 'mil', severity: 'medium' });
    expect(opened[0].alert.evidence[0]).toMatchObject({ kind: 'zone_entered' });
    expect(opened[0].alert.evidence[0].reason.zh).toMatch(/禁航区/);
    expect(changes.filter((c) => c.kind === 'closed' && c.alert.rule === 'restricted_entry')).toHaveLength(1);
  });

  it('does not fire for a vessel cutting a corner in less than the debounce', () => {
    const e = makeEngine(zones());
    // 300 m inside at 12 kn: ~50 s in the zone.
    const v = new Voyage(412600002, T, 1800, -1300).sailTo(2060, -800, 12, 5).sailTo(1800, -300, 12, 5);
    run(e, v.out);
    expect(alerts(e)).toEqual([]);
  });

  it('keeps one alert while GPS jitter crosses the edge', () => {
    const e = makeEngine(zones());
    const changes = [];
    let t = T;
    changes.push(...e.process(posMsg(412600003, at(1900, 0), 6, 90, { type: 18 }), t));
    for (let i = 0; i < 60; i++) {
      t += 30_000;
      const x = i % 3 === 0 ? 1990 : 2010 + (i % 2) * 5; // ±10 m around the edge
      changes.push(...e.process(posMsg(412600003, at(x, 0), 0.2, 0, { type: 18 }), t));
    }
    expect(changes.filter((c) => c.kind === 'opened')).toHaveLength(1);
    expect(changes.filter((c) => c.kind === 'closed')).toHaveLength(0);
    // Throttled: far fewer updates than messages.
    expect(changes.filter((c) => c.kind === 'updated').length).toBeLessThan(5);
  });

  it('exempts law-enforcement vessels (type 55)', () => {
    const e = makeEngine(zones());
    run(e, [[staticMsg(412600004, 55, 'HAIJING', 40, 5), T - 1000]], new Voyage(412600004, T, 0, 0, 1).sailTo(3000, 0, 8).stop(10, 10).out);
    expect(alerts(e)).toEqual([]);
    void MIN;
  });
});
