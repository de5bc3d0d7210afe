import { scriptedViolations, TrafficGenerator, type Frame, type TruthRecord, type VesselSummary } from './traffic.js';
import { scenarioDefinition, type ScenarioName } from './scenarios.js';

export interface SimulateOptions {
  scenario: ScenarioName;
  start: Date;
  hours: number;
  seed: number;
}

export interface Simulation {
  /** Frames in time order; each call starts the run afresh (same output every time). */
  frames(): Iterable<Frame>;
  /** Scripted violations that a correct detector must flag. */
  truth: TruthRecord[];
  /** Every scripted vessel, with whether the script kept it lawful for the whole run. */
  vessels: VesselSummary[];
  startMs: number;
  endMs: number;
}

/** A finite run of scenario traffic, deterministic for (scenario, start, hours, seed). */
export function simulate(o: SimulateOptions): Simulation {
  const startMs = o.start.getTime();
  if (!Number.isFinite(startMs)) throw new RangeError('simulate: start is not a valid date');
  if (!(o.hours > 0)) throw new RangeError(`simulate: hours must be > 0, got ${o.hours}`);
  if (!Number.isInteger(o.seed)) throw new RangeError(`simulate: seed must be an integer, got ${o.seed}`);
  const endMs = startMs + o.hours * 3_600_000;
  const def = scenarioDefinition(o.scenario);
  const { truth, vessels } = scriptedViolations(def, o.seed, startMs, endMs);
  return {
    truth,
    vessels,
    startMs,
    endMs,
    *frames() {
      const gen = new TrafficGenerator(def, o.seed, startMs, endMs);
      for (let f = gen.next(); f; f = gen.next()) yield f;
    },
  };
}

export interface LiveOptions {
  seed?: number;
  /** Simulated seconds per real second (default 1). */
  speed?: number;
  /** Scenario time of the first frame (default: now). */
  startMs?: number;
  scenario?: ScenarioName;
  /** Stops the generator. */
  signal?: AbortSignal;
  /** Clock and timer, replaceable in tests. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Endless scenario traffic paced in real time (`speed` × real time), starting at `startMs`
 * (default now): each frame is yielded when its scenario time comes.
 */
export async function* liveFrames(o: LiveOptions = {}): AsyncGenerator<Frame> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? defaultSleep;
  const speed = o.speed ?? 1;
  if (!(speed > 0)) throw new RangeError(`liveFrames: speed must be > 0, got ${speed}`);
  const realStart = now();
  const simStart = o.startMs ?? realStart;
  const gen = new TrafficGenerator(scenarioDefinition(o.scenario ?? 'zhoushan'), o.seed ?? 1, simStart);
  while (!o.signal?.aborted) {
    const f = gen.next();
    if (!f) return;
    const due = realStart + (f.atMs - simStart) / speed;
    const wait = due - now();
    if (wait > 0) await sleep(wait, o.signal);
    if (o.signal?.aborted) return;
    yield f;
  }
}
