import type { CompactVesselDelta, VesselCategory, VesselDelta, VesselSnapshot } from '@seawarden/contracts';

/** What the map needs of a live vessel (the compact row's fields). */
export interface LiveVessel {
  mmsi: number;
  lat: number | null;
  lon: number | null;
  sog: number | null;
  cog: number | null;
  heading: number | null;
  category: VesselCategory;
  motion: string;
  name: string | null;
  registered: boolean;
  fixAt: number | null;
}

const CATEGORIES = new Set<VesselCategory>(['fishing', 'passenger', 'leisure', 'cargo', 'tanker', 'service', 'other']);
function asCategory(c: string): VesselCategory {
  return CATEGORIES.has(c as VesselCategory) ? (c as VesselCategory) : 'other';
}

export function fromSnapshot(v: VesselSnapshot): LiveVessel {
  return {
    mmsi: v.mmsi,
    lat: v.lat,
    lon: v.lon,
    sog: v.sog,
    cog: v.cog,
    heading: v.heading,
    category: asCategory(v.category),
    motion: v.motion,
    name: v.name,
    registered: v.registered,
    fixAt: v.fixAt ? Date.parse(v.fixAt) / 1000 : null,
  };
}

/** Normalises either delta form into upserts and removals. */
export function normaliseDelta(d: VesselDelta | CompactVesselDelta): { full: boolean; upsert: LiveVessel[]; remove: number[] } {
  if ('rows' in d) {
    return {
      full: d.full,
      remove: d.remove,
      upsert: d.rows.map(([mmsi, lat, lon, sog, cog, heading, category, motion, name, registered, fixAt]) => ({
        mmsi, lat, lon, sog, cog, heading, category: asCategory(category), motion, name, registered, fixAt,
      })),
    };
  }
  return { full: d.full, remove: d.remove, upsert: d.upsert.map(fromSnapshot) };
}

/**
 * Applies one delta to the map of live vessels in place. A full delta replaces the
 * viewport's contents. Returns whether anything changed.
 */
export function applyDelta(vessels: Map<number, LiveVessel>, delta: VesselDelta | CompactVesselDelta): boolean {
  const d = normaliseDelta(delta);
  let changed = false;
  if (d.full && vessels.size > 0) {
    vessels.clear();
    changed = true;
  }
  for (const mmsi of d.remove) changed = vessels.delete(mmsi) || changed;
  for (const v of d.upsert) {
    vessels.set(v.mmsi, v);
    changed = true;
  }
  return changed;
}

export interface VesselFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { mmsi: number; cat: VesselCategory; rot: number; moving: number; sel: number };
}

/** GeoJSON for the vessel layer: heading (else course) rotates the icon; vessels without a fix are left out. */
export function toFeatureCollection(vessels: Map<number, LiveVessel>, selected: number | null = null): { type: 'FeatureCollection'; features: VesselFeature[] } {
  const features: VesselFeature[] = [];
  for (const v of vessels.values()) {
    if (v.lat === null || v.lon === null) continue;
    const rot = v.heading ?? v.cog ?? 0;
    features.push({
      type: 'Feature',
      id: v.mmsi,
      geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
      properties: { mmsi: v.mmsi, cat: v.category, rot, moving: v.motion === 'underway' ? 1 : 0, sel: v.mmsi === selected ? 1 : 0 },
    });
  }
  return { type: 'FeatureCollection', features };
}
