import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { ZoneKind } from '@seawarden/contracts';
import { crossesEast, distanceToRingsM, insideRings } from '../geometry/rings.js';
import { ZONE_KIND_BIT, type Zone } from './zone.js';

/** Side of the lookup cells in degrees (~550 m north–south). */
const CELL_DEG = 0.005;
/** Edge cells are refined into SUB × SUB sub-cells on demand (~70 m). */
const SUB = 8;
const SUB_DEG = CELL_DEG / SUB;
const MAX_CACHED_CELLS = 250_000;
/** Bytes per chunk of the sub-cell state arena. */
const ARENA = 1 << 20;
/** Cells are classified through blocks of BLOCK × BLOCK cells (~4.4 km): a zone no edge crosses a block for is settled for all its cells at once. */
const BLOCK = 8;
/** Block rectangles are tested slightly enlarged, so that rounding in cell coordinates cannot matter. */
const BLOCK_PAD = 1e-9;
/**
 * Cells of the zones' bounding box are found through a dense grid of slots (no hashing) when it
 * has at most this many: 32 MB of address space at most, of which only the pages of cells
 * vessels visit are ever touched. Beyond it (zones spread over an ocean), a Map.
 */
const MAX_GRID_CELLS = 1 << 23;
/** `prepare` leaves the rest of the cells to first use once this many edge cells are kept (room for lazy ones). */
const MAX_PREPARED_EDGE_CELLS = MAX_CACHED_CELLS / 2;
/** Zones with more vertices than this get a segment index (flatbush over their edges). */
const SEG_INDEX_MIN_VERTICES = 32;

const OUT = 1;
const IN = 2;
const EDGE = 3;

/** A lookup cell: zones covering it wholly, and zones with an edge through it (with lazily classified sub-cells). */
interface Cell {
  /** Position in `ZoneSet.slots` (a lookup hint callers may keep without holding the cell). */
  slot: number;
  cx: number;
  cy: number;
  inside: readonly number[];
  edge: readonly number[];
  /**
   * Where this cell's sub-cell states (0 unknown, OUT, IN, EDGE) start in the set's arena; -1
   * until first use. Sub-cell major: the states of all edge zones for one sub-cell share a cache line.
   */
  subAt: number;
  /** Per edge zone with a segment index: ids of its segments touching the cell (null for small zones). */
  local: (number[] | null)[] | null;
  /** Per edge zone: whether the cell centre is inside (1) or not (0). */
  ref: number[] | null;
}
const NONE: readonly number[] = [];



/** A block of cells: the zones whose bbox meets it, each OUT, IN (the whole block) or EDGE (decided per cell). */
interface Block {
  bx: number;
  by: number;
  zones: number[];
  state: number[];
}


/** The edges of one zone: flat [ax, ay, bx, by]* plus, for big zones, an R-tree over them. */
interface Segments {
  xy: Float64Array;
  index: Flatbush | null;
}

export class ZoneSet {
  readonly all: readonly Zone[];
  private readonly ids = new Map<string, Zone>();
  private readonly kinds = new Map<ZoneKind, Zone[]>();
  private readonly index: Flatbush | null;
  /** ZONE_KIND_BIT of each zone, by index. */
  readonly kindBits: Int32Array;
  private readonly cells = new Map<number, Cell>();
  /** The zones' bounding box in cells: no zone reaches a point outside it. */
  private gridX = 0;
  private gridY = 0;
  private gridW = 0;
  private gridH = 0;
  /**
   * Per cell of that box: 0 not classified yet; slot + 1 of a cell an edge crosses; −(list + 1)
   * of a cell no edge crosses (no Cell object: `lists[list]` is its answer). Null when the box is
   * too big: `cells` is used.
   */
  private grid: Int32Array | null = null;
  /** Cells of the grid classified as crossed by no edge (they hold no Cell). */
  private pureCells = 0;
  /** The block `prepare` goes on from (row-major over the box's blocks), and whether it has finished. */
  private prepareNext = 0;
  private prepared = false;
  private readonly blocks = new Map<number, Block>();
  private slots: Cell[] = [];
  /** Sub-cell states of all cells, in chunks (no typed array per cell: their headers and backing stores would outweigh the states). */
  private arena: Uint8Array[] = [];
  private arenaTop = ARENA;
  /** Edges of each zone, by index (built with the set, at load time). */
  private readonly segments: Segments[] = [];
  private readonly pt: [number, number] = [0, 0];
  /** Distinct zone lists of the cells (neighbouring cells share one array, which stays in cache), and their index in `lists`. */
  private lists: (readonly number[])[] = [NONE];
  private readonly listIds = new Map<string, number>([['', 0]]);

