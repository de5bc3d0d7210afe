import type { AisClass, MotionState, VesselCategory } from '@seawarden/contracts';
import type { RegistryEntry } from '../registry/registry.js';
import type { Segment } from './segment.js';
import { invalidShipMmsi } from './mmsi.js';
import type { TrackRing } from './track-ring.js';

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
  lat = NaN;
  lon = NaN;
  sog: number | null = null;
  cog: number | null = null;
  heading: number | null = null;
  navStatus: number | null = null;
  fixAt = -Infinity;
  lastHeardAt = -Infinity;
  fixes = 0;
  /** Time of the newest track point (ms), so that deciding whether to add one needs no read of the ring. */
  trackAt = -Infinity;
  /** Smoothed interval between believed fixes (ms): how often this vessel is really heard. */
  heardEveryMs = 0;
  motion: MotionState = 'unknown';
  /** Persons on board from a binary message, with its time. */
  pob: number | null = null;
  /** Tagged (null until set) so that vessels without a report carry no number box. */
  pobAt: number | null = null;

  // Zone membership: flat [zoneIndex, enteredAt, lastInsideAt]*; null when in no zone.
  zones: number[] | null = null;
  /** Bitmask (ZONE_KIND_BIT) of the kinds in `zones`. */
  kindMask = 0;
  /** When the vessel last left a port, terminal or anchorage (ms; -Infinity: not seen leaving). */
  leftHarbourAt = -Infinity;
  /** Bitmask of kinds the last fix was exactly inside (no exit grace). */
  rawKindMask = 0;
  /** Last exact lookup result and where/when it was made (cache). */
  raw: number[] | null = null;
  rawLat = NaN;
  rawLon = NaN;
  rawAt = -Infinity;
  /** Sub-cell of the last lookup when its answer holds for the whole sub-cell, else NaN. */
  rawSub = NaN;
  /** Cell slot of the last lookup (a ZoneSet hint: the next lookup in the same cell skips the cell cache). */
  rawCell = -1;

  // Current segment (stop or leg) and recent completed ones
  seg: SegKind = SegKind.None;
  segStartAt = 0;
  segStartLat = 0;
  segStartLon = 0;
  segPathM = 0;
  segMaxSog = 0;
  segStartPlace: string | null = null;
  segments: Segment[] | null = null;

  // Sanity filters
  /** Fix that implied an impossible speed, kept to see whether the vessel really is there. */
  pend: { lat: number; lon: number; at: number } | null = null;
  /** Times (ms) of position jumps and name changes, for the identity rule. */
  jumps: number[] | null = null;
  names: { name: string; at: number }[] | null = null;
  outOfOrder = 0;
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

  constructor(
    readonly mmsi: number,
    track: TrackRing,
  ) {
    this.track = track;
    this.mmsiProblem = invalidShipMmsi(mmsi);
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
