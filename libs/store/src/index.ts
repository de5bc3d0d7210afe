export { openStore, type OpenStoreOptions, type Store, type AlertRepository } from './open-store.js';
export { VesselRepository, type VesselRecord, type VesselChange, type VesselListFilter } from './vessel.repository.js';
export { VesselStateRepository } from './vessel-state.repository.js';
export { TrackQueries, type VesselAt } from './track.queries.js';
export { AlertQueries, applyAlertChanges, rowToAlert, type AlertFilter, type AlertPage, type RuleDayCount } from './alert.repository.js';
export type { AlertWriterStats } from './alert-writer.js';
export type { Db, Queryable } from './db.js';
export type { StoreKind } from './pool.js';
export type { StoreLogger } from './logger.js';
export { PositionWriter, type PositionWriterStats } from './position-writer.js';
export { toPositionRow, type PositionRow, type PositionBatch } from './position-row.js';
export { readMigrations, migrate, DEFAULT_MIGRATIONS_DIR } from './migrator.js';
export { isConnectionError } from './connection-errors.js';
export * from './errors.js';
// Console repositories (owner G).
export * from './users.repository.js';
export * from './audit.repository.js';
export * from './subscription.repository.js';
export * from './webhook-delivery.repository.js';
