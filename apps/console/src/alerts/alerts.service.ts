import type { Alert, AlertAuditEvent, AlertStatus, UserPublic } from '@seawarden/contracts';
import { AuditAlertNotFoundError, type AuditRepository, type UsersRepository } from '@seawarden/store';
import type { Principal } from '../auth/auth.service.js';
import { publicUser } from '../auth/auth.service.js';
import { badRequest, conflict, forbidden, notFound } from '../common/api-error.js';
import type { AlertListFilter, ConsoleStore } from '../console.deps.js';
import { alertCursorAfter, SqlAlertReader } from './sql-alert-reader.js';
import type { AlertBroadcaster } from '../live/alert-broadcaster.js';
import type { JurisdictionIndex } from '../live/jurisdiction-index.js';

/** The store's alerts repository: list(filter, { after, limit }) → { items, next }. */
interface StoreAlertRepo {
  get(id: string): Promise<Alert | null>;
  list(filter: unknown, page?: { after?: string; limit?: number }): Promise<unknown>;
}

export interface AlertDetail {
  alert: Alert;
  audit: AlertAuditEvent[];
  assignee: UserPublic | null;
  notes: { actor: string; at: string; note: string }[];
}

const FINAL: AlertStatus[] = ['confirmed', 'dismissed'];

/** Alert reads scoped to the caller, and the review workflow (every change audited). */
export class AlertsService {
  private readonly reader: Pick<SqlAlertReader, 'get' | 'list'>;

  constructor(
    store: ConsoleStore,
    private readonly audit: AuditRepository,
    private readonly users: UsersRepository,
    private readonly jurisdictions: JurisdictionIndex,
    private readonly broadcaster: AlertBroadcaster,
  ) {
    // The store's repository when it has one; the console's own reader for what it lacks.
    const own = new SqlAlertReader(store.db);
    const repo = store.alerts as StoreAlertRepo | undefined;
    this.reader = {
      get: repo?.get ? (id) => repo.get(id) : (id) => own.get(id),
      list: repo?.list
        ? async (f) => {
            if (f.assignee) return own.list(f);
            try {
              const page = await repo.list(
                { rule: f.rule, severity: f.severity, status: f.status, mmsi: f.mmsi, zoneId: f.zoneId, from: f.from, to: f.to, open: f.active, within: f.within } as never,
                { after: f.cursor ?? undefined, limit: f.limit ?? 100 },
              );
              const p = page as unknown as { items: Alert[]; next?: string | null; nextCursor?: string | null };
              return { items: p.items, nextCursor: p.next ?? p.nextCursor ?? null };
            } catch (err) {
              if ((err as Error).name === 'InvalidQueryError' || /cursor/i.test((err as Error).message)) {
                throw badRequest(`cursor: ${(err as Error).message}`, 'cursor');
              }
              throw err;
            }
          }
        : (f) => own.list(f),
    };
  }

  /** Port offices see alerts whose position lies in one of their jurisdiction zones. */
  visible(p: Principal, a: Alert): boolean {
    if (p.role !== 'port_office') return true;
    if (!a.position) return false;
    const inside = this.jurisdictions.containing(a.position.lat, a.position.lon);
    return inside.some((z) => p.jurisdictions.includes(z));
  }

