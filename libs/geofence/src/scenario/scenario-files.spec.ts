import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDetectionConfig, loadZhoushanScenario, ScenarioFileError, scenarioDataDir } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'seawarden-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const failure = (f: () => unknown): ScenarioFileError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFileError);
    return e as ScenarioFileError;
  }
  throw new Error('expected a ScenarioFileError');
};

describe('Zhoushan scenario data', () => {
  it('loads zones, calendars, registry and land', () => {
    const s = loadZhoushanScenario();
    const kinds = new Set(s.zones.all.map((z) => z.kind));
    for (const k of ['fishing_ban', 'port', 'passenger_terminal', 'landing_point', 'scenic_area', 'restricted', 'speed_limit', 'temporary_closure', 'jurisdiction', 'anchorage']) {
      expect(kinds.has(k as never), k).toBe(true);
    }
    expect(s.calendars.has('moratorium-35n-26n30')).toBe(true);
    expect(s.registry.isLicensedPassenger(413800101)).toBe(true);
    expect(s.registry.get(412420105)?.gear).toBe('hook_and_line');
    expect(s.raw.land.features.length).toBeGreaterThanOrEqual(8);
    expect(s.zones.ofKind('jurisdiction').map((z) => z.properties.office).sort()).toEqual(['liuheng', 'shenjiamen', 'zhujiajian']);
    for (const z of s.zones.all) expect(z.name.zh && z.name.en, z.id).toBeTruthy();
  });

  it('finds its data from src and from dist alike (../../scenario-data)', () => {
    expect(scenarioDataDir()).toMatch(/libs[\\/]geofence[\\/]scenario-data[\\/]zhoushan[\\/]$/);
  });

  it('has wharf zones of a few hundred metres', () => {
    const s = loadZhoushanScenario();
    for (const z of s.zones.all.filter((z) => z.kind === 'passenger_terminal' || z.kind === 'landing_point')) {
      const [w, so, e, n] = z.bbox;
      const ns = (n - so) * 111_195;
      const ew = (e - w) * 111_195 * Math.cos((so * Math.PI) / 180);
      expect(ns, z.id).toBeGreaterThan(200);
      expect(ns, z.id).toBeLessThan(1000);
      expect(ew, z.id).toBeLessThan(1000);
    }
  });
});

describe('configuration file errors name the file, the place and the reason', () => {
  const zonesText = readFileSync(join(scenarioDataDir(), 'zones.geojson'), 'utf8');

  it('a missing file', () => {
    const e = failure(() => loadDetectionConfig({ registry: join(dir, 'nope.csv') }));
    expect(e.kind).toBe('registry');
    expect(e.message).toContain('nope.csv');
    expect(e.message).toContain('no such file');
  });

  it('a zone feature without a speed limit', () => {
    const fc = JSON.parse(zonesText);
    const i = fc.features.findIndex((f: { properties: { kind: string } }) => f.properties.kind === 'speed_limit');
    delete fc.features[i].properties.speedLimitKn;
    const p = file('zones.geojson', JSON.stringify(fc));
    const e = failure(() => loadDetectionConfig({ zones: p }));
    expect(e.message).toContain(p);
    expect(e.message).toContain(`feature ${i}`);
    expect(e.message).toContain('speedLimitKn');
  });

  it('a registry line with a bad MMSI', () => {
    const p = file('registry.csv', 'mmsi,name,category,gear,licensedPassengers,homePort,notes\n413800101,A,passenger,,10,x,\n4138,B,leisure,,,x,\n');
    const e = failure(() => loadDetectionConfig({ registry: p }));
    expect(e.message).toContain(p);
    expect(e.message).toContain('line 3');
    expect(e.message).toContain('not 9 digits');
  });

  it('a calendar with an unknown gear', () => {
    const p = file('calendars.json', JSON.stringify({ calendars: [{ id: 'x', periods: [{ gears: ['dynamite'], from: '05-01', to: '09-16' }] }] }));
    const e = failure(() => loadDetectionConfig({ calendars: p }));
    expect(e.message).toContain(p);
    expect(e.message).toContain('calendars[0].periods[0].gears[0]');
  });
});
