import { describe, expect, it } from 'vitest';
import type { Alert } from '@seawarden/contracts';
import { AlertFeedModel, shouldSound } from './alert-feed.model.js';

function alert(id: string, openedAt: string, extra: Partial<Alert> = {}): Alert {
  return {
    id, rule: 'speeding', severity: 'medium', mmsi: 412000001, vesselName: null, zoneId: null, openedAt, updatedAt: openedAt,
    closedAt: null, position: null, reason: { zh: '超速', en: 'speeding' }, evidence: [], status: 'open', ...extra,
  };
}

describe('AlertFeedModel', () => {
  it('lists newest first, replaces updates and counts unread', () => {
    const f = new AlertFeedModel();
    expect(f.upsert(alert('a', '2026-07-18T01:00:00Z'))).toBe(true);
    expect(f.upsert(alert('b', '2026-07-18T02:00:00Z', { rule: 'ais_gap', severity: 'high' }))).toBe(true);
    expect(f.upsert(alert('a', '2026-07-18T01:00:00Z', { updatedAt: '2026-07-18T03:00:00Z' }))).toBe(false);
    expect(f.list().map((a) => a.id)).toEqual(['b', 'a']);
    expect(f.unreadCount).toBe(2);
    f.markRead('a');
    expect(f.unreadCount).toBe(1);
    expect(f.list({ rule: 'ais_gap', severity: '' }).map((a) => a.id)).toEqual(['b']);
    expect(f.list({ rule: '', severity: 'medium' }).map((a) => a.id)).toEqual(['a']);
  });

  it('clears unread when an alert is acknowledged elsewhere', () => {
    const f = new AlertFeedModel();
    f.upsert(alert('a', '2026-07-18T01:00:00Z'));
    f.upsert(alert('a', '2026-07-18T01:00:00Z', { status: 'acknowledged' }));
    expect(f.unreadCount).toBe(0);
  });

  it('keeps at most its limit, dropping the oldest', () => {
    const f = new AlertFeedModel(2);
    f.upsert(alert('a', '2026-07-18T01:00:00Z'));
    f.upsert(alert('b', '2026-07-18T02:00:00Z'));
    f.upsert(alert('c', '2026-07-18T03:00:00Z'));
    expect(f.list().map((a) => a.id)).toEqual(['c', 'b']);
    expect(f.unreadCount).toBe(2);
  });
});

describe('shouldSound', () => {
  it('sounds only for new, open, high or critical alerts when not muted', () => {
    expect(shouldSound(alert('a', 'x', { severity: 'high' }), true, false)).toBe(true);
    expect(shouldSound(alert('a', 'x', { severity: 'critical' }), true, true)).toBe(false);
    expect(shouldSound(alert('a', 'x', { severity: 'high' }), false, false)).toBe(false);
    expect(shouldSound(alert('a', 'x', { severity: 'medium' }), true, false)).toBe(false);
    expect(shouldSound(alert('a', 'x', { severity: 'high', closedAt: 'y' }), true, false)).toBe(false);
    expect(shouldSound(alert('a', 'x', { severity: 'critical' }), true, false, true)).toBe(false);
  });
});