  async list(p: Principal, filter: AlertListFilter): Promise<{ items: Alert[]; nextCursor: string | null }> {
    const limit = filter.limit ?? 100;
    if (p.role !== 'port_office') return this.reader.list({ ...filter, limit });
    // Port offices: the database keeps the alerts inside the bounding boxes of the office's
    // jurisdictions; the exact polygon test is made here on pages of that list until `limit`
    // alerts are found (the cursor then points after the last one returned) or the list ends.
    // After 100 pages (only a jurisdiction far from its box could need them) the caller gets
    // what was found and a cursor to go on from.
    const within = this.jurisdictions.boxes(p.jurisdictions);
    if (within.length === 0) return { items: [], nextCursor: null };
    const items: Alert[] = [];
    let cursor = filter.cursor ?? null;
    for (let i = 0; i < 100; i++) {
      const page = await this.reader.list({ ...filter, within, cursor, limit });
      for (let k = 0; k < page.items.length; k++) {
        const a = page.items[k]!;
        if (!this.visible(p, a)) continue;
        items.push(a);
        if (items.length === limit) {
          const more = k < page.items.length - 1 || page.nextCursor !== null;
          return { items, nextCursor: more ? alertCursorAfter(a) : null };
        }
      }
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return { items, nextCursor: cursor };
  }

  async get(p: Principal, id: string): Promise<Alert> {
    const a = await this.reader.get(id);
    if (!a) throw notFound(`alert ${id} not found`);
    if (!this.visible(p, a)) throw forbidden('alert outside your jurisdiction');
    return { ...a, status: a.status ?? 'open' };
  }

  async detail(p: Principal, id: string): Promise<AlertDetail> {
    const alert = await this.get(p, id);
    const audit = await this.audit.forAlert(id);
    const assigneeId = (await this.audit.assignees([id])).get(id) ?? null;
    const assignee = assigneeId ? await this.users.byId(assigneeId) : null;
    const notes = audit.filter((e) => e.action === 'note' && e.note).map((e) => ({ actor: e.actor, at: e.at, note: e.note! }));
    return { alert, audit, assignee: assignee ? publicUser(assignee) : null, notes };
  }

  auditTrail(p: Principal, id: string): Promise<AlertAuditEvent[]> {
    return this.get(p, id).then(() => this.audit.forAlert(id));
  }

  acknowledge(p: Principal, id: string, note?: string): Promise<Alert> {
    return this.transition(p, id, 'acknowledged', ['open'], note ?? null);
  }

  confirm(p: Principal, id: string, note?: string): Promise<Alert> {
    return this.transition(p, id, 'confirmed', ['open', 'acknowledged'], note ?? null);
  }

  dismiss(p: Principal, id: string, reason: string): Promise<Alert> {
    return this.transition(p, id, 'dismissed', ['open', 'acknowledged'], reason);
  }

  async note(p: Principal, id: string, note: string): Promise<AlertAuditEvent> {
    await this.get(p, id);
    return this.append(p, id, 'note', note, null);
  }

  async assign(p: Principal, id: string, userId: string | null): Promise<Alert> {
    await this.get(p, id);
    if (userId) {
      const u = await this.users.byId(userId);
      if (!u || u.disabled) throw badRequest(`userId: no such user ${userId}`, 'userId');
      if (u.role !== 'inspector' && u.role !== 'admin') throw badRequest('userId: alerts are assigned to inspectors or admins', 'userId');
    }
    await this.append(p, id, 'assigned', null, { userId });
    return this.changed(p, id);
  }

  private async transition(p: Principal, id: string, to: AlertStatus, from: AlertStatus[], note: string | null): Promise<Alert> {
    await this.get(p, id);
    const action = to as AlertAuditEvent['action'];
    await this.append(p, id, action, note, { from: null, to }, to, (status) => {
      if (!from.includes(status)) {
        throw conflict(
          FINAL.includes(status) ? `alert is already ${status}` : `cannot go from ${status} to ${to}`,
          'status',
        );
      }
    });
    return this.changed(p, id);
  }

  private async append(
    p: Principal, id: string, action: AlertAuditEvent['action'], note: string | null,
    data: Record<string, unknown> | null, status?: AlertStatus, check?: (s: AlertStatus) => void,
  ): Promise<AlertAuditEvent> {
    try {
      return await this.audit.append(
        { alertId: id, action, actor: p.username, note, data: data && status ? { ...data, from: undefined } : data },
        { status, check },
      );
    } catch (err) {
      if (err instanceof AuditAlertNotFoundError) throw notFound(`alert ${id} not found`);
      throw err;
    }
  }

  private async changed(p: Principal, id: string): Promise<Alert> {
    const alert = await this.get(p, id);
    this.broadcaster.fromWorkflow(alert);
    return alert;
  }
}
