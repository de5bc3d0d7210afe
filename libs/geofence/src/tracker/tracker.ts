import type { AisClass, AisMessage } from '@seawarden/contracts';
import { distanceM, fastDistanceM } from '../geo.js';
import type { LandHit, LandMask } from '../land/land-mask.js';
import type { DetectorParams } from '../params.js';
import type { Registry } from '../registry/registry.js';
import { HARBOUR_MASK, PLACE_KINDS, ZONE_KIND_BIT } from '../zones/zone.js';
import { ZoneSet } from '../zones/zone-set.js';
import type { Segment } from './segment.js';
import { classifyVessel, isSmallCraft } from './vessel-classifier.js';
import { TrackPool } from './track-ring.js';
import { SegKind, VesselState } from './vessel-state.js';

const MS_PER_H = 3_600_000;
const MAX_SEGMENTS = 12;
const MAX_EVENTS = 16;

/** Why a position was not taken (counted, never thrown). */
export type FixRejection = 'no_position' | 'out_of_order' | 'duplicate' | 'jump';

/** What one message changed; one reused object, read before the next `apply`. */
export class TrackerUpdate {
  vessel!: VesselState;
  /** Silence before this message (ms since last heard; Infinity for a new vessel). */
  silenceMs = 0;
  fixAccepted = false;
  rejection: FixRejection | null = null;
  staticChanged = false;
  nameChanged = false;
  /** A believed relocation after an impossible jump, or the jump itself (not believed). */
  jump: { fromLat: number; fromLon: number; toLat: number; toLon: number; impliedKn: number; believed: boolean } | null = null;
  zonesChanged = false;
  entered: number[] = [];
  exited: number[] = [];
  segmentClosed: Segment | null = null;
  pobChanged = false;
  /** The fix was checked against the land mask and the vessel went on or off land (see `land`). */
  landChanged = false;
  /** The land the fix is on (set with landChanged; null when it is back at sea). */
  land: LandHit | null = null;
  /** The vessel's smoothed fix interval before this message (ms; 0 until known). */
  heardEveryMs = 0;

  reset(v: VesselState, silenceMs: number): void {
    this.vessel = v;
    this.silenceMs = silenceMs;
    this.fixAccepted = false;
    this.rejection = null;
    this.staticChanged = false;
    this.nameChanged = false;
    this.jump = null;
    this.zonesChanged = false;
    if (this.entered.length) this.entered.length = 0;
    if (this.exited.length) this.exited.length = 0;
    this.segmentClosed = null;
    this.pobChanged = false;
    this.landChanged = false;
    this.land = null;
    this.heardEveryMs = v.heardEveryMs;
  }
}

const CLASS_OF_TYPE: Record<number, AisClass> = { 1: 'A', 2: 'A', 3: 'A', 5: 'A', 27: 'A', 18: 'B', 19: 'B', 24: 'B' };

/**
 * Merges decoded messages into per-vessel state: static data, sanity-filtered fixes, the
 * track ring, zone membership (enter/exit by comparing old and new sets, with an exit grace)
 * and stop/leg segmentation.
 */
export class Tracker {
  readonly vessels = new Map<number, VesselState>();
  private readonly upd = new TrackerUpdate();
  private readonly lookupBuf: number[] = [];
  readonly tracks: TrackPool;

  constructor(
    private readonly zones: ZoneSet,
    private readonly registry: Registry,
    private readonly p: DetectorParams,
    private readonly land: LandMask | null = null,
  ) {
    this.tracks = new TrackPool(p.trackCapacity);
  }

  vessel(mmsi: number): VesselState {
    let v = this.vessels.get(mmsi);
    if (!v) {
      v = new VesselState(mmsi, this.tracks.ring());
      v.reg = this.registry.get(mmsi);
      v.licensed = this.registry.isLicensedPassenger(mmsi);
      if (v.reg?.name) v.name = v.reg.name;
      this.classify(v);
      this.vessels.set(mmsi, v);
    }
    return v;
  }

