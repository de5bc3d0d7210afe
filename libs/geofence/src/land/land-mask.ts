import Flatbush from 'flatbush';
import type { Reason } from '@seawarden/contracts';
import { distanceToRingsM, insideRings } from '../geometry/rings.js';

/** One validated land polygon (an island, a stretch of mainland). */
export interface LandArea {
  /** The feature's `id`, else `land-<feature index>`. */
  readonly id: string;
  readonly name: Reason | null;
  /** Rings flattened as [lon0, lat0, lon1, lat1, …] (outer rings and holes, even–odd). */
  readonly rings: readonly Float64Array[];
  /** [west, south, east, north]. */
  readonly bbox: readonly [number, number, number, number];
}

/** Where a position on land is: the area and how far inside its coastline. */
export interface LandHit {
  readonly area: LandArea;
  /** Distance to the nearest edge of the area's outline, metres. */
  readonly inlandM: number;
}

/**
 * Land outlines for the "position on land" identity signal. Lookups are rare (the tracker
 * asks a few times an hour per vessel), so an R-tree over the areas' boxes and an exact
 * ray cast plus a scan of the containing area's edges are enough.
 */
export class LandMask {
  private readonly index: Flatbush | null;

  constructor(readonly areas: readonly LandArea[]) {
    if (areas.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(areas.length);
    for (const a of areas) this.index.add(a.bbox[0], a.bbox[1], a.bbox[2], a.bbox[3]);
    this.index.finish();
  }

  get size(): number {
    return this.areas.length;
  }

  /** The land area the position is on, with its distance inland; null at sea. */
  locate(lat: number, lon: number): LandHit | null {
    if (!this.index) return null;
    for (const i of this.index.search(lon, lat, lon, lat)) {
      const area = this.areas[i];
      if (insideRings(area.rings, lon, lat)) return { area, inlandM: distanceToRingsM(area.rings, lat, lon) };
    }
    return null;
  }
}
