/**
 * Authorisation matrix: every REST route and socket event × every role, no token and an expired
 * token. Routes are discovered from Nest's metadata, so a new route without an entry in the
 * expected table below fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ROLES, type Role } from '@seawarden/contracts';
import { CONSOLE_CONTROLLERS, LiveGateway } from '@seawarden/console';
import { connectOutcome, startConsole, type RunningConsole } from './console-harness.js';

const ALL: Role[] = ['operator', 'inspector', 'port_office', 'admin'];
type Rule = Role[] | 'public';

/** Who may call what (API.md). */
const EXPECTED: Record<string, Rule> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': ALL,
  'POST /api/auth/password': ALL,
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'DELETE /api/users/:id': ['admin'],
  'GET /api/vessels': ALL,
  'GET /api/vessels/search': ALL,
  'GET /api/vessels/:mmsi': ALL,
  'GET /api/vessels/:mmsi/track': ALL,
  'GET /api/alerts': ALL,
  'GET /api/alerts/export.csv': ALL,
  'GET /api/alerts/export.geojson': ALL,
  'GET /api/alerts/export.kml': ALL,
  'GET /api/audit/verify': ['inspector', 'admin'],
  'GET /api/alerts/:id': ALL,
  'GET /api/alerts/:id/audit': ALL,
  'POST /api/alerts/:id/acknowledge': ALL,
  'POST /api/alerts/:id/confirm': ['inspector', 'admin'],
  'POST /api/alerts/:id/dismiss': ['inspector', 'admin'],
  'POST /api/alerts/:id/notes': ['inspector', 'admin'],
  'POST /api/alerts/:id/assign': ['inspector', 'admin'],
  'GET /api/alerts/:id/evidence.json': ['inspector', 'admin', 'port_office'],
  'GET /api/alerts/:id/report.html': ['inspector', 'admin', 'port_office'],
  'GET /api/port-movements': ALL,
  'GET /api/port-movements/export.csv': ALL,
  'GET /api/zones': ALL,
  'PUT /api/zones': ['admin'],
  'POST /api/zones/closures': ['admin'],
  'DELETE /api/zones/closures/:id': ['admin'],
  'GET /api/calendars': ALL,
  'PUT /api/calendars': ['admin'],
  'GET /api/registry': ['operator', 'inspector', 'admin'],
  'POST /api/registry/import': ['admin'],
  'GET /api/feeds': ['operator', 'admin'],
  'GET /api/subscriptions': ['port_office', 'admin'],
  'POST /api/subscriptions': ['port_office', 'admin'],
  'PATCH /api/subscriptions/:id': ['port_office', 'admin'],
  'DELETE /api/subscriptions/:id': ['port_office', 'admin'],
  'GET /api/subscriptions/:id/deliveries': ['port_office', 'admin'],
  'GET /health': 'public',
  'GET /api/config': 'public',
};

const EXPECTED_EVENTS: Record<string, Rule> = {
  'vessels:subscribe': ALL,
  'vessels:unsubscribe': ALL,
};

const join = (...parts: string[]) => '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');

/** "METHOD /path" of every handler of the console controllers, from Nest's route metadata. */
function discoverRoutes(): string[] {
  const out: string[] = [];
  for (const ctrl of CONSOLE_CONTROLLERS) {
    const base: string = Reflect.getMetadata(PATH_METADATA, ctrl) ?? '';
    for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
      const handler = ctrl.prototype[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      const method = Reflect.getMetadata(METHOD_METADATA, handler);
      if (path === undefined || method === undefined) continue;
      const paths: string[] = Array.isArray(path) ? path : [path];
      for (const p of paths) out.push(`${RequestMethod[method]} ${join(base, p)}`);
    }
  }
  return out;
}

function discoverEvents(): string[] {
  const out: string[] = [];
  for (const name of Object.getOwnPropertyNames(LiveGateway.prototype)) {
    const h = (LiveGateway.prototype as any)[name];
    if (typeof h !== 'function') continue;
    if (Reflect.getMetadata('websockets:message_mapping', h)) out.push(Reflect.getMetadata('message', h));
  }
  return out;
}

