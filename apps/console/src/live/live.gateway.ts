import { Inject, OnModuleDestroy, UseGuards } from '@nestjs/common';
import {
  ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit,
  SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import type { ClientToServerEvents, CompactVessel, ServerToClientEvents, VesselSnapshot } from '@seawarden/contracts';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { AuthService, type Principal } from '../auth/auth.service.js';
import { ANY_ROLE, Roles } from '../common/roles.decorator.js';
import { CONSOLE_DEPS, type ConsoleDeps } from '../console.deps.js';
import { ConsoleMetrics } from '../ops/console-metrics.js';
import { AlertBroadcaster, ALL_ALERTS_ROOM, jurisdictionRoom } from './alert-broadcaster.js';
import { compactVessel, fullViewport, viewportDelta, type ViewportState } from './viewport.js';
import { VesselView } from './vessel-view.js';
import { WsRolesGuard } from './ws-roles.guard.js';

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
type Ack = (res: { ok: boolean; message?: string }) => void;

export const LIVE_NAMESPACE = '/live';
/** Vessels per socket message. */
const MAX_ROWS = 2000;
/** Sockets served per event-loop turn by a tick. */
const SOCKETS_PER_SLICE = 20;

const viewportSchema = z
  .object({
    west: z.number().min(-180).max(180),
    south: z.number().min(-90).max(90),
    east: z.number().min(-180).max(180),
    north: z.number().min(-90).max(90),
    compact: z.boolean().optional(),
  })
  .refine((b) => b.south <= b.north, { message: 'south must be ≤ north', path: ['south'] });

/** Socket.io namespace /live: authenticated handshake, viewport vessel deltas, alert rooms. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseGuards(WsRolesGuard)
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private ns?: Namespace;
  private tick?: NodeJS.Timeout;
  private sending = false;
  private readonly expiry = new Map<string, NodeJS.Timeout>();

  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(VesselView) private readonly view: VesselView,
    @Inject(AlertBroadcaster) private readonly alerts: AlertBroadcaster,
    @Inject(ConsoleMetrics) private readonly metrics: ConsoleMetrics,
    @Inject(CONSOLE_DEPS) private readonly deps: ConsoleDeps,
  ) {}

  afterInit(ns: Namespace): void {
    this.ns = ns;
    ns.use((socket, next) => {
      const token = socket.handshake.auth?.token;
      if (typeof token !== 'string' || !token) return next(new Error('unauthorized'));
      try {
        socket.data.principal = this.auth.verify(token);
        next();
      } catch (err) {
        next(new Error((err as Error).message === 'token expired' ? 'token expired' : 'unauthorized'));
      }
    });
    this.alerts.attach(ns);
    this.tick = setInterval(() => this.sendDeltas(), this.deps.settings.vesselTickMs);
    this.tick.unref();
  }

  handleConnection(socket: LiveSocket): void {
    const p = socket.data.principal as Principal | undefined;
    if (!p) return void socket.disconnect(true);
    if (p.role === 'port_office') for (const z of p.jurisdictions) void socket.join(jurisdictionRoom(z));
    else void socket.join(ALL_ALERTS_ROOM);
    const ms = p.exp * 1000 - Date.now();
    this.expiry.set(
      socket.id,
      setTimeout(() => {
        socket.emit('error', { message: 'token expired' });
        socket.disconnect(true);
      }, Math.max(0, Math.min(ms, 2 ** 31 - 1))),
    );
    this.metrics.sockets.inc();
  }

  handleDisconnect(socket: LiveSocket): void {
    clearTimeout(this.expiry.get(socket.id));
    this.expiry.delete(socket.id);
    this.metrics.sockets.dec();
  }

  @Roles(...ANY_ROLE)
  @SubscribeMessage('vessels:subscribe')
  subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): { ok: boolean; message?: string } {
    const r = viewportSchema.safeParse(body);
    if (!r.success) {
      const i = r.error.issues[0]!;
      return { ok: false, message: `${i.path.join('.') || 'bbox'}: ${i.message}` };
    }
    const { compact, ...box } = r.data;
    const state: ViewportState = { box, compact: compact ?? false, sent: new Map() };
    socket.data.viewport = state;
    const vessels = fullViewport(state, this.view.all());
    this.send(socket, state, true, vessels, []);
    return { ok: true };
  }

  @Roles(...ANY_ROLE)
  @SubscribeMessage('vessels:unsubscribe')
  unsubscribe(@ConnectedSocket() socket: LiveSocket): { ok: boolean } {
    socket.data.viewport = undefined;
    return { ok: true };
  }

  /**
   * Once per tick: each local viewport gets only what changed in it (nothing when nothing did).
   * Sockets are served in slices with the event loop free in between, and each vessel's compact
   * row is built once per tick: with hundreds of clients one synchronous pass held back incoming
   * NMEA (and so alerts) for tens of milliseconds every second.
   */
  sendDeltas(): void {
    if (!this.ns || this.sending) return; // the previous tick is still being sent: its changes wait
    const changed = this.view.drainChanged();
    if (changed.size === 0) return;
    const get = (m: number) => this.view.get(m);
    const sockets = [...this.ns.sockets.values()];
    const rows = new Map<VesselSnapshot, CompactVessel>();
    const compact = (v: VesselSnapshot) => {
      let row = rows.get(v);
      if (row === undefined) rows.set(v, (row = compactVessel(v)));
      return row;
    };
    const at = new Date().toISOString();
    this.sending = true;
    const serve = (from: number) => {
      const end = Math.min(sockets.length, from + SOCKETS_PER_SLICE);
      for (let i = from; i < end; i++) {
        const socket = sockets[i] as LiveSocket;
        const state = socket.data.viewport as ViewportState | undefined;
        if (!state || !socket.connected) continue;
        const { upsert, remove } = viewportDelta(state, changed, get);
        if (upsert.length || remove.length) this.send(socket, state, false, upsert, remove, compact, at);
      }
      if (end < sockets.length) setImmediate(serve, end);
      else this.sending = false;
    };
    serve(0);
  }

  /** Sends in chunks of MAX_ROWS so a huge box never becomes one huge message; `full` rides on the first. */
  private send(
    socket: LiveSocket, state: ViewportState, full: boolean, upsert: VesselSnapshot[], remove: number[],
    compact: (v: VesselSnapshot) => CompactVessel = compactVessel, at = new Date().toISOString(),
  ): void {
    for (let i = 0; i === 0 || i < upsert.length; i += MAX_ROWS) {
      const part = upsert.slice(i, i + MAX_ROWS);
      const first = i === 0;
      if (state.compact) socket.emit('vessels:compact', { full: full && first, rows: part.map(compact), remove: first ? remove : [], at });
      else socket.emit('vessels:delta', { full: full && first, upsert: part, remove: first ? remove : [], at });
      this.metrics.vesselDeltas.inc();
    }
  }

  onModuleDestroy(): void {
    if (this.tick) clearInterval(this.tick);
    for (const t of this.expiry.values()) clearTimeout(t);
    this.expiry.clear();
  }
}
