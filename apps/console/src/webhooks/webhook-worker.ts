import { randomUUID } from 'node:crypto';
import type { Alert } from '@seawarden/contracts';
import type { SubscriptionRecord, SubscriptionRepository, UsersRepository, WebhookDeliveryRepository } from '@seawarden/store';
import type { ConsoleDeps, SqlDb } from '../console.deps.js';
import type { JurisdictionIndex } from '../live/jurisdiction-index.js';
import type { ConsoleMetrics } from '../ops/console-metrics.js';
import type { WebhookAddressPolicy } from './webhook-address-policy.js';
import { postWebhook } from './webhook-post.js';
import { backoffMs, DELIVERY_HEADER, signatureHeaders } from './webhook-signature.js';
import { WebhookDeliveryRepository as DeliveryRepo } from '@seawarden/store';

const LEASE_MS = 60_000;
const BATCH = 50;
/** Finished deliveries and their attempt log are kept this long. */
const DELIVERY_LOG_DAYS = 30;

interface OutboxRow {
  id: string | number;
  topic: string;
  key: string;
  payload: any;
}

/** The alert carried by an outbox row, whatever envelope the store used. */
export function alertOfOutbox(payload: any): { alert: Alert; kind: string } | null {
  const p = typeof payload === 'string' ? JSON.parse(payload) : payload;
  const alert = p?.alert ?? (p?.id && p?.rule ? p : null);
  if (!alert) return null;
  return { alert, kind: p.kind ?? p.change ?? 'updated' };
}

/**
 * Webhook delivery from the store's transactional outbox:
 * 1. fan-out: claims undelivered alert rows of `outbox` (FOR UPDATE SKIP LOCKED), writes one
 *    durable delivery per matching subscription and marks the rows done, in one transaction;
 * 2. delivery: leases due deliveries, POSTs them signed, logs every attempt, reschedules with
 *    exponential backoff. A crash loses nothing: unfinished rows stay pending and their lease
 *    runs out.
 */
export class WebhookWorker {
  readonly owner = randomUUID();
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;
  private inflight?: Promise<void>;
  private lastPrune = 0;

  constructor(
    private readonly deps: ConsoleDeps,
    private readonly subs: SubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly users: UsersRepository,
    private readonly jurisdictions: JurisdictionIndex,
    private readonly metrics: ConsoleMetrics,
    private readonly policy: WebhookAddressPolicy,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.runOnce(), this.deps.settings.webhookPollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.inflight;
  }

  /** One pass (tests call it directly). Never throws. */
  async runOnce(): Promise<void> {
    if (this.running || this.stopped) return this.inflight;
    this.running = true;
    this.inflight = (async () => {
      try {
        await this.fanOut();
        await this.deliverDue();
        if (Date.now() - this.lastPrune > 3_600_000) {
          this.lastPrune = Date.now();
          await this.deliveries.pruneFinished(new Date(Date.now() - DELIVERY_LOG_DAYS * 86_400_000));
        }
      } catch (err) {
        console.error('webhook worker:', (err as Error).message);
      } finally {
        this.running = false;
      }
    })();
    return this.inflight;
  }

  async fanOut(): Promise<number> {
    // Read outside the transaction: the embedded database has a single connection.
    const subs = await this.subscribers();
    return this.deps.store.db.tx(async (tx) => {
      const { rows } = await tx.query<OutboxRow>(
        `SELECT id, topic, key, payload FROM outbox
         WHERE delivered_at IS NULL AND topic LIKE 'alert%' AND next_attempt_at <= now()
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH * 4],
      );
      if (rows.length === 0) return 0;
      const repo = new DeliveryRepo(tx);
      for (const row of rows) {
        const found = alertOfOutbox(row.payload);
        if (!found) continue;
        for (const { sub, owner } of subs) {
          if (!this.matches(sub, owner, found.alert)) continue;
          const event = `alert.${found.kind}`;
          const id = randomUUID();
          await repo.enqueue({
            id, subscriptionId: sub.id, sourceKey: `outbox:${row.id}`, alertId: found.alert.id, event,
            payload: { event, alert: found.alert },
          });
        }
      }
      await tx.query('UPDATE outbox SET delivered_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])', [rows.map((r) => Number(r.id))]);
      return rows.length;
    });
  }

  async deliverDue(): Promise<number> {
    const due = await this.deliveries.claimDue(this.owner, BATCH, LEASE_MS);
    const subs = new Map((await this.subs.enabledWithWebhook()).map((s) => [s.id, s]));
    await Promise.all(
      due.map(async (d) => {
        const sub = subs.get(d.subscriptionId);
        const attempt = d.attempts + 1;
        if (!sub || !sub.webhookUrl) {
          await this.deliveries.recordAttempt(d.id, this.owner, { attempt, ok: false, httpStatus: null, error: 'subscription disabled or without webhook', durationMs: 0, nextAttemptAt: null });
          return;
        }
        const body = JSON.stringify({ ...d.payload, deliveryId: d.id });
        const t0 = performance.now();
        let httpStatus: number | null = null;
        let error: string | null = null;
        try {
          httpStatus = await postWebhook(
            sub.webhookUrl,
            {
              'Content-Type': 'application/json',
              'User-Agent': 'Seawarden-Webhook/1',
              ...signatureHeaders(sub.secret ?? '', body),
              [DELIVERY_HEADER]: d.id,
            },
            body,
            { timeoutMs: 10_000, policy: this.policy },
          );
          if (httpStatus < 200 || httpStatus > 299) error = `HTTP ${httpStatus}`;
        } catch (err) {
          error = (err as Error).message;
        }
        const ok = error === null;
        const next = ok || attempt >= this.deps.settings.webhookMaxAttempts
          ? null
          : new Date(Date.now() + backoffMs(attempt, this.deps.settings.webhookRetryBaseMs));
        await this.deliveries.recordAttempt(d.id, this.owner, { attempt, ok, httpStatus, error, durationMs: Math.round(performance.now() - t0), nextAttemptAt: next });
        this.metrics.webhookAttempts.inc({ outcome: ok ? 'delivered' : next ? 'retry' : 'failed' });
      }),
    );
    return due.length;
  }

  private async subscribers(): Promise<{ sub: SubscriptionRecord; owner: { role: string; jurisdictions: string[] } | null }[]> {
    const subs = await this.subs.enabledWithWebhook();
    const out = [];
    for (const sub of subs) {
      const u = await this.users.byId(sub.userId);
      if (!u || u.disabled) continue;
      out.push({ sub, owner: { role: u.role, jurisdictions: u.jurisdictions } });
    }
    return out;
  }

  /** Subscription filters, and a port office only ever gets alerts inside its jurisdiction. */
  matches(sub: SubscriptionRecord, owner: { role: string; jurisdictions: string[] } | null, a: Alert): boolean {
    if (sub.rules.length && !sub.rules.includes(a.rule)) return false;
    if (sub.severities.length && !sub.severities.includes(a.severity)) return false;
    const inside = a.position ? this.jurisdictions.containing(a.position.lat, a.position.lon) : [];
    if (sub.zones.length && !(a.zoneId && sub.zones.includes(a.zoneId)) && !inside.some((z) => sub.zones.includes(z))) return false;
    if (owner?.role === 'port_office' && !inside.some((z) => owner.jurisdictions.includes(z))) return false;
    return true;
  }
}

export type { SqlDb };
