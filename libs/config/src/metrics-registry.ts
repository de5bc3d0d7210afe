/**
 * The process's one Prometheus registry. The ingestor and the console register their metrics
 * here; GET /metrics renders it.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'seawarden_' });
