import { describe, expect, it } from 'vitest';
import { loadCalendars } from './calendars/calendar-loader.js';
import { DetectionEngine } from './engine.js';
import { ZoneFileError } from './errors.js';
import { loadRegistry } from './registry/registry-loader.js';
import { at, bj, featureCollection, makeEngine, MIN, posMsg, rectZone, REGISTRY_HEADER, run, Voyage } from './testing/fixtures.js';
import { loadZones } from './zones/zone-loader.js';

const zones = () => [rectZone('mil', 'restricted', 2000, -1000, 4000, 1000), rectZone('port', 'port', -500, -500, 500, 500)];
const T = bj('2025-07-05T10:00');

describe('DetectionEngine', () => {
  it('resumes after a restart: the same violation updates its alert, no second one', () => {
    const e1 = makeEngine(zones());
    const before = new Voyage(412600001, T, 0, 0).sailTo(3000, 0, 8).stop(10);
    const c1 = run(e1, before.out);
    const opened = c1.filter((c) => c.kind === 'opened');
    expect(opened).toHaveLength(1);
    const state = JSON.parse(JSON.stringify(e1.exportState()));

    const e2 = makeEngine(zones());
    e2.importState(state);
    expect(e2.openAlerts().map((a) => a.id)).toEqual([opened[0].alert.id]);
    expect(e2.snapshot(412600001)).toMatchObject({ zones: ['mil'], motion: 'stopped' });
    expect(e2.track(412600001).length).toBe(e1.track(412600001).length);
    const after = new Voyage(412600001, before.now, 3000, 0).stop(30, 30, 0.1);
    const c2 = run(e2, after.out);
    expect(c2.filter((c) => c.kind === 'opened')).toHaveLength(0);
    expect(c2.filter((c) => c.kind === 'updated').every((c) => c.alert.id === opened[0].alert.id)).toBe(true);
    expect(c2.some((c) => c.kind === 'updated' && c.alert.severity === 'high')).toBe(true);
  });

  it('gives each alert the fields consumers rely on, with a stable id', () => {
    const mk = () => {
      const e = makeEngine(zones());
      return run(e, new Voyage(412600002, T, 0, 0).sailTo(3000, 0, 8).stop(10).out).find((c) => c.kind === 'opened')!.alert;
    };
    const a = mk();
    expect(a).toMatchObject({ rule: 'restricted_entry', mmsi: 412600002, zoneId: 'mil', closedAt: null });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const k of ['severity', 'vesselName', 'openedAt', 'updatedAt', 'position', 'reason', 'evidence'] as const) expect(a).toHaveProperty(k);
    expect(mk().id).toBe(a.id); // same input, same id
  });

  it('throttles updates: not one per message', () => {
    const e = makeEngine(zones());
    const v = new Voyage(412600003, T, 0, 0).sailTo(3000, 0, 8).stop(25, 10);
    for (let i = 0; i < 50; i++) v.sailTo(3000 + (i % 2) * 50, 0, 4, 5);
    const cs = run(e, v.out);
    expect(v.out.length).toBeGreaterThan(150);
    expect(cs.filter((c) => c.kind === 'updated').length).toBeLessThanOrEqual(5);
  });

  it('closes alerts of a vessel that went silent (ticks), keeps ais_gap for that', () => {
    const e = makeEngine(zones());
    run(e, new Voyage(412600004, T, 0, 0).sailTo(3000, 0, 8).stop(5).out);
    expect(e.tick(T + 3 * 60 * MIN).filter((c) => c.kind === "closed")).toEqual([]); // dark for 3 h: still open
    const cs = e.tick(T + 7 * 60 * MIN);
    const closed = cs.filter((c) => c.kind === 'closed' && c.alert.rule === 'restricted_entry');
    expect(closed).toHaveLength(1);
    expect(closed[0].alert.evidence.at(-1)!.kind).toBe('vessel_silent');
  });

  it('refuses a fishing_ban zone whose calendar is not defined', () => {
    const z = loadZones(featureCollection([rectZone('b', 'fishing_ban', 0, 0, 10, 10, { calendar: 'nope' })]));
    expect(() => new DetectionEngine({ zones: z, calendars: loadCalendars({ calendars: [] }), registry: loadRegistry(REGISTRY_HEADER) })).toThrow(ZoneFileError);
  });

  it('lists zones at a point and by id, and ignores messages without a usable time', () => {
    const e = makeEngine(zones());
    const p = at(0, 0);
    expect(e.zones().zonesAt(p.lat, p.lon).map((z) => z.id)).toEqual(['port']);
    expect(e.zones().byId('mil')?.kind).toBe('restricted');
    expect(e.process(posMsg(1, p, 1, 1), Number.NaN)).toEqual([]);
    expect(e.snapshot(1)).toBeUndefined();
  });
});
