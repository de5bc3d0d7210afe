/** Per-source Prometheus metrics of the feeds, on the process's shared registry. */
import { Counter, Gauge, type Registry } from 'prom-client';
import { metricsRegistry } from '@seawarden/config';
import { FEED_STATES, type FeedState } from '../sources/feed-source.js';

export interface FeedMetrics {
  lines: Counter<'source'>;
  messages: Counter<'source'>;
  rejections: Counter<'source' | 'reason'>;
  duplicates: Counter<'source'>;
  reconnects: Counter<'source'>;
  state: Gauge<'source' | 'state'>;
  connections: Gauge<'source'>;
}

const byRegistry = new WeakMap<Registry, FeedMetrics>();

/** One set per registry (prom-client refuses to register a name twice). */
export function feedMetrics(registry: Registry = metricsRegistry): FeedMetrics {
  let m = byRegistry.get(registry);
  if (!m) {
    const registers = [registry];
    m = {
      lines: new Counter({ name: 'seawarden_feed_lines_total', help: 'NMEA lines received, per feed source', labelNames: ['source'], registers }),
      messages: new Counter({ name: 'seawarden_feed_messages_total', help: 'AIS messages decoded, per feed source (before dedupe)', labelNames: ['source'], registers }),
      rejections: new Counter({ name: 'seawarden_feed_rejections_total', help: 'Lines rejected, per feed source and reason', labelNames: ['source', 'reason'], registers }),
      duplicates: new Counter({ name: 'seawarden_feed_duplicates_total', help: 'Messages dropped as already heard by another receiver within DEDUPE_WINDOW_MS', labelNames: ['source'], registers }),
      reconnects: new Counter({ name: 'seawarden_feed_reconnects_total', help: 'Reconnection attempts, per feed source', labelNames: ['source'], registers }),
      state: new Gauge({ name: 'seawarden_feed_state', help: 'Connection state of each feed source (1 for the current state)', labelNames: ['source', 'state'], registers }),
      connections: new Gauge({ name: 'seawarden_feed_connections', help: 'Open peer connections (tcp-server sources)', labelNames: ['source'], registers }),
    };
    byRegistry.set(registry, m);
  }
  return m;
}

export function setStateGauge(m: FeedMetrics, source: string, current: FeedState): void {
  for (const s of FEED_STATES) m.state.set({ source, state: s }, s === current ? 1 : 0);
}
