import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { MigrationError } from './errors.js';
import type { StoreLogger } from './logger.js';

/** libs/store/migrations, from src/ (tests) and from dist/ (runtime) alike. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Same key in every process: migrations run one process at a time. */
const MIGRATION_LOCK_KEY = 0x5ea_3a2d;

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
  /** `-- requires: timescaledb` (true) / `-- requires: !timescaledb` (false) / none. */
  requiresTimescale: boolean | null;
}

const FILE_RE = /^(\d+)_[A-Za-z0-9_.-]+\.sql$/;

/** Reads NNN_name.sql files in numeric order (all owners' files, e.g. 100–199 are the console's). */
export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => FILE_RE.test(f))
    .map((f) => {
      const sql = readFileSync(`${dir}/${f}`, 'utf8');
      const req = /^--\s*requires:\s*(!?)timescaledb\s*$/m.exec(sql);
      return {
        version: Number(FILE_RE.exec(f)![1]),
        name: f.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
        requiresTimescale: req ? req[1] !== '!' : null,
      };
    })
    .sort((a, b) => a.version - b.version || a.name.localeCompare(b.name));
}

export interface MigrationResult {
  timescale: boolean;
  applied: string[];
}

/**
 * Applies pending migrations, each in its own transaction, under a session advisory lock so
 * two processes starting together apply each file once. Safe to run any number of times.
 */
export async function migrate(client: pg.PoolClient, logger: StoreLogger, dir?: string): Promise<MigrationResult> {
  const files = readMigrations(dir);
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, version integer NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const timescale = await enableTimescale(client, logger);
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).rows.map(
        (r) => [r.name, r.checksum],
      ),
    );
    const applied: string[] = [];
    for (const m of files) {
      if (done.has(m.name)) {
        if (done.get(m.name) !== m.checksum) logger.warn('applied migration changed since', { migration: m.name });
        continue;
      }
      if (m.requiresTimescale !== null && m.requiresTimescale !== timescale) continue;
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (name, version, checksum) VALUES ($1, $2, $3)', [
          m.name, m.version, m.checksum,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw new MigrationError(`migration ${m.name} failed: ${(err as Error).message}`, { migration: m.name }, { cause: err });
      }
      applied.push(m.name);
      logger.info('migration applied', { migration: m.name });
    }
    return { timescale, applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
  }
}

/** True when timescaledb is (or can be) installed in this database. */
async function enableTimescale(client: pg.PoolClient, logger: StoreLogger): Promise<boolean> {
  const installed = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`);
  if (installed.rows.length) return true;
  const available = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  if (!available.rows.length) return false;
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    return true;
  } catch (err) {
    // Available but not loadable (shared_preload_libraries): run as plain PostgreSQL.
    logger.warn('timescaledb is available but could not be enabled; using plain tables', { error: (err as Error).message });
    return false;
  }
}
