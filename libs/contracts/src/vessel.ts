export type VesselCategory = 'fishing' | 'passenger' | 'leisure' | 'cargo' | 'tanker' | 'service' | 'other';
export type AisClass = 'A' | 'B' | 'other';
export type MotionState = 'stopped' | 'underway' | 'unknown';

/** What the console shows of a vessel: latest static data and last fix. */
export interface VesselSnapshot {
  mmsi: number;
  name: string | null;
  callsign: string | null;
  imo: number | null;
  shipType: number | null;
  category: VesselCategory;
  aisClass: AisClass;
  length: number | null;
  lat: number | null;
  lon: number | null;
  sog: number | null;
  cog: number | null;
  heading: number | null;
  navStatus: number | null;
  motion: MotionState;
  /** ISO time of the last position fix. */
  fixAt: string | null;
  /** ISO time of the last message of any kind. */
  lastHeardAt: string;
  /** Ids of the zones the vessel is in now. */
  zones: string[];
  /** From the vessel registry, when listed. */
  registered: boolean;
}

export interface TrackPoint {
  t: string;
  lat: number;
  lon: number;
  sog: number | null;
  cog: number | null;
  heading?: number | null;
}

/** A port departure or arrival found on a vessel's track (GET /api/port-movements). */
export interface PortMovementRecord {
  kind: 'departure' | 'arrival';
  /** Departure: the first fix outside the port; arrival: the first fix inside. */
  at: string;
  zoneId: string;
  zoneName: { zh: string; en: string };
  lat: number;
  lon: number;
}

/** One vessel's port movements in a window, from its stored track. */
export interface VesselPortLog {
  mmsi: number;
  name: string | null;
  gear: string | null;
  homePort: string | null;
  /** Port of the window's first fix (null: at sea or no fix), and of its last. */
  startsIn: string | null;
  endsIn: string | null;
  /** Fixes read (the store thins long windows). */
  fixes: number;
  movements: PortMovementRecord[];
}
