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

export interface ServerToClientEvents {
  'vessels:delta': (delta: VesselDelta) => void;
  'alert': (alert: Alert) => void;
  'error': (err: { message: string }) => void;
}

export interface ClientToServerEvents {
  'vessels:subscribe': (bbox: BBox, ack?: (res: { ok: boolean; message?: string }) => void) => void;
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
