import { describe, expect, it } from 'vitest';
import { formatLocal, formatTime, fromLocalInput, toLocalInput } from './format-time.js';

describe('formatTime', () => {
  it('shows Beijing time with the zone marked, in both languages', () => {
    expect(formatTime('2026-07-18T06:03:00Z', { lang: 'en' })).toBe('2026-07-18 14:03 CST (UTC+8)');
    expect(formatTime('2026-07-18T06:03:00Z', { lang: 'zh-CN' })).toBe('2026-07-18 14:03 北京时间 (UTC+8)');
  });

  it('rolls the date over at UTC 16:00 and shows seconds on request', () => {
    expect(formatTime('2026-12-31T16:00:05Z', { lang: 'en', seconds: true })).toBe('2027-01-01 00:00:05 CST (UTC+8)');
  });

  it('shows the Beijing clock alone on request', () => {
    expect(formatLocal('2026-12-31T16:59:00Z', { clockOnly: true })).toBe('00:59');
  });

  it('gives an empty string for missing or invalid times', () => {
    expect(formatTime(null)).toBe('');
    expect(formatTime('not a time')).toBe('');
  });

  it('round-trips datetime-local values as Beijing time', () => {
    expect(toLocalInput('2026-07-18T06:03:00Z')).toBe('2026-07-18T14:03');
    expect(fromLocalInput('2026-07-18T14:03')).toBe('2026-07-18T06:03:00.000Z');
    expect(fromLocalInput('garbage')).toBeNull();
  });
});
