import { distanceM } from '../geo.js';
import type { VesselState } from '../tracker/vessel-state.js';
import { HARBOUR_MASK, ZONE_KIND_BIT } from '../zones/zone.js';
import { RUN_ON_FIX, type Detector, type DetectorContext, type Finding } from './detector.js';
import { duration, evidence, kn, pos } from './evidence.js';

/** Where lying still is what vessels are there for: ports, anchorages, terminals, landing points. */
const BERTH_MASK = HARBOUR_MASK | ZONE_KIND_BIT.landing_point;

interface State {
  /** Start of the slow run. */
  since: number;
  sinceLat: number;
  sinceLon: number;
  lastAt: number;
  /** Short-term average SOG (exponential, time constant `loiterAverageMs`): a run ends when it reaches `loiterMaxKn`. */
  avgKn: number;
  /** ∫ SOG dt over the run (kn·ms), for the run's own average in the evidence. */
  knMs: number;
  reported: boolean;
}

/**
 * Vessels the rule watches: a valid ship MMSI (drifting net buoys send made-up ones), not a
 * fishing boat (slow and turning is its work; the ban rule judges it), a service craft (tugs,
 * pilots, dredgers, law enforcement) or a leisure boat (anchored off a beach is lawful), and not
 * reporting a status that explains lying still (moored, aground, fishing, restricted in
 * manoeuvrability).
 */
function isCandidate(v: VesselState, ctx: DetectorContext): boolean {
  if (v.mmsiProblem !== null || v.category === 'fishing' || v.category === 'service' || v.category === 'leisure') return false;
  return v.navStatus === null || !ctx.params.loiterExemptNavStatus.includes(v.navStatus);
}

/**
 * 9 loitering (DOMAIN.md): an average speed under `loiterMaxKn` for at least `loiterMinMs`
 * outside ports, anchorages, passenger terminals and landing points — a ship waiting at sea for
 * a transfer, or anchored where it should not be. The run starts at the first slow fix outside
 * those zones; a short-term average keeps station-keeping hops in the run and ends it when the
 * vessel really gets under way; entering a berth zone or a silence of `loiterMaxGapMs` ends it
 * too. Low; medium after twice the minimum.
 */
export const loiteringDetector: Detector = {
  rule: 'loitering',
  runsOn: RUN_ON_FIX,
  zoneMask: 0,
  relevant: (v, ctx) =>
    v.hasFix && v.sog !== null && (v.sog < ctx.params.loiterMaxKn || v.det?.loitering !== undefined) && isCandidate(v, ctx),
  detect(v: VesselState, ctx: DetectorContext): Finding[] {
    const p = ctx.params;
    const now = ctx.now;
    let s = v.det?.loitering as State | undefined;
    if (!isCandidate(v, ctx) || (v.kindMask & BERTH_MASK) !== 0 || v.sog === null) {
      if (s) delete v.det!.loitering;
      return [];
    }
    const sog = v.sog;
    if (s && now - s.lastAt > p.loiterMaxGapMs) {
      // Silent too long to say what it did meanwhile: start again (ais_gap reports the silence).
      delete v.det!.loitering;
      s = undefined;
    }
    if (!s) {
      if (sog >= p.loiterMaxKn) return [];
      s = { since: now, sinceLat: v.lat, sinceLon: v.lon, lastAt: now, avgKn: sog, knMs: 0, reported: false };
      (v.det ??= {}).loitering = s;
    } else if (now > s.lastAt) {
      const dt = now - s.lastAt;
      s.avgKn += (sog - s.avgKn) * (1 - Math.exp(-dt / p.loiterAverageMs));
      s.knMs += sog * dt;
      s.lastAt = now;
    }
    if (s.avgKn >= p.loiterMaxKn) {
      delete v.det!.loitering; // under way again: the run is over
      return [];
    }
    const dur = now - s.since;
    if (dur < p.loiterMinMs) return [];
    const meanKn = dur > 0 ? s.knMs / dur : sog;
    const driftM = Math.round(distanceM(s.sinceLat, s.sinceLon, v.lat, v.lon));
    const ev = [];
    if (!s.reported) {
      s.reported = true;
      ev.push(
        evidence('slow_at_sea', s.since, s.sinceLat, s.sinceLon, {
          zh: `自此处起在港区、锚地和码头以外低速停留${duration(dur).zh}，平均航速 ${kn(meanKn)} 节，漂移 ${driftM} 米`,
          en: `slow outside ports, anchorages and landings since here for ${duration(dur).en}: average ${kn(meanKn)} kn, ${driftM} m from the start`,
        }, { averageKn: Math.round(meanKn * 10) / 10, driftM, navStatus: v.navStatus }),
      );
    }
    const long = dur >= 2 * p.loiterMinMs;
    return [{
      key: 'loiter',
      zoneId: null,
      severity: long ? 'medium' : 'low',
      position: pos(v.lat, v.lon),
      signature: long ? 'long' : 'short',
      evidence: ev,
      reason: {
        zh: `海上徘徊：${duration(dur).zh}平均航速 ${kn(meanKn)} 节（港区和锚地以外）`,
        en: `loitering: ${duration(dur).en} at ${kn(meanKn)} kn on average, outside ports and anchorages`,
      },
    }];
  },
};
