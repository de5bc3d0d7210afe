import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createDb } from './db.js';
import { defaultLogger } from './logger.js';
import { PositionColumns, type PositionRow } from './position-row.js';
import { LastFixUpdater } from './vessel-last-fix.js';

/**
 * Records each statement's MMSIs, and whether a macrotask ran since the previous statement:
 * a Db over a fake pool that answers through promises alone, as PGlite does.
 */
function recordingDb() {
  const statements: { mmsi: number[]; loopTurned: boolean }[] = [];
  let turned = false;
  const tick = () => {
    turned = true;
    ticker = setImmediate(tick);
  };
  let ticker = setImmediate(tick);
  const pool = {
    async query(q: { values: unknown[] }) {
      statements.push({ mmsi: q.values[0] as number[], loopTurned: turned });
      turned = false;
      return { rows: [], rowCount: 0 };
    },
  } as unknown as pg.Pool;
  const db = createDb(pool, { turnEachStatement: true });
  return { db, statements, stop: () => clearImmediate(ticker) };
}

const row = (mmsi: number, t: number): PositionRow => [t, mmsi, 30, 122, 5, 90, 90, 0, 1, 'test'];

describe('LastFixUpdater', () => {
  it('upserts the newest fix per vessel in slices of `chunk`, letting the event loop turn between them', async () => {
    const { db, statements, stop } = recordingDb();
    const u = new LastFixUpdater(db, defaultLogger, 2, 60_000);
    const rows = [row(1, 10), row(2, 10), row(1, 20), row(3, 10), row(4, 10), row(5, 10)];
    u.note(PositionColumns.fromRows(rows));
    await u.close();
    stop();
    expect(statements.map((s) => s.mmsi)).toEqual([[1, 2], [3, 4], [5]]);
    expect(statements.slice(1).every((s) => s.loopTurned)).toBe(true);
  });

  it('on a server the whole fleet is one statement', async () => {
    const { db, statements, stop } = recordingDb();
    const u = new LastFixUpdater(db, defaultLogger, Infinity, 60_000);
    u.note(PositionColumns.fromRows(Array.from({ length: 500 }, (_, i) => row(i + 1, 10))));
    await u.close();
    stop();
    expect(statements.map((s) => s.mmsi.length)).toEqual([500]);
  });
});
