import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Net = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** A dns.lookup-shaped function (what http.request's `lookup` option takes). */
export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/** A webhook URL refused by the address policy (or that cannot be checked). */
export class WebhookAddressError extends Error {
  readonly code = 'EWEBHOOKADDRESS';
  constructor(message: string, readonly host: string) {
    super(message);
    this.name = 'WebhookAddressError';
  }
}

/**
 * Where webhooks may go. Port offices register webhook URLs themselves, so without a policy the
 * console would POST (and report the HTTP status of) anything its network reaches: loopback
 * admin ports, the cloud metadata service, the coast guard's own LAN. Public unicast addresses
 * are allowed; everything else (private, loopback, link-local, CGNAT, unique-local, multicast,
 * reserved, …) only inside the networks WEBHOOK_ALLOWED_NETWORKS names (e.g. the port offices'
 * VPN). The check runs when a URL is saved and again on every connection (DNS may change).
 */
export class WebhookAddressPolicy {
  private readonly nets: Net[];

  constructor(allowedNetworks: readonly string[] = []) {
    this.nets = allowedNetworks.map((n) => (n.includes('/') ? ipaddr.parseCIDR(n) : ([ipaddr.parse(n), ipaddr.parse(n).kind() === 'ipv4' ? 32 : 128] as Net)));
  }

  /** Why webhooks may not be sent to this IP address, or null when they may. */
  refusal(ip: string): string | null {
    if (!ipaddr.isValid(ip)) return `"${ip}" is not an IP address`;
    const addr = ipaddr.process(ip); // IPv4-mapped IPv6 is judged as the IPv4 address
    if (this.nets.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits))) return null;
    const range = addr.range();
    return range === 'unicast' ? null : `${addr.toString()} is a ${range} address (allow its network with WEBHOOK_ALLOWED_NETWORKS)`;
  }

  /** Checks a URL's host as it resolves now; throws WebhookAddressError with the reason. */
  async check(url: string): Promise<void> {
    const host = hostOf(url);
    const addresses = isIP(host) ? [host] : await resolveAll(host);
    for (const a of addresses) {
      const why = this.refusal(a);
      if (why) throw new WebhookAddressError(`${host === a ? '' : `${host} resolves to `}${why}`, host);
    }
  }

  /** For http.request: resolves as dns.lookup does, and fails the connection on a refused address. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      for (const a of addresses) {
        const why = this.refusal(a.address);
        if (why) return callback(new WebhookAddressError(`${hostname} resolves to ${why}`, hostname), []);
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, addresses) =>
      err ? reject(new WebhookAddressError(`cannot resolve ${host} (${err.code ?? err.message})`, host)) : resolve(addresses.map((a) => a.address)),
    ),
  );
}
