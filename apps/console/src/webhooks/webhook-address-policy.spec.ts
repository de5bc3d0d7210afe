import { describe, expect, it } from 'vitest';
import { WebhookAddressError, WebhookAddressPolicy } from './webhook-address-policy.js';

describe('WebhookAddressPolicy', () => {
  const strict = new WebhookAddressPolicy();

  it('allows public unicast addresses and refuses special ones, naming the range', () => {
    for (const ip of ['8.8.8.8', '203.119.25.1', '2001:4860:4860::8888']) expect(strict.refusal(ip), ip).toBeNull();
    const cases: [string, RegExp][] = [
      ['127.0.0.1', /loopback/], ['::1', /loopback/], ['10.0.0.5', /private/], ['172.16.9.9', /private/], ['192.168.1.1', /private/],
      ['169.254.169.254', /linkLocal/], ['100.64.0.1', /carrierGradeNat/], ['0.0.0.0', /unspecified/], ['224.0.0.1', /multicast/],
      ['fd00::1', /uniqueLocal/], ['fe80::1', /linkLocal/], ['::ffff:10.0.0.1', /10\.0\.0\.1 is a private/],
    ];
    for (const [ip, why] of cases) expect(strict.refusal(ip), ip).toMatch(why);
    expect(strict.refusal('not-an-ip')).toMatch(/not an IP address/);
  });

  it('allows the configured networks (CIDR or single address), and only those', () => {
    const p = new WebhookAddressPolicy(['10.20.0.0/16', '192.168.7.9', 'fd12::/16']);
    for (const ip of ['10.20.3.4', '192.168.7.9', 'fd12::5', '::ffff:10.20.0.1']) expect(p.refusal(ip), ip).toBeNull();
    for (const ip of ['10.21.0.1', '192.168.7.10', 'fd13::1', '127.0.0.1']) expect(p.refusal(ip), ip).not.toBeNull();
  });

  it('checks URLs by what their host resolves to', async () => {
    await expect(strict.check('http://127.0.0.1:8080/x')).rejects.toThrow(WebhookAddressError);
    await expect(strict.check('http://localhost/x')).rejects.toThrow(/localhost resolves to .*loopback/);
    await expect(strict.check('http://no-such-host.invalid/x')).rejects.toThrow(/cannot resolve no-such-host\.invalid/);
    await expect(new WebhookAddressPolicy(['127.0.0.0/8', '::1/128']).check('http://localhost/x')).resolves.toBeUndefined();
  });
});
