import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostOf, WebhookAddressError, type WebhookAddressPolicy } from './webhook-address-policy.js';

/**
 * POSTs one webhook body and resolves with the HTTP status. node:http rather than fetch: its
 * `lookup` option lets the address policy judge the address actually connected to (a literal
 * IP never goes through lookup, so it is judged first). Without a policy (an address the
 * operator configured, not a subscriber) any address is reached. A user and password in the URL
 * go as HTTP Basic authentication. Redirects are not followed; the whole exchange is bounded by
 * timeoutMs.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs: number; policy?: WebhookAddressPolicy },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const host = hostOf(url);
    if (opts.policy && isIP(host)) {
      const why = opts.policy.refusal(host);
      if (why) return reject(new WebhookAddressError(why, host));
    }
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = request(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, lookup: opts.policy?.lookup });
    const timer = setTimeout(() => req.destroy(new Error(`no response within ${opts.timeoutMs / 1000} s`)), opts.timeoutMs);
    req.on('response', (res) => {
      res.resume(); // the body is not used; read it so the socket is released
      res.on('end', () => {
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}
