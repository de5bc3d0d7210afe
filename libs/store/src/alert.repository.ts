import type { Alert, AlertChange, AlertRule, AlertStatus, BBox, EngineResume, Severity } from '@seawarden/contracts';
import { decodeAlertCursor, encodeAlertCursor } from './alert-cursor.js';
import { AUDIT_GENESIS_HASH, auditHash, recordAuditHead } from './audit.repository.js';
import type { Db, Queryable } from './db.js';
import type { Dialect } from './dialect.js';
import { InvalidQueryError } from './errors.js';
import { iso, isoOrNull, jsonValue, numOrNull } from './sql-values.js';

export interface AlertFilter {
  rule?: AlertRule | AlertRule[];
  status?: AlertStatus | AlertStatus[];
  severity?: Severity | Severity[];
  zoneId?: string | string[];
  mmsi?: number;
  /** Opened at or after (ISO). */
  from?: string;
  /** Opened before (ISO). */
  to?: string;
  /** true: not closed yet; false: closed. */
  open?: boolean;
  /** Positioned inside one of these boxes (a port office's jurisdictions, before the exact polygon test). */
  within?: BBox[];
}

export interface AlertPage {
  items: Alert[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

export interface RuleDayCount {
  /** Local calendar day (YYYY-MM-DD) at utcOffsetMinutes. */
  day: string;
  rule: AlertRule;
  count: number;
}

const ENGINE_ACTOR = 'engine';

interface AlertRow {
  id: string; rule: string; severity: string; mmsi: number; vessel_name: string | null; zone_id: string | null;
  opened_at: unknown; updated_at: unknown; closed_at: unknown; lat: unknown; lon: unknown;
  reason: unknown; evidence: unknown; status: string; opened_key?: string; audit_head?: string | null;
}

export function rowToAlert(r: AlertRow): Alert {
  const lat = numOrNull(r.lat);
  const lon = numOrNull(r.lon);
  return {
    id: r.id,
    rule: r.rule as AlertRule,
    severity: r.severity as Severity,
    mmsi: Number(r.mmsi),
    vesselName: r.vessel_name,
    zoneId: r.zone_id,
    openedAt: iso(r.opened_at),
    updatedAt: iso(r.updated_at),
    closedAt: isoOrNull(r.closed_at),
    position: lat !== null && lon !== null ? { lat, lon } : null,
    reason: jsonValue(r.reason),
    evidence: jsonValue(r.evidence) ?? [],
    status: r.status as AlertStatus,
  };
}

const changeAt = (c: AlertChange): string =>
  new Date(c.kind === 'opened' ? c.alert.openedAt : c.kind === 'closed' ? (c.alert.closedAt ?? c.alert.updatedAt) : c.alert.updatedAt).toISOString();

/**
 * Applies engine changes in the caller's transaction: alert upsert, one hash-chained
 * alert_events row and one outbox row per change. A change already applied (same alert,
 * kind and time) is skipped, so replays after an outage write nothing twice. An alert the
 * engine opens while the same episode (rule, vessel, zone) is still open in the database
 * continues that alert (alias) instead of opening a second one. Returns the changes as stored.
 */
export async function applyAlertChanges(q: Queryable, changes: readonly AlertChange[]): Promise<AlertChange[]> {
  const stored: AlertChange[] = [];
  for (const change of changes) {
    const a = change.alert;
    const at = changeAt(change);
    const changeKey = `${change.kind}:${at}:${a.id}`;
    let id = a.id;
    let kind = change.kind;
    let baseEvidence: unknown[] | null = null;
    const alias = await q.query<{ alert_id: string; base_evidence: unknown }>(
      'SELECT alert_id, base_evidence FROM alert_aliases WHERE alias_id = $1', [a.id]);
    if (alias.rows[0]) {
      id = alias.rows[0].alert_id;
      baseEvidence = jsonValue(alias.rows[0].base_evidence);
    } else if (change.kind === 'opened') {
      const exists = await q.query('SELECT 1 FROM alerts WHERE id = $1', [a.id]);
      if (!exists.rows.length) {
        const open = await q.query<{ id: string; evidence: unknown }>(
          `SELECT id, evidence FROM alerts WHERE rule = $1 AND mmsi = $2 AND zone_id IS NOT DISTINCT FROM $3
             AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 1 FOR UPDATE`, [a.rule, a.mmsi, a.zoneId]);
        if (open.rows[0]) {
          id = open.rows[0].id;
          baseEvidence = jsonValue(open.rows[0].evidence) ?? [];
          await q.query('INSERT INTO alert_aliases (alias_id, alert_id, base_evidence) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING',
            [a.id, id, JSON.stringify(baseEvidence)]);
        }
      }
    }
    if (id !== a.id && kind === 'opened') kind = 'updated';
    const evidence = baseEvidence ? [...baseEvidence, ...a.evidence] : a.evidence;
    const upsert = await q.query<AlertRow>(
      `INSERT INTO alerts (id, rule, severity, mmsi, vessel_name, zone_id, opened_at, updated_at, closed_at, lat, lon, reason, evidence, episode_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14)
       ON CONFLICT (id) DO UPDATE SET
         severity = EXCLUDED.severity, vessel_name = COALESCE(EXCLUDED.vessel_name, alerts.vessel_name),
         updated_at = GREATEST(alerts.updated_at, EXCLUDED.updated_at), closed_at = EXCLUDED.closed_at,
         lat = EXCLUDED.lat, lon = EXCLUDED.lon, reason = EXCLUDED.reason, evidence = EXCLUDED.evidence,
         episode_key = COALESCE(EXCLUDED.episode_key, alerts.episode_key)
       WHERE alerts.updated_at <= EXCLUDED.updated_at
       RETURNING *`,
      [id, a.rule, a.severity, a.mmsi, a.vesselName, a.zoneId, a.openedAt, a.updatedAt, a.closedAt,
        a.position?.lat ?? null, a.position?.lon ?? null, JSON.stringify(a.reason), JSON.stringify(evidence), change.episodeKey ?? null],
    );
    // No row: a newer state is already stored (a stale replay); report what is stored.
    const row = upsert.rows[0] ?? (await q.query<AlertRow>('SELECT * FROM alerts WHERE id = $1 FOR UPDATE', [id])).rows[0]!;
    const storedChange: AlertChange = { kind, alert: rowToAlert(row) };
    const seen = await q.query('SELECT 1 FROM alert_events WHERE alert_id = $1 AND change_key = $2', [id, changeKey]);
    if (!seen.rows.length) {
      const prevHash = row.audit_head ?? AUDIT_GENESIS_HASH; // the row, locked above, records its chain's head
      const data: Record<string, unknown> = {
        severity: a.severity, closedAt: a.closedAt, position: a.position, evidenceCount: a.evidence.length,
        ...(id !== a.id ? { engineAlertId: a.id } : {}),
      };
      const event = { alertId: id, action: kind, actor: ENGINE_ACTOR, at, note: null, data };
      const hash = auditHash(prevHash, event);
      await q.query(
        `INSERT INTO alert_events (alert_id, action, actor, at, note, data, change_key, prev_hash, hash)
         VALUES ($1, $2, $3, $4, NULL, $5::jsonb, $6, $7, $8)`,
        [id, kind, ENGINE_ACTOR, at, JSON.stringify(data), changeKey, prevHash, hash],
      );
      await recordAuditHead(q, id, hash);
      await q.query(`INSERT INTO outbox (topic, key, payload) VALUES ('alert', $1, $2::jsonb) ON CONFLICT DO NOTHING`,
        [`${id}:${changeKey}`, JSON.stringify(storedChange)]);
    }
    stored.push(storedChange);
  }
  return stored;
}

/**
 * SQL condition: the alert's position lies in one of `boxes` (a box with west > east crosses
 * the antimeridian). `param` adds a value and returns its placeholder. An empty list matches
 * nothing.
 */
export function withinBoxesSql(boxes: readonly BBox[], param: (v: unknown) => string): string {
  if (boxes.length === 0) return 'false';
  const one = (b: BBox) => {
    if (![b.west, b.south, b.east, b.north].every(Number.isFinite)) throw new InvalidQueryError('bounding box must be four finite numbers', { box: b });
    const lon = b.west <= b.east ? `lon BETWEEN ${param(b.west)} AND ${param(b.east)}` : `(lon >= ${param(b.west)} OR lon <= ${param(b.east)})`;
    return `(lat BETWEEN ${param(b.south)} AND ${param(b.north)} AND ${lon})`;
  };
  return `(${boxes.map(one).join(' OR ')})`;
}

const asArray = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** Reads of alerts for the console. All values are bound parameters. */
export class AlertQueries {
  constructor(private readonly db: Db, private readonly dialect: Dialect) {}

  async get(id: string): Promise<Alert | null> {
    const { rows } = await this.db.query<AlertRow>(
      `SELECT * FROM alerts WHERE id = $1 OR id = (SELECT alert_id FROM alert_aliases WHERE alias_id = $1) LIMIT 1`, [id]);
    return rows[0] ? rowToAlert(rows[0]) : null;
  }

  async openAlerts(): Promise<Alert[]> {
    return (await this.openRows()).map(rowToAlert);
  }

  private async openRows(): Promise<(AlertRow & { episode_key: string | null })[]> {
    const { rows } = await this.db.query<AlertRow & { episode_key: string | null }>('SELECT * FROM alerts WHERE closed_at IS NULL ORDER BY opened_at, id');
    return rows;
  }

  /**
   * For a restarting engine: the open alerts with their episode keys, and which of the alert
   * ids it restored as open (its own ids: an alias resolves to the alert it continues) are
   * closed here.
   */
  async engineResume(restoredIds: readonly string[]): Promise<EngineResume> {
    const open = await this.openRows();
    const closed = restoredIds.length
      ? await this.db.query<{ id: string }>(
          `SELECT i.id FROM unnest($1::text[]) AS i(id)
             JOIN alerts a ON a.id = COALESCE((SELECT alert_id FROM alert_aliases WHERE alias_id = i.id), i.id)
           WHERE a.closed_at IS NOT NULL`, [restoredIds])
      : { rows: [] };
    return {
      open: open.map((r) => ({ alert: rowToAlert(r), episodeKey: r.episode_key ?? null })),
      closedIds: closed.rows.map((r) => r.id),
    };
  }

  /** Newest first, keyset-paged on (opened_at, id). */
  async list(filter: AlertFilter = {}, page: { after?: string; limit?: number } = {}): Promise<AlertPage> {
    const limit = page.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InvalidQueryError('limit must be an integer in 1..1000', { limit });
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const inList = (col: string, v: unknown[] | undefined) => {
      if (v?.length) where.push(`${col} = ANY(${p(v)})`);
    };
    inList('rule', asArray(filter.rule));
    inList('status', asArray(filter.status));
    inList('severity', asArray(filter.severity));
    inList('zone_id', asArray(filter.zoneId));
    if (filter.mmsi !== undefined) where.push(`mmsi = ${p(filter.mmsi)}`);
    if (filter.from) where.push(`opened_at >= ${p(checkTime(filter.from, 'from'))}::timestamptz`);
    if (filter.to) where.push(`opened_at < ${p(checkTime(filter.to, 'to'))}::timestamptz`);
    if (filter.open !== undefined) where.push(filter.open ? 'closed_at IS NULL' : 'closed_at IS NOT NULL');
    if (filter.within) where.push(withinBoxesSql(filter.within, p));
    if (page.after) {
      const c = decodeAlertCursor(page.after);
      where.push(`(opened_at, id) < (${p(c.openedAt)}::timestamptz, ${p(c.id)})`);
    }
    const { rows } = await this.db.query<AlertRow>(
      `SELECT *, opened_at::text AS opened_key FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY opened_at DESC, id DESC LIMIT ${p(limit + 1)}`, params);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(rowToAlert),
      next: rows.length > limit && last ? encodeAlertCursor({ openedAt: last.opened_key!, id: last.id }) : null,
    };
  }

  /** Alerts opened per rule per local day in [from, to). */
  async countsPerRulePerDay(range: { from: string; to: string; utcOffsetMinutes?: number }): Promise<RuleDayCount[]> {
    const offset = range.utcOffsetMinutes ?? 0;
    if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60) throw new InvalidQueryError('utcOffsetMinutes out of range', { offset });
    const origin = new Date(Date.UTC(2000, 0, 1) - offset * 60_000).toISOString();
    const { rows } = await this.db.query<{ bucket: unknown; rule: AlertRule; n: number }>(
      `SELECT ${this.dialect.bucket('$1', 'opened_at', '$2')} AS bucket, rule, count(*)::int AS n
       FROM alerts WHERE opened_at >= $3::timestamptz AND opened_at < $4::timestamptz
       GROUP BY 1, 2 ORDER BY 1, 2`,
      ['1 day', origin, checkTime(range.from, 'from'), checkTime(range.to, 'to')],
    );
    return rows.map((r) => ({
      day: new Date(new Date(iso(r.bucket)).getTime() + offset * 60_000).toISOString().slice(0, 10),
      rule: r.rule,
      count: Number(r.n),
    }));
  }
}

function checkTime(v: string, name: string): string {
  if (Number.isNaN(Date.parse(v))) throw new InvalidQueryError(`${name} is not a valid time`, { [name]: v });
  return v;
}
