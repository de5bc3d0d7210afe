import { io, type Socket } from 'socket.io-client';
import type { BBox, ClientToServerEvents, ServerToClientEvents } from '@seawarden/contracts';
import { accessToken, refreshSession } from '../api/api-client.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The /live socket. socket.io reconnects by itself; the auth callback reads the current
 * token at every attempt, and an expired token is refreshed before the next attempt, so the
 * console recovers from a server restart or a token expiry without a reload.
 */
export class LiveConnection {
  readonly socket: LiveSocket;
  private stateListeners = new Set<(s: ConnectionState) => void>();
  private _state: ConnectionState = 'connecting';
  private viewport: BBox | null = null;

  constructor() {
    this.socket = io('/live', {
      path: '/socket.io',
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
      auth: (cb) => {
        void accessToken().then((token) => cb({ token }));
      },
    });
    this.socket.on('connect', () => {
      this.setState('connected');
      if (this.viewport) this.subscribe(this.viewport);
    });
    this.socket.on('disconnect', (reason) => {
      this.setState('disconnected');
      // A server-side disconnect (token expired) is not retried by socket.io itself.
      if (reason === 'io server disconnect') void refreshSession().then(() => this.socket.connect());
    });
    this.socket.on('connect_error', (err) => {
      this.setState('disconnected');
      if (/unauthori[sz]ed|expired/i.test(err.message)) {
        void refreshSession().then((ok) => {
          if (ok && !this.socket.active) this.socket.connect();
        });
      }
    });
    this.socket.on('error', (e) => {
      if (/expired/i.test(e.message)) void refreshSession();
    });
  }

  get state(): ConnectionState {
    return this._state;
  }

  onState(fn: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(fn);
    fn(this._state);
    return () => this.stateListeners.delete(fn);
  }

  /** Subscribes the viewport (replacing the previous one); remembered for reconnects. */
  subscribe(bbox: BBox): void {
    this.viewport = bbox;
    if (this.socket.connected) this.socket.emit('vessels:subscribe', { ...bbox, compact: true });
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.stateListeners.clear();
  }

  private setState(s: ConnectionState): void {
    if (s === this._state) return;
    this._state = s;
    for (const fn of this.stateListeners) fn(s);
  }
}
