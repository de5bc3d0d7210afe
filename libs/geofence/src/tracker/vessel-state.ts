import type { AisClass, MotionState, VesselCategory } from '@seawarden/contracts';
import type { RegistryEntry } from '../registry/registry.js';
import type { Segment } from './segment.js';
import { invalidShipMmsi } from './mmsi.js';
import { VESSEL_SCALARS, type TrackRing } from './track-ring.js';

/** Numeric fields kept in the track pool's scalar slots (see the accessors below). */
const SCALARS_USED = 16;
if (SCALARS_USED > VESSEL_SCALARS) throw new Error(`VesselState needs ${SCALARS_USED} scalar slots, the track pool gives ${VESSEL_SCALARS}`);

export const enum SegKind {
  None = 0,
  Stop = 1,
  Leg = 2,
}

/**
 * Everything the engine knows about one vessel. Plain fields (one hidden class for all
 * vessels), lazily allocated lists, the track in typed arrays.
 */
export class VesselState {
  // Static data (types 5, 19, 24 A/B) and classification
  name: string | null = null;
  callsign: string | null = null;
  imo: number | null = null;
  shipType: number | null = null;
  length: number | null = null;
  aisClass: AisClass = 'other';
  category: VesselCategory = 'other';
  reg: RegistryEntry | undefined;
  /** On the licensed passenger-vessel register. */
  licensed = false;
  smallCraft = false;

  // Last believed fix
  sog: number | null = null;
  cog: number | null = null;
  heading: number | null = null;
  navStatus: number | null = null;
  fixes = 0;
  motion: MotionState = 'unknown';
  /** Persons on board from a binary message, with its time. */
  pob: number | null = null;
  /** Tagged (null until set) so that vessels without a report carry no number box. */
  pobAt: number | null = null;

  // Zone membership: flat [zoneIndex, enteredAt, lastInsideAt]*; null when in no zone.
  zones: number[] | null = null;
  /** Bitmask (ZONE_KIND_BIT) of the kinds in `zones`. */
  kindMask = 0;
  /** Bitmask of kinds the last fix was exactly inside (no exit grace). */
  rawKindMask = 0;
  /** Last exact lookup result and where/when it was made (cache). */
  raw: number[] | null = null;
  /** Cell slot of the last lookup (a ZoneSet hint: the next lookup in the same cell skips the cell cache). */
  rawCell = -1;

  // Current segment (stop or leg) and recent completed ones
  seg: SegKind = SegKind.None;
  segStartPlace: string | null = null;
  segments: Segment[] | null = null;

  // Sanity filters
  /** Fix that implied an impossible speed, kept to see whether the vessel really is there. */
  pend: { lat: number; lon: number; at: number } | null = null;
  /** Times (ms) of position jumps and name changes, for the identity rule. */
  jumps: number[] | null = null;
  names: { name: string; at: number }[] | null = null;
  outOfOrder = 0;
  /**
   * When the last fix was checked against the land mask, in whole minutes since the epoch, and
   * how far inland it was then in metres (0: at sea). Small integers, so no number box, and the
   * 16 scalar slots keep filling two cache lines.
   */
  landCheckMin = -1e9;
  inlandM = 0;
  /** Why the MMSI is not a valid ship MMSI (null: valid), computed once. */
  mmsiProblem: string | null;
  /** The next step distance is not sailed (relocation after a confirmed jump). */
  pathReset = false;

  /** Per-rule detector state (JSON-serialisable), created on first need. */
  det: Record<string, unknown> | null = null;
  /** Per detector: when it last ran for this vessel while an alert was open (engine throttle). */
  evalAt: Float64Array | null = null;
  /** Bit per rule (ALERT_RULES order) with an open episode for this vessel. */
  openRules = 0;
  /** Keys of alert episodes open for this vessel. */
  episodes: string[] | null = null;
  changed = false;
  track: TrackRing;
  private readonly f: Float64Array;
  private readonly o: number;

  constructor(
    readonly mmsi: number,
    track: TrackRing,
  ) {
    this.track = track;
    this.f = track.scalars;
    this.o = track.scalarBase;
    this.lat = NaN;
    this.lon = NaN;
    this.fixAt = -Infinity;
    this.lastHeardAt = -Infinity;
    this.heardEveryMs = 0;
    this.trackAt = -Infinity;
    this.leftHarbourAt = -Infinity;
    this.rawLat = NaN;
    this.rawLon = NaN;
    this.rawAt = -Infinity;
    this.rawSub = NaN;
    this.segStartAt = 0;
    this.segStartLat = 0;
    this.segStartLon = 0;
    this.segPathM = 0;
    this.segMaxSog = 0;

    this.mmsiProblem = invalidShipMmsi(mmsi);
  }

