import type { VesselSnapshot } from '@seawarden/contracts';
import { api } from '../api/api-client.js';
import { t } from '../i18n/i18n.js';
import { data, h } from '../ui/dom.js';

/** Search box for MMSI, name or call sign; picking a result calls onPick. */
export function vesselSearch(onPick: (v: VesselSnapshot) => void): HTMLElement {
  const input = h('input', { type: 'search', id: 'vessel-search', 'data-i18n-placeholder': 'search.placeholder', 'data-testid': 'vessel-search', autocomplete: 'off' });
  const results = h('ul', { class: 'search-results', role: 'listbox' });
  let seq = 0;
  let timer = 0;
  const run = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (q.length < 2) {
      results.replaceChildren();
      return;
    }
    const { items } = await api.searchVessels(q).catch(() => ({ items: [] as VesselSnapshot[] }));
    if (mine !== seq) return;
    if (items.length === 0) {
      results.replaceChildren(h('li', { class: 'empty', i18n: 'search.noResults' }));
      return;
    }
    results.replaceChildren(
      ...items.map((v) =>
        h('li', {}, h('button', { type: 'button', onclick: () => { results.replaceChildren(); onPick(v); } }, data(v.name), ' ', data(v.mmsi), ' ', data(v.callsign))),
      ),
    );
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void run(), 250);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') void run();
    if (e.key === 'Escape') results.replaceChildren();
  });
  const el = h('div', { class: 'vessel-search', role: 'search' }, h('label', { for: 'vessel-search', class: 'sr-only', i18n: 'search.label' }), input, results);
  input.setAttribute('placeholder', t('search.placeholder'));
  return el;
}
