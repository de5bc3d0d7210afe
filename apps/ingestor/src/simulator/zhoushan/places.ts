import type { LatLon } from '../nav-math.js';

/**
 * Berths, gates and waypoints of the Zhoushan scenario (WGS84). Every route runs over water of
 * the rough island outlines in libs/geofence/scenario-data/zhoushan/land.geojson (checked by
 * tests/simulator.test.ts); like those outlines they are estimates, not chart positions.
 */
const p = (lat: number, lon: number): LatLon => ({ lat, lon });

export const BERTH = {
  putuoshan: p(29.9752, 122.3815),
  wugongzhi: p(29.9495, 122.3855),
  banshengdong: p(29.9555, 122.3205),
  shenjiamenPassenger: p(29.9472, 122.3045),
  taohua: p(29.8605, 122.2405),
  dengbu: p(29.9065, 122.2905),
  liuheng: p(29.7745, 122.1765),
  beilun: p(29.918, 121.9),
} as const;

export const LANDING = {
  putuoWest: p(29.997, 122.3635),
  putuoQianbusha: p(30.004, 122.4185),
  zhujiajianPier: p(29.9447, 122.366),
  taohuaEast: p(29.825, 122.3115),
  dengbuEast: p(29.888, 122.3245),
  liuhengNorth: p(29.787, 122.12),
  taohuaWest: p(29.83, 122.2115),
} as const;

/** Mooring in the Liuheng north fishing harbour. */
export const LIUHENG_MOORING = p(29.781, 122.1);

/** Moorings inside the Shenjiamen fishing port (north side of the harbour). */
export const SJM_MOORING = [
  p(29.9466, 122.2805), p(29.9466, 122.283), p(29.9467, 122.2855), p(29.9463, 122.288), p(29.9461, 122.276),
  p(29.946, 122.274), p(29.9462, 122.2785), p(29.9466, 122.2905), p(29.944, 122.286), p(29.9462, 122.2965), p(29.9468, 122.296),
] as const;

/** A shed ashore north of Shenjiamen, ~2.9 km inside the Zhoushan Island outline (land.geojson). */
export const SHED_ASHORE = p(29.975, 122.27);

/** Moorings in the Putuo Donggang marina. */
export const MARINA = [
  p(29.965, 122.3225), p(29.9655, 122.3235), p(29.966, 122.3245), p(29.9645, 122.324), p(29.9665, 122.3225), p(29.964, 122.323), p(29.967, 122.325),
] as const;

export const ANCHORAGE_XIAZHIMEN = [p(29.748, 122.37), p(29.752, 122.39)] as const;

/** Shenjiamen harbour: channel from the passenger wharf to the gates just outside the 10 kn zone. */
export const HARBOUR = {
  westGate: p(29.9445, 122.2555),
  eastGate: p(29.943, 122.3305),
  /** Channel centre line, west to east. */
  channel: [p(29.9445, 122.265), p(29.9448, 122.29), p(29.9455, 122.31), p(29.944, 122.326)],
} as const;

/** Channel from a point in the harbour to a gate (centre-line points beyond `lon` in that direction). */
export function harbourPath(fromLon: number, gate: 'west' | 'east'): LatLon[] {
  if (gate === 'east') return [...HARBOUR.channel.filter((w) => w.lon > fromLon + 0.001), HARBOUR.eastGate];
  return [...HARBOUR.channel.filter((w) => w.lon < fromLon - 0.001).reverse(), HARBOUR.westGate];
}

/** Outside the east gate, south through the Zhujiajian strait past Dengbu to open water. */
export const STRAIT_SOUTH = [p(29.925, 122.337), p(29.89, 122.334), p(29.855, 122.34), p(29.82, 122.36)];

