/**
 * The ingestor end to end on real sockets (acceptance 7): two receivers hearing the same
 * transmission (dedupe), NMEA POSTed over HTTP to the running Nest app, and /metrics with
 * per-source counters. Real decoder (@seawarden/ais), no mocks.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { Registry } from 'prom-client';
import { encodeMessage } from '@seawarden/ais';
import { createLogger, metricsRegistry, parseFeeds } from '@seawarden/config';
import type { AisMessage } from '@seawarden/contracts';
import { FeedManager, IngestorModule, TcpServerSource, UdpSource, aisDecoderFactory, type MessageContext } from '@seawarden/ingestor';
import { until } from './fixtures/until.js';

const quiet = createLogger('test', 'warn');
const T0 = 1_751_328_000; // 2025-07-01T00:00:00Z
const position = (mmsi: number, second: number) => ({
  type: 1, repeat: 0, mmsi, navStatus: 0, rot: 0, sog: 5.2, accuracy: false, lon: 122.3, lat: 30.0, cog: 90, heading: 91, second,
});
/** One transmission as a receiver writes it: with its own tag block. */
const heard = (rx: string, atS: number, mmsi = 412000001, second = 12) =>
  encodeMessage(position(mmsi, second), { tagBlock: { s: rx, c: atS } })[0]!;

const cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

function send(sock: UdpSocket, port: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => sock.send(text, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
}

/** Two UDP receivers on free ports, decoded and deduplicated by one manager. */
async function twoReceivers(registry: Registry, dedupeWindowMs = 2000) {
  const feeds = parseFeeds('udp://127.0.0.1:0?id=rx-north,udp://127.0.0.1:0?id=rx-south');
  const manager = new FeedManager({ feeds, dedupeWindowMs, createDecoder: aisDecoderFactory, registry, logger: quiet });
  const got: Array<{ msg: AisMessage; ctx: MessageContext }> = [];
  manager.onMessage((msg, ctx) => got.push({ msg, ctx }));
  await manager.start();
  cleanup.push(() => manager.stop());
  const port = (id: string) => (manager.source(id) as UdpSource).address()!.port;
  const sender = createSocket('udp4');
  cleanup.push(() => sender.close());
  return {
    manager, got,
    north: (text: string) => send(sender, port('rx-north'), text),
    south: (text: string) => send(sender, port('rx-south'), text),
    status: (id: string) => manager.status().find((s) => s.id === id)!,
  };
}

describe('dedupe of two receivers', () => {
  it('passes a message heard by both within the window once and counts the copy', async () => {
    const rx = await twoReceivers(new Registry());
    await rx.north(heard('north', T0) + '\n');
    await until(() => rx.got.length === 1, 'the first copy');
    await rx.south(heard('south', T0 + 1) + '\n'); // same transmission, 1 s later by the other clock
    await until(() => rx.status('rx-south').duplicates === 1, 'the duplicate count');
    expect(rx.got).toHaveLength(1);
    expect(rx.got[0]!.msg).toMatchObject({ mmsi: 412000001, source: 'north', receivedAt: '2025-07-01T00:00:00.000Z' });
    expect(rx.got[0]!.ctx).toMatchObject({ sourceId: 'rx-north', atMs: T0 * 1000 });
    expect(rx.status('rx-south')).toMatchObject({ lines: 1, messages: 1, duplicates: 1 });
    expect(rx.status('rx-north')).toMatchObject({ lines: 1, messages: 1, duplicates: 0 });
  });

  it('passes the same content twice when the receptions are further apart than the window', async () => {
    const rx = await twoReceivers(new Registry());
    await rx.north(heard('north', T0) + '\n');
    await rx.south(heard('south', T0 + 5) + '\n');
    await until(() => rx.got.length === 2, 'both messages');
    expect(rx.got.map((g) => g.ctx.sourceId).sort()).toEqual(['rx-north', 'rx-south']);
    expect(rx.status('rx-south').duplicates).toBe(0);
  });

  it('keeps different messages heard at the same time', async () => {
    const rx = await twoReceivers(new Registry());
    await rx.north([heard('north', T0, 412000001), heard('north', T0, 412000002)].join('\n'));
    await rx.south([heard('south', T0, 412000002), heard('south', T0, 412000001, 13)].join('\n'));
    await until(() => rx.status('rx-south').lines === 2 && rx.status('rx-north').lines === 2, 'all four lines');
    await until(() => rx.got.length === 3, 'three distinct messages');
    expect(rx.got.map((g) => `${g.msg.mmsi}/${g.msg.second}`).sort()).toEqual(['412000001/12', '412000001/13', '412000002/12']);
    expect(rx.status('rx-south').duplicates).toBe(1);
  });

  it('dedupes by arrival time when the lines carry no time of their own', async () => {
    const rx = await twoReceivers(new Registry());
    const bare = encodeMessage(position(412000003, 30))[0]!;
    await rx.north(bare + '\n');
    await rx.south(bare + '\n');
    await until(() => rx.status('rx-south').lines === 1 && rx.status('rx-north').lines === 1, 'both lines');
    expect(rx.got).toHaveLength(1);
    expect(rx.status('rx-north').duplicates + rx.status('rx-south').duplicates).toBe(1);
  });
});

describe('HTTP POST /api/ingest and /metrics on the running app', () => {
  async function boot(feeds: string, ingestToken?: string): Promise<{ app: INestApplication; base: string; manager: FeedManager }> {
    const config = { feeds: parseFeeds(feeds), dedupeWindowMs: 2000, ingestToken };
    const manager = new FeedManager({ ...config, createDecoder: aisDecoderFactory, logger: quiet });
    const app = await NestFactory.create(IngestorModule.forRoot({ config, feedManager: manager }), { logger: false });
    await app.listen(0, '127.0.0.1');
    cleanup.push(() => app.close());
    const addr = app.getHttpServer().address() as { port: number };
    return { app, base: `http://127.0.0.1:${addr.port}`, manager };
  }

  it('decodes NMEA text POSTed with the ingest token and shows the per-source counters on /metrics', async () => {
    const { base, manager } = await boot('http?id=http-test,udp://127.0.0.1:0?id=udp-idle', 's3cret-token');
    const got: AisMessage[] = [];
    manager.onMessage((m) => got.push(m));
    const body = [
      heard('post', T0, 412000010),
      heard('post', T0, 412000011),
      '!AIVDM,1,1,,A,168rO0@00l8gn50A:`P3Q2nH0000,0*00', // bad checksum
      heard('post', T0 + 1, 412000010), // a copy of the first within the window
    ].join('\r\n');

    const denied = await fetch(`${base}/api/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect(denied.status).toBe(401);
    expect(got).toHaveLength(0);

    const res = await fetch(`${base}/api/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: 'Bearer s3cret-token' }, body });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ source: 'http-test', lines: 4 });
    expect(got.map((m) => m.mmsi)).toEqual([412000010, 412000011]);

    const status = manager.status().find((s) => s.id === 'http-test')!;
    expect(status).toMatchObject({ kind: 'http', state: 'listening', lines: 4, messages: 3, duplicates: 1, rejected: { bad_checksum: 1 } });

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toContain('seawarden_feed_lines_total{source="http-test"} 4');
    expect(text).toContain('seawarden_feed_messages_total{source="http-test"} 3');
    expect(text).toContain('seawarden_feed_duplicates_total{source="http-test"} 1');
    expect(text).toContain('seawarden_feed_rejections_total{source="http-test",reason="bad_checksum"} 1');
    expect(text).toContain('seawarden_feed_state{source="http-test",state="listening"} 1');
    expect(text).toContain('seawarden_feed_state{source="udp-idle",state="listening"} 1');
    expect(text).toContain('seawarden_feed_lines_total{source="udp-idle"} 0');
    expect(text).toContain('seawarden_process_cpu_seconds_total');
    // The same registry other modules (the console) register on.
    expect(await metricsRegistry.metrics()).toContain('seawarden_feed_lines_total{source="http-test"} 4');
  });

  it('refuses JSON and says HTTP ingest is off when FEEDS has no http entry', async () => {
    const on = await boot('http?id=http-json');
    const json = await fetch(`${on.base}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ line: 'x' }) });
    expect(json.status).toBe(415);
    const off = await boot('udp://127.0.0.1:0?id=udp-only');
    const res = await fetch(`${off.base}/api/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: heard('x', T0) });
    expect(res.status).toBe(404);
    expect((await res.json()).message).toMatch(/add "http" to FEEDS/);
  });
});

