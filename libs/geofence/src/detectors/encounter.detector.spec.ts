import { describe, expect, it } from 'vitest';
import { bj, makeEngine, rectZone, run, staticMsg, Voyage } from '../testing/fixtures.js';

const T = bj('2025-07-05T01:00');
const zones = () => [rectZone('anch', 'anchorage', -3000, -3000, -1000, -1000)];
const enc = (e: ReturnType<typeof makeEngine>) => e.openAlerts().filter((a) => a.rule === 'encounter');

describe('encounter', () => {
  it('fires for two slow vessels within 500 m for 30 min at sea, one alert naming the other', () => {
    const e = makeEngine(zones());
    const a = new Voyage(412400001, T, 5000, 5000, 1).stop(45, 30, 0.8);
    const b = new Voyage(412400002, T, 5300, 5100, 1).stop(45, 30, 1.1);
    const cs = run(e, [[staticMsg(412400001, 30, 'ZHEPUYU 9', 30), T - 1000], [staticMsg(412400002, 70, 'CARGO 2', 90), T - 1000]], a.out, b.out);
    cs.push(...e.tick(T + 46 * 60_000));
    const opened = cs.filter((c) => c.kind === 'opened' && c.alert.rule === 'encounter');
    expect(opened).toHaveLength(1);
    expect(opened[0].alert.mmsi).toBe(412400001);
    expect(opened[0].alert.severity).toBe('medium'); // fishing meets cargo
    expect(opened[0].alert.evidence[0].data).toMatchObject({ otherMmsi: 412400002, otherName: 'CARGO 2' });
  });

  it('is high for a fishing auxiliary vessel meeting a fishing vessel in a ban zone during the moratorium, low out of season', () => {
    const banZones = () => [...zones(), rectZone('ban', 'fishing_ban', 0, 0, 40_000, 40_000, { calendar: 'moratorium-35n-26.5n' })];
    const reg = ['412400021,ZHEYUFU 1,fishing,auxiliary,,Shenjiamen,', '412400022,ZHEPUYU 22,fishing,trawl,,Shenjiamen,'];
    const meet = (t0: number) => {
      const e = makeEngine(banZones(), reg);
      run(e, new Voyage(412400021, t0, 5000, 5000, 1).stop(45, 30, 0.5).out, new Voyage(412400022, t0, 5200, 5000, 1).stop(45, 30, 0.5).out);
      e.tick(t0 + 46 * 60_000);
      return enc(e);
    };
    const [inSeason] = meet(T);
    expect(inSeason.severity).toBe('high');
    expect(inSeason.reason.en).toMatch(/fishing auxiliary vessel meeting a fishing vessel during the moratorium/);
    const [outOfSeason] = meet(bj('2025-10-05T01:00'));
    expect(outOfSeason.severity).toBe('low');
    expect(outOfSeason.reason.en).not.toMatch(/moratorium/);
  });

  it('finds pairs across grid cells and east–west at 30°N (cells narrower than 500 m)', () => {
    const e = makeEngine(zones());
    run(e, new Voyage(412400011, T, 10_000, 0, 1).stop(40, 30, 0.5).out, new Voyage(412400012, T, 10_480, 0, 1).stop(40, 30, 0.5).out);
    e.tick(T + 41 * 60_000);
    expect(enc(e)).toHaveLength(1);
  });

  it('does not fire at an anchorage, for a short meeting, for passing traffic, or 700 m apart', () => {
    const e = makeEngine(zones());
    run(
      e,
      new Voyage(412400003, T, -2000, -2000, 1).stop(60, 30, 0.2).out,
      new Voyage(412400004, T, -2100, -2000, 1).stop(60, 30, 0.2).out,
      new Voyage(412400005, T, 8000, 8000, 1).stop(15, 30, 0.5).out,
      new Voyage(412400006, T, 8100, 8000, 1).stop(15, 30, 0.5).out,
      new Voyage(412400007, T, 20_000, 0, 1).sailTo(20_000, 8000, 6).out,
      new Voyage(412400008, T, 20_100, 0, 1).sailTo(20_100, 8000, 6).out,
      new Voyage(412400009, T, 30_000, 0, 1).stop(60, 30, 0.3).out,
      new Voyage(412400010, T, 30_700, 0, 1).stop(60, 30, 0.3).out,
    );
    e.tick(T + 61 * 60_000);
    expect(enc(e)).toEqual([]);
  });
});
