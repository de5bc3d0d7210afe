import { distanceM, headingDelta } from '../geo.js';
import type { TrackRing } from './track-ring.js';

/** Movement over a recent window of the track (fishing-like vs transit). */
export interface MotionStats {
  /** Time covered by the fixes in the window (ms). */
  spanMs: number;
  fixes: number;
  /** Share of fixes with sog in the band. */
  bandShare: number;
  /** Summed course change between consecutive moving fixes (degrees). */
  turnDeg: number;
  meanSog: number;
  /** Displacement / path length (1 = straight line). */
  straightness: number;
}

const stats: MotionStats = { spanMs: 0, fixes: 0, bandShare: 0, turnDeg: 0, meanSog: 0, straightness: 0 };

/** Stats of the fixes newer than `sinceMs`. Returns a shared object: read it before the next call. */
export function motionStats(track: TrackRing, sinceMs: number, minKn: number, maxKn: number): MotionStats {
  let n = 0;
  let band = 0;
  let sogSum = 0;
  let sogN = 0;
  let turn = 0;
  let path = 0;
  let prevCog = NaN;
  let oldest = -1;
  for (let k = 0; k < track.length; k++) {
    const t = track.t(k);
    if (t < sinceMs) break;
    oldest = k;
    n++;
    const sog = track.sog(k);
    if (!Number.isNaN(sog)) {
      sogSum += sog;
      sogN++;
      if (sog >= minKn && sog <= maxKn) band++;
    }
    // Course from positions (the reported COG of slow boats is noisy).
    if (k + 1 < track.length && track.t(k + 1) >= sinceMs) {
      const d = distanceM(track.lat(k + 1), track.lon(k + 1), track.lat(k), track.lon(k));
      path += d;
      const cog = track.cog(k);
      if (!Number.isNaN(cog) && !Number.isNaN(sog) && sog >= minKn) {
        if (!Number.isNaN(prevCog)) turn += headingDelta(prevCog, cog);
        prevCog = cog;
      }
    }
  }
  stats.fixes = n;
  stats.spanMs = oldest >= 0 ? track.t(0) - track.t(oldest) : 0;
  stats.bandShare = sogN ? band / sogN : 0;
  stats.turnDeg = turn;
  stats.meanSog = sogN ? sogSum / sogN : 0;
  stats.straightness = oldest > 0 && path > 0 ? distanceM(track.lat(oldest), track.lon(oldest), track.lat(0), track.lon(0)) / path : 0;
  return stats;
}
