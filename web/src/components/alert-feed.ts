import { ALERT_RULES, SEVERITIES, type Alert } from '@seawarden/contracts';
import { playAlarm } from '../audio/alarm.js';
import { lang, onLangChange, pick, t } from '../i18n/i18n.js';
import { AlarmSnoozes } from '../live/alarm-snoozes.js';
import { AlertFeedModel, LOUD_SEVERITIES, shouldSound, type FeedFilter } from '../live/alert-feed.model.js';
import { formatLocal, formatTime } from '../time/format-time.js';
import { data, h, keyedSelect } from '../ui/dom.js';

export interface AlertFeedOptions {
  onSelect: (alert: Alert) => void;
  onAcknowledge: (alert: Alert) => Promise<void>;
  /** Name of a zone id in the current language. */
  zoneName: (id: string | null) => string;
}

const SNOOZES_KEY = 'seawarden.snoozes';

function loadSnoozes(): AlarmSnoozes {
  try {
    return AlarmSnoozes.fromJSON(JSON.parse(localStorage.getItem(SNOOZES_KEY) ?? '{}'), Date.now());
  } catch {
    return new AlarmSnoozes(); // unreadable: start with none
  }
}

/** The alert feed panel: newest first, severity colour, unread count, alarm with mute and per-vessel snooze, filters, acknowledge. */
export class AlertFeed {
  readonly el: HTMLElement;
  readonly model = new AlertFeedModel();
  private filter: FeedFilter = { rule: '', severity: '' };
  private muted = localStorage.getItem('seawarden.muted') === '1';
  private readonly snoozes = loadSnoozes();
  private selectedId: string | null = null;
  private list = h('ol', { class: 'feed-list', 'data-testid': 'alert-feed', 'aria-live': 'polite' });
  private unread = h('span', { class: 'badge', 'data-testid': 'unread-count', translate: 'no' }, '0');
  private muteBtn = h('button', { type: 'button', class: 'mute', 'aria-pressed': 'false' });
  private offLang: () => void;

  constructor(private readonly opts: AlertFeedOptions) {
    this.muteBtn.addEventListener('click', () => {
      this.muted = !this.muted;
      localStorage.setItem('seawarden.muted', this.muted ? '1' : '0');
      this.paintMute();
    });
    this.paintMute();
    const filters = h(
      'div',
      { class: 'feed-filters' },
      keyedSelect('feed.filterRule', ALERT_RULES, (r) => `rule.${r}` as never, '', (v) => this.setFilter({ rule: v as FeedFilter['rule'] })),
      keyedSelect('feed.filterSeverity', SEVERITIES, (s) => `severity.${s}` as never, '', (v) => this.setFilter({ severity: v as FeedFilter['severity'] })),
    );
    this.el = h(
      'section',
      { class: 'feed', 'aria-labelledby': 'feed-title' },
      h(
        'div',
        { class: 'feed-head' },
        h('h2', { id: 'feed-title' }, h('span', { i18n: 'feed.title' }), ' '),
        h('span', { class: 'unread' }, h('span', { i18n: 'feed.unread' }), ' ', this.unread),
        h('button', { type: 'button', i18n: 'feed.markRead', onclick: () => { this.model.markRead(); this.render(); } }),
        this.muteBtn,
      ),
      filters,
      this.list,
    );
    this.offLang = onLangChange(() => { this.paintMute(); this.render(); });
  }

  /** Adds alerts loaded from REST (not unread, no sound). */
  load(alerts: Alert[]): void {
    for (const a of alerts) this.model.upsert(a, { markUnread: false });
    this.render();
  }

  /** A live alert from the socket. */
  push(alert: Alert): void {
    const isNew = this.model.upsert(alert);
    if (shouldSound(alert, isNew, this.muted, this.snoozes.snoozedUntil(alert, Date.now()) !== null)) playAlarm();
    this.render();
  }

  select(id: string | null): void {
    this.selectedId = id;
    if (id) this.model.markRead(id);
    this.render();
  }

  destroy(): void {
    this.offLang();
  }

  private setFilter(f: Partial<FeedFilter>): void {
    this.filter = { ...this.filter, ...f };
    this.render();
  }

  private paintMute(): void {
    const key = this.muted ? 'feed.unmute' : 'feed.mute';
    this.muteBtn.dataset.i18n = key;
    this.muteBtn.textContent = t(key);
    this.muteBtn.setAttribute('aria-pressed', String(this.muted));
  }

