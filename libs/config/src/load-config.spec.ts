import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseFeedUrl, SETTINGS, configSchema, envName, settingsMarkdown } from './index.js';

const fail = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env, '/tmp');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('gives working defaults on an empty environment', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.port).toBe(3000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.dataDir).toBe('/srv/app/data');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.feeds).toEqual([expect.objectContaining({ kind: 'simulator', scenario: 'zhoushan', id: 'simulator:zhoushan' })]);
    expect(c.dedupeWindowMs).toBe(2000);
    expect(c.role).toBe('all');
    expect(c.logLevel).toBe('info');
    expect(c.demoAccounts).toBe(true);
    expect(c.jwtSecretGenerated).toBe(true);
    expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('names the setting and the reason for a bad port', () => {
    expect(fail({ PORT: 'abc' }).message).toBe('PORT: expected an integer 1–65535, got "abc"');
    expect(fail({ PORT: '70000' }).message).toBe('PORT: expected an integer 1–65535, got "70000"');
  });

  it('names each bad setting', () => {
    expect(fail({ ROLE: 'worker' }).message).toMatch(/^ROLE: expected one of all, ingestor, console, got "worker"/);
    expect(fail({ LOG_LEVEL: 'loud' }).message).toMatch(/^LOG_LEVEL: /);
    expect(fail({ DEDUPE_WINDOW_MS: '-1' }).message).toMatch(/^DEDUPE_WINDOW_MS: expected an integer/);
    expect(fail({ DATABASE_URL: 'mysql://x' }).message).toMatch(/^DATABASE_URL: expected a postgres/);
    expect(fail({ DEMO_ACCOUNTS: 'maybe' }).message).toMatch(/^DEMO_ACCOUNTS: expected true or false, got "maybe"/);
    expect(fail({ JWT_SECRET: 'short' }).message).toMatch(/^JWT_SECRET: expected a string of at least 16/);
    expect(fail({ WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/8, intranet' }).message).toMatch(/^WEBHOOK_ALLOWED_NETWORKS: .*"intranet" is not a CIDR range/);
    expect(loadConfig({ WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16, 192.168.7.9' }).webhookAllowedNetworks).toEqual(['10.20.0.0/16', '192.168.7.9']);
    expect(fail({ ZONES_FILE: '/nonexistent/zones.geojson' }).message).toMatch(/^ZONES_FILE: expected an existing file \(file not found\), got "\/nonexistent\/zones.geojson"/);
  });

  it('does not repeat a rejected secret, nor the password in a rejected URL', () => {
    expect(fail({ JWT_SECRET: 'hunter2' }).message).toBe('JWT_SECRET: expected a string of at least 16 characters, got "(7 characters, not shown)"');
    expect(fail({ ADMIN_PASSWORD: 'abc' }).message).not.toContain('abc');
    expect(fail({ AUDIT_ANCHOR_SECRET: 'tiny' }).message).not.toContain('tiny');
    expect(fail({ AUDIT_ANCHOR_URL: 'ftp://witness' }).message).toBe('AUDIT_ANCHOR_URL: expected an http:// or https:// URL, got "ftp://witness"');
    expect(fail({ DATABASE_URL: 'mysql://seawarden:s3cret@db/ais' }).message).toBe('DATABASE_URL: expected a postgres:// or postgresql:// URL, got "mysql://seawarden:***@db/ais"');
  });

  it('names the feed entry and what is wrong with it', () => {
    expect(fail({ FEEDS: 'ftp://x:1' }).message).toMatch(/^FEEDS: "ftp:\/\/x:1": unknown feed kind "ftp"/);
    expect(fail({ FEEDS: 'tcp-client://host' }).message).toMatch(/^FEEDS: .*missing port/);
    expect(fail({ FEEDS: 'tcp-client://h:1?idleTimeoutMs=soon' }).message).toMatch(/idleTimeoutMs: expected an integer ≥ 0, got "soon"/);
    expect(fail({ FEEDS: 'udp://0.0.0.0:1?colour=red' }).message).toMatch(/unknown option "colour"/);
    expect(fail({ FEEDS: 'udp://0.0.0.0:1,udp://127.0.0.1:1' }).message).toMatch(/duplicate feed id "udp:1"/);
  });

  it('reports several bad settings together', () => {
    const err = fail({ PORT: 'x', ROLE: 'y' });
    expect(err.message).toMatch(/PORT: .*; ROLE: /);
  });

  it('reads a JSON config file and lets the environment override it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seawarden-config-'));
    const file = join(dir, 'seawarden.json');
    writeFileSync(file, JSON.stringify({ port: 8080, FEEDS: ['udp://0.0.0.0:10110', 'http'], dataDir: 'state', LOG_LEVEL: 'debug' }));
    const c = loadConfig({ SEAWARDEN_CONFIG: file, LOG_LEVEL: 'warn' }, '/elsewhere');
    expect(c.port).toBe(8080);
    expect(c.logLevel).toBe('warn');
    expect(c.dataDir).toBe(join(dir, 'state'));
    expect(c.feeds.map((f) => f.kind)).toEqual(['udp', 'http']);
    expect(c.demoAccounts).toBe(false);
    expect(c.configFile).toBe(file);
  });

  it('names an unknown key in the config file and a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seawarden-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ SEAWARDEN_CONFIG: file })).toThrow(/c\.json: prot: unknown setting/);
    writeFileSync(file, '{ nope');
    expect(() => loadConfig({ SEAWARDEN_CONFIG: file })).toThrow(/^SEAWARDEN_CONFIG: .* is not valid JSON/);
    expect(() => loadConfig({ SEAWARDEN_CONFIG: join(dir, 'missing.json') })).toThrow(/SEAWARDEN_CONFIG: cannot read .*ENOENT/);
  });

  it('documents every setting of the schema', () => {
    for (const key of Object.keys(configSchema.shape)) {
      expect(SETTINGS[key as keyof typeof SETTINGS]?.env).toBe(envName(key));
    }
    expect(envName('dedupeWindowMs')).toBe('DEDUPE_WINDOW_MS');
  });
});

