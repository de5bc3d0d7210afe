import type { Severity } from '@seawarden/contracts';
import { distanceM, msToIso } from '../geo.js';
import type { DetectorParams } from '../params.js';
import type { Segment } from '../tracker/segment.js';
import type { VesselState } from '../tracker/vessel-state.js';
import { RUN_ON_FIX, RUN_ON_MESSAGE, SEVERITY_OF_RANK, type Detector, type DetectorContext, type Finding } from './detector.js';
import { duration, evidence, kn, placeName, pos } from './evidence.js';
import { isNight } from './sun.js';
import { closureBinds } from './zone-exemption.js';

interface Leg {
  startAt: number;
  endAt: number;
  from: string | null;
  to: string | null;
  meanKn: number;
  distM: number;
  sLat: number;
  sLon: number;
  eLat: number;
  eLon: number;
  /** Sailed (started or ended) between local sunset and sunrise. */
  night?: boolean;
  /** Id of the temporary closure (sailing ban) in force where the leg ended, if any. */
  closure?: string | null;
}
interface State {
  legs: Leg[];
  /** End times of turnarounds (ferry leg → short stop → ferry leg). */
  turns: number[];
  /** The last closed segment was a ferry-like leg (chain continues through a short stop). */
  chainLeg: Leg | null;
  chainStop: { startAt: number; endAt: number; place: string | null } | null;
  pobReported: number | null;
}

const isPassengerTyped = (t: number | null) => t !== null && t >= 60 && t <= 69;

/** Boats this rule watches: not on the licensed passenger register, and small leisure/untyped or passenger-typed. */
export function isPassengerCandidate(v: VesselState, ctx: DetectorContext): boolean {
  if (v.licensed) return false;
  if (isPassengerTyped(v.shipType)) return true;
  return v.smallCraft || v.category === 'leisure';
}

export function isFerryLeg(s: Segment, p: DetectorParams): boolean {
  if (s.kind !== 'leg') return false;
  const ms = s.endAt - s.startAt;
  if (ms <= 0) return false;
  const disp = distanceM(s.startLat, s.startLon, s.endLat, s.endLon);
  const meanKn = s.pathM / 1852 / (ms / 3_600_000);
  return disp >= p.ferryLegMinM && meanKn >= p.ferryLegMinKn && meanKn <= p.ferryLegMaxKn && s.pathM > 0 && disp / s.pathM >= p.ferryLegMinStraightness;
}

/**
 * 2 illegal_passenger_carrying: a small leisure/unlicensed boat that shuttles like a ferry —
 * a straight 8–20 kn leg, a 3–15 min stop, another straight leg — with a pier, landing or
 * scenic spot at one end. A single trip out and a long stay is a lawful outing and never fires.
 * A passenger-typed boat not on the register fires on its first ferry-like leg from a place.
 * Severity rises with the number of turnarounds in a day; persons on board above crew size
 * (binary message) raise it one step, and so do legs sailed at night or while a temporary
 * closure (a weather sailing ban, also one declared for fog) is in force where they end.
 */
