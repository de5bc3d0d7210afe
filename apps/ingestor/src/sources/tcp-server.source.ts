/** Listens for receivers that push NMEA to us over TCP; any number of peers at once. */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { TcpServerFeedSpec } from '@seawarden/config';
import { BaseFeedSource, FeedSourceError } from './feed-source.js';
import { LineSplitter } from './line-splitter.js';

export type TcpServerOptions = Pick<TcpServerFeedSpec, 'id' | 'host' | 'port' | 'maxConnections' | 'maxLineLength'> & {
  now?: () => number;
};

export class TcpServerSource extends BaseFeedSource {
  private server: Server | null = null;
  private readonly peers = new Set<Socket>();
  private readonly now: () => number;

  constructor(private readonly options: TcpServerOptions) {
    super(options.id, 'tcp-server');
    this.now = options.now ?? Date.now;
  }

  /** Bound address (useful with port 0). */
  address(): AddressInfo | null {
    return (this.server?.address() as AddressInfo | null) ?? null;
  }

  get connections(): number {
    return this.peers.size;
  }

  async start(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    server.maxConnections = this.options.maxConnections;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) => reject(new FeedSourceError(this.id, `cannot listen on ${this.options.host}:${this.options.port}: ${err.message}`, { cause: err })));
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    server.on('error', (err) => this.problem(err));
    this.setState('listening');
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const peer of this.peers) peer.destroy();
    this.peers.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.setState('stopped');
  }

  private accept(socket: Socket): void {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    this.peers.add(socket);
    this.emit('peers', this.peers.size);
    const splitter = new LineSplitter({
      maxLineLength: this.options.maxLineLength,
      onLine: (line) => this.emitLine(line, this.now(), peer),
      onOverflow: (head) => this.emit('reject', 'line_too_long', head),
    });
    socket.on('data', (chunk: Buffer) => splitter.push(chunk));
    socket.on('error', (err) => this.problem(new Error(`peer ${peer}: ${err.message}`, { cause: err })));
    socket.on('close', () => {
      this.peers.delete(socket);
      this.emit('peers', this.peers.size);
      splitter.reset();
    });
  }
}
