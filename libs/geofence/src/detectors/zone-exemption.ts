import type { VesselState } from '../tracker/vessel-state.js';
import type { Zone } from '../zones/zone.js';

/** Law-enforcement/SAR types (params or the zone's `exemptShipTypes`) and listed MMSIs (`exemptMmsi`) are exempt. */
export function isExempt(v: VesselState, zone: Zone, defaultTypes: readonly number[]): boolean {
  const types = (zone.properties.exemptShipTypes as number[] | undefined) ?? defaultTypes;
  if (v.shipType !== null && types.includes(v.shipType)) return true;
  const mmsis = zone.properties.exemptMmsi as number[] | undefined;
  if (mmsis && mmsis.includes(v.mmsi)) return true;
  const cats = zone.properties.appliesTo as string[] | undefined;
  return !!cats && !cats.includes(v.category);
}

/** A temporary closure is in force at `now` (validity window, either end open). */
const closureInForce = (z: Zone, now: number): boolean =>
  (z.validFromMs === undefined || now >= z.validFromMs) && (z.validToMs === undefined || now < z.validToMs);

/** A temporary closure that binds this vessel now: in force, and the vessel not exempt. */
export const closureBinds = (v: VesselState, zone: Zone, nowMs: number, defaultTypes: readonly number[]): boolean =>
  zone.kind === 'temporary_closure' && closureInForce(zone, nowMs) && !isExempt(v, zone, defaultTypes);
