import type pg from 'pg';

/** A statement prepared once per connection under its name (hot queries: no re-parse or re-plan). */
export interface NamedSql {
  name: string;
  text: string;
}

/** The store's query interface: parameterised SQL only; values never go into the text. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string | NamedSql, params?: unknown[]): Promise<{ rows: T[]; rowCount: number | null }>;
}

const config = (sql: string | NamedSql, params?: unknown[]): pg.QueryConfig =>
  typeof sql === 'string' ? { text: sql, values: params } : { name: sql.name, text: sql.text, values: params };

export interface Db extends Queryable {
  /** Runs fn in one transaction on one connection; rolls back if fn throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** A dedicated connection (COPY, advisory locks); release it when done. */
  connect(): Promise<pg.PoolClient>;
}

/**
 * Checks out a client that cannot crash the process: a connection lost while it is checked
 * out (no query running) emits 'error' on the client, which pg leaves unhandled. The error is
 * kept and the client is destroyed on release instead of going back to the pool.
 */
async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost = err;
  };
  client.on('error', onError);
  const release = client.release.bind(client);
  client.release = (err?: Error | boolean) => {
    client.removeListener('error', onError);
    return release(err ?? lost);
  };
  return client;
}

/** A turn of the event loop (timers, sockets, feed callbacks run). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Inside a transaction on PGlite, the event loop turns only once this long has gone by since the last turn. */
const TX_TURN_EVERY_MS = 10;

/**
 * `turnEachStatement`: embedded PGlite runs a statement on the event loop and answers through
 * promises alone, so a run of statements (a transaction, a queue of them, a save in parts) would
 * otherwise hold back every timer, socket and feed callback until it ends. With it, each
 * statement, and each transaction, first lets the event loop turn. Inside a transaction the loop
 * turns only every TX_TURN_EVERY_MS: the transaction holds the one connection meanwhile, and under
 * load a turn before each of an alert change set's 6–8 statements kept it held, and the alert
 * waiting: bench:console p99 at 200 clients 59–106 ms that way, 30–61 ms with this.
 * A server needs none: its answers arrive as I/O.
 */
export function createDb(pool: pg.Pool, opts: { turnEachStatement?: boolean } = {}): Db {
  const before = opts.turnEachStatement ? turn : null;
  return {
    async query<T>(sql: string | NamedSql, params?: unknown[]) {
      if (before) await before();
      const res = await pool.query(config(sql, params));
      return { rows: res.rows as T[], rowCount: res.rowCount };
    },
    async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const client = await checkout(pool);
      let broken: unknown;
      try {
        if (before) await before();
        await client.query('BEGIN');
        let turnedAt = performance.now();
        const q: Queryable = {
          async query<R>(sql: string | NamedSql, params?: unknown[]) {
            if (before && performance.now() - turnedAt >= TX_TURN_EVERY_MS) {
              await before();
              turnedAt = performance.now();
            }
            const res = await client.query(config(sql, params));
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
    connect: () => checkout(pool),
  };
}
