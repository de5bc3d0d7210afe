import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backoffMs, signWebhook, verifyWebhook } from './webhook-signature.js';

describe('webhook signature', () => {
  it('is HMAC-SHA256 over timestamp.body and verifies only with the secret, fresh', () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const body = '{"event":"alert.opened"}';
    const sig = signWebhook('s3cret-s3cret-s3cret', ts, body);
    expect(sig).toBe(`sha256=${createHmac('sha256', 's3cret-s3cret-s3cret').update(`${ts}.${body}`).digest('hex')}`);
    expect(verifyWebhook('s3cret-s3cret-s3cret', ts, body, sig)).toBe(true);
    expect(verifyWebhook('other', ts, body, sig)).toBe(false);
    expect(verifyWebhook('s3cret-s3cret-s3cret', ts, body + ' ', sig)).toBe(false);
    expect(verifyWebhook('s3cret-s3cret-s3cret', String(Number(ts) - 3600), body, signWebhook('s3cret-s3cret-s3cret', String(Number(ts) - 3600), body))).toBe(false);
  });

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 5000))).toEqual([5000, 10000, 20000, 40000]);
    expect(backoffMs(30, 5000)).toBe(3_600_000);
  });
});
