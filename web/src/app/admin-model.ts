import type { Role, UserPublic } from '@seawarden/contracts';
import type { ZoneCollection } from '../api/api-client.js';
import type { MessageKey } from '../i18n/i18n.js';

/** Pure helpers of the admin view: zone counts, uploaded files, user form checks, the user list. */

/** Zones per kind, most first (ties by kind), for the "current zones" summary. */
export function zoneCountsByKind(fc: Pick<ZoneCollection, 'features'> | null | undefined): { kind: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const f of fc?.features ?? []) {
    const kind = String(f.properties?.kind ?? '');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

/** The jurisdiction zones a port office may be bound to: id and bilingual name. */
export function jurisdictionZones(fc: Pick<ZoneCollection, 'features'> | null | undefined): { id: string; name: { zh: string; en: string } | null }[] {
  return (fc?.features ?? [])
    .filter((f) => f.properties?.kind === 'jurisdiction' && typeof f.properties.id === 'string')
    .map((f) => ({ id: f.properties.id, name: f.properties.name ?? null }));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** An uploaded JSON file: the parsed value, or the parser's message (shown before anything is sent). */
export function parseJsonFile(text: string): Parsed<unknown> {
  if (text.trim() === '') return { ok: false, message: 'empty file' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** The feature a zone upload error names (the server's featureIndex), else null. */
export function featureIndexOf(details: Record<string, unknown> | undefined): number | null {
  const i = details?.featureIndex;
  return typeof i === 'number' && Number.isInteger(i) && i >= 0 ? i : null;
}

export interface NewUserForm {
  username: string;
  password: string;
  role: Role;
  jurisdictions: string[];
}

/** The server's own rules (users.controller), checked before sending so the form can point at the field. */
export function newUserProblem(f: NewUserForm): { field: 'username' | 'password' | 'jurisdictions'; key: MessageKey } | null {
  if (!/^[A-Za-z0-9._@-]{3,64}$/.test(f.username)) return { field: 'username', key: 'admin.users.badUsername' };
  if (f.password.length < 8 || f.password.length > 200) return { field: 'password', key: 'admin.users.badPassword' };
  if (f.role === 'port_office' && f.jurisdictions.length === 0) return { field: 'jurisdictions', key: 'admin.users.needJurisdiction' };
  return null;
}

export interface UserRow extends UserPublic {
  disabled: boolean;
}

/** The accounts as listed (the server includes the disabled ones, flagged), by username. */
export function userRows(users: UserPublic[]): UserRow[] {
  return users.map((u) => ({ ...u, disabled: u.disabled === true })).sort((a, b) => a.username.localeCompare(b.username));
}

/** Calendars in a ban-calendars document ({ calendars: [...] }), or null when it has no such list. */
export function calendarCount(doc: unknown): number | null {
  const list = (doc as { calendars?: unknown } | null)?.calendars;
  return Array.isArray(list) ? list.length : null;
}