  /** Rows by alert id, reused across renders so a row being clicked is never swapped out. */
  private rows = new Map<string, { li: HTMLLIElement; sig: string }>();

  render(): void {
    this.unread.textContent = String(this.model.unreadCount);
    const items = this.model.list(this.filter).slice(0, 200);
    if (items.length === 0) {
      this.list.replaceChildren(h('li', { class: 'empty', i18n: 'feed.empty' }));
      return;
    }
    const keep = new Set<string>();
    const nodes = items.map((a) => {
      keep.add(a.id);
      const sig = [a.updatedAt, a.status, a.severity, a.closedAt, this.model.isUnread(a.id), a.id === this.selectedId, lang(), this.opts.zoneName(a.zoneId), this.snoozes.snoozedUntil(a, Date.now())].join('|');
      const row = this.rows.get(a.id);
      if (row && row.sig === sig) return row.li;
      const li = row?.li ?? h('li', {});
      this.fill(li, a);
      this.rows.set(a.id, { li, sig });
      return li;
    });
    for (const id of this.rows.keys()) if (!keep.has(id)) this.rows.delete(id);
    // Only touch the list when the order or membership changed.
    const current = [...this.list.children];
    if (current.length !== nodes.length || current.some((el, i) => el !== nodes[i])) this.list.replaceChildren(...nodes);
  }

  private fill(li: HTMLLIElement, a: Alert): void {
    const status = a.status ?? 'open';
    li.className = `feed-item sev-border-${a.severity}${this.model.isUnread(a.id) ? ' unread' : ''}${a.id === this.selectedId ? ' selected' : ''}`;
    let open = li.querySelector<HTMLButtonElement>('button.feed-open');
    if (!open) {
      open = h('button', { type: 'button', class: 'feed-open', 'data-testid': 'feed-item', 'data-alert-id': a.id });
      open.addEventListener('click', () => this.opts.onSelect(this.model.get(a.id) ?? a));
      li.append(open);
    }
    open.replaceChildren(
      h('span', { class: `sev sev-${a.severity}`, i18n: `severity.${a.severity}` }),
      h('strong', { i18n: `rule.${a.rule}` }),
      h('span', { class: 'feed-vessel' }, data(a.vesselName ?? a.mmsi), ' ', data(a.vesselName ? a.mmsi : null)),
      h('span', { class: 'feed-zone', translate: 'no' }, this.opts.zoneName(a.zoneId)),
      h('time', { datetime: a.openedAt }, formatTime(a.openedAt)),
      h('span', { class: 'feed-reason' }, pick(a.reason)),
    );
    for (const el of [...li.children]) if (el !== open) el.remove();
    const actions = h('div', { class: 'feed-actions' });
    if (status === 'open') {
      const ack = h('button', { type: 'button', class: 'ack', 'data-testid': 'ack', i18n: 'feed.ack' });
      ack.addEventListener('click', () => {
        ack.disabled = true;
        void this.opts.onAcknowledge(this.model.get(a.id) ?? a).finally(() => (ack.disabled = false));
      });
      actions.append(ack);
    } else {
      actions.append(h('span', { class: `status status-${status}`, i18n: `status.${status}` }));
    }
    if (LOUD_SEVERITIES.has(a.severity) && a.closedAt === null) actions.append(this.snoozeButton(a));
    li.append(actions);
  }

  /** Snooze this vessel's alarms of this rule for an hour, or lift the snooze. */
  private snoozeButton(a: Alert): HTMLButtonElement {
    const until = this.snoozes.snoozedUntil(a, Date.now());
    const btn = until === null
      ? h('button', { type: 'button', class: 'snooze', 'data-testid': 'snooze', 'aria-pressed': 'false', i18n: 'feed.snooze' })
      : h('button', { type: 'button', class: 'snooze', 'data-testid': 'snooze', 'aria-pressed': 'true' }, h('span', { i18n: 'feed.snoozedUntil' }), ' ', formatLocal(until, { clockOnly: true }));
    btn.addEventListener('click', () => {
      if (this.snoozes.snoozedUntil(a, Date.now()) === null) this.snoozes.snooze(a, Date.now());
      else this.snoozes.clear(a);
      localStorage.setItem(SNOOZES_KEY, JSON.stringify(this.snoozes.toJSON()));
      this.render();
    });
    return btn;
  }
}
