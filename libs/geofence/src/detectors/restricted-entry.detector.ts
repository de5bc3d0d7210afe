import type { VesselState } from '../tracker/vessel-state.js';
import { ZONE_KIND_BIT } from '../zones/zone.js';
import { RUN_ON_FIX, type Detector, type DetectorContext, type Finding } from './detector.js';
import { duration, evidence, pos } from './evidence.js';
import { isExempt } from './zone-exemption.js';

const BIT = ZONE_KIND_BIT.restricted;
const newState = (): Record<string, number> => ({});

/**
 * 3a restricted_entry: inside a restricted zone for at least `restrictedDwellMs` (debounce),
 * exactly inside at the current fix. The exit grace of the membership and the lifecycle grace
 * keep edge jitter in one alert. Severity: medium, high after 30 min or when under way deep inside.
 */
export const restrictedEntryDetector: Detector = {
  rule: 'restricted_entry',
  runsOn: RUN_ON_FIX,
  zoneMask: BIT,
  relevant: (v) => (v.kindMask & BIT) !== 0,
  detect(v: VesselState, ctx: DetectorContext): Finding[] {
    if (!v.zones || (v.kindMask & BIT) === 0) return [];
    const out: Finding[] = [];
    const now = ctx.now;
    for (let k = 0; k < v.zones.length; k += 3) {
      const zone = ctx.zones.all[v.zones[k]];
      if (zone.kind !== 'restricted' || isExempt(v, zone, ctx.params.exemptShipTypes)) continue;
      const entered = v.zones[k + 1];
      const dwell = now - entered;
      const st = v.detState('restricted_entry', newState);
      const reported = st[zone.id] !== undefined;
      // Debounce on the way in; once reported, the membership (with its exit grace) carries it.
      if (!reported && (dwell < ctx.params.restrictedDwellMs || !v.isRawIn(zone.index))) continue;
      const evidenceNew = [];
      if (!reported) {
        st[zone.id] = entered;
        evidenceNew.push(
          evidence('zone_entered', entered, v.lat, v.lon, {
            zh: `驶入禁航区${zone.name.zh}并停留${duration(dwell).zh}`,
            en: `entered restricted zone ${zone.name.en} and stayed ${duration(dwell).en}`,
          }, { zoneId: zone.id, dwellMs: dwell }),
        );
      }
      const long = dwell >= 30 * 60_000;
      out.push({
        zoneId: zone.id,
        severity: long ? 'high' : 'medium',
        position: pos(v.lat, v.lon),
        signature: long ? 'long' : 'short',
        evidence: evidenceNew,
        reason: { zh: `船舶在禁航区${zone.name.zh}内（已${duration(dwell).zh}）`, en: `vessel inside restricted zone ${zone.name.en} (${duration(dwell).en})` },
      });
    }
    cleanup(v, out);
    return out;
  },
};

function cleanup(v: VesselState, out: Finding[]) {
  const st = v.det?.restricted_entry as Record<string, number> | undefined;
  if (!st) return;
  for (const id in st) {
    let kept = false;
    for (let i = 0; i < out.length && !kept; i++) kept = out[i].zoneId === id;
    if (!kept) delete st[id];
  }
}
