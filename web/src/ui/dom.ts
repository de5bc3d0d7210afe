import type { MessageKey } from '../i18n/i18n.js';
import { t } from '../i18n/i18n.js';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null> & { i18n?: MessageKey };

/**
 * Tiny element builder. `i18n: key` sets data-i18n and the translated text (applyI18n
 * refreshes it); `on<event>` attributes become listeners; false/null attributes are skipped.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'i18n') {
      el.dataset.i18n = String(v);
      el.textContent = t(v as MessageKey);
    } else if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    } else if (k === 'class') {
      el.className = String(v);
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A card section with its heading (which labels the section for assistive technology). */
export function card(id: string, title: MessageKey, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h3', { id, i18n: title }), ...children);
}

/** Text that is data, not UI (names, numbers): marked translate="no" so it is never mistaken for a missing translation. */
export function data(text: string | number | null | undefined, tag: 'span' | 'td' | 'dd' | 'strong' = 'span'): HTMLElement {
  const el = document.createElement(tag);
  el.setAttribute('translate', 'no');
  el.textContent = text === null || text === undefined || text === '' ? '—' : String(text);
  return el;
}

/** A <select> whose options are translation keys (value → key), with an "All" option first. */
export function keyedSelect(label: MessageKey, options: readonly string[], keyOf: (v: string) => MessageKey, value: string, onChange: (v: string) => void): HTMLLabelElement {
  const select = h('select', { onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) });
  select.append(h('option', { value: '', i18n: 'common.all' }));
  for (const o of options) select.append(h('option', { value: o, i18n: keyOf(o) }));
  select.value = value;
  return h('label', { class: 'field' }, h('span', { i18n: label }), select);
}

export function clear(el: Element): void {
  el.replaceChildren();
}
