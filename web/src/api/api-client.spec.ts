import { describe, expect, it } from 'vitest';
import { alertQueryString } from './api-client.js';

describe('alertQueryString', () => {
  it('leaves out empty filters and encodes the rest', () => {
    expect(alertQueryString({ rule: '', severity: 'high', status: '', zoneId: 'jur a', cursor: null, limit: 25, active: false })).toBe('?severity=high&zoneId=jur+a&limit=25');
    expect(alertQueryString({})).toBe('');
  });
});
