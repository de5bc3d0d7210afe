import type { Role } from '@seawarden/contracts';
import type { MessageKey } from '../i18n/i18n.js';

export type ViewName = 'operator' | 'inspector' | 'port' | 'admin';

export const VIEW_LABELS: Record<ViewName, MessageKey> = { operator: 'nav.operator', inspector: 'nav.inspector', port: 'nav.port', admin: 'nav.admin' };

/** Which views a role may open, the first being its home. Deny by default. */
export function viewsForRole(role: Role): ViewName[] {
  switch (role) {
    case 'operator':
      return ['operator'];
    case 'inspector':
      return ['inspector', 'operator'];
    case 'port_office':
      return ['port'];
    case 'admin':
      return ['operator', 'inspector', 'port', 'admin'];
    default:
      return [];
  }
}

export interface Route {
  view: ViewName | 'login';
  /** Alert id for the inspector's alert page. */
  alertId?: string;
}

/** Parses the location hash: #/login, #/operator, #/inspector, #/inspector/alert/<id>, #/port, #/admin. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'inspector' && parts[1] === 'alert' && parts[2]) return { view: 'inspector', alertId: parts[2] };
  if (parts[0] === 'operator' || parts[0] === 'inspector' || parts[0] === 'port' || parts[0] === 'admin' || parts[0] === 'login') return { view: parts[0] };
  return { view: 'login' };
}

/** Where a signed-in user lands for a route: the route if the role allows it, else its home. */
export function resolveRoute(route: Route, role: Role | null): Route {
  if (!role) return { view: 'login' };
  const views = viewsForRole(role);
  if (route.view !== 'login' && views.includes(route.view)) return route;
  return { view: views[0] ?? 'login' };
}
