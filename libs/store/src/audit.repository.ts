import { createHash } from 'node:crypto';
import type { AlertAuditEvent, AlertStatus, AuditVerifyResult } from '@seawarden/contracts';
import type { ConsoleQueryable } from './users.repository.js';

export interface ConsoleTxQueryable extends ConsoleQueryable {
  tx<T>(fn: (db: ConsoleQueryable) => Promise<T>): Promise<T>;
}

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the hash does not depend on key order or jsonb storage. */
export function auditCanonicalJson(v: unknown): string {
  if (v === null || v === undefined || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(auditCanonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${auditCanonicalJson(o[k])}`)
    .join(',')}}`;
}

export type AuditContent = Pick<AlertAuditEvent, 'alertId' | 'action' | 'actor' | 'at' | 'note' | 'data'>;

/** hash = sha256(prevHash + canonical JSON of {alertId, action, actor, at, note, data}). */
export function auditHash(prevHash: string, e: AuditContent): string {
  const content = auditCanonicalJson({ alertId: e.alertId, action: e.action, actor: e.actor, at: e.at, note: e.note ?? null, data: e.data ?? null });
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) ?? null;

const toEvent = (r: any): AlertAuditEvent => ({
  id: Number(r.id),
  alertId: r.alert_id,
  action: r.action,
  actor: r.actor,
  at: iso(r.at),
  note: r.note ?? null,
  data: json(r.data),
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * A fact kept outside the database: the events up to `lastEventId` (all chains, in id order)
 * were `events` many and hashed to `root` (see auditRunningHash) at `at`. Whoever rewrites the
 * chains and the heads recorded on the alerts cannot make them match an anchor they cannot reach.
 */
export interface AuditAnchor {
  at: string;
  lastEventId: number;
  events: number;
  root: string;
}

/** The running hash over all events in id order: sha256(previous running hash + event hash); it starts at AUDIT_GENESIS_HASH. */
export function auditRunningHash(prev: string, eventHash: string): string {
  return createHash('sha256').update(prev).update(eventHash).digest('hex');
}

/** Where an anchor chain starts. */
export const AUDIT_ANCHOR_ORIGIN: Omit<AuditAnchor, 'at'> = { lastEventId: 0, events: 0, root: AUDIT_GENESIS_HASH };

export class AuditAlertNotFoundError extends Error {
  constructor(readonly alertId: string) {
    super(`alert ${alertId} not found`);
  }
}

/** Moves the alert's recorded chain head to the event just appended (same transaction). */
export async function recordAuditHead(q: ConsoleQueryable, alertId: string, hash: string): Promise<void> {
  await q.query('UPDATE alerts SET audit_head = $2, audit_count = audit_count + 1 WHERE id = $1', [alertId, hash]);
}

/**
 * The human side of the alert audit trail, in the store's `alert_events` table (one SHA-256
 * chain per alert; the engine's opened/updated/closed events are in the same chains) and
 * the workflow status in `alerts.status`.
 */
export class AuditRepository {
  constructor(private readonly db: ConsoleTxQueryable) {}

  /**
   * Appends one event and optionally sets the status, in one transaction. The alert row is
   * locked FOR UPDATE so concurrent appenders (several instances) chain linearly.
   * `check` runs under the lock with the current status and may throw to refuse.
   */
  async append(
    e: { alertId: string; action: AlertAuditEvent['action']; actor: string; note?: string | null; data?: Record<string, unknown> | null },
    opts: { status?: AlertStatus; check?: (status: AlertStatus) => void } = {},
  ): Promise<AlertAuditEvent> {
    return this.db.tx(async (tx) => {
      const { rows: alert } = await tx.query<{ status: AlertStatus; audit_head: string | null }>('SELECT status, audit_head FROM alerts WHERE id = $1 FOR UPDATE', [e.alertId]);
      if (!alert[0]) throw new AuditAlertNotFoundError(e.alertId);
      opts.check?.(alert[0].status);
      const prevHash = alert[0].audit_head ?? AUDIT_GENESIS_HASH;
      const content: AuditContent = {
        alertId: e.alertId, action: e.action, actor: e.actor, at: new Date().toISOString(), note: e.note ?? null, data: e.data ?? null,
      };
      const hash = auditHash(prevHash, content);
      const { rows } = await tx.query(
        `INSERT INTO alert_events (alert_id, action, actor, at, note, data, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) RETURNING *`,
        [content.alertId, content.action, content.actor, content.at, content.note,
          content.data === null ? null : JSON.stringify(content.data), prevHash, hash],
      );
      await recordAuditHead(tx, e.alertId, hash);
      if (opts.status) await tx.query('UPDATE alerts SET status = $2 WHERE id = $1', [e.alertId, opts.status]);
      return toEvent(rows[0]);
    });
  }

  async forAlert(alertId: string): Promise<AlertAuditEvent[]> {
    const { rows } = await this.db.query('SELECT * FROM alert_events WHERE alert_id = $1 ORDER BY id', [alertId]);
    return rows.map(toEvent);
  }

  /** Current assignee (user id) per alert: the data.userId of the latest 'assigned' event. */
  async assignees(alertIds: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    if (alertIds.length === 0) return out;
    const { rows } = await this.db.query<any>(
      `SELECT DISTINCT ON (alert_id) alert_id, data FROM alert_events
       WHERE action = 'assigned' AND alert_id = ANY($1::text[]) ORDER BY alert_id, id DESC`,
      [alertIds],
    );
    for (const r of rows) out.set(r.alert_id, (json(r.data)?.userId as string | null) ?? null);
    return out;
  }

  /** Highest event id so far (0: none). */
  async lastEventId(): Promise<number> {
    const { rows } = await this.db.query<{ id: string | number | null }>('SELECT max(id) AS id FROM alert_events');
    return Number(rows[0]?.id ?? 0);
  }

  /**
   * The anchor `from` carried on over the events after it up to `toId`, in pages in id order
   * (the first anchor of a long history reads it all).
   */
  async extendAnchor(from: Omit<AuditAnchor, 'at'>, toId: number, pageSize = 5000): Promise<Omit<AuditAnchor, 'at'>> {
    let { root, events } = from;
    let after = from.lastEventId;
    while (after < toId) {
      const { rows } = await this.db.query<{ id: string | number; hash: string }>(
        'SELECT id, hash FROM alert_events WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3', [after, toId, pageSize]);
      if (rows.length === 0) break;
      for (const r of rows) root = auditRunningHash(root, r.hash);
      events += rows.length;
      after = Number(rows[rows.length - 1]!.id);
    }
    return { lastEventId: toId, events, root };
  }

  /**
   * Recomputes every chain (pages of events in id order) and compares its end with the head
   * recorded on the alert; reports the first broken link, or an alert whose chain is shorter
   * than recorded (its newest events deleted). With `anchors`, also that the events up to each
   * anchor still hash to it: a history rewritten whole, heads included, fails there.
   */
  async verify(pageSize = 5000, anchors: readonly AuditAnchor[] = []): Promise<AuditVerifyResult> {
    const heads = new Map<string, string>();
    const lengths = new Map<string, number>();
    const due = [...anchors].sort((a, b) => a.lastEventId - b.lastEventId);
    let checked = 0;
    let running = AUDIT_GENESIS_HASH;
    let count = 0;
    let after = 0;
    // The events up to the next anchor are all read once the stream passes its lastEventId.
    const checkAnchorsBefore = (id: number): AuditVerifyResult | null => {
      while (checked < due.length && due[checked]!.lastEventId < id) {
        const a = due[checked]!;
        if (a.root !== running || a.events !== count) {
          return {
            ok: false, count, alerts: heads.size, anchors: checked, anchorAt: a.at,
            reason: `the ${count} events up to #${a.lastEventId} do not hash to the anchor of ${a.at} (${a.events} events): events were rewritten, removed or inserted`,
          };
        }
        checked++;
      }
      return null;
    };
    for (;;) {
      const { rows } = await this.db.query('SELECT * FROM alert_events WHERE id > $1 ORDER BY id LIMIT $2', [after, pageSize]);
      if (rows.length === 0) break;
      for (const r of rows) {
        const e = toEvent(r);
        const broken = checkAnchorsBefore(e.id);
        if (broken) return broken;
        const prev = heads.get(e.alertId) ?? AUDIT_GENESIS_HASH;
        const base = { count, alerts: heads.size, anchors: checked, brokenAt: e.id, alertId: e.alertId };
        if (e.prevHash !== prev) return { ok: false, ...base, reason: 'prevHash does not match the previous event of the alert' };
        if (auditHash(prev, e) !== e.hash) return { ok: false, ...base, reason: 'event content does not match its hash' };
        heads.set(e.alertId, e.hash);
        lengths.set(e.alertId, (lengths.get(e.alertId) ?? 0) + 1);
        running = auditRunningHash(running, e.hash);
        count++;
        after = e.id;
      }
    }
    const broken = checkAnchorsBefore(Infinity);
    if (broken) return broken;
    const { rows: recorded } = await this.db.query<{ id: string; audit_head: string | null; audit_count: number }>(
      'SELECT id, audit_head, audit_count FROM alerts WHERE audit_count > 0 ORDER BY id');
    for (const r of recorded) {
      const n = lengths.get(r.id) ?? 0;
      if (n !== Number(r.audit_count) || heads.get(r.id) !== r.audit_head) {
        return { ok: false, count, alerts: heads.size, anchors: checked, alertId: r.id, reason: `the chain has ${n} events ending ${heads.get(r.id)?.slice(0, 12) ?? '(none)'}, the alert records ${r.audit_count} ending ${r.audit_head?.slice(0, 12)}: events were removed` };
      }
    }
    const newest = due.at(-1); // the one reaching furthest
    return { ok: true, count, alerts: heads.size, anchors: checked, ...(newest ? { lastAnchorAt: newest.at, lastAnchorEvents: newest.events } : {}) };
  }
}