  constructor(zones: Zone[]) {
    this.all = zones;
    this.kindBits = Int32Array.from(zones, (z) => ZONE_KIND_BIT[z.kind]);
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
      for (const z of zones) this.segments[z.index] = buildSegments(z);
      this.gridX = Math.floor((this.index.minX + 180) / CELL_DEG);
      this.gridY = Math.floor((this.index.minY + 90) / CELL_DEG);
      this.gridW = Math.floor((this.index.maxX + 180) / CELL_DEG) - this.gridX + 1;
      this.gridH = Math.floor((this.index.maxY + 90) / CELL_DEG) - this.gridY + 1;
      if (this.gridW * this.gridH <= MAX_GRID_CELLS) this.grid = new Int32Array(this.gridW * this.gridH);
    } else {
      this.index = null;
    }
  }

  get size(): number {
    return this.all.length;
  }

  /**
   * After `lookup`: the id of the area the answer holds for — the whole cell (`cellId`) when
   * no zone edge crosses it, the sub-cell (`subCellId`) when no exact test was needed, else
   * NaN. A caller may reuse the answer while its point stays in that area.
   */
  stableArea = NaN;
  /** After `lookup`: slot of the cell the point fell in (pass it back as the next lookup's hint; -1: none). */
  lastSlot = -1;

  /** Id of the ~550 m cell containing the point (negative: never equal to a sub-cell id). */
  static cellId(lat: number, lon: number): number {
    return cellArea(Math.floor((lon + 180) / CELL_DEG), Math.floor((lat + 90) / CELL_DEG));
  }

  /** Id of the ~70 m sub-cell containing the point. */
  static subCellId(lat: number, lon: number): number {
    return Math.floor(((lon + 180) / CELL_DEG) * SUB) * 2_097_152 + Math.floor(((lat + 90) / CELL_DEG) * SUB);
  }

  /** Lookup cells cached so far (memory is shared by all vessels, bounded by MAX_CACHED_CELLS). */
  get cachedCells(): number {
    return this.slots.length + this.pureCells;
  }

  clearCache(): void {
    this.cells.clear();
    if (this.grid) this.grid = new Int32Array(this.gridW * this.gridH); // fresh pages, not a fill of all of them
    this.blocks.clear();
    this.slots = [];
    this.arena = [];
    this.arenaTop = ARENA;
    this.pureCells = 0;
    this.prepareNext = 0;
    this.prepared = false;
    this.lists = [NONE];
    this.listIds.clear();
    this.listIds.set('', 0);
  }

  /** Whether `prepare` has finished (or had nothing to do: no grid). */
  get isPrepared(): boolean {
    return this.prepared || this.grid === null;
  }

  /**
   * Classifies the cells of the zones' box ahead of the traffic (at load, not on a vessel's first
   * visit): a block no zone edge crosses settles its 64 cells at once, as grid entries without
   * objects; the sub-cells of the other cells are classified too. Stops (leaving the rest to
   * first use) once MAX_PREPARED_EDGE_CELLS edge cells are kept; does nothing when the box is
   * too big for the grid, or done already. With a `deadline` (performance.now() ms) it returns
   * after the first block done past it and goes on from there at the next call, so that a caller can run
   * it in slices while the set is in use (lookups classify what is not done yet). Returns the
   * cells classified.
   */
  prepare(deadline = Infinity): number {
    const grid = this.grid;
    if (grid === null || this.prepared) return 0;
    const before = this.cachedCells;
    const x0 = this.gridX;
    const y0 = this.gridY;
    const x1 = x0 + this.gridW;
    const y1 = y0 + this.gridH;
    const bx0 = Math.floor(x0 / BLOCK);
    const by0 = Math.floor(y0 / BLOCK);
    const cols = Math.floor((x1 - 1) / BLOCK) - bx0 + 1;
    const total = cols * (Math.floor((y1 - 1) / BLOCK) - by0 + 1);
    for (const first = this.prepareNext; this.prepareNext < total; this.prepareNext++) {
      if (this.slots.length >= MAX_PREPARED_EDGE_CELLS) break;
      if (this.prepareNext > first && performance.now() > deadline) return this.cachedCells - before; // one block at least: progress
      const bx = bx0 + (this.prepareNext % cols);
      const by = by0 + Math.floor(this.prepareNext / cols);
      const b = this.block(bx * BLOCK, by * BLOCK);
      const whole = !b.state.includes(EDGE);
      const pure = whole ? -(this.listId(b.zones.filter((_, j) => b.state[j] === IN)) + 1) : 0;
      for (let cy = Math.max(y0, by * BLOCK); cy < Math.min(y1, (by + 1) * BLOCK); cy++) {
        for (let cx = Math.max(x0, bx * BLOCK); cx < Math.min(x1, (bx + 1) * BLOCK); cx++) {
          const gi = (cy - y0) * this.gridW + (cx - x0);
          if (grid[gi] !== 0) continue;
          if (whole) {
            grid[gi] = pure;
            this.pureCells++;
          } else {
            const g = this.keep(this.classifyCell(cx, cy), gi);
            if (g > 0) this.classifySubCells(this.slots[g - 1]);
          }
        }
      }
    }
    this.prepared = true;
    // The blocks served the classification (14 MB of heap for Zhoushan's 30,000); a cell left
    // for first use rebuilds the one it needs.
    this.blocks.clear();
    return this.cachedCells - before;
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
   * `out` is the caller's reusable buffer. Cells wholly inside a zone need no test. Cells an
   * edge crosses are refined into sub-cells; only in sub-cells an edge crosses is the point
   * tested exactly: turf's point-in-polygon for small zones, the cell's own edges for big ones
   * (turf again for degenerate cases).
   */
  lookup(lat: number, lon: number, out: number[], hint = -1): number {
    this.stableArea = NaN;
    this.lastSlot = -1;
    if (!this.index) return 0;
    const fx = (lon + 180) / CELL_DEG;
    const fy = (lat + 90) / CELL_DEG;
    const cx = Math.floor(fx);
    const cy = Math.floor(fy);
    const ix = cx - this.gridX;
    const iy = cy - this.gridY;
    if (ix < 0 || iy < 0 || ix >= this.gridW || iy >= this.gridH) {
      this.stableArea = cellArea(cx, cy); // beyond every zone's bounding box
      return 0;
    }
    // The caller's last cell, when the point is still in it, spares the cache lookup.
    let cell = hint >= 0 && hint < this.slots.length ? this.slots[hint] : undefined;
    if (cell === undefined || cell.cx !== cx || cell.cy !== cy) {
      const gi = iy * this.gridW + ix;
      if (this.grid !== null) {
        let g = this.grid[gi];
        if (g === 0) g = this.keep(this.classifyCell(cx, cy), gi);
        if (g < 0) {
          // No edge crosses the cell: its zone list is the answer, for the whole cell.
          const list = this.lists[-g - 1];
          for (let i = 0; i < list.length; i++) out[i] = list[i];
          this.stableArea = cellArea(cx, cy);
          return list.length;
        }
        cell = this.slots[g - 1];
      } else {
        cell = this.cells.get(cellKey(cx, cy));
        if (cell !== undefined && (cell.cx !== cx || cell.cy !== cy)) cell = undefined;
        if (cell === undefined) this.keep((cell = this.classifyCell(cx, cy)), gi);
      }
    }
    this.lastSlot = cell.slot;
    let n = 0;
    const inside = cell.inside;
    for (let i = 0; i < inside.length; i++) out[n++] = inside[i];
    const edge = cell.edge;
    if (edge.length === 0) {
      this.stableArea = cellArea(cx, cy);
      return n;
    }
    let stable = true;
    // Same arithmetic as subCellId, so that ids compare exactly.
    const gx = Math.floor(fx * SUB);
    const gy = Math.floor(fy * SUB);
    const sx = Math.min(SUB - 1, Math.max(0, gx - cx * SUB));
    const sy = Math.min(SUB - 1, Math.max(0, gy - cy * SUB));
    if (cell.subAt < 0) cell.subAt = this.allocSub(SUB * SUB * edge.length);
    const sub = this.arena[Math.floor(cell.subAt / ARENA)];
    const at = cell.subAt % ARENA;
    const pt = this.pt;
    pt[0] = lon;
    pt[1] = lat;
    for (let j = 0; j < edge.length; j++) {
      const zi = edge[j];
      const k = at + (sy * SUB + sx) * edge.length + j;
      let state = sub[k];
      if (state === 0) {
        sub[k] = state = this.classifySub(cell, j, sx, sy);
        pt[0] = lon;
        pt[1] = lat;
      }
      if (state === IN) out[n++] = zi;
      else if (state === EDGE) {
        stable = false;
        const exact = cell.local?.[j] ? this.pointInEdgeCell(cell, j, lon, lat) : booleanPointInPolygon(pt, this.all[zi].feature);
        if (exact) out[n++] = zi;
      }
    }
    if (stable && sx === gx - cx * SUB && sy === gy - cy * SUB) this.stableArea = gx * 2_097_152 + gy;
    return n;
  }

  /** All sub-cells of an edge cell, for every zone whose edge crosses it. */
  private classifySubCells(cell: Cell): void {
    const edge = cell.edge;
    cell.subAt = this.allocSub(SUB * SUB * edge.length);
    const sub = this.arena[Math.floor(cell.subAt / ARENA)];
    let k = cell.subAt % ARENA;
    for (let sy = 0; sy < SUB; sy++) for (let sx = 0; sx < SUB; sx++) for (let j = 0; j < edge.length; j++) sub[k++] = this.classifySub(cell, j, sx, sy);
  }

  /**
   * Keeps a classified cell and returns its grid entry: in the grid, a cell no edge crosses as
   * its zone list alone (no object); else the Cell in a slot, found through the grid or the Map.
   */
  private keep(cell: Cell, gridIndex: number): number {
    if (this.grid !== null && cell.edge.length === 0) {
      this.pureCells++;
      return (this.grid[gridIndex] = -(this.listId(cell.inside) + 1));
    }
    if (this.slots.length >= MAX_CACHED_CELLS) this.clearCache();
    cell.slot = this.slots.length;
    this.slots.push(cell);
    if (this.grid !== null) this.grid[gridIndex] = cell.slot + 1;
    else this.cells.set(cellKey(cell.cx, cell.cy), cell);
    return cell.slot + 1;
  }

  /** Distance in metres from a point to the zone (0 inside). Exact on the zone's edges; not for the hot path. */
  distanceM(zone: Zone, lat: number, lon: number): number {
    this.pt[0] = lon;
    this.pt[1] = lat;
    if (booleanPointInPolygon(this.pt, zone.feature)) return 0;
    return distanceToRingsM(zone.rings, lat, lon);
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

  private shared(list: number[]): readonly number[] {
    return this.lists[this.listId(list)];
  }

  private listId(list: readonly number[]): number {
    const key = list.join();
    let id = this.listIds.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.lists.push(list);
      this.listIds.set(key, id);
    }
    return id;
  }

  /** `n` zeroed bytes of sub-cell states in the arena; returns their global offset. */
  private allocSub(n: number): number {
    if (this.arenaTop + n > ARENA) {
      this.arena.push(new Uint8Array(ARENA));
      this.arenaTop = 0;
    }
    const at = (this.arena.length - 1) * ARENA + this.arenaTop;
    this.arenaTop += n;
    return at;
  }

  /** Zones near a block and their state for the whole block (cached with the cells). */
  private block(cx: number, cy: number): Block {
    const bx = Math.floor(cx / BLOCK);
    const by = Math.floor(cy / BLOCK);
    const key = cellKey(bx, by);
    let b = this.blocks.get(key);
    if (b !== undefined && b.bx === bx && b.by === by) return b;
    const x0 = bx * BLOCK * CELL_DEG - 180 - BLOCK_PAD;
    const y0 = by * BLOCK * CELL_DEG - 90 - BLOCK_PAD;
    const x1 = (bx + 1) * BLOCK * CELL_DEG - 180 + BLOCK_PAD;
    const y1 = (by + 1) * BLOCK * CELL_DEG - 90 + BLOCK_PAD;
    const zones = this.index!.search(x0, y0, x1, y1);
    const state: number[] = [];
    for (let j = 0; j < zones.length; j++) state.push(this.classifyRect(zones[j], x0, y0, x1, y1));
    b = { bx, by, zones, state };
    this.blocks.set(key, b);
    return b;
  }

  private classifyCell(cx: number, cy: number): Cell {
    const x0 = cx * CELL_DEG - 180;
    const y0 = cy * CELL_DEG - 90;
    const x1 = x0 + CELL_DEG;
    const y1 = y0 + CELL_DEG;
    const cell: Cell = { slot: -1, cx, cy, inside: NONE, edge: NONE, subAt: -1, local: null, ref: null };
    const b = this.block(cx, cy);
    if (b.zones.length === 0) return cell;
    const inside: number[] = [];
    const edge: number[] = [];
    const local: (number[] | null)[] = [];
    let anyLocal = false;
    for (let j = 0; j < b.zones.length; j++) {
      const st = b.state[j];
      if (st === OUT) continue;
      const i = b.zones[j];
      if (st === IN) {
        inside.push(i);
        continue;
      }
      const bbox = this.all[i].bbox;
      if (x1 < bbox[0] || x0 > bbox[2] || y1 < bbox[1] || y0 > bbox[3]) continue;
      const segs = this.segments[i];
      if (segs.index) {
        const touching = this.touchingSegments(segs, x0, y0, x1, y1);
        if (touching.length) {
          edge.push(i);
          local.push(touching);
          anyLocal = true;
        } else if (this.centreInside(i, (x0 + x1) / 2, (y0 + y1) / 2)) inside.push(i);
        continue;
      }
      const state = this.classifyRect(i, x0, y0, x1, y1);
      if (state === IN) inside.push(i);
      else if (state === EDGE) {
        edge.push(i);
        local.push(null);
      }
    }
    if (inside.length) cell.inside = this.shared(inside);
    if (edge.length) {
      cell.edge = this.shared(edge);
      if (anyLocal) {
        cell.local = local;
        const ref: number[] = [];
        for (let j = 0; j < edge.length; j++) ref.push(local[j] !== null && this.centreInside(edge[j], (x0 + x1) / 2, (y0 + y1) / 2) ? 1 : 0);
        cell.ref = ref;
      }
    }
    return cell;
  }

  /**
   * A sub-cell of a big zone's edge cell, from the cell's own edge segments only: EDGE if one
   * touches it, else the cell centre's state flipped once per edge crossed on the way from the
   * cell centre to the sub-cell centre (both are in the cell, so no other edge can cross).
   */
  private classifySub(cell: Cell, j: number, sx: number, sy: number): number {
    const zi = cell.edge[j];
    const x0 = cell.cx * CELL_DEG - 180;
    const y0 = cell.cy * CELL_DEG - 90;
    const sx0 = x0 + sx * SUB_DEG;
    const sy0 = y0 + sy * SUB_DEG;
    const local = cell.local?.[j];
    if (!local) return this.classifyRect(zi, sx0, sy0, sx0 + SUB_DEG, sy0 + SUB_DEG);
    const xy = this.segments[zi].xy;
    for (let i = 0; i < local.length; i++) {
      const s = 4 * local[i];
      if (segmentTouchesRect(xy[s], xy[s + 1], xy[s + 2], xy[s + 3], sx0, sy0, sx0 + SUB_DEG, sy0 + SUB_DEG)) return EDGE;
    }
    const px = x0 + CELL_DEG / 2;
    const py = y0 + CELL_DEG / 2;
    const qx = sx0 + SUB_DEG / 2;
    const qy = sy0 + SUB_DEG / 2;
    let inside = cell.ref![j] === 1;
    for (let i = 0; i < local.length; i++) {
      const s = 4 * local[i];
      const c = crosses(px, py, qx, qy, xy[s], xy[s + 1], xy[s + 2], xy[s + 3]);
      if (c < 0) return this.centreInside(zi, qx, qy) ? IN : OUT; // touches a vertex: ask the ray cast
      if (c === 1) inside = !inside;
    }
    return inside ? IN : OUT;
  }

  /**
   * Exact test of a point in a big zone's edge cell: the cell centre's state, flipped once per
   * edge of the cell crossed on the way to the point; turf decides the degenerate cases (the
   * point on an edge, the path through a vertex).
   */
  private pointInEdgeCell(cell: Cell, j: number, lon: number, lat: number): boolean {
    const zi = cell.edge[j];
    const local = cell.local![j]!;
    const xy = this.segments[zi].xy;
    const px = cell.cx * CELL_DEG - 180 + CELL_DEG / 2;
    const py = cell.cy * CELL_DEG - 90 + CELL_DEG / 2;
    let inside = cell.ref![j] === 1;
    for (let i = 0; i < local.length; i++) {
      const s = 4 * local[i];
      const c = crosses(px, py, lon, lat, xy[s], xy[s + 1], xy[s + 2], xy[s + 3]);
      if (c < 0) {
        this.pt[0] = lon;
        this.pt[1] = lat;
        return booleanPointInPolygon(this.pt, this.all[zi].feature);
      }
      if (c === 1) inside = !inside;
    }
    return inside;
  }

  private touchingSegments(segs: Segments, x0: number, y0: number, x1: number, y1: number): number[] {
    const xy = segs.xy;
    const out: number[] = [];
    segs.index!.search(x0, y0, x1, y1, (s) => {
      if (segmentTouchesRect(xy[4 * s], xy[4 * s + 1], xy[4 * s + 2], xy[4 * s + 3], x0, y0, x1, y1)) out.push(s);
      return false;
    });
    return out;
  }

  /** IN, OUT or EDGE for a rectangle against one zone. */
  private classifyRect(zi: number, x0: number, y0: number, x1: number, y1: number): number {
    const z = this.all[zi];
    if (x1 < z.bbox[0] || x0 > z.bbox[2] || y1 < z.bbox[1] || y0 > z.bbox[3]) return OUT;
    if (this.edgeTouchesRect(zi, x0, y0, x1, y1)) return EDGE;
    // No edge crosses the rectangle: it is wholly inside or wholly outside; its centre decides.
    return this.centreInside(zi, (x0 + x1) / 2, (y0 + y1) / 2) ? IN : OUT;
  }

  /**
   * Point in polygon for cell centres: even–odd ray cast eastwards, over the edges a big zone's
   * segment index returns (O(log n + k)), over all edges of a small one. A centre is never on
   * an edge (callers ask only where no edge touches the cell), so no boundary case arises.
   */
  private centreInside(zi: number, x: number, y: number): boolean {
    const segs = this.segments[zi];
    if (!segs.index) return insideRings(this.all[zi].rings, x, y);
    const xy = segs.xy;
    let inside = false;
    segs.index.search(x, y, this.all[zi].bbox[2], y, (s) => {
      if (crossesEast(x, y, xy[4 * s], xy[4 * s + 1], xy[4 * s + 2], xy[4 * s + 3])) inside = !inside;
      return false;
    });
    return inside;
  }

  private edgeTouchesRect(zi: number, x0: number, y0: number, x1: number, y1: number): boolean {
    const segs = this.segments[zi];
    const xy = segs.xy;
    if (segs.index) {
      // The callback stops the search at the first segment that really touches.
      let hit = false;
      segs.index.search(x0, y0, x1, y1, (s) => {
        if (!hit && segmentTouchesRect(xy[4 * s], xy[4 * s + 1], xy[4 * s + 2], xy[4 * s + 3], x0, y0, x1, y1)) hit = true;
        return false;
      });
      return hit;
    }
    for (let s = 0; s < xy.length; s += 4) if (segmentTouchesRect(xy[s], xy[s + 1], xy[s + 2], xy[s + 3], x0, y0, x1, y1)) return true;
    return false;
  }
}

