/**
 * Feed sources against real sockets and files (acceptance 7): a TCP server that drops the
 * connection mid-stream and comes back, idle timeout, TCP server with two pushing receivers,
 * UDP datagrams, paced file replay on an injected clock.
 */
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FileReplaySource, SimulatorSource, TcpClientSource, TcpServerSource, UdpSource, sentenceTimeMs,
  type FeedLine, type FeedSource, type FeedState, type ReplayClock,
} from '@seawarden/ingestor';
import { until } from './fixtures/until.js';

/** A sentence with a correct NMEA checksum. */
function nmea(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return `!${body}*${x.toString(16).toUpperCase().padStart(2, '0')}`;
}
const lines = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => nmea(`AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069${String(from + i).padStart(3, '0')},0`));

/** Collects what a source emits. */
function record(source: FeedSource) {
  const got: FeedLine[] = [];
  const states: FeedState[] = [];
  const problems: string[] = [];
  let reconnects = 0;
  source.on('line', (l) => got.push(l));
  source.on('state', (s) => states.push(s));
  source.on('problem', (e) => problems.push(e.message));
  source.on('reconnect', () => reconnects++);
  return { got, states, problems, get reconnects() { return reconnects; } };
}

const cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

describe('tcp-client source', () => {
  it('reconnects after the server drops mid-stream and goes away, and receives every line sent after', async () => {
    const first = lines(1, 5);
    const second = lines(6, 12);
    let connections = 0;
    const sockets = new Set<Socket>();
    const handler = (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      connections++;
      if (connections === 1) {
        // Lines 1–5, split at odd places, then half a line and a hard drop.
        const text = first.join('\r\n') + '\r\n';
        socket.write(text.slice(0, 17));
        setTimeout(() => {
          socket.write(text.slice(17) + '!AIVDM,1,1,,A,13u?etPv2;0n:d');
          setTimeout(() => socket.destroy(), 20);
        }, 20);
      } else {
        socket.write(second.join('\n') + '\n');
      }
    };
    let server = createServer(handler);
    const port = await listen(server);
    cleanup.push(() => new Promise((r) => server.close(r)));

    const client = new TcpClientSource({ id: 'rx', host: '127.0.0.1', port, idleTimeoutMs: 0, minBackoffMs: 10, maxBackoffMs: 40, maxLineLength: 1024 });
    const rec = record(client);
    cleanup.push(() => client.stop());
    await client.start();

    await until(() => rec.got.length === 5 && client.state === 'disconnected', 'the first drop');
    // The server goes away entirely; the client keeps retrying against a closed port.
    await new Promise((r) => server.close(r));
    for (const s of sockets) s.destroy();
    await until(() => rec.problems.some((p) => /ECONNREFUSED/.test(p)) && rec.reconnects >= 3, 'refused reconnects');
    // …and comes back on the same port.
    server = createServer(handler);
    await listen(server, port);

    await until(() => rec.got.length === 12, 'the lines after reconnection');
    expect(rec.got.map((l) => l.line)).toEqual([...first, ...second]);
    expect(client.state).toBe('connected');
    expect(rec.states.slice(0, 3)).toEqual(['connecting', 'connected', 'disconnected']);
    expect(rec.states.at(-1)).toBe('connected');
    expect(connections).toBe(2);
    for (const l of rec.got) expect(l.receivedAtMs).toBeGreaterThan(0);
  });

  it('treats a silent connection as dead after idleTimeoutMs and reconnects', async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.write(lines(connections, connections)[0] + '\n'); // then silence
    });
    const port = await listen(server);
    cleanup.push(() => new Promise((r) => server.close(r)));
    cleanup.push(() => { server.closeAllConnections?.(); });

    const client = new TcpClientSource({ id: 'idle', host: '127.0.0.1', port, idleTimeoutMs: 150, minBackoffMs: 10, maxBackoffMs: 20, maxLineLength: 1024 });
    const rec = record(client);
    cleanup.push(() => client.stop());
    await client.start();
    await until(() => connections >= 2 && rec.got.length >= 2, 'a reconnection after the idle timeout');
    expect(rec.problems.some((p) => /no data for 150 ms/.test(p))).toBe(true);
    expect(rec.reconnects).toBeGreaterThanOrEqual(1);
    expect(rec.got.slice(0, 2).map((l) => l.line)).toEqual([lines(1, 1)[0], lines(2, 2)[0]]);
  });

  it('drops an over-long line as line_too_long and keeps the lines around it', async () => {
    const server = createServer((socket) => {
      socket.write(lines(1, 1)[0] + '\n' + 'X'.repeat(300));
      socket.write('Y'.repeat(300) + '\n' + lines(2, 2)[0] + '\n');
    });
    const port = await listen(server);
    cleanup.push(() => new Promise((r) => server.close(r)));
    cleanup.push(() => { server.closeAllConnections?.(); });
    const client = new TcpClientSource({ id: 'long', host: '127.0.0.1', port, idleTimeoutMs: 0, minBackoffMs: 10, maxBackoffMs: 20, maxLineLength: 200 });
    const rec = record(client);
    const rejects: string[] = [];
    client.on('reject', (reason) => rejects.push(reason));
    cleanup.push(() => client.stop());
    await client.start();
    await until(() => rec.got.length === 2, 'both good lines');
    expect(rec.got.map((l) => l.line)).toEqual([...lines(1, 2)]);
    expect(rejects).toEqual(['line_too_long']);
  });
});

