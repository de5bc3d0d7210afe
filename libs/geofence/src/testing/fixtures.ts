/** Builders for specs: zones, calendars, registry and AIS messages around a local origin. */
import type { AisMessage, ZoneKind } from '@seawarden/contracts';
import { loadCalendars } from '../calendars/calendar-loader.js';
import { DetectionEngine } from '../engine.js';
import type { DetectorParams } from '../params.js';
import { loadRegistry } from '../registry/registry-loader.js';
import { loadLand } from '../land/land-loader.js';
import { loadZones } from '../zones/zone-loader.js';

export const ORIGIN = { lat: 29.9, lon: 122.3 };
/** Metres → degrees near the origin. */
export const dLat = (m: number) => m / 111_320;
export const dLon = (m: number) => m / (111_320 * Math.cos((ORIGIN.lat * Math.PI) / 180));
/** Position `east`/`north` metres from the origin. */
export const at = (east: number, north: number) => ({ lat: ORIGIN.lat + dLat(north), lon: ORIGIN.lon + dLon(east) });

/** A rectangular zone feature spanning [x0, x1] × [y0, y1] metres from the origin. */
export function rectZone(id: string, kind: ZoneKind, x0: number, y0: number, x1: number, y1: number, extra: Record<string, unknown> = {}) {
  const a = at(x0, y0);
  const b = at(x1, y1);
  return {
    type: 'Feature',
    properties: { id, kind, name: { zh: `区${id}`, en: `Zone ${id}` }, ...extra },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [a.lon, a.lat],
          [b.lon, a.lat],
          [b.lon, b.lat],
          [a.lon, b.lat],
          [a.lon, a.lat],
        ],
      ],
    },
  };
}

export const featureCollection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

/** The moratorium of DOMAIN.md for 35°N–26°30′N. */
export const MORATORIUM_CALENDARS = {
  timezone: 'Asia/Shanghai',
  calendars: [
    {
      id: 'moratorium-35n-26.5n',
      name: { zh: '东海伏季休渔', en: 'East China Sea summer moratorium' },
      exemptGears: ['hook_and_line'],
      periods: [
        { gears: ['*'], from: '05-01T12:00', to: '09-16T12:00' },
        {
          gears: ['beam_shrimp_trawl', 'cage_pot', 'gillnet', 'light_lure'],
          from: '05-01T12:00',
          to: '09-16T12:00',
          years: {
            '2023': { licensedFrom: '08-06T00:00', licensedWestOfLon: 124 },
            '2024': { licensedFrom: '08-01T12:00' },
            '2025': { licensedFrom: '08-05T00:00' },
          },
        },
        { gears: ['small_stow_net'], from: '05-01T12:00', to: '08-16T12:00' },
      ],
    },
  ],
};

export const REGISTRY_HEADER = 'mmsi,name,category,gear,licensedPassengers,homePort,notes';

export function makeEngine(features: unknown[], registryRows: string[] = [], params: Partial<DetectorParams> = {}, landFeatures: unknown[] | null = null) {
  return new DetectionEngine({
    zones: loadZones(featureCollection(features)),
    calendars: loadCalendars(MORATORIUM_CALENDARS),
    registry: loadRegistry([REGISTRY_HEADER, ...registryRows].join('\n')),
    land: landFeatures ? loadLand(featureCollection(landFeatures)) : null,
    params,
  });
}

/** The sentence fields every test message carries. */
const envelope = (mmsi: number) => ({ repeat: 0, mmsi, channel: 'A', talker: 'AI', own: false, line: 1, receivedAt: null, source: null });

export function posMsg(mmsi: number, p: { lat: number; lon: number }, sog: number | null, cog: number | null, opts: Partial<AisMessage> = {}): AisMessage {
  return {
    type: opts.type ?? 1,
    ...envelope(mmsi),
    lat: p.lat,
    lon: p.lon,
    sog,
    cog,
    heading: cog === null ? null : Math.round(cog),
    navStatus: (opts.type ?? 1) === 18 ? undefined : 0,
    ...opts,
  } as AisMessage;
}

