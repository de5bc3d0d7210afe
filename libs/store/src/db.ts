import type pg from 'pg';

/** The store's query interface: parameterised SQL only; values never go into the text. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number | null }>;
}

export interface Db extends Queryable {
  /** Runs fn in one transaction on one connection; rolls back if fn throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** A dedicated connection (COPY, advisory locks); release it when done. */
  connect(): Promise<pg.PoolClient>;
}

export function createDb(pool: pg.Pool): Db {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const res = await pool.query(sql, params as unknown[]);
      return { rows: res.rows as T[], rowCount: res.rowCount };
    },
    async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const q: Queryable = {
          async query<R>(sql: string, params?: unknown[]) {
            const res = await client.query(sql, params as unknown[]);
            return { rows: res.rows as R[], rowCount: res.rowCount };
          },
        };
        const out = await fn(q);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          broken = rollbackErr; // the connection is gone: do not return it to the pool
        }
        throw err;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    connect: () => pool.connect(),
  };
}
