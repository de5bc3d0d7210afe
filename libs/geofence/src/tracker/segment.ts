/** A completed stop or leg of a vessel (stop/leg segmentation with 0.5/3.5 kn hysteresis). */
export interface Segment {
  kind: 'stop' | 'leg';
  startAt: number;
  endAt: number;
  startLat: number;
  startLon: number;
  endLat: number;
  endLon: number;
  /** Distance sailed along the fixes, metres. */
  pathM: number;
  maxSog: number;
  /** Place zone (port, terminal, landing, scenic) at the start / end, if any. */
  startPlace: string | null;
  endPlace: string | null;
}
