import { resolve } from 'node:path';
import type { ConsoleSettings } from './console.deps.js';

const num = (v: string | undefined, d: number): number => {
  if (v === undefined || v === '') return d;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`console setting: expected a number, got "${v}"`);
  return n;
};
const bool = (v: string | undefined, d: boolean): boolean =>
  v === undefined || v === '' ? d : /^(1|true|yes|on)$/i.test(v);

/** A list from the validated configuration (an array) or a comma-separated string (tests). */
const networks = (x: unknown): string[] =>
  Array.isArray(x) ? x.map(String) : typeof x === 'string' ? x.split(',').map((s) => s.trim()).filter(Boolean) : [];

/**
 * The console's settings, taken from the loaded configuration (libs/config validates them at
 * startup). `config` may be partial (tests): missing values take the same defaults.
 */
export function consoleSettings(config: Record<string, any> = {}): ConsoleSettings {
  const v = (key: string): string | undefined => {
    const x = config[key];
    return x === undefined || x === null || x === '' ? undefined : String(x);
  };
  const cors = v('corsOrigin');
  return {
    dataDir: resolve(v('dataDir') ?? './data'),
    jwtSecret: v('jwtSecret'),
    accessTokenTtl: num(v('accessTokenTtl'), 900),
    refreshTokenTtl: num(v('refreshTokenTtl'), 7 * 24 * 3600),
    adminPassword: v('adminPassword'),
    demoAccounts: bool(v('demoAccounts'), false),
    demoJurisdiction: v('demoJurisdiction') ?? 'jur-zhujiajian',
    redisUrl: v('redisUrl'),
    corsOrigin: cors ? (cors === '*' ? true : cors.split(',').map((s) => s.trim())) : false,
    webDist: v('webDist'),
    bcryptCost: num(v('bcryptCost'), 12),
    webhookRetryBaseMs: num(v('webhookRetryBaseMs'), 5000),
    webhookMaxAttempts: num(v('webhookMaxAttempts'), 12),
    webhookPollMs: num(v('webhookPollMs'), 500),
    webhookAllowedNetworks: networks(config.webhookAllowedNetworks),
    vesselTickMs: num(v('vesselTickMs'), 1000),
    webhooks: bool(v('consoleWebhooks'), true),
    auditAnchorMs: num(v('auditAnchorMinutes'), 10) * 60_000,
    auditAnchorUrl: v('auditAnchorUrl'),
    auditAnchorSecret: v('auditAnchorSecret'),
    zonesFile: v('zonesFile'),
    calendarsFile: v('calendarsFile'),
    mapboxToken: v('mapboxToken'),
    tileUrl: v('tileUrl'),
  };
}