  apply(msg: AisMessage, atMs: number): TrackerUpdate {
    const v = this.vessel(msg.mmsi);
    const u = this.upd;
    u.reset(v, v.lastHeardAt === -Infinity ? Infinity : atMs - v.lastHeardAt);
    if (atMs > v.lastHeardAt) v.lastHeardAt = atMs;
    const type = msg.type;
    const cls = CLASS_OF_TYPE[type];
    if (cls && v.aisClass !== cls) {
      v.aisClass = cls;
      u.staticChanged = true;
    }
    if (type === 5 || type === 19 || type === 24) this.mergeStatic(v, msg, u);
    if (type === 6 || type === 8) {
      const pob = msg.personsOnBoard;
      if (typeof pob === 'number' && pob >= 0 && pob < 8191) {
        u.pobChanged = pob !== v.pob;
        v.pob = pob;
        v.pobAt = atMs;
      }
    }
    if (type === 1 || type === 2 || type === 3 || type === 18 || type === 19 || type === 27 || type === 9) this.applyFix(v, msg, atMs, u);
    if (u.staticChanged) this.classify(v);
    return u;
  }

  private mergeStatic(v: VesselState, m: AisMessage, u: TrackerUpdate): void {
    const partB = m.type === 24 && m.partNo === 1;
    if (!partB && typeof m.name === 'string' && m.name !== '' && m.name !== v.name) {
      if (v.name !== null && !v.reg?.name) u.nameChanged = true;
      // History only once the name changes: [{old, -∞}, {new, at}, …].
      if (v.name !== null) {
        if (!v.names) v.names = [{ name: v.name, at: -Infinity }];
        v.names.push({ name: m.name, at: v.lastHeardAt });
        if (v.names.length > MAX_EVENTS) v.names.shift();
      }
      if (!v.reg?.name || v.name === null) v.name = m.name;
      else if (m.name !== v.reg.name) u.nameChanged = true;
      u.staticChanged = true;
    }
    if (m.type === 24 && !partB) return;
    if (typeof m.callsign === 'string' && m.callsign !== '') v.callsign = m.callsign;
    if (typeof m.imo === 'number' && m.imo > 0) v.imo = m.imo;
    if (typeof m.shipType === 'number' && m.shipType !== v.shipType) {
      v.shipType = m.shipType;
      u.staticChanged = true;
    }
    const bow = m.toBow;
    const stern = m.toStern;
    if (typeof bow === 'number' && typeof stern === 'number' && bow + stern > 0) {
      const len = bow + stern;
      if (len !== v.length) {
        v.length = len;
        u.staticChanged = true;
      }
    }
  }

  classify(v: VesselState): void {
    v.category = classifyVessel(v.reg, v.shipType, v.aisClass, v.length, this.p.smallCraftMaxM);
    v.smallCraft = isSmallCraft(v.shipType, v.aisClass, v.length, this.p.smallCraftMaxM);
  }

  private applyFix(v: VesselState, m: AisMessage, atMs: number, u: TrackerUpdate): void {
    const lat = m.lat;
    const lon = m.lon;
    if (typeof lat !== 'number' || typeof lon !== 'number' || lat > 90 || lat < -90 || lon > 180 || lon < -180 || (lat === 0 && lon === 0)) {
      u.rejection = 'no_position';
      return;
    }
    let d = 0;
    if (v.hasFix) {
      if (atMs < v.fixAt - this.p.outOfOrderToleranceMs) {
        v.outOfOrder++;
        u.rejection = 'out_of_order';
        return;
      }
      if (atMs === v.fixAt && lat === v.lat && lon === v.lon) {
        u.rejection = 'duplicate';
        return;
      }
      d = fastDistanceM(v.lat, v.lon, lat, lon);
      const maxKn = v.aisClass === 'A' && !v.smallCraft ? this.p.maxPlausibleKnLarge : this.p.maxPlausibleKnSmall;
      const impliedKn = (Math.max(0, d - this.p.jumpSlackM) / 1852) / (Math.max(1000, atMs - v.fixAt) / MS_PER_H);
      if (impliedKn > maxKn) {
        // Believe the new place only when a second fix confirms it (the old place was wrong, or a gap).
        const pend = v.pend;
        const confirmed =
          pend !== null &&
          atMs >= pend.at &&
          (Math.max(0, distanceM(pend.lat, pend.lon, lat, lon) - this.p.jumpSlackM) / 1852) / (Math.max(1000, atMs - pend.at) / MS_PER_H) <= maxKn;
        this.recordJump(v, atMs);
        u.jump = { fromLat: v.lat, fromLon: v.lon, toLat: lat, toLon: lon, impliedKn: Math.round(impliedKn), believed: confirmed };
        if (!confirmed) {
          v.pend = { lat, lon, at: atMs };
          u.rejection = 'jump';
          return;
        }
        v.pathReset = true;
      }
    }
    if (v.pend !== null) v.pend = null;
    v.lat = lat;
    v.lon = lon;
    v.sog = m.sog ?? null;
    v.cog = m.cog ?? null;
    v.heading = m.heading ?? null;
    if (m.navStatus !== undefined) v.navStatus = m.navStatus;
    if (v.fixes > 0) {
      // Capped so that one long silence does not teach the vessel that silence is normal.
      const dt = Math.min(atMs - v.fixAt, this.p.gapMinMs);
      v.heardEveryMs = v.heardEveryMs === 0 ? dt : 0.8 * v.heardEveryMs + 0.2 * dt;
    }
    v.fixAt = atMs;
    v.fixes++;
    if (atMs - v.trackAt >= this.p.trackMinIntervalMs) {
      v.track.push(atMs, lat, lon, v.sog, v.cog, v.heading);
      v.trackAt = atMs;
    }
    u.fixAccepted = true;
    const stepM = v.pathReset ? 0 : d;
    v.pathReset = false;
    this.updateZones(v, atMs, u);
    this.updateMotion(v, atMs, stepM, u);
    if (this.land !== null && (atMs - v.landCheckMin * 60_000 >= this.p.landCheckEveryMs || u.jump !== null)) this.checkLand(v, atMs, u);
  }

