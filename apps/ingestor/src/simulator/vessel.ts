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
  /** Licensed ferries report persons on board (type 8, DAC 1 FI 16) while under way; never above this. */
  personsCapacity?: number;
  /** What the script has it do (for the report and test output). */
  role: string;
  /** Plans one local day, starting and ending at the vessel's overnight position. */
  plan(ctx: DayContext): DayPlan;
}