export const ROUTE = {
  wugongzhiToPutuoshan: [p(29.962, 122.381), BERTH.putuoshan],
  banshengdongToPutuoshan: [p(29.958, 122.335), p(29.966, 122.365), BERTH.putuoshan],
  westGateToTaohua: [p(29.925, 122.255), p(29.895, 122.255), p(29.872, 122.2445), BERTH.taohua],
  westGateToDengbu: [p(29.93, 122.262), p(29.915, 122.275), BERTH.dengbu],
  westGateToLiuheng: [p(29.925, 122.25), p(29.89, 122.235), p(29.85, 122.205), p(29.8, 122.198), p(29.785, 122.188), BERTH.liuheng],
  /** Xiazhimen anchorage → Xiazhimen channel → Beilun (cargo). */
  xiazhimenToBeilun: [p(29.765, 122.33), p(29.769, 122.295), p(29.769, 122.262), p(29.767, 122.245), p(29.768, 122.23), p(29.775, 122.205), p(29.81, 122.17), p(29.86, 122.05), BERTH.beilun],
  marinaToPutuoSouth: [p(29.962, 122.38)],
  putuoSouthToQianbusha: [p(29.968, 122.4), p(29.985, 122.418), LANDING.putuoQianbusha],
  marinaToZhujiajianPier: [p(29.955, 122.345), LANDING.zhujiajianPier],
  marinaToDengbuEast: [p(29.955, 122.332), p(29.94, 122.334), p(29.915, 122.335), p(29.895, 122.331), LANDING.dengbuEast],
  eastGateToDengbuEast: [p(29.925, 122.337), p(29.895, 122.331), LANDING.dengbuEast],
  /** Round Putuo Shan's west side to its north (night trip). */
  marinaToPutuoNorth: [p(29.972, 122.34), p(29.99, 122.352), p(30.02, 122.352), p(30.045, 122.37)],
  /** North of Zhujiajian to its east coast (restricted area lies off it). */
  putuoSouthToZhujiajianEast: [p(29.955, 122.42), p(29.94, 122.445)],
  /** Past Putuo Shan's south-east into the outer waters. */
  putuoSouthToOuterEast: [p(29.968, 122.4), p(29.99, 122.43), p(30.0, 122.5)],
  /** Patrol loop from the east gate through the outer waters and back. */
  patrolLoop: [p(29.955, 122.345), p(29.962, 122.38), p(29.968, 122.4), p(29.99, 122.43), p(30.02, 122.5), p(29.96, 122.52), p(29.95, 122.43), p(29.962, 122.38), p(29.955, 122.345)],
} as const;

/** Fishing grounds (centre, radius). */
export const GROUND = {
  trawlSouthEast: { centre: p(29.74, 122.58), radiusM: 6000, approach: [p(29.78, 122.45)] },
  stowNetEast: { centre: p(29.85, 122.56), radiusM: 3500, approach: [p(29.83, 122.48)] },
  hookAndLineSouth: { centre: p(29.795, 122.46), radiusM: 3000, approach: [p(29.8, 122.42)] },
  restrictedInside: { centre: p(29.92, 122.4535), radiusM: 500 },
  outerEastSportFishing: { centre: p(30.0, 122.52), radiusM: 3000 },
  /** Open water 2 km east of the Xiazhimen anchorage, where a small tanker waits for a ship-to-ship transfer. */
  tankerRendezvous: { centre: p(29.772, 122.425), radiusM: 500 },
  /** Where two nets with AIS buoys are laid, away from the working grounds. */
  netBuoys: [p(29.8, 122.53), p(29.785, 122.565)],
} as const;

/** AIS base stations (the `s:` tag); a vessel is heard by the nearest. */
export const STATIONS = [
  { id: 'PUTUO-SHAN', at: p(30.01, 122.39) },
  { id: 'SHENJIAMEN', at: p(29.95, 122.3) },
  { id: 'LIUHENG', at: p(29.73, 122.14) },
] as const;

/** Where sunrise and sunset are computed for the scenario's day plans. */
export const SCENARIO_CENTRE = p(29.95, 122.35);
