/**
 * Connects to a receiver or aggregator that serves NMEA over TCP (AIS-catcher, a coastal
 * network's port) and keeps the connection up: reconnect with backoff, and treat a silent
 * connection as dead after idleTimeoutMs.
 */
import { connect, type Socket } from 'node:net';
import type { TcpClientFeedSpec } from '@seawarden/config';
import { Backoff } from './backoff.js';
import { BaseFeedSource } from './feed-source.js';
import { LineSplitter } from './line-splitter.js';

export type TcpClientOptions = Pick<TcpClientFeedSpec, 'id' | 'host' | 'port' | 'idleTimeoutMs' | 'minBackoffMs' | 'maxBackoffMs' | 'maxLineLength'> & {
  now?: () => number;
};

export class TcpClientSource extends BaseFeedSource {
  private socket: Socket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private readonly backoff: Backoff;
  private readonly splitter: LineSplitter;
  private readonly now: () => number;
  /** Connections opened so far (the first is not a reconnect). */
  private connects = 0;

  constructor(private readonly options: TcpClientOptions) {
    super(options.id, 'tcp-client');
    this.backoff = new Backoff(options.minBackoffMs, options.maxBackoffMs);
    this.now = options.now ?? Date.now;
    this.splitter = new LineSplitter({
      maxLineLength: options.maxLineLength,
      onLine: (line) => this.emitLine(line, this.now()),
      onOverflow: (head) => this.emit('reject', 'line_too_long', head),
    });
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.open();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      });
    }
    this.setState('stopped');
  }

  private open(): void {
    if (this.stopping) return;
    if (this.connects++ > 0) this.emit('reconnect');
    this.setState('connecting');
    const socket = connect({ host: this.options.host, port: this.options.port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    if (this.options.idleTimeoutMs > 0) socket.setTimeout(this.options.idleTimeoutMs);
    socket.on('connect', () => this.setState('connected'));
    socket.on('data', (chunk: Buffer) => {
      // Only a connection that delivers data counts as healthy; one that is accepted and
      // dropped straight away keeps backing off.
      this.backoff.reset();
      this.splitter.push(chunk);
    });
    socket.on('timeout', () => {
      this.problem(new Error(`no data for ${this.options.idleTimeoutMs} ms from ${this.address()}; reconnecting`));
      socket.destroy();
    });
    socket.on('error', (err) => this.problem(new Error(`${this.address()}: ${err.message}`, { cause: err })));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.splitter.reset();
      if (this.stopping) return;
      this.setState('disconnected');
      const delay = this.backoff.next();
      this.timer = setTimeout(() => {
        this.timer = null;
        this.open();
      }, delay);
    });
  }

  private address(): string {
    return `${this.options.host}:${this.options.port}`;
  }
}
