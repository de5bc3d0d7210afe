import type { Alert, BBox, LiveBus, TrackPoint, VesselSnapshot } from '@seawarden/contracts';
import type { Registry } from 'prom-client';
import type { CalendarRepository, RegistryRepository, ZoneRepository } from '@seawarden/store';

/** The SQL surface the console needs from the store: parameterised queries only. */
export interface SqlDb {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  tx<T>(fn: (db: SqlDb) => Promise<T>): Promise<T>;
}

export interface AlertListFilter {
  rule?: string;
  severity?: string;
  status?: string;
  mmsi?: number;
  zoneId?: string;
  from?: string;
  to?: string;
  active?: boolean;
  /** Positioned inside one of these boxes (set by the service for port offices). */
  within?: BBox[];
  limit?: number;
  cursor?: string | null;
  [k: string]: unknown;
}

/** Structural view of the store — only what the console calls. */
export interface ConsoleStore {
  db: SqlDb;
  /** Optional: the console reads the `alerts` table itself when the store has no repository. */
  alerts?: {
    get(id: string): Promise<Alert | null>;
    list(filter: AlertListFilter): Promise<{ items: Alert[]; nextCursor: string | null }>;
    [k: string]: unknown;
  };
  vessels?: {
    get?(mmsi: number): Promise<Record<string, unknown> | null>;
    [k: string]: unknown;
  };
  zones: Pick<ZoneRepository, 'load' | 'replace'>;
  registry: Pick<RegistryRepository, 'get' | 'withGear' | 'search' | 'write'>;
  calendars: Pick<CalendarRepository, 'load' | 'replace'>;
  tracks?: { track(mmsi: number, from: string | Date, to: string | Date, maxPoints?: number): Promise<TrackPoint[]> };
  /** `{ ok }` or `{ up }`. */
  health?(): Promise<Record<string, unknown>>;
  [k: string]: unknown;
}

/** Live vessel view of the detection engine, when in the same process. */
export interface LiveVesselView {
  snapshots(): Iterable<VesselSnapshot> | VesselSnapshot[];
  snapshot(mmsi: number): VesselSnapshot | null | undefined;
  track?(mmsi: number): TrackPoint[];
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; geometry: any; properties: Record<string, any> }>;
  [k: string]: unknown;
}

/** Zones and calendars as the engine uses them; replace() validates and swaps them live. */
export interface ZonesProvider {
  get(): GeoJsonFeatureCollection;
  /** Throws an error carrying `featureIndex` and `reason`/`message` when a feature is invalid. */
  replace?(fc: unknown): Promise<{ count: number }> | { count: number };
  calendars?(): unknown;
  replaceCalendars?(cal: unknown): Promise<{ count: number }> | { count: number };
}

export interface FeedStatus {
  id: string;
  url?: string;
  kind?: string;
  connected?: boolean;
  [k: string]: unknown;
}

export interface RegistryProvider {
  /** Called after a registry import so the engine sees the new rows. */
  reload?(): Promise<void> | void;
}

export interface ConsoleSettings {
  dataDir: string;
  jwtSecret?: string;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  adminPassword?: string;
  demoAccounts: boolean;
  /** Jurisdiction zone id the demo port-office account is bound to. */
  demoJurisdiction: string;
  redisUrl?: string;
  corsOrigin: string | string[] | boolean;
  webDist?: string;
  bcryptCost: number;
  webhookRetryBaseMs: number;
  webhookMaxAttempts: number;
  webhookPollMs: number;
  /** Networks (CIDR) webhooks may go to besides public addresses (WEBHOOK_ALLOWED_NETWORKS). */
  webhookAllowedNetworks: string[];
  vesselTickMs: number;
  /** Run the webhook worker in this process (default true). */
  webhooks: boolean;
  /** How often the audit chains are anchored in DATA_DIR/audit-anchors.jsonl (0: never). */
  auditAnchorMs: number;
  /** Off-host witness of the anchors (POST of the newest after each pass), and its signing key. */
  auditAnchorUrl?: string;
  auditAnchorSecret?: string;
  /** Web map: Mapbox access token (switches to mapbox-gl) and a site tile server URL. */
  mapboxToken?: string;
  tileUrl?: string;
  /** ZONES_FILE: the zones a console running alone routes by until zones are uploaded. */
  zonesFile?: string;
  /** CALENDARS_FILE: the ban calendars a console running alone shows until an ingestor or an admin stores some. */
  calendarsFile?: string;
}

export interface ConsoleDeps {
  settings: ConsoleSettings;
  store: ConsoleStore;
  bus: LiveBus;
  live?: LiveVesselView;
  zones?: ZonesProvider;
  feeds?: { status(): FeedStatus[] | Promise<FeedStatus[]> };
  registry?: RegistryProvider;
  metrics?: Registry;
  /** Serve GET /metrics from the console (only when nothing else in the process does). */
  serveMetrics?: boolean;
  /** Writes a line where the operator sees it (credentials on first start). Default console.log. */
  log?: (line: string) => void;
}

export const CONSOLE_DEPS = Symbol('CONSOLE_DEPS');
