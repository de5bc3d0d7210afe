import { loadZhoushanScenario } from '@seawarden/geofence/scenario';
import type { LatLon } from './nav-math.js';
import type { VesselDef } from './vessel.js';
import { FLEET } from './zhoushan/fleet.js';
import { SCENARIO_CENTRE, STATIONS } from './zhoushan/places.js';

export interface ScenarioDefinition {
  name: string;
  fleet: readonly VesselDef[];
  stations: ReadonlyArray<{ id: string; at: LatLon }>;
  centre: LatLon;
  /** Validity windows of the scenario's temporary closures (from its zones file). */
  closures: ReadonlyArray<readonly [number, number]>;
}

export const SCENARIO_NAMES = ['zhoushan'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

let zhoushan: ScenarioDefinition | null = null;

export function scenarioDefinition(name: ScenarioName): ScenarioDefinition {
  if (name !== 'zhoushan') throw new Error(`unknown scenario '${String(name)}' (known: ${SCENARIO_NAMES.join(', ')})`);
  if (!zhoushan) {
    const zones = loadZhoushanScenario().raw.zones;
    const closures = zones.features
      .filter((f) => f.properties.kind === 'temporary_closure')
      .map((f) => [Date.parse(String(f.properties.validFrom ?? '1970-01-01T00:00:00Z')), Date.parse(String(f.properties.validTo ?? '2999-01-01T00:00:00Z'))] as const);
    zhoushan = { name, fleet: FLEET, stations: STATIONS, centre: SCENARIO_CENTRE, closures };
  }
  return zhoushan;
}
