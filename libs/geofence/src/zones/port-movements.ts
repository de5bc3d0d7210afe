import type { ZoneKind } from '@seawarden/contracts';
import type { Zone } from './zone.js';
import type { ZoneSet } from './zone-set.js';

/** One fix of a track, time in epoch ms. */
export interface MovementFix {
  t: number;
  lat: number;
  lon: number;
}

export interface PortMovement {
  kind: 'departure' | 'arrival';
  /** The port left or entered. */
  zone: Zone;
  /** Departure: the first fix outside; arrival: the first fix inside. */
  at: number;
  lat: number;
  lon: number;
}

export interface PortMovementLog {
  /** The port the track starts in (no arrival is reported for it), or null at sea. */
  startsIn: Zone | null;
  /** The port the track ends in, or null when it ends at sea. */
  endsIn: Zone | null;
  movements: PortMovement[];
}

export interface PortMovementOptions {
  /** A departure counts only after this long outside (GPS jitter at the harbour edge). */
  exitGraceMs?: number;
  /** Zone kinds that count as a port. */
  kinds?: ReadonlySet<ZoneKind>;
}

const PORT_KINDS: ReadonlySet<ZoneKind> = new Set(['port']);

/**
 * Port departures and arrivals along a time-ordered track: what a hook-and-line boat, exempt
 * from the moratorium, must report to its port office (DOMAIN.md), for the office to check
 * the reports against. A departure needs `exitGraceMs` outside (one that the track's end cuts
 * shorter is not reported: the track still ends in the port); passing from one port straight into another is a departure and an
 * arrival at the same fix.
 */
export function portMovements(track: readonly MovementFix[], zones: ZoneSet, opts: PortMovementOptions = {}): PortMovementLog {
  const grace = opts.exitGraceMs ?? 180_000;
  const kinds = opts.kinds ?? PORT_KINDS;
  const buf: number[] = [];
  const portAt = (p: MovementFix): Zone | null => {
    const n = zones.lookup(p.lat, p.lon, buf);
    for (let i = 0; i < n; i++) if (kinds.has(zones.all[buf[i]].kind)) return zones.all[buf[i]];
    return null;
  };
  const movements: PortMovement[] = [];
  const move = (kind: PortMovement['kind'], zone: Zone, p: MovementFix) => movements.push({ kind, zone, at: p.t, lat: p.lat, lon: p.lon });
  let port: Zone | null = null;
  let firstOutside: MovementFix | null = null;
  let startsIn: Zone | null = null;
  for (let i = 0; i < track.length; i++) {
    const p = track[i];
    const here = portAt(p);
    if (i === 0) {
      port = startsIn = here;
      continue;
    }
    if (port !== null) {
      if (here === port) {
        firstOutside = null;
        continue;
      }
      if (here !== null) {
        move('departure', port, firstOutside ?? p);
        move('arrival', here, p);
        port = here;
        firstOutside = null;
        continue;
      }
      firstOutside ??= p;
      if (p.t - firstOutside.t >= grace) {
        move('departure', port, firstOutside);
        port = null;
        firstOutside = null;
      }
    } else if (here !== null) {
      move('arrival', here, p);
      port = here;
    }
  }
  return { startsIn, endsIn: port, movements };
}
