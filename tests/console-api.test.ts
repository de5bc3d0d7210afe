/**
 * The console REST API end to end on the real app: login/refresh rotation and reuse detection,
 * rate limiting, users, alert lists with keyset paging and port-office scoping, exports (CSV,
 * GeoJSON, KML), evidence package and report, zones upload validation, registry CSV import with
 * a per-row report, health, OpenAPI, security headers and the SPA fallback.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, makeAlert, startConsole, storeAlertChange, type RunningConsole } from './console-harness.js';

const JURISDICTIONS = {
  type: 'FeatureCollection' as const,
  features: [
    { type: 'Feature' as const, properties: { id: 'jur-east', name: { zh: '东', en: 'East' }, kind: 'jurisdiction', office: 'test' },
      geometry: { type: 'Polygon', coordinates: [[[122.3, 29.8], [122.6, 29.8], [122.6, 30.1], [122.3, 30.1], [122.3, 29.8]]] } },
    { type: 'Feature' as const, properties: { id: 'jur-west', name: { zh: '西', en: 'West' }, kind: 'jurisdiction', office: 'test' },
      geometry: { type: 'Polygon', coordinates: [[[122.0, 29.8], [122.3, 29.8], [122.3, 30.1], [122.0, 30.1], [122.0, 29.8]]] } },
    { type: 'Feature' as const, properties: { id: 'restricted-test', name: { zh: '禁区', en: 'Restricted' }, kind: 'restricted' },
      geometry: { type: 'Polygon', coordinates: [[[122.37, 29.94], [122.39, 29.94], [122.39, 29.96], [122.37, 29.96], [122.37, 29.94]]] } },
  ],
};

describe('console REST API', () => {
  let c: RunningConsole;
  let admin: string;
  let inspector: string;
  let operator: string;
  const ids: string[] = [];

  beforeAll(async () => {
    c = await startConsole({ settings: { consoleWebhooks: false } });
    admin = (await c.login('admin', ADMIN_PASSWORD)).accessToken;
    inspector = await c.tokenFor('inspector');
    operator = await c.tokenFor('operator');
    expect((await c.http('PUT', '/api/zones', { token: admin, body: JURISDICTIONS })).status).toBe(200);
    // 7 alerts in the east, 3 in the west, newest last.
    for (let i = 0; i < 10; i++) {
      const east = i % 10 < 7;
      const a = makeAlert({
        mmsi: 412100000 + i,
        openedAt: new Date(Date.parse('2026-07-01T00:00:00Z') + i * 60_000).toISOString(),
        updatedAt: new Date(Date.parse('2026-07-01T00:00:00Z') + i * 60_000).toISOString(),
        position: east ? { lat: 29.95, lon: 122.38 } : { lat: 29.95, lon: 122.1 },
        rule: i === 9 ? 'speeding' : 'restricted_entry',
        vesselName: i === 3 ? '=HYPERLINK("x")' : `BOAT, ${i}`,
      });
      ids.push(a.id);
      await storeAlertChange(c.store, { kind: 'opened', alert: a });
    }
  }, 120_000);
  afterAll(async () => c?.close());

  it('login, refresh rotation, reuse detection, logout', async () => {
    const u = await c.createUser('operator');
    const first = await c.login(u.username, u.password);
    expect(first.user).toMatchObject({ username: u.username, role: 'operator' });
    const me = await c.http('GET', '/api/auth/me', { token: first.accessToken });
    expect(me.body.username).toBe(u.username);
    const r1 = await c.http('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(first.refreshToken);
    // The used token again: refused, and the whole family is revoked.
    expect((await c.http('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } })).status).toBe(401);
    expect((await c.http('POST', '/api/auth/refresh', { body: { refreshToken: r1.body.refreshToken } })).status).toBe(401);
    const second = await c.login(u.username, u.password);
    expect((await c.http('POST', '/api/auth/logout', { body: { refreshToken: second.refreshToken } })).status).toBe(204);
    expect((await c.http('POST', '/api/auth/refresh', { body: { refreshToken: second.refreshToken } })).status).toBe(401);
    const bad = await c.http('POST', '/api/auth/login', { body: { username: u.username, password: 'wrong-password' } });
    expect(bad.status).toBe(401);
  });

  it('login is rate limited per IP and user', async () => {
    const u = await c.createUser('inspector');
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await c.http('POST', '/api/auth/login', { body: { username: u.username, password: 'nope-nope' } })).status);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes[5]).toBe(429);
    const limited = await c.http('POST', '/api/auth/login', { body: { username: u.username, password: u.password } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user from the same IP is not affected.
    const other = await c.createUser('inspector');
    expect((await c.http('POST', '/api/auth/login', { body: { username: other.username, password: other.password } })).status).toBe(200);
  });

  it('users: create, port office needs a jurisdiction, patch, delete', async () => {
    const po = await c.http('POST', '/api/users', { token: admin, body: { username: 'po-east', password: 'po-east-password', role: 'port_office' } });
    expect(po.status).toBe(400);
    expect(po.body.field).toBe('jurisdictions');
    const unknown = await c.http('POST', '/api/users', { token: admin, body: { username: 'po-east', password: 'po-east-password', role: 'port_office', jurisdictions: ['jur-atlantis'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/jur-atlantis/);
    const ok = await c.http('POST', '/api/users', { token: admin, body: { username: 'po-east', password: 'po-east-password', role: 'port_office', jurisdictions: ['jur-east'] } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ username: 'po-east', role: 'port_office', jurisdictions: ['jur-east'] });
    expect(ok.body).not.toHaveProperty('passwordHash');
    expect((await c.http('POST', '/api/users', { token: admin, body: { username: 'po-east', password: 'po-east-password', role: 'operator' } })).status).toBe(409);
    const patched = await c.http('PATCH', `/api/users/${ok.body.id}`, { token: admin, body: { jurisdictions: ['jur-east', 'jur-west'] } });
    expect(patched.body.jurisdictions).toEqual(['jur-east', 'jur-west']);
    const list = await c.http('GET', '/api/users', { token: admin });
    expect(list.body.map((u: any) => u.username)).toContain('po-east');
    expect((await c.http('DELETE', `/api/users/${ok.body.id}`, { token: admin })).status).toBe(204);
    expect((await c.http('POST', '/api/auth/login', { body: { username: 'po-east', password: 'po-east-password' } })).status).toBe(401);
    // Disabled accounts: not in the default list; with includeDisabled, flagged (to be enabled again).
    expect((await c.http('GET', '/api/users', { token: admin })).body.map((u: any) => u.username)).not.toContain('po-east');
    const all = await c.http('GET', '/api/users?includeDisabled=true', { token: admin });
    expect(all.body.find((u: any) => u.username === 'po-east')).toMatchObject({ disabled: true, role: 'port_office' });
    expect(all.body.find((u: any) => u.username === 'admin')).toMatchObject({ disabled: false });
    expect((await c.http('GET', '/api/users?includeDisabled=maybe', { token: admin })).status).toBe(400);
  });

  it('alert list: filters and keyset paging; port offices see their jurisdiction only', async () => {
    const p1 = await c.http('GET', '/api/alerts?limit=4&rule=restricted_entry', { token: operator });
    expect(p1.status).toBe(200);
    expect(p1.body.items).toHaveLength(4);
    const p2 = await c.http('GET', `/api/alerts?limit=4&rule=restricted_entry&cursor=${p1.body.nextCursor}`, { token: operator });
    const p3 = await c.http('GET', `/api/alerts?limit=4&rule=restricted_entry&cursor=${p2.body.nextCursor}`, { token: operator });
    const all = [...p1.body.items, ...p2.body.items, ...p3.body.items].map((a: any) => a.id);
    expect(all).toEqual(ids.slice(0, 9).reverse());
    expect(p3.body.nextCursor).toBeNull();
    expect((await c.http('GET', '/api/alerts?cursor=garbage', { token: operator })).status).toBe(400);

    const east = await c.tokenFor('port_office', ['jur-east']);
    const pe = await c.http('GET', '/api/alerts?limit=100', { token: east });
    expect(pe.body.items.map((a: any) => a.mmsi).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => 412100000 + i));
    // Paged: exactly `limit` per page, in order, although the list interleaves other waters.
    const paged: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const r: { body: { items: { id: string }[]; nextCursor: string | null } } = await c.http('GET', `/api/alerts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: east });
      expect(r.body.items.length, `page ${i + 1}`).toBe(r.body.nextCursor ? 2 : r.body.items.length);
      expect(r.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...r.body.items.map((a) => a.id));
      cursor = r.body.nextCursor;
      if (!cursor) break;
    }
    expect(paged).toEqual(ids.slice(0, 7).reverse());
    expect((await c.http('GET', `/api/alerts/${ids[8]}`, { token: east })).status).toBe(403);
    expect((await c.http('GET', `/api/alerts/${ids[1]}`, { token: east })).status).toBe(200);
    const ack = await c.http('POST', `/api/alerts/${ids[2]}/acknowledge`, { token: east, body: {} });
    expect(ack.body.status).toBe('acknowledged');
    expect((await c.http('POST', `/api/alerts/${ids[8]}/acknowledge`, { token: east, body: {} })).status).toBe(403);
    const acked = await c.http('GET', '/api/alerts?status=acknowledged', { token: operator });
    expect(acked.body.items.map((a: any) => a.id)).toEqual([ids[2]]);
  });

  it('assign to an inspector, then filter by assignee', async () => {
    const insp = await c.createUser('inspector');
    expect((await c.http('POST', `/api/alerts/${ids[4]}/assign`, { token: inspector, body: { userId: insp.id } })).status).toBe(200);
    const op = await c.createUser('operator');
    expect((await c.http('POST', `/api/alerts/${ids[4]}/assign`, { token: inspector, body: { userId: op.id } })).body.field).toBe('userId');
    const mine = await c.http('GET', `/api/alerts?assignee=${insp.id}`, { token: inspector });
    expect(mine.body.items.map((a: any) => a.id)).toEqual([ids[4]]);
    const detail = await c.http('GET', `/api/alerts/${ids[4]}`, { token: inspector });
    expect(detail.body.assignee).toMatchObject({ id: insp.id, role: 'inspector' });
  });

  it('exports: CSV (formula-safe), GeoJSON, KML; port-office export is scoped', async () => {
    const csv = await c.http('GET', '/api/alerts/export.csv', { token: operator });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,rule,severity,status,mmsi/);
    expect(lines).toHaveLength(11);
    expect(csv.text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.text).toContain('"BOAT, 5"');
    const gj = await c.http('GET', '/api/alerts/export.geojson?rule=speeding', { token: operator });
    expect(gj.body.type).toBe('FeatureCollection');
    expect(gj.body.features).toHaveLength(1);
    expect(gj.body.features[0].geometry).toEqual({ type: 'Point', coordinates: [122.1, 29.95] });
    const kml = await c.http('GET', '/api/alerts/export.kml', { token: operator });
    expect(kml.headers.get('content-type')).toMatch(/kml/);
    expect(kml.text.match(/<Placemark>/g)).toHaveLength(10);
    const west = await c.tokenFor('port_office', ['jur-west']);
    const wcsv = await c.http('GET', '/api/alerts/export.csv', { token: west });
    expect(wcsv.text.trim().split('\r\n')).toHaveLength(4);
  });

  it('evidence package (GeoJSON bundle) and printable report', async () => {
    const ev = await c.http('GET', `/api/alerts/${ids[0]}/evidence.json`, { token: inspector });
    expect(ev.status).toBe(200);
    expect(ev.body.type).toBe('FeatureCollection');
    expect(ev.body.alert.id).toBe(ids[0]);
    expect(ev.body.auditVerified).toBe(true);
    expect(ev.body.audit.length).toBeGreaterThanOrEqual(1);
    const roles = ev.body.features.map((f: any) => f.properties.role);
    expect(roles).toContain('alert');
    expect(roles).toContain('zone');
    expect(roles).toContain('evidence');
    const html = await c.http('GET', `/api/alerts/${ids[0]}/report.html`, { token: inspector });
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.text).toContain('Evidence report');
    expect(html.text).toContain('<svg');
    expect(html.text).not.toContain('<script');
  });

  it('zones upload is validated with the feature index and reason', async () => {
    const bad = structuredClone(JURISDICTIONS);
    (bad.features[1]!.properties as any).kind = 'volcano';
    const r = await c.http('PUT', '/api/zones', { token: admin, body: bad });
    expect(r.status).toBe(400);
    expect(r.body.featureIndex).toBe(1);
    expect(r.body.field).toBe('features.1');
    expect(r.body.message).toMatch(/features\[1\]/);
    expect((await c.http('PUT', '/api/zones', { token: admin, body: { type: 'nope' } })).status).toBe(400);
    const z = await c.http('GET', '/api/zones', { token: operator });
    expect(z.body.features).toHaveLength(3); // the bad upload changed nothing
  });

  it('declares a temporary closure over a zone\'s area for a window, and lifts it', async () => {
    const body = { area: 'jur-east', name: { zh: '台风停航', en: 'Typhoon sailing ban' }, validFrom: '2026-09-14T18:00:00+08:00', validTo: '2026-09-16T06:00:00+08:00' };
    const bad = async (b: unknown, field: RegExp) => {
      const r = await c.http('POST', '/api/zones/closures', { token: admin, body: b });
      expect(r.status, JSON.stringify(b)).toBe(400);
      expect(r.body.message).toMatch(field);
    };
    await bad({ ...body, area: 'jur-atlantis' }, /area: no zone 'jur-atlantis'/);
    await bad({ ...body, validTo: '2026-09-14T17:00:00+08:00' }, /validTo/);
    await bad({ ...body, validFrom: 'tomorrow' }, /validFrom/);
    expect((await c.http('POST', '/api/zones/closures', { token: operator, body })).status).toBe(403);

    const made = await c.http('POST', '/api/zones/closures', { token: admin, body });
    expect(made.status).toBe(201);
    expect(made.body.properties).toMatchObject({ kind: 'temporary_closure', validFrom: body.validFrom, validTo: body.validTo, area: 'jur-east', name: body.name });
    const zones = (await c.http('GET', '/api/zones', { token: operator })).body;
    const east = zones.features.find((f: any) => f.properties.id === 'jur-east');
    const closure = zones.features.find((f: any) => f.properties.id === made.body.properties.id);
    expect(closure.geometry).toEqual(east.geometry);
    expect((await c.http('POST', '/api/zones/closures', { token: admin, body })).status).toBe(409); // same area and start

    expect((await c.http('DELETE', '/api/zones/closures/jur-east', { token: admin })).status).toBe(400); // not a closure
    expect((await c.http('DELETE', '/api/zones/closures/nope', { token: admin })).status).toBe(404);
    expect((await c.http('DELETE', `/api/zones/closures/${made.body.properties.id}`, { token: admin })).status).toBe(204);
    expect((await c.http('GET', '/api/zones', { token: operator })).body.features).toHaveLength(zones.features.length - 1);
  });

  it('registry CSV import imports the good rows and reports the bad ones', async () => {
    const csv = [
      'mmsi,name,category,gear,licensedPassengers,homePort,notes',
      '412400001,ZHE PU YU 1,fishing,trawl,,Shenjiamen,',
      '41240000X,BAD MMSI,fishing,,,Shenjiamen,',
      '412400002,"FERRY, PUTUO",passenger,,120,Putuoshan,',
      '412400003,ODD,spaceship,,,Shenjiamen,',
      '412400001,DUPLICATE,fishing,,,Shenjiamen,',
    ].join('\n');
    const r = await c.http('POST', '/api/registry/import', { token: admin, body: csv });
    expect(r.status).toBe(201);
    expect(r.body.imported).toBe(2);
    expect(r.body.rejected).toBe(3);
    expect(r.body.errors.map((e: any) => [e.row, e.field])).toEqual([[2, 'mmsi'], [4, 'category'], [5, 'mmsi']]);
    const list = await c.http('GET', '/api/registry?q=FERRY', { token: operator });
    expect(list.body.items).toEqual([expect.objectContaining({ mmsi: 412400002, name: 'FERRY, PUTUO', licensedPassengers: 120 })]);
    const header = await c.http('POST', '/api/registry/import', { token: admin, body: 'mmsi,name\n1,2' });
    expect(header.status).toBe(400);
    expect(header.body.field).toBe('header');
  });

  it('health, OpenAPI, headers, SPA fallback', async () => {
    const h = await c.http('GET', '/health');
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'ok', database: { ok: true }, bus: { ok: true, kind: 'memory' } });
    const doc = await c.http('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toContain('/api/alerts/{id}/confirm');
    // Request bodies and query parameters are documented from the zod schemas that validate them.
    expect(doc.body.paths['/api/alerts/{id}/dismiss'].post.requestBody.content['application/json'].schema.required).toEqual(['reason']);
    expect(doc.body.paths['/api/alerts'].get.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['rule', 'cursor', 'limit']));
    expect((await fetch(`${c.url}/api/docs`)).status).toBe(200);
    expect(h.headers.get('x-content-type-options')).toBe('nosniff');
    expect(h.headers.get('x-correlation-id')).toBeTruthy();
    const metrics = await fetch(`${c.url}/metrics`);
    expect(await metrics.text()).toContain('seawarden_console_logins_total');
    const spa = await fetch(`${c.url}/some/deep/link`);
    if (spa.status === 200) expect(await spa.text()).toMatch(/<html/i);
    const unknownApi = await c.http('GET', '/api/nope', { token: operator });
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body.correlationId).toBeTruthy();
  });
});

describe('ban calendars on a console running alone', () => {
  it('shows CALENDARS_FILE until calendars are stored, not the built-in ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seawarden-calendars-'));
    const file = join(dir, 'calendars.json');
    const doc = { timezone: 'Asia/Shanghai', calendars: [{ id: 'local', name: { zh: '本地', en: 'local' }, periods: [{ gears: ['*'], from: '05-01T12:00', to: '09-16T12:00' }] }] };
    writeFileSync(file, JSON.stringify(doc));
    const c = await startConsole({ settings: { consoleWebhooks: false, calendarsFile: file } });
    try {
      const admin = (await c.login('admin', ADMIN_PASSWORD)).accessToken;
      expect((await c.http('GET', '/api/calendars', { token: admin })).body).toEqual(doc);
    } finally {
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('zones upload with an engine in the process', () => {
  it('puts the engine back on its zones when the database refuses the write', async () => {
    let running: unknown = { type: 'FeatureCollection', features: [] };
    const engine = { get: () => running as never, replace: (fc: unknown) => ((running = fc), { count: (fc as { features: unknown[] }).features.length }) };
    const c = await startConsole({ zones: engine, settings: { consoleWebhooks: false } });
    try {
      const admin = (await c.login('admin', ADMIN_PASSWORD)).accessToken;
      expect((await c.http('PUT', '/api/zones', { token: admin, body: JURISDICTIONS })).status).toBe(200);
      expect(running).toEqual(JURISDICTIONS);
      const replace = c.store.zones.replace.bind(c.store.zones);
      c.store.zones.replace = async () => {
        throw new Error('database unavailable');
      };
      const smaller = { ...JURISDICTIONS, features: JURISDICTIONS.features.slice(0, 1) };
      const r = await c.http('PUT', '/api/zones', { token: admin, body: smaller });
      c.store.zones.replace = replace;
      expect(r.status).toBeGreaterThanOrEqual(500);
      expect(running).toEqual(JURISDICTIONS); // not left on zones the database does not have
      expect((await c.http('GET', '/api/zones', { token: admin })).body.features).toHaveLength(JURISDICTIONS.features.length);
    } finally {
      await c.close();
    }
  });

  it('a port office gets its alerts in one request behind more than 100 pages of other waters', async () => {
    const d = await startConsole({ settings: { consoleWebhooks: false } });
    try {
      const adminToken = (await d.login('admin', ADMIN_PASSWORD)).accessToken;
      expect((await d.http('PUT', '/api/zones', { token: adminToken, body: JURISDICTIONS })).status).toBe(200);
      const at = (i: number) => new Date(Date.parse('2026-08-01T00:00:00Z') + i * 60_000).toISOString();
      const east = makeAlert({ openedAt: at(0), updatedAt: at(0), position: { lat: 29.95, lon: 122.38 } });
      await storeAlertChange(d.store, { kind: 'opened', alert: east });
      // 150 newer alerts in the west: with limit=1 that is 150 pages of someone else's waters.
      for (let i = 1; i <= 150; i++) await storeAlertChange(d.store, { kind: 'opened', alert: makeAlert({ openedAt: at(i), updatedAt: at(i), position: { lat: 29.95, lon: 122.1 } }) });
      const po = await d.tokenFor('port_office', ['jur-east']);
      const r = await d.http('GET', '/api/alerts?limit=1', { token: po });
      expect(r.status).toBe(200);
      expect(r.body.items.map((a: { id: string }) => a.id)).toEqual([east.id]);
      expect(r.body.nextCursor).toBeNull();
      // An office whose jurisdiction zone is not loaded sees nothing (and is not scanned for).
      const lost = await d.tokenFor('port_office', ['jur-gone']);
      expect((await d.http('GET', '/api/alerts?limit=5', { token: lost })).body).toEqual({ items: [], nextCursor: null });
    } finally {
      await d.close();
    }
  }, 120_000);
});
