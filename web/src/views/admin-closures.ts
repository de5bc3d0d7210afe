import type { ZoneCollection } from '../api/api-client.js';
import { api } from '../api/api-client.js';
import type { ViewContext } from '../app/context.js';
import { errorText } from '../app/errors.js';
import { zoneName } from '../app/zone-names.js';
import { pick, t } from '../i18n/i18n.js';
import { formatTime, fromLocalInput } from '../time/format-time.js';
import { card, data, h } from '../ui/dom.js';

/**
 * Temporary closures (typhoon sailing bans and the like): declared over the area of an existing
 * zone for a window in Beijing time, listed with their window, lifted early. The server adds
 * them to the zones as `temporary_closure` features; `changed` reloads the zones afterwards.
 */
export function closuresCard(ctx: ViewContext, changed: () => Promise<void>): { el: HTMLElement; render: (zones: ZoneCollection | null) => void } {
  let zones: ZoneCollection | null = null;
  const area = h('select', { id: 'closure-area', required: true, 'data-testid': 'closure-area' });
  const nameZh = h('input', { id: 'closure-name-zh', required: true, maxlength: 200, 'data-testid': 'closure-name-zh' });
  const nameEn = h('input', { id: 'closure-name-en', required: true, maxlength: 200, 'data-testid': 'closure-name-en' });
  const from = h('input', { id: 'closure-from', type: 'datetime-local', required: true, 'data-testid': 'closure-from' });
  const to = h('input', { id: 'closure-to', type: 'datetime-local', required: true, 'data-testid': 'closure-to' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const list = h('tbody', { 'data-testid': 'closures-tbody' });
  const field = (id: string, label: Parameters<typeof t>[0], input: HTMLElement) => h('label', { class: 'field', for: id }, h('span', { i18n: label }), input);

  const form = h(
    'form',
    { class: 'closure-form', 'data-testid': 'closure-form', onsubmit: (e: Event) => (e.preventDefault(), void declare()) },
    field('closure-area', 'admin.closures.area', area),
    field('closure-name-zh', 'admin.closures.nameZh', nameZh),
    field('closure-name-en', 'admin.closures.nameEn', nameEn),
    field('closure-from', 'admin.closures.from', from),
    field('closure-to', 'admin.closures.to', to),
    h('button', { type: 'submit', 'data-testid': 'closure-submit', i18n: 'admin.closures.declare' }),
    error,
  );
  const el = card(
    'admin-closures',
    'admin.closures.title',
    h('p', { class: 'hint', i18n: 'admin.closures.hint' }),
    form,
    h('table', {}, h('thead', {}, h('tr', {}, h('th', { i18n: 'admin.closures.name' }), h('th', { i18n: 'admin.closures.area' }), h('th', { i18n: 'admin.closures.window' }), h('th', { i18n: 'admin.users.actions' }))), list),
  );

  function render(next: ZoneCollection | null): void {
    zones = next;
    const picked = area.value;
    area.replaceChildren(
      ...(zones?.features ?? [])
        .filter((z) => z.properties.kind !== 'temporary_closure')
        .map((z) => h('option', { value: z.properties.id, translate: 'no' }, pick(z.properties.name) || z.properties.id)),
    );
    if (picked) area.value = picked;
    const closures = (zones?.features ?? []).filter((z) => z.properties.kind === 'temporary_closure');
    if (!closures.length) return void list.replaceChildren(h('tr', {}, h('td', { colspan: 4, class: 'empty', i18n: 'common.none' })));
    list.replaceChildren(
      ...closures.map((z) =>
        h(
          'tr',
          { 'data-testid': 'closure-row', 'data-zone-id': z.properties.id },
          data(pick(z.properties.name) || z.properties.id, 'td'),
          data(zoneName(zones, typeof z.properties.area === 'string' ? z.properties.area : null), 'td'),
          data(`${formatTime(z.properties.validFrom)} – ${formatTime(z.properties.validTo)}`, 'td'),
          h('td', {}, h('button', { type: 'button', class: 'danger', 'data-testid': 'closure-lift', i18n: 'admin.closures.lift', onclick: () => void lift(z.properties.id) })),
        ),
      ),
    );
  }

  async function declare(): Promise<void> {
    error.textContent = '';
    const validFrom = fromLocalInput(from.value);
    const validTo = fromLocalInput(to.value);
    if (!validFrom || !validTo || Date.parse(validFrom) >= Date.parse(validTo)) return void (error.textContent = t('admin.closures.badWindow'));
    try {
      await api.declareClosure({ area: area.value, name: { zh: nameZh.value.trim(), en: nameEn.value.trim() }, validFrom, validTo });
      ctx.notify(t('admin.closures.declared'));
      form.reset();
      await changed();
    } catch (err) {
      error.textContent = errorText(err);
    }
  }

  async function lift(id: string): Promise<void> {
    try {
      await api.liftClosure(id);
      ctx.notify(t('admin.closures.lifted'));
      await changed();
    } catch (err) {
      ctx.notify(errorText(err), 'error');
    }
  }

  return { el, render };
}
