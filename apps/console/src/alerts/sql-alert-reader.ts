import type { Alert } from '@seawarden/contracts';
import { withinBoxesSql } from '@seawarden/store';
import type { AlertListFilter, SqlDb } from '../console.deps.js';
import { badRequest } from '../common/api-error.js';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

export const alertFromRow = (r: any): Alert => ({
  id: r.id,
  rule: r.rule,
  severity: r.severity,
  mmsi: Number(r.mmsi),
  vesselName: r.vessel_name ?? null,
  zoneId: r.zone_id ?? null,
  openedAt: iso(r.opened_at)!,
  updatedAt: iso(r.updated_at)!,
  closedAt: iso(r.closed_at),
  position: r.lat === null || r.lat === undefined ? null : { lat: Number(r.lat), lon: Number(r.lon) },
  reason: json(r.reason),
  evidence: json(r.evidence) ?? [],
  status: r.status ?? 'open',
});

/** The list cursor after an alert (the store's format: [openedAt, id], base64url JSON). */
export const alertCursorAfter = (a: { openedAt: string; id: string }) => Buffer.from(JSON.stringify([a.openedAt, a.id])).toString('base64url');
function decode(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && !Number.isNaN(Date.parse(v[0]))) return v as [string, string];
  } catch {
    /* fall through */
  }
  throw badRequest('cursor: not a cursor this server issued', 'cursor');
}

/**
 * Reads the store's `alerts` table directly (newest first, keyset paging on (opened_at, id)).
 * Used when the store offers no alerts repository, and for filters it does not know
 * (assignee).
 */
export class SqlAlertReader {
  constructor(private readonly db: SqlDb) {}

  async get(id: string): Promise<Alert | null> {
    const { rows } = await this.db.query('SELECT * FROM alerts WHERE id = $1', [id]);
    return rows[0] ? alertFromRow(rows[0]) : null;
  }

  async list(f: AlertListFilter): Promise<{ items: Alert[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.rule) add('rule = ?', f.rule);
    if (f.severity) add('severity = ?', f.severity);
    if (f.status) add('status = ?', f.status);
    if (f.mmsi !== undefined) add('mmsi = ?', f.mmsi);
    if (f.zoneId) add('zone_id = ?', f.zoneId);
    if (f.from) add('opened_at >= ?', f.from);
    if (f.to) add('opened_at <= ?', f.to);
    if (f.active === true) where.push('closed_at IS NULL');
    if (f.active === false) where.push('closed_at IS NOT NULL');
    if (f.within) where.push(withinBoxesSql(f.within, (v) => `$${params.push(v)}`));
    if (f.assignee) {
      add(`id IN (SELECT DISTINCT ON (alert_id) alert_id FROM alert_events WHERE action = 'assigned'
           ORDER BY alert_id, id DESC) AND (SELECT data->>'userId' FROM alert_events e WHERE e.alert_id = alerts.id AND e.action = 'assigned' ORDER BY e.id DESC LIMIT 1) = ?`, f.assignee);
    }
    if (f.cursor) {
      const [openedAt, id] = decode(f.cursor);
      params.push(openedAt, id);
      where.push(`(opened_at, id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    const limit = f.limit ?? 100;
    params.push(limit + 1);
    const { rows } = await this.db.query(
      `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map(alertFromRow);
    return { items, nextCursor: rows.length > limit ? alertCursorAfter(items[items.length - 1]!) : null };
  }
}
