/**
 * FEEDS entries are URLs; this turns one into a typed feed description, or says exactly what is
 * wrong with it. Pure: no I/O.
 */
export type FeedKind = 'simulator' | 'tcp-client' | 'tcp-server' | 'udp' | 'file' | 'http';
export const FEED_KINDS: readonly FeedKind[] = ['simulator', 'tcp-client', 'tcp-server', 'udp', 'file', 'http'];

interface FeedBase {
  /** Receiver id: `?id=` or derived from the URL. Used as metric label and as the message source. */
  id: string;
  /** The entry as configured. */
  url: string;
}
export interface SimulatorFeedSpec extends FeedBase {
  kind: 'simulator';
  scenario: string;
  /** Scenario seconds per wall second. */
  speed: number;
  seed: number;
  /** Scenario start (ISO); unset → now. */
  start: string | null;
}
export interface TcpClientFeedSpec extends FeedBase {
  kind: 'tcp-client';
  host: string;
  port: number;
  /** No data for this long → the connection is considered dead and is reopened. */
  idleTimeoutMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  maxLineLength: number;
}
export interface TcpServerFeedSpec extends FeedBase {
  kind: 'tcp-server';
  host: string;
  port: number;
  maxConnections: number;
  maxLineLength: number;
}
export interface UdpFeedSpec extends FeedBase {
  kind: 'udp';
  host: string;
  port: number;
}
export interface FileFeedSpec extends FeedBase {
  kind: 'file';
  path: string;
  /** Pace by the sentences' own timestamps (tag block `c:` or trailing unix time). */
  pace: boolean;
  speed: number;
  loop: boolean;
}
export interface HttpFeedSpec extends FeedBase {
  kind: 'http';
}
export type FeedSpec =
  | SimulatorFeedSpec
  | TcpClientFeedSpec
  | TcpServerFeedSpec
  | UdpFeedSpec
  | FileFeedSpec
  | HttpFeedSpec;

export class FeedSpecError extends Error {
  override readonly name = 'FeedSpecError';
  constructor(
    readonly entry: string,
    readonly reason: string,
  ) {
    super(`"${entry}": ${reason}`);
  }
}

/** Parses one FEEDS entry. Throws FeedSpecError. */
export function parseFeedUrl(entry: string): FeedSpec {
  const raw = entry.trim();
  if (raw === '') throw new FeedSpecError(entry, 'empty entry');
  // `http` (optionally `http?id=name`) is the HTTP POST source; it has no address of its own.
  const bareHttp = /^http(?:\?(.*))?$/.exec(raw);
  if (bareHttp) {
    const q = new QueryReader(entry, new URLSearchParams(bareHttp[1] ?? ''));
    const spec: HttpFeedSpec = { kind: 'http', id: q.string('id') ?? 'http', url: raw };
    q.rejectUnknown();
    return spec;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedSpecError(entry, `not a URL (expected e.g. tcp-client://host:port; kinds: ${kindsList()})`);
  }
  const kind = url.protocol.slice(0, -1);
  const q = new QueryReader(entry, url.searchParams);
  let spec: FeedSpec;
  switch (kind) {
    case 'simulator': {
      const scenario = url.hostname || url.pathname.replace(/^\/+/, '') || 'zhoushan';
      const start = q.string('start');
      if (start !== null && Number.isNaN(Date.parse(start))) throw new FeedSpecError(entry, `start: not an ISO time "${start}"`);
      spec = { kind, id: q.string('id') ?? `simulator:${scenario}`, url: raw, scenario, speed: q.number('speed', 1, { min: 0.001, max: 100_000 }), seed: q.integer('seed', 1, { min: 0 }), start };
      break;
    }
    case 'tcp-client': {
      const { host, port } = hostPort(entry, url, true);
      const minBackoffMs = q.integer('minBackoffMs', 500, { min: 1 });
      const maxBackoffMs = q.integer('maxBackoffMs', 30_000, { min: minBackoffMs });
      spec = { kind, id: q.string('id') ?? `tcp-client:${host}:${port}`, url: raw, host, port, idleTimeoutMs: q.integer('idleTimeoutMs', 60_000, { min: 0 }), minBackoffMs, maxBackoffMs, maxLineLength: q.integer('maxLineLength', 4096, { min: 82 }) };
      break;
    }
    case 'tcp-server': {
      const { host, port } = hostPort(entry, url, false);
      spec = { kind, id: q.string('id') ?? `tcp-server:${port}`, url: raw, host, port, maxConnections: q.integer('maxConnections', 64, { min: 1 }), maxLineLength: q.integer('maxLineLength', 4096, { min: 82 }) };
      break;
    }
    case 'udp': {
      const { host, port } = hostPort(entry, url, false);
      spec = { kind, id: q.string('id') ?? `udp:${port}`, url: raw, host, port };
      break;
    }
    case 'file': {
      const path = decodeURIComponent(url.pathname);
      if (!path || path === '/') throw new FeedSpecError(entry, 'missing file path (file:///path/to/capture.nmea)');
      spec = { kind, id: q.string('id') ?? `file:${path.split('/').pop()}`, url: raw, path, pace: q.boolean('pace', false), speed: q.number('speed', 1, { min: 0.001, max: 1_000_000 }), loop: q.boolean('loop', false) };
      break;
    }
    case 'http':
      spec = { kind, id: q.string('id') ?? (url.hostname ? `http:${url.hostname}` : 'http'), url: raw };
      break;
    default:
      throw new FeedSpecError(entry, `unknown feed kind "${kind}" (expected one of ${kindsList()})`);
  }
  q.rejectUnknown();
  return spec;
}

