/**
 * Starts the real console (Nest app, real HTTP + socket.io, embedded PGlite in a temp DATA_DIR
 * or TEST_DATABASE_URL) for the console tests. Not a test file itself.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { LiveBus, Role, UserPublic } from '@seawarden/contracts';
import { openStore, UsersRepository } from '@seawarden/store';
import { Registry } from 'prom-client';
import { io, type Socket } from 'socket.io-client';
import {
  AuthService, ConsoleModule, configureConsoleApp, consoleSettings, MemoryLiveBus,
  type ConsoleDeps, type ConsoleStore, type LiveVesselView, type ZonesProvider,
} from '@seawarden/console';

export interface StartOptions {
  dataDir?: string;
  databaseUrl?: string;
  bus?: LiveBus & { close?(): Promise<void> };
  settings?: Record<string, unknown>;
  zones?: ZonesProvider;
  live?: LiveVesselView;
  keepDataDir?: boolean;
}

export interface RunningConsole {
  url: string;
  app: INestApplication;
  deps: ConsoleDeps;
  store: Awaited<ReturnType<typeof openStore>>;
  bus: LiveBus;
  dataDir: string;
  auth: AuthService;
  users: UsersRepository;
  createUser(role: Role, jurisdictions?: string[], password?: string): Promise<UserPublic & { password: string }>;
  login(username: string, password: string): Promise<{ accessToken: string; refreshToken: string; user: UserPublic }>;
  tokenFor(role: Role, jurisdictions?: string[]): Promise<string>;
  socket(token: string | undefined): Socket;
  http(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = 'admin-password-for-tests';

export async function startConsole(opts: StartOptions = {}): Promise<RunningConsole> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'seawarden-console-'));
  const store = await openStore({ dataDir, databaseUrl: opts.databaseUrl ?? null });
  const bus = opts.bus ?? new MemoryLiveBus();
  const deps: ConsoleDeps = {
    settings: consoleSettings(
      {
        dataDir, jwtSecret: 'test-jwt-secret-0123456789abcdef', adminPassword: ADMIN_PASSWORD, demoAccounts: false,
        bcryptCost: 4, webhookRetryBaseMs: 300, webhookPollMs: 100, vesselTickMs: 200, ...opts.settings,
      },
    ),
    store: store as unknown as ConsoleStore,
    bus,
    zones: opts.zones,
    live: opts.live,
    metrics: new Registry(),
    serveMetrics: true,
    log: () => {},
  };
  const app = await NestFactory.create(ConsoleModule.register(deps), { logger: false });
  await configureConsoleApp(app, deps);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const auth = app.get(AuthService);
  const users = new UsersRepository(store.db);
  const sockets: Socket[] = [];

  const http: RunningConsole['http'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= typeof o.body === 'string' ? 'text/csv' : 'application/json';
    }
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    let parsed: any = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };

  const createUser: RunningConsole['createUser'] = async (role, jurisdictions = [], password = `pw-${randomUUID()}`) => {
    const username = `${role}-${randomUUID().slice(0, 8)}`;
    const u = await users.insert({ id: randomUUID(), username, passwordHash: await auth.hashPassword(password), role, jurisdictions });
    return { id: u.id, username, role, jurisdictions, password };
  };

  const login: RunningConsole['login'] = async (username, password) => {
    const r = await http('POST', '/api/auth/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
    return r.body;
  };

  return {
    url, app, deps, store, bus, dataDir, auth, users, createUser, login, http,
    async tokenFor(role, jurisdictions = []) {
      const u = await createUser(role, jurisdictions);
      return auth.sign(u);
    },
    socket(token) {
      const s = io(`${url}/live`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(s);
      return s;
    },
    async close() {
      for (const s of sockets) s.close();
      await app.close();
      await (bus as any).close?.();
      await store.close();
      if (!opts.keepDataDir && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the first event `name`, or rejects after `ms`. */
export function once<T = any>(s: Socket, name: string, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${name} within ${ms} ms`)), ms);
    s.once(name, (v: T) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

/** Connects, resolving 'connected' or the connect_error message. */
export function connectOutcome(s: Socket, ms = 10_000): Promise<{ connected: boolean; error?: string }> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve({ connected: false, error: 'timeout' }), ms);
    s.once('connect', () => { clearTimeout(t); resolve({ connected: true }); });
    s.once('connect_error', (err) => { clearTimeout(t); resolve({ connected: false, error: err.message }); });
  });
}

/** A detector-style alert change (what the engine emits). */
export function makeAlert(over: Partial<import('@seawarden/contracts').Alert> = {}): import('@seawarden/contracts').Alert {
  const now = new Date().toISOString();
  return {
    id: `alert-${randomUUID()}`,
    rule: 'restricted_entry',
    severity: 'high',
    // A fresh vessel each time: the store continues an open episode of the same (rule, vessel,
    // zone), which on a shared server database may survive from an earlier run.
    mmsi: 412_000_000 + Math.floor(Math.random() * 999_999),
    vesselName: 'TEST BOAT',
    zoneId: 'restricted-test',
    openedAt: now,
    updatedAt: now,
    closedAt: null,
    position: { lat: 29.95, lon: 122.38 },
    reason: { zh: '进入禁区', en: 'entered a restricted zone' },
    evidence: [{ kind: 'entry', at: now, lat: 29.95, lon: 122.38, reason: { zh: '进入', en: 'entered' } }],
    ...over,
  };
}

/**
 * Stores an alert change as the pipeline does: through the store's alerts repository when it
 * exists (alert + events + outbox in one transaction), else rows in the same tables.
 */
export async function storeAlertChange(
  store: RunningConsole['store'],
  change: import('@seawarden/contracts').AlertChange,
): Promise<void> {
  const repo = (store as any).alerts;
  if (repo?.applyChanges) {
    await repo.applyChanges([change]);
    return;
  }
  const a = change.alert;
  await store.db.tx(async (tx) => {
    await tx.query(
      `INSERT INTO alerts (id, rule, severity, mmsi, vessel_name, zone_id, opened_at, updated_at, closed_at, lat, lon, reason, evidence)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12::jsonb,$13::jsonb)
       ON CONFLICT (id) DO UPDATE SET updated_at = $8, closed_at = $9, evidence = $13::jsonb`,
      [a.id, a.rule, a.severity, a.mmsi, a.vesselName, a.zoneId, a.openedAt, a.updatedAt, a.closedAt,
        a.position?.lat ?? null, a.position?.lon ?? null, JSON.stringify(a.reason), JSON.stringify(a.evidence)],
    );
    await tx.query(
      `INSERT INTO outbox (topic, key, payload) VALUES ('alert', $1, $2::jsonb)`,
      [`${a.id}:${change.kind}:${a.updatedAt}`, JSON.stringify(change)],
    );
  });
}
