/**
 * Every Seawarden setting: one zod object (camelCase keys; the environment name is the
 * SCREAMING_SNAKE form, `dataDir` ↔ `DATA_DIR`) plus one documentation row each.
 * To add a setting: add a field to `configSchema` and a row to `SETTINGS`.
 */
import { existsSync } from 'node:fs';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { FeedSpecError, parseFeeds, type FeedSpec } from './feed-spec.js';

/** Environment values are strings; config files may hold numbers/booleans. Blank means unset. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const toNumber = (v: unknown) => {
  const b = blankToUndefined(v);
  return typeof b === 'string' ? Number(b.trim()) : b;
};
const toBoolean = (v: unknown) => {
  const b = blankToUndefined(v);
  if (typeof b !== 'string') return b;
  const s = b.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  return b;
};

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.preprocess(toNumber, z.int().min(min).max(max));
const bool = () => z.preprocess(toBoolean, z.boolean());
const str = () => z.preprocess(blankToUndefined, z.string());
const existingFile = () =>
  z.preprocess(blankToUndefined, z.string().refine((p) => existsSync(p), { message: 'file not found' }));

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export const PROCESS_ROLES = ['all', 'ingestor', 'console'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const feeds = () =>
  z.preprocess(
    blankToUndefined,
    z.union([z.string(), z.array(z.string())]).transform((value, ctx): FeedSpec[] => {
      try {
        return parseFeeds(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof FeedSpecError ? err.message : String(err) });
        return z.NEVER;
      }
    }),
  );

/** Comma-separated CIDR ranges (or single addresses), each checked. */
const cidrList = () =>
  z.preprocess(
    blankToUndefined,
    z.union([z.string(), z.array(z.string())]).transform((value, ctx): string[] => {
      const items = (Array.isArray(value) ? value : value.split(',')).map((s) => s.trim()).filter(Boolean);
      for (const item of items) {
        if (!ipaddr.isValidCIDR(item) && !ipaddr.isValid(item)) ctx.addIssue({ code: 'custom', message: `"${item}" is not a CIDR range (e.g. 10.20.0.0/16) or an IP address` });
      }
      return items;
    }),
  );