  /** On land (well inland) or not: a spoofed or faulty position, or a transmitter left ashore. */
  private checkLand(v: VesselState, atMs: number, u: TrackerUpdate): void {
    v.landCheckMin = Math.floor(atMs / 60_000);
    const hit = this.land!.locate(v.lat, v.lon);
    const inlandM = hit !== null && hit.inlandM >= this.p.landMinInlandM ? Math.round(hit.inlandM) : 0;
    if ((inlandM > 0) !== (v.inlandM > 0)) {
      u.landChanged = true;
      u.land = inlandM > 0 ? hit : null;
    }
    v.inlandM = inlandM;
  }

  private recordJump(v: VesselState, atMs: number): void {
    if (!v.jumps) v.jumps = [];
    v.jumps.push(atMs);
    if (v.jumps.length > MAX_EVENTS) v.jumps.shift();
  }

  private updateZones(v: VesselState, atMs: number, u: TrackerUpdate): void {
    const p = this.p;
    let raw = v.raw;
    const cached =
      raw !== null &&
      atMs - v.rawAt < p.zoneCacheMs &&
      Math.abs(v.lat - v.rawLat) * 111_320 < p.zoneCacheM &&
      Math.abs(v.lon - v.rawLon) * 96_000 < p.zoneCacheM;
    if (!cached && (v.rawSub === ZoneSet.cellId(v.lat, v.lon) || v.rawSub === ZoneSet.subCellId(v.lat, v.lon))) {
      // Still in the cell / sub-cell the last answer held for: membership unchanged.
      v.rawLat = v.lat;
      v.rawLon = v.lon;
      v.rawAt = atMs;
    } else if (!cached) {
      const buf = this.lookupBuf;
      const n = this.zones.lookup(v.lat, v.lon, buf, v.rawCell);
      v.rawSub = this.zones.stableArea;
      v.rawCell = this.zones.lastSlot;
      if (n === 0) raw = raw && raw.length === 0 ? raw : EMPTY_RAW;
      else if (raw && raw.length === n && sameMembers(raw, buf, n)) {
        // unchanged: keep the array
      } else raw = buf.slice(0, n);
      v.raw = raw;
      v.rawLat = v.lat;
      v.rawLon = v.lon;
      v.rawAt = atMs;
    }
    raw = v.raw!;
    let rawMask = 0;
    const bits = this.zones.kindBits;
    for (let i = 0; i < raw.length; i++) rawMask |= bits[raw[i]];
    v.rawKindMask = rawMask;
    // Compare the old and new membership; an exit needs `zoneExitGraceMs` outside.
    let zs = v.zones;
    for (let i = 0; i < raw.length; i++) {
      const idx = raw[i];
      let found = false;
      if (zs) {
        for (let k = 0; k < zs.length; k += 3) {
          if (zs[k] === idx) {
            zs[k + 2] = atMs;
            found = true;
            break;
          }
        }
      }
      if (!found) {
        if (!zs) v.zones = zs = [idx, atMs, atMs];
        else zs.push(idx, atMs, atMs);
        u.entered.push(idx);
      }
    }
    if (zs) {
      for (let k = zs.length - 3; k >= 0; k -= 3) {
        if (zs[k + 2] !== atMs && atMs - zs[k + 2] >= p.zoneExitGraceMs) {
          u.exited.push(zs[k]);
          if ((this.zones.kindBits[zs[k]] & HARBOUR_MASK) !== 0) v.leftHarbourAt = zs[k + 2];
          zs.splice(k, 3);
        }
      }
      if (zs.length === 0) v.zones = zs = null;
    }
    if (u.entered.length || u.exited.length) {
      u.zonesChanged = true;
      this.refreshKindMask(v);
    }
  }

