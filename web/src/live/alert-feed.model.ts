import type { Alert, AlertRule, Severity } from '@seawarden/contracts';

export interface FeedFilter {
  rule: AlertRule | '';
  severity: Severity | '';
}

/** Severities that sound the alarm when a new alert arrives. */
export const LOUD_SEVERITIES: ReadonlySet<Severity> = new Set(['high', 'critical']);

/**
 * The operator's alert feed: newest first, one entry per alert id (updates replace it),
 * unread until opened or marked read. Pure state; the view renders it.
 */
export class AlertFeedModel {
  private readonly byId = new Map<string, Alert>();
  private readonly unread = new Set<string>();
  constructor(private readonly limit = 500) {}

  /** Adds or replaces an alert. Returns true when it is new (first time seen). */
  upsert(alert: Alert, opts: { markUnread?: boolean } = {}): boolean {
    const isNew = !this.byId.has(alert.id);
    this.byId.set(alert.id, alert);
    if (isNew && opts.markUnread !== false && (alert.status ?? 'open') === 'open') this.unread.add(alert.id);
    if (alert.status && alert.status !== 'open') this.unread.delete(alert.id);
    if (this.byId.size > this.limit) this.trim();
    return isNew;
  }

  get(id: string): Alert | undefined {
    return this.byId.get(id);
  }

  markRead(id?: string): void {
    if (id === undefined) this.unread.clear();
    else this.unread.delete(id);
  }

  isUnread(id: string): boolean {
    return this.unread.has(id);
  }

  get unreadCount(): number {
    return this.unread.size;
  }

  /** Newest first by opening time, then by last update. */
  list(filter: FeedFilter = { rule: '', severity: '' }): Alert[] {
    return [...this.byId.values()]
      .filter((a) => (!filter.rule || a.rule === filter.rule) && (!filter.severity || a.severity === filter.severity))
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt) || b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
  }

  private trim(): void {
    const oldest = this.list().slice(this.limit);
    for (const a of oldest) {
      this.byId.delete(a.id);
      this.unread.delete(a.id);
    }
  }
}

/** Whether a freshly arrived alert should sound: new, loud severity, still open, not muted or snoozed. */
export function shouldSound(alert: Alert, isNew: boolean, muted: boolean, snoozed = false): boolean {
  return isNew && !muted && !snoozed && LOUD_SEVERITIES.has(alert.severity) && (alert.status ?? 'open') === 'open' && alert.closedAt === null;
}
