import { ALERT_RULES, type Alert, type AlertChange, type AlertRule, type EngineResume, type EvidenceItem } from '@seawarden/contracts';
import type { Finding } from '../detectors/detector.js';
import { SEVERITY_RANK } from '../detectors/detector.js';
import { msToIso } from '../geo.js';
import type { DetectorParams } from '../params.js';
import type { VesselState } from '../tracker/vessel-state.js';
import { alertId } from './alert-id.js';
import { flat, flatEvidence, flatReason } from './flat-string.js';

/** An open alert and the lifecycle bookkeeping around it. */
export interface Episode {
  key: string;
  alert: Alert;
  /** When the condition stopped holding (null while it holds). */
  lapsedAt: number | null;
  lastEmitAt: number;
  signature: string;
  /** Something changed since the last emission (evidence tail, position, reason). */
  dirty: boolean;
  /** Taken up from the database after a restart and not found again since (a longer grace). */
  resumed?: boolean;
}

const FIRST_EVIDENCE_KEPT = 5;
const RULE_BITS = new Map<AlertRule, number>(ALERT_RULES.map((r, i) => [r, 1 << i]));
const ruleBit = (r: AlertRule): number => RULE_BITS.get(r) ?? 0;

/**
 * One alert per (rule, vessel, episode key): opened on the first finding, `updated` only when
 * severity rises, the detector's signature changes, or every `updateEveryMs` while something
 * changed; closed after the condition has lapsed for `closeGraceMs` (a re-appearance within
 * the grace continues the same alert).
 */
export class AlertBook {
  readonly episodes = new Map<string, Episode>();

  constructor(private readonly p: DetectorParams) {}

  static episodeKey(rule: AlertRule, mmsi: number, findingKey: string): string {
    return `${rule}|${mmsi}|${findingKey}`;
  }

  /** Does the vessel have an open episode of this rule? (bit test, no string work) */
  hasOpen(v: VesselState, rule: AlertRule): boolean {
    return (v.openRules & ruleBit(rule)) !== 0;
  }

  private refreshOpenRules(v: VesselState): void {
    let mask = 0;
    if (v.episodes) for (const k of v.episodes) mask |= ruleBit(k.slice(0, k.indexOf('|')) as AlertRule);
    v.openRules = mask;
  }

  reconcile(v: VesselState, rule: AlertRule, findings: Finding[], now: number, out: AlertChange[]): void {
    if (findings.length === 0 && (v.openRules & ruleBit(rule)) === 0) return; // nothing found, nothing open: no work
    const seen: string[] = [];
    for (const f of findings) {
      const fk = f.key ?? f.zoneId ?? '-';
      const key = AlertBook.episodeKey(rule, v.mmsi, fk);
      seen.push(key);
      const ep = this.episodes.get(key);
      if (!ep) this.open(v, rule, key, fk, f, now, out);
      else this.update(v, ep, f, now, out);
    }
    const eps = v.episodes;
    if (!eps) return;
    const prefix = `${rule}|`;
    for (let i = eps.length - 1; i >= 0; i--) {
      const key = eps[i];
      if (!key.startsWith(prefix) || seen.includes(key)) continue;
      const ep = this.episodes.get(key);
      if (!ep) continue;
      if (ep.lapsedAt === null) ep.lapsedAt = now;
      if (now - ep.lapsedAt >= this.grace(ep)) this.close(v, ep, now, out, 'ended');
    }
  }

  /** Time-driven closing: lapsed past the grace, or the vessel has gone silent. */
  sweep(now: number, vessel: (mmsi: number) => VesselState | undefined, out: AlertChange[]): void {
    for (const ep of [...this.episodes.values()]) {
      const v = vessel(ep.alert.mmsi);
      if (!v) continue;
      if (ep.lapsedAt !== null && now - ep.lapsedAt >= this.grace(ep)) this.close(v, ep, now, out, 'ended');
      else if (ep.alert.rule !== 'ais_gap' && now - v.lastHeardAt >= this.p.staleCloseMs) {
        if (ep.lapsedAt === null) ep.lapsedAt = v.lastHeardAt;
        this.close(v, ep, now, out, 'silent');
      }
    }
  }

