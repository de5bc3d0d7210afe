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

  it('exports its state in parts that together are exportState (vessels chunked, episodes last)', () => {
    const e = makeEngine(zones());
    for (let i = 0; i < 7; i++) run(e, new Voyage(412600100 + i, T, 0, i * 100).sailTo(3000, i * 100, 8).stop(10).out);
    const parts = [...e.exportStateParts(3)];
    expect(parts.map((p) => p.vessels!.length)).toEqual([3, 3, 1]);
    expect(parts.slice(0, -1).every((p) => p.episodes === undefined)).toBe(true);
    const merged = { ...parts.at(-1)!, vessels: parts.flatMap((p) => p.vessels!) };
    expect(JSON.parse(JSON.stringify(merged))).toEqual(JSON.parse(JSON.stringify(e.exportState())));
    const e2 = makeEngine(zones());
    e2.importState(JSON.parse(JSON.stringify(merged)));
    expect(e2.openAlerts().map((a) => a.id).sort()).toEqual(e.openAlerts().map((a) => a.id).sort());
    expect(e2.vesselCount).toBe(7);
  });

  describe('resume from the database (alert changes newer than the saved state)', () => {
    /** Opens a restricted_entry alert in e1; returns the alert as the database holds it and the voyage's end. */
    const openIn = (mmsi: number) => {
      const e1 = makeEngine(zones());
      const voyage = new Voyage(mmsi, T, 0, 0).sailTo(3000, 0, 8).stop(10);
      const changes = run(e1, voyage.out);
      const opened = changes.find((c) => c.kind === 'opened')!;
      expect(opened.episodeKey).toBe(`restricted_entry|${mmsi}|mil`);
      return { e1, voyage, alert: { ...changes.filter((c) => c.alert.id === opened.alert.id).at(-1)!.alert, status: 'open' as const }, key: opened.episodeKey! };
    };

    it('adopts an open alert the saved state predates: the violation continuing updates it', () => {
      const { voyage, alert, key } = openIn(412600011);
      const e2 = makeEngine(zones()); // no saved state at all
      expect(e2.resume({ open: [{ alert, episodeKey: key }], closedIds: [] })).toEqual({ adopted: 1, dropped: 0, refreshed: 0 });
      expect(e2.openAlerts()).toMatchObject([{ id: alert.id, evidence: alert.evidence }]);
      expect(e2.openAlerts()[0]).not.toHaveProperty('status'); // the workflow status is the console's
      const c2 = run(e2, new Voyage(412600011, voyage.now, 3000, 0).stop(30, 30, 0.1).out);
      expect(c2.filter((c) => c.kind === 'opened')).toEqual([]);
      expect(c2.filter((c) => c.kind === 'updated').map((c) => c.alert.id)).toContain(alert.id);
    });

    it('closes an adopted alert whose condition is not found again, after the longer resumed grace', () => {
      const { voyage, alert, key } = openIn(412600012);
      const e2 = makeEngine(zones());
      e2.resume({ open: [{ alert, episodeKey: key }], closedIds: [] });
      // It left the zone while the engine was down: never found again after the restart.
      const away = new Voyage(412600012, voyage.now, 8000, 0).stop(60, 30, 0.1);
      const changes = run(e2, away.out);
      const closed = changes.filter((c) => c.kind === 'closed');
      expect(closed.map((c) => c.alert.id)).toEqual([alert.id]);
      const lapsedAt = Date.parse(closed[0].alert.closedAt!);
      expect(Date.parse(closed[0].alert.updatedAt) - lapsedAt).toBeGreaterThanOrEqual(e2.params.resumedCloseGraceMs);
      expect(Date.parse(closed[0].alert.updatedAt) - lapsedAt).toBeLessThan(e2.params.resumedCloseGraceMs + 2 * MIN);
      expect(e2.tick(away.now + MIN)).toEqual([]);
    });

    it('does not close an adopted alert of a vessel the state does not know at the first tick (it was heard when the alert was updated)', () => {
      const { voyage, alert, key } = openIn(412600013);
      const e2 = makeEngine(zones());
      e2.resume({ open: [{ alert, episodeKey: key }], closedIds: [] });
      expect(e2.tick(voyage.now + MIN).filter((c) => c.kind === 'closed')).toEqual([]);
      expect(e2.openAlerts().map((a) => a.id)).toEqual([alert.id]);
    });

    it('drops a restored episode the database has closed since the save, and takes a newer stored version', () => {
      const { e1, alert } = openIn(412600014);
      const state = JSON.parse(JSON.stringify(e1.exportState()));
      const e2 = makeEngine(zones());
      e2.importState(state);
      expect(e2.resume({ open: [], closedIds: [alert.id] })).toEqual({ adopted: 0, dropped: 1, refreshed: 0 });
      expect(e2.openAlerts()).toEqual([]);
      expect(e2.vesselState(412600014)!.openRules).toBe(0);

      const e3 = makeEngine(zones());
      e3.importState(state);
      const newer = { ...alert, updatedAt: new Date(Date.parse(alert.updatedAt) + MIN).toISOString(), evidence: [...alert.evidence, alert.evidence[0]] };
      expect(e3.resume({ open: [{ alert: newer, episodeKey: null }], closedIds: [] })).toEqual({ adopted: 0, dropped: 0, refreshed: 1 });
      expect(e3.openAlerts()[0].evidence).toHaveLength(alert.evidence.length + 1);
    });

    it('an alert stored without a key is adopted under the default key; the engine\'s own episode wins over a second one', () => {
      const { alert } = openIn(412600015);
      const e2 = makeEngine(zones());
      const other = { ...alert, id: 'another-id' };
      expect(e2.resume({ open: [{ alert, episodeKey: null }, { alert: other, episodeKey: null }], closedIds: [] })).toEqual({ adopted: 1, dropped: 0, refreshed: 0 });
      expect(e2.openAlerts().map((a) => a.id)).toEqual([alert.id]);
    });
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
