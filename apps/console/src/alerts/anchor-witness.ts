import { hostname } from 'node:os';
import { redactUrl } from '@seawarden/config';
import type { AuditAnchor } from '@seawarden/store';
import { postWebhook } from '../webhooks/webhook-post.js';
import { signatureHeaders } from '../webhooks/webhook-signature.js';

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
 * are when a secret is set, through the webhooks' POST. Only the newest anchor matters: its
 * running hash covers every event up to its `lastEventId`, so one the witness missed is made
 * good by the next. The address is the operator's own setting, so the webhooks' address policy
 * does not apply. A user and password in the URL go as HTTP Basic authentication and are never
 * logged.
 */
export class AnchorWitness {
  /** The address as logs may show it (password masked). */
  readonly shownUrl: string;

  constructor(
    private readonly url: string,
    private readonly secret: string | undefined,
    private readonly timeoutMs = 10_000,
    private readonly source = hostname(),
  ) {
    this.shownUrl = redactUrl(url);
  }

  async send(anchor: AuditAnchor): Promise<void> {
    const body = JSON.stringify({ type: 'seawarden.audit_anchor', console: this.source, anchor });
    const headers = { 'Content-Type': 'application/json', ...(this.secret ? signatureHeaders(this.secret, body) : {}) };
    let status: number;
    try {
      status = await postWebhook(this.url, headers, body, { timeoutMs: this.timeoutMs });
    } catch (err) {
      throw new AnchorWitnessError(this.shownUrl, (err as Error).message);
    }
    if (status < 200 || status > 299) throw new AnchorWitnessError(this.shownUrl, `HTTP ${status}`);
  }
}
