/**
 * The detection engine and the configuration it runs with (zones, ban calendars, registry),
 * changeable at run time from the console: a change is validated by the engine's own loaders,
 * then a new engine takes over the old one's vessels and open alerts, so nothing is lost.
 * The pipeline and the console hold this object, never a particular engine.
 */
import type { AisMessage, AlertChange, TrackPoint, VesselSnapshot } from '@seawarden/contracts';
import { DetectionEngine, loadCalendars, loadRegistry, loadZones, REGISTRY_COLUMNS, type BanCalendars, type LandMask, type Registry, type ZoneSet } from '@seawarden/geofence';
import type { GeoJsonFeatureCollection } from '@seawarden/console';
import type { DetectionPort } from './pipeline.service.js';
import type { RegistryRow } from '@seawarden/store';

export interface DetectionParts {
  zones: ZoneSet;
  zonesGeoJson: GeoJsonFeatureCollection;
  calendars: BanCalendars;
  calendarsJson: unknown;
  registry: Registry;
  /** Land outlines (from LAND_FILE or the built-in islands; not shared through the database). */
  land: LandMask | null;
}

/** Milliseconds of zone-cell classification per turn of the event loop (see prepareZones). */
const PREPARE_SLICE_MS = 10;

/**
 * Classifies the zone cells ahead of the traffic (ZoneSet.prepare), in slices of the event loop:
 * ~0.2 s for Zhoushan, seconds for much larger zone sets, while feeds and sockets go on (the
 * engine's lookups classify what is not done yet). Resolves with the cells and the time taken.
 */
function prepareZones(zones: ZoneSet): Promise<{ cells: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const step = () => {
      zones.prepare(performance.now() + PREPARE_SLICE_MS);
      if (zones.isPrepared) resolve({ cells: zones.cachedCells, ms: Math.round(performance.now() - t0) });
      else setImmediate(step);
    };
    step();
  });
}

export class DetectionConfigHolder implements DetectionPort {
  private engine: DetectionEngine;
  private parts: DetectionParts;
  /** The current zones' cells classified (see prepareZones); replaced when the zones are. */
  zonesPrepared: Promise<{ cells: number; ms: number }>;

  constructor(parts: DetectionParts) {
    this.parts = parts;
    this.engine = DetectionConfigHolder.build(parts);
    this.zonesPrepared = prepareZones(parts.zones);
  }

  get current(): DetectionEngine {
    return this.engine;
  }

  // DetectionPort (pipeline)
  process(msg: AisMessage, atMs: number): AlertChange[] {
    return this.engine.process(msg, atMs);
  }
  tick(nowMs: number): AlertChange[] {
    return this.engine.tick(nowMs);
  }
  drainChangedVessels(): VesselSnapshot[] {
    return this.engine.drainChangedVessels();
  }

  // LiveVesselView (console)
  snapshots(): Iterable<VesselSnapshot> {
    return this.engine.snapshots();
  }
  snapshot(mmsi: number): VesselSnapshot | undefined {
    return this.engine.snapshot(mmsi);
  }
  track(mmsi: number): TrackPoint[] {
    return this.engine.track(mmsi);
  }

  // ZonesProvider (console)
  get(): GeoJsonFeatureCollection {
    return this.parts.zonesGeoJson;
  }
  calendars(): unknown {
    return this.parts.calendarsJson;
  }
  /** Throws the loader's ZoneFileError (with featureIndex) on an invalid collection. */
  replace(fc: unknown): { count: number } {
    this.replaceShared({ zonesGeoJson: fc });
    return { count: this.parts.zonesGeoJson.features.length };
  }
  replaceCalendars(json: unknown): { count: number } {
    this.replaceShared({ calendarsJson: json });
    return { count: this.parts.calendars.ids().length };
  }
  /**
   * Zones and/or calendars swapped in one step (a zone may name a calendar that arrives with
   * it, e.g. in one reload of what another process stored); each is validated by its loader.
   */
  replaceShared(next: { zonesGeoJson?: unknown; calendarsJson?: unknown }): void {
    const parts = { ...this.parts };
    if (next.zonesGeoJson !== undefined) {
      parts.zones = loadZones(next.zonesGeoJson);
      parts.zonesGeoJson = next.zonesGeoJson as GeoJsonFeatureCollection;
    }
    if (next.calendarsJson !== undefined) {
      parts.calendars = loadCalendars(next.calendarsJson);
      parts.calendarsJson = next.calendarsJson;
    }
    this.swap(parts);
  }
  replaceRegistry(registry: Registry): void {
    this.swap({ ...this.parts, registry });
  }

  private swap(parts: DetectionParts): void {
    // Building the new engine validates the combination (e.g. a ban zone naming a missing calendar).
    const next = DetectionConfigHolder.build(parts);
    next.importState(this.engine.exportState());
    this.engine = next;
    if (parts.zones !== this.parts.zones) this.zonesPrepared = prepareZones(parts.zones);
    this.parts = parts;
  }

  private static build(p: DetectionParts): DetectionEngine {
    return new DetectionEngine({ zones: p.zones, calendars: p.calendars, registry: p.registry, land: p.land });
  }
}

/** Rebuilds a registry from table rows through the CSV loader, so the same checks apply. */
export function registryFromRows(rows: RegistryRow[]): Registry {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [REGISTRY_COLUMNS.join(',')];
  for (const r of rows) lines.push([r.mmsi, r.name, r.category, r.gear, r.licensed_passengers, r.home_port, r.notes].map(cell).join(','));
  return loadRegistry(lines.join('\n'));
}
