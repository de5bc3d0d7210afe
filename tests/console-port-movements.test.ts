/**
 * Port movements of hook-and-line boats (DOMAIN.md: exempt from the moratorium, but they report
 * every port entry and exit): the console derives departures and arrivals from the stored tracks
 * (real store, real HTTP), for the registry's hook-and-line boats or one vessel asked for, and a
 * port office sees those in its jurisdictions only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from './console-harness.js';
import { positionMessage } from './store.helpers.js';

const rect = (id: string, kind: string, w: number, s: number, e: number, n: number, extra: Record<string, unknown> = {}) => ({
  type: 'Feature' as const,
  properties: { id, kind, name: { zh: `区${id}`, en: `Zone ${id}` }, ...extra },
  geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
});
const ZONES = {
  type: 'FeatureCollection' as const,
  features: [
    rect('port-sjm', 'port', 122.27, 29.94, 122.30, 29.95),
    rect('port-liuheng', 'port', 122.09, 29.77, 122.11, 29.79),
    rect('jur-sjm', 'jurisdiction', 122.2, 29.9, 122.5, 30.1, { office: 'shenjiamen' }),
    rect('jur-liuheng', 'jurisdiction', 122.0, 29.7, 122.2, 29.85, { office: 'liuheng' }),
  ],
};
const HOOK = 412420105;
const TRAWL = 412420101;
const DAY = Date.parse('2026-07-18T00:00:00+08:00');
const H = 3_600_000;

/** In port at Shenjiamen until 06:00, fishing at sea, back at 16:00 (fixes every 2 min). */
function dayOut(mmsi: number) {
  const out = [];
  for (let t = DAY + 4 * H; t <= DAY + 18 * H; t += 120_000) {
    const atSea = t >= DAY + 6 * H && t < DAY + 16 * H;
    out.push(positionMessage(mmsi, t, atSea ? 29.9 : 29.945, atSea ? 122.35 + ((t / 120_000) % 7) * 1e-3 : 122.285, { sog: atSea ? 3 : 0 }));
  }
  return out;
}

describe('GET /api/port-movements', () => {
  let c: RunningConsole;
  const url = (q: string) => `/api/port-movements?from=${encodeURIComponent(new Date(DAY).toISOString())}&to=${encodeURIComponent(new Date(DAY + 24 * H).toISOString())}${q}`;

  beforeAll(async () => {
    c = await startConsole({ settings: { consoleWebhooks: false } });
    const admin = await c.tokenFor('admin');
    expect((await c.http('PUT', '/api/zones', { token: admin, body: ZONES })).status).toBe(200);
    await c.store.registry.write(
      [
        { mmsi: HOOK, name: 'ZHEPUYU 20316', category: 'fishing', gear: 'hook_and_line', homePort: 'shenjiamen' },
        { mmsi: TRAWL, name: 'ZHEPUYU 61028', category: 'fishing', gear: 'trawl', homePort: 'shenjiamen' },
      ],
      'merge',
    );
    for (const m of [...dayOut(HOOK), ...dayOut(TRAWL)]) c.store.positions.write(m as never);
    await c.store.positions.flush();
  }, 120_000);
  afterAll(async () => c?.close());

  it("lists each hook-and-line boat's departures and arrivals, from its stored track", async () => {
    const r = await c.http('GET', url(''), { token: await c.tokenFor('inspector') });
    expect(r.status).toBe(200);
    expect(r.body.vessels).toEqual([
      {
        mmsi: HOOK, name: 'ZHEPUYU 20316', gear: 'hook_and_line', homePort: 'shenjiamen', startsIn: 'port-sjm', endsIn: 'port-sjm', fixes: 421,
        movements: [
          { kind: 'departure', at: new Date(DAY + 6 * H).toISOString(), zoneId: 'port-sjm', zoneName: { zh: '区port-sjm', en: 'Zone port-sjm' }, lat: 29.9, lon: expect.any(Number) },
          { kind: 'arrival', at: new Date(DAY + 16 * H).toISOString(), zoneId: 'port-sjm', zoneName: { zh: '区port-sjm', en: 'Zone port-sjm' }, lat: 29.945, lon: 122.285 },
        ],
      },
    ]);
  });

  it('exports the movements as CSV, one row each in time order', async () => {
    const r = await c.http('GET', url('').replace('/api/port-movements?', '/api/port-movements/export.csv?'), { token: await c.tokenFor('port_office', ['jur-sjm']) });
    expect(r.status).toBe(200);
    const lines = r.text.trim().split('\r\n');
    expect(lines[0]).toBe('at,movement,mmsi,name,gear,homePort,zoneId,portEn,portZh,lat,lon');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 7).join(','))).toEqual([
      `${new Date(DAY + 6 * H).toISOString()},departure,${HOOK},ZHEPUYU 20316,hook_and_line,shenjiamen,port-sjm`,
      `${new Date(DAY + 16 * H).toISOString()},arrival,${HOOK},ZHEPUYU 20316,hook_and_line,shenjiamen,port-sjm`,
    ]);
  });

  it('any vessel when asked by MMSI', async () => {
    const r = await c.http('GET', url(`&mmsi=${TRAWL}`), { token: await c.tokenFor('operator') });
    expect(r.body.vessels.map((v: any) => [v.mmsi, v.movements.map((m: any) => m.kind)])).toEqual([[TRAWL, ['departure', 'arrival']]]);
  });

  it('a port office sees the movements in its own jurisdictions only', async () => {
    const own = await c.http('GET', url(''), { token: await c.tokenFor('port_office', ['jur-sjm']) });
    expect(own.body.vessels.map((v: any) => v.movements.length)).toEqual([2]);
    const other = await c.http('GET', url(''), { token: await c.tokenFor('port_office', ['jur-liuheng']) });
    expect(other.body.vessels).toEqual([]);
  });

  it('refuses a reversed or over-long window', async () => {
    const token = await c.tokenFor('inspector');
    const reversed = await c.http('GET', `/api/port-movements?from=2026-07-19T00:00:00Z&to=2026-07-18T00:00:00Z`, { token });
    expect([reversed.status, reversed.body.field]).toEqual([400, 'from']);
    const long = await c.http('GET', `/api/port-movements?from=2026-07-01T00:00:00Z&to=2026-07-18T00:00:00Z`, { token });
    expect([long.status, long.body.field]).toEqual([400, 'to']);
  });
});
