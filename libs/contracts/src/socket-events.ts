import type { Alert } from './alert.js';
import type { VesselSnapshot } from './vessel.js';

export interface BBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Delta for a viewport subscription: vessels that changed or entered, and MMSIs that left. */
export interface VesselDelta {
  /** Full snapshot of the viewport when true (first message after subscribe). */
  full: boolean;
  upsert: VesselSnapshot[];
  remove: number[];
  at: string;
}

/**
 * Compact vessel row (console, opt-in with `compact: true` on subscribe):
 * [mmsi, lat, lon, sog, cog, heading, category, motion, name, registered, fixAtEpochSeconds].
 */
export type CompactVessel = [
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  string,
  string,
  string | null,
  boolean,
  number | null,
];

export interface CompactVesselDelta {
  full: boolean;
  rows: CompactVessel[];
  remove: number[];
  at: string;
}

/** Viewport subscription: a bbox, optionally asking for compact rows. */
export type ViewportSubscription = BBox & { compact?: boolean };

export interface ServerToClientEvents {
  'vessels:delta': (delta: VesselDelta) => void;
  'vessels:compact': (delta: CompactVesselDelta) => void;
  'alert': (alert: Alert) => void;
  'error': (err: { message: string }) => void;
}

export interface ClientToServerEvents {
  'vessels:subscribe': (bbox: ViewportSubscription, ack?: (res: { ok: boolean; message?: string }) => void) => void;
  'vessels:unsubscribe': () => void;
}

/**
 * The live event bus between the pipeline (ingestor) and the console gateways.
 * In one process it is in-memory; with REDIS_URL it spans processes.
 */
export interface LiveBus {
  publishAlert(change: import('./alert.js').AlertChange): void;
  publishVessels(vessels: VesselSnapshot[]): void;
  onAlert(listener: (change: import('./alert.js').AlertChange) => void): () => void;
  onVessels(listener: (vessels: VesselSnapshot[]) => void): () => void;
}
