import { resolve } from 'node:path';
import type { ConsoleSettings } from './console.deps.js';

type Env = Record<string, string | undefined>;

const num = (v: string | undefined, d: number): number => {
  if (v === undefined || v === '') return d;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`console setting: expected a number, got "${v}"`);
  return n;
};
const bool = (v: string | undefined, d: boolean): boolean =>
  v === undefined || v === '' ? d : /^(1|true|yes|on)$/i.test(v);

/**
 * Console settings from the loaded configuration (owner C) when it carries them, else from
 * the environment. Reads only the console's own keys.
 */
export function consoleSettings(config: Record<string, any> = {}, env: Env = process.env): ConsoleSettings {
  const pick = (key: string, envKey: string): string | undefined => {
    const v = config[key];
    return v === undefined || v === null ? env[envKey] : String(v);
  };
  const cors = pick('corsOrigin', 'CORS_ORIGIN');
  return {
    dataDir: resolve(pick('dataDir', 'DATA_DIR') ?? './data'),
    jwtSecret: pick('jwtSecret', 'JWT_SECRET') || undefined,
    accessTokenTtl: num(pick('accessTokenTtl', 'ACCESS_TOKEN_TTL'), 900),
    refreshTokenTtl: num(pick('refreshTokenTtl', 'REFRESH_TOKEN_TTL'), 7 * 24 * 3600),
    adminPassword: pick('adminPassword', 'ADMIN_PASSWORD') || undefined,
    demoAccounts: bool(pick('demoAccounts', 'DEMO_ACCOUNTS'), false),
    demoJurisdiction: pick('demoJurisdiction', 'DEMO_JURISDICTION') ?? 'jur-zhujiajian',
    redisUrl: pick('redisUrl', 'REDIS_URL') || undefined,
    corsOrigin: cors ? (cors === '*' ? true : cors.split(',').map((s) => s.trim())) : false,
    webDist: pick('webDist', 'WEB_DIST') || undefined,
    bcryptCost: num(pick('bcryptCost', 'BCRYPT_COST'), 12),
    webhookRetryBaseMs: num(pick('webhookRetryBaseMs', 'WEBHOOK_RETRY_BASE_MS'), 5000),
    webhookMaxAttempts: num(pick('webhookMaxAttempts', 'WEBHOOK_MAX_ATTEMPTS'), 12),
    webhookPollMs: num(pick('webhookPollMs', 'WEBHOOK_POLL_MS'), 500),
    vesselTickMs: num(pick('vesselTickMs', 'VESSEL_TICK_MS'), 1000),
    webhooks: bool(pick('webhooks', 'CONSOLE_WEBHOOKS'), true),
  };
}
