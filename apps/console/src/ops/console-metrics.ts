import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The console's metrics, registered on the process's shared registry. */
export class ConsoleMetrics {
  readonly sockets: Gauge;
  readonly alertsEmitted: Counter;
  readonly vesselDeltas: Counter;
  readonly logins: Counter;
  readonly webhookAttempts: Counter;
  readonly httpDuration: Histogram;
  readonly auditAnchors: Counter;
  readonly auditAnchorTime: Gauge;

  constructor(readonly registry: Registry) {
    const get = <T>(name: string, make: () => T): T => (registry.getSingleMetric(name) as T) ?? make();
    this.sockets = get('seawarden_console_sockets', () => new Gauge({ name: 'seawarden_console_sockets', help: 'Connected socket.io clients (this process)', registers: [registry] }));
    this.alertsEmitted = get('seawarden_console_alerts_emitted_total', () => new Counter({ name: 'seawarden_console_alerts_emitted_total', help: 'Alert events pushed to sockets', labelNames: ['source'], registers: [registry] }));
    this.vesselDeltas = get('seawarden_console_vessel_deltas_total', () => new Counter({ name: 'seawarden_console_vessel_deltas_total', help: 'Vessel delta messages sent to sockets', registers: [registry] }));
    this.logins = get('seawarden_console_logins_total', () => new Counter({ name: 'seawarden_console_logins_total', help: 'Login attempts by outcome', labelNames: ['outcome'], registers: [registry] }));
    this.webhookAttempts = get('seawarden_console_webhook_attempts_total', () => new Counter({ name: 'seawarden_console_webhook_attempts_total', help: 'Webhook delivery attempts by outcome', labelNames: ['outcome'], registers: [registry] }));
    this.auditAnchors = get('seawarden_console_audit_anchors_total', () => new Counter({ name: 'seawarden_console_audit_anchors_total', help: 'Audit anchor passes that wrote an anchor (written) or could not (failed), and anchors the witness at AUDIT_ANCHOR_URL accepted (witnessed) or not (witness_failed)', labelNames: ['outcome'], registers: [registry] }));
    this.auditAnchorTime = get('seawarden_console_audit_anchor_timestamp_seconds', () => new Gauge({ name: 'seawarden_console_audit_anchor_timestamp_seconds', help: 'When this console last wrote an audit anchor (alert on it growing old)', registers: [registry] }));
    this.httpDuration = get('seawarden_console_http_seconds', () => new Histogram({ name: 'seawarden_console_http_seconds', help: 'Console REST latency', labelNames: ['method', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] }));
  }
}