export const configSchema = z.object({
  port: int(1, 65535).default(3000),
  host: str().default('0.0.0.0'),
  dataDir: str().default('./data'),
  databaseUrl: z.preprocess(blankToUndefined, z.string().regex(/^postgres(ql)?:\/\//)).optional(),
  redisUrl: z.preprocess(blankToUndefined, z.string().regex(/^rediss?:\/\//)).optional(),
  feeds: feeds().default(parseFeeds('simulator://zhoushan')),
  ingestToken: str().optional(),
  zonesFile: existingFile().optional(),
  registryFile: existingFile().optional(),
  calendarsFile: existingFile().optional(),
  landFile: existingFile().optional(),
  jwtSecret: z.preprocess(blankToUndefined, z.string().min(16)).optional(),
  adminPassword: z.preprocess(blankToUndefined, z.string().min(8)).optional(),
  demoAccounts: bool().optional(),
  mapboxToken: str().optional(),
  tileUrl: z.preprocess(blankToUndefined, z.string().regex(/^(https?:)?\/\//)).optional(),
  dedupeWindowMs: int(0, 3_600_000).default(2000),
  logLevel: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v), z.enum(LOG_LEVELS)).default('info'),
  retentionDays: int(1, 36_500).default(90),
  role: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v), z.enum(PROCESS_ROLES)).default('all'),
  // Console
  accessTokenTtl: int(30, 86_400).default(900),
  refreshTokenTtl: int(60, 365 * 86_400).default(7 * 86_400),
  corsOrigin: str().optional(),
  webDist: str().optional(),
  bcryptCost: int(4, 15).default(12),
  demoJurisdiction: str().default('jur-zhujiajian'),
  webhookRetryBaseMs: int(10, 3_600_000).default(5000),
  webhookMaxAttempts: int(1, 100).default(12),
  webhookPollMs: int(10, 60_000).default(500),
  webhookAllowedNetworks: cidrList().default([]),
  vesselTickMs: int(100, 60_000).default(1000),
  consoleWebhooks: bool().default(true),
  auditAnchorMinutes: int(0, 1440).default(10),
  auditAnchorUrl: z.preprocess(blankToUndefined, z.string().regex(/^https?:\/\//)).optional(),
  auditAnchorSecret: z.preprocess(blankToUndefined, z.string().min(16)).optional(),
});

export type SettingKey = keyof z.input<typeof configSchema>;

export interface SettingDoc {
  /** Environment name. */
  env: string;
  /** Default as a user reads it. */
  default: string;
  /** What it is for. */
  description: string;
  /** What a valid value looks like (used in error messages). */
  expected: string;
}

const doc = (d: string, description: string, expected: string) => ({ default: d, description, expected });

/** The settings table (the README lists it). Same keys as `configSchema`. */
export const SETTINGS: Record<SettingKey, SettingDoc> = withEnvNames({
  port: doc('3000', 'HTTP port of the console, REST API, /metrics and /api/ingest', 'an integer 1–65535'),
  host: doc('0.0.0.0', 'Interface the HTTP server binds to', 'a host name or address'),
  dataDir: doc('./data', 'Directory for the embedded database and other local state', 'a directory path'),
  databaseUrl: doc('unset → embedded PGlite in DATA_DIR', 'PostgreSQL/TimescaleDB connection string', 'a postgres:// or postgresql:// URL'),
  redisUrl: doc('unset → in-process bus', 'Redis for the socket.io adapter and the cross-process live bus', 'a redis:// or rediss:// URL'),
  feeds: doc(
    'simulator://zhoushan',
    'Comma-separated AIS feeds: simulator://zhoushan?speed=30&seed=1, tcp-client://host:port?idleTimeoutMs=60000&minBackoffMs=500&maxBackoffMs=30000, tcp-server://0.0.0.0:5631, udp://0.0.0.0:10110, file:///path.nmea?pace=true&speed=10&loop=false, http (POST /api/ingest). Any entry takes ?id=name',
    'comma-separated feed URLs',
  ),
  ingestToken: doc('unset → no token needed', 'Bearer token required by POST /api/ingest', 'a string'),
  zonesFile: doc('unset → built-in Zhoushan zones', 'Zones GeoJSON FeatureCollection', 'an existing file'),
  registryFile: doc('unset → built-in Zhoushan registry', 'Vessel registry CSV (mmsi,name,category,gear,licensedPassengers,homePort,notes)', 'an existing file'),
  calendarsFile: doc('unset → built-in ban calendars', 'Fishing-ban calendars JSON', 'an existing file'),
  landFile: doc('unset → built-in Putuo District islands', 'Land outlines GeoJSON (Polygon/MultiPolygon features, optional id and name): a position well inland raises an identity alert', 'an existing file'),
  jwtSecret: doc('unset → generated once and kept in DATA_DIR/jwt-secret (warned; several consoles must share one)', 'Secret that signs console login tokens', 'a string of at least 16 characters'),
  adminPassword: doc('unset → generated on first start and printed once', 'Password of the built-in admin account', 'a string of at least 8 characters'),
  demoAccounts: doc('true without config file and DATABASE_URL, else false', 'Create demo users (operator, inspector, port office, admin)', 'true or false'),
  mapboxToken: doc('unset → MapLibre, offline basemap', 'Mapbox access token; switches the web map to mapbox-gl', 'a string'),
  tileUrl: doc('unset → built-in basemap', 'Raster/vector tile URL template for the web map', 'an http(s) URL'),
  dedupeWindowMs: doc('2000', 'Same message from two receivers within this window is passed on once', 'an integer 0–3600000 (ms)'),
  logLevel: doc('info', 'Lowest log level printed (structured JSON logs)', `one of ${LOG_LEVELS.join(', ')}`),
  retentionDays: doc('90', 'Days of positions kept', 'an integer ≥ 1'),
  role: doc('all', 'all: ingestor + console in one process; ingestor or console alone', `one of ${PROCESS_ROLES.join(', ')}`),
  accessTokenTtl: doc('900', 'Lifetime of a console access token (s)', 'an integer 30–86400'),
  refreshTokenTtl: doc('604800', 'Lifetime of a refresh token (s); refresh tokens rotate on use', 'an integer ≥ 60'),
  corsOrigin: doc('unset → same origin only', 'Origins allowed by CORS: `*` or a comma-separated list', 'a string'),
  webDist: doc('web/dist', 'Folder of the built web console served at /', 'a directory path'),
  bcryptCost: doc('12', 'bcrypt cost of stored passwords', 'an integer 4–15'),
  demoJurisdiction: doc('jur-zhujiajian', 'Jurisdiction zone of the demo port-office account', 'a zone id'),
  webhookRetryBaseMs: doc('5000', 'First webhook retry delay; doubles per attempt (with jitter)', 'an integer (ms)'),
  webhookMaxAttempts: doc('12', 'Webhook attempts before a delivery is given up (logged)', 'an integer 1–100'),
  webhookPollMs: doc('500', 'How often the outbox is polled for webhook deliveries', 'an integer (ms)'),
  webhookAllowedNetworks: doc(
    '(none)',
    'Networks webhooks may be sent to besides public addresses (private, loopback, link-local and other special addresses are refused otherwise), e.g. the port offices\' VPN `10.20.0.0/16`',
    'comma-separated CIDR ranges or addresses',
  ),
  vesselTickMs: doc('1000', 'Interval of live vessel deltas to socket clients', 'an integer (ms)'),
  consoleWebhooks: doc('true', 'Whether this process delivers webhooks (turn off on all consoles but some)', 'true or false'),
  auditAnchorMinutes: doc('10', 'How often the console anchors the alert audit chains in DATA_DIR/audit-anchors.jsonl, outside the database (0: never)', 'an integer 0–1440 (minutes)'),
  auditAnchorUrl: doc('(none)', 'Where the console also POSTs its newest audit anchor after each pass until it is accepted (a witness off this host; see Known gaps)', 'an http:// or https:// URL'),
  auditAnchorSecret: doc('(none)', 'Key that signs the anchors sent to AUDIT_ANCHOR_URL (X-Seawarden-Signature, as for webhooks)', 'a string of at least 16 characters'),
});

function withEnvNames(rows: Record<SettingKey, Omit<SettingDoc, 'env'>>): Record<SettingKey, SettingDoc> {
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, { env: envName(k), ...v }])) as Record<SettingKey, SettingDoc>;
}

/** `dedupeWindowMs` → `DEDUPE_WINDOW_MS`. */
export function envName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The settings table as Markdown (name, default, meaning), for the README. */
export function settingsMarkdown(): string {
  const rows = Object.values(SETTINGS).map((s) => `| \`${s.env}\` | ${s.default} | ${s.description} |`);
  return ['| setting | default | meaning |', '|---|---|---|', ...rows, '| `SEAWARDEN_CONFIG` | unset | JSON file of settings (camelCase or ENV names); the environment overrides it |'].join('\n');
}