  // Numeric fields live in the pool's scalar slots (typed array): no number box per field, and
  // a fix touches one or two cache lines for all of them. Last believed fix: lat, lon, fixAt,
  // lastHeardAt; heardEveryMs: smoothed interval between believed fixes (how often the vessel is
  // really heard); trackAt: time of the newest track point (no ring read to decide on the next);
  // leftHarbourAt: when it last left a port, terminal or anchorage (-Infinity: not seen leaving);
  // rawLat/rawLon/rawAt: where and when the last exact lookup was made; rawSub: the (sub-)cell
  // its answer holds for, else NaN; seg*: the current segment.
  get lat(): number {
    return this.f[this.o + 0];
  }
  set lat(x: number) {
    this.f[this.o + 0] = x;
  }
  get lon(): number {
    return this.f[this.o + 1];
  }
  set lon(x: number) {
    this.f[this.o + 1] = x;
  }
  get fixAt(): number {
    return this.f[this.o + 2];
  }
  set fixAt(x: number) {
    this.f[this.o + 2] = x;
  }
  get lastHeardAt(): number {
    return this.f[this.o + 3];
  }
  set lastHeardAt(x: number) {
    this.f[this.o + 3] = x;
  }
  get heardEveryMs(): number {
    return this.f[this.o + 4];
  }
  set heardEveryMs(x: number) {
    this.f[this.o + 4] = x;
  }
  get trackAt(): number {
    return this.f[this.o + 5];
  }
  set trackAt(x: number) {
    this.f[this.o + 5] = x;
  }
  get leftHarbourAt(): number {
    return this.f[this.o + 6];
  }
  set leftHarbourAt(x: number) {
    this.f[this.o + 6] = x;
  }
  get rawLat(): number {
    return this.f[this.o + 7];
  }
  set rawLat(x: number) {
    this.f[this.o + 7] = x;
  }
  get rawLon(): number {
    return this.f[this.o + 8];
  }
  set rawLon(x: number) {
    this.f[this.o + 8] = x;
  }
  get rawAt(): number {
    return this.f[this.o + 9];
  }
  set rawAt(x: number) {
    this.f[this.o + 9] = x;
  }
  get rawSub(): number {
    return this.f[this.o + 10];
  }
  set rawSub(x: number) {
    this.f[this.o + 10] = x;
  }
  get segStartAt(): number {
    return this.f[this.o + 11];
  }
  set segStartAt(x: number) {
    this.f[this.o + 11] = x;
  }
  get segStartLat(): number {
    return this.f[this.o + 12];
  }
  set segStartLat(x: number) {
    this.f[this.o + 12] = x;
  }
  get segStartLon(): number {
    return this.f[this.o + 13];
  }
  set segStartLon(x: number) {
    this.f[this.o + 13] = x;
  }
  get segPathM(): number {
    return this.f[this.o + 14];
  }
  set segPathM(x: number) {
    this.f[this.o + 14] = x;
  }
  get segMaxSog(): number {
    return this.f[this.o + 15];
  }
  set segMaxSog(x: number) {
    this.f[this.o + 15] = x;
  }

  get hasFix(): boolean {
    return this.fixAt > -Infinity;
  }

  detState<T>(rule: string, init: () => T): T {
    if (!this.det) this.det = {};
    let s = this.det[rule] as T | undefined;
    if (s === undefined) this.det[rule] = s = init();
    return s;
  }

  /** Zone indices in the confirmed membership. */
  zoneIndices(): number[] {
    const out: number[] = [];
    if (this.zones) for (let i = 0; i < this.zones.length; i += 3) out.push(this.zones[i]);
    return out;
  }

  /** When the vessel entered zone `idx` (confirmed membership), or undefined. */
  enteredAt(idx: number): number | undefined {
    if (!this.zones) return undefined;
    for (let i = 0; i < this.zones.length; i += 3) if (this.zones[i] === idx) return this.zones[i + 1];
    return undefined;
  }

  isRawIn(idx: number): boolean {
    return !!this.raw && this.raw.includes(idx);
  }
}
