import type { VesselState } from '../tracker/vessel-state.js';
import type { ZoneKind } from '@seawarden/contracts';
import { msToIso } from '../geo.js';
import { RUN_ON_FIX, type Detector, type DetectorContext, type Finding } from './detector.js';
import { duration, evidence, kn, pos } from './evidence.js';
import { sunTimes, isNight } from './sun.js';

const SCENIC: ReadonlySet<ZoneKind> = new Set(['scenic_area', 'landing_point']);

interface State {
  since: number;
  zoneId: string;
  reported: boolean;
  /** Last proximity check (scenic lookups are not free). */
  checkedAt: number;
  checkLat: number;
  checkLon: number;
  lastUnderwayAt: number;
}

/** Small leisure boats (types 36/37, untyped small Class B, unregistered type 30), not licensed ferries. */
export function isNightCandidate(v: VesselState, ctx: DetectorContext): boolean {
  if (v.licensed) return false;
  if (v.category === 'leisure') return true;
  const t = v.shipType;
  return (t === 30 || t === 36 || t === 37) && v.smallCraft && !(v.reg && v.reg.category === 'fishing');
}

/**
 * 7 night_operation: a small leisure boat under way between local sunset and sunrise (suncalc
 * at its position) within `nightNearScenicM` of a scenic area or landing point, for at least
 * `nightMinUnderwayMs`. Low; medium after an hour. Stops of up to `nightHoldMs` between the
 * night's legs continue the same alert.
 */
export const nightOperationDetector: Detector = {
  rule: 'night_operation',
  runsOn: RUN_ON_FIX,
  zoneMask: 0,
  relevant: (v, ctx) => v.motion === 'underway' && isNightCandidate(v, ctx) && isNight(ctx.now, v.lat, v.lon),
  detect(v: VesselState, ctx: DetectorContext): Finding[] {
    const now = ctx.now;
    const p = ctx.params;
    const st = v.det?.night_operation as State | undefined;
    if (!isNightCandidate(v, ctx) || !isNight(now, v.lat, v.lon)) {
      if (v.det && st) delete v.det.night_operation; // daylight: the night's episode ends
      return [];
    }
    if (v.motion !== 'underway') {
      // A stop at a landing within the night's trips continues the same episode for a while.
      if (st?.reported && now - st.lastUnderwayAt <= p.nightHoldMs) return [finding(v, st, now, [])];
      if (v.det && st && !st.reported) delete v.det.night_operation;
      return [];
    }
    let s = st;
    if (s) s.lastUnderwayAt = now;
    const moved = s ? Math.abs(v.lat - s.checkLat) * 111_320 + Math.abs(v.lon - s.checkLon) * 96_000 : Infinity;
    if (!s || (!s.reported && (moved > 200 || now - s.checkedAt > 120_000))) {
      const near = ctx.zones.near(v.lat, v.lon, p.nightNearScenicM, SCENIC)[0];
      if (!near) {
        if (s && !s.reported && v.det) delete v.det.night_operation;
        return s?.reported ? [finding(v, s, now, [])] : [];
      }
      if (!s) {
        s = { since: now, zoneId: near.zone.id, reported: false, checkedAt: now, checkLat: v.lat, checkLon: v.lon, lastUnderwayAt: now };
        (v.det ??= {}).night_operation = s;
      } else {
        s.checkedAt = now;
        s.checkLat = v.lat;
        s.checkLon = v.lon;
      }
    }
    if (now - s.since < p.nightMinUnderwayMs) return [];
    const ev = [];
    if (!s.reported) {
      s.reported = true;
      const [, sunset] = sunTimes(now, v.lat, v.lon);
      const z = ctx.zones.byId(s.zoneId);
      ev.push(
        evidence('underway_at_night', s.since, v.lat, v.lon, {
          zh: `日落（${msToIso(sunset).slice(11, 16)} UTC）后在${z?.name.zh ?? s.zoneId}附近航行，航速 ${kn(v.sog)} 节`,
          en: `under way at ${kn(v.sog)} kn near ${z?.name.en ?? s.zoneId} after sunset (${msToIso(sunset).slice(11, 16)} UTC)`,
        }, { zoneId: s.zoneId, sunset: msToIso(sunset) }),
      );
    }
    return [finding(v, s, now, ev)];
  },
};

function finding(v: VesselState, s: State, now: number, ev: ReturnType<typeof evidence>[]): Finding {
  const long = now - s.since >= 3_600_000;
  return {
    key: 'night',
    zoneId: s.zoneId,
    severity: long ? 'medium' : 'low',
    position: pos(v.lat, v.lon),
    signature: long ? 'long' : 'short',
    evidence: ev,
    reason: {
      zh: `小型游艇夜间在景区海岛附近航行（${duration(now - s.since).zh}）`,
      en: `small leisure boat under way at night near a scenic island (${duration(now - s.since).en})`,
    },
  };
}
