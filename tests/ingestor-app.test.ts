/**
 * The whole process as `npm start` builds it (ROLE=all: ingestor + console in one Nest app on
 * one port, embedded PGlite in a temporary DATA_DIR), fed over a real UDP socket and HTTP.
 */
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessage } from '@seawarden/ais';
import { loadConfig } from '@seawarden/config';
import { bootstrap, type RunningApp } from '../apps/ingestor/src/app.bootstrap.js';

const T0 = Math.floor(Date.now() / 1000);

describe('ROLE=all process', () => {
  let running: RunningApp;
  let base: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'seawarden-app-'));
    const config = loadConfig({ DATA_DIR: dataDir, FEEDS: 'udp://127.0.0.1:0?id=udp-rx,http', LOG_LEVEL: 'warn', JWT_SECRET: 'x'.repeat(32), DEMO_ACCOUNTS: 'false', ADMIN_PASSWORD: 'harbour-master-1' });
    running = await bootstrap({ ...config, port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${running.port}`;
  }, 180_000); // a first PGlite initdb takes tens of seconds on a busy machine

  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('decodes a UDP datagram into the engine, and serves feeds, console and metrics on one port', async () => {
    const udpPort = (running.feeds!.source('udp-rx') as unknown as { address(): { port: number } }).address().port;
    const sender = createSocket('udp4');
    const line = encodeMessage(
      { type: 1, repeat: 0, mmsi: 413000777, navStatus: 0, rot: 0, sog: 8.4, accuracy: true, lon: 122.38, lat: 29.95, cog: 45, heading: 44, second: 10 },
      { tagBlock: { s: 'udp-rx', c: T0 } },
    )[0]!;
    await new Promise<void>((r, j) => sender.send(line + '\r\n', udpPort, '127.0.0.1', (e) => (e ? j(e) : r())));
    sender.close();
    const end = Date.now() + 10_000;
    while (!running.runtime.detection!.snapshot(413000777) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(running.runtime.detection!.snapshot(413000777)).toMatchObject({ mmsi: 413000777, lat: 29.95, lon: 122.38, sog: 8.4 });

    const posted = await fetch(`${base}/api/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: line });
    expect(posted.status).toBe(202);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('seawarden_feed_messages_total{source="udp-rx"} 1');
    expect(metrics).toContain('seawarden_feed_duplicates_total{source="http"} 1');
    expect(metrics).toContain('seawarden_console_'); // the console registers on the same registry

    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
  });

  it('swaps zones live from the console and lists the built-in registry seeded into the store', async () => {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'harbour-master-1' }) });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${(await login.json()).accessToken}` };
    const zones = await (await fetch(`${base}/api/zones`, { headers: auth })).json();
    const before = running.runtime.detection!.current;
    expect(zones.features.length).toBeGreaterThan(2);
    await running.runtime.detection!.zonesPrepared; // every zone cell classified ahead of the traffic, not only where vessels went
    expect(before.zones().isPrepared).toBe(true);
    expect(before.zones().cachedCells).toBeGreaterThan(1_000);

    const fewer = { ...zones, features: zones.features.slice(1) };
    const put = await fetch(`${base}/api/zones`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(fewer) });
    expect(put.status).toBe(200);
    expect(running.runtime.detection!.current).not.toBe(before);
    expect(running.runtime.detection!.current.zones().size).toBe(fewer.features.length);
    await running.runtime.detection!.zonesPrepared;
    expect(running.runtime.detection!.current.zones().cachedCells).toBeGreaterThan(1_000);
    // The vessel tracked before the swap is still there.
    expect(running.runtime.detection!.snapshot(413000777)).toBeTruthy();

    const bad = await fetch(`${base}/api/zones`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'x' }, geometry: null }] }) });
    expect(bad.status).toBe(400);
    expect(running.runtime.detection!.get().features.length).toBe(fewer.features.length);

    const registry = await (await fetch(`${base}/api/registry?limit=5`, { headers: auth })).json();
    expect(JSON.stringify(registry)).toMatch(/"mmsi":\s*\d{9}/);
  });
});
