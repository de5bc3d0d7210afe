import type { AlertChange, VesselSnapshot } from '@seawarden/contracts';
import { createClient } from 'redis';
import { MemoryLiveBus } from './memory-live-bus.js';

const ALERTS = 'seawarden:live:alerts';
const VESSELS = 'seawarden:live:vessels';

// Loosely typed: redis v5+ client generics do not survive duplicate()

/**
 * LiveBus over Redis pub/sub: publish goes to Redis only; every process (this one included)
 * receives from its subscription, so all consoles see the same stream.
 */
export class RedisLiveBus extends MemoryLiveBus {
  override readonly kind = 'redis' as const;
  private up = false;

  private constructor(
    private readonly pub: any,
    private readonly sub: any,
  ) {
    super();
  }

  static async connect(url: string): Promise<RedisLiveBus> {
    const pub: any = createClient({ url });
    const sub: any = pub.duplicate();
    const bus = new RedisLiveBus(pub, sub);
    for (const c of [pub, sub]) c.on("error", (err: Error) => { bus.up = false; console.error('redis live bus:', err.message); });
    for (const c of [pub, sub]) c.on('ready', () => { bus.up = true; });
    await pub.connect();
    await sub.connect();
    await sub.subscribe(ALERTS, (msg: string) => bus.deliver('alert', msg));
    await sub.subscribe(VESSELS, (msg: string) => bus.deliver('vessels', msg));
    bus.up = true;
    return bus;
  }

  override publishAlert(change: AlertChange): void {
    this.pub.publish(ALERTS, JSON.stringify(change)).catch((err: Error) => console.error('redis publish alert:', err.message));
  }

  override publishVessels(vessels: VesselSnapshot[]): void {
    if (vessels.length) this.pub.publish(VESSELS, JSON.stringify(vessels)).catch((err: Error) => console.error('redis publish vessels:', err.message));
  }

  override healthy(): boolean {
    return this.up && this.pub.isReady && this.sub.isReady;
  }

  override async close(): Promise<void> {
    await super.close();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }

  private deliver(kind: 'alert' | 'vessels', msg: string): void {
    let v: unknown;
    try {
      v = JSON.parse(msg);
    } catch {
      console.error(`redis live bus: dropped malformed ${kind} message`);
      return;
    }
    if (kind === 'alert') super.publishAlert(v as AlertChange);
    else super.publishVessels(v as VesselSnapshot[]);
  }
}

/** In-memory bus by default; Redis pub/sub when a URL is given. */
export async function createLiveBus(redisUrl?: string): Promise<MemoryLiveBus> {
  return redisUrl ? RedisLiveBus.connect(redisUrl) : new MemoryLiveBus();
}
