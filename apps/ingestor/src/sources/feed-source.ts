/**
 * What every feed source is: something that, once started, emits NMEA lines with their arrival
 * time, reports its connection state, and can be stopped. Sources do not decode.
 */
import { EventEmitter } from 'node:events';
import type { FeedKind } from '@seawarden/config';
import type { RejectReason } from '@seawarden/contracts';

export type FeedState = 'connecting' | 'connected' | 'listening' | 'disconnected' | 'stopped' | 'done';
export const FEED_STATES: readonly FeedState[] = ['connecting', 'connected', 'listening', 'disconnected', 'stopped', 'done'];

export interface FeedLine {
  line: string;
  /** Wall-clock arrival time (ms since epoch) on the source's clock. */
  receivedAtMs: number;
  /** Remote peer (`ip:port`) for multi-peer sources. */
  peer?: string;
}

export interface FeedSourceEvents {
  line: [FeedLine];
  state: [FeedState];
  /** Input dropped before it became a line (over-long line). */
  reject: [RejectReason, string];
  /** A new connection attempt after a lost or failed one. */
  reconnect: [];
  /** Non-fatal trouble worth logging (connection refused, socket error). */
  problem: [Error];
  /** Number of connected peers changed (multi-peer sources). */
  peers: [number];
}

export interface FeedSource {
  readonly id: string;
  readonly kind: FeedKind;
  readonly state: FeedState;
  start(): Promise<void>;
  stop(): Promise<void>;
  on<E extends keyof FeedSourceEvents>(event: E, listener: (...args: FeedSourceEvents[E]) => void): this;
  off<E extends keyof FeedSourceEvents>(event: E, listener: (...args: FeedSourceEvents[E]) => void): this;
}

/** Shared plumbing: state changes and event typing. */
export abstract class BaseFeedSource extends EventEmitter<FeedSourceEvents> implements FeedSource {
  private _state: FeedState = 'stopped';

  protected constructor(
    readonly id: string,
    readonly kind: FeedKind,
  ) {
    super();
  }

  get state(): FeedState {
    return this._state;
  }

  protected setState(state: FeedState): void {
    if (state === this._state) return;
    this._state = state;
    this.emit('state', state);
  }

  protected emitLine(line: string, receivedAtMs: number, peer?: string): void {
    this.emit('line', peer === undefined ? { line, receivedAtMs } : { line, receivedAtMs, peer });
  }

  /** `problem` has no default listener requirement (unlike `error`), so it never throws. */
  protected problem(err: Error): void {
    this.emit('problem', err);
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
}

/**
 * A source that plays a finite (or looping) task — a file, the simulator — rather than holding
 * connections: `connected` while it runs, `done` when it ends, `stopped` when stopped.
 */
export abstract class PlaybackFeedSource extends BaseFeedSource {
  private abort: AbortController | null = null;
  private running: Promise<void> = Promise.resolve();

  /** Resolves when the playback ends (or the source stopped). */
  get finished(): Promise<void> {
    return this.running;
  }

  /** Starts `play`; it should return soon after `signal` aborts. */
  protected startPlayback(play: (signal: AbortSignal) => Promise<void>): void {
    const abort = new AbortController();
    this.abort = abort;
    this.setState('connected');
    this.running = play(abort.signal).then(
      () => {
        if (!abort.signal.aborted) this.setState('done');
      },
      (err: unknown) => {
        this.problem(err instanceof Error ? err : new Error(String(err)));
        this.setState('disconnected');
      },
    );
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    this.setState('stopped');
  }
}

/** A source failed in a way that needs a person (bad address, port in use, file missing). */
export class FeedSourceError extends Error {
  override readonly name = 'FeedSourceError';
  constructor(
    readonly sourceId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`feed ${sourceId}: ${message}`, options);
  }
}
