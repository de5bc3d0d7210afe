import { NAV, type Kinematics } from './itinerary.js';

/** Seconds between position reports (ITU-R M.1371-5 / DOMAIN.md, without the turning rates). */
export function positionIntervalS(aisClass: 'A' | 'B', k: Pick<Kinematics, 'sog' | 'navStatus'>): number {
  if (aisClass === 'B') return k.sog > 2 ? 30 : 180;
  if ((k.navStatus === NAV.anchored || k.navStatus === NAV.moored) && k.sog <= 3) return 180;
  if (k.sog > 23) return 2;
  if (k.sog > 14) return 6;
  return 10;
}

/** Static and voyage data (type 5, or type 24 A+B) every 6 minutes. */
export const STATIC_INTERVAL_S = 360;
