/**
 * Runs the configured feed sources, decodes each with its own decoder, drops copies of a
 * message already heard by another receiver, and hands the rest to listeners. Keeps per-source
 * counters (status() and Prometheus).
 */
import type { FeedKind, FeedSpec } from '@seawarden/config';
import { createLogger } from '@seawarden/config';
import type { AisMessage, RejectReason } from '@seawarden/contracts';
import type { LoggerService } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { feedMetrics, setStateGauge, type FeedMetrics } from './metrics/feed-metrics.js';
import { MessageDeduplicator, messageKey } from './pipeline/message-deduplicator.js';
import type { DecoderFactory, LineDecoder } from './pipeline/line-decoder.js';
import type { FeedSource, FeedState } from './sources/feed-source.js';
import { HttpIngestSource } from './sources/http-ingest.source.js';
import { TcpServerSource } from './sources/tcp-server.source.js';
import { createSource as defaultCreateSource, type SourceFactory } from './sources/source-factory.js';

export interface MessageContext {
  sourceId: string;
  /** Arrival time at the source (wall clock). */
  receivedAtMs: number;
  /** Event time: the message's own receive time (tag block / trailing) if any, else arrival. */
  atMs: number;
}

export type MessageListener = (msg: AisMessage, ctx: MessageContext) => void;

/** A type alias (not an interface) so it fits index-signature views such as the console's. */
export type FeedStatus = {
  id: string;
  kind: FeedKind;
  url: string;
  state: FeedState;
  connected: boolean;
  lines: number;
  messages: number;
  duplicates: number;
  rejected: Partial<Record<RejectReason, number>>;
  reconnects: number;
  connections?: number;
  lastLineAt: string | null;
  lastError: string | null;
};

export interface FeedManagerOptions {
  feeds: FeedSpec[];
  dedupeWindowMs: number;
  createDecoder: DecoderFactory;
  createSource?: SourceFactory;
  registry?: Registry;
  logger?: LoggerService;
}

interface RunningFeed {
  spec: FeedSpec;
  source: FeedSource;
  decoder: LineDecoder;
  status: FeedStatus;
  /** Arrival time of the line being decoded (decoders call back synchronously). */
  currentArrival: number;
}

export class FeedManager {
  private readonly feeds: RunningFeed[];
  private readonly listeners = new Set<MessageListener>();
  private readonly dedupe: MessageDeduplicator;
  private readonly metrics: FeedMetrics;
  private readonly logger: LoggerService;
  private started = false;

  constructor(options: FeedManagerOptions) {
    this.dedupe = new MessageDeduplicator({ windowMs: options.dedupeWindowMs });
    this.metrics = feedMetrics(options.registry);
    this.logger = options.logger ?? createLogger('FeedManager');
    const createSource = options.createSource ?? defaultCreateSource;
    this.feeds = options.feeds.map((spec) => this.wire(spec, createSource(spec), options.createDecoder));
  }

  /** Starts every source; one that cannot start (port in use, file missing) fails the lot. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      await Promise.all(this.feeds.map((f) => f.source.start()));
    } catch (err) {
      await this.stop();
      throw err;
    }
    for (const f of this.feeds) this.logger.log(`feed ${f.spec.id} started`, { kind: f.spec.kind, url: f.spec.url, state: f.source.state });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await Promise.allSettled(this.feeds.map((f) => f.source.stop()));
  }

  /** Decoded, de-duplicated messages. Returns the unsubscribe function. */
  onMessage(listener: MessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): FeedStatus[] {
    return this.feeds.map((f) => ({
      ...f.status,
      rejected: { ...f.status.rejected },
      state: f.source.state,
      connected: f.source.state === 'connected' || f.source.state === 'listening',
      ...(f.source instanceof TcpServerSource ? { connections: f.source.connections } : {}),
    }));
  }

