import { describe, expect, it } from 'vitest';
import { at, bj, makeEngine, MIN, posMsg, rectZone, run, Voyage } from '../testing/fixtures.js';

const T = bj('2025-07-05T10:00');
const HOUR = 60 * MIN;
const zones = () => [
  rectZone('office', 'jurisdiction', -50_000, -50_000, 50_000, 50_000, { office: 'putuo' }),
  rectZone('ban', 'fishing_ban', 10_000, -20_000, 30_000, 20_000, { calendar: 'moratorium-35n-26.5n' }),
  rectZone('port', 'port', -1000, -1000, 1000, 1000),
];
/** A vessel that keeps reporting nearby: others still heard means the silent one went dark. */
const witness = (start: number, hours: number) => new Voyage(412900099, start, -3000, -3000, 1).stop(hours * 60, 60, 0.1).out;
const gapAlerts = (cs: { kind: string; alert: { rule: string } }[]) => cs.filter((c) => c.alert.rule === 'ais_gap');

describe('ais_gap', () => {
  it('opens on a tick while dark, escalates at 1 h / 6 h, closes where it came back', () => {
    const e = makeEngine(zones());
    const v = new Voyage(412900001, T, -5000, 5000, 1).sailTo(-5000, 0, 10);
    const w = witness(T, 8);
    const changes = run(e, v.out, w.filter(([, t]) => t <= v.now));
    const dark = v.now;
    for (const h of [0.2, 0.5, 1.1, 3, 6.2]) {
      changes.push(...run(e, w.filter(([, t]) => t > dark + (h - 0.2) * HOUR && t <= dark + h * HOUR)));
      changes.push(...e.tick(dark + h * HOUR));
    }
    const opened = gapAlerts(changes).filter((c) => c.kind === 'opened');
    expect(opened).toHaveLength(1);
    expect(opened[0].alert.severity).toBe('low');
    expect(opened[0].alert.evidence[0]).toMatchObject({ kind: 'went_dark' });
    const sev = gapAlerts(changes).filter((c) => c.kind === 'updated').map((c) => (c.alert as { severity: string }).severity);
    expect(sev).toEqual(['medium', 'high']);
    const back = e.process(posMsg(412900001, at(-9000, 0), 10, 270), dark + 7 * HOUR);
    const closed = gapAlerts(back).filter((c) => c.kind === 'closed');
    expect(closed).toHaveLength(1);
    const last = closed[0].alert.evidence.at(-1)!;
    expect(last.kind).toBe('reappeared');
    expect(last.reason.en).toMatch(/reappeared after 7 h 00 min of silence, 2\.2 nm from where it went dark/);
  });

  it('is one level more severe in or near an active ban zone', () => {
    const e = makeEngine(zones());
    const v = new Voyage(412900002, T, 12_000, 0, 1).sailTo(12_000, 2000, 8);
    const cs = run(e, v.out, new Voyage(412900098, T, 14_000, 0, 1).stop(40, 60, 0.1).out.filter(([, t]) => t <= v.now + 30 * MIN));
    cs.push(...e.tick(v.now + 30 * MIN));
    const [o] = gapAlerts(cs).filter((c) => c.kind === 'opened');
    expect(o.alert).toMatchObject({ severity: 'medium', zoneId: 'ban' });
  });

  it('opens and closes at once when the gap is first seen on return (no tick in between)', () => {
    const e = makeEngine(zones());
    const v = new Voyage(412900013, T, -5000, 0, 1).sailTo(-5000, 1000, 8);
    const w = new Voyage(412900097, T, -6000, 0, 1).sailTo(-6000, 1000, 8);
    run(e, v.out, w.out);
    // Another vessel nearby is heard 9 min later (that message ticks the engine), then silence
    // all round until the first one returns 20 min after it went dark.
    e.process(w.out[w.out.length - 1][0], v.now + 9 * MIN);
    const cs = gapAlerts(e.process(posMsg(412900013, at(-5000, 1500), 8, 0), v.now + 20 * MIN));
    expect(cs.map((c) => c.kind)).toEqual(['opened', 'closed']);
    expect(cs[1].alert.evidence.map((x) => x.kind)).toEqual(['went_dark', 'reappeared']);
  });

  it('does not fire when nothing near it is heard either (receiver or satellite pass went quiet)', () => {
    const e = makeEngine(zones());
    run(e, new Voyage(412900014, T, -5000, 0, 1).sailTo(-5000, 1000, 8).out, new Voyage(412900015, T, 40_000, 40_000, 1).stop(200, 60, 0.1).out);
    expect(gapAlerts(e.tick(T + 3 * HOUR))).toEqual([]);
  });

  it('does not fire for normal reporting, a short pause, a moored vessel in port, or outside the jurisdiction', () => {
    const e = makeEngine(zones());
    const normal = new Voyage(412900004, T, -5000, 0).sailTo(-5000, 8000, 8, 30);
    const shortPause = new Voyage(412900005, T, -8000, 0, 1).sailTo(-8000, 1000, 8).silent(8).sailTo(-8000, 5000, 8);
    const moored = new Voyage(412900006, T, 0, 0, 1).stop(30, 180).silent(600).stop(10, 180);
    const far = new Voyage(412900007, T, 60_000, 0, 1).sailTo(60_000, 2000, 8);
    const cs = run(e, normal.out, shortPause.out, moored.out, far.out);
    cs.push(...e.tick(T + 12 * HOUR));
    // Only what was still reporting can be dark at the end: normal/shortPause went silent too.
    const opened = gapAlerts(cs).filter((c) => c.kind === 'opened').map((c) => (c.alert as { mmsi: number }).mmsi);
    expect(opened).not.toContain(412900006);
    expect(opened).not.toContain(412900007);
    const duringRun = gapAlerts(run(makeEngine(zones()), normal.out, shortPause.out));
    expect(duringRun).toEqual([]);
  });
});
