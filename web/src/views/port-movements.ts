import type { VesselPortLog } from '@seawarden/contracts';
import { api, downloadFile } from '../api/api-client.js';
import { errorText } from '../app/errors.js';
import { onLangChange, pick } from '../i18n/i18n.js';
import { formatLocal, fromLocalInput, toLocalInput } from '../time/format-time.js';
import { data, h } from '../ui/dom.js';

const DAY_MS = 86_400_000;

/**
 * The port-movement log of the hook-and-line boats for one Beijing-time day: what those boats
 * must report to the port office, for the office to check their reports against.
 */
export function mountPortMovements(host: HTMLElement, notify: (text: string, kind?: 'error') => void): () => void {
  const day = h('input', { type: 'date', name: 'day', value: toLocalInput(Date.now()).slice(0, 10), 'data-testid': 'movements-day' });
  const body = h('div', { 'data-testid': 'port-movements' });
  const form = h(
    'form',
    { class: 'toolbar' },
    h('label', { class: 'field' }, h('span', { i18n: 'port.movementsDay' }), day),
    h('button', { type: 'submit', i18n: 'port.movementsLoad' }),
    h('button', {
      type: 'button',
      i18n: 'inspector.exportCsv',
      'data-testid': 'movements-csv',
      onclick: () => {
        const w = dayWindow();
        if (w) void downloadFile(`/api/port-movements/export.csv?from=${encodeURIComponent(w.from)}&to=${encodeURIComponent(w.to)}`, `port-movements-${day.value}.csv`).catch((err) => notify(errorText(err), 'error'));
      },
    }),
  );
  host.append(h('section', { class: 'page' }, h('h2', { i18n: 'port.movements' }), h('p', { class: 'hint', i18n: 'port.movementsHint' }), form, body));

  let vessels: VesselPortLog[] = [];
  function render(): void {
    const rows = vessels
      .flatMap((v) => v.movements.map((m) => ({ v, m })))
      .sort((a, b) => a.m.at.localeCompare(b.m.at) || a.v.mmsi - b.v.mmsi)
      .map(({ v, m }) =>
        h(
          'tr',
          { 'data-testid': 'movement' },
          h('td', {}, data(v.name ?? String(v.mmsi)), ' ', h('small', {}, data(v.mmsi))),
          h('td', { i18n: m.kind === 'departure' ? 'port.departure' : 'port.arrival' }),
          h('td', {}, data(pick(m.zoneName))),
          h('td', {}, data(formatLocal(m.at))),
        ),
      );
    body.replaceChildren(
      rows.length
        ? h('table', { class: 'alerts-table' }, h('thead', {}, h('tr', {}, ...(['port.vessel', 'port.movement', 'port.port', 'port.time'] as const).map((k) => h('th', { i18n: k })))), h('tbody', {}, ...rows))
        : h('p', { i18n: 'port.noMovements' }),
    );
  }
  /** The chosen Beijing-time day as [from, to) in UTC. */
  function dayWindow(): { from: string; to: string } | null {
    const from = fromLocalInput(`${day.value}T00:00`);
    return from ? { from, to: new Date(Date.parse(from) + DAY_MS).toISOString() } : null;
  }
  async function load(): Promise<void> {
    const w = dayWindow();
    if (!w) return;
    try {
      vessels = (await api.portMovements(w.from, w.to)).vessels;
      render();
    } catch (err) {
      notify(errorText(err), 'error');
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  void load();
  return onLangChange(render);
}