  refreshKindMask(v: VesselState): void {
    let mask = 0;
    const zs = v.zones;
    if (zs) for (let k = 0; k < zs.length; k += 3) mask |= this.zones.kindBits[zs[k]];
    v.kindMask = mask;
  }

  /** Forget vessels last heard before `beforeMs` that have no open alert. */
  evict(beforeMs: number): number {
    let n = 0;
    for (const [mmsi, v] of this.vessels) {
      if (v.lastHeardAt < beforeMs && v.episodes === null) {
        this.tracks.release(v.track);
        this.vessels.delete(mmsi);
        n++;
      }
    }
    return n;
  }

  /** Put a restored vessel in the map (state import). */
  adopt(v: VesselState): void {
    v.licensed = this.registry.isLicensedPassenger(v.mmsi);
    this.classify(v);
    this.refreshKindMask(v);
    this.vessels.set(v.mmsi, v);
  }

  private updateMotion(v: VesselState, atMs: number, stepM: number, u: TrackerUpdate): void {
    const sog = v.sog;
    if (sog === null) return;
    let next = v.motion;
    if (sog < this.p.stoppedBelowKn) next = 'stopped';
    else if (sog > this.p.underwayAboveKn) next = 'underway';
    if (v.seg !== SegKind.None) {
      v.segPathM += stepM;
      if (sog > v.segMaxSog) v.segMaxSog = sog;
    }
    if (next === v.motion && v.seg !== SegKind.None) return;
    if (next === 'unknown') return;
    if (v.seg !== SegKind.None && next !== v.motion) u.segmentClosed = this.closeSegment(v, atMs);
    v.motion = next;
    v.seg = next === 'stopped' ? SegKind.Stop : SegKind.Leg;
    v.segStartAt = atMs;
    v.segStartLat = v.lat;
    v.segStartLon = v.lon;
    v.segPathM = 0;
    v.segMaxSog = sog;
    v.segStartPlace = this.placeOf(v);
  }

  private closeSegment(v: VesselState, atMs: number): Segment {
    const s: Segment = {
      kind: v.seg === SegKind.Stop ? 'stop' : 'leg',
      startAt: v.segStartAt,
      endAt: atMs,
      startLat: v.segStartLat,
      startLon: v.segStartLon,
      endLat: v.lat,
      endLon: v.lon,
      pathM: v.segPathM,
      maxSog: v.segMaxSog,
      startPlace: v.segStartPlace,
      endPlace: this.placeOf(v),
    };
    if (!v.segments) v.segments = [];
    v.segments.push(s);
    if (v.segments.length > MAX_SEGMENTS) v.segments.shift();
    return s;
  }

  /** The place zone (pier, landing, scenic spot, port) the vessel is in, if any. */
  placeOf(v: VesselState): string | null {
    const zs = v.zones;
    if (!zs) return null;
    let best: string | null = null;
    for (let k = 0; k < zs.length; k += 3) {
      const z = this.zones.all[zs[k]];
      if (!PLACE_KINDS.has(z.kind)) continue;
      // Prefer the most specific place (landing/terminal over a whole port or scenic area).
      if (best === null || z.kind === 'landing_point' || z.kind === 'passenger_terminal') best = z.id;
    }
    return best;
  }
}

const EMPTY_RAW: number[] = [];

function sameMembers(a: number[], b: number[], n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
