import { ALERT_RULES, SEVERITIES, type Alert, type AlertRule, type AlertStatus, type Severity } from '@seawarden/contracts';
import { alertQueryString, api, downloadFile, type AlertQuery, type ZoneCollection } from '../api/api-client.js';
import type { Unmount, ViewContext } from '../app/context.js';
import { errorText } from '../app/errors.js';
import { zoneName } from '../app/zone-names.js';
import { onLangChange, pick } from '../i18n/i18n.js';
import { formatTime, fromLocalInput } from '../time/format-time.js';
import { data, h, keyedSelect } from '../ui/dom.js';

const STATUSES: AlertStatus[] = ['open', 'acknowledged', 'confirmed', 'dismissed'];
const PAGE_SIZE = 25;

/** The review desk's alert table: filters, cursor paging, exports of the filtered list. */
export function mountInspectorList(main: HTMLElement, ctx: ViewContext, opts: { title?: 'inspector.title' | 'port.title'; live?: boolean; onRowExtra?: (a: Alert) => HTMLElement | null } = {}): Unmount {
  let zones: ZoneCollection | null = null;
  const filter: AlertQuery = { rule: '', severity: '', status: '', zoneId: '', from: '', to: '' };
  /** Cursors of the pages seen so far: cursors[i] loads page i. */
  let cursors: (string | null)[] = [null];
  let page = 0;
  let rows: Alert[] = [];
  let next: string | null = null;

  const tbody = h('tbody', { 'data-testid': 'alerts-tbody' });
  const pageLabel = h('span', { translate: 'no' }, '1');
  const prev = h('button', { type: 'button', i18n: 'common.prev', onclick: () => go(page - 1) });
  const nextBtn = h('button', { type: 'button', i18n: 'common.next', onclick: () => go(page + 1) });
  const zoneSelect = h('select', { onchange: (e: Event) => setFilter({ zoneId: (e.target as HTMLSelectElement).value }) }, h('option', { value: '', i18n: 'common.all' }));
  const dateInput = (key: 'from' | 'to') =>
    h('input', { type: 'datetime-local', onchange: (e: Event) => setFilter({ [key]: fromLocalInput((e.target as HTMLInputElement).value) ?? '' }) });

  const filters = h(
    'form',
    { class: 'filters', 'aria-labelledby': 'filters-title', onsubmit: (e: Event) => e.preventDefault() },
    h('h3', { id: 'filters-title', class: 'sr-only', i18n: 'inspector.filters' }),
    keyedSelect('alert.rule', ALERT_RULES, (r) => `rule.${r}` as never, '', (v) => setFilter({ rule: v as AlertRule })),
    keyedSelect('status.label', STATUSES, (s) => `status.${s}` as never, '', (v) => setFilter({ status: v as AlertStatus })),
    keyedSelect('severity.label', SEVERITIES, (s) => `severity.${s}` as never, '', (v) => setFilter({ severity: v as Severity })),
    h('label', { class: 'field' }, h('span', { i18n: 'inspector.zone' }), zoneSelect),
    h('label', { class: 'field' }, h('span', { i18n: 'common.from' }), dateInput('from')),
    h('label', { class: 'field' }, h('span', { i18n: 'common.to' }), dateInput('to')),
  );
  const exportBtn = (fmt: 'csv' | 'geojson' | 'kml', key: 'inspector.exportCsv' | 'inspector.exportGeojson' | 'inspector.exportKml') =>
    h('button', {
      type: 'button', i18n: key, 'data-testid': `export-${fmt}`,
      onclick: () => void downloadFile(`/api/alerts/export.${fmt}${alertQueryString({ ...filter, limit: 50000 })}`, `seawarden-alerts.${fmt}`).catch((err) => ctx.notify(errorText(err), 'error')),
    });
  const table = h(
    'table',
    { class: 'alerts-table' },
    h(
      'thead',
      {},
      h('tr', {}, ...(['alert.openedAt', 'alert.rule', 'severity.label', 'status.label', 'alert.vessel', 'alert.zone', 'alert.reasons'] as const).map((k) => h('th', { scope: 'col', i18n: k })), h('th', { scope: 'col', class: 'sr-only', i18n: 'alert.open' })),
    ),
    tbody,
  );
  main.append(
    h(
      'section',
      { class: 'page' },
      h('h2', { i18n: opts.title ?? 'inspector.title' }),
      filters,
      h('div', { class: 'toolbar' }, h('span', { i18n: 'inspector.export' }), exportBtn('csv', 'inspector.exportCsv'), exportBtn('geojson', 'inspector.exportGeojson'), exportBtn('kml', 'inspector.exportKml')),
      table,
      h('div', { class: 'pager' }, prev, h('span', { i18n: 'common.page' }), pageLabel, nextBtn),
    ),
  );

  function setFilter(f: Partial<AlertQuery>): void {
    Object.assign(filter, f);
    cursors = [null];
    void go(0);
  }

  async function go(p: number): Promise<void> {
    if (p < 0 || p >= cursors.length) return;
    try {
      const res = await api.alerts({ ...filter, limit: PAGE_SIZE, cursor: cursors[p] });
      page = p;
      rows = res.items;
      next = res.nextCursor;
      if (next && cursors.length === p + 1) cursors.push(next);
      render();
    } catch (err) {
      ctx.notify(errorText(err), 'error');
    }
  }

  function render(): void {
    pageLabel.textContent = String(page + 1);
    prev.disabled = page === 0;
    nextBtn.disabled = !next;
    if (rows.length === 0) {
      tbody.replaceChildren(h('tr', {}, h('td', { colspan: '8', class: 'empty', i18n: 'feed.empty' })));
      return;
    }
    tbody.replaceChildren(
      ...rows.map((a) => {
        const status = a.status ?? 'open';
        const extra = opts.onRowExtra?.(a) ?? null;
        return h(
          'tr',
          { 'data-testid': 'alert-row', 'data-alert-id': a.id, 'data-zone-id': a.zoneId ?? '' },
          h('td', {}, h('time', { datetime: a.openedAt }, formatTime(a.openedAt))),
          h('td', { i18n: `rule.${a.rule}` }),
          h('td', {}, h('span', { class: `sev sev-${a.severity}`, i18n: `severity.${a.severity}` })),
          h('td', {}, h('span', { class: `status status-${status}`, i18n: `status.${status}` })),
          h('td', {}, data(a.vesselName), ' ', data(a.mmsi)),
          h('td', { translate: 'no' }, zoneName(zones, a.zoneId)),
          h('td', {}, pick(a.reason)),
          h('td', {}, opts.live ? extra : h('a', { href: `#/inspector/alert/${encodeURIComponent(a.id)}`, class: 'button', i18n: 'alert.open' })),
        );
      }),
    );
  }

  /** Live: a pushed alert updates its row, or shows on the first page when it matches the filter. */
  const onAlert = (a: Alert) => {
    const i = rows.findIndex((r) => r.id === a.id);
    if (i >= 0) rows[i] = a;
    else if (opts.live && page === 0 && matches(a)) rows = [a, ...rows].slice(0, PAGE_SIZE);
    else return;
    render();
  };
  function matches(a: Alert): boolean {
    return (!filter.rule || a.rule === filter.rule) && (!filter.severity || a.severity === filter.severity) && (!filter.status || (a.status ?? 'open') === filter.status) && (!filter.zoneId || a.zoneId === filter.zoneId);
  }
  ctx.live.socket.on('alert', onAlert);
  const offLang = onLangChange(() => {
    render();
    fillZones();
  });
  function fillZones(): void {
    const current = zoneSelect.value;
    zoneSelect.replaceChildren(h('option', { value: '', i18n: 'common.all' }), ...(zones?.features ?? []).map((f) => h('option', { value: f.properties.id, translate: 'no' }, pick(f.properties.name) || f.properties.id)));
    zoneSelect.value = current;
  }
  void ctx.zones().then((z) => {
    zones = z;
    fillZones();
    render();
  });
  void go(0);
  return () => {
    ctx.live.socket.off('alert', onAlert);
    offLang();
  };
}