function buildSegments(z: Zone): Segments {
  let count = 0;
  for (const r of z.rings) count += r.length / 2 - 1;
  const xy = new Float64Array(count * 4);
  let k = 0;
  for (const r of z.rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      xy[k++] = r[i];
      xy[k++] = r[i + 1];
      xy[k++] = r[i + 2];
      xy[k++] = r[i + 3];
    }
  }
  let index: Flatbush | null = null;
  if (z.vertexCount > SEG_INDEX_MIN_VERTICES) {
    index = new Flatbush(count);
    for (let s = 0; s < count; s++) {
      const ax = xy[4 * s], ay = xy[4 * s + 1], bx = xy[4 * s + 2], by = xy[4 * s + 3];
      index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }
    index.finish();
  }
  return { xy, index };
}

/** Map key of a cell (or block) by its coordinates: a small integer (fast hashing); coordinates 32,768 apart share it, so callers check them. */
const cellKey = (cx: number, cy: number) => ((cx & 0x7fff) << 15) | (cy & 0x7fff);

/** `ZoneSet.cellId` of a cell (negative: never equal to a sub-cell id). */
const cellArea = (cx: number, cy: number) => -(cx * 65_536 + cy) - 1;

/** 1 if segment pq properly crosses ab, 0 if not, −1 when degenerate (collinear or through an end point). */
function crosses(px: number, py: number, qx: number, qy: number, ax: number, ay: number, bx: number, by: number): number {
  const o1 = (qx - px) * (ay - py) - (qy - py) * (ax - px);
  const o2 = (qx - px) * (by - py) - (qy - py) * (bx - px);
  const o3 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  const o4 = (bx - ax) * (qy - ay) - (by - ay) * (qx - ax);
  if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) return -1;
  return o1 > 0 !== o2 > 0 && o3 > 0 !== o4 > 0 ? 1 : 0;
}

/** Liang–Barsky clip: does the segment touch the closed rectangle? (no allocation) */
function segmentTouchesRect(ax: number, ay: number, bx: number, by: number, x0: number, y0: number, x1: number, y1: number): boolean {
  if ((ax < x0 && bx < x0) || (ax > x1 && bx > x1) || (ay < y0 && by < y0) || (ay > y1 && by > y1)) return false;
  const dx = bx - ax;
  const dy = by - ay;
  let t0 = 0;
  let t1 = 1;
  for (let i = 0; i < 4; i++) {
    const p = i === 0 ? -dx : i === 1 ? dx : i === 2 ? -dy : dy;
    const q = i === 0 ? ax - x0 : i === 1 ? x1 - ax : i === 2 ? ay - y0 : y1 - ay;
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) {
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