  private grace(ep: Episode): number {
    return ep.resumed ? Math.max(this.p.closeGraceMs, this.p.resumedCloseGraceMs) : this.p.closeGraceMs;
  }

  openAlerts(): Alert[] {
    return [...this.episodes.values()].map((e) => copy(e.alert));
  }

  private open(v: VesselState, rule: AlertRule, key: string, fk: string, f: Finding, now: number, out: AlertChange[]): void {
    const at = msToIso(now);
    key = flat(key);
    const alert: Alert = {
      id: flat(alertId(rule, v.mmsi, fk, now)),
      rule,
      severity: f.severity,
      mmsi: v.mmsi,
      vesselName: v.name,
      zoneId: f.zoneId,
      openedAt: at,
      updatedAt: at,
      closedAt: null,
      position: f.position,
      reason: flatReason(f.reason),
      evidence: [],
    };
    // Every alert says why from the start, even when the detector's detail came earlier.
    const first = f.evidence.length
      ? f.evidence
      : [{ kind: 'observed', at, ...(f.position ? { lat: f.position.lat, lon: f.position.lon } : {}), reason: f.reason }];
    this.appendEvidence(alert, first);
    const ep: Episode = { key, alert, lapsedAt: null, lastEmitAt: now, signature: f.signature ?? '', dirty: false };
    this.attach(v, ep);
    out.push({ kind: 'opened', alert: copy(alert), episodeKey: key });
    if (f.closeNow) this.close(v, ep, now, out, null);
  }

