import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { BBox } from '@seawarden/contracts';
import type { GeoJsonFeatureCollection } from '../console.deps.js';

interface Entry {
  id: string;
  bbox: [number, number, number, number];
  geometry: any;
}

function bboxOf(geometry: any): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const walk = (c: any): void => {
    if (typeof c[0] === 'number') {
      w = Math.min(w, c[0]); e = Math.max(e, c[0]); s = Math.min(s, c[1]); n = Math.max(n, c[1]);
    } else for (const x of c) walk(x);
  };
  walk(geometry.coordinates);
  return [w, s, e, n];
}

/** Which jurisdiction zones contain a point (bbox prefilter, then point-in-polygon). */
export class JurisdictionIndex {
  private entries: Entry[] = [];

  constructor(zones?: GeoJsonFeatureCollection) {
    if (zones) this.load(zones);
  }

  load(zones: GeoJsonFeatureCollection): void {
    this.entries = zones.features
      .filter((f) => f?.properties?.kind === 'jurisdiction' && f.geometry && /Polygon$/.test(f.geometry.type))
      .map((f) => ({ id: String(f.properties.id), geometry: f.geometry, bbox: bboxOf(f.geometry) }));
  }

  ids(): string[] {
    return this.entries.map((e) => e.id);
  }

  /** Bounding boxes of the given jurisdictions (unknown ids have none). */
  boxes(ids: readonly string[]): BBox[] {
    return this.entries.filter((e) => ids.includes(e.id)).map(({ bbox: [west, south, east, north] }) => ({ west, south, east, north }));
  }

  containing(lat: number, lon: number): string[] {
    const out: string[] = [];
    for (const e of this.entries) {
      const [w, s, ea, n] = e.bbox;
      if (lon < w || lon > ea || lat < s || lat > n) continue;
      if (booleanPointInPolygon([lon, lat], e.geometry)) out.push(e.id);
    }
    return out;
  }
}
