import type { Severity } from '@seawarden/contracts';
import type { VesselState } from '../tracker/vessel-state.js';
import { ZONE_KIND_BIT } from '../zones/zone.js';
import { RUN_ON_FIX, type Detector, type DetectorContext, type Finding } from './detector.js';
import { duration, evidence, kn, pos } from './evidence.js';
import { isExempt } from './zone-exemption.js';

const BIT = ZONE_KIND_BIT.speed_limit;
const newRuns = (): Record<string, Run> => ({});

interface Run {
  since: number;
  maxSog: number;
  reported: boolean;
}

/**
 * 4 speeding: SOG above the zone's `speedLimitKn` + tolerance on every fix for at least
 * `speedingMinMs`, exactly inside the zone (no exit grace: leaving the zone ends it).
 * Severity by excess: < 20 % low, < 50 % medium, else high.
 */
export const speedingDetector: Detector = {
  rule: 'speeding',
  runsOn: RUN_ON_FIX,
  zoneMask: BIT,
  relevant: (v) => (v.rawKindMask & BIT) !== 0,
  detect(v: VesselState, ctx: DetectorContext): Finding[] {
    const out: Finding[] = [];
    const raw = v.raw;
    const runs = v.detState('speeding', newRuns);
    const now = ctx.now;
    const p = ctx.params;
    if (raw && v.sog !== null) {
      for (const idx of raw) {
        const zone = ctx.zones.all[idx];
        if (zone.kind !== 'speed_limit' || isExempt(v, zone, p.exemptShipTypes)) continue;
        const limit = zone.properties.speedLimitKn as number;
        let run = runs[zone.id];
        if (v.sog <= limit + p.speedToleranceKn) {
          delete runs[zone.id];
          continue;
        }
        if (!run) runs[zone.id] = run = { since: now, maxSog: v.sog, reported: false };
        if (v.sog > run.maxSog) run.maxSog = v.sog;
        if (now - run.since < p.speedingMinMs) continue;
        const excess = (run.maxSog - limit) / limit;
        const severity: Severity = excess >= 0.5 ? 'high' : excess >= 0.2 ? 'medium' : 'low';
        const ev = [];
        if (!run.reported) {
          run.reported = true;
          ev.push(
            evidence('over_speed_limit', run.since, v.lat, v.lon, {
              zh: `在${zone.name.zh}（限速 ${limit} 节）以 ${kn(v.sog)} 节航行已${duration(now - run.since).zh}`,
              en: `${kn(v.sog)} kn in ${zone.name.en} (limit ${limit} kn) for ${duration(now - run.since).en}`,
            }, { zoneId: zone.id, limitKn: limit, sog: v.sog }),
          );
        }
        out.push({
          zoneId: zone.id,
          severity,
          position: pos(v.lat, v.lon),
          signature: severity,
          evidence: ev,
          reason: {
            zh: `超速：${zone.name.zh}限速 ${limit} 节，最高 ${kn(run.maxSog)} 节`,
            en: `speeding: ${zone.name.en} limit ${limit} kn, up to ${kn(run.maxSog)} kn`,
          },
        });
      }
    }
    // Runs of zones the vessel is no longer exactly inside end (no key array, no closure: this runs on every fix).
    for (const id in runs) {
      let still = false;
      if (raw) for (let k = 0; k < raw.length && !still; k++) still = ctx.zones.all[raw[k]].id === id;
      if (!still) delete runs[id];
    }
    return out;
  },
};
