/** Errors of the store, typed and carrying what the caller needs to act on them. */
export class StoreError extends Error {
  constructor(message: string, readonly context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A migration file could not be applied; the transaction was rolled back. */
export class MigrationError extends StoreError {}

/** The store was asked to work after close(). */
export class StoreClosedError extends StoreError {}

/** A spill or journal file is unreadable (corrupt line, wrong shape). */
export class SpillFileError extends StoreError {}

/** A filter, cursor or range given to a query is invalid. */
export class InvalidQueryError extends StoreError {}
