import type { Severity } from '@seawarden/contracts';
import { distanceM, msToIso } from '../geo.js';
import type { DetectorParams } from '../params.js';
import type { VesselState } from '../tracker/vessel-state.js';
import { HARBOUR_MASK, ZONE_KIND_BIT } from '../zones/zone.js';
import { RUN_ON_MESSAGE, RUN_ON_TICK, SEVERITY_OF_RANK, type Detector, type DetectorContext, type Finding } from './detector.js';
import { duration, evidence, pos, rankAbove } from './evidence.js';

interface State {
  /** Last-heard time the open gap started from (episode key). */
  from: number;
  darkLat: number | null;
  darkLon: number | null;
  nearBan: string | null;
  nearBanM: number | null;
  reported: boolean;
}

/** Expected reporting interval (DOMAIN.md rates) for the class and the last known speed. */
export function expectedIntervalMs(v: VesselState): number {
  const sog = v.sog ?? 0;
  if (v.aisClass === 'B') return sog > 2 ? 30_000 : 180_000;
  if (v.navStatus === 1 || v.navStatus === 5 || sog < 3) return sog < 3 ? 180_000 : 10_000;
  if (sog > 23) return 2_000;
  if (sog > 14) return 6_000;
  return 10_000;
}

/**
 * Silence that counts as a gap: k × the interval the vessel should report at, or k × the
 * interval it has really been heard at when reception is sparser (coverage, satellite).
 */
export const gapThresholdMs = (v: VesselState, p: DetectorParams, heardEveryMs = v.heardEveryMs) =>
  Math.max(p.gapMinMs, p.gapK * Math.max(expectedIntervalMs(v), heardEveryMs));

/**
 * Worth watching: enough history, not moored in harbour, inside a jurisdiction when there are
 * any, and others near where it went dark still heard since (else the receiver or the
 * satellite pass went quiet, not the vessel).
 */
function inScope(v: VesselState, ctx: DetectorContext, darkKindMask: number, darkLat = v.lat, darkLon = v.lon, from = v.lastHeardAt): boolean {
  if (v.fixes < ctx.params.gapMinFixes) return false;
  if (!ctx.heardNear(darkLat, darkLon, from + ctx.params.gapMinMs / 2)) return false;
  if ((darkKindMask & HARBOUR_MASK) !== 0 && v.motion !== 'underway') return false;
  if (ctx.zones.ofKind('jurisdiction').length > 0 && (darkKindMask & ZONE_KIND_BIT.jurisdiction) === 0) return false;
  return true;
}

/**
 * 5 ais_gap: silent for longer than max(gapMinMs, k × expected interval). Opened on a tick while
 * the vessel is dark (where it went dark), escalated at 1 h / 6 h / 12 h, one level more inside
 * or near a fishing-ban zone in force; closed when it speaks again (where it came back). A gap
 * first seen when the vessel reappears (no tick in between) opens and closes at once.
 */
