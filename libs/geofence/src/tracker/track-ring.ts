import type { TrackPoint } from '@seawarden/contracts';

/**
 * Bounded recent track in typed arrays: 36 bytes a point, no object per fix.
 * NaN stands for "not available" in sog/cog/heading.
 */
export class TrackRing {
  private readonly tll: Float64Array; // t, lat, lon
  private readonly mot: Float32Array; // sog, cog, heading
  private head = 0; // next write slot
  private count = 0;

  constructor(readonly capacity: number) {
    this.tll = new Float64Array(capacity * 3);
    this.mot = new Float32Array(capacity * 3);
  }

  get length(): number {
    return this.count;
  }

  /** Bytes held by the typed arrays. */
  get byteLength(): number {
    return this.tll.byteLength + this.mot.byteLength;
  }

  push(t: number, lat: number, lon: number, sog: number | null, cog: number | null, heading: number | null): void {
    const i = this.head;
    this.tll[3 * i] = t;
    this.tll[3 * i + 1] = lat;
    this.tll[3 * i + 2] = lon;
    this.mot[3 * i] = sog ?? NaN;
    this.mot[3 * i + 1] = cog ?? NaN;
    this.mot[3 * i + 2] = heading ?? NaN;
    this.head = (i + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Slot of the k-th newest point (0 = newest). */
  private slot(k: number): number {
    return (this.head - 1 - k + 2 * this.capacity) % this.capacity;
  }

  t(k: number): number {
    return this.tll[3 * this.slot(k)];
  }
  lat(k: number): number {
    return this.tll[3 * this.slot(k) + 1];
  }
  lon(k: number): number {
    return this.tll[3 * this.slot(k) + 2];
  }
  sog(k: number): number {
    return this.mot[3 * this.slot(k)];
  }
  cog(k: number): number {
    return this.mot[3 * this.slot(k) + 1];
  }
  heading(k: number): number {
    return this.mot[3 * this.slot(k) + 2];
  }

  /** Oldest first. */
  toPoints(): TrackPoint[] {
    const out: TrackPoint[] = [];
    for (let k = this.count - 1; k >= 0; k--) {
      const s = this.slot(k);
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
      const s = this.slot(k);
      const n = (x: number) => (Number.isNaN(x) ? null : x);
      out.push([this.tll[3 * s], this.tll[3 * s + 1], this.tll[3 * s + 2], n(this.mot[3 * s]), n(this.mot[3 * s + 1]), n(this.mot[3 * s + 2])]);
    }
    return out;
  }

  static fromJSON(capacity: number, rows: (number | null)[][]): TrackRing {
    const r = new TrackRing(capacity);
    for (const [t, lat, lon, sog, cog, hdg] of rows) r.push(t as number, lat as number, lon as number, sog, cog, hdg);
    return r;
  }
}
