export { simulate, liveFrames, type SimulateOptions, type Simulation, type LiveOptions } from './simulate.js';
export type { Frame, TruthRecord, VesselSummary } from './traffic.js';
export { SCENARIO_NAMES, type ScenarioName } from './scenarios.js';
