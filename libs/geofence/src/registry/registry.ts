import type { VesselCategory } from '@seawarden/contracts';
import type { Gear } from '../calendars/gears.js';

export interface RegistryEntry {
  mmsi: number;
  name: string;
  category: VesselCategory;
  gear: Gear | null;
  /** Licensed passenger capacity; > 0 makes a licensed passenger vessel. */
  licensedPassengers: number | null;
  homePort: string;
  notes: string;
  /** Holds a special fishing licence (notes mention `special_licence` / 专项捕捞). */
  specialLicence: boolean;
}

/** The vessel registry, by MMSI. */
export class Registry {
  private readonly byMmsi = new Map<number, RegistryEntry>();

  constructor(entries: RegistryEntry[] = []) {
    for (const e of entries) this.byMmsi.set(e.mmsi, e);
  }

  get(mmsi: number): RegistryEntry | undefined {
    return this.byMmsi.get(mmsi);
  }

  get size(): number {
    return this.byMmsi.size;
  }

  entries(): IterableIterator<RegistryEntry> {
    return this.byMmsi.values();
  }

  /** On the licensed passenger-vessel register. */
  isLicensedPassenger(mmsi: number): boolean {
    const e = this.byMmsi.get(mmsi);
    return !!e && e.category === 'passenger' && (e.licensedPassengers ?? 0) > 0;
  }
}
