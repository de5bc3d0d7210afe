import { existsSync } from 'node:fs';
import { loadZones } from '@seawarden/geofence';
import { readGeoJson, scenarioDataDir } from '@seawarden/geofence/scenario';
import type { ConsoleDeps, GeoJsonFeatureCollection } from '../console.deps.js';
import { badRequest, conflict, notFound } from '../common/api-error.js';
import { JurisdictionIndex } from '../live/jurisdiction-index.js';
import { validateCalendars } from '../admin/ban-calendars.js';

const EMPTY: GeoJsonFeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The zones the console shows and routes by: the engine's when it runs in this process, else
 * the store's `zones` table (refreshed periodically). Keeps the jurisdiction index current.
 */
export class ZonesService {
  readonly jurisdictions = new JurisdictionIndex();
  private cached: GeoJsonFeatureCollection = EMPTY;
  private timer?: NodeJS.Timeout;

  constructor(private readonly deps: ConsoleDeps) {}

  async init(refreshMs = 30_000): Promise<void> {
    await this.refresh();
    if (!this.deps.zones) this.timer = setInterval(() => void this.refresh().catch(() => {}), refreshMs).unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  get(): GeoJsonFeatureCollection {
    return this.deps.zones ? this.deps.zones.get() : this.cached;
  }

  zone(id: string): GeoJsonFeatureCollection['features'][number] | undefined {
    return this.get().features.find((f) => f.properties?.id === id);
  }

  async refresh(): Promise<void> {
    if (this.deps.zones) {
      this.jurisdictions.load(this.deps.zones.get());
      return;
    }
    try {
      this.cached = (await this.deps.store.zones.load()) ?? { type: 'FeatureCollection', features: [] };
    } catch {
      // No zones table yet: keep what we have.
    }
    // Console alone (no engine in this process) and nothing uploaded yet: the zones the
    // ingestor uses by default (ZONES_FILE, else the built-in Zhoushan scenario).
    if (this.cached.features.length === 0) this.cached = this.fileZones() ?? this.cached;
    this.jurisdictions.load(this.cached);
  }

  private fileZones(): GeoJsonFeatureCollection | null {
    try {
      const file = this.deps.settings.zonesFile ?? `${scenarioDataDir('zhoushan')}zones.geojson`;
      return existsSync(file) ? (readGeoJson('zones', file) as unknown as GeoJsonFeatureCollection) : null;
    } catch {
      return null;
    }
  }

  /** Ban calendars (validated against the zones in force): to the engine here, then the database. */
  async replaceCalendars(body: unknown): Promise<{ count: number }> {
    const count = validateCalendars(body, this.get());
    const engine = this.deps.zones;
    await engineThenStore(engine?.replaceCalendars?.bind(engine), engine?.calendars?.(), body, (v) => this.deps.store.calendars.replace(v));
    return { count };
  }

  /**
   * A temporary closure (e.g. a typhoon sailing ban) over the area of an existing zone, for a
   * validity window: added to the zones as one more feature, validated and applied as any
   * upload. Returns the new feature.
   */
  async declareClosure(c: { area: string; name: { zh: string; en: string }; validFrom: string; validTo: string; id?: string }) {
    const area = this.zone(c.area);
    if (!area) throw badRequest(`area: no zone '${c.area}'`, 'area');
    const current = this.get();
    const id = c.id ?? `closure-${c.area}-${Date.parse(c.validFrom).toString(36)}`;
    if (current.features.some((f) => f.properties?.id === id)) throw conflict(`id: a zone '${id}' exists already`, 'id');
    const feature = {
      type: 'Feature' as const,
      properties: { id, kind: 'temporary_closure', name: c.name, validFrom: c.validFrom, validTo: c.validTo, area: c.area },
      geometry: area.geometry,
    };
    await this.replace({ ...current, features: [...current.features, feature] });
    return feature;
  }

  /** Lifts a temporary closure before its end (other kinds of zones are changed by upload). */
  async liftClosure(id: string): Promise<void> {
    const z = this.zone(id);
    if (!z) throw notFound(`zone ${id} not found`);
    if (z.properties?.kind !== 'temporary_closure') throw badRequest(`id: zone '${id}' is a ${String(z.properties?.kind)} zone, not a temporary closure`, 'id');
    const current = this.get();
    await this.replace({ ...current, features: current.features.filter((f) => f.properties?.id !== id) });
  }

  /** Validates with the engine's loader (400 naming the feature), swaps live, persists. */
  async replace(input: unknown): Promise<{ count: number }> {
    try {
      loadZones(input);
    } catch (err) {
      const e = err as any;
      const featureIndex = typeof e.featureIndex === 'number' && e.featureIndex >= 0 ? e.featureIndex : undefined;
      const reason = String(e.reason ?? e.message ?? err);
      throw badRequest(
        featureIndex !== undefined ? `features[${featureIndex}]: ${reason}` : reason,
        featureIndex !== undefined ? `features.${featureIndex}` : 'features',
        featureIndex !== undefined ? { featureIndex, reason } : { reason },
      );
    }
    const fc = input as GeoJsonFeatureCollection;
    const engine = this.deps.zones;
    await engineThenStore(engine?.replace?.bind(engine), this.get(), fc, (v) => this.deps.store.zones.replace(v));
    this.cached = fc;
    this.jurisdictions.load(this.get());
    return { count: fc.features.length };
  }
}

/**
 * An edit of what the engine runs with: the engine in this process (if any) takes it first, as
 * it refuses combinations the loaders alone do not see (a ban zone naming a missing calendar);
 * then the database; should that write fail, the engine goes back to what it had.
 */
async function engineThenStore<T>(swap: ((v: T) => unknown) | undefined, previous: T | undefined, next: T, store: (v: T) => Promise<void>): Promise<void> {
  if (swap) await swap(next);
  try {
    await store(next);
  } catch (err) {
    if (swap && previous !== undefined) await swap(previous);
    throw err;
  }
}
