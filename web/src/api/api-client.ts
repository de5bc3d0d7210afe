import type { Alert, AlertAuditEvent, AlertRule, AuditVerifyResult, AlertStatus, Role, Severity, TrackPoint, UserPublic, VesselPortLog, VesselSnapshot, ZoneProperties } from '@seawarden/contracts';
import { getSession, setSession, type LoginResponse } from './session.js';

/** An API call that failed, with the server's message, status and route. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly path: string,
    readonly field?: string,
    /** The rest of the error body (e.g. the zone upload's featureIndex and reason). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RuntimeConfig {
  /** Mapbox access token: when set, the map uses mapbox-gl with a Mapbox style. */
  mapboxToken?: string;
  mapboxStyle?: string;
  /** Raster tile URL template ({z}/{x}/{y}) of a site tile server, drawn under the overlays. */
  tileUrl?: string;
  tileAttribution?: string;
}

export interface AlertQuery {
  rule?: AlertRule | '';
  severity?: Severity | '';
  status?: AlertStatus | '';
  zoneId?: string;
  mmsi?: string;
  from?: string;
  to?: string;
  active?: boolean;
  limit?: number;
  cursor?: string | null;
}

export interface AlertDetail {
  alert: Alert;
  audit: AlertAuditEvent[];
  assignee: UserPublic | null;
  notes: { actor: string; at: string; note: string }[];
}

export interface RegistryEntry {
  mmsi: number;
  name: string;
  category: string;
  gear: string;
  licensedPassengers: number | null;
  homePort: string;
  notes: string;
}

export interface Subscription {
  id: string;
  userId: string;
  name: string;
  rules: AlertRule[];
  severities: Severity[];
  zones: string[];
  webhookUrl: string | null;
  hasSecret: boolean;
  enabled: boolean;
  createdAt: string;
}

export interface ImportReport {
  imported: number;
  rejected: number;
  errors: { row: number; line: number; field?: string; message: string }[];
}

export type RegistryImportMode = 'merge' | 'replace';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  jurisdictions?: string[];
}

export interface ZoneCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: ZoneProperties; geometry: GeoJSON.Geometry }[];
}

