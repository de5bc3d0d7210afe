import { courseDeg, distanceM, KN_TO_MS, offset, type LatLon } from './nav-math.js';
import type { Prng } from './prng.js';

/** AIS navigational status codes used by the scenario. */
export const NAV = { underway: 0, anchored: 1, moored: 5, fishing: 7 } as const;

export type Segment =
  | { kind: 'stay'; t0: number; t1: number; at: LatLon; navStatus: number }
  | { kind: 'move'; t0: number; t1: number; from: LatLon; to: LatLon; speedKn: number; navStatus: number };

/** What the vessel is doing at one instant (before sensor noise). */
export interface Kinematics extends LatLon {
  sog: number;
  cog: number;
  navStatus: number;
}

const MIN = 60_000;

/**
 * A vessel's movements as a gap-free list of segments (stays and straight legs at constant
 * speed), built forward in time from a start position. Speed changes happen at waypoints.
 */
export class Itinerary {
  readonly segments: Segment[] = [];

  constructor(
    public t: number,
    public pos: LatLon,
  ) {}

  /** Stays where it is until `untilMs` (no-op when that is not later). */
  stayUntil(untilMs: number, navStatus: number = NAV.moored): this {
    if (untilMs > this.t) {
      this.segments.push({ kind: 'stay', t0: this.t, t1: untilMs, at: this.pos, navStatus });
      this.t = untilMs;
    }
    return this;
  }

  stayFor(ms: number, navStatus: number = NAV.moored): this {
    return this.stayUntil(this.t + ms, navStatus);
  }

  /** Sails through the waypoints at a constant speed. */
  sail(waypoints: readonly LatLon[], speedKn: number, navStatus: number = NAV.underway): this {
    for (const to of waypoints) {
      const d = distanceM(this.pos, to);
      if (d < 1) continue;
      const t1 = this.t + (d / (speedKn * KN_TO_MS)) * 1000;
      this.segments.push({ kind: 'move', t0: this.t, t1, from: this.pos, to, speedKn, navStatus });
      this.t = t1;
      this.pos = to;
    }
    return this;
  }

  /**
   * Wanders inside a circle until `untilMs`: legs of `legMin`–`legMax` minutes at a speed in the
   * band, turning by up to `maxTurnDeg`, heading back inward when a leg would leave the circle.
   * Optional pauses (hauling, jigging) at `pauseKn`.
   */
  wander(
    rng: Prng,
    centre: LatLon,
    radiusM: number,
    untilMs: number,
    o: { minKn: number; maxKn: number; legMin: number; legMax: number; maxTurnDeg: number; navStatus?: number; pauseChance?: number; pauseMin?: number; pauseMax?: number; pauseKn?: number },
  ): this {
    let heading = courseDeg(this.pos, centre);
    while (this.t < untilMs - MIN) {
      const pause = o.pauseChance && rng.chance(o.pauseChance);
      const kn = pause ? (o.pauseKn ?? 0.8) : rng.range(o.minKn, o.maxKn);
      const ms = Math.min(untilMs - this.t, rng.range(pause ? (o.pauseMin ?? 10) : o.legMin, pause ? (o.pauseMax ?? 25) : o.legMax) * MIN);
      heading = (heading + rng.range(-o.maxTurnDeg, o.maxTurnDeg) + 360) % 360;
      let to = offset(this.pos, heading, kn * KN_TO_MS * (ms / 1000));
      if (distanceM(to, centre) > radiusM) {
        heading = (courseDeg(this.pos, centre) + rng.range(-40, 40) + 360) % 360;
        to = offset(this.pos, heading, kn * KN_TO_MS * (ms / 1000));
      }
      this.sail([to], kn, o.navStatus ?? NAV.underway);
    }
    return this;
  }

  /** Travel time of a path at a speed, in ms (for planning a return before a deadline). */
  static durationMs(from: LatLon, waypoints: readonly LatLon[], speedKn: number): number {
    let d = 0;
    let p = from;
    for (const w of waypoints) {
      d += distanceM(p, w);
      p = w;
    }
    return (d / (speedKn * KN_TO_MS)) * 1000;
  }
}

