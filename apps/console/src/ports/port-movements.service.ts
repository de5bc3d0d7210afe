import { loadZones, portMovements, type ZoneSet } from '@seawarden/geofence';
import type { VesselPortLog } from '@seawarden/contracts';
import type { RegistryRow } from '@seawarden/store';
import { csvText } from '../common/csv-cell.js';
import type { Principal } from '../auth/auth.service.js';
import type { ConsoleDeps, GeoJsonFeatureCollection } from '../console.deps.js';
import type { ZonesService } from '../zones/zones.service.js';

type RegistryVessel = Pick<RegistryRow, 'mmsi' | 'name' | 'gear' | 'home_port'>;

/** Fixes read per vessel and window; beyond this the store thins the track (every few fixes). */
const MAX_FIXES = 20_000;

/**
 * Port movements of hook-and-line boats (exempt from the moratorium, but they must report
 * each port entry and exit: DOMAIN.md), or of one vessel, derived from the stored tracks on
 * request: nothing extra is written on the ingest path. A port office sees the movements in
 * its jurisdictions only.
 */
export class PortMovementsService {
  private zoneSet: { source: GeoJsonFeatureCollection; set: ZoneSet } | null = null;

  constructor(
    private readonly deps: ConsoleDeps,
    private readonly zones: ZonesService,
  ) {}

  async list(p: Principal, from: Date, to: Date, mmsi?: number): Promise<VesselPortLog[]> {
    const zones = this.currentZones();
    const vessels = await this.vessels(mmsi);
    const visible = (lat: number, lon: number) => p.role !== 'port_office' || this.zones.jurisdictions.containing(lat, lon).some((j) => p.jurisdictions.includes(j));
    const out: VesselPortLog[] = [];
    for (const v of vessels) {
      const track = (await this.deps.store.tracks?.track(v.mmsi, from, to, MAX_FIXES)) ?? [];
      const fixes = track.map((t) => ({ t: Date.parse(t.t), lat: t.lat, lon: t.lon }));
      const log = portMovements(fixes, zones);
      const movements = log.movements.filter((m) => visible(m.lat, m.lon));
      const first = fixes[0];
      const last = fixes[fixes.length - 1];
      const startsIn = log.startsIn && visible(first!.lat, first!.lon) ? log.startsIn.id : null;
      const endsIn = log.endsIn && visible(last!.lat, last!.lon) ? log.endsIn.id : null;
      if (p.role === 'port_office' && movements.length === 0 && startsIn === null && endsIn === null) continue;
      out.push({
        mmsi: v.mmsi, name: v.name, gear: v.gear, homePort: v.home_port, startsIn, endsIn, fixes: fixes.length,
        movements: movements.map((m) => ({ kind: m.kind, at: new Date(m.at).toISOString(), zoneId: m.zone.id, zoneName: m.zone.name, lat: m.lat, lon: m.lon })),
      });
    }
    return out;
  }

  /** The one vessel asked for, else the registry's hook-and-line boats. */
  private async vessels(mmsi?: number): Promise<RegistryVessel[]> {
    const registry = this.deps.store.registry;
    if (mmsi === undefined) return registry.withGear('hook_and_line');
    return [(await registry.get(mmsi)) ?? { mmsi, name: null, gear: null, home_port: null }];
  }

  /** The zones in force as a ZoneSet, rebuilt only when they change. */
  private currentZones(): ZoneSet {
    const source = this.zones.get();
    if (this.zoneSet?.source !== source) this.zoneSet = { source, set: loadZones(source) };
    return this.zoneSet.set;
  }
}

const CSV_COLUMNS = ['at', 'movement', 'mmsi', 'name', 'gear', 'homePort', 'zoneId', 'portEn', 'portZh', 'lat', 'lon'] as const;

/** One CSV row per movement, in time order. */
export function portMovementsCsv(vessels: VesselPortLog[]): string {
  const rows = vessels
    .flatMap((v) => v.movements.map((m) => ({ v, m })))
    .sort((a, b) => a.m.at.localeCompare(b.m.at) || a.v.mmsi - b.v.mmsi)
    .map(({ v, m }) => [m.at, m.kind, v.mmsi, v.name, v.gear, v.homePort, m.zoneId, m.zoneName.en, m.zoneName.zh, m.lat, m.lon]);
  return csvText(CSV_COLUMNS, rows);
}
