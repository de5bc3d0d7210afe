import type { Alert, AlertChange, LiveBus } from '@seawarden/contracts';
import type { Namespace } from 'socket.io';
import type { ConsoleMetrics } from '../ops/console-metrics.js';
import type { JurisdictionIndex } from './jurisdiction-index.js';

export const ALL_ALERTS_ROOM = 'alerts:all';
export const jurisdictionRoom = (zoneId: string) => `jur:${zoneId}`;

/**
 * Routes alerts to sockets: operators/inspectors/admins sit in ALL_ALERTS_ROOM, port offices in
 * one room per jurisdiction zone. Bus alerts reach every console process, so each emits to its
 * own sockets only (`local`); workflow changes happen in one process and go through the
 * socket.io adapter (Redis when configured) to all of them.
 */
export class AlertBroadcaster {
  private ns?: Namespace;
  private readonly off: () => void;
  /** Status lookup for engine changes that do not carry it (the workflow owns status). */
  constructor(
    bus: LiveBus,
    private readonly jurisdictions: JurisdictionIndex,
    private readonly metrics: ConsoleMetrics,
    private readonly statusOf: (id: string) => Promise<Alert['status'] | undefined>,
  ) {
    this.off = bus.onAlert((change) => void this.fromBus(change));
  }

  attach(ns: Namespace): void {
    this.ns = ns;
  }

  roomsFor(alert: Alert): string[] {
    const rooms = [ALL_ALERTS_ROOM];
    if (alert.position) for (const id of this.jurisdictions.containing(alert.position.lat, alert.position.lon)) rooms.push(jurisdictionRoom(id));
    return rooms;
  }

  async fromBus(change: AlertChange): Promise<void> {
    if (!this.ns) return;
    let alert = change.alert;
    if (!alert.status) {
      const status = change.kind === 'opened' ? 'open' : ((await this.statusOf(alert.id).catch(() => undefined)) ?? 'open');
      alert = { ...alert, status };
    }
    this.ns.local.to(this.roomsFor(alert)).emit('alert', alert);
    this.metrics.alertsEmitted.inc({ source: 'bus' });
  }

  fromWorkflow(alert: Alert): void {
    if (!this.ns) return;
    this.ns.to(this.roomsFor(alert)).emit('alert', alert);
    this.metrics.alertsEmitted.inc({ source: 'workflow' });
  }

  close(): void {
    this.off();
  }
}
