import type { AisClass, VesselCategory } from '@seawarden/contracts';
import type { RegistryEntry } from '../registry/registry.js';

/** Category from the register when listed, else from the AIS ship type, class and length. */
export function classifyVessel(
  reg: RegistryEntry | undefined,
  shipType: number | null,
  aisClass: AisClass,
  length: number | null,
  smallCraftMaxM: number,
): VesselCategory {
  if (reg) return reg.category;
  if (shipType !== null && shipType > 0) {
    if (shipType === 30) return 'fishing';
    if (shipType === 36 || shipType === 37) return 'leisure';
    if ((shipType >= 60 && shipType <= 69) || (shipType >= 40 && shipType <= 49)) return 'passenger';
    if (shipType >= 70 && shipType <= 79) return 'cargo';
    if (shipType >= 80 && shipType <= 89) return 'tanker';
    if ((shipType >= 50 && shipType <= 59) || shipType === 31 || shipType === 32 || shipType === 33 || shipType === 34 || shipType === 35) return 'service';
    return 'other';
  }
  // Untyped Class B under ~24 m: in these waters, most likely a small leisure boat.
  if (aisClass === 'B' && (length === null || length < smallCraftMaxM)) return 'leisure';
  return 'other';
}

/** Small leisure/unlicensed craft that the passenger-carrying rule watches. */
export function isSmallCraft(shipType: number | null, aisClass: AisClass, length: number | null, smallCraftMaxM: number): boolean {
  if (length !== null && length >= smallCraftMaxM) return false;
  if (shipType === 30 || shipType === 36 || shipType === 37 || shipType === null || shipType === 0) return true;
  return aisClass === 'B';
}
