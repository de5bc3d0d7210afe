import { ALERT_RULES, SEVERITIES, type AlertRule, type Severity } from '@seawarden/contracts';
import { api, type Subscription } from '../api/api-client.js';
import type { Unmount, ViewContext } from '../app/context.js';
import { errorText } from '../app/errors.js';
import { zoneName } from '../app/zone-names.js';
import { onLangChange, t } from '../i18n/i18n.js';
import { data, h } from '../ui/dom.js';
import { mountInspectorList } from './inspector-list.view.js';
import { mountPortMovements } from './port-movements.js';

/** Port office: its jurisdiction's alerts (the server filters them), live, with acknowledge; the hook-and-line boats' port movements; notification subscriptions. */
export function mountPortOffice(main: HTMLElement, ctx: ViewContext): Unmount {
  const jurisdiction = h('p', { class: 'jurisdiction' }, h('span', { i18n: 'port.jurisdiction' }), ': ', data(ctx.user.jurisdictions.join(', ')));
  main.append(jurisdiction);
  // Names in the current language (again on every switch).
  const names = () =>
    void ctx.zones().then((z) => {
      jurisdiction.replaceChildren(h('span', { i18n: 'port.jurisdiction' }), ': ', h('span', { translate: 'no' }, ctx.user.jurisdictions.map((id) => zoneName(z, id)).join(', ')));
    });
  names();
  const listHost = h('div', {});
  main.append(listHost);
  const unmountList = mountInspectorList(listHost, ctx, {
    title: 'port.title',
    live: true,
    onRowExtra: (a) => {
      if ((a.status ?? 'open') !== 'open') return null;
      const b = h('button', { type: 'button', class: 'ack', 'data-testid': 'ack', i18n: 'feed.ack' });
      b.addEventListener('click', () => {
        b.disabled = true;
        api
          .acknowledge(a.id)
          .then(() => ctx.notify(t('feed.acked')))
          .catch((err) => {
            b.disabled = false;
            ctx.notify(errorText(err), 'error');
          });
      });
      return b;
    },
  });

  const unmountMovements = mountPortMovements(main, ctx.notify);

  const subsList = h('div', { class: 'subs', 'data-testid': 'subscriptions' });
  main.append(h('section', { class: 'page' }, h('h2', { i18n: 'port.subscriptions' }), subsList, h('button', { type: 'button', i18n: 'port.addSub', onclick: () => subsList.prepend(subForm(null)) })));

  function checks(name: string, values: readonly string[], keyOf: (v: string) => string, selected: string[]): HTMLFieldSetElement {
    const fs = h('fieldset', { class: 'checks' });
    for (const v of values) fs.append(h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value: v, checked: selected.includes(v) }), h('span', { i18n: keyOf(v) as never })));
    return fs;
  }

  function subForm(sub: Subscription | null): HTMLElement {
    const name = h('input', { name: 'name', required: true, value: sub?.name ?? '' });
    const webhook = h('input', { name: 'webhookUrl', type: 'url', value: sub?.webhookUrl ?? '', placeholder: 'https://' });
    const secret = h('input', { name: 'secret', type: 'password', autocomplete: 'new-password' });
    const enabled = h('input', { type: 'checkbox', name: 'enabled', checked: sub?.enabled ?? true });
    const rules = checks('rules', ALERT_RULES, (r) => `rule.${r}`, sub?.rules ?? []);
    const sevs = checks('severities', SEVERITIES, (s) => `severity.${s}`, sub?.severities ?? []);
    const form = h(
      'form',
      { class: 'card sub-form' },
      h('label', { class: 'field' }, h('span', { i18n: 'port.subName' }), name),
      h('div', {}, h('h4', { i18n: 'port.subRules' }), rules),
      h('div', {}, h('h4', { i18n: 'port.subSeverities' }), sevs),
      h('label', { class: 'field' }, h('span', { i18n: 'port.webhook' }), webhook),
      h('label', { class: 'field' }, h('span', { i18n: 'port.secret' }), secret),
      h('label', { class: 'check' }, enabled, h('span', { i18n: 'port.enabled' })),
      h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'primary', i18n: 'common.save' }), sub ? h('button', { type: 'button', class: 'danger', i18n: 'port.deleteSub', onclick: () => void remove(sub.id) }) : null),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const picked = (n: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name=${n}]:checked`)].map((i) => i.value);
      const body = {
        name: name.value.trim(),
        rules: picked('rules') as AlertRule[],
        severities: picked('severities') as Severity[],
        webhookUrl: webhook.value.trim() || null,
        enabled: enabled.checked,
        ...(secret.value ? { secret: secret.value } : {}),
      };
      (sub ? api.updateSubscription(sub.id, body) : api.createSubscription(body))
        .then(() => {
          ctx.notify(t('common.saved'));
          void loadSubs();
        })
        .catch((err) => ctx.notify(errorText(err), 'error'));
    });
    return form;
  }

  async function remove(id: string): Promise<void> {
    try {
      await api.deleteSubscription(id);
      await loadSubs();
    } catch (err) {
      ctx.notify(errorText(err), 'error');
    }
  }

  let subs: Subscription[] = [];
  function renderSubs(): void {
    subsList.replaceChildren(...(subs.length ? subs.map(subForm) : [h('p', { i18n: 'port.noSubs' })]));
  }
  async function loadSubs(): Promise<void> {
    try {
      subs = await api.subscriptions();
      renderSubs();
    } catch (err) {
      ctx.notify(errorText(err), 'error');
    }
  }
  void loadSubs();
  const offLang = onLangChange(names);
  return () => {
    unmountList();
    unmountMovements();
    offLang();
  };
}
