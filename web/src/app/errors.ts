import { ApiError } from '../api/api-client.js';
import { t } from '../i18n/i18n.js';

/** A user-facing message for a failed call: translated by status, with the server's detail. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const head =
      err.status === 0 ? t('error.network') : err.status === 403 ? t('error.forbidden') : err.status === 404 ? t('error.notFound') : err.status === 409 ? t('error.conflict') : t('error.generic');
    return `${head} (${err.status || '—'}): ${err.message}`;
  }
  return `${t('error.generic')}: ${err instanceof Error ? err.message : String(err)}`;
}
