/**
 * Wraps the scenario traffic simulator (owner E, ../simulator) as a live feed: scenario time
 * starts now (or at `start`) and runs `speed` times faster than the wall clock.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { SimulatorFeedSpec } from '@seawarden/config';
import { BaseFeedSource, FeedSourceError } from './feed-source.js';
import type { ReplayClock } from './file-replay.source.js';

/** One instant of scenario traffic: the sentences transmitted at `atMs` (scenario time). */
export interface SimulatedBatch {
  atMs: number;
  lines: string[];
}

export type TrafficGenerator = (options: { scenario: string; seed: number; startMs: number }) =>
  | Iterable<SimulatedBatch>
  | AsyncIterable<SimulatedBatch>;

export type SimulatorOptions = Pick<SimulatorFeedSpec, 'id' | 'scenario' | 'speed' | 'seed' | 'start'> & {
  /** Defaults to the simulator module's generator. */
  generator?: TrafficGenerator;
  clock?: ReplayClock;
};

const liveClock: ReplayClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
};

export class SimulatorSource extends BaseFeedSource {
  private abort: AbortController | null = null;
  private running: Promise<void> | null = null;
  private readonly clock: ReplayClock;
  finished: Promise<void> = Promise.resolve();

  constructor(private readonly options: SimulatorOptions) {
    super(options.id, 'simulator');
    this.clock = options.clock ?? liveClock;
  }

  async start(): Promise<void> {
    const generator = this.options.generator ?? (await loadSimulator(this.id));
    const abort = new AbortController();
    this.abort = abort;
    const startMs = this.options.start ? Date.parse(this.options.start) : this.clock.now();
    const batches = generator({ scenario: this.options.scenario, seed: this.options.seed, startMs });
    this.setState('connected');
    this.running = this.play(batches, startMs, abort.signal).then(
      () => {
        if (!abort.signal.aborted) this.setState('done');
      },
      (err: unknown) => {
        this.problem(err instanceof Error ? err : new Error(String(err)));
        this.setState('disconnected');
      },
    );
    this.finished = this.running;
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    this.setState('stopped');
  }

  private async play(batches: Iterable<SimulatedBatch> | AsyncIterable<SimulatedBatch>, startMs: number, signal: AbortSignal): Promise<void> {
    const wallStart = this.clock.now();
    for await (const batch of batches) {
      if (signal.aborted) return;
      const due = wallStart + (batch.atMs - startMs) / this.options.speed;
      const wait = due - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, signal);
      if (signal.aborted) return;
      const at = this.clock.now();
      for (const line of batch.lines) this.emitLine(line, at);
    }
  }
}

/** The simulator lands separately (owner E); load it when a simulator feed starts. */
async function loadSimulator(sourceId: string): Promise<TrafficGenerator> {
  const path = '../simulator/index.js';
  let mod: Record<string, unknown>;
  try {
    mod = (await import(path)) as Record<string, unknown>;
  } catch (err) {
    throw new FeedSourceError(sourceId, `the traffic simulator is not available (${(err as Error).message})`, { cause: err });
  }
  const fn = mod['liveTraffic'] ?? mod['simulateTraffic'] ?? mod['generateTraffic'];
  if (typeof fn !== 'function') throw new FeedSourceError(sourceId, 'the simulator module exports no traffic generator');
  return fn as TrafficGenerator;
}
