/**
 * Full stack (acceptance 1): the whole process (the ingestor's bootstrap, ROLE=all) on a free port
 * with the embedded database, NMEA of a scripted violation pushed over a real TCP socket into a
 * tcp-server feed, and the alert received on real socket.io clients: the operator, the port
 * office whose jurisdiction contains it — and not the port office whose jurisdiction does not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessage } from '@seawarden/ais';
import { loadConfig } from '@seawarden/config';
import type { Alert } from '@seawarden/contracts';
import { AuthService } from '@seawarden/console';
import { UsersRepository } from '@seawarden/store';
import { io, type Socket } from 'socket.io-client';
import { bootstrap, type RunningApp } from '../apps/ingestor/src/app.bootstrap.js';

const MMSI = 412777001;
/** Inside restricted-zhujiajian-east (Zhoushan scenario), in the Zhujiajian jurisdiction. */
const INSIDE = { lat: 29.92, lon: 122.453 };

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('console full stack: NMEA over TCP → alert on socket.io by jurisdiction', () => {
  let running: RunningApp;
  let dataDir: string;
  let nmeaPort: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'seawarden-fullstack-'));
    nmeaPort = await freePort();
    const httpPort = await freePort();
    const config = loadConfig({
      PORT: String(httpPort), HOST: '127.0.0.1', DATA_DIR: dataDir, FEEDS: `tcp-server://127.0.0.1:${nmeaPort}`,
      ADMIN_PASSWORD: 'fullstack-admin-pw', JWT_SECRET: 'fullstack-jwt-secret-0123456789', LOG_LEVEL: 'warn',
    });
    running = await bootstrap(config);
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await running?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('operator and the Zhujiajian port office get the alert; the Shenjiamen port office does not', { timeout: 120_000 }, async () => {
    const base = `http://127.0.0.1:${running.port}`;
    const auth = running.app.get(AuthService);
    const users = new UsersRepository((running.runtime.store as any).db);
    const account = async (role: 'operator' | 'port_office', jurisdictions: string[]) => {
      const username = `${role}-${randomUUID().slice(0, 6)}`;
      const password = `pw-${randomUUID()}`;
      await users.insert({ id: randomUUID(), username, passwordHash: await auth.hashPassword(password), role, jurisdictions });
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const listen = async (token: string) => {
      const s = io(`${base}/live`, { auth: { token }, transports: ['websocket'], reconnection: false });
      sockets.push(s);
      const got: Alert[] = [];
      s.on('alert', (a: Alert) => got.push(a));
      await new Promise<void>((resolve, reject) => { s.once('connect', () => resolve()); s.once('connect_error', reject); });
      return got;
    };
    const operator = await listen(await account('operator', []));
    const zhujiajian = await listen(await account('port_office', ['jur-zhujiajian']));
    const shenjiamen = await listen(await account('port_office', ['jur-shenjiamen']));

    // A leisure boat (ship type 37) sits in the restricted zone for three minutes of tag-block time.
    const t0 = Math.floor(Date.now() / 1000) - 200;
    const lines: string[] = [
      ...encodeMessage({ type: 24, repeat: 0, mmsi: MMSI, partNo: 0, name: 'ZHE PU YU 777' }, { tagBlock: { s: 'rx-test', c: t0 } }),
      ...encodeMessage({ type: 24, repeat: 0, mmsi: MMSI, partNo: 1, shipType: 37, callsign: 'BTEST7', toBow: 5, toStern: 4, toPort: 1, toStarboard: 1 }, { tagBlock: { s: 'rx-test', c: t0 } }),
    ];
    for (let i = 0; i <= 18; i++) {
      lines.push(...encodeMessage(
        { type: 18, repeat: 0, mmsi: MMSI, sog: 1.2, accuracy: true, lon: INSIDE.lon + i * 0.00001, lat: INSIDE.lat, cog: 45, heading: 45, second: (t0 + i * 10) % 60 },
        { tagBlock: { s: 'rx-test', c: t0 + i * 10 } },
      ));
    }
    const sock = connect(nmeaPort, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    sock.write(lines.join('\r\n') + '\r\n');

    const deadline = Date.now() + 60_000;
    const mine = (list: Alert[]) => list.filter((a) => a.mmsi === MMSI && a.rule === 'restricted_entry');
    while (Date.now() < deadline && (mine(operator).length === 0 || mine(zhujiajian).length === 0)) await new Promise((r) => setTimeout(r, 100));
    sock.end();
    await new Promise((r) => setTimeout(r, 1000)); // give a wrongly routed alert time to arrive

    expect(mine(operator).length).toBeGreaterThan(0);
    const alert = mine(operator)[0]!;
    expect(alert).toMatchObject({ rule: 'restricted_entry', zoneId: 'restricted-zhujiajian-east', status: 'open' });
    expect(mine(zhujiajian).map((a) => a.id)).toContain(alert.id);
    expect(shenjiamen.filter((a) => a.mmsi === MMSI)).toEqual([]);

    // The same alert through REST, and hidden from the other port office.
    const opToken = await account('operator', []);
    const one = await fetch(`${base}/api/alerts/${encodeURIComponent(alert.id)}`, { headers: { authorization: `Bearer ${opToken}` } });
    expect(one.status).toBe(200);
    const other = await fetch(`${base}/api/alerts/${encodeURIComponent(alert.id)}`, { headers: { authorization: `Bearer ${await account('port_office', ['jur-shenjiamen'])}` } });
    expect(other.status).toBe(403);
  });
});
