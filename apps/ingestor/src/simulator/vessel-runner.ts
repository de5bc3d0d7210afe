import { localDayStart, makeDayContext, type DayPlan } from './day-context.js';
import { Timeline, type Kinematics } from './itinerary.js';
import { Prng } from './prng.js';
import type { VesselDef } from './vessel.js';
import type { LatLon } from './nav-math.js';

const DAY = 86_400_000;

/** A vessel's day plans, made on demand per local day and kept while needed. */
export class VesselRunner {
  private readonly plans = new Map<number, { plan: DayPlan; timeline: Timeline }>();

  constructor(
    readonly def: VesselDef,
    private readonly seed: number,
    private readonly centre: LatLon,
    private readonly closures: ReadonlyArray<readonly [number, number]>,
  ) {}

  /** The plan of the local day starting at `dayStartMs` (same for a seed whatever the run's start). */
  day(dayStartMs: number): { plan: DayPlan; timeline: Timeline } {
    let d = this.plans.get(dayStartMs);
    if (!d) {
      const rng = Prng.derive(this.seed, this.def.mmsi, dayStartMs);
      const plan = this.def.plan(makeDayContext(dayStartMs, rng, this.centre, this.closures));
      d = { plan, timeline: new Timeline(plan.segments) };
      this.plans.set(dayStartMs, d);
      // Live runs go on for days: keep yesterday and today only.
      for (const k of this.plans.keys()) if (k < dayStartMs - DAY) this.plans.delete(k);
    }
    return d;
  }

  at(t: number): Kinematics {
    const k = this.day(localDayStart(t)).timeline.at(t);
    if (!k) throw new Error(`vessel ${this.def.mmsi}: no plan covers ${new Date(t).toISOString()}`);
    return k;
  }

  departureBefore(t: number): number {
    return this.day(localDayStart(t)).timeline.departureBefore(t);
  }

  isDark(t: number): boolean {
    return this.day(localDayStart(t)).plan.dark.some(([a, b]) => t >= a && t < b);
  }

  /** Next time the speed changes (same day only), for a prompt change of reporting rate. */
  nextSpeedChange(t: number): number {
    return this.day(localDayStart(t)).timeline.nextSpeedChange(t);
  }
}