describe('tcp-server source', () => {
  it('takes lines pushed by two receivers at once', async () => {
    const source = new TcpServerSource({ id: 'push', host: '127.0.0.1', port: 0, maxConnections: 8, maxLineLength: 1024 });
    const rec = record(source);
    cleanup.push(() => source.stop());
    await source.start();
    expect(source.state).toBe('listening');
    const port = source.address()!.port;

    const a = connect(port, '127.0.0.1');
    const b = connect(port, '127.0.0.1');
    cleanup.push(() => { a.destroy(); b.destroy(); });
    await Promise.all([once(a, 'connect'), once(b, 'connect')]);
    const la = lines(1, 4);
    const lb = lines(101, 103);
    a.write(la[0] + '\n' + la[1].slice(0, 10));
    b.write(lb.join('\r\n') + '\r\n');
    a.write(la[1].slice(10) + '\n' + la[2] + '\n' + la[3] + '\n');
    await until(() => rec.got.length === 7, 'seven lines');
    expect(source.connections).toBe(2);
    const byPeer = new Map<string, string[]>();
    for (const l of rec.got) byPeer.set(l.peer!, [...(byPeer.get(l.peer!) ?? []), l.line]);
    expect([...byPeer.values()].sort((x, y) => x.length - y.length)).toEqual([lb, la]);
  });

  it('says clearly when its port is taken', async () => {
    const blocker = createServer();
    const port = await listen(blocker);
    cleanup.push(() => new Promise((r) => blocker.close(r)));
    const source = new TcpServerSource({ id: 'busy', host: '127.0.0.1', port, maxConnections: 8, maxLineLength: 1024 });
    await expect(source.start()).rejects.toThrow(`feed busy: cannot listen on 127.0.0.1:${port}`);
  });
});

describe('udp source', () => {
  it('splits datagrams holding several lines', async () => {
    const source = new UdpSource({ id: 'udp', host: '127.0.0.1', port: 0 });
    const rec = record(source);
    cleanup.push(() => source.stop());
    await source.start();
    const port = source.address()!.port;
    const sender = createSocket('udp4');
    cleanup.push(() => sender.close());
    const l = lines(1, 4);
    await new Promise<void>((r, j) => sender.send(`${l[0]}\r\n${l[1]}\r\n${l[2]}\r\n`, port, '127.0.0.1', (e) => (e ? j(e) : r())));
    await new Promise<void>((r, j) => sender.send(l[3]!, port, '127.0.0.1', (e) => (e ? j(e) : r())));
    await until(() => rec.got.length === 4, 'four lines');
    expect(rec.got.map((x) => x.line)).toEqual(l);
    expect(rec.got[0]!.receivedAtMs).toBe(rec.got[2]!.receivedAtMs); // one datagram, one arrival
  });
});