describe('console authorisation matrix', () => {
  let c: RunningConsole;
  const tokens = {} as Record<Role, string>;
  let expired: string;

  beforeAll(async () => {
    c = await startConsole();
    for (const r of ROLES) tokens[r] = await c.tokenFor(r, r === 'port_office' ? ['jur-test'] : []);
    const u = await c.createUser('admin');
    expired = c.auth.sign(u, -60);
  });
  afterAll(async () => c?.close());

  it('has an expectation for every route Nest serves, and no stale ones', () => {
    const routes = discoverRoutes();
    expect(routes.length).toBeGreaterThan(30);
    expect(new Set(routes).size).toBe(routes.length);
    expect([...routes].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('has an expectation for every socket event handler', () => {
    expect(discoverEvents().sort()).toEqual(Object.keys(EXPECTED_EVENTS).sort());
  });

  const fill = (path: string) =>
    path
      .replace(':mmsi', '412000001')
      .replace(':id', path.startsWith('/api/alerts') ? 'no-such-alert' : '00000000-0000-4000-8000-000000000000');

  it('every route × every caller gets the expected allow/deny', async () => {
    const failures: string[] = [];
    for (const [route, rule] of Object.entries(EXPECTED)) {
      const [method, path] = route.split(' ') as [string, string];
      const url = fill(path);
      const callers: [string, string | undefined][] = [['none', undefined], ['expired', expired], ...ROLES.map((r) => [r, tokens[r]] as [string, string])];
      for (const [who, token] of callers) {
        // An empty body: allowed callers get past the guard (400/404/2xx), denied ones do not.
        const body = method === 'GET' || method === 'DELETE' ? undefined : route === 'POST /api/registry/import' ? '' : {};
        const r = await c.http(method, url, { token, body });
        const allowed = rule === 'public' || (ROLES as readonly string[]).includes(who) && (rule as string[]).includes(who);
        const denied = r.status === 401 || r.status === 403;
        if (allowed && denied) failures.push(`${route} as ${who}: expected allowed, got ${r.status} ${r.text.slice(0, 120)}`);
        if (!allowed) {
          const want = who === 'none' || who === 'expired' ? 401 : 403;
          if (r.status !== want) failures.push(`${route} as ${who}: expected ${want}, got ${r.status}`);
          if (who === 'expired' && r.body?.message !== 'token expired') failures.push(`${route} as expired: message ${r.body?.message}`);
          if (typeof r.body?.correlationId !== 'string') failures.push(`${route} as ${who}: no correlationId in ${r.text}`);
        }
        if (r.status >= 500) failures.push(`${route} as ${who}: server error ${r.status} ${r.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('socket handshake: no token and expired token are refused; every role × event as expected', async () => {
    expect(await connectOutcome(c.socket(undefined))).toEqual({ connected: false, error: 'unauthorized' });
    expect(await connectOutcome(c.socket('garbage'))).toEqual({ connected: false, error: 'unauthorized' });
    expect(await connectOutcome(c.socket(expired))).toEqual({ connected: false, error: 'token expired' });
    for (const role of ROLES) {
      const s = c.socket(tokens[role]);
      expect(await connectOutcome(s)).toEqual({ connected: true });
      for (const [event, rule] of Object.entries(EXPECTED_EVENTS)) {
        const allowed = rule === 'public' || rule.includes(role);
        const res = await Promise.race([
          s.timeout(3000).emitWithAck(event, { west: 122, south: 29.8, east: 122.5, north: 30.1 }).then((v: any) => ({ ack: v })),
          new Promise<{ exception: any }>((resolve) => s.once('exception', (e: any) => resolve({ exception: e }))),
        ]).catch((err) => ({ error: String(err) }));
        if (allowed) expect(res, `${event} as ${role}`).toMatchObject({ ack: { ok: true } });
        else expect(res, `${event} as ${role}`).toHaveProperty('exception');
      }
      s.close();
    }
  });

  it('bad input is a 400 naming the field', async () => {
    const r = await c.http('GET', '/api/alerts?limit=100000', { token: tokens.operator });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ field: 'limit' });
    expect(r.body.message).toMatch(/^limit: /);
    const u = await c.http('POST', '/api/users', { token: tokens.admin, body: { username: 'x y', password: 'short', role: 'operator' } });
    expect(u.status).toBe(400);
    expect(u.body.field).toBe('username');
  });
});