describe('parseFeedUrl', () => {
  it('parses every kind with its options', () => {
    expect(parseFeedUrl('simulator://zhoushan?speed=30&seed=7')).toMatchObject({ kind: 'simulator', scenario: 'zhoushan', speed: 30, seed: 7, start: null });
    expect(parseFeedUrl('tcp-client://ais.example.org:5631?idleTimeoutMs=5000&id=shenjiamen')).toMatchObject({
      kind: 'tcp-client', id: 'shenjiamen', host: 'ais.example.org', port: 5631, idleTimeoutMs: 5000, minBackoffMs: 500, maxBackoffMs: 30000,
    });
    expect(parseFeedUrl('tcp-server://0.0.0.0:5631')).toMatchObject({ kind: 'tcp-server', host: '0.0.0.0', port: 5631, id: 'tcp-server:5631' });
    expect(parseFeedUrl('udp://0.0.0.0:10110')).toMatchObject({ kind: 'udp', port: 10110 });
    expect(parseFeedUrl('file:///var/ais/day.nmea?pace=true&speed=10')).toMatchObject({ kind: 'file', path: '/var/ais/day.nmea', pace: true, speed: 10, id: 'file:day.nmea' });
    expect(parseFeedUrl('http')).toMatchObject({ kind: 'http', id: 'http' });
  });
  it('rejects a max backoff below the min', () => {
    expect(() => parseFeedUrl('tcp-client://h:1?minBackoffMs=1000&maxBackoffMs=10')).toThrow(/maxBackoffMs: expected an integer ≥ 1000/);
  });
});

describe('settingsMarkdown', () => {
  it('lists every setting once with its default', () => {
    const md = settingsMarkdown();
    for (const s of Object.values(SETTINGS)) expect(md).toContain(`| \`${s.env}\` | ${s.default} |`);
    expect(md.split('\n')).toHaveLength(Object.keys(SETTINGS).length + 3);
  });
});
