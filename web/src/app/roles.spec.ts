import { describe, expect, it } from 'vitest';
import { parseRoute, resolveRoute, viewsForRole } from './roles.js';

describe('roles and routes', () => {
  it('gives each role its views, deny by default', () => {
    expect(viewsForRole('operator')).toEqual(['operator']);
    expect(viewsForRole('port_office')).toEqual(['port']);
    expect(viewsForRole('admin')).toContain('inspector');
    expect(viewsForRole('admin')).toContain('admin');
    for (const role of ['operator', 'inspector', 'port_office'] as const) expect(viewsForRole(role), role).not.toContain('admin');
    expect(viewsForRole('nobody' as never)).toEqual([]);
  });

  it('parses hashes', () => {
    expect(parseRoute('#/inspector/alert/a%2F1')).toEqual({ view: 'inspector', alertId: 'a/1' });
    expect(parseRoute('#/port')).toEqual({ view: 'port' });
    expect(parseRoute('#/admin')).toEqual({ view: 'admin' });
    expect(parseRoute('')).toEqual({ view: 'login' });
  });

  it('sends a user to its home when the route is not allowed, and a guest to login', () => {
    expect(resolveRoute({ view: 'inspector' }, 'port_office')).toEqual({ view: 'port' });
    expect(resolveRoute({ view: 'operator' }, 'inspector')).toEqual({ view: 'operator' });
    expect(resolveRoute({ view: 'operator' }, null)).toEqual({ view: 'login' });
    expect(resolveRoute({ view: 'login' }, 'operator')).toEqual({ view: 'operator' });
    // The admin view is the admin's alone; the admin's home stays the live watch.
    expect(resolveRoute({ view: 'admin' }, 'admin')).toEqual({ view: 'admin' });
    expect(resolveRoute({ view: 'admin' }, 'inspector')).toEqual({ view: 'inspector' });
    expect(resolveRoute({ view: 'admin' }, 'port_office')).toEqual({ view: 'port' });
    expect(resolveRoute({ view: 'admin' }, 'operator')).toEqual({ view: 'operator' });
  });
});
