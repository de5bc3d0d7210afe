import type { Severity } from '@seawarden/contracts';
import { msToIso } from '../geo.js';
import { motionStats } from '../tracker/motion-stats.js';
import type { VesselState } from '../tracker/vessel-state.js';
import { HARBOUR_MASK, ZONE_KIND_BIT } from '../zones/zone.js';
import { RUN_ON_FIX, type Detector, type DetectorContext, type Finding } from './detector.js';
import { duration, evidence, kn, pos } from './evidence.js';

type Mode = 'transit' | 'fishing';
interface State {
  /** Per ban zone id: the mode last reported (evidence only on changes). */
  mode: Record<string, Mode>;
  /** Per ban zone id: when the movement pattern was last judged (judged at most once a minute). */
  judgedAt: Record<string, number>;
}

const JUDGE_EVERY_MS = 60_000;

const BAN = ZONE_KIND_BIT.fishing_ban;

/**
 * 1 fishing_during_ban: a fishing vessel inside a ban zone whose calendar is in force for its
 * gear, outside ports and anchorages. Moving like fishing (0.5–5 kn with course changes over
 * ≥ 20 min) is high; merely at sea (transit, drifting) for ≥ 20 min is low. Hook-and-line and
 * special-licence openings come from the calendar.
 */
export const fishingBanDetector: Detector = {
  rule: 'fishing_during_ban',
  runsOn: RUN_ON_FIX,
  zoneMask: BAN,
  relevant: (v) => v.category === 'fishing' && (v.kindMask & BAN) !== 0,
  detect(v: VesselState, ctx: DetectorContext): Finding[] {
    if (v.category !== 'fishing' || (v.kindMask & BAN) === 0 || (v.kindMask & HARBOUR_MASK) !== 0 || !v.zones) return [];
    const p = ctx.params;
    const now = ctx.now;
    const out: Finding[] = [];
    for (let k = 0; k < v.zones.length; k += 3) {
      const zone = ctx.zones.all[v.zones[k]];
      if (zone.kind !== 'fishing_ban') continue;
      const gear = v.reg?.gear ?? null;
      const ban = ctx.calendars.status(zone.properties.calendar as string, now, {
        gear,
        lat: v.lat,
        lon: v.lon,
        specialLicence: v.reg?.specialLicence ?? false,
      });
      if (!ban || ban.licensedOpen) continue;
      // At sea since it entered the zone or left harbour, whichever is later.
      const atSeaSince = Math.max(v.zones[k + 1], v.leftHarbourAt);
      const inZoneMs = now - atSeaSince;
      const state = v.detState<State>('fishing_during_ban', () => ({ mode: {}, judgedAt: {} }));
      const known = state.mode[zone.id];
      const rejudge = known === undefined || now - (state.judgedAt[zone.id] ?? -Infinity) >= JUDGE_EVERY_MS;
      const st = rejudge ? motionStats(v.track, now - p.fishingWindowMs, p.fishingMinKn, p.fishingMaxKn) : null;
      const fishing = st
        ? st.spanMs >= p.fishingWindowMs * 0.9 && st.bandShare >= p.fishingMinBandShare && st.turnDeg >= p.fishingMinTurnDeg && inZoneMs >= p.fishingWindowMs * 0.9
        : known === 'fishing';
      if (!fishing && inZoneMs < p.banAtSeaMinMs) continue;
      if (st) state.judgedAt[zone.id] = now;
      // Once seen fishing, the episode stays a fishing episode (no evidence churn while it steams between sets).
      const mode: Mode = fishing || known === 'fishing' ? 'fishing' : 'transit';
      const severity: Severity = fishing ? 'high' : 'low';
      const gearText = gear ?? 'unknown gear';
      const gearZh = gear ?? '作业类型未知';
      const until = msToIso(ban.toMs);
      const newEvidence = [];
      if (state.mode[zone.id] === undefined) {
        newEvidence.push(
          evidence(
            'ban_zone_at_sea',
            atSeaSince,
            v.lat,
            v.lon,
            {
              zh: `休渔期间（至 ${until}）进入${zone.name.zh}并在海上停留${duration(inZoneMs).zh}，渔具：${gearZh}`,
              en: `at sea in ${zone.name.en} for ${duration(inZoneMs).en} during the moratorium (until ${until}), gear: ${gearText}`,
            },
            { zoneId: zone.id, calendar: ban.calendarId, banFrom: msToIso(ban.fromMs), banTo: until, gear },
          ),
        );
      }
      if (state.mode[zone.id] !== mode && st && fishing === (mode === 'fishing')) {
        const m = {
          meanSog: Math.round(st.meanSog * 10) / 10,
          turnDeg: Math.round(st.turnDeg),
          bandShare: Math.round(st.bandShare * 100) / 100,
          windowMin: Math.round(st.spanMs / 60_000),
        };
        newEvidence.push(
          fishing
            ? evidence('fishing_pattern', now, v.lat, v.lon, {
                zh: `近${m.windowMin}分钟以 ${kn(m.meanSog)} 节低速航行并反复转向（累计 ${m.turnDeg}°），符合作业特征`,
                en: `${m.windowMin} min at ${kn(m.meanSog)} kn with repeated turns (${m.turnDeg}° in total): moving like fishing`,
              }, m)
            : evidence('transit_pattern', now, v.lat, v.lon, {
                zh: `在禁渔区内航行但未见作业特征（平均 ${kn(m.meanSog)} 节，转向 ${m.turnDeg}°）`,
                en: `under way in the ban zone without a fishing pattern (mean ${kn(m.meanSog)} kn, ${m.turnDeg}° of turns)`,
              }, m),
        );
        state.mode[zone.id] = mode;
      }
      out.push({
        zoneId: zone.id,
        severity,
        position: pos(v.lat, v.lon),
        signature: mode,
        evidence: newEvidence,
        reason: fishing
          ? {
              zh: `渔船在休渔期内于${zone.name.zh}疑似作业（渔具：${gearZh}）`,
              en: `fishing vessel apparently fishing in ${zone.name.en} during the moratorium (gear: ${gearText})`,
            }
          : {
              zh: `渔船在休渔期内离港出海，位于${zone.name.zh}（航行中，未见作业特征）`,
              en: `fishing vessel at sea in ${zone.name.en} during the moratorium (under way, no fishing pattern)`,
            },
      });
    }
    if (out.length === 0 && v.det?.fishing_during_ban) delete v.det.fishing_during_ban;
    return out;
  },
};
