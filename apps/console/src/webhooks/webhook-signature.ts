import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Seawarden-Timestamp';
export const SIGNATURE_HEADER = 'X-Seawarden-Signature';
export const DELIVERY_HEADER = 'X-Seawarden-Delivery';

/** `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The timestamp and signature headers of a signed body (webhooks, audit anchors sent to a witness). */
export function signatureHeaders(secret: string, body: string, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body) };
}

/** For receivers (and tests): constant-time check, optionally bounded in age. */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string, maxAgeSeconds = 300): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  return Math.abs(Date.now() / 1000 - Number(timestamp)) <= maxAgeSeconds;
}

/** 5 s, 10 s, 20 s, … capped at one hour (base configurable for tests). */
export function backoffMs(attempt: number, baseMs: number, capMs = 3_600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