/** Query string of an alert filter (empty values left out). */
export function alertQueryString(q: AlertQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

let refreshing: Promise<boolean> | null = null;

/** Rotates the refresh token once, however many callers ask at the same time. */
export function refreshSession(): Promise<boolean> {
  const s = getSession();
  if (!s) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: s.refreshToken }) });
      if (res.status === 401 || res.status === 400) {
        setSession(null);
        return false;
      }
      if (!res.ok) return false;
      setSession((await res.json()) as LoginResponse);
      return true;
    } catch {
      return false; // server down: keep the session, the caller retries later
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** A valid access token, refreshed when it expires within 30 s. */
export async function accessToken(): Promise<string | null> {
  const s = getSession();
  if (!s) return null;
  if (s.expiresAt - Date.now() < 30_000) await refreshSession();
  return getSession()?.accessToken ?? null;
}

/** A body sent as it is with its own content type (the registry CSV), not as JSON. */
class RawBody {
  constructor(
    readonly text: string,
    readonly type: string,
  ) {}
}

async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const token = await accessToken();
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = body instanceof RawBody ? body.type : 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : body instanceof RawBody ? body.text : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, err instanceof Error ? err.message : String(err), path);
  }
  if (res.status === 401 && token && !retried && (await refreshSession())) return request<T>(method, path, body, true);
  if (!res.ok) {
    let message = res.statusText;
    let field: string | undefined;
    let details: Record<string, unknown> = {};
    try {
      const j = (await res.json()) as { message?: string; field?: string } & Record<string, unknown>;
      message = j.message ?? message;
      field = j.field;
      details = j;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, message, path, field, details);
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  async login(username: string, password: string): Promise<UserPublic> {
    const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!res.ok) {
      let message = res.statusText;
      try {
        message = ((await res.json()) as { message?: string }).message ?? message;
      } catch {
        /* not JSON */
      }
      throw new ApiError(res.status, message, '/api/auth/login');
    }
    const body = (await res.json()) as LoginResponse;
    setSession(body);
    return body.user;
  },
  async logout(): Promise<void> {
    const s = getSession();
    setSession(null);
    if (s) await fetch('/api/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: s.refreshToken }) }).catch(() => undefined);
  },
  /** Runtime map config; a server without the route gets the offline defaults. */
  async config(): Promise<RuntimeConfig> {
    try {
      const res = await fetch('/api/config');
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return {};
      return (await res.json()) as RuntimeConfig;
    } catch {
      return {};
    }
  },
  zones: () => request<ZoneCollection>('GET', '/api/zones'),
  searchVessels: (q: string) => request<{ items: VesselSnapshot[] }>('GET', `/api/vessels/search?q=${encodeURIComponent(q)}&limit=20`),
  vessel: (mmsi: number) => request<{ vessel: VesselSnapshot | null; stored: Record<string, unknown> | null; registry: RegistryEntry | null }>('GET', `/api/vessels/${mmsi}`),
  track: (mmsi: number, from?: string, to?: string) =>
    request<{ mmsi: number; from: string; to: string; points: TrackPoint[] }>('GET', `/api/vessels/${mmsi}/track${alertQueryString({ from, to } as AlertQuery)}`),
  alerts: (q: AlertQuery) => request<{ items: Alert[]; nextCursor: string | null }>('GET', `/api/alerts${alertQueryString(q)}`),
  alert: (id: string) => request<AlertDetail>('GET', `/api/alerts/${encodeURIComponent(id)}`),
  acknowledge: (id: string, note?: string) => request<Alert>('POST', `/api/alerts/${encodeURIComponent(id)}/acknowledge`, note ? { note } : {}),
  confirm: (id: string, note?: string) => request<Alert>('POST', `/api/alerts/${encodeURIComponent(id)}/confirm`, note ? { note } : {}),
  dismiss: (id: string, reason: string) => request<Alert>('POST', `/api/alerts/${encodeURIComponent(id)}/dismiss`, { reason }),
  note: (id: string, note: string) => request<AlertAuditEvent>('POST', `/api/alerts/${encodeURIComponent(id)}/notes`, { note }),
  verifyAudit: () => request<AuditVerifyResult>('GET', '/api/audit/verify'),
  subscriptions: () => request<Subscription[]>('GET', '/api/subscriptions'),
  portMovements: (from: string, to: string) =>
    request<{ from: string; to: string; vessels: VesselPortLog[] }>('GET', `/api/port-movements?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  createSubscription: (s: Partial<Subscription> & { secret?: string }) => request<Subscription>('POST', '/api/subscriptions', s),
  updateSubscription: (id: string, s: Partial<Subscription> & { secret?: string }) => request<Subscription>('PATCH', `/api/subscriptions/${encodeURIComponent(id)}`, s),
  deleteSubscription: (id: string) => request<void>('DELETE', `/api/subscriptions/${encodeURIComponent(id)}`),
  // Administration (admin role).
  putZones: (fc: unknown) => request<{ count: number }>('PUT', '/api/zones', fc),
  declareClosure: (c: { area: string; name: { zh: string; en: string }; validFrom: string; validTo: string }) => request<unknown>('POST', '/api/zones/closures', c),
  liftClosure: (id: string) => request<void>('DELETE', `/api/zones/closures/${encodeURIComponent(id)}`),
  calendars: () => request<unknown>('GET', '/api/calendars'),
  putCalendars: (doc: unknown) => request<{ count: number }>('PUT', '/api/calendars', doc),
  registryCount: () => request<{ items: RegistryEntry[]; total: number }>('GET', '/api/registry?limit=1'),
  importRegistry: (csv: string, mode: RegistryImportMode) => request<ImportReport>('POST', `/api/registry/import?mode=${mode}`, new RawBody(csv, 'text/csv')),
  /** Every account, the disabled ones included (flagged), so they can be enabled again. */
  users: () => request<UserPublic[]>('GET', '/api/users?includeDisabled=true'),
  createUser: (u: NewUser) => request<UserPublic>('POST', '/api/users', u),
  setUserDisabled: (id: string, disabled: boolean) => request<UserPublic>('PATCH', `/api/users/${encodeURIComponent(id)}`, { disabled }),
};

/** Downloads a protected file (export, evidence) with the bearer token and saves it. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const token = await accessToken();
  const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, res.statusText, path);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
