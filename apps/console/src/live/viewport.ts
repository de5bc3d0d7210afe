import type { BBox, CompactVessel, VesselSnapshot } from '@seawarden/contracts';

export const inBox = (b: BBox, lat: number | null, lon: number | null): boolean => {
  if (lat === null || lon === null) return false;
  if (lat < b.south || lat > b.north) return false;
  // west > east: the box crosses the antimeridian.
  return b.west <= b.east ? lon >= b.west && lon <= b.east : lon >= b.west || lon <= b.east;
};

const r = (v: number | null, digits: number): number | null => {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** [mmsi, lat, lon, sog, cog, heading, category, motion, name, registered, fixAtEpochSeconds]. */
export function compactVessel(v: VesselSnapshot): CompactVessel {
  return [
    v.mmsi,
    r(v.lat, 5),
    r(v.lon, 5),
    r(v.sog, 1),
    r(v.cog, 0),
    r(v.heading, 0),
    v.category,
    v.motion,
    v.name,
    v.registered,
    v.fixAt ? Math.floor(Date.parse(v.fixAt) / 1000) : null,
  ];
}

export interface ViewportState {
  box: BBox;
  compact: boolean;
  /** What the client currently holds (by reference: the view replaces a snapshot when it changes). */
  sent: Map<number, VesselSnapshot>;
}

/** Full content of a viewport (first message after subscribe); resets `sent`. */
export function fullViewport(state: ViewportState, all: Iterable<VesselSnapshot>): VesselSnapshot[] {
  state.sent.clear();
  const out: VesselSnapshot[] = [];
  for (const v of all) {
    if (inBox(state.box, v.lat, v.lon)) {
      out.push(v);
      state.sent.set(v.mmsi, v);
    }
  }
  return out;
}

/** What changed for one viewport: vessels that moved/changed inside it, and those that left. */
export function viewportDelta(
  state: ViewportState,
  changed: Iterable<number>,
  get: (mmsi: number) => VesselSnapshot | undefined,
): { upsert: VesselSnapshot[]; remove: number[] } {
  const upsert: VesselSnapshot[] = [];
  const remove: number[] = [];
  for (const m of changed) {
    const v = get(m);
    if (v && inBox(state.box, v.lat, v.lon)) {
      if (state.sent.get(m) === v) continue; // the client already has this very snapshot
      upsert.push(v);
      state.sent.set(m, v);
    } else if (state.sent.delete(m)) {
      remove.push(m);
    }
  }
  return { upsert, remove };
}
