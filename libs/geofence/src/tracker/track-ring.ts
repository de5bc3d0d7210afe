import type { TrackPoint } from '@seawarden/contracts';

const CHUNK_VESSELS = 64;
/** Per-vessel scalar slots (VesselState's numeric fields) kept beside the rings: 8 bytes each, no number box. */
export const VESSEL_SCALARS = 16;

/**
 * Typed-array storage for the tracks of many vessels: chunks of 64 rings (little slack in the last one), so that a vessel
 * costs no ArrayBuffer of its own (their per-object overhead would exceed the data).
 */
export class TrackPool {
  private readonly tllChunks: Float64Array[] = [];
  private readonly motChunks: Float32Array[] = [];
  private readonly scalarChunks: Float64Array[] = [];
  private next = 0;
  private readonly free: number[] = [];

  constructor(readonly capacity: number) {}

  ring(): TrackRing {
    const slot = this.free.length ? this.free.pop()! : this.next++;
    const c = Math.floor(slot / CHUNK_VESSELS);
    if (c === this.tllChunks.length) {
      this.tllChunks.push(new Float64Array(CHUNK_VESSELS * this.capacity * 3));
      this.motChunks.push(new Float32Array(CHUNK_VESSELS * this.capacity * 3));
      this.scalarChunks.push(new Float64Array(CHUNK_VESSELS * VESSEL_SCALARS));
    }
    const k = slot % CHUNK_VESSELS;
    return new TrackRing(this.capacity, this.tllChunks[c], this.motChunks[c], k * this.capacity * 3, slot, this.scalarChunks[c], k * VESSEL_SCALARS);
  }

  release(r: TrackRing): void {
    if (r.slot >= 0) this.free.push(r.slot);
  }

  /** Bytes held by all chunks. */
  get byteLength(): number {
    return this.tllChunks.length * CHUNK_VESSELS * this.capacity * 36;
  }
}

/**
 * Bounded recent track in typed arrays: 36 bytes a point, no object per fix.
 * NaN stands for "not available" in sog/cog/heading.
 */
export class TrackRing {
  private readonly tll: Float64Array; // t, lat, lon
  private readonly mot: Float32Array; // sog, cog, heading
  private readonly base: number;
  private head = 0; // next write slot
  private count = 0;

  /** Standalone ring, or (from TrackPool) a window on a shared chunk. */
  constructor(
    readonly capacity: number,
    tll?: Float64Array,
    mot?: Float32Array,
    base = 0,
    readonly slot = -1,
    /** The owning vessel's scalar slots (see VESSEL_SCALARS), from the same pool slot. */
    readonly scalars: Float64Array = new Float64Array(VESSEL_SCALARS),
    readonly scalarBase = 0,
  ) {
    this.tll = tll ?? new Float64Array(capacity * 3);
    this.mot = mot ?? new Float32Array(capacity * 3);
    this.base = base;
  }

  get length(): number {
    return this.count;
  }

  /** Bytes of track data of this ring. */
  get byteLength(): number {
    return this.capacity * 36;
  }

  push(t: number, lat: number, lon: number, sog: number | null, cog: number | null, heading: number | null): void {
    const i = this.head + this.base / 3;
    this.tll[3 * i] = t;
    this.tll[3 * i + 1] = lat;
    this.tll[3 * i + 2] = lon;
    this.mot[3 * i] = sog ?? NaN;
    this.mot[3 * i + 1] = cog ?? NaN;
    this.mot[3 * i + 2] = heading ?? NaN;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Index (in points) of the k-th newest point (0 = newest). */
  private at(k: number): number {
    return this.base / 3 + ((this.head - 1 - k + 2 * this.capacity) % this.capacity);
  }

  t(k: number): number {
    return this.tll[3 * this.at(k)];
  }
  lat(k: number): number {
    return this.tll[3 * this.at(k) + 1];
  }
  lon(k: number): number {
    return this.tll[3 * this.at(k) + 2];
  }
  sog(k: number): number {
    return this.mot[3 * this.at(k)];
  }
  cog(k: number): number {
    return this.mot[3 * this.at(k) + 1];
  }
  heading(k: number): number {
    return this.mot[3 * this.at(k) + 2];
  }

  /** Oldest first. */
  toPoints(): TrackPoint[] {
    const out: TrackPoint[] = [];
    for (let k = this.count - 1; k >= 0; k--) {
      const s = this.at(k);
      const num = (x: number) => (Number.isNaN(x) ? null : Math.round(x * 10) / 10);
      out.push({
        t: new Date(this.tll[3 * s]).toISOString(),
        lat: this.tll[3 * s + 1],
        lon: this.tll[3 * s + 2],
        sog: num(this.mot[3 * s]),
        cog: num(this.mot[3 * s + 1]),
        heading: num(this.mot[3 * s + 2]),
      });
    }
    return out;
  }

  /** Compact JSON form: [t, lat, lon, sog, cog, heading][] oldest first. */
  toJSON(): (number | null)[][] {
    const out: (number | null)[][] = [];
    for (let k = this.count - 1; k >= 0; k--) {
      const s = this.at(k);
      const n = (x: number) => (Number.isNaN(x) ? null : x);
      out.push([this.tll[3 * s], this.tll[3 * s + 1], this.tll[3 * s + 2], n(this.mot[3 * s]), n(this.mot[3 * s + 1]), n(this.mot[3 * s + 2])]);
    }
    return out;
  }

  /** Refill from `toJSON` rows (oldest first). */
  load(rows: (number | null)[][]): void {
    for (const [t, lat, lon, sog, cog, hdg] of rows) this.push(t as number, lat as number, lon as number, sog, cog, hdg);
  }
}
