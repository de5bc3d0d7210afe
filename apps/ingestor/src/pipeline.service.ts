/**
 * The path of a decoded message: detection engine (owner D) → storage (owner F) → live bus
 * (owner G). Alerts are stored (with their outbox row) before they are published; vessel
 * snapshots go out at most once a second. All cross-package wiring of the ingestor is here.
 */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { createLogger } from '@seawarden/config';
import type { AisMessage, AlertChange, LiveBus, VesselSnapshot } from '@seawarden/contracts';
import { FeedManager, type MessageContext } from './feed-manager.js';
import { PIPELINE_DEPS } from './ingestor.tokens.js';

/** Owner D's DetectionEngine as the pipeline uses it. */
export interface DetectionPort {
  process(msg: AisMessage, atMs: number): AlertChange[];
  tick(nowMs: number): AlertChange[];
  drainChangedVessels(): VesselSnapshot[];
}

/** Owner F's store as the pipeline uses it. */
export interface StorePort {
  positions: { write(msg: AisMessage): boolean | void; flush?(): Promise<void> };
  alerts?: { applyChanges(changes: AlertChange[]): Promise<unknown> };
}

export interface PipelineDeps {
  engine: DetectionPort | null;
  store: StorePort | null;
  bus: LiveBus | null;
}

export const VESSEL_PUBLISH_INTERVAL_MS = 1000;

@Injectable()
export class PipelineService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger('Pipeline');
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Alert changes are stored then published strictly in order. */
  private alertQueue: Promise<void> = Promise.resolve();
  /** Event clock: the latest message time, advanced by wall time since (sources may run faster than real time). */
  private lastEventMs: number | null = null;
  private lastEventWallMs = 0;
  readonly stats = { messages: 0, positionsWritten: 0, alertChanges: 0, alertStoreFailures: 0, vesselPublishes: 0 };

  constructor(
    @Inject(FeedManager) private readonly feeds: FeedManager,
    @Inject(PIPELINE_DEPS) private readonly deps: PipelineDeps,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { engine, store, bus } = this.deps;
    this.logger.log('pipeline wiring', { detection: !!engine, store: !!store, alertStore: !!store?.alerts, bus: !!bus });
    this.unsubscribe = this.feeds.onMessage((msg, ctx) => this.handle(msg, ctx));
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
    await this.alertQueue;
    await this.deps.store?.positions.flush?.();
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
    const { store, bus } = this.deps;
    this.alertQueue = this.alertQueue.then(async () => {
      if (store?.alerts) {
        try {
          await store.alerts.applyChanges(changes);
        } catch (err) {
          // Not stored means not published: operators must never see an alert the record lacks.
          this.stats.alertStoreFailures++;
          this.logger.error(`storing ${changes.length} alert change(s) failed: ${(err as Error).message}`, { alerts: changes.map((c) => c.alert.id) });
          return;
        }
      }
      if (bus) for (const change of changes) bus.publishAlert(change);
    });
  }
}
