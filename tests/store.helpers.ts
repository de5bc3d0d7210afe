// Shared set-up of the store tests: a fresh PGlite directory, or a fresh database on the
// machine's PostgreSQL (TEST_DATABASE_URL), dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export function warnIfNoServer(what: string, skipped = 'the PostgreSQL half of these tests is SKIPPED (PGlite half runs)'): void {
  if (!TEST_DATABASE_URL) console.warn(`[${what}] TEST_DATABASE_URL is not set: ${skipped}.`);
}

export function tempDir(prefix = 'seawarden-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** URL of `db` on the same server as TEST_DATABASE_URL. */
export function urlFor(db: string, base = TEST_DATABASE_URL!): string {
  const u = new URL(base);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Creates a scratch database; returns its URL and a function that drops it. */
export async function scratchDatabase(prefix = 'seawarden_test'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`); // identifier built from digits/letters only
  } finally {
    await admin.end();
  }
  return {
    url: urlFor(name),
    name,
    async drop() {
      const a = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

export interface Backend {
  name: 'pglite' | 'postgres';
  skip: boolean;
  /** Prepares a fresh database; returns the openStore options pointing at it and a cleanup. */
  prepare(): Promise<{ databaseUrl?: string; dataDir: string; cleanup(): Promise<void> }>;
}

export const BACKENDS: Backend[] = [
  {
    name: 'pglite',
    skip: false,
    async prepare() {
      const dataDir = tempDir();
      return { dataDir, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    skip: !TEST_DATABASE_URL,
    async prepare() {
      const db = await scratchDatabase();
      const dataDir = tempDir();
      return {
        databaseUrl: db.url,
        dataDir,
        async cleanup() {
          await db.drop();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];

export const quietLogger = { info() {}, warn() {}, error: (m: string, c?: unknown) => console.error(m, c) };

export function positionMessage(mmsi: number, tMs: number, lat: number, lon: number, extra: Record<string, unknown> = {}) {
  return {
    type: 1, repeat: 0, mmsi, channel: 'A', talker: 'AI', own: false, line: 1,
    receivedAt: new Date(tMs).toISOString(), source: 'test', lat, lon, sog: 8.5, cog: 45, heading: 44, navStatus: 0, ...extra,
  };
}
