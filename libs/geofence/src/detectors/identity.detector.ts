import type { EvidenceItem, Reason, Severity } from '@seawarden/contracts';
import type { VesselState } from '../tracker/vessel-state.js';
import { RUN_ON_MESSAGE, type Detector, type DetectorContext, type Finding } from './detector.js';
import { evidence, kn, pos } from './evidence.js';

interface State {
  invalidReported: boolean;
  jumpsReported: number;
  namesReported: string;
  /** Jump evidence seen before the alert threshold, carried into the alert when it opens. */
  pending: EvidenceItem[];
  /** Name of the land the vessel is reported on (null: at sea), kept for re-evaluations. */
  land?: Reason | null;
}

const LAND: Reason = { zh: '陆地', en: 'land' };

/** Name changes (A→B, B→A…) within the window. */
function nameFlips(v: VesselState, since: number): { flips: number; names: string[] } {
  const names = v.names;
  if (!names) return { flips: 0, names: [] };
  let flips = 0;
  const distinct = new Set<string>();
  let prev: string | null = null;
  for (const n of names) {
    if (n.at < since) {
      prev = n.name;
      continue;
    }
    if (prev !== null) distinct.add(prev);
    distinct.add(n.name);
    if (prev !== null && n.name !== prev) flips++;
    prev = n.name;
  }
  return { flips, names: [...distinct] };
}

/**
 * 6 identity: an invalid ship MMSI (MID outside 201–775, too short) on a vessel under way
 * (buoys with made-up MMSIs drift and are ignored), one MMSI flipping between two names, or
 * position jumps (impossible implied speed) — two transmitters sharing one MMSI when repeated —
 * or a position well inland (a spoofed or faulty position, or a transponder left ashore while
 * the boat goes out dark: a fishing boat's or a moving one's is medium, else low).
 */