/** Looks up the vessel's state at a time; segments must be sorted and gap-free. */
export class Timeline {
  private i = 0;
  constructor(readonly segments: readonly Segment[]) {}

  get startMs(): number {
    return this.segments[0]?.t0 ?? 0;
  }

  get endMs(): number {
    return this.segments[this.segments.length - 1]?.t1 ?? 0;
  }

  segmentAt(t: number): Segment | undefined {
    const s = this.segments;
    if (s.length === 0 || t < s[0].t0 || t >= s[s.length - 1].t1) return undefined;
    // Lookups move forward in time: scan from the last hit, fall back to binary search.
    if (this.i < s.length && s[this.i].t0 <= t && t < s[this.i].t1) return s[this.i];
    if (this.i + 1 < s.length && s[this.i + 1].t0 <= t && t < s[this.i + 1].t1) return s[++this.i];
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid].t0 <= t) lo = mid;
      else hi = mid - 1;
    }
    this.i = lo;
    return s[lo];
  }

  at(t: number): Kinematics | undefined {
    const seg = this.segmentAt(t);
    if (!seg) return undefined;
    // Plain literals of one shape (no spread): this runs for every transmission.
    if (seg.kind === 'stay') return { lat: seg.at.lat, lon: seg.at.lon, sog: 0, cog: NaN, navStatus: seg.navStatus };
    const f = (t - seg.t0) / (seg.t1 - seg.t0);
    return {
      lat: seg.from.lat + (seg.to.lat - seg.from.lat) * f,
      lon: seg.from.lon + (seg.to.lon - seg.from.lon) * f,
      sog: seg.speedKn,
      cog: courseDeg(seg.from, seg.to),
      navStatus: seg.navStatus,
    };
  }

  /** When the vessel last left a stay before t (start of the timeline if never). */
  departureBefore(t: number): number {
    if (!this.segmentAt(t)) return t;
    for (let k = this.i; k >= 0; k--) if (this.segments[k].kind === 'stay') return this.segments[k].t1;
    return this.startMs;
  }

  /** Start of the next segment after t whose speed differs (for a prompt rate change), or Infinity. */
  nextSpeedChange(t: number): number {
    const cur = this.segmentAt(t);
    if (!cur) return Infinity;
    const speed = cur.kind === 'move' ? cur.speedKn : 0;
    let k = this.i;
    for (k++; k < this.segments.length; k++) {
      const s = this.segments[k];
      if ((s.kind === 'move' ? s.speedKn : 0) !== speed) return s.t0;
    }
    return Infinity;
  }
}

/** A route as points with the speed of each leg (`kn[i]` from `points[i]` to `points[i + 1]`). */
export interface Path {
  points: LatLon[];
  kn: number[];
}

/** Builds a path from a start and legs of (waypoints, speed). */
export function path(start: LatLon, ...legs: Array<[readonly LatLon[], number]>): Path {
  const points = [start];
  const kn: number[] = [];
  for (const [wps, speed] of legs) {
    for (const w of wps) {
      points.push(w);
      kn.push(speed);
    }
  }
  return { points, kn };
}

export function reversePath(p: Path): Path {
  return { points: [...p.points].reverse(), kn: [...p.kn].reverse() };
}

export function pathDurationMs(p: Path, factor = 1): number {
  let ms = 0;
  for (let i = 0; i < p.kn.length; i++) ms += Itinerary.durationMs(p.points[i], [p.points[i + 1]], p.kn[i] * factor);
  return ms;
}

/** Sails a path from its first point (the itinerary should be there); `factor` scales speeds. */
export function follow(it: Itinerary, p: Path, factor = 1, navStatus: number = NAV.underway): Itinerary {
  if (distanceM(it.pos, p.points[0]) > 1) it.sail([p.points[0]], p.kn[0] * factor, navStatus);
  for (let i = 0; i < p.kn.length; i++) it.sail([p.points[i + 1]], p.kn[i] * factor, navStatus);
  return it;
}
