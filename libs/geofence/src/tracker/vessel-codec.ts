import type { VesselSnapshot } from '@seawarden/contracts';
import type { Registry } from '../registry/registry.js';
import type { ZoneSet } from '../zones/zone-set.js';
import type { Segment } from './segment.js';
import type { TrackPool } from './track-ring.js';
import { SegKind, VesselState } from './vessel-state.js';

const isoOrNull = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

export function toSnapshot(v: VesselState, zones: ZoneSet): VesselSnapshot {
  const ids: string[] = [];
  if (v.zones) for (let k = 0; k < v.zones.length; k += 3) ids.push(zones.all[v.zones[k]].id);
  return {
    mmsi: v.mmsi,
    name: v.name,
    callsign: v.callsign,
    imo: v.imo,
    shipType: v.shipType,
    category: v.category,
    aisClass: v.aisClass,
    length: v.length,
    lat: v.hasFix ? v.lat : null,
    lon: v.hasFix ? v.lon : null,
    sog: v.sog,
    cog: v.cog,
    heading: v.heading,
    navStatus: v.navStatus,
    motion: v.motion,
    fixAt: isoOrNull(v.fixAt),
    lastHeardAt: isoOrNull(v.lastHeardAt) ?? new Date(0).toISOString(),
    zones: ids,
    registered: !!v.reg,
  };
}

/** JSON form of a vessel; zones by id so that a changed zone file does not misplace memberships. */
export interface VesselRecord {
  mmsi: number;
  s: {
    name: string | null;
    callsign: string | null;
    imo: number | null;
    shipType: number | null;
    length: number | null;
    aisClass: VesselState['aisClass'];
  };
  fix: {
    lat: number | null;
    lon: number | null;
    sog: number | null;
    cog: number | null;
    heading: number | null;
    navStatus: number | null;
    fixAt: number | null;
    lastHeardAt: number | null;
    fixes: number;
    motion: VesselState['motion'];
    pob: number | null;
    pobAt: number | null;
  };
  zones: [string, number, number][];
  seg: { kind: SegKind; startAt: number; startLat: number; startLon: number; pathM: number; maxSog: number; startPlace: string | null };
  segments: Segment[] | null;
  jumps: number[] | null;
  names: { name: string; at: number }[] | null;
  det: Record<string, unknown> | null;
  track: (number | null)[][];
}

const fin = (n: number): number | null => (Number.isFinite(n) ? n : null);

export function exportVessel(v: VesselState, zones: ZoneSet): VesselRecord {
  const zs: [string, number, number][] = [];
  if (v.zones) for (let k = 0; k < v.zones.length; k += 3) zs.push([zones.all[v.zones[k]].id, v.zones[k + 1], v.zones[k + 2]]);
  return {
    mmsi: v.mmsi,
    s: { name: v.name, callsign: v.callsign, imo: v.imo, shipType: v.shipType, length: v.length, aisClass: v.aisClass },
    fix: {
      lat: fin(v.lat),
      lon: fin(v.lon),
      sog: v.sog,
      cog: v.cog,
      heading: v.heading,
      navStatus: v.navStatus,
      fixAt: fin(v.fixAt),
      lastHeardAt: fin(v.lastHeardAt),
      fixes: v.fixes,
      motion: v.motion,
      pob: v.pob,
      pobAt: v.pobAt,
    },
    zones: zs,
    seg: { kind: v.seg, startAt: v.segStartAt, startLat: v.segStartLat, startLon: v.segStartLon, pathM: v.segPathM, maxSog: v.segMaxSog, startPlace: v.segStartPlace },
    segments: v.segments,
    jumps: v.jumps,
    names: v.names,
    det: v.det ? (JSON.parse(JSON.stringify(v.det)) as Record<string, unknown>) : null,
    track: v.track.toJSON(),
  };
}

export function importVessel(r: VesselRecord, zones: ZoneSet, registry: Registry, tracks: TrackPool): VesselState {
  const v = new VesselState(r.mmsi, tracks.ring());
  v.reg = registry.get(r.mmsi);
  Object.assign(v, r.s);
  const f = r.fix;
  v.lat = f.lat ?? NaN;
  v.lon = f.lon ?? NaN;
  v.sog = f.sog;
  v.cog = f.cog;
  v.heading = f.heading;
  v.navStatus = f.navStatus;
  v.fixAt = f.fixAt ?? -Infinity;
  v.lastHeardAt = f.lastHeardAt ?? -Infinity;
  v.fixes = f.fixes;
  v.motion = f.motion;
  v.pob = f.pob;
  v.pobAt = f.pobAt;
  for (const [id, entered, last] of r.zones) {
    const z = zones.byId(id);
    if (z) (v.zones ??= []).push(z.index, entered, last);
  }
  v.seg = r.seg.kind;
  v.segStartAt = r.seg.startAt;
  v.segStartLat = r.seg.startLat;
  v.segStartLon = r.seg.startLon;
  v.segPathM = r.seg.pathM;
  v.segMaxSog = r.seg.maxSog;
  v.segStartPlace = r.seg.startPlace;
  v.segments = r.segments;
  v.jumps = r.jumps;
  v.names = r.names;
  v.det = r.det;
  v.track.load(r.track);
  if (v.track.length > 0) v.trackAt = v.track.t(0);
  return v;
}
