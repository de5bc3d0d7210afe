/**
 * The path of a decoded message: detection engine → storage → live bus. Alerts are stored (with
 * their outbox row) before they are published; vessel snapshots go out at most once a second.
 * All cross-package wiring of the ingestor is here.
 */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { createLogger } from '@seawarden/config';
import type { AisMessage, AlertChange, LiveBus, VesselSnapshot } from '@seawarden/contracts';
import { FeedManager, type MessageContext } from './feed-manager.js';
import { PIPELINE_DEPS } from './ingestor.tokens.js';

/** The DetectionEngine as the pipeline uses it. */
export interface DetectionPort {
  process(msg: AisMessage, atMs: number): AlertChange[];
  tick(nowMs: number): AlertChange[];
  drainChangedVessels(): VesselSnapshot[];
}

/** The store as the pipeline uses it. */
export interface StorePort {
  positions: { write(msg: AisMessage): boolean | void; flush?(): Promise<void> };
  alerts?: {
    /** Resolves once committed (with the alert and its outbox row, in one transaction). */
    applyChanges(changes: AlertChange[]): Promise<unknown>;
    /** Every committed change set, including journal replays after an outage or restart. */
    onCommitted?(listener: (changes: AlertChange[]) => void): () => void;
  };
  /** Static and voyage data (types 5, 19, 24) with change history. */
  vessels?: { upsertStatic(msg: AisMessage): Promise<unknown> };
}

const STATIC_TYPES = new Set([5, 19, 24]);
/** Static upserts in flight beyond this are skipped (counted): the next report brings the same data. */
const MAX_STATIC_IN_FLIGHT = 256;

export interface PipelineDeps {
  engine: DetectionPort | null;
  store: StorePort | null;
  bus: LiveBus | null;
}

export const VESSEL_PUBLISH_INTERVAL_MS = 1000;
const SHUTDOWN_ALERT_WAIT_MS = 5000;

@Injectable()
export class PipelineService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger('Pipeline');
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Alert change sets handed to the store and not yet committed. */
  private readonly pendingAlerts = new Set<Promise<void>>();
  /** Event clock: the latest message time, advanced by wall time since (sources may run faster than real time). */
  private lastEventMs: number | null = null;
  private lastEventWallMs = 0;
  private staticInFlight = 0;
  private publishOnCommit = false;
  readonly stats = { messages: 0, positionsWritten: 0, staticWritten: 0, staticSkipped: 0, staticFailures: 0, alertChanges: 0, alertStoreFailures: 0, vesselPublishes: 0 };

  constructor(
    @Inject(FeedManager) private readonly feeds: FeedManager,
    @Inject(PIPELINE_DEPS) private readonly deps: PipelineDeps,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { engine, store, bus } = this.deps;
    this.logger.log('pipeline wiring', { detection: !!engine, store: !!store, alertStore: !!store?.alerts, bus: !!bus });
    const offMessages = this.feeds.onMessage((msg, ctx) => this.handle(msg, ctx));
    // Publish what the store committed, in commit order: never an alert the record lacks.
    const offCommitted = bus && store?.alerts?.onCommitted ? store.alerts.onCommitted((changes) => this.publish(changes)) : null;
    this.publishOnCommit = offCommitted !== null;
    this.unsubscribe = () => {
      offMessages();
      offCommitted?.();
    };
    this.timer = setInterval(() => this.tick(), VESSEL_PUBLISH_INTERVAL_MS);
    this.timer.unref();
    await this.feeds.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.feeds.stop();
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.tick();
    // What the store cannot commit in time stays in its journal for the next start.
    await Promise.race([Promise.allSettled([...this.pendingAlerts]), new Promise((r) => setTimeout(r, SHUTDOWN_ALERT_WAIT_MS).unref())]);
    await this.deps.store?.positions.flush?.();
    for (let i = 0; i < 100 && this.staticInFlight > 0; i++) await new Promise((r) => setTimeout(r, 20));
  }

  /** Event-time "now" for the engine's timers (gaps, dwell). */
  now(): number {
    return this.lastEventMs === null ? Date.now() : this.lastEventMs + (Date.now() - this.lastEventWallMs);
  }

  private handle(msg: AisMessage, ctx: MessageContext): void {
    this.stats.messages++;
    if (this.lastEventMs === null || ctx.atMs >= this.lastEventMs) {
      this.lastEventMs = ctx.atMs;
      this.lastEventWallMs = Date.now();
    }
    const { engine, store } = this.deps;
    if (store && msg.lat != null && msg.lon != null) {
      store.positions.write(msg);
      this.stats.positionsWritten++;
    }
    if (store?.vessels && STATIC_TYPES.has(msg.type)) this.writeStatic(store.vessels, msg);
    if (engine) {
      let changes: AlertChange[];
      try {
        changes = engine.process(msg, ctx.atMs);
      } catch (err) {
        this.logger.error(`detection failed for ${msg.mmsi}: ${(err as Error).message}`, (err as Error).stack);
        return;
      }
      if (changes.length > 0) this.enqueueAlerts(changes);
    }
  }

  private writeStatic(vessels: NonNullable<StorePort['vessels']>, msg: AisMessage): void {
    if (this.staticInFlight >= MAX_STATIC_IN_FLIGHT) {
      this.stats.staticSkipped++;
      return;
    }
    this.staticInFlight++;
    vessels.upsertStatic(msg).then(
      () => {
        this.staticInFlight--;
        this.stats.staticWritten++;
      },
      (err: unknown) => {
        this.staticInFlight--;
        if (this.stats.staticFailures++ % 100 === 0) this.logger.warn(`static data of ${msg.mmsi} not stored: ${(err as Error).message}`);
      },
    );
  }

  private tick(): void {
    const { engine, bus } = this.deps;
    if (!engine) return;
    try {
      const changes = engine.tick(this.now());
      if (changes.length > 0) this.enqueueAlerts(changes);
      const vessels = engine.drainChangedVessels();
      if (vessels.length > 0 && bus) {
        bus.publishVessels(vessels);
        this.stats.vesselPublishes++;
      }
    } catch (err) {
      this.logger.error(`engine tick failed: ${(err as Error).message}`, (err as Error).stack);
    }
  }

  private enqueueAlerts(changes: AlertChange[]): void {
    this.stats.alertChanges += changes.length;
    const { store } = this.deps;
    if (!store?.alerts) {
      this.publish(changes);
      return;
    }
    // The store commits change sets one at a time in call order (journaling through outages),
    // so the callbacks below run in order too.
    const pending: Promise<void> = store.alerts.applyChanges(changes).then(
      () => {
        if (!this.publishOnCommit) this.publish(changes);
      },
      (err: unknown) => {
        // Refused by the database (an outage is journaled and retried by the store, not an error).
        this.stats.alertStoreFailures++;
        this.logger.error(`storing ${changes.length} alert change(s) failed: ${(err as Error).message}`, { alerts: changes.map((c) => c.alert.id) });
      },
    );
    this.pendingAlerts.add(pending);
    void pending.finally(() => this.pendingAlerts.delete(pending));
  }

  private publish(changes: AlertChange[]): void {
    const bus = this.deps.bus;
    if (bus) for (const change of changes) bus.publishAlert(change);
  }
}
