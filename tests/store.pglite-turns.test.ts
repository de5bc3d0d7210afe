/**
 * Embedded PGlite answers without a turn of the event loop, so the store's Db makes the turns:
 * before each statement and each transaction, and inside a transaction only every ~10 ms (the
 * transaction holds the one connection: a turn before each of its statements kept alerts waiting
 * under load, while one long transaction without turns would hold back sockets and feeds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@seawarden/store';

describe('the event loop around PGlite transactions', () => {
  let store: Store;
  let turns = 0;
  let spinning = true;
  const spin = () => {
    turns++;
    if (spinning) setImmediate(spin);
  };

  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://turns' });
    setImmediate(spin);
  });
  afterAll(async () => {
    spinning = false;
    await store?.close();
  });

  it('runs a short transaction (an alert change set) without turns between its statements', async () => {
    const seen: number[] = [];
    const before = turns;
    await store.db.tx(async (q) => {
      for (let i = 0; i < 8; i++) {
        await q.query('SELECT $1::int AS i', [i]);
        seen.push(turns);
      }
    });
    expect(seen[0]).toBeGreaterThan(before); // the loop turned before the transaction
    expect(new Set(seen).size).toBe(1); // and not inside it
  });

  it('lets the event loop turn during a long transaction', async () => {
    const start = turns;
    const t0 = performance.now();
    await store.db.tx(async (q) => {
      for (let i = 0; i < 3000; i++) await q.query('SELECT $1::int AS i', [i]);
    });
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThan(40); // long enough to need turns (~0.05 ms a statement and up)
    expect(turns - start).toBeGreaterThanOrEqual(Math.floor(ms / 25));
  });
});
