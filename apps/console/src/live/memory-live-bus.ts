import type { AlertChange, LiveBus, VesselSnapshot } from '@seawarden/contracts';

type Listener<T> = (v: T) => void;

/** In-process LiveBus: synchronous fan-out; a failing listener never reaches the publisher. */
export class MemoryLiveBus implements LiveBus {
  readonly kind: 'memory' | 'redis' = 'memory';
  private readonly alertListeners = new Set<Listener<AlertChange>>();
  private readonly vesselListeners = new Set<Listener<VesselSnapshot[]>>();

  publishAlert(change: AlertChange): void {
    this.emit(this.alertListeners, change);
  }

  publishVessels(vessels: VesselSnapshot[]): void {
    if (vessels.length) this.emit(this.vesselListeners, vessels);
  }

  onAlert(listener: Listener<AlertChange>): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  onVessels(listener: Listener<VesselSnapshot[]>): () => void {
    this.vesselListeners.add(listener);
    return () => this.vesselListeners.delete(listener);
  }

  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.alertListeners.clear();
    this.vesselListeners.clear();
  }

  protected emit<T>(listeners: Set<Listener<T>>, v: T): void {
    for (const l of listeners) {
      try {
        l(v);
      } catch (err) {
        console.error('live bus listener failed:', err);
      }
    }
  }
}
