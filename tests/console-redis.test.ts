/**
 * Two console instances sharing Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379): a client
 * on instance A receives an alert raised through instance B — both through the live bus
 * (Redis pub/sub) and through a workflow change on B (socket.io Redis adapter); failed logins
 * count against one limit whichever instance they reach.
 */
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '@seawarden/contracts';
import { RedisLiveBus } from '@seawarden/console';
import { connectOutcome, makeAlert, startConsole, storeAlertChange, type RunningConsole } from './console-harness.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = createConnection(Number(u.port || 6379), u.hostname);
    const done = (ok: boolean) => { s.destroy(); resolve(ok); };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

const up = await reachable(REDIS_URL);
if (!up) console.log(`console-redis: Redis not reachable at ${REDIS_URL}; two-instance test skipped`);

describe.skipIf(!up)('two console instances over Redis', () => {
  let a: RunningConsole;
  let b: RunningConsole;

  beforeAll(async () => {
    const settings = { redisUrl: REDIS_URL, consoleWebhooks: false };
    a = await startConsole({ bus: await RedisLiveBus.connect(REDIS_URL), settings });
    b = await startConsole({ bus: await RedisLiveBus.connect(REDIS_URL), settings });
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  async function clientOnA(): Promise<Alert[]> {
    const s = a.socket(await a.tokenFor('operator'));
    expect(await connectOutcome(s)).toEqual({ connected: true });
    const got: Alert[] = [];
    s.on('alert', (x: Alert) => got.push(x));
    return got;
  }

  const until = async (cond: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  };

  it('an alert published on B’s bus reaches a client on A', async () => {
    const got = await clientOnA();
    const alert = makeAlert();
    b.bus.publishAlert({ kind: 'opened', alert });
    await until(() => got.some((x) => x.id === alert.id));
    await new Promise((r) => setTimeout(r, 300));
    expect(got.filter((x) => x.id === alert.id)).toHaveLength(1); // once, not once per instance
    expect(got.find((x) => x.id === alert.id)!.status).toBe('open');
  });

  it('a workflow change made through B’s REST API reaches a client on A (socket.io Redis adapter)', async () => {
    const got = await clientOnA();
    const alert = makeAlert({ mmsi: 412000999 });
    await storeAlertChange(b.store, { kind: 'opened', alert }); // stored on B only, not published
    const r = await b.http('POST', `/api/alerts/${alert.id}/acknowledge`, { token: await b.tokenFor('operator'), body: {} });
    expect(r.status).toBe(200);
    await until(() => got.some((x) => x.id === alert.id));
    await new Promise((r2) => setTimeout(r2, 300));
    const mine = got.filter((x) => x.id === alert.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.status).toBe('acknowledged');
  });

  it('login attempts are limited across the instances, not per instance', async () => {
    const username = `guesser-${Date.now()}`;
    const attempt = (c: RunningConsole) => c.http('POST', '/api/auth/login', { body: { username, password: 'wrong-password' } }).then((r) => r.status);
    // The burst is 5: three on A and two on B use it up; per-instance limits would allow 10.
    const codes = [await attempt(a), await attempt(a), await attempt(a), await attempt(b), await attempt(b)];
    expect(codes).toEqual([401, 401, 401, 401, 401]);
    expect(await attempt(a)).toBe(429);
    expect(await attempt(b)).toBe(429);
  });
});
