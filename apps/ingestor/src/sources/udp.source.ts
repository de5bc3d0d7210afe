/** Receives NMEA datagrams (OpenCPN, AIS-catcher UDP forwarding); a datagram may hold several lines. */
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { isIPv6 } from 'node:net';
import type { UdpFeedSpec } from '@seawarden/config';
import { BaseFeedSource, FeedSourceError } from './feed-source.js';
import { splitLines } from './line-splitter.js';

export type UdpOptions = Pick<UdpFeedSpec, 'id' | 'host' | 'port'> & { now?: () => number };

export class UdpSource extends BaseFeedSource {
  private socket: Socket | null = null;
  private readonly now: () => number;

  constructor(private readonly options: UdpOptions) {
    super(options.id, 'udp');
    this.now = options.now ?? Date.now;
  }

  address(): AddressInfo | null {
    return this.socket ? this.socket.address() : null;
  }

  async start(): Promise<void> {
    const socket = createSocket({ type: isIPv6(this.options.host) ? 'udp6' : 'udp4', reuseAddr: true });
    this.socket = socket;
    socket.on('message', (msg, rinfo) => {
      const at = this.now();
      const peer = `${rinfo.address}:${rinfo.port}`;
      for (const line of splitLines(msg.toString('latin1'))) this.emitLine(line, at, peer);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (err) => reject(new FeedSourceError(this.id, `cannot bind ${this.options.host}:${this.options.port}: ${err.message}`, { cause: err })));
      socket.bind(this.options.port, this.options.host, () => resolve());
    });
    socket.on('error', (err) => this.problem(err));
    this.setState('listening');
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
    this.setState('stopped');
  }
}
