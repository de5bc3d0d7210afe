import type { Severity } from '@seawarden/contracts';
import { distanceM, msToIso } from '../geo.js';
import type { VesselState } from '../tracker/vessel-state.js';
import { HARBOUR_MASK, ZONE_KIND_BIT } from '../zones/zone.js';
import type { DetectorContext, Finding } from './detector.js';
import { duration, evidence, pos, vesselLabel } from './evidence.js';
import type { FleetDetector } from './index.js';

interface Pair {
  /** Detection round in which the pair was last within range. */
  round: number;
  a: number;
  b: number;
  since: number;
  lastSeen: number;
  minM: number;
  reported: boolean;
}

const M_PER_DEG = 111_320;
/** Ports, terminals, anchorages and piers: boats lie together there lawfully. */
const AT_BERTH = HARBOUR_MASK | ZONE_KIND_BIT.landing_point;

/**
 * 8 encounter: two vessels ≤ `encounterMaxM` apart for ≥ `encounterMinMs`, both slower than
 * `encounterMaxKn`, neither in a port, terminal or anchorage. Candidates are bucketed in a grid
 * of `encounterMaxM` cells and only neighbouring cells are compared (no O(n²)). One alert per
 * pair, on the lower MMSI, naming the other. Medium when a fishing vessel meets a cargo ship or
 * tanker (transshipment, fuel) or the meeting is in a fishing-ban zone while its ban is in
 * force; high when there a fishing auxiliary vessel meets a fishing vessel (resupply or catch
 * collection, banned during the moratorium); else low.
 */
export class EncounterDetector implements FleetDetector {
  readonly rule = 'encounter' as const;
  private pairs = new Map<string, Pair>();
  private round = 0;

