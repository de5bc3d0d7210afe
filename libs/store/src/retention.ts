import type { Db } from './db.js';
import type { StoreLogger } from './logger.js';

/**
 * Positions older than retentionDays are removed: by a TimescaleDB retention policy (drops
 * whole chunks) where the extension exists, else by an hourly DELETE. Batch ids (replay
 * protection) are kept at least 7 days.
 */
export async function applyRetention(db: Db, timescale: boolean, retentionDays: number | undefined, logger: StoreLogger): Promise<NodeJS.Timeout | null> {
  if (timescale) {
    // Replace any earlier policy so a changed setting takes effect.
    await db.query(`SELECT remove_retention_policy('positions', if_exists => TRUE)`);
    if (retentionDays) {
      await db.query(`SELECT add_retention_policy('positions', make_interval(days => $1::int))`, [retentionDays]);
    }
  }
  const prune = async () => {
    try {
      if (!timescale && retentionDays) {
        await db.query(`DELETE FROM positions WHERE t < now() - make_interval(days => $1::int)`, [retentionDays]);
      }
      await db.query(`DELETE FROM position_batches WHERE written_at < now() - make_interval(days => $1::int)`, [
        Math.max(retentionDays ?? 30, 7),
      ]);
    } catch (err) {
      logger.warn('retention run failed; will retry', { error: (err as Error).message });
    }
  };
  await prune();
  const timer = setInterval(prune, 3_600_000);
  timer.unref();
  return timer;
}
