import { describe, expect, it } from 'vitest';
import { bj, makeEngine, rectZone, run, staticMsg, Voyage } from '../testing/fixtures.js';

const zones = () => [rectZone('island', 'scenic_area', 2000, -1000, 4000, 1000)];
const REG = ['412000100,普陀快客1,passenger,,120,Banshengdong,licensed route', '412000200,浙普渔200,fishing,trawl,,Shenjiamen,'];
const night = (e: ReturnType<typeof makeEngine>) => e.openAlerts().filter((a) => a.rule === 'night_operation');

describe('night_operation', () => {
  it('fires for a leisure boat under way near a scenic island after sunset (Zhoushan summer sunset ≈ 19:00)', () => {
    const e = makeEngine(zones(), REG);
    run(e, [[staticMsg(412300001, 37, 'YACHT', 10, 24, 1), bj('2025-07-05T21:29')]], new Voyage(412300001, bj('2025-07-05T21:30'), 0, 2500).sailTo(6000, 2500, 10).out);
    const [a] = night(e);
    expect(a).toMatchObject({ zoneId: 'island', severity: 'low' });
    expect(a.evidence[0].reason.en).toMatch(/after sunset/);
  });

  it('does not fire by day, far from scenic spots, for licensed ferries or registered fishing boats, or when moored', () => {
    const e = makeEngine(zones(), REG);
    run(
      e,
      new Voyage(412300002, bj('2025-07-05T14:00'), 0, 2500).sailTo(6000, 2500, 10).out,
      new Voyage(412300003, bj('2025-07-05T22:00'), 0, 20_000).sailTo(6000, 20_000, 10).out,
      [[staticMsg(412000100, 60, 'FERRY', 35, 5), bj('2025-07-05T21:59')]],
      new Voyage(412000100, bj('2025-07-05T22:00'), 0, 2500, 1).sailTo(6000, 2500, 10).out,
      [[staticMsg(412000200, 30, 'FISHER', 20, 24, 1), bj('2025-07-05T21:59')]],
      new Voyage(412000200, bj('2025-07-05T22:00'), 0, 2000).sailTo(6000, 2000, 10).out,
      new Voyage(412300004, bj('2025-07-05T22:00'), 2500, 0).stop(60).out,
    );
    expect(night(e)).toEqual([]);
  });

  it('does not fire for a short hop under the minimum duration', () => {
    const e = makeEngine(zones(), REG);
    run(e, new Voyage(412300005, bj('2025-07-05T22:00'), 1000, 0).sailTo(1600, 0, 8).stop(30).out);
    expect(night(e)).toEqual([]);
  });
});
