import { msToIso } from '../geo.js';
import type { VesselState } from '../tracker/vessel-state.js';
import { ZONE_KIND_BIT } from '../zones/zone.js';
import { RUN_ON_FIX, type Detector, type DetectorContext, type Finding } from './detector.js';
import { duration, evidence, kn, pos } from './evidence.js';
import { closureBinds } from './zone-exemption.js';

const BIT = ZONE_KIND_BIT.temporary_closure;
const newState = (): Record<string, number> => ({});

/**
 * 3b temporary_closure: a non-exempt vessel under way inside a temporary closure (e.g. a
 * typhoon sailing ban) while its validity window is in force, for at least `closureDwellMs`.
 * Moored or anchored vessels are what the closure asks for and never fire.
 */
export const temporaryClosureDetector: Detector = {
  rule: 'temporary_closure',
  runsOn: RUN_ON_FIX,
  zoneMask: BIT,
  relevant: (v) => (v.kindMask & BIT) !== 0,
  detect(v: VesselState, ctx: DetectorContext): Finding[] {
    if (!v.zones || (v.kindMask & BIT) === 0) return [];
    const out: Finding[] = [];
    const now = ctx.now;
    const st = v.detState('temporary_closure', newState);
    for (let k = 0; k < v.zones.length; k += 3) {
      const zone = ctx.zones.all[v.zones[k]];
      if (!closureBinds(v, zone, now, ctx.params.exemptShipTypes)) continue;
      const reported = st[zone.id] !== undefined;
      const underway = v.motion === 'underway';
      if (!reported) {
        // Under way inside since when? Count from the later of entry and the window's start.
        const since = Math.max(v.zones[k + 1], zone.validFromMs ?? -Infinity);
        if (!underway) {
          delete st[`${zone.id}#since`];
          continue;
        }
        const u0 = (st[`${zone.id}#since`] ??= Math.max(since, now));
        if (now - u0 < ctx.params.closureDwellMs) continue;
        st[zone.id] = u0;
        delete st[`${zone.id}#since`];
      }
      const evidenceNew = reported
        ? []
        : [
            evidence('underway_in_closure', st[zone.id], v.lat, v.lon, {
              zh: `${zone.name.zh}临时管制期间（${zone.properties.validFrom ?? '…'} 至 ${zone.properties.validTo ?? '…'}）仍在航行，航速 ${kn(v.sog)} 节`,
              en: `under way at ${kn(v.sog)} kn in ${zone.name.en} while the closure is in force (${zone.properties.validFrom ?? '…'} to ${zone.properties.validTo ?? '…'})`,
            }, { zoneId: zone.id, validFrom: zone.properties.validFrom ?? null, validTo: zone.properties.validTo ?? null, since: msToIso(st[zone.id]) }),
          ];
      if (!underway && reported) continue; // stopped: condition lapses (grace closes it)
      out.push({
        zoneId: zone.id,
        severity: 'high',
        position: pos(v.lat, v.lon),
        evidence: evidenceNew,
        reason: {
          zh: `临时管制（${zone.name.zh}）生效期间船舶仍在航行（${duration(now - st[zone.id]).zh}）`,
          en: `vessel under way in ${zone.name.en} while the temporary closure is in force (${duration(now - st[zone.id]).en})`,
        },
      });
    }
    for (const key in st) {
      if (key.includes('#')) continue;
      let kept = false;
      for (let i = 0; i < out.length && !kept; i++) kept = out[i].zoneId === key;
      if (!kept) delete st[key];
    }
    return out;
  },
};