export function staticMsg(mmsi: number, shipType: number | null, name: string, lengthM: number, type: 5 | 19 | 24 = 5, partNo?: number): AisMessage {
  return {
    type,
    ...envelope(mmsi),
    shipType,
    name,
    callsign: 'BXYZ',
    toBow: Math.round(lengthM / 2),
    toStern: lengthM - Math.round(lengthM / 2),
    toPort: 2,
    toStarboard: 2,
    ...(partNo !== undefined ? { partNo } : {}),
  } as AisMessage;
}

/** Epoch ms of a Beijing-time wall clock. */
export const bj = (iso: string) => Date.parse(`${iso}+08:00`);

export const MIN = 60_000;

/**
 * A scripted voyage: from a start point, sail legs at given speed/heading, dwell in place,
 * reporting every `everyS` seconds. Returns [message, atMs] pairs.
 */
export class Voyage {
  private t: number;
  private x: number;
  private y: number;
  readonly out: [AisMessage, number][] = [];
  constructor(
    readonly mmsi: number,
    startMs: number,
    east: number,
    north: number,
    readonly type: 1 | 18 = 18,
  ) {
    this.t = startMs;
    this.x = east;
    this.y = north;
  }
  get now() {
    return this.t;
  }
  get pos() {
    return { east: this.x, north: this.y };
  }
  /** Stay (sog ~0) for `minutes`. */
  stop(minutes: number, everyS = 30, sog = 0.1): this {
    const end = this.t + minutes * MIN;
    while (this.t < end) {
      this.out.push([posMsg(this.mmsi, at(this.x, this.y), sog, 0, { type: this.type }), this.t]);
      this.t += everyS * 1000;
    }
    return this;
  }
  /** Sail straight to (east, north) at `kn`. */
  sailTo(east: number, north: number, kn: number, everyS = 10): this {
    const dx = east - this.x;
    const dy = north - this.y;
    const dist = Math.hypot(dx, dy);
    const cog = ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
    const steps = Math.max(1, Math.ceil(dist / ((kn * 1852 * everyS) / 3600)));
    for (let i = 0; i < steps; i++) {
      this.x += dx / steps;
      this.y += dy / steps;
      this.t += everyS * 1000;
      this.out.push([posMsg(this.mmsi, at(this.x, this.y), kn, cog, { type: this.type }), this.t]);
    }
    return this;
  }
  /** Zig-zag slowly (fishing-like) for `minutes` at `kn`, turning every `turnEveryS`. */
  fish(minutes: number, kn: number, everyS = 30, turnEveryS = 180): this {
    const end = this.t + minutes * MIN;
    let cog = 45;
    let sinceTurn = 0;
    while (this.t < end) {
      const step = (kn * 1852 * everyS) / 3600;
      this.x += step * Math.sin((cog * Math.PI) / 180);
      this.y += step * Math.cos((cog * Math.PI) / 180);
      this.t += everyS * 1000;
      sinceTurn += everyS;
      if (sinceTurn >= turnEveryS) {
        cog = (cog + 120) % 360;
        sinceTurn = 0;
      }
      this.out.push([posMsg(this.mmsi, at(this.x, this.y), kn, cog, { type: this.type }), this.t]);
    }
    return this;
  }
  /** Silence for `minutes`. */
  silent(minutes: number): this {
    this.t += minutes * MIN;
    return this;
  }
}

/** Feed pairs (merged by time) into the engine; returns every change. */
export function run(engine: DetectionEngine, ...voyages: [AisMessage, number][][]) {
  const all = voyages.flat().sort((a, b) => a[1] - b[1]);
  const changes = [];
  for (const [m, t] of all) changes.push(...engine.process(m, t));
  return changes;
}
