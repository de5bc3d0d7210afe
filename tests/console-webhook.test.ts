/**
 * Webhooks: a receiver that fails twice then accepts gets the alert exactly once with a valid
 * signature; a restart of the server in the middle of the retries loses nothing; addresses the
 * policy does not allow (loopback here, unless WEBHOOK_ALLOWED_NETWORKS names it) are refused
 * when saved and again when connecting.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '@seawarden/console';
import { ADMIN_PASSWORD, makeAlert, startConsole, storeAlertChange, type RunningConsole } from './console-harness.js';

const SECRET = 'port-office-webhook-secret-123';
/** The receivers listen on loopback, which the webhook address policy refuses unless allowed. */
const LOOPBACK = { webhookAllowedNetworks: '127.0.0.0/8' };

interface Received { body: string; ts: string; sig: string; status: number }

function receiver(failFirst: number) {
  const got: Received[] = [];
  let calls = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls++;
      const status = calls <= failFirst ? 500 : 200;
      got.push({ body, ts: String(req.headers['x-seawarden-timestamp']), sig: String(req.headers['x-seawarden-signature']), status });
      res.statusCode = status;
      res.end(status === 200 ? 'ok' : 'try later');
    });
  });
  return {
    got,
    listen: () => new Promise<string>((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as any).port}/hook`))),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function until(cond: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

/** Port office bound to a jurisdiction containing the alert, with a webhook subscription. */
async function subscribe(c: RunningConsole, url: string) {
  const po = await c.createUser('port_office', ['jur-zhujiajian']);
  const { accessToken } = await c.login(po.username, po.password);
  const r = await c.http('POST', '/api/subscriptions', {
    token: accessToken,
    body: { name: 'duty desk', webhookUrl: url, secret: SECRET, severities: ['high', 'critical'] },
  });
  expect(r.status).toBe(201);
  expect(r.body).not.toHaveProperty('secret');
  return { token: accessToken, subId: r.body.id as string };
}

const JURISDICTION = {
  type: 'FeatureCollection' as const,
  features: [{
    type: 'Feature' as const,
    properties: { id: 'jur-zhujiajian', name: { zh: '朱家尖', en: 'Zhujiajian' }, kind: 'jurisdiction' },
    geometry: { type: 'Polygon', coordinates: [[[122.3, 29.85], [122.5, 29.85], [122.5, 30.0], [122.3, 30.0], [122.3, 29.85]]] },
  }],
};
const zones = { get: () => JURISDICTION };

describe('console webhooks', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it("fails twice, then delivers exactly once with a valid signature; the log has every attempt", { timeout: 120_000 }, async () => {
    const rx = receiver(2);
    const url = await rx.listen();
    cleanup.push(rx.close);
    const c = await startConsole({ zones, settings: LOOPBACK });
    cleanup.push(() => c.close());
    const { token, subId } = await subscribe(c, url);

    const alert = makeAlert();
    const outside = makeAlert({ position: { lat: 30.5, lon: 122.0 } });
    const low = makeAlert({ severity: 'low' });
    for (const a of [alert, outside, low]) await storeAlertChange(c.store, { kind: 'opened', alert: a });

    await until(() => rx.got.some((g) => g.status === 200));
    await new Promise((r) => setTimeout(r, 1500)); // would any duplicate or filtered alert arrive?
    expect(rx.got.map((g) => g.status)).toEqual([500, 500, 200]);
    for (const g of rx.got) {
      expect(verifyWebhook(SECRET, g.ts, g.body, g.sig)).toBe(true);
      expect(verifyWebhook('wrong-secret-wrong-secret', g.ts, g.body, g.sig)).toBe(false);
      const body = JSON.parse(g.body);
      expect(body).toMatchObject({ event: 'alert.opened', alert: { id: alert.id, mmsi: alert.mmsi } });
    }
    const log = await c.http('GET', `/api/subscriptions/${subId}/deliveries`, { token });
    expect(log.status).toBe(200);
    expect(log.body.items.map((i: any) => [i.attempt, i.httpStatus, i.status])).toEqual([[3, 200, 'delivered'], [2, 500, 'failed'], [1, 500, 'failed']]);
  });

  it("a restart in the middle of the retries loses nothing and delivers once", { timeout: 120_000 }, async () => {
    const rx = receiver(1);
    const url = await rx.listen();
    cleanup.push(rx.close);
    const dataDir = mkdtempSync(join(tmpdir(), 'seawarden-webhook-restart-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // Long retry delay so the first process is stopped while the delivery waits.
    const first = await startConsole({ dataDir, zones, settings: { webhookRetryBaseMs: 1500, ...LOOPBACK } });
    await subscribe(first, url);
    const alert = makeAlert();
    await storeAlertChange(first.store, { kind: 'opened', alert });
    await until(() => rx.got.length === 1);
    await first.close();
    expect(rx.got.map((g) => g.status)).toEqual([500]);

    const second = await startConsole({ dataDir, zones, settings: { webhookRetryBaseMs: 1500, ...LOOPBACK } });
    cleanup.push(() => second.close());
    await until(() => rx.got.some((g) => g.status === 200));
    await new Promise((r) => setTimeout(r, 1000));
    expect(rx.got.map((g) => g.status)).toEqual([500, 200]);
    const delivered = rx.got.filter((g) => g.status === 200).map((g) => JSON.parse(g.body));
    expect(delivered).toHaveLength(1);
    expect(delivered[0].alert.id).toBe(alert.id);
    expect(verifyWebhook(SECRET, rx.got[1]!.ts, rx.got[1]!.body, rx.got[1]!.sig)).toBe(true);
  });

  it('refuses webhook URLs to loopback, link-local and private addresses unless allowed, also at delivery time', { timeout: 120_000 }, async () => {
    const rx = receiver(0);
    const url = await rx.listen();
    cleanup.push(rx.close);
    const dataDir = mkdtempSync(join(tmpdir(), 'seawarden-webhook-policy-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const strict = await startConsole({ dataDir, zones });
    const po = await strict.createUser('port_office', ['jur-zhujiajian']);
    const { accessToken: token } = await strict.login(po.username, po.password);
    const refused = async (webhookUrl: string) => {
      const r = await strict.http('POST', '/api/subscriptions', { token, body: { name: 'x', webhookUrl, secret: SECRET } });
      expect(r.status, webhookUrl).toBe(400);
      return String(r.body.message ?? r.text);
    };
    expect(await refused(url)).toMatch(/webhookUrl: 127\.0\.0\.1 is a loopback address .*WEBHOOK_ALLOWED_NETWORKS/);
    expect(await refused('http://localhost:9/hook')).toMatch(/localhost resolves to .* loopback address/);
    expect(await refused('http://169.254.169.254/latest/meta-data/')).toMatch(/linkLocal/);
    expect(await refused('http://10.1.2.3/hook')).toMatch(/private/);
    expect(await refused('http://[::ffff:127.0.0.1]/hook')).toMatch(/loopback/);
    await strict.close();

    // Saved (by host name) while loopback was allowed; a console that no longer allows it does
    // not connect: the address is judged again when the name is resolved for the connection.
    const allowing = await startConsole({ dataDir, zones, settings: { webhookAllowedNetworks: '127.0.0.0/8,::1/128' } });
    const { subId } = await subscribe(allowing, url.replace('127.0.0.1', 'localhost'));
    await allowing.close();
    const again = await startConsole({ dataDir, zones, settings: { webhookRetryBaseMs: 60_000 } });
    cleanup.push(() => again.close());
    await storeAlertChange(again.store, { kind: 'opened', alert: makeAlert() });
    const admin = await again.login('admin', ADMIN_PASSWORD);
    let items: any[] = [];
    await until(async () => {
      items = (await again.http('GET', `/api/subscriptions/${subId}/deliveries`, { token: admin.accessToken })).body.items ?? [];
      return items.length > 0;
    });
    expect(items[0]).toMatchObject({ attempt: 1, httpStatus: null });
    expect(items[0].error).toMatch(/localhost resolves to .* is a loopback address/);
    expect(rx.got).toEqual([]);
  });
});
