import { ROLES, ZONE_KINDS, type Role, type UserPublic } from '@seawarden/contracts';
import { api, ApiError, downloadFile, type ImportReport, type RegistryImportMode, type ZoneCollection } from '../api/api-client.js';
import { calendarCount, featureIndexOf, jurisdictionZones, newUserProblem, parseJsonFile, userRows, zoneCountsByKind } from '../app/admin-model.js';
import type { Unmount, ViewContext } from '../app/context.js';
import { errorText } from '../app/errors.js';
import { zoneName } from '../app/zone-names.js';
import { onLangChange, pick, t, type MessageKey } from '../i18n/i18n.js';
import { card, data, h } from '../ui/dom.js';
import { closuresCard } from './admin-closures.js';

/** Shown at most per registry import; the rest is counted. */
const MAX_ROW_ERRORS = 200;
const IMPORT_MODES: RegistryImportMode[] = ['merge', 'replace'];

export interface AdminHooks {
  /** The zones changed on the server: other views must load them again. */
  zonesChanged: () => void;
}

/**
 * Administration: zones and ban calendars (file upload → PUT), vessel registry CSV import,
 * user accounts. Every server refusal is shown with its own message (feature index, path, line).
 */
export function mountAdmin(main: HTMLElement, ctx: ViewContext, hooks: AdminHooks): Unmount {
  let zones: ZoneCollection | null = null;
  let alive = true;
  const page = h('section', { class: 'page admin', 'aria-labelledby': 'admin-title' }, h('h2', { id: 'admin-title', i18n: 'admin.title' }));
  main.append(page);

  // ---- shared pieces ----
  let pickerSeq = 0;
  /** A file input behind a translated label-button (the native button's text is the browser's, not ours). */
  function filePicker(testid: string, label: MessageKey, accept: string, onFile: (text: string) => Promise<void>): HTMLElement {
    const id = `admin-file-${++pickerSeq}`;
    const input = h('input', { type: 'file', id, accept, class: 'file-input', 'data-testid': testid });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return;
      input.disabled = true;
      void file
        .text()
        .then(onFile)
        .finally(() => {
          input.disabled = false;
          input.value = ''; // the same file can be chosen again after fixing it
        });
    });
    return h('span', { class: 'file-pick' }, input, h('label', { for: id, class: 'button file-button', i18n: label }));
  }

  const resultBox = (testid: string) => h('div', { class: 'admin-result', role: 'status', 'aria-live': 'polite', 'data-testid': testid });
  const ok = (key: MessageKey, value: number) => h('p', { class: 'ok', 'data-kind': 'ok' }, h('span', { i18n: key }), ': ', data(value, 'strong'));
  /** The server's refusal: a translated head, then its message as data (it names the feature, path or field). */
  function refusal(err: unknown, extra?: HTMLElement | null): HTMLElement {
    if (!(err instanceof ApiError) || err.status !== 400) return h('p', { class: 'form-error', 'data-kind': 'error' }, errorText(err));
    return h('p', { class: 'form-error', 'data-kind': 'error' }, h('span', { i18n: 'admin.refused' }), ' ', extra ?? null, data(err.message));
  }
  const notJson = (message: string) => h('p', { class: 'form-error', 'data-kind': 'error' }, h('span', { i18n: 'admin.notJson' }), ': ', data(message));
  /**
   * A picked JSON file PUT to the server: the saved count in `box` (then `onSaved`), or why it
   * was refused, headed by `refusalHead` when the refusal names a part of the file.
   */
  async function putJsonFile(
    box: HTMLElement, text: string, put: (body: unknown) => Promise<{ count: number }>, saved: MessageKey,
    onSaved: (count: number) => unknown, refusalHead?: (err: unknown) => HTMLElement | null,
  ): Promise<void> {
    const parsed = parseJsonFile(text);
    if (!parsed.ok) return void box.replaceChildren(notJson(parsed.message));
    box.replaceChildren(h('p', { i18n: 'admin.uploading' }));
    try {
      const { count } = await put(parsed.value);
      box.replaceChildren(ok(saved, count));
      await onSaved(count);
    } catch (err) {
      box.replaceChildren(refusal(err, refusalHead?.(err)));
    }
  }

  // ---- zones ----
  const zoneSummary = h('ul', { class: 'kind-counts', 'data-testid': 'zone-counts' });
  const zoneTotal = data('…', 'strong');
  const zonesResult = resultBox('zones-result');
  page.append(
    card(
      'admin-zones',
      'admin.zones.title',
      h('p', {}, h('span', { i18n: 'admin.zones.total' }), ': ', zoneTotal),
      zoneSummary,
      h('p', { class: 'hint', i18n: 'admin.zones.hint' }),
      h(
        'div',
        { class: 'toolbar' },
        filePicker('zones-file', 'admin.zones.upload', '.geojson,.json,application/geo+json,application/json', uploadZones),
        h('button', { type: 'button', i18n: 'admin.zones.download', onclick: () => void downloadFile('/api/zones', 'zones.geojson').catch((e) => ctx.notify(errorText(e), 'error')) }),
      ),
      zonesResult,
    ),
  );

  const closures = closuresCard(ctx, async () => {
    hooks.zonesChanged();
    await loadZones();
  });
  page.append(closures.el);

  function renderZones(): void {
    closures.render(zones);
    zoneTotal.textContent = zones ? String(zones.features.length) : '—';
    zoneSummary.replaceChildren(
      ...zoneCountsByKind(zones).map(({ kind, count }) =>
        h('li', { 'data-kind': kind }, (ZONE_KINDS as readonly string[]).includes(kind) ? h('span', { i18n: `zoneKind.${kind}` as MessageKey }) : data(kind), ': ', data(count, 'strong')),
      ),
    );
  }

  async function loadZones(): Promise<void> {
    try {
      zones = await api.zones();
    } catch (err) {
      ctx.notify(errorText(err), 'error');
    }
    if (!alive) return;
    renderZones();
    renderJurisdictionChoices();
  }

  function uploadZones(text: string): Promise<void> {
    return putJsonFile(zonesResult, text, api.putZones, 'admin.zones.saved', async () => {
      hooks.zonesChanged();
      await loadZones();
    }, (err) => {
      const idx = err instanceof ApiError ? featureIndexOf(err.details) : null;
      return idx === null ? null : h('span', {}, h('span', { i18n: 'admin.zones.feature' }), ' ', data(idx, 'strong'), ' · ');
    });
  }

  // ---- ban calendars ----
  const calCount = data('…', 'strong');
  const calResult = resultBox('calendars-result');
  page.append(
    card(
      'admin-calendars',
      'admin.calendars.title',
      h('p', {}, h('span', { i18n: 'admin.calendars.current' }), ': ', calCount),
      h('p', { class: 'hint', i18n: 'admin.calendars.hint' }),
      h(
        'div',
        { class: 'toolbar' },
        filePicker('calendars-file', 'admin.calendars.upload', '.json,application/json', uploadCalendars),
        h('button', { type: 'button', i18n: 'admin.calendars.download', onclick: () => void downloadFile('/api/calendars', 'calendars.json').catch((e) => ctx.notify(errorText(e), 'error')) }),
      ),
      calResult,
    ),
  );

  async function loadCalendars(): Promise<void> {
    try {
      const n = calendarCount(await api.calendars());
      calCount.textContent = n === null ? '—' : String(n);
    } catch (err) {
      ctx.notify(errorText(err), 'error');
    }
  }

  function uploadCalendars(text: string): Promise<void> {
    return putJsonFile(calResult, text, api.putCalendars, 'admin.calendars.saved', (count) => {
      calCount.textContent = String(count);
    });
  }

  // ---- vessel registry ----
  const regTotal = data('…', 'strong');
  const regResult = resultBox('registry-result');
  const modeSelect = h('select', { id: 'registry-mode', 'data-testid': 'registry-mode' });
  for (const m of IMPORT_MODES) modeSelect.append(h('option', { value: m, i18n: `admin.registry.mode.${m}` as MessageKey }));
  page.append(
    card(
      'admin-registry',
      'admin.registry.title',
      h('p', {}, h('span', { i18n: 'admin.registry.total' }), ': ', regTotal),
      h('p', { class: 'hint', i18n: 'admin.registry.hint' }),
      h(
        'div',
        { class: 'toolbar' },
        h('label', { class: 'field' }, h('span', { i18n: 'admin.registry.mode' }), modeSelect),
        filePicker('registry-file', 'admin.registry.upload', '.csv,text/csv', importRegistry),
      ),
      regResult,
    ),
  );

  async function loadRegistryTotal(): Promise<void> {
    try {
      regTotal.textContent = String((await api.registryCount()).total);
    } catch (err) {
      ctx.notify(errorText(err), 'error');
    }
  }

  function importReport(r: ImportReport): HTMLElement[] {
    const out: HTMLElement[] = [
      h('p', { class: r.rejected ? 'form-error' : 'ok', 'data-kind': r.rejected ? 'partial' : 'ok' }, h('span', { i18n: 'admin.registry.imported' }), ': ', data(r.imported, 'strong'), ' · ', h('span', { i18n: 'admin.registry.rejected' }), ': ', data(r.rejected, 'strong')),
    ];
    if (r.errors.length) {
      const body = h('tbody', {});
      for (const e of r.errors.slice(0, MAX_ROW_ERRORS)) body.append(h('tr', {}, data(e.line, 'td'), data(e.row, 'td'), data(e.field ?? '', 'td'), data(e.message, 'td')));
      out.push(
        h(
          'table',
          { class: 'alerts-table', 'data-testid': 'registry-errors' },
          h('thead', {}, h('tr', {}, h('th', { i18n: 'admin.registry.line' }), h('th', { i18n: 'admin.registry.row' }), h('th', { i18n: 'admin.registry.field' }), h('th', { i18n: 'admin.registry.reason' }))),
          body,
        ),
      );
      if (r.errors.length > MAX_ROW_ERRORS) out.push(h('p', { class: 'hint' }, h('span', { i18n: 'admin.registry.more' }), ': ', data(r.errors.length - MAX_ROW_ERRORS)));
    }
    return out;
  }

  async function importRegistry(text: string): Promise<void> {
    const mode = modeSelect.value as RegistryImportMode;
    if (mode === 'replace' && !window.confirm(t('admin.registry.replaceConfirm'))) return;
    regResult.replaceChildren(h('p', { i18n: 'admin.uploading' }));
    try {
      regResult.replaceChildren(...importReport(await api.importRegistry(text, mode)));
      await loadRegistryTotal();
    } catch (err) {
      regResult.replaceChildren(refusal(err));
    }
  }

  // ---- users ----
  let users: UserPublic[] = [];
  let usersLoaded = false;
  const usersBody = h('tbody', { 'data-testid': 'users-tbody' }, h('tr', {}, h('td', { colspan: 5, class: 'empty', i18n: 'common.loading' })));
  const username = h('input', { id: 'new-user-name', name: 'username', autocomplete: 'off', required: true, 'data-testid': 'new-user-name' });
  const password = h('input', { id: 'new-user-password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, 'data-testid': 'new-user-password' });
  const roleSelect = h('select', { id: 'new-user-role', name: 'role', 'data-testid': 'new-user-role' });
  for (const r of ROLES) roleSelect.append(h('option', { value: r, i18n: `role.${r}` as MessageKey }));
  const jurChoices = h('div', { class: 'checks' });
  const jurField = h('fieldset', { class: 'jur-choices', 'data-testid': 'new-user-jurisdictions', hidden: true }, h('legend', { i18n: 'admin.users.jurisdictions' }), jurChoices);
  const formError = h('p', { class: 'form-error', role: 'alert' });
  roleSelect.addEventListener('change', () => (jurField.hidden = roleSelect.value !== 'port_office'));

  function renderJurisdictionChoices(): void {
    const picked = new Set([...jurChoices.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value));
    const list = jurisdictionZones(zones);
    jurChoices.replaceChildren(
      ...(list.length
        ? list.map((z) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'jurisdictions', value: z.id, checked: picked.has(z.id) }), h('span', { translate: 'no' }, pick(z.name) || z.id)))
        : [h('span', { class: 'hint', i18n: 'admin.users.noJurisdictions' })]),
    );
  }

  const form = h(
    'form',
    { class: 'user-form', 'data-testid': 'new-user-form', 'aria-labelledby': 'admin-new-user' },
    h('h4', { id: 'admin-new-user', i18n: 'admin.users.new' }),
    h('div', { class: 'filters' }, h('label', { class: 'field' }, h('span', { i18n: 'login.username' }), username), h('label', { class: 'field' }, h('span', { i18n: 'login.password' }), password), h('label', { class: 'field' }, h('span', { i18n: 'admin.users.role' }), roleSelect)),
    jurField,
    formError,
    h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'primary', i18n: 'admin.users.create', 'data-testid': 'new-user-submit' })),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const role = roleSelect.value as Role;
    const body = {
      username: username.value.trim(),
      password: password.value,
      role,
      jurisdictions: role === 'port_office' ? [...jurChoices.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value) : [],
    };
    const problem = newUserProblem(body);
    if (problem) {
      formError.replaceChildren(h('span', { i18n: problem.key }));
      ({ username, password, jurisdictions: jurChoices.querySelector('input') ?? roleSelect } as const)[problem.field].focus();
      return;
    }
    formError.replaceChildren();
    api
      .createUser(body)
      .then((u) => {
        ctx.notify(t('admin.users.created'));
        form.reset();
        jurField.hidden = true;
        users = [...users.filter((x) => x.id !== u.id), u];
        renderUsers();
      })
      .catch((err) => formError.replaceChildren(err instanceof ApiError && (err.status === 400 || err.status === 409) ? refusal(err) : h('span', {}, errorText(err))));
  });

  page.append(
    card(
      'admin-users',
      'admin.users.title',
      h(
        'table',
        { class: 'alerts-table users-table' },
        h('thead', {}, h('tr', {}, h('th', { i18n: 'login.username' }), h('th', { i18n: 'admin.users.role' }), h('th', { i18n: 'admin.users.jurisdictions' }), h('th', { i18n: 'admin.users.disabled' }), h('th', { i18n: 'admin.users.actions' }))),
        usersBody,
      ),
      form,
    ),
  );

  function renderUsers(): void {
    if (!usersLoaded) return;
    const rows = userRows(users);
    if (!rows.length) return void usersBody.replaceChildren(h('tr', {}, h('td', { colspan: 5, class: 'empty', i18n: 'common.none' })));
    usersBody.replaceChildren(
      ...rows.map((u) => {
        const self = u.id === ctx.user.id;
        const toggle = self
          ? h('span', { class: 'hint', i18n: 'admin.users.you' })
          : h('button', { type: 'button', class: u.disabled ? '' : 'danger', 'data-testid': u.disabled ? 'user-enable' : 'user-disable', i18n: u.disabled ? 'admin.users.enable' : 'admin.users.disable', onclick: () => void setDisabled(u, !u.disabled) });
        return h(
          'tr',
          { 'data-testid': 'user-row', 'data-username': u.username, 'data-disabled': u.disabled ? '1' : '0' },
          data(u.username, 'td'),
          h('td', {}, h('span', { i18n: `role.${u.role}` as MessageKey })),
          h('td', { translate: 'no', title: u.jurisdictions.join(', ') || undefined }, u.jurisdictions.map((id) => zoneName(zones, id)).join(', ') || '—'),
          h('td', {}, h('span', { i18n: u.disabled ? 'common.yes' : 'common.no' })),
          h('td', {}, toggle),
        );
      }),
    );
  }

  async function setDisabled(u: UserPublic, disabled: boolean): Promise<void> {
    try {
      const updated = await api.setUserDisabled(u.id, disabled);
      users = [...users.filter((x) => x.id !== u.id), { ...updated, disabled }];
      ctx.notify(t(disabled ? 'admin.users.disabledDone' : 'admin.users.enabledDone'));
      renderUsers();
    } catch (err) {
      ctx.notify(errorText(err), 'error');
    }
  }

  async function loadUsers(): Promise<void> {
    try {
      users = await api.users();
      usersLoaded = true;
      if (alive) renderUsers();
    } catch (err) {
      ctx.notify(errorText(err), 'error');
    }
  }

  void loadZones().then(() => alive && renderUsers());
  void loadCalendars();
  void loadRegistryTotal();
  void loadUsers();

  // Zone names in the user list and the jurisdiction choices follow the language.
  const offLang = onLangChange(() => {
    renderJurisdictionChoices();
    renderUsers();
  });
  return () => {
    alive = false;
    offLang();
  };
}
