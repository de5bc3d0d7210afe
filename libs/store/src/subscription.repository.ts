import type { ConsoleQueryable } from './users.repository.js';

export interface SubscriptionRecord {
  id: string;
  userId: string;
  name: string;
  rules: string[];
  severities: string[];
  zones: string[];
  webhookUrl: string | null;
  secret: string | null;
  enabled: boolean;
  createdAt: string;
}

export type SubscriptionInput = Partial<Omit<SubscriptionRecord, 'id' | 'userId' | 'createdAt'>>;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const toSub = (r: any): SubscriptionRecord => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  rules: json<string[]>(r.rules) ?? [],
  severities: json<string[]>(r.severities) ?? [],
  zones: json<string[]>(r.zones) ?? [],
  webhookUrl: r.webhook_url ?? null,
  secret: r.secret ?? null,
  enabled: r.enabled,
  createdAt: (r.created_at instanceof Date ? r.created_at : new Date(r.created_at)).toISOString(),
});

/** Notification subscriptions of console accounts. */
export class SubscriptionRepository {
  constructor(private readonly db: ConsoleQueryable) {}

  async list(userId?: string): Promise<SubscriptionRecord[]> {
    const { rows } = userId
      ? await this.db.query('SELECT * FROM console_subscriptions WHERE user_id = $1 ORDER BY created_at', [userId])
      : await this.db.query('SELECT * FROM console_subscriptions ORDER BY created_at');
    return rows.map(toSub);
  }

  async enabledWithWebhook(): Promise<SubscriptionRecord[]> {
    const { rows } = await this.db.query(
      'SELECT * FROM console_subscriptions WHERE enabled AND webhook_url IS NOT NULL ORDER BY created_at',
    );
    return rows.map(toSub);
  }

  async get(id: string): Promise<SubscriptionRecord | null> {
    const { rows } = await this.db.query('SELECT * FROM console_subscriptions WHERE id = $1', [id]);
    return rows[0] ? toSub(rows[0]) : null;
  }

  async insert(id: string, userId: string, s: SubscriptionInput & { name: string }): Promise<SubscriptionRecord> {
    const { rows } = await this.db.query(
      `INSERT INTO console_subscriptions (id, user_id, name, rules, severities, zones, webhook_url, secret, enabled)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9) RETURNING *`,
      [id, userId, s.name, JSON.stringify(s.rules ?? []), JSON.stringify(s.severities ?? []), JSON.stringify(s.zones ?? []),
        s.webhookUrl ?? null, s.secret ?? null, s.enabled ?? true],
    );
    return toSub(rows[0]);
  }

  async update(id: string, s: SubscriptionInput): Promise<SubscriptionRecord | null> {
    const j = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
    const { rows } = await this.db.query(
      `UPDATE console_subscriptions SET
         name = COALESCE($2, name),
         rules = COALESCE($3::jsonb, rules),
         severities = COALESCE($4::jsonb, severities),
         zones = COALESCE($5::jsonb, zones),
         webhook_url = CASE WHEN $6 THEN $7 ELSE webhook_url END,
         secret = CASE WHEN $8 THEN $9 ELSE secret END,
         enabled = COALESCE($10, enabled)
       WHERE id = $1 RETURNING *`,
      [id, s.name ?? null, j(s.rules), j(s.severities), j(s.zones),
        s.webhookUrl !== undefined, s.webhookUrl ?? null, s.secret !== undefined, s.secret ?? null, s.enabled ?? null],
    );
    return rows[0] ? toSub(rows[0]) : null;
  }

  async delete(id: string): Promise<boolean> {
    const { rows } = await this.db.query('DELETE FROM console_subscriptions WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  }
}