describe('connection metrics', () => {
  it('counts peers of a TCP server source and reconnects of a TCP client source', async () => {
    // A receiver that accepts, sends one sentence and hangs up: the client keeps reconnecting.
    const upstream = createServer((socket) => {
      socket.on('error', () => {});
      socket.end(heard('up', T0, 412000020) + '\n');
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => upstream.close(r)));
    const upPort = (upstream.address() as AddressInfo).port;

    const registry = new Registry();
    const manager = new FeedManager({
      feeds: parseFeeds(`tcp-server://127.0.0.1:0?id=push,tcp-client://127.0.0.1:${upPort}?id=pull&minBackoffMs=10&maxBackoffMs=20`),
      dedupeWindowMs: 2000, createDecoder: aisDecoderFactory, registry, logger: quiet,
    });
    await manager.start();
    cleanup.push(() => manager.stop());
    const port = (manager.source('push') as TcpServerSource).address()!.port;
    const a = connect(port, '127.0.0.1');
    const b = connect(port, '127.0.0.1');
    for (const c of [a, b]) c.on('error', () => {}); // reset by the source's stop()
    cleanup.push(() => { a.destroy(); b.destroy(); });
    a.write(heard('a', T0, 412000021) + '\n');
    b.write(heard('b', T0, 412000022) + '\n');

    const status = (id: string) => manager.status().find((s) => s.id === id)!;
    await until(() => status('push').messages === 2 && status('pull').reconnects >= 2, 'pushed messages and reconnects');
    const text = await registry.metrics();
    expect(text).toContain('seawarden_feed_connections{source="push"} 2');
    expect(status('push').connections).toBe(2);
    const reconnects = Number(/seawarden_feed_reconnects_total\{source="pull"\} (\d+)/.exec(text)![1]);
    expect(reconnects).toBeGreaterThanOrEqual(2);
    expect(status('pull').messages).toBeGreaterThanOrEqual(1);
    // The upstream sends the same sentence on every connection: copies within the window are dropped.
    expect(status('pull').duplicates).toBe(status('pull').messages - 1);
    a.destroy();
    await until(() => status('push').connections === 1, 'one peer gone');
    expect(await registry.metrics()).toContain('seawarden_feed_connections{source="push"} 1');
  });
});
