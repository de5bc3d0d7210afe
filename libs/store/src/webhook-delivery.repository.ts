import type { ConsoleQueryable } from './users.repository.js';

export interface DeliveryRecord {
  id: string;
  subscriptionId: string;
  sourceKey: string;
  alertId: string;
  event: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

export interface AttemptRecord {
  id: number;
  deliveryId: string;
  subscriptionId: string;
  alertId: string;
  attempt: number;
  at: string;
  httpStatus: number | null;
  error: string | null;
  durationMs: number | null;
  status: 'delivered' | 'failed' | 'pending';
  nextAttemptAt: string | null;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const toDelivery = (r: any): DeliveryRecord => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  sourceKey: r.source_key,
  alertId: r.alert_id,
  event: r.event,
  payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: iso(r.next_attempt_at),
  deliveredAt: r.delivered_at ? iso(r.delivered_at) : null,
});

/** Durable webhook deliveries: one row per (subscription, outbox event), leased by workers. */
export class WebhookDeliveryRepository {
  constructor(private readonly db: ConsoleQueryable) {}

  /** Idempotent: a (subscription, sourceKey) pair is enqueued at most once. */
  async enqueue(d: { id: string; subscriptionId: string; sourceKey: string; alertId: string; event: string; payload: unknown }): Promise<void> {
    await this.db.query(
      `INSERT INTO console_webhook_deliveries (id, subscription_id, source_key, alert_id, event, payload)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (subscription_id, source_key) DO NOTHING`,
      [d.id, d.subscriptionId, d.sourceKey, d.alertId, d.event, JSON.stringify(d.payload)],
    );
  }

  /**
   * Claims due deliveries for `leaseMs`. SKIP LOCKED plus the lease keep two workers from
   * taking the same row; a crashed worker's lease simply runs out.
   */
  async claimDue(owner: string, limit: number, leaseMs: number): Promise<DeliveryRecord[]> {
    const { rows } = await this.db.query(
      `UPDATE console_webhook_deliveries SET lease_owner = $1, lease_until = now() + ($3::int * interval '1 millisecond')
       WHERE id IN (
         SELECT id FROM console_webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_attempt_at LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [owner, limit, leaseMs],
    );
    return rows.map(toDelivery);
  }

  /** Records one attempt and its outcome; releases the lease (only if still ours). */
  async recordAttempt(
    id: string,
    owner: string,
    a: { attempt: number; ok: boolean; httpStatus: number | null; error: string | null; durationMs: number; nextAttemptAt: Date | null },
  ): Promise<void> {
    const status = a.ok ? 'delivered' : a.nextAttemptAt ? 'pending' : 'failed';
    await this.db.query(
      `INSERT INTO console_webhook_attempts (delivery_id, attempt, http_status, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`,
      [id, a.attempt, a.httpStatus, a.error, a.durationMs],
    );
    await this.db.query(
      `UPDATE console_webhook_deliveries SET
         attempts = $3, status = $4,
         next_attempt_at = COALESCE($5, next_attempt_at),
         delivered_at = CASE WHEN $4 = 'delivered' THEN now() ELSE delivered_at END,
         lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND lease_owner = $2`,
      [id, owner, a.attempt, status, a.nextAttemptAt ? a.nextAttemptAt.toISOString() : null],
    );
  }

  async attemptsFor(subscriptionId: string, limit: number): Promise<AttemptRecord[]> {
    const { rows } = await this.db.query<any>(
      `SELECT a.*, d.subscription_id, d.alert_id, d.status AS delivery_status, d.next_attempt_at, d.attempts AS total
       FROM console_webhook_attempts a JOIN console_webhook_deliveries d ON d.id = a.delivery_id
       WHERE d.subscription_id = $1 ORDER BY a.id DESC LIMIT $2`,
      [subscriptionId, limit],
    );
    return rows.map((r) => {
      const last = r.attempt === r.total;
      const ok = r.http_status !== null && r.http_status >= 200 && r.http_status < 300;
      return {
        id: Number(r.id),
        deliveryId: r.delivery_id,
        subscriptionId: r.subscription_id,
        alertId: r.alert_id,
        attempt: r.attempt,
        at: iso(r.at),
        httpStatus: r.http_status,
        error: r.error,
        durationMs: r.duration_ms,
        status: ok ? 'delivered' : last && r.delivery_status === 'pending' ? 'pending' : 'failed',
        nextAttemptAt: last && r.delivery_status === 'pending' ? iso(r.next_attempt_at) : null,
      };
    });
  }

  /** Removes finished deliveries (and their attempt log) older than the cutoff. */
  async pruneFinished(olderThan: Date): Promise<number> {
    const { rows } = await this.db.query(
      `DELETE FROM console_webhook_deliveries WHERE status <> 'pending' AND created_at < $1 RETURNING id`,
      [olderThan.toISOString()],
    );
    return rows.length;
  }

  async byId(id: string): Promise<DeliveryRecord | null> {
    const { rows } = await this.db.query('SELECT * FROM console_webhook_deliveries WHERE id = $1', [id]);
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  // --- outbox fan-out cursor -------------------------------------------------------------
  async lockOutboxCursor(): Promise<number> {
    const { rows } = await this.db.query<{ last_id: string }>('SELECT last_id::text FROM console_outbox_cursor WHERE one FOR UPDATE');
    return Number(rows[0]?.last_id ?? 0);
  }

  async setOutboxCursor(lastId: number): Promise<void> {
    await this.db.query('UPDATE console_outbox_cursor SET last_id = $1 WHERE one', [lastId]);
  }
}
