import type { AlertRule } from '@seawarden/contracts';
import type { VesselState } from '../tracker/vessel-state.js';
import { aisGapDetector } from './ais-gap.detector.js';
import type { Detector, DetectorContext, Finding } from './detector.js';
import { EncounterDetector } from './encounter.detector.js';
import { fishingBanDetector } from './fishing-ban.detector.js';
import { identityDetector } from './identity.detector.js';
import { loiteringDetector } from './loitering.detector.js';
import { nightOperationDetector } from './night-operation.detector.js';
import { passengerCarryingDetector } from './passenger-carrying.detector.js';
import { restrictedEntryDetector } from './restricted-entry.detector.js';
import { speedingDetector } from './speeding.detector.js';
import { temporaryClosureDetector } from './temporary-closure.detector.js';

/** A rule judged over all vessels at once on a tick (encounters). */
export interface FleetDetector {
  readonly rule: AlertRule;
  detectAll(vessels: Iterable<VesselState>, ctx: DetectorContext): Map<VesselState, Finding[]>;
  exportState(): unknown;
  importState(state: unknown): void;
}

export function createDetectors(): { perVessel: Detector[]; fleet: FleetDetector[] } {
  return {
    perVessel: [
      fishingBanDetector,
      passengerCarryingDetector,
      restrictedEntryDetector,
      temporaryClosureDetector,
      speedingDetector,
      aisGapDetector,
      identityDetector,
      nightOperationDetector,
      loiteringDetector,
    ],
    fleet: [new EncounterDetector()],
  };
}