export const identityDetector: Detector = {
  rule: 'identity',
  runsOn: RUN_ON_MESSAGE,
  zoneMask: 0,
  relevant: (v, ctx) => {
    const u = ctx.update;
    if (!u) return false;
    if (u.nameChanged || u.jump !== null || u.landChanged) return true;
    return v.mmsiProblem !== null && v.motion === 'underway' && !(v.det?.identity as State | undefined)?.invalidReported;
  },
  detect(v: VesselState, ctx: DetectorContext): Finding[] {
    const p = ctx.params;
    const now = ctx.now;
    const since = now - p.identityWindowMs;
    const s = v.detState<State>('identity', () => ({ invalidReported: false, jumpsReported: 0, namesReported: '', pending: [] }));
    const ev: EvidenceItem[] = [];
    let rank = -1;
    // `sig`: the part's text for the signature where the display text carries counts or distances
    // that must not force an update by themselves.
    const parts: { zh: string; en: string; sig?: string }[] = [];

    const invalid = v.mmsiProblem !== null && (s.invalidReported || v.motion === 'underway');
    if (invalid) {
      rank = Math.max(rank, 0);
      parts.push({ zh: `MMSI 无效（${v.mmsiProblem}）`, en: `invalid MMSI (${v.mmsiProblem})` });
      if (!s.invalidReported) {
        s.invalidReported = true;
        ev.push(evidence('invalid_mmsi', now, v.lat, v.lon, { zh: `无效MMSI ${v.mmsi}：${v.mmsiProblem}，航速 ${kn(v.sog)} 节`, en: `invalid MMSI ${v.mmsi}: ${v.mmsiProblem}, moving at ${kn(v.sog)} kn` }, { mmsi: v.mmsi }));
      }
    }

    const jumps = v.jumps ? v.jumps.filter((t) => t >= since).length : 0;
    const j = ctx.update?.jump;
    if (j) {
      ev.push(
        evidence('position_jump', now, j.toLat, j.toLon, {
          zh: `位置跳变：由 ${j.fromLat.toFixed(4)}, ${j.fromLon.toFixed(4)} 跳至 ${j.toLat.toFixed(4)}, ${j.toLon.toFixed(4)}（推算航速 ${j.impliedKn} 节）${j.believed ? '，已确认新位置' : '，未采信'}`,
          en: `position jump from ${j.fromLat.toFixed(4)}, ${j.fromLon.toFixed(4)} to ${j.toLat.toFixed(4)}, ${j.toLon.toFixed(4)} (implied ${j.impliedKn} kn)${j.believed ? ', new place confirmed' : ', not believed'}`,
        }, { ...j }),
      );
    }
    if (jumps >= p.identityMinJumps) {
      const twoPlaces = jumps >= 2 * p.identityMinJumps;
      rank = Math.max(rank, twoPlaces ? 2 : 1);
      parts.push(
        twoPlaces
          ? { zh: `一小时内 ${jumps} 次位置跳变，疑似两台设备共用同一MMSI`, en: `${jumps} position jumps within the hour: one MMSI in two places at once`, sig: 'jumps within the hour: one MMSI in two places at once' }
          : { zh: `${jumps} 次位置跳变`, en: `${jumps} position jumps`, sig: 'jumps' },
      );
    }

    if (v.inlandM > 0) {
      const hit = ctx.update?.land;
      const where = (hit ? hit.area.name : s.land) ?? LAND;
      const km = (v.inlandM / 1000).toFixed(1);
      rank = Math.max(rank, v.motion === 'underway' || v.category === 'fishing' ? 1 : 0);
      parts.push({ zh: `报告位置在${where.zh}陆地上，距岸 ${km} 公里`, en: `reported position on ${where.en}, ${km} km inland`, sig: `reported position on ${where.en}` });
      // Evidence once per stretch on land (an engine rebuilt after a configuration change checks again).
      if (hit && !s.land) {
        ev.push(
          evidence('position_on_land', now, v.lat, v.lon, {
            zh: `报告位置在${where.zh}陆地上，距海岸线 ${km} 公里，航速 ${kn(v.sog)} 节：位置伪造、定位故障或设备留在岸上`,
            en: `reported position is on ${where.en}, ${km} km inland, at ${kn(v.sog)} kn: a spoofed or faulty position, or a transponder left ashore`,
          }, { landId: hit.area.id, inlandM: v.inlandM }),
        );
      }
      s.land = where;
    } else if (s.land) s.land = null;

    const { flips, names } = nameFlips(v, now - 24 * 3_600_000);
    if (flips >= p.identityMinNameFlips && names.length >= 2) {
      rank = Math.max(rank, 1);
      parts.push({ zh: `同一MMSI使用多个船名：${names.join('、')}`, en: `one MMSI with several names: ${names.join(', ')}` });
      const key = names.join('|');
      if (s.namesReported !== key) {
        s.namesReported = key;
        ev.push(evidence('two_names', now, v.hasFix ? v.lat : null, v.hasFix ? v.lon : null, { zh: `静态报告船名在 ${names.join('、')} 之间切换 ${flips} 次`, en: `static reports switch between names ${names.join(', ')} (${flips} changes)` }, { names, flips }));
      }
    }
    if (rank < 0) {
      // Nothing holds yet: keep the jump evidence for when it does.
      s.pending.push(...ev);
      s.pending = s.pending.filter((e) => Date.parse(e.at) >= since).slice(-5);
      return [];
    }
    if (s.pending.length) {
      ev.unshift(...s.pending);
      s.pending = [];
    }
    const severity: Severity = (['low', 'medium', 'high', 'critical'] as const)[rank];
    return [
      {
        zoneId: null,
        severity,
        position: v.hasFix ? pos(v.lat, v.lon) : null,
        signature: parts.map((x) => x.sig ?? x.en).join('|'),
        evidence: ev,
        reason: { zh: `身份异常：${parts.map((x) => x.zh).join('；')}`, en: `identity anomaly: ${parts.map((x) => x.en).join('; ')}` },
      },
    ];
  },
};