  private update(v: VesselState, ep: Episode, f: Finding, now: number, out: AlertChange[]): void {
    const a = ep.alert;
    ep.lapsedAt = null;
    ep.resumed = false;
    let meaningful = false;
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[a.severity]) {
      a.severity = f.severity;
      meaningful = true;
    }
    const sig = f.signature ?? ep.signature;
    if (sig !== ep.signature) {
      ep.signature = sig;
      meaningful = true;
    }
    if (f.evidence.length) {
      this.appendEvidence(a, f.evidence);
      ep.dirty = true;
    }
    if (f.position && (!a.position || a.position.lat !== f.position.lat || a.position.lon !== f.position.lon)) {
      a.position = f.position;
      ep.dirty = true;
    }
    a.reason = f.reason; // replaced on every evaluation: not worth a flat copy
    if (v.name && a.vesselName !== v.name) a.vesselName = v.name;
    if (f.closeNow) {
      this.close(v, ep, now, out, null);
      return;
    }
    if (meaningful || (ep.dirty && now - ep.lastEmitAt >= this.p.updateEveryMs)) {
      a.updatedAt = msToIso(now);
      ep.lastEmitAt = now;
      ep.dirty = false;
      out.push({ kind: 'updated', alert: copy(a), episodeKey: ep.key });
    }
  }

  private close(v: VesselState, ep: Episode, now: number, out: AlertChange[], why: 'ended' | 'silent' | null): void {
    const a = ep.alert;
    const endedAt = ep.lapsedAt ?? now;
    if (why) {
      this.appendEvidence(a, [
        {
          kind: why === 'silent' ? 'vessel_silent' : 'condition_ended',
          at: msToIso(endedAt),
          ...(v.hasFix ? { lat: v.lat, lon: v.lon } : {}),
          reason:
            why === 'silent'
              ? { zh: '船舶不再发送AIS报告，告警关闭', en: 'vessel stopped reporting; alert closed' }
              : { zh: '违规条件已不再成立', en: 'the condition no longer holds' },
        },
      ]);
    }
    a.closedAt = msToIso(endedAt);
    a.updatedAt = msToIso(now);
    this.forget(v, ep);
    out.push({ kind: 'closed', alert: copy(a), episodeKey: ep.key });
  }

  private appendEvidence(a: Alert, items: EvidenceItem[]): void {
    for (const e of items) a.evidence.push(flatEvidence(e));
    const max = this.p.maxEvidence;
    if (a.evidence.length > max) a.evidence.splice(FIRST_EVIDENCE_KEPT, a.evidence.length - max);
  }

  exportEpisodes(): Episode[] {
    return [...this.episodes.values()].map((e) => ({ ...e, alert: copy(e.alert) }));
  }

  importEpisodes(list: Episode[], vessel: (mmsi: number) => VesselState): void {
    this.episodes.clear();
    for (const e of list) this.attach(vessel(e.alert.mmsi), { ...e, alert: copy(e.alert) });
  }

  /**
   * After importEpisodes: align the open episodes with the database, which may be newer than
   * the saved state (alert changes commit before the next state save). Episodes whose alert the
   * database has closed are dropped; an open alert with no episode is adopted under its stored
   * key (or the default key when it has none), so that the same violation continuing updates it
   * and its end closes it. A newer stored version of an episode's alert replaces the saved one.
   */
  resume(db: EngineResume, vessel: (mmsi: number) => VesselState): { adopted: number; dropped: number; refreshed: number } {
    let adopted = 0;
    let dropped = 0;
    let refreshed = 0;
    const closed = new Set(db.closedIds);
    for (const ep of [...this.episodes.values()]) {
      if (!closed.has(ep.alert.id)) continue;
      this.forget(vessel(ep.alert.mmsi), ep);
      dropped++;
    }
    const byId = new Map([...this.episodes.values()].map((ep) => [ep.alert.id, ep]));
    for (const { alert, episodeKey } of db.open) {
      const own = byId.get(alert.id);
      if (own) {
        if (Date.parse(alert.updatedAt) > Date.parse(own.alert.updatedAt)) {
          own.alert = engineCopy(alert);
          refreshed++;
        }
        continue;
      }
      const key = episodeKey ?? AlertBook.episodeKey(alert.rule, alert.mmsi, alert.zoneId ?? '-');
      if (this.episodes.has(key) || !key.startsWith(`${alert.rule}|${alert.mmsi}|`)) continue; // the engine's own episode wins
      const v = vessel(alert.mmsi);
      const at = Date.parse(alert.updatedAt);
      // A vessel the saved state does not know was last heard no earlier than the alert's update.
      if (v.lastHeardAt === -Infinity && Number.isFinite(at)) v.lastHeardAt = at;
      this.attach(v, { key, alert: engineCopy(alert), lapsedAt: null, lastEmitAt: at, signature: '', dirty: false, resumed: true });
      adopted++;
    }
    return { adopted, dropped, refreshed };
  }

  /** Puts an episode in the book and on its vessel (emits nothing: open() does that). */
  private attach(v: VesselState, ep: Episode): void {
    this.episodes.set(ep.key, ep);
    (v.episodes ??= []).push(ep.key);
    v.openRules |= ruleBit(ep.alert.rule);
  }

  /** Takes an episode out of the book and off its vessel (emits nothing: close() does that). */
  private forget(v: VesselState, ep: Episode): void {
    this.episodes.delete(ep.key);
    if (v.episodes) {
      const i = v.episodes.indexOf(ep.key);
      if (i >= 0) v.episodes.splice(i, 1);
      if (v.episodes.length === 0) v.episodes = null;
    }
    this.refreshOpenRules(v);
  }
}

function copy(a: Alert): Alert {
  return { ...a, position: a.position ? { ...a.position } : null, evidence: a.evidence.slice() };
}

/** A stored alert as the engine keeps it (the workflow status is the console's, not the engine's). */
function engineCopy(a: Alert): Alert {
  const c = copy(a);
  delete c.status;
  return c;
}
