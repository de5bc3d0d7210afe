/**
 * The built-in scenario traffic (the scenario simulator) as a live feed: scenario time starts now
 * (or at `start`) and runs `speed` times faster than the wall clock. Pacing is the simulator's
 * own (liveFrames); this only adapts it to the FeedSource interface.
 */
import type { SimulatorFeedSpec } from '@seawarden/config';
import { liveFrames, SCENARIO_NAMES, type LiveOptions, type ScenarioName } from '../simulator/index.js';
import { FeedSourceError, PlaybackFeedSource } from './feed-source.js';
import type { ReplayClock } from './file-replay.source.js';

export type SimulatorOptions = Pick<SimulatorFeedSpec, 'id' | 'scenario' | 'speed' | 'seed' | 'start'> & {
  /** Defaults to the wall clock; a virtual clock makes a test run hours of traffic at once. */
  clock?: ReplayClock;
  /** Frames generator (defaults to the simulator's liveFrames). */
  frames?: (options: LiveOptions) => AsyncIterable<{ atMs: number; lines: string[] }>;
};

export class SimulatorSource extends PlaybackFeedSource {

  constructor(private readonly options: SimulatorOptions) {
    super(options.id, 'simulator');
  }

  async start(): Promise<void> {
    const { scenario } = this.options;
    if (!(SCENARIO_NAMES as readonly string[]).includes(scenario)) {
      throw new FeedSourceError(this.id, `unknown scenario "${scenario}" (known: ${SCENARIO_NAMES.join(', ')})`);
    }
    this.startPlayback((signal) => this.play(signal));
  }

  private async play(signal: AbortSignal): Promise<void> {
    const { scenario, seed, speed, start, clock } = this.options;
    const frames = (this.options.frames ?? liveFrames)({
      scenario: scenario as ScenarioName,
      seed,
      speed,
      signal,
      ...(start ? { startMs: Date.parse(start) } : {}),
      ...(clock ? { now: clock.now, sleep: (ms: number, sig?: AbortSignal) => clock.sleep(ms, sig ?? signal) } : {}),
    });
    const now = clock?.now ?? Date.now;
    let lastYield = performance.now();
    for await (const frame of frames) {
      if (signal.aborted) return;
      const at = now();
      for (const line of frame.lines) this.emitLine(line, at);
      // A simulator running behind (high speed) never sleeps; its async generator then runs on
      // microtasks alone and would starve sockets and timers. Let the event loop in now and then.
      if (performance.now() - lastYield > 20) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
  }
}
