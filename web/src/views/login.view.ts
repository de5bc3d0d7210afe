import { api, ApiError } from '../api/api-client.js';
import type { Unmount } from '../app/context.js';
import { t } from '../i18n/i18n.js';
import { h } from '../ui/dom.js';

export function mountLogin(main: HTMLElement): Unmount {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, id: 'login-username' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, id: 'login-password' });
  const submit = h('button', { type: 'submit', class: 'primary', i18n: 'login.submit' });
  const form = h(
    'form',
    { class: 'login card', 'aria-labelledby': 'login-title' },
    h('h2', { id: 'login-title', i18n: 'login.title' }),
    h('label', { class: 'field', for: 'login-username' }, h('span', { i18n: 'login.username' }), username),
    h('label', { class: 'field', for: 'login-password' }, h('span', { i18n: 'login.password' }), password),
    error,
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    api
      .login(username.value.trim(), password.value)
      .catch((err: unknown) => {
        const key = err instanceof ApiError ? (err.status === 401 ? 'login.failed' : err.status === 429 ? 'login.rateLimited' : 'login.error') : 'login.error';
        error.dataset.i18n = key;
        error.textContent = t(key);
        error.hidden = false;
      })
      .finally(() => (submit.disabled = false));
  });
  main.append(h('div', { class: 'login-wrap' }, form));
  username.focus();
  return () => undefined;
}
