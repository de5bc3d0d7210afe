import { describe, expect, it } from 'vitest';
import type { AisMessage } from '@seawarden/contracts';
import { MessageDeduplicator, messageKey } from './message-deduplicator.js';

const msg = (over: Partial<AisMessage> = {}): AisMessage => ({
  type: 1, repeat: 0, mmsi: 412000001, channel: 'A', talker: 'AI', own: false, line: 1, receivedAt: null, source: 'rx1',
  lat: 30, lon: 122.3, sog: 5, cog: 90, heading: 91, navStatus: 0, rot: 0, accuracy: false, second: 12, ...over,
});

describe('messageKey', () => {
  it('is the same for one transmission heard by two receivers', () => {
    expect(messageKey(msg())).toBe(messageKey(msg({ source: 'rx2', line: 99, channel: 'B', talker: 'AB', receivedAt: '2025-07-01T00:00:00Z' })));
  });
  it('differs when the content differs', () => {
    expect(messageKey(msg())).not.toBe(messageKey(msg({ second: 13 })));
    expect(messageKey(msg())).not.toBe(messageKey(msg({ mmsi: 412000002 })));
  });
  it('uses the armored payload when the decoder provides it', () => {
    expect(messageKey(msg({ payload: 'abc' }))).toBe('1|412000001|abc');
    expect(messageKey(msg({ payloads: ['a', 'b'] }))).toBe('1|412000001|a|b');
  });
});

describe('MessageDeduplicator', () => {
  it('passes a key once within the window and again after it', () => {
    const d = new MessageDeduplicator({ windowMs: 2000 });
    expect(d.isDuplicate('k', 10_000)).toBe(false);
    expect(d.isDuplicate('k', 11_999)).toBe(true);
    expect(d.isDuplicate('k', 12_001)).toBe(false);
    expect(d.isDuplicate('k', 13_000)).toBe(true);
  });
  it('forgets keys older than the window and stays bounded', () => {
    const d = new MessageDeduplicator({ windowMs: 1000, maxEntries: 100 });
    for (let i = 0; i < 10_000; i++) d.isDuplicate(`k${i}`, i);
    expect(d.size).toBeLessThanOrEqual(100);
    const e = new MessageDeduplicator({ windowMs: 10 });
    for (let i = 0; i < 1000; i++) e.isDuplicate(`k${i}`, i * 5);
    expect(e.size).toBeLessThanOrEqual(3);
  });
  it('is off with a zero window', () => {
    const d = new MessageDeduplicator({ windowMs: 0 });
    expect(d.isDuplicate('k', 1)).toBe(false);
    expect(d.isDuplicate('k', 1)).toBe(false);
  });
});