/** Parses a comma-separated list (or an array from a config file). Ids must be unique. */
export function parseFeeds(value: string | readonly string[]): FeedSpec[] {
  const entries = (typeof value === 'string' ? value.split(',') : [...value]).map((e) => e.trim()).filter((e) => e !== '');
  const specs = entries.map(parseFeedUrl);
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.id)) throw new FeedSpecError(s.url, `duplicate feed id "${s.id}" (set ?id=… to tell them apart)`);
    seen.add(s.id);
  }
  return specs;
}

function kindsList(): string {
  return FEED_KINDS.map((k) => (k === 'http' ? 'http' : `${k}://`)).join(', ');
}

function hostPort(entry: string, url: URL, hostRequired: boolean): { host: string; port: number } {
  const host = url.hostname.replace(/^\[|\]$/g, '') || (hostRequired ? '' : '0.0.0.0');
  if (!host) throw new FeedSpecError(entry, 'missing host');
  // WHATWG URL drops default ports only for special schemes; ours are not special, so port is literal.
  if (url.port === '') throw new FeedSpecError(entry, 'missing port (expected host:port)');
  const port = Number(url.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new FeedSpecError(entry, `port: expected 0–65535, got "${url.port}"`);
  return { host, port };
}

class QueryReader {
  private readonly used = new Set<string>();
  constructor(
    private readonly entry: string,
    private readonly params: URLSearchParams,
  ) {}

  string(name: string): string | null {
    this.used.add(name);
    const v = this.params.get(name);
    return v === null || v === '' ? null : v;
  }

  number(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const v = this.string(name);
    if (v === null) return fallback;
    const n = Number(v);
    const { min = -Infinity, max = Infinity } = range;
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new FeedSpecError(this.entry, `${name}: expected a number${rangeText(min, max)}, got "${v}"`);
    }
    return n;
  }

  integer(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const v = this.string(name);
    if (v === null) return fallback;
    const n = Number(v);
    const { min = -Infinity, max = Infinity } = range;
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new FeedSpecError(this.entry, `${name}: expected an integer${rangeText(min, max)}, got "${v}"`);
    }
    return n;
  }

  boolean(name: string, fallback: boolean): boolean {
    this.used.add(name);
    if (!this.params.has(name)) return fallback;
    const v = this.params.get(name)!.toLowerCase();
    if (v === '' || v === 'true' || v === '1' || v === 'yes') return true;
    if (v === 'false' || v === '0' || v === 'no') return false;
    throw new FeedSpecError(this.entry, `${name}: expected true or false, got "${v}"`);
  }

  rejectUnknown(): void {
    for (const key of this.params.keys()) {
      if (!this.used.has(key)) {
        throw new FeedSpecError(this.entry, `unknown option "${key}" (known: ${[...this.used].join(', ')})`);
      }
    }
  }
}

function rangeText(min: number, max: number): string {
  if (min > -Infinity && max < Infinity) return ` ${min}–${max}`;
  if (min > -Infinity) return ` ≥ ${min}`;
  if (max < Infinity) return ` ≤ ${max}`;
  return '';
}
