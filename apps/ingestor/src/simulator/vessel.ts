import type { DayContext, DayPlan } from './day-context.js';

/** A scripted vessel: what it transmits as static data and how it spends each local day. */
export interface VesselDef {
  mmsi: number;
  name: string;
  callsign: string;
  imo: number | null;
  aisClass: 'A' | 'B';
  shipType: number;
  /** Metres. */
  length: number;
  beam: number;
  draught: number;
  destination: string;
  /** What the script has it do (for the report and test output). */
  role: string;
  /** Plans one local day, starting and ending at the vessel's overnight position. */
  plan(ctx: DayContext): DayPlan;
}
