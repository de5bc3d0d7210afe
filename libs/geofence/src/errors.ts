/** A zones GeoJSON feature that cannot be used; `featureIndex` is 0-based (-1: the collection itself). */
export class ZoneFileError extends Error {
  override readonly name = 'ZoneFileError';
  constructor(
    readonly featureIndex: number,
    readonly reason: string,
  ) {
    super(featureIndex < 0 ? `zones: ${reason}` : `feature ${featureIndex}: ${reason}`);
  }
}

/** A ban-calendar file problem; `path` is a JSON path such as `calendars[0].periods[1].from`. */
export class CalendarFileError extends Error {
  override readonly name = 'CalendarFileError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || 'calendars'}: ${reason}`);
  }
}

/** A vessel-registry CSV problem; `line` is the 1-based line of the file. */
export class RegistryFileError extends Error {
  override readonly name = 'RegistryFileError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** A land-mask GeoJSON feature that cannot be used; `featureIndex` is 0-based (-1: the collection itself). */
export class LandFileError extends Error {
  override readonly name = 'LandFileError';
  constructor(
    readonly featureIndex: number,
    readonly reason: string,
  ) {
    super(featureIndex < 0 ? `land: ${reason}` : `land feature ${featureIndex}: ${reason}`);
  }
}