  detectAll(vessels: Iterable<VesselState>, ctx: DetectorContext): Map<VesselState, Finding[]> {
    const p = ctx.params;
    const now = ctx.now;
    const cellDeg = p.encounterMaxM / M_PER_DEG;
    const grid = new Map<number, VesselState[]>();
    const byMmsi = new Map<number, VesselState>();
    for (const v of vessels) {
      if (!v.hasFix || v.aisClass === 'other' || now - v.fixAt > p.encounterFreshMs) continue;
      if (v.sog === null || v.sog >= p.encounterMaxKn || (v.kindMask & AT_BERTH) !== 0) continue;
      // Moored (5) or at anchor (1) by its own account: lying together is lawful there.
      if (v.navStatus === 1 || v.navStatus === 5) continue;
      const key = Math.floor((v.lon + 180) / cellDeg) * 1_000_000 + Math.floor((v.lat + 90) / cellDeg);
      let list = grid.get(key);
      if (!list) grid.set(key, (list = []));
      list.push(v);
      byMmsi.set(v.mmsi, v);
    }
    const round = ++this.round;
    const neighbours = new Map<number, number>();
    const bump = (m: number) => neighbours.set(m, (neighbours.get(m) ?? 0) + 1);
    for (const [key, list] of grid) {
      const cx = Math.floor(key / 1_000_000);
      const cy = key % 1_000_000;
      // Cells are square in degrees, so narrower than encounterMaxM east–west: look further in x.
      const rx = Math.ceil(1 / Math.max(0.05, Math.cos(((cy + 0.5) * cellDeg - 90) * (Math.PI / 180))));
      for (let dx = -rx; dx <= rx; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          const other = grid.get((cx + dx) * 1_000_000 + (cy + dy));
          if (!other) continue;
          for (const a of list) {
            for (const b of other) {
              if (a.mmsi >= b.mmsi) continue; // each pair once
              const d = distanceM(a.lat, a.lon, b.lat, b.lon);
              if (d > p.encounterMaxM) continue;
              bump(a.mmsi);
              bump(b.mmsi);
              const pk = `${a.mmsi}-${b.mmsi}`;
              const pair = this.pairs.get(pk);
              if (!pair) this.pairs.set(pk, { round, a: a.mmsi, b: b.mmsi, since: now, lastSeen: now, minM: d, reported: false });
              else {
                pair.round = round;
                pair.lastSeen = now;
                if (d < pair.minM) pair.minM = d;
              }
            }
          }
        }
      }
    }
    const found = new Map<VesselState, Finding[]>();
    for (const [pk, pair] of this.pairs) {
      if (pair.round !== round) {
        // One missed round is tolerated (a late report); longer apart ends the pair.
        if (now - pair.lastSeen > 2 * p.encounterEveryMs + 1) this.pairs.delete(pk);
        continue;
      }
      if (now - pair.since < p.encounterMinMs) continue;
      // A crowd lying together is a berth or an anchorage nobody drew, not a meeting.
      if ((neighbours.get(pair.a) ?? 0) >= p.encounterMaxGroup || (neighbours.get(pair.b) ?? 0) >= p.encounterMaxGroup) continue;
      const a = byMmsi.get(pair.a)!;
      const b = byMmsi.get(pair.b)!;
      const f = this.finding(pair, a, b, ctx);
      const list = found.get(a);
      if (list) list.push(f);
      else found.set(a, [f]);
    }
    return found;
  }

  private finding(pair: Pair, a: VesselState, b: VesselState, ctx: DetectorContext): Finding {
    const now = ctx.now;
    const cats = new Set([a.category, b.category]);
    const transship = cats.has('fishing') && (cats.has('cargo') || cats.has('tanker'));
    const inBan = banInForce(a, ctx) || banInForce(b, ctx);
    // Fishing auxiliary vessels may not resupply boats or collect their catch during the moratorium.
    const resupply = inBan && ((a.reg?.gear === 'auxiliary' && b.category === 'fishing') || (b.reg?.gear === 'auxiliary' && a.category === 'fishing'));
    const severity: Severity = resupply ? 'high' : transship || inBan ? 'medium' : 'low';
    const other = vesselLabel(b.name, b.mmsi);
    const ev = [];
    if (!pair.reported) {
      pair.reported = true;
      ev.push(
        evidence('encounter', pair.since, a.lat, a.lon, {
          zh: `自 ${msToIso(pair.since)} 起与 ${other.zh} 相距不足 ${ctx.params.encounterMaxM} 米，双方航速均低于 ${ctx.params.encounterMaxKn} 节`,
          en: `within ${ctx.params.encounterMaxM} m of ${other.en} since ${msToIso(pair.since)}, both slower than ${ctx.params.encounterMaxKn} kn`,
        }, { otherMmsi: b.mmsi, otherName: b.name, otherLat: pos(b.lat, b.lon).lat, otherLon: pos(b.lat, b.lon).lon, otherCategory: b.category, minDistanceM: Math.round(pair.minM) }),
      );
    }
    return {
      key: `with:${b.mmsi}`,
      zoneId: null,
      severity,
      position: pos(a.lat, a.lon),
      evidence: ev,
      reason: {
        zh: `海上靠泊/会遇：与 ${other.zh} 低速伴行${duration(now - pair.since).zh}（最近 ${Math.round(pair.minM)} 米）${resupply ? '，休渔期间捕捞辅助船与渔船会合（禁止补给、收鲜）' : transship ? '，疑似渔获/燃油过驳' : inBan ? '，休渔期间在禁渔区内' : ''}`,
        en: `at-sea encounter with ${other.en} for ${duration(now - pair.since).en} (closest ${Math.round(pair.minM)} m)${resupply ? ', a fishing auxiliary vessel meeting a fishing vessel during the moratorium (no resupply or catch collection allowed)' : transship ? ', possible transshipment' : inBan ? ', in a fishing-ban zone during the moratorium' : ''}`,
      },
    };
  }

  exportState(): unknown {
    return [...this.pairs.values()];
  }

  importState(state: unknown): void {
    this.pairs.clear();
    if (!Array.isArray(state)) return;
    for (const p of state as Pair[]) this.pairs.set(`${p.a}-${p.b}`, { ...p, round: 0 });
  }
}

/** The vessel is inside a fishing-ban zone whose calendar is in force now (its general period). */
function banInForce(v: VesselState, ctx: DetectorContext): boolean {
  const zs = v.zones;
  if (!zs || (v.kindMask & ZONE_KIND_BIT.fishing_ban) === 0) return false;
  for (let k = 0; k < zs.length; k += 3) {
    const z = ctx.zones.all[zs[k]];
    if (z.kind === 'fishing_ban' && ctx.calendars.status(z.properties.calendar as string, ctx.now, { gear: null, lat: v.lat, lon: v.lon, specialLicence: false })) return true;
  }
  return false;
}
