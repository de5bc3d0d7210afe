import { describe, expect, it } from 'vitest';
import type { AisMessage } from '@seawarden/contracts';
import { bj, makeEngine, rectZone, run, staticMsg, Voyage } from '../testing/fixtures.js';

// Pier at the origin, scenic island landing 6 km east.
const zones = () => [
  rectZone('pier', 'landing_point', -300, -300, 300, 300),
  rectZone('island', 'scenic_area', 5700, -500, 7000, 500),
  rectZone('terminal', 'passenger_terminal', -300, 2700, 300, 3300),
];
const REG = ['412000100,普陀快客1,passenger,,120,Banshengdong,licensed route'];
const DAY = bj('2025-07-05T08:00');

/** Shuttle pier ↔ island `n` round trips with short stops. */
function shuttle(mmsi: number, n: number, start = DAY, kn = 14) {
  const v = new Voyage(mmsi, start, 0, 0).stop(20);
  for (let i = 0; i < n; i++) v.sailTo(6200, 0, kn).stop(8).sailTo(0, 0, kn).stop(10);
  return v;
}
const boatStatic = (mmsi: number, type: number | null, len: number): [AisMessage, number][] => [
  [staticMsg(mmsi, null, 'LANHAI', 0, 24, 0), DAY - 60_000],
  [staticMsg(mmsi, type, '', len, 24, 1), DAY - 50_000],
];
const passengerAlerts = (e: ReturnType<typeof makeEngine>) => e.openAlerts().filter((a) => a.rule === 'illegal_passenger_carrying');

