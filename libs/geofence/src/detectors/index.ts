import type { AlertRule } from '@seawarden/contracts';
import type { VesselState } from '../tracker/vessel-state.js';
import type { Detector, DetectorContext, Finding } from './detector.js';

/** A rule judged over all vessels at once on a tick (encounters). */
export interface FleetDetector {
  readonly rule: AlertRule;
  detectAll(vessels: Iterable<VesselState>, ctx: DetectorContext): Map<VesselState, Finding[]>;
  exportState(): unknown;
  importState(state: unknown): void;
}

export function createDetectors(): { perVessel: Detector[]; fleet: FleetDetector[] } {
  return { perVessel: [], fleet: [] };
}
