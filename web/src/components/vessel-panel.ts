import type { Alert, VesselSnapshot } from '@seawarden/contracts';
import type { RegistryEntry } from '../api/api-client.js';
import { pick, type MessageKey } from '../i18n/i18n.js';
import { formatTime } from '../time/format-time.js';
import { data, h } from '../ui/dom.js';

function row(key: MessageKey, value: Node | string): HTMLElement[] {
  return [h('dt', { i18n: key }), h('dd', {}, value)];
}

function fmtNum(n: number | null | undefined, digits = 1): string | null {
  return n === null || n === undefined ? null : n.toFixed(digits);
}

/**
 * The vessel's data and, when opened from an alert, the alert's reasons and evidence.
 * Rebuilt on language change by its owner (it holds translated values of data).
 */
export function vesselPanel(opts: {
  mmsi: number;
  vessel: VesselSnapshot | null;
  registry: RegistryEntry | null;
  alert?: Alert | null;
  zoneName: (id: string | null) => string;
  onClose: () => void;
}): HTMLElement {
  const v = opts.vessel;
  const dl = h('dl', { class: 'kv' });
  const unit = (key: MessageKey) => h('span', { i18n: key });
  dl.append(
    ...row('vessel.mmsi', data(opts.mmsi)),
    ...row('vessel.name', data(v?.name ?? opts.registry?.name)),
    ...row('vessel.callsign', data(v?.callsign)),
    ...row('vessel.imo', data(v?.imo)),
    ...row('vessel.category', v ? h('span', { i18n: `category.${v.category}` }) : h('span', { i18n: 'common.unknown' })),
    ...row('vessel.shipType', data(v?.shipType)),
    ...row('vessel.class', data(v?.aisClass)),
    ...row('vessel.position', data(v && v.lat !== null && v.lon !== null ? `${v.lat.toFixed(5)}, ${v.lon.toFixed(5)}` : null)),
    ...row('vessel.sog', h('span', {}, data(fmtNum(v?.sog)), ' ', unit('common.knots'))),
    ...row('vessel.cog', h('span', {}, data(fmtNum(v?.cog, 0)), ' ', unit('common.deg'))),
    ...row('vessel.heading', h('span', {}, data(fmtNum(v?.heading, 0)), ' ', unit('common.deg'))),
    ...row('vessel.motion', h('span', { i18n: `motion.${v?.motion ?? 'unknown'}` })),
    ...row('vessel.fixAt', h('span', {}, formatTime(v?.fixAt))),
    ...row('vessel.registered', h('span', { i18n: v?.registered || opts.registry ? 'common.yes' : 'common.no' })),
    ...row('vessel.zones', data((v?.zones ?? []).map((z) => opts.zoneName(z)).join(', '))),
  );
  if (opts.registry) {
    dl.append(...row('vessel.homePort', data(opts.registry.homePort)), ...row('vessel.licensedPassengers', data(opts.registry.licensedPassengers)));
  }
  const panel = h(
    'aside',
    { class: 'vessel-panel card', 'data-testid': 'vessel-panel', 'aria-labelledby': 'vessel-panel-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'vessel-panel-title', i18n: 'vessel.title' }), h('button', { type: 'button', class: 'close', i18n: 'common.close', onclick: opts.onClose })),
    dl,
  );
  const a = opts.alert;
  if (a) {
    const reasons = h('ul', { class: 'reasons' }, h('li', {}, pick(a.reason)));
    for (const ev of a.evidence) reasons.append(h('li', {}, h('time', { datetime: ev.at }, formatTime(ev.at)), ' ', pick(ev.reason)));
    panel.append(
      h('h3', { i18n: 'alert.reasons' }),
      h('p', {}, h('span', { class: `sev sev-${a.severity}`, i18n: `severity.${a.severity}` }), ' ', h('strong', { i18n: `rule.${a.rule}` }), ' ', h('span', { translate: 'no' }, opts.zoneName(a.zoneId))),
      h('p', {}, h('span', { i18n: 'alert.openedAt' }), ' ', formatTime(a.openedAt)),
      reasons,
    );
  }
  return panel;
}
