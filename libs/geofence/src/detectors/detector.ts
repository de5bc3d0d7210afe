import type { AlertRule, EvidenceItem, Reason, Severity } from '@seawarden/contracts';
import type { BanCalendars } from '../calendars/ban-calendars.js';
import type { DetectorParams } from '../params.js';
import type { Registry } from '../registry/registry.js';
import type { TrackerUpdate } from '../tracker/tracker.js';
import type { VesselState } from '../tracker/vessel-state.js';
import type { ZoneSet } from '../zones/zone-set.js';

/** A condition that holds now for one vessel; the lifecycle turns it into an alert episode. */
export interface Finding {
  /** Episode key within (rule, vessel); defaults to zoneId (or '-' when null). */
  key?: string;
  zoneId: string | null;
  severity: Severity;
  reason: Reason;
  position: { lat: number; lon: number } | null;
  /** New evidence to append to the episode (not the whole history). */
  evidence: EvidenceItem[];
  /** Changes when the finding changes meaningfully (e.g. one more leg): forces an `updated`. */
  signature?: string;
  /** The condition has ended with this evidence (e.g. the silent vessel spoke again): close now. */
  closeNow?: boolean;
}

export interface DetectorContext {
  readonly params: DetectorParams;
  readonly zones: ZoneSet;
  readonly calendars: BanCalendars;
  readonly registry: Registry;
  /** Time of the message or tick being processed (ms). */
  readonly now: number;
  /** What the current message changed; null on a tick. */
  readonly update: TrackerUpdate | null;
  /**
   * Was any vessel near the point heard at or after `sinceMs`? (coverage check, from the last
   * tick's picture; true when unknown). A vessel is "dark" only where others are still heard.
   */
  heardNear(lat: number, lon: number, sinceMs: number): boolean;
}

/**
 * One rule. `relevant` is a cheap gate (the engine also runs the detector while the vessel has
 * an open episode of this rule, so that it can lapse); `detect` returns every finding that
 * holds now for the vessel. Detectors keep their own state in `v.detState(rule, …)`.
 */
export interface Detector {
  readonly rule: AlertRule;
  /** When the engine runs it: a mask of RUN_ON_FIX (believed fix), RUN_ON_MESSAGE (any message), RUN_ON_TICK. */
  readonly runsOn: number;
  /**
   * Zone kinds (ZONE_KIND_BIT mask) the vessel must be in (confirmed or exact membership) for
   * the rule to apply at all; 0 = no zone needed. Lets the engine skip the call cheaply.
   */
  readonly zoneMask: number;
  /** False: run on every trigger even with an open alert (ais_gap must see the vessel return). */
  readonly throttle?: boolean;
  relevant(v: VesselState, ctx: DetectorContext): boolean;
  detect(v: VesselState, ctx: DetectorContext): Finding[];
}

export const RUN_ON_FIX = 1;
export const RUN_ON_MESSAGE = 2;
export const RUN_ON_TICK = 4;

export const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const SEVERITY_OF_RANK: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const raiseSeverity = (s: Severity, by = 1): Severity => SEVERITY_OF_RANK[Math.min(3, SEVERITY_RANK[s] + by)];
