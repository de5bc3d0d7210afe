import type { LiveBus, VesselSnapshot } from '@seawarden/contracts';
import type { LiveVesselView } from '../console.deps.js';

/**
 * The console's live vessel table: seeded from the engine when it runs in this process, kept
 * current from the bus's vessel events, remembering which MMSIs changed since the last drain.
 */
export class VesselView {
  private readonly vessels = new Map<number, VesselSnapshot>();
  private changed = new Set<number>();
  private readonly off: () => void;

  constructor(bus: LiveBus, private readonly engine?: LiveVesselView) {
    if (engine) for (const v of engine.snapshots()) this.vessels.set(v.mmsi, v);
    this.off = bus.onVessels((list) => {
      for (const v of list) {
        this.vessels.set(v.mmsi, v);
        this.changed.add(v.mmsi);
      }
    });
  }

  get size(): number {
    return this.vessels.size;
  }

  all(): IterableIterator<VesselSnapshot> {
    return this.vessels.values();
  }

  get(mmsi: number): VesselSnapshot | undefined {
    return this.vessels.get(mmsi) ?? this.engine?.snapshot(mmsi) ?? undefined;
  }

  /** MMSIs changed since the previous call. */
  drainChanged(): Set<number> {
    const c = this.changed;
    this.changed = new Set();
    return c;
  }

  close(): void {
    this.off();
  }
}