export const aisGapDetector: Detector = {
  rule: 'ais_gap',
  runsOn: RUN_ON_MESSAGE | RUN_ON_TICK,
  zoneMask: 0,
  throttle: false,
  relevant: (v, ctx) => {
    if (!v.hasFix) return false;
    const u = ctx.update;
    if (u) return u.silenceMs !== Infinity && u.silenceMs > gapThresholdMs(v, ctx.params, u.heardEveryMs);
    return ctx.now - v.lastHeardAt > gapThresholdMs(v, ctx.params) && inScope(v, ctx, v.kindMask);
  },
  detect(v: VesselState, ctx: DetectorContext): Finding[] {
    const u = ctx.update;
    const p = ctx.params;
    let s = v.det?.ais_gap as State | undefined;
    if (u) {
      // The vessel speaks again.
      const from = ctx.now - u.silenceMs;
      if (u.silenceMs === Infinity || (!s && u.silenceMs <= gapThresholdMs(v, p, u.heardEveryMs))) return [];
      if (!s || s.from !== from) {
        // No tick saw it dark: judge from the last fix before this message.
        const k = u.fixAccepted ? 1 : 0;
        if (v.track.length <= k) return [];
        const lat = v.track.lat(k);
        const lon = v.track.lon(k);
        let mask = 0;
        for (const z of ctx.zones.zonesAt(lat, lon)) mask |= ZONE_KIND_BIT[z.kind];
        if (!inScope(v, ctx, mask, lat, lon, from)) return [];
        s = darkState(v, ctx, from, lat, lon);
      }
      if (v.det) delete v.det.ais_gap;
      const silence = ctx.now - s.from;
      const back = v.hasFix ? { lat: v.lat, lon: v.lon } : null;
      const moved = back && s.darkLat !== null && s.darkLon !== null ? distanceM(s.darkLat, s.darkLon, back.lat, back.lon) : null;
      const ev = s.reported ? [] : [darkEvidence(s)];
      ev.push(
        evidence('reappeared', ctx.now, back?.lat ?? null, back?.lon ?? null, {
          zh: `静默${duration(silence).zh}后重新出现${moved !== null ? `，距消失位置 ${(moved / 1852).toFixed(1)} 海里` : ''}`,
          en: `reappeared after ${duration(silence).en} of silence${moved !== null ? `, ${(moved / 1852).toFixed(1)} nm from where it went dark` : ''}`,
        }, { silenceMs: silence, movedM: moved === null ? null : Math.round(moved) }),
      );
      return [finding(s, silence, ev, true, back)];
    }
    // Tick: still dark.
    if (!s || s.from !== v.lastHeardAt) {
      s = darkState(v, ctx, v.lastHeardAt, v.lat, v.lon);
      (v.det ??= {}).ais_gap = s;
    }
    const ev = [];
    if (!s.reported) {
      s.reported = true;
      ev.push(darkEvidence(s));
    }
    return [finding(s, ctx.now - s.from, ev, false, s.darkLat !== null && s.darkLon !== null ? { lat: s.darkLat, lon: s.darkLon } : null)];

    function finding(st: State, silence: number, e: ReturnType<typeof darkEvidence>[], closeNow: boolean, at: { lat: number; lon: number } | null): Finding {
      const rank = Math.max(0, rankAbove(silence, p.gapEscalateMs) + 1) + (st.nearBan ? 1 : 0);
      const severity: Severity = SEVERITY_OF_RANK[Math.min(3, rank)];
      return {
        key: `gap:${st.from}`,
        zoneId: st.nearBan,
        severity,
        position: at ? pos(at.lat, at.lon) : null,
        signature: severity,
        evidence: e,
        closeNow,
        reason: {
          zh: `AIS信号中断${duration(silence).zh}${st.nearBan ? '（位于或邻近禁渔区）' : ''}`,
          en: `AIS silent for ${duration(silence).en}${st.nearBan ? ' (in or near a fishing-ban zone)' : ''}`,
        },
      };
    }
  },
};

function darkState(v: VesselState, ctx: DetectorContext, from: number, lat: number, lon: number): State {
  let nearBan: string | null = null;
  let nearBanM: number | null = null;
  if (Number.isFinite(lat) && Number.isFinite(lon)) {
    const gear = v.reg?.gear ?? null;
    for (const { zone, distanceM: d } of ctx.zones.near(lat, lon, ctx.params.gapNearBanM, new Set(['fishing_ban']))) {
      const ban = ctx.calendars.status(zone.properties.calendar as string, from, { gear, lat, lon, specialLicence: v.reg?.specialLicence ?? false });
      if (ban && !ban.licensedOpen) {
        nearBan = zone.id;
        nearBanM = Math.round(d);
        break;
      }
    }
  }
  return { from, darkLat: Number.isFinite(lat) ? lat : null, darkLon: Number.isFinite(lon) ? lon : null, nearBan, nearBanM, reported: false };
}

function darkEvidence(s: State) {
  return evidence('went_dark', s.from, s.darkLat, s.darkLon, {
    zh: `最后一次报告于 ${msToIso(s.from)}${s.nearBan ? `，${s.nearBanM === 0 ? '位于' : `距`}禁渔区 ${s.nearBan}${s.nearBanM ? ` ${s.nearBanM} 米` : ''}` : ''}`,
    en: `last heard at ${msToIso(s.from)}${s.nearBan ? (s.nearBanM === 0 ? ` inside ban zone ${s.nearBan}` : ` ${s.nearBanM} m from ban zone ${s.nearBan}`) : ''}`,
  }, { nearBanZone: s.nearBan, nearBanM: s.nearBanM });
}
