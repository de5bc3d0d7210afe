export { openStore, type OpenStoreOptions, type Store } from './open-store.js';
export type { Db, Queryable } from './db.js';
export type { StoreKind } from './pool.js';
export type { StoreLogger } from './logger.js';
export { PositionWriter, type PositionWriterStats } from './position-writer.js';
export { toPositionRow, type PositionRow, type PositionBatch } from './position-row.js';
export { readMigrations, migrate, DEFAULT_MIGRATIONS_DIR } from './migrator.js';
export { isConnectionError } from './connection-errors.js';
export * from './errors.js';
