import { readFileSync } from 'node:fs';
import { loadDetectionConfig, readGeoJson, type DetectionConfig } from './scenario-files.js';

export * from './scenario-files.js';

export interface ZhoushanScenario extends DetectionConfig {
  /** The files' contents as read (for the console to serve, or a simulator to route on). */
  raw: {
    zones: ReturnType<typeof readGeoJson>;
    calendars: unknown;
    registry: string;
    /** Rough island outlines (estimates): Natural Earth lacks most of these islands. */
    land: ReturnType<typeof readGeoJson>;
  };
}

/** The default Putuo District configuration: zones, moratorium calendar, vessel registry, land. */
export function loadZhoushanScenario(): ZhoushanScenario {
  const config = loadDetectionConfig();
  return {
    ...config,
    raw: {
      zones: readGeoJson('zones', config.files.zones),
      calendars: JSON.parse(readFileSync(config.files.calendars, 'utf8')),
      registry: readFileSync(config.files.registry, 'utf8'),
      land: readGeoJson('land', config.files.land),
    },
  };
}
