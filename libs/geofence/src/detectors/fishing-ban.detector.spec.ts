import { describe, expect, it } from 'vitest';
import { bj, makeEngine, MIN, rectZone, run, staticMsg, Voyage } from '../testing/fixtures.js';

const zones = () => [
  rectZone('ban', 'fishing_ban', -20_000, -20_000, 20_000, 20_000, { calendar: 'moratorium-35n-26.5n' }),
  rectZone('port', 'port', -1000, -1000, 1000, 1000),
];
const REG = [
  '412000001,浙普渔10001,fishing,trawl,,Shenjiamen,',
  '412000002,浙普渔10002,fishing,hook_and_line,,Shenjiamen,',
  '412000003,浙普渔10003,fishing,gillnet,,Shenjiamen,special_licence 2025',
  '412000004,浙普渔10004,fishing,gillnet,,Shenjiamen,',
];
const SUMMER = bj('2025-07-01T08:00');

const opened = (changes: { kind: string; alert: { rule: string; mmsi: number; severity: string } }[], rule = 'fishing_during_ban') =>
  changes.filter((c) => c.kind === 'opened' && c.alert.rule === rule);

describe('fishing_during_ban', () => {
  it('fires high for a trawler fishing in the ban zone during the moratorium, with evidence', () => {
    const e = makeEngine(zones(), REG);
    const v = new Voyage(412000001, SUMMER, 0, 0, 1).sailTo(5000, 5000, 9).fish(45, 2.5, 10);
    const changes = run(e, v.out);
    const o = opened(changes);
    expect(o).toHaveLength(1);
    const alerts = e.openAlerts().filter((a) => a.rule === 'fishing_during_ban');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'high', zoneId: 'ban', mmsi: 412000001, vesselName: '浙普渔10001' });
    const kinds = alerts[0].evidence.map((x) => x.kind);
    expect(kinds).toContain('fishing_pattern');
    expect(alerts[0].reason.zh).toMatch(/休渔/);
    expect(alerts[0].reason.en).toMatch(/moratorium/);
  });

  it('is low for a fishing vessel transiting fast and straight', () => {
    const e = makeEngine(zones(), REG);
    const v = new Voyage(412000001, SUMMER, 0, 0, 1).sailTo(19_000, 0, 10, 10).sailTo(19_000, 19_000, 10, 10);
    run(e, v.out);
    const a = e.openAlerts().filter((x) => x.rule === 'fishing_during_ban');
    expect(a).toHaveLength(1);
    expect(a[0].severity).toBe('low');
  });

  it('does not fire in port during the ban, for hook-and-line, or outside the season', () => {
    const inPort = makeEngine(zones(), REG);
    run(inPort, new Voyage(412000001, SUMMER, 0, 0, 1).fish(90, 0.8, 10, 120).out);
    expect(inPort.openAlerts()).toEqual([]);

    const hook = makeEngine(zones(), REG);
    run(hook, new Voyage(412000002, SUMMER, 0, 0, 1).sailTo(5000, 5000, 9).fish(60, 2.5, 10).out);
    expect(hook.openAlerts().filter((a) => a.rule === 'fishing_during_ban')).toEqual([]);

    const autumn = makeEngine(zones(), REG);
    run(autumn, new Voyage(412000001, bj('2025-10-01T08:00'), 0, 0, 1).sailTo(5000, 5000, 9).fish(60, 2.5, 10).out);
    expect(autumn.openAlerts().filter((a) => a.rule === 'fishing_during_ban')).toEqual([]);
  });

  it('respects the special-licence opening for gillnets, but not without the licence', () => {
    const aug = bj('2025-08-10T08:00');
    const e = makeEngine(zones(), REG);
    run(e, new Voyage(412000003, aug, 0, 0, 1).sailTo(5000, 5000, 9).fish(45, 2.5, 10).out, new Voyage(412000004, aug, 0, 0, 1).sailTo(-5000, 5000, 9).fish(45, 2.5, 10).out);
    expect(e.openAlerts().filter((a) => a.rule === 'fishing_during_ban').map((a) => a.mmsi)).toEqual([412000004]);
  });

  it('classifies an unregistered type-30 vessel from AIS and holds it to the general period', () => {
    const e = makeEngine(zones());
    const v = new Voyage(413999001, SUMMER, 3000, 3000, 1).fish(45, 2.5, 10);
    run(e, [[staticMsg(413999001, 30, 'UNKNOWN 1', 35), SUMMER - 1000]], v.out);
    expect(e.openAlerts().filter((a) => a.rule === 'fishing_during_ban')).toHaveLength(1);
  });

  it('opens one alert only when the vessel fishes back and forth across the zone edge', () => {
    const edgeZones = [rectZone('ban', 'fishing_ban', 0, -20_000, 40_000, 20_000, { calendar: 'moratorium-35n-26.5n' })];
    const e = makeEngine(edgeZones, REG);
    const v = new Voyage(412000001, SUMMER, 2000, 0, 1).fish(40, 2.5, 10);
    for (let i = 0; i < 6; i++) v.sailTo(-40, i * 200, 2.5, 10).sailTo(40, i * 200 + 100, 2.5, 10).fish(10, 2.5, 10);
    const changes = run(e, v.out);
    expect(opened(changes)).toHaveLength(1);
    expect(changes.filter((c) => c.kind === 'closed' && c.alert.rule === 'fishing_during_ban')).toHaveLength(0);
  });

  it('copes with out-of-order and duplicated messages: still one alert', () => {
    const e = makeEngine(zones(), REG);
    const v = new Voyage(412000001, SUMMER, 5000, 5000, 1).fish(50, 2.5, 10);
    const msgs = v.out.slice();
    for (let i = 10; i + 1 < msgs.length; i += 7) [msgs[i], msgs[i + 1]] = [msgs[i + 1], msgs[i]];
    const withDupes = msgs.flatMap((m, i) => (i % 5 === 0 ? [m, m] : [m]));
    const changes: { kind: string; alert: { rule: string; mmsi: number; severity: string } }[] = [];
    for (const [m, t] of withDupes) changes.push(...e.process(m, t));
    expect(opened(changes)).toHaveLength(1);
    expect(e.openAlerts()[0].severity).toBe('high');
  });

  it('keeps one alert when the vessel goes dark for two hours and is found fishing again', () => {
    const e = makeEngine(zones(), REG);
    const v = new Voyage(412000001, SUMMER, 5000, 5000, 1).fish(45, 2.5, 10).silent(120).fish(45, 2.5, 10);
    const changes = run(e, v.out);
    expect(opened(changes)).toHaveLength(1);
    expect(changes.filter((c) => c.kind === 'closed' && c.alert.rule === 'fishing_during_ban')).toHaveLength(0);
  });

  it('counts time at sea from leaving port, not from the ban zone around the port', () => {
    const e = makeEngine(zones(), REG);
    // Hours in port (inside the ban zone), then 15 min steaming out: under the 20 min at sea.
    const v = new Voyage(412000001, SUMMER, 0, 0, 1).stop(180, 60).sailTo(4000, 0, 9, 10);
    run(e, v.out);
    expect(e.openAlerts().filter((a) => a.rule === 'fishing_during_ban')).toEqual([]);
    run(e, new Voyage(412000001, v.now, 4000, 0, 1).sailTo(9000, 0, 9, 10).out);
    const [a] = e.openAlerts().filter((x) => x.rule === 'fishing_during_ban');
    expect(a?.severity).toBe('low');
  });

  it('closes after the grace once the vessel is back in port', () => {
    const e = makeEngine(zones(), REG);
    const v = new Voyage(412000001, SUMMER, 5000, 5000, 1).fish(45, 2.5, 10).sailTo(0, 0, 9).stop(20, 10);
    const changes = run(e, v.out);
    const closed = changes.filter((c) => c.kind === 'closed' && c.alert.rule === 'fishing_during_ban');
    expect(closed).toHaveLength(1);
    expect(closed[0].alert.closedAt).not.toBeNull();
    expect(e.openAlerts().filter((a) => a.rule === 'fishing_during_ban')).toEqual([]);
    void MIN;
  });
});
