import { describe, expect, it } from 'vitest';
import { AlarmSnoozes, SNOOZE_MS } from './alarm-snoozes.js';

const T = Date.parse('2026-07-18T02:00:00Z');
const speeding = { mmsi: 412000001, rule: 'speeding' as const };

describe('AlarmSnoozes', () => {
  it('snoozes one vessel and rule for an hour, then lapses', () => {
    const s = new AlarmSnoozes();
    s.snooze(speeding, T);
    expect(s.snoozedUntil(speeding, T + 1)).toBe(T + SNOOZE_MS);
    expect(s.snoozedUntil({ ...speeding, rule: 'restricted_entry' }, T + 1)).toBeNull();
    expect(s.snoozedUntil({ ...speeding, mmsi: 412000002 }, T + 1)).toBeNull();
    expect(s.snoozedUntil(speeding, T + SNOOZE_MS)).toBeNull();
  });

  it('can be cleared, and survives a reload without what expired or is malformed', () => {
    const s = new AlarmSnoozes();
    s.snooze(speeding, T);
    s.snooze({ mmsi: 412000003, rule: 'encounter' }, T, 60_000);
    const back = AlarmSnoozes.fromJSON(JSON.parse(JSON.stringify({ ...s.toJSON(), 'x|y': T * 2, '412000004|ais_gap': 'soon' })), T + 120_000);
    expect(back.toJSON()).toEqual({ '412000001|speeding': T + SNOOZE_MS });
    back.clear(speeding);
    expect(back.snoozedUntil(speeding, T)).toBeNull();
    expect(AlarmSnoozes.fromJSON(null, T).toJSON()).toEqual({});
    expect(AlarmSnoozes.fromJSON([1], T).toJSON()).toEqual({});
  });
});
