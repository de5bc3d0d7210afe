import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadZones } from '../zones/zone-loader.js';
import type { ZoneSet } from '../zones/zone-set.js';
import { loadCalendars } from '../calendars/calendar-loader.js';
import type { BanCalendars } from '../calendars/ban-calendars.js';
import { loadLand } from '../land/land-loader.js';
import type { LandMask } from '../land/land-mask.js';
import { loadRegistry } from '../registry/registry-loader.js';
import type { Registry } from '../registry/registry.js';

export type ScenarioFileKind = 'zones' | 'calendars' | 'registry' | 'land';

/** A configuration file that could not be read or is invalid: names the file and the loader's reason. */
export class ScenarioFileError extends Error {
  override readonly name = 'ScenarioFileError';
  constructor(
    readonly kind: ScenarioFileKind,
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${kind} file ${file}: ${reason}`, options);
  }
}

/**
 * Folder of a built-in scenario's data. The data lives outside src/ and dist/
 * (libs/geofence/scenario-data/<name>) so the same relative path works from both.
 */
export function scenarioDataDir(name = 'zhoushan'): string {
  return fileURLToPath(new URL(`../../scenario-data/${name}/`, import.meta.url));
}

export interface DetectionConfigPaths {
  zones?: string;
  calendars?: string;
  registry?: string;
  land?: string;
}

export interface DetectionConfig {
  zones: ZoneSet;
  calendars: BanCalendars;
  registry: Registry;
  /** Land outlines for the "position on land" identity signal. */
  land: LandMask;
  /** The files used, after defaults were applied. */
  files: Required<DetectionConfigPaths>;
}

function readText(kind: ScenarioFileKind, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ScenarioFileError(kind, file, err.code === 'ENOENT' ? 'no such file' : err.message, { cause: e });
  }
}

function parse<T>(kind: ScenarioFileKind, file: string, load: (text: string) => T): T {
  const text = readText(kind, file);
  try {
    return load(text);
  } catch (e) {
    throw new ScenarioFileError(kind, file, e instanceof Error ? e.message : String(e), { cause: e });
  }
}

/** Loads zones, ban calendars, registry and land, each from its own file or the Zhoushan default. */
export function loadDetectionConfig(paths: DetectionConfigPaths = {}): DetectionConfig {
  const dir = scenarioDataDir('zhoushan');
  const files = {
    zones: paths.zones ?? `${dir}zones.geojson`,
    calendars: paths.calendars ?? `${dir}calendars.json`,
    registry: paths.registry ?? `${dir}registry.csv`,
    land: paths.land ?? `${dir}land.geojson`,
  };
  return {
    zones: parse('zones', files.zones, (t) => loadZones(t)),
    calendars: parse('calendars', files.calendars, (t) => loadCalendars(t)),
    registry: parse('registry', files.registry, (t) => loadRegistry(t)),
    land: parse('land', files.land, (t) => loadLand(t)),
    files,
  };
}

/** Reads a GeoJSON file as an object, unvalidated (e.g. zones for the console to serve as uploaded). */
export function readGeoJson(kind: ScenarioFileKind, file: string): { type: string; features: Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }> } {
  return parse(kind, file, (t) => JSON.parse(t));
}
