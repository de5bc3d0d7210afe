import { hostname } from 'node:os';
import { redactUrl } from '@seawarden/config';
import type { AuditAnchor } from '@seawarden/store';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../webhooks/webhook-signature.js';

/** The witness could not be reached, or did not accept the anchor. */
export class AnchorWitnessError extends Error {
  constructor(
    /** With its password masked. */
    readonly url: string,
    reason: string,
  ) {
    super(`audit anchor witness ${url}: ${reason}`);
  }
}

/**
 * Keeps a copy of the audit anchors off this host (AUDIT_ANCHOR_URL): a POST of
 * `{"type": "seawarden.audit_anchor", "console": host, "anchor": {...}}`, signed as the webhooks
 * are when a secret is set. Only the newest anchor matters: its running hash covers every event
 * up to its `lastEventId`, so one the witness missed is made good by the next. The address is
 * the operator's own setting, so the webhooks' address policy does not apply; redirects are not
 * followed. A user and password in the URL are sent as HTTP Basic authentication (fetch refuses
 * URLs that carry them) and never logged.
 */
export class AnchorWitness {
  /** The address as logs may show it (password masked). */
  readonly shownUrl: string;
  private readonly target: string;
  private readonly authorization: string | null = null;

  constructor(
    url: string,
    private readonly secret: string | undefined,
    private readonly timeoutMs = 10_000,
    private readonly source = hostname(),
  ) {
    this.shownUrl = redactUrl(url);
    const u = new URL(url);
    if (u.username || u.password) {
      this.authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
      u.username = '';
      u.password = '';
    }
    this.target = u.toString();
  }

  async send(anchor: AuditAnchor): Promise<void> {
    const body = JSON.stringify({ type: 'seawarden.audit_anchor', console: this.source, anchor });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.authorization) headers.authorization = this.authorization;
    if (this.secret) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      headers[TIMESTAMP_HEADER] = timestamp;
      headers[SIGNATURE_HEADER] = signWebhook(this.secret, timestamp, body);
    }
    let res: Response;
    try {
      res = await fetch(this.target, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new AnchorWitnessError(this.shownUrl, (err as Error).message);
    }
    await res.body?.cancel();
    if (res.status < 200 || res.status > 299) throw new AnchorWitnessError(this.shownUrl, `HTTP ${res.status}`);
  }
}
