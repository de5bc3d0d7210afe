import { describe, expect, it } from 'vitest';
import { decodeAlertCursor, encodeAlertCursor } from './alert-cursor.js';
import { InvalidQueryError } from './errors.js';

describe('alert list cursor', () => {
  it('round-trips the exact opened_at text and id', () => {
    const c = { openedAt: '2026-06-10 01:00:00.123456+00', id: 'a/b c' };
    expect(decodeAlertCursor(encodeAlertCursor(c))).toEqual(c);
  });
  it('rejects anything else with a typed error', () => {
    for (const bad of ['', 'garbage', Buffer.from('["not a time","x"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeAlertCursor(bad)).toThrow(InvalidQueryError);
    }
  });
});
