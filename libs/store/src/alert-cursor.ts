import { InvalidQueryError } from './errors.js';

/** Keyset position in the alert list (newest first): the last row's opened_at (exact text) and id. */
export interface AlertCursor {
  openedAt: string;
  id: string;
}

export function encodeAlertCursor(c: AlertCursor): string {
  return Buffer.from(JSON.stringify([c.openedAt, c.id])).toString('base64url');
}

export function decodeAlertCursor(cursor: string): AlertCursor {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && !Number.isNaN(Date.parse(v[0]))) {
      return { openedAt: v[0], id: v[1] };
    }
  } catch {
    // fall through
  }
  throw new InvalidQueryError('invalid alert list cursor', { cursor });
}
