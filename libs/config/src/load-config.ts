/**
 * The one place that reads configuration: environment, optionally over a JSON file named by
 * SEAWARDEN_CONFIG (environment wins). Validated once at startup; a bad value throws ConfigError
 * naming the setting.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError, ConfigErrors } from './config-error.js';
import { configSchema, envName, SETTINGS, type SettingKey } from './config.schema.js';

type Parsed = z.output<typeof configSchema>;

export type SeawardenConfig = Omit<Parsed, 'jwtSecret' | 'demoAccounts'> & {
  /** Absolute. */
  dataDir: string;
  jwtSecret: string;
  /**
   * True when JWT_SECRET was unset and `jwtSecret` is a random one made for this process (the
   * console keeps its own in DATA_DIR instead; see apps/console).
   */
  jwtSecretGenerated: boolean;
  demoAccounts: boolean;
  /** Absolute path of the config file read, or null. */
  configFile: string | null;
};

const PATH_KEYS = new Set<SettingKey>(['dataDir', 'zonesFile', 'registryFile', 'calendarsFile', 'landFile']);
/** Settings whose value an error message must not repeat (it ends up in logs). */
const SECRET_KEYS = new Set<SettingKey>(['jwtSecret', 'adminPassword', 'auditAnchorSecret']);

/** A URL as logs and errors may show it: the password, if any, masked. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^/@]*@/i, '$1:***@');
}

/** A rejected value as an error may show it: secrets by their length only, a URL's password masked. */
function shownValue(key: SettingKey, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (SECRET_KEYS.has(key)) return `(${value.length} characters, not shown)`;
  return redactUrl(value);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): SeawardenConfig {
  const keys = Object.keys(configSchema.shape) as SettingKey[];
  const configFile = env.SEAWARDEN_CONFIG?.trim() ? resolve(cwd, env.SEAWARDEN_CONFIG.trim()) : null;
  const input: Record<string, unknown> = configFile ? readConfigFile(configFile, keys) : {};
  for (const key of keys) {
    const v = env[envName(key)];
    if (v !== undefined && v.trim() !== '') input[key] = v;
    else if (v !== undefined && !(key in input)) input[key] = v;
  }
  for (const key of PATH_KEYS) {
    const v = input[key];
    if (typeof v === 'string' && v.trim() !== '' && !isAbsolute(v)) {
      const fromFile = configFile && env[envName(key)] === undefined;
      input[key] = resolve(fromFile ? dirname(configFile) : cwd, v);
    }
  }

  const result = configSchema.safeParse(input);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '') as SettingKey;
      const setting = SETTINGS[key];
      if (!setting) return new ConfigError(configFile ?? 'config', issue.message);
      const reason = issue.code === 'custom' && issue.message !== 'file not found' ? issue.message : `expected ${setting.expected}${issue.code === 'custom' ? ` (${issue.message})` : ''}`;
      return new ConfigError(setting.env, reason, issue.code === 'custom' && key === 'feeds' ? undefined : shownValue(key, input[key]));
    });
    throw errors.length === 1 ? errors[0]! : new ConfigErrors(errors);
  }
  const parsed = result.data;
  return {
    ...parsed,
    dataDir: resolve(cwd, parsed.dataDir),
    jwtSecret: parsed.jwtSecret ?? randomBytes(32).toString('base64url'),
    jwtSecretGenerated: parsed.jwtSecret === undefined,
    demoAccounts: parsed.demoAccounts ?? (configFile === null && parsed.databaseUrl === undefined),
    configFile,
  };
}

function readConfigFile(path: string, keys: SettingKey[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError('SEAWARDEN_CONFIG', `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError('SEAWARDEN_CONFIG', `${path} is not valid JSON (${(err as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ConfigError('SEAWARDEN_CONFIG', `${path} must hold a JSON object of settings`);
  }
  const byName = new Map<string, SettingKey>();
  for (const k of keys) {
    byName.set(k, k);
    byName.set(envName(k), k);
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(json)) {
    const key = byName.get(name);
    if (!key) throw new ConfigError(`${path}: ${name}`, `unknown setting (known: ${keys.map(envName).join(', ')})`);
    out[key] = value;
  }
  return out;
}