export const passengerCarryingDetector: Detector = {
  rule: 'illegal_passenger_carrying',
  runsOn: RUN_ON_FIX | RUN_ON_MESSAGE,
  zoneMask: 0,
  relevant: (v, ctx) => {
    const u = ctx.update;
    return !!u && (u.segmentClosed !== null || u.pobChanged) && isPassengerCandidate(v, ctx);
  },
  detect(v: VesselState, ctx: DetectorContext): Finding[] {
    if (!isPassengerCandidate(v, ctx)) return [];
    const p = ctx.params;
    const now = ctx.now;
    const s = v.detState<State>('illegal_passenger_carrying', () => ({ legs: [], turns: [], chainLeg: null, chainStop: null, pobReported: null }));
    const newEvidence = [];
    const seg = ctx.update?.segmentClosed ?? null;
    if (seg) {
      if (seg.kind === 'stop') {
        const ms = seg.endAt - seg.startAt;
        s.chainStop = s.chainLeg && ms >= p.ferryStopMinMs && ms <= p.ferryStopMaxMs ? { startAt: seg.startAt, endAt: seg.endAt, place: seg.startPlace ?? seg.endPlace } : null;
        if (!s.chainStop) s.chainLeg = null;
      } else if (isFerryLeg(seg, p)) {
        const ms = seg.endAt - seg.startAt;
        const leg: Leg = {
          startAt: seg.startAt,
          endAt: seg.endAt,
          from: seg.startPlace,
          to: seg.endPlace,
          meanKn: Math.round((seg.pathM / 1852 / (ms / 3_600_000)) * 10) / 10,
          distM: Math.round(seg.pathM),
          sLat: seg.startLat,
          sLon: seg.startLon,
          eLat: seg.endLat,
          eLon: seg.endLon,
          night: isNight(seg.startAt, seg.startLat, seg.startLon) || isNight(seg.endAt, seg.endLat, seg.endLon),
          closure: closureAt(v, ctx),
        };
        const prev = s.chainLeg;
        const stop = s.chainStop;
        const turnaround = !!prev && !!stop && (prev.from !== null || stop.place !== null || leg.to !== null);
        const passengerTyped = isPassengerTyped(v.shipType);
        if (turnaround || (passengerTyped && (leg.from !== null || leg.to !== null))) {
          if (prev && !s.legs.some((l) => l.startAt === prev.startAt)) {
            s.legs.push(prev);
            newEvidence.push(legEvidence(prev, ctx));
          }
          if (turnaround && stop) {
            s.turns.push(stop.endAt);
            const where = placeName(ctx.zones, stop.place, leg.sLat, leg.sLon);
            newEvidence.push(
              evidence('short_stop', stop.startAt, leg.sLat, leg.sLon, {
                zh: `在${where.zh}停靠${duration(stop.endAt - stop.startAt).zh}后折返（上下客特征）`,
                en: `stopped ${duration(stop.endAt - stop.startAt).en} at ${where.en} and turned round (passengers on/off)`,
              }, { place: stop.place, from: msToIso(stop.startAt), to: msToIso(stop.endAt) }),
            );
          }
          s.legs.push(leg);
          newEvidence.push(legEvidence(leg, ctx));
        }
        s.chainLeg = leg;
        s.chainStop = null;
      } else {
        s.chainLeg = null;
        s.chainStop = null;
      }
    }
    // Forget what is older than the window.
    const since = now - p.ferryWindowMs;
    while (s.legs.length && s.legs[0].endAt < since) s.legs.shift();
    while (s.turns.length && s.turns[0] < since) s.turns.shift();
    if (s.legs.length > 40) s.legs.splice(0, s.legs.length - 40);

    const lastLegEnd = s.legs.length ? s.legs[s.legs.length - 1].endAt : -Infinity;
    const pob = v.pob !== null && v.pobAt !== null && now - v.pobAt < p.ferryWindowMs ? v.pob : null;
    const crowded = pob !== null && pob > p.leisureCrewMax && !isPassengerTyped(v.shipType);
    if (crowded && s.pobReported !== pob) {
      s.pobReported = pob;
      newEvidence.push(
        evidence('persons_on_board', v.pobAt ?? now, v.hasFix ? v.lat : null, v.hasFix ? v.lon : null, {
          zh: `AIS报告船上 ${pob} 人，超过游艇自用的 ${p.leisureCrewMax} 人`,
          en: `AIS reports ${pob} persons on board, more than the ${p.leisureCrewMax} of an owner's party`,
        }, { personsOnBoard: pob }),
      );
    }
    const active = now - lastLegEnd <= p.ferryHoldMs;
    const turns = s.turns.length;
    if (!active && !crowded) {
      if (s.legs.length === 0 && s.turns.length === 0 && !s.chainLeg && v.det) delete v.det.illegal_passenger_carrying;
      return [];
    }
    // 1 turnaround (one round trip): medium; 2 round trips: high; 3+: critical.
    let rank = active ? (turns >= 5 ? 3 : turns >= 3 ? 2 : 1) : -1;
    if (crowded) rank = Math.min(3, rank + 1);
    const aggravated = s.legs.filter((l) => l.night || l.closure).length;
    if (active && aggravated > 0) rank = Math.min(3, rank + 1);
    const severity: Severity = SEVERITY_OF_RANK[rank];
    const label = isPassengerTyped(v.shipType) ? { zh: `未列入客船名录的客船（船型 ${v.shipType}）`, en: `passenger-typed boat (type ${v.shipType}) not on the licensed register` } : { zh: '小型游艇/未持证船舶', en: 'small leisure/unlicensed boat' };
    return [
      {
        zoneId: s.legs.length ? (s.legs[s.legs.length - 1].to ?? s.legs[s.legs.length - 1].from) : null,
        key: 'ferrying',
        severity,
        position: v.hasFix ? pos(v.lat, v.lon) : null,
        signature: `${s.legs.length}|${turns}|${crowded ? pob : ''}|${aggravated}`,
        evidence: newEvidence,
        reason: {
          zh: `${label.zh}呈渡运特征：24小时内 ${s.legs.length} 个直线航段、${turns} 次短停折返${aggravated ? `（其中 ${aggravated} 个航段在夜间或临时管制期间）` : ''}${crowded ? `，船上 ${pob} 人` : ''}`,
          en: `${label.en} shuttling like a ferry: ${s.legs.length} straight legs and ${turns} short turnarounds in 24 h${aggravated ? ` (${aggravated} of the legs at night or during a sailing ban)` : ''}${crowded ? `, ${pob} persons on board` : ''}`,
        },
      },
    ];
  },
};