  /** The HTTP POST source, when FEEDS has one. */
  httpSource(): HttpIngestSource | null {
    const f = this.feeds.find((x) => x.source instanceof HttpIngestSource);
    return (f?.source as HttpIngestSource | undefined) ?? null;
  }

  source(id: string): FeedSource | undefined {
    return this.feeds.find((f) => f.spec.id === id)?.source;
  }

  private wire(spec: FeedSpec, source: FeedSource, createDecoder: DecoderFactory): RunningFeed {
    const m = this.metrics;
    const id = spec.id;
    const status: FeedStatus = {
      id, kind: spec.kind, url: spec.url, state: source.state, connected: false,
      lines: 0, messages: 0, duplicates: 0, rejected: {}, reconnects: 0, lastLineAt: null, lastError: null,
    };
    const feed: RunningFeed = { spec, source, status, currentArrival: 0, decoder: undefined! };
    const reject = (reason: RejectReason) => {
      status.rejected[reason] = (status.rejected[reason] ?? 0) + 1;
      m.rejections.inc({ source: id, reason });
    };
    feed.decoder = createDecoder({
      source: id,
      onMessage: (msg, payload, timeMs) => {
        status.messages++;
        m.messages.inc({ source: id });
        this.deliver(feed, msg, payload, timeMs);
      },
      onReject: (reason) => reject(reason),
    });
    // Zero-valued series so a scrape shows every configured source from the start.
    m.lines.inc({ source: id }, 0);
    m.messages.inc({ source: id }, 0);
    m.duplicates.inc({ source: id }, 0);
    m.reconnects.inc({ source: id }, 0);
    setStateGauge(m, id, source.state);

    source.on('line', ({ line, receivedAtMs }) => {
      status.lines++;
      status.lastLineAt = new Date(receivedAtMs).toISOString();
      m.lines.inc({ source: id });
      feed.currentArrival = receivedAtMs;
      // Arrival time drives the decoder's fragment expiry and is the receive time of lines
      // without a tag-block or trailing time.
      feed.decoder.push(line, { source: id, receivedAtMs });
    });
    source.on('reject', (reason) => {
      // Dropped before decoding; still a line the source received.
      status.lines++;
      m.lines.inc({ source: id });
      reject(reason);
    });
    source.on('state', (state) => {
      status.state = state;
      // A finished replay/simulation will send no more fragments.
      if (state === 'done') feed.decoder.flush?.();
      setStateGauge(m, id, state);
      this.logger.log(`feed ${id} ${state}`, { source: id, state });
    });
    source.on('peers', (count) => m.connections.set({ source: id }, count));
    source.on('reconnect', () => {
      status.reconnects++;
      m.reconnects.inc({ source: id });
    });
    source.on('problem', (err) => {
      status.lastError = err.message;
      this.logger.warn(`feed ${id}: ${err.message}`, { source: id });
    });
    return feed;
  }

  private deliver(feed: RunningFeed, msg: AisMessage, payload?: string, timeMs?: number | null): void {
    const receivedAtMs = feed.currentArrival;
    const own = timeMs ?? (msg.receivedAt ? Date.parse(msg.receivedAt) : NaN);
    const atMs = Number.isFinite(own) ? own : receivedAtMs;
    // The decoder fills it from arrival time; a decoder that does not still yields a receive time.
    if (msg.receivedAt == null) msg.receivedAt = new Date(receivedAtMs).toISOString();
    if (this.dedupe.isDuplicate(messageKey(msg, payload), atMs, receivedAtMs)) {
      feed.status.duplicates++;
      this.metrics.duplicates.inc({ source: feed.spec.id });
      return;
    }
    const ctx: MessageContext = { sourceId: feed.spec.id, receivedAtMs, atMs };
    for (const listener of this.listeners) {
      try {
        listener(msg, ctx);
      } catch (err) {
        this.logger.error(`message listener failed: ${(err as Error).message}`, (err as Error).stack);
      }
    }
  }
}
