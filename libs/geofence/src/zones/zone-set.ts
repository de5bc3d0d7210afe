import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { ZoneKind } from '@seawarden/contracts';
import { pointSegmentDistanceM } from '../geo.js';
import type { Zone } from './zone.js';

/** Side of the lookup cells in degrees (~550 m north–south). */
const CELL_DEG = 0.005;
const MAX_CACHED_CELLS = 250_000;
const EMPTY = new Int32Array(1);

/**
 * The zones, an R-tree (flatbush) over their bounding boxes and a cache of lookup cells.
 * A cell remembers which zones cover it entirely (no PIP needed) and which have an edge
 * through it (exact PIP with turf); most lookups therefore cost one Map get.
 */
export class ZoneSet {
  readonly all: readonly Zone[];
  private readonly ids = new Map<string, Zone>();
  private readonly kinds = new Map<ZoneKind, Zone[]>();
  private readonly index: Flatbush | null;
  private readonly cells = new Map<number, Int32Array>();
  private readonly pt: [number, number] = [0, 0];

  constructor(zones: Zone[]) {
    this.all = zones;
    for (const z of zones) {
      this.ids.set(z.id, z);
      let list = this.kinds.get(z.kind);
      if (!list) this.kinds.set(z.kind, (list = []));
      list.push(z);
    }
    if (zones.length > 0) {
      this.index = new Flatbush(zones.length);
      for (const z of zones) this.index.add(z.bbox[0], z.bbox[1], z.bbox[2], z.bbox[3]);
      this.index.finish();
    } else {
      this.index = null;
    }
  }

  get size(): number {
    return this.all.length;
  }

  byId(id: string): Zone | undefined {
    return this.ids.get(id);
  }

  ofKind(kind: ZoneKind): readonly Zone[] {
    return this.kinds.get(kind) ?? [];
  }

  /** Zones containing the point (boundary counts as inside). */
  zonesAt(lat: number, lon: number): Zone[] {
    const out: number[] = [];
    const n = this.lookup(lat, lon, out);
    const zones: Zone[] = [];
    for (let i = 0; i < n; i++) zones.push(this.all[out[i]]);
    return zones;
  }

  /**
   * Hot path: writes the indices of the zones containing the point into `out`, returns the count.
   * `out` is the caller's reusable buffer.
   */
  lookup(lat: number, lon: number, out: number[]): number {
    if (!this.index) return 0;
    const cx = Math.floor((lon + 180) / CELL_DEG);
    const cy = Math.floor((lat + 90) / CELL_DEG);
    const key = cx * 40_000 + cy;
    let cell = this.cells.get(key);
    if (cell === undefined) {
      cell = this.classifyCell(cx, cy);
      if (this.cells.size >= MAX_CACHED_CELLS) this.cells.clear();
      this.cells.set(key, cell);
    }
    const nInside = cell[0];
    let n = 0;
    for (let i = 1; i <= nInside; i++) out[n++] = cell[i];
    if (cell.length > nInside + 1) {
      const pt = this.pt;
      pt[0] = lon;
      pt[1] = lat;
      for (let i = nInside + 1; i < cell.length; i++) {
        if (booleanPointInPolygon(pt, this.all[cell[i]].feature)) out[n++] = cell[i];
      }
    }
    return n;
  }

  /** Distance in metres from a point to the zone (0 inside). Exact on the zone's edges; not for the hot path. */
  distanceM(zone: Zone, lat: number, lon: number): number {
    this.pt[0] = lon;
    this.pt[1] = lat;
    if (booleanPointInPolygon(this.pt, zone.feature)) return 0;
    let best = Infinity;
    for (const r of zone.rings) {
      for (let k = 0; k + 3 < r.length; k += 2) {
        const d = pointSegmentDistanceM(lat, lon, r[k + 1], r[k], r[k + 3], r[k + 2]);
        if (d < best) best = d;
      }
    }
    return best;
  }

  /** Zones of the given kinds within `maxM` metres of the point, nearest first. */
  near(lat: number, lon: number, maxM: number, kinds?: ReadonlySet<ZoneKind>): { zone: Zone; distanceM: number }[] {
    if (!this.index) return [];
    const dLat = maxM / 111_320;
    const dLon = maxM / (111_320 * Math.max(0.05, Math.cos((lat * Math.PI) / 180)));
    const found: { zone: Zone; distanceM: number }[] = [];
    for (const i of this.index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const zone = this.all[i];
      if (kinds && !kinds.has(zone.kind)) continue;
      const d = this.distanceM(zone, lat, lon);
      if (d <= maxM) found.push({ zone, distanceM: d });
    }
    return found.sort((a, b) => a.distanceM - b.distanceM);
  }

  /** Cell layout: [nInside, ...insideIdx, ...edgeIdx]. */
  private classifyCell(cx: number, cy: number): Int32Array {
    const x0 = cx * CELL_DEG - 180;
    const y0 = cy * CELL_DEG - 90;
    const x1 = x0 + CELL_DEG;
    const y1 = y0 + CELL_DEG;
    const candidates = this.index!.search(x0, y0, x1, y1);
    if (candidates.length === 0) return EMPTY;
    const inside: number[] = [];
    const edge: number[] = [];
    for (const i of candidates) {
      const z = this.all[i];
      if (ringsCrossRect(z.rings, x0, y0, x1, y1)) edge.push(i);
      else {
        // No edge crosses the cell: it is wholly inside or wholly outside; its centre decides.
        this.pt[0] = (x0 + x1) / 2;
        this.pt[1] = (y0 + y1) / 2;
        if (booleanPointInPolygon(this.pt, z.feature)) inside.push(i);
      }
    }
    const cell = new Int32Array(1 + inside.length + edge.length);
    cell[0] = inside.length;
    cell.set(inside, 1);
    cell.set(edge, 1 + inside.length);
    return cell;
  }
}

function ringsCrossRect(rings: readonly Float64Array[], x0: number, y0: number, x1: number, y1: number): boolean {
  for (const r of rings) {
    for (let k = 0; k + 3 < r.length; k += 2) {
      if (segmentTouchesRect(r[k], r[k + 1], r[k + 2], r[k + 3], x0, y0, x1, y1)) return true;
    }
  }
  return false;
}

/** Liang–Barsky clip: does the segment touch the closed rectangle? */
function segmentTouchesRect(ax: number, ay: number, bx: number, by: number, x0: number, y0: number, x1: number, y1: number): boolean {
  if ((ax < x0 && bx < x0) || (ax > x1 && bx > x1) || (ay < y0 && by < y0) || (ay > y1 && by > y1)) return false;
  const dx = bx - ax;
  const dy = by - ay;
  let t0 = 0;
  let t1 = 1;
  const p = [-dx, dx, -dy, dy];
  const q = [ax - x0, x1 - ax, ay - y0, y1 - ay];
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i] < 0) return false;
    } else {
      const t = q[i] / p[i];
      if (p[i] < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
    }
  }
  return true;
}
