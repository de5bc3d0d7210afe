import './styles.css';
import { api } from './api/api-client.js';
import { getSession, onSessionChange } from './api/session.js';
import type { ViewContext, Unmount } from './app/context.js';
import { parseRoute, resolveRoute, viewsForRole, VIEW_LABELS } from './app/roles.js';
import { applyI18n, lang, onLangChange, setLang, t } from './i18n/i18n.js';
import { LiveConnection, type ConnectionState } from './live/live-socket.js';
import { h } from './ui/dom.js';
import { mountAdmin } from './views/admin.view.js';
import { mountInspectorAlert } from './views/inspector-alert.view.js';
import { mountInspectorList } from './views/inspector-list.view.js';
import { mountLogin } from './views/login.view.js';
import { mountOperator } from './views/operator.view.js';
import { mountPortOffice } from './views/port-office.view.js';
import type { ZoneCollection } from './api/api-client.js';

const root = document.getElementById('app')!;
document.documentElement.lang = lang();
document.title = t('app.title');

let live: LiveConnection | null = null;
let unmount: Unmount | null = null;
let zonesPromise: Promise<ZoneCollection> | null = null;
const configPromise = api.config();

const CONN_KEYS = { connected: 'conn.connected', connecting: 'conn.connecting', disconnected: 'conn.disconnected' } as const;

function header(ctx: ViewContext | null, active: string): HTMLElement {
  const nav = h('nav', { class: 'nav', 'data-i18n-aria': 'app.title', 'aria-label': t('app.title') });
  if (ctx) {
    for (const v of viewsForRole(ctx.user.role)) {
      nav.append(h('a', { href: `#/${v}`, class: v === active ? 'active' : '', 'aria-current': v === active ? 'page' : undefined, i18n: VIEW_LABELS[v] }));
    }
  }
  const status = h('span', { class: 'conn', role: 'status', 'aria-live': 'polite', 'data-testid': 'conn-status' });
  if (ctx) {
    const paint = (s: ConnectionState) => {
      status.dataset.state = s;
      status.dataset.i18n = CONN_KEYS[s];
      status.textContent = t(CONN_KEYS[s]);
    };
    ctx.live.onState(paint);
  }
  // Names the language it switches to, in that language (marked with its lang attribute).
  const langBtn = h('button', {
    type: 'button', class: 'lang', 'data-testid': 'lang-switch', i18n: 'app.lang.switch', 'data-i18n-title': 'app.lang', title: t('app.lang'),
    lang: lang() === 'en' ? 'zh-CN' : 'en',
    onclick: () => setLang(lang() === 'en' ? 'zh-CN' : 'en'),
  });
  const right = h('div', { class: 'header-right' }, ctx ? status : null, langBtn);
  if (ctx) {
    right.append(
      h('span', { class: 'user' }, h('span', { translate: 'no' }, ctx.user.username), ' · ', h('span', { i18n: `role.${ctx.user.role}` })),
      h('button', { type: 'button', i18n: 'app.logout', onclick: () => void api.logout() }),
    );
  }
  return h('header', { class: 'app-header' }, h('a', { class: 'skip', href: '#main', i18n: 'app.skip', onclick: (e: Event) => { e.preventDefault(); document.getElementById('main')?.focus(); } }), h('h1', { i18n: 'app.title' }), nav, right);
}

function notice(): { el: HTMLElement; notify: ViewContext['notify'] } {
  const el = h('div', { class: 'notice', role: 'alert', hidden: true });
  let timer = 0;
  return {
    el,
    notify(text, kind = 'info') {
      el.textContent = text;
      el.dataset.kind = kind;
      el.hidden = false;
      clearTimeout(timer);
      timer = window.setTimeout(() => (el.hidden = true), kind === 'error' ? 8000 : 3000);
    },
  };
}

async function render(): Promise<void> {
  unmount?.();
  unmount = null;
  const session = getSession();
  const route = resolveRoute(parseRoute(location.hash), session?.user.role ?? null);
  const wanted = route.view === 'login' ? '#/login' : route.alertId ? `#/inspector/alert/${encodeURIComponent(route.alertId)}` : `#/${route.view}`;
  if (location.hash !== wanted) {
    history.replaceState(null, '', wanted);
  }
  const main = h('main', { id: 'main', tabindex: '-1' });
  if (!session || route.view === 'login') {
    live?.close();
    live = null;
    zonesPromise = null;
    root.replaceChildren(header(null, 'login'), main);
    unmount = mountLogin(main);
    return;
  }
  live ??= new LiveConnection();
  zonesPromise ??= api.zones().catch(() => ({ type: 'FeatureCollection', features: [] }) as ZoneCollection);
  const n = notice();
  const ctx: ViewContext = { user: session.user, live, config: await configPromise, zones: () => zonesPromise!, notify: n.notify };
  root.replaceChildren(header(ctx, route.view), n.el, main);
  if (route.view === 'operator') unmount = mountOperator(main, ctx);
  else if (route.view === 'inspector') unmount = route.alertId ? mountInspectorAlert(main, ctx, route.alertId) : mountInspectorList(main, ctx);
  else if (route.view === 'admin')
    unmount = mountAdmin(main, ctx, {
      // New zones on the server: the map and zone names of the other views load them again.
      zonesChanged: () => (zonesPromise = api.zones().catch(() => ({ type: 'FeatureCollection', features: [] }) as ZoneCollection)),
    });
  else unmount = mountPortOffice(main, ctx);
}

window.addEventListener('hashchange', () => void render());
onSessionChange((s) => {
  // Token rotation keeps the view; only signing in or out re-renders.
  const signedIn = !!s;
  const shown = root.dataset.signedIn === '1';
  root.dataset.signedIn = signedIn ? '1' : '0';
  if (signedIn !== shown) {
    if (!signedIn) history.replaceState(null, '', '#/login');
    void render();
  }
});
onLangChange((l) => {
  document.title = t('app.title');
  document.querySelector('[data-testid=lang-switch]')?.setAttribute('lang', l === 'en' ? 'zh-CN' : 'en');
  applyI18n(document);
});
root.dataset.signedIn = getSession() ? '1' : '0';
void render();
