import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { simulate } from '../simulator/index.js';
import { run } from './detect.command.js';

const dir = mkdtempSync(join(tmpdir(), 'seawarden-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command with stdout/stderr captured. */
async function detect(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  const code = await run(argv);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('seawarden detect', () => {
  it('prints each alert once, in its final state, as JSON Lines', async () => {
    const sim = simulate({ scenario: 'zhoushan', start: new Date('2026-07-18T09:00:00+08:00'), hours: 2, seed: 2 });
    const nmea = join(dir, 'two-hours.nmea');
    writeFileSync(nmea, [...sim.frames()].flatMap((f) => f.lines).join('\n') + '\n');
    const { code, out, err } = await detect([nmea, '--stats']);
    expect(code).toBe(0);
    expect(err).toMatch(/rejected \{\}/);
    const alerts = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(alerts.length).toBeGreaterThan(0);
    expect(new Set(alerts.map((a) => a.id)).size).toBe(alerts.length);
    for (const a of alerts) for (const k of ['rule', 'mmsi', 'severity', 'zoneId', 'openedAt', 'closedAt', 'evidence']) expect(a).toHaveProperty(k);
    // The yacht that wanders into the restricted area east of Zhujiajian on this morning.
    expect(alerts.some((a) => a.rule === 'restricted_entry' && a.mmsi === 413900206)).toBe(true);
  });

  it('rejects a bad zones file with its name, the feature and the reason (exit 2)', async () => {
    const bad = join(dir, 'zones.geojson');
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'x', name: { zh: '甲', en: 'X' }, kind: 'volcano' }, geometry: null }] }));
    const { code, err } = await detect(['-', '--zones', bad]);
    expect(code).toBe(2);
    expect(err).toContain(bad);
    expect(err).toContain('feature 0');
    expect(err).toContain("kind 'volcano'");
  });

  it('rejects a bad registry line (exit 2)', async () => {
    const bad = join(dir, 'registry.csv');
    writeFileSync(bad, 'mmsi,name,category,gear,licensedPassengers,homePort,notes\n412420101,X,fishing,dynamite,,sjm,\n');
    const { code, err } = await detect(['-', '--registry', bad]);
    expect(code).toBe(2);
    expect(err).toContain(`registry file ${bad}: line 2`);
    expect(err).toContain("gear 'dynamite'");
  });

  it('rejects a bad land file with its name, the feature and the reason (exit 2)', async () => {
    const bad = join(dir, 'land.geojson');
    const square = [[122, 30], [122.1, 30], [122.1, 30.1], [122, 30.1], [122, 30]];
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square] } }, { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [122, 30] } }] }));
    const { code, err } = await detect(['-', '--land', bad]);
    expect(code).toBe(2);
    expect(err).toBe(`seawarden detect: land file ${bad}: land feature 1: geometry type 'Point' is not Polygon or MultiPolygon\n`);
  });

  it('rejects zones whose fishing-ban calendar the calendars file lacks (exit 2)', async () => {
    const cal = join(dir, 'calendars.json');
    writeFileSync(cal, JSON.stringify({ calendars: [{ id: 'other', periods: [{ gears: ['*'], from: '05-01', to: '09-16' }] }] }));
    const { code, err } = await detect([join(dir, 'two-hours.nmea'), '--calendars', cal]);
    expect(code).toBe(2);
    expect(err).toContain('zones file');
    expect(err).toContain("calendar 'moratorium-35n-26n30'");
  });
});
