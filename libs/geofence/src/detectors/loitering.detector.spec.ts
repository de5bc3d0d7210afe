import type { AisMessage } from '@seawarden/contracts';
import { describe, expect, it } from 'vitest';
import { bj, makeEngine, MIN, rectZone, run, staticMsg, Voyage } from '../testing/fixtures.js';

const T = bj('2025-10-05T10:00');
const anchorage = () => [rectZone('anch', 'anchorage', -2000, -2000, 2000, 2000)];
const alerts = (e: ReturnType<typeof makeEngine>) => e.openAlerts().filter((a) => a.rule === 'loitering');
const typed = (mmsi: number, shipType: number, lengthM = 90): [AisMessage, number][] => [[staticMsg(mmsi, shipType, `SHIP ${mmsi}`, lengthM), T - 1000]];
/** A Class A vessel drifting on the tide at `kn`, reporting every 3 min, well away from the anchorage. */
const drift = (mmsi: number, minutes: number, kn = 0.8) => new Voyage(mmsi, T, 8000, 0, 1).stop(minutes, 180, kn);
const withStatus = (msgs: [AisMessage, number][], navStatus: number) => msgs.map(([m, t]): [AisMessage, number] => [{ ...m, navStatus } as AisMessage, t]);

describe('loitering', () => {
  it('fires after 4 h under 2 kn at sea, with where the run started and the average speed', () => {
    const e = makeEngine(anchorage());
    const changes = run(e, typed(412900001, 80), drift(412900001, 5 * 60).out);
    const opened = changes.filter((c) => c.kind === 'opened' && c.alert.rule === 'loitering');
    expect(opened).toHaveLength(1);
    const a = opened[0]!.alert;
    expect(Date.parse(a.openedAt) - T).toBeGreaterThanOrEqual(4 * 60 * MIN);
    expect(Date.parse(a.openedAt) - T).toBeLessThan(4 * 60 * MIN + 10 * MIN);
    expect(a).toMatchObject({ severity: 'low', zoneId: null, mmsi: 412900001 });
    expect(a.evidence[0]).toMatchObject({ kind: 'slow_at_sea', data: { averageKn: 0.8 } });
    expect(a.reason.en).toMatch(/loitering: 4 h \d\d min at 0\.8 kn on average/);
  });

  it('keeps one alert through short station-keeping hops and rises to medium after 8 h', () => {
    const e = makeEngine(anchorage());
    const v = new Voyage(412900002, T, 8000, 0, 1);
    for (let h = 0; h < 9; h++) v.stop(55, 180, 0.5).sailTo(8000, h % 2 ? 0 : 800, 6, 30);
    const changes = run(e, typed(412900002, 70), v.out);
    expect(changes.filter((c) => c.kind === 'opened' && c.alert.rule === 'loitering')).toHaveLength(1);
    expect(alerts(e)[0]).toMatchObject({ severity: 'medium' });
  });

  it('ends when the vessel gets under way', () => {
    const e = makeEngine(anchorage());
    const changes = run(e, typed(412900003, 80), drift(412900003, 5 * 60).sailTo(30_000, 0, 12).out);
    expect(changes.filter((c) => c.kind === 'opened' && c.alert.rule === 'loitering')).toHaveLength(1);
    expect(changes.filter((c) => c.kind === 'closed' && c.alert.rule === 'loitering')).toHaveLength(1);
  });

  it('does not fire in an anchorage, when moored or aground, or for fishing boats, leisure boats and buoys', () => {
    const e = makeEngine(anchorage());
    run(
      e,
      typed(412900010, 80), new Voyage(412900010, T, 0, 0, 1).stop(6 * 60, 180, 0.3).out, // in the anchorage zone
      typed(412900011, 70), withStatus(drift(412900011, 6 * 60).out, 5), // moored at an unlisted berth
      typed(412900012, 70), withStatus(drift(412900012, 6 * 60).out, 6), // aground
      typed(412900013, 30, 40), drift(412900013, 6 * 60).out, // fishing vessel
      typed(412900014, 37, 12), drift(412900014, 6 * 60).out, // yacht
      new Voyage(100000045, T, 9000, 0, 18).stop(6 * 60, 180, 0.6).out, // net buoy with a made-up MMSI
    );
    expect(alerts(e)).toEqual([]);
  });

  it('does not fire at 2.5 kn on average, for 3.5 h only, or across a silence of over an hour', () => {
    const e = makeEngine(anchorage());
    run(
      e,
      typed(412900020, 80), drift(412900020, 6 * 60, 2.5).out,
      typed(412900021, 80), drift(412900021, 3.5 * 60).out,
      typed(412900022, 80), drift(412900022, 3 * 60).silent(90).stop(2 * 60, 180, 0.8).out,
    );
    expect(alerts(e)).toEqual([]);
  });
});