describe('illegal_passenger_carrying', () => {
  it('fires for a small leisure boat shuttling pier ↔ island, with each leg as evidence', () => {
    const e = makeEngine(zones(), REG);
    const changes = run(e, boatStatic(412555001, 37, 9), shuttle(412555001, 1).out);
    expect(changes.filter((c) => c.kind === 'opened' && c.alert.rule === 'illegal_passenger_carrying')).toHaveLength(1);
    const [a] = passengerAlerts(e);
    expect(a.severity).toBe('medium');
    const legs = a.evidence.filter((x) => x.kind === 'ferry_leg');
    expect(legs).toHaveLength(2);
    expect(legs[0].reason.en).toMatch(/Zone pier → Zone island: .* at 1[34]\.\d kn/);
    expect(legs[1].data).toMatchObject({ from: 'island', to: 'pier' });
    expect(a.evidence.some((x) => x.kind === 'short_stop' && /8 min/.test(x.reason.en))).toBe(true);
  });

  it('raises severity one step for legs sailed at night, and says so in the evidence', () => {
    const e = makeEngine(zones(), REG);
    run(e, boatStatic(412555011, 37, 9), shuttle(412555011, 1, bj('2025-07-05T21:30')).out);
    const [a] = passengerAlerts(e);
    expect(a.severity).toBe('high'); // one round trip: medium, at night: high
    const legs = a.evidence.filter((x) => x.kind === 'ferry_leg');
    expect(legs.every((l) => /, at night$/.test(l.reason.en) && l.data?.night === true)).toBe(true);
    expect(a.reason.en).toMatch(/2 of the legs at night or during a sailing ban/);
  });

  it('raises severity one step for legs ending inside a temporary closure in force, not before it or for an exempt boat', () => {
    const closure = (extra: Record<string, unknown> = {}) =>
      rectZone('fog', 'temporary_closure', -20_000, -20_000, 20_000, 20_000, { validFrom: '2025-07-05T09:00:00+08:00', validTo: '2025-07-05T18:00:00+08:00', name: { zh: '大雾', en: 'Fog' }, ...extra });
    const inForce = makeEngine([...zones(), closure()], REG);
    run(inForce, boatStatic(412555012, 37, 9), shuttle(412555012, 1, bj('2025-07-05T10:00')).out);
    const [a] = passengerAlerts(inForce);
    expect(a.severity).toBe('high');
    expect(a.evidence.filter((x) => x.kind === 'ferry_leg').every((l) => l.data?.closureZoneId === 'fog' && /closure is in force/.test(l.reason.en))).toBe(true);
    const before = makeEngine([...zones(), closure()], REG);
    run(before, boatStatic(412555013, 37, 9), shuttle(412555013, 1, bj('2025-07-05T06:30')).out); // back by 07:40, before 09:00
    expect(passengerAlerts(before)[0]!.severity).toBe('medium');
    const exempt = makeEngine([...zones(), closure({ exemptMmsi: [412555014] })], REG);
    run(exempt, boatStatic(412555014, 37, 9), shuttle(412555014, 1, bj('2025-07-05T10:00')).out);
    expect(passengerAlerts(exempt)[0]!.severity).toBe('medium');
  });

  it('raises severity with repeated round trips in a day, within one alert', () => {
    const e = makeEngine(zones(), REG);
    const changes = run(e, boatStatic(412555002, 37, 9), shuttle(412555002, 4).out);
    expect(changes.filter((c) => c.kind === 'opened')).toHaveLength(1);
    const [a] = passengerAlerts(e);
    expect(a.severity).toBe('critical');
    expect(a.evidence.filter((x) => x.kind === 'ferry_leg').length).toBe(8);
    expect(changes.filter((c) => c.kind === 'updated').length).toBeGreaterThanOrEqual(2);
  });

  it('also fires for an untyped small Class B boat', () => {
    const e = makeEngine(zones(), REG);
    run(e, shuttle(412555003, 2).out);
    expect(passengerAlerts(e)).toHaveLength(1);
  });

  it('does not fire for the licensed ferry on the same route', () => {
    const e = makeEngine(zones(), REG);
    run(e, [[staticMsg(412000100, 60, '普陀快客1', 35, 5), DAY - 1000]], shuttle(412000100, 4).out);
    expect(passengerAlerts(e)).toEqual([]);
  });

  it('does not fire for a lawful leisure trip: out to the island, a long stay, back', () => {
    const e = makeEngine(zones(), REG);
    const v = new Voyage(412555004, DAY, 0, 0).stop(20).sailTo(6200, 0, 15).stop(150).sailTo(0, 0, 15).stop(30);
    run(e, boatStatic(412555004, 37, 9), v.out);
    expect(passengerAlerts(e)).toEqual([]);
  });

  it('does not fire for a meandering slow cruise with short stops', () => {
    const e = makeEngine(zones(), REG);
    const v = new Voyage(412555005, DAY, 0, 0).stop(10).sailTo(2000, 1500, 6).sailTo(4000, -1500, 6).stop(5).sailTo(2000, 0, 6).sailTo(0, 0, 6).stop(20);
    run(e, boatStatic(412555005, 37, 9), v.out);
    expect(passengerAlerts(e)).toEqual([]);
  });

  it('fires for a passenger-typed boat not on the register after one ferry-like leg', () => {
    const e = makeEngine(zones(), REG);
    const v = new Voyage(412555006, DAY, 0, 0).stop(10).sailTo(6200, 0, 16).stop(20);
    run(e, boatStatic(412555006, 60, 18), v.out);
    const [a] = passengerAlerts(e);
    expect(a).toBeDefined();
    expect(a.reason.en).toMatch(/passenger-typed boat \(type 60\) not on the licensed register/);
  });

  it('uses persons on board above crew size as evidence', () => {
    const e = makeEngine(zones(), REG);
    const v = shuttle(412555007, 1);
    const pob: AisMessage = { type: 8, repeat: 0, mmsi: 412555007, channel: 'A', talker: 'AI', own: false, line: 1, receivedAt: null, source: null, dac: 1, fid: 16, personsOnBoard: 14 };
    run(e, boatStatic(412555007, 37, 9), [[pob, DAY + 5 * 60_000]], v.out);
    const [a] = passengerAlerts(e);
    expect(a.severity).toBe('high');
    expect(a.evidence.some((x) => x.kind === 'persons_on_board' && x.data?.personsOnBoard === 14)).toBe(true);
  });
});