describe('file replay source', () => {
  const t0 = 1_751_328_000; // 2025-07-01T00:00:00Z, unix seconds
  const tagged = (dt: number, body: string) => `\\s:rx1,c:${t0 + dt}*00\\${body}`;
  const l = lines(1, 6);
  const content = [
    tagged(0, l[0]!),
    tagged(10, l[1]!),
    l[2]!, // no timestamp: played right after the previous line
    tagged(10, l[3]!),
    `${l[4]!},${t0 + 30}`, // trailing unix time
    '',
    tagged(25, l[5]!), // a step back in time: no wait
  ].join('\n');

  /** Virtual clock: sleeping advances time; nothing waits. */
  function virtualClock(start = 5_000_000): ReplayClock & { slept: number[] } {
    let now = start;
    const slept: number[] = [];
    return { slept, now: () => now, sleep: async (ms) => { slept.push(ms); now += ms; } };
  }

  function captureFile(): string {
    const dir = mkdtempSync(join(tmpdir(), 'seawarden-replay-'));
    const path = join(dir, 'capture.nmea');
    writeFileSync(path, content);
    return path;
  }

  it('paces lines by their timestamps divided by the speed factor', async () => {
    const clock = virtualClock();
    const source = new FileReplaySource({ id: 'file', path: captureFile(), pace: true, speed: 10, loop: false, clock });
    const rec = record(source);
    await source.start();
    await source.finished;
    expect(source.state).toBe('done');
    expect(rec.got.map((x) => x.line)).toEqual(content.split('\n').filter((x) => x !== ''));
    // Offsets from the first line on the virtual clock: 10 s and 30 s of capture at 10× → 1 s and 3 s.
    expect(rec.got.map((x) => x.receivedAtMs - 5_000_000)).toEqual([0, 1000, 1000, 1000, 3000, 3000]);
    expect(clock.slept).toEqual([1000, 2000]);
  });

  it('plays as fast as possible without pacing', async () => {
    const clock = virtualClock();
    const source = new FileReplaySource({ id: 'fast', path: captureFile(), pace: false, speed: 1, loop: false, clock });
    const rec = record(source);
    await source.start();
    await source.finished;
    expect(rec.got).toHaveLength(6);
    expect(clock.slept).toEqual([]);
  });

  it('stops mid-replay on stop()', async () => {
    const source = new FileReplaySource({ id: 'slow', path: captureFile(), pace: true, speed: 1, loop: false });
    const rec = record(source);
    await source.start();
    await until(() => rec.got.length === 1, 'the first line');
    await source.stop(); // the next line is 10 s away on the wall clock
    expect(source.state).toBe('stopped');
    expect(rec.got).toHaveLength(1);
  });

  it('names the missing file', async () => {
    const source = new FileReplaySource({ id: 'gone', path: '/nonexistent/x.nmea', pace: false, speed: 1, loop: false });
    await expect(source.start()).rejects.toThrow('feed gone: cannot read /nonexistent/x.nmea: ENOENT');
  });
});

describe('simulator source', () => {
  it('plays the Zhoushan scenario from a given start at the speed factor, on the injected clock', async () => {
    let now = 9_000_000;
    const clock: ReplayClock = { now: () => now, sleep: async (ms) => { now += ms; } };
    const start = '2026-07-18T08:00:00+08:00';
    const source = new SimulatorSource({ id: 'sim', scenario: 'zhoushan', seed: 1, speed: 60, start, clock });
    const rec = record(source);
    await source.start();
    await until(() => rec.got.length >= 500, '500 simulated lines');
    await source.stop();
    expect(source.state).toBe('stopped');
    const timed = rec.got.map((l) => ({ at: l.receivedAtMs, t: sentenceTimeMs(l.line) })).filter((x) => x.t !== null);
    expect(timed.length).toBeGreaterThan(100);
    const startMs = Date.parse(start);
    for (const { at, t } of timed) {
      expect(t!).toBeGreaterThanOrEqual(startMs);
      // Wall (virtual) time since start = scenario time since start / 60.
      expect(at - 9_000_000).toBeCloseTo((t! - startMs) / 60, -1);
    }
    expect(timed.at(-1)!.t! - startMs).toBeGreaterThan(0);
  });

  it('names an unknown scenario', async () => {
    const source = new SimulatorSource({ id: 'sim-x', scenario: 'atlantis', seed: 1, speed: 1, start: null });
    await expect(source.start()).rejects.toThrow('feed sim-x: unknown scenario "atlantis" (known: zhoushan)');
  });
});
