/** The SQL that differs between TimescaleDB and plain PostgreSQL/PGlite. */
export interface Dialect {
  timescale: boolean;
  /** Bucket start of `column` for a width given as an interval parameter and an origin parameter. */
  bucket(widthParam: string, column: string, originParam: string): string;
}

export function dialectFor(timescale: boolean): Dialect {
  return {
    timescale,
    bucket: (w, col, origin) =>
      timescale ? `time_bucket(${w}::interval, ${col}, ${origin}::timestamptz)` : `date_bin(${w}::interval, ${col}, ${origin}::timestamptz)`,
  };
}
