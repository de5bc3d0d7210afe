import { describe, expect, it } from 'vitest';
import type { UserPublic } from '@seawarden/contracts';
import type { ZoneCollection } from '../api/api-client.js';
import { calendarCount, featureIndexOf, jurisdictionZones, newUserProblem, parseJsonFile, userRows, zoneCountsByKind } from './admin-model.js';

const zone = (id: string, kind: string) => ({ type: 'Feature', properties: { id, kind, name: { zh: `区${id}`, en: `Zone ${id}` } }, geometry: { type: 'Point', coordinates: [0, 0] } }) as unknown as ZoneCollection['features'][number];

describe('admin model', () => {
  it('counts zones by kind, most first', () => {
    const fc = { features: [zone('a', 'port'), zone('b', 'jurisdiction'), zone('c', 'port'), zone('d', 'anchorage')] };
    expect(zoneCountsByKind(fc)).toEqual([
      { kind: 'port', count: 2 },
      { kind: 'anchorage', count: 1 },
      { kind: 'jurisdiction', count: 1 },
    ]);
    expect(zoneCountsByKind(null)).toEqual([]);
  });

  it('lists the jurisdiction zones only', () => {
    const fc = { features: [zone('a', 'port'), zone('jur-1', 'jurisdiction')] };
    expect(jurisdictionZones(fc)).toEqual([{ id: 'jur-1', name: { zh: '区jur-1', en: 'Zone jur-1' } }]);
  });

  it('parses an uploaded JSON file or says why not', () => {
    expect(parseJsonFile('{"type":"FeatureCollection","features":[]}')).toEqual({ ok: true, value: { type: 'FeatureCollection', features: [] } });
    const bad = parseJsonFile('{"type":');
    expect(bad.ok).toBe(false);
    expect(parseJsonFile('  ')).toEqual({ ok: false, message: 'empty file' });
  });

  it('reads the feature index of a zone upload error', () => {
    expect(featureIndexOf({ featureIndex: 3, reason: 'x' })).toBe(3);
    expect(featureIndexOf({ featureIndex: 0 })).toBe(0);
    expect(featureIndexOf({ reason: 'x' })).toBeNull();
    expect(featureIndexOf({ featureIndex: '2' })).toBeNull();
    expect(featureIndexOf(undefined)).toBeNull();
  });

  it('checks a new user as the server does', () => {
    const ok = { username: 'port.east', password: 'longenough', role: 'operator' as const, jurisdictions: [] };
    expect(newUserProblem(ok)).toBeNull();
    expect(newUserProblem({ ...ok, username: 'a b' })?.field).toBe('username');
    expect(newUserProblem({ ...ok, username: 'ab' })?.field).toBe('username');
    expect(newUserProblem({ ...ok, password: 'short' })?.field).toBe('password');
    expect(newUserProblem({ ...ok, role: 'port_office' })).toEqual({ field: 'jurisdictions', key: 'admin.users.needJurisdiction' });
    expect(newUserProblem({ ...ok, role: 'port_office', jurisdictions: ['jur-1'] })).toBeNull();
  });

  it('lists the accounts by username, disabled ones marked', () => {
    const u = (id: string, username: string, disabled?: boolean): UserPublic => ({ id, username, role: 'operator', jurisdictions: [], ...(disabled === undefined ? {} : { disabled }) });
    const rows = userRows([u('1', 'zed'), u('2', 'amy', false), u('3', 'bob', true)]);
    expect(rows.map((r) => [r.username, r.disabled])).toEqual([
      ['amy', false],
      ['bob', true],
      ['zed', false],
    ]);
  });

  it('counts the calendars of a document', () => {
    expect(calendarCount({ timezone: 'Asia/Shanghai', calendars: [{ id: 'a' }, { id: 'b' }] })).toBe(2);
    expect(calendarCount({})).toBeNull();
    expect(calendarCount(null)).toBeNull();
  });
});
