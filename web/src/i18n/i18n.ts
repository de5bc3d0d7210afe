import { en } from './en.js';
import { zhCN, type Dictionary, type MessageKey } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };

export const DICTIONARIES: Record<Lang, Dictionary> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'seawarden.lang';

let current: Lang = readStoredLang();
const listeners = new Set<(lang: Lang) => void>();

function readStoredLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function lang(): Lang {
  return current;
}

export function t(key: MessageKey, l: Lang = current): string {
  return DICTIONARIES[l][key];
}

/** Picks the side of a bilingual server value ({zh, en}) for the current language. */
export function pick(r: { zh: string; en: string } | null | undefined, l: Lang = current): string {
  if (!r) return '';
  return l === 'en' ? r.en : r.zh;
}

export function setLang(l: Lang): void {
  if (l === current) return;
  current = l;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
  } catch {
    /* storage may be disabled: the choice then lasts for the page only */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l;
  for (const fn of listeners) fn(l);
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * Fills the static strings of a subtree: [data-i18n] → text, [data-i18n-title],
 * [data-i18n-placeholder], [data-i18n-aria] → attributes.
 */
export function applyI18n(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder as MessageKey));
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria]'))
    el.setAttribute('aria-label', t(el.dataset.i18nAria as MessageKey));
}