function legEvidence(l: Leg, ctx: DetectorContext) {
  const a = placeName(ctx.zones, l.from, l.sLat, l.sLon);
  const b = placeName(ctx.zones, l.to, l.eLat, l.eLon);
  const d = duration(l.endAt - l.startAt);
  const closure = l.closure ? (ctx.zones.byId(l.closure)?.name ?? { zh: l.closure, en: l.closure }) : null;
  const zh = `${l.night ? '，夜间航行' : ''}${closure ? `，${closure.zh}临时管制期间` : ''}`;
  const en = `${l.night ? ', at night' : ''}${closure ? `, while the ${closure.en} closure is in force` : ''}`;
  return evidence('ferry_leg', l.startAt, l.sLat, l.sLon, {
    zh: `${a.zh} → ${b.zh}：${msToIso(l.startAt).slice(11, 16)}–${msToIso(l.endAt).slice(11, 16)} UTC，${(l.distM / 1852).toFixed(1)} 海里，平均 ${kn(l.meanKn)} 节，用时${d.zh}${zh}`,
    en: `${a.en} → ${b.en}: ${msToIso(l.startAt).slice(11, 16)}–${msToIso(l.endAt).slice(11, 16)} UTC, ${(l.distM / 1852).toFixed(1)} nm at ${kn(l.meanKn)} kn in ${d.en}${en}`,
  }, {
    from: l.from, to: l.to, startAt: msToIso(l.startAt), endAt: msToIso(l.endAt), meanKn: l.meanKn, distanceM: l.distM,
    endLat: pos(l.eLat, l.eLon).lat, endLon: pos(l.eLat, l.eLon).lon, night: l.night ?? false, closureZoneId: l.closure ?? null,
  });
}

/** Id of the temporary closure in force where the vessel is now and that applies to it, if any. */
function closureAt(v: VesselState, ctx: DetectorContext): string | null {
  const zs = v.zones;
  if (!zs) return null;
  for (let k = 0; k < zs.length; k += 3) {
    const zone = ctx.zones.all[zs[k]];
    if (closureBinds(v, zone, ctx.now, ctx.params.exemptShipTypes)) return zone.id;
  }
  return null;
}
