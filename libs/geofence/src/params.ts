/**
 * Every tunable of the tracker and the detectors in one place, with DOMAIN.md's starting values.
 * Durations in milliseconds, speeds in knots, distances in metres unless the name says otherwise.
 */
export interface DetectorParams {
  // Tracker
  /** Points kept per vessel in the track ring buffer. */
  trackCapacity: number;
  /** A fix is stored in the track only this long after the previous stored one (covers ~24 min at 96 points). */
  trackMinIntervalMs: number;
  /** Below this a vessel is stopped (hysteresis lower bound). */
  stoppedBelowKn: number;
  /** Above this a vessel is underway (hysteresis upper bound). */
  underwayAboveKn: number;
  /** Implied speed between fixes above which the new fix is not believed (small craft). */
  maxPlausibleKnSmall: number;
  /** Same for Class A vessels (high-speed craft exist). */
  maxPlausibleKnLarge: number;
  /** Position noise allowed before implied speed is judged. */
  jumpSlackM: number;
  /** A fix closer than this (and within `zoneCacheMs`) reuses the previous zone lookup. */
  zoneCacheM: number;
  zoneCacheMs: number;
  /** A vessel silent this long, with no open alert, is forgotten (its track slot reused). */
  evictAfterMs: number;
  /** Outside a zone for this long (or this far) before the membership ends: GPS jitter at an edge does not flap. */
  zoneExitGraceMs: number;
  /** Messages older than the vessel's last fix by more than this are out of order and do not move it. */
  outOfOrderToleranceMs: number;

  // Alert lifecycle
  /** Condition lapsed for this long before an alert closes. */
  closeGraceMs: number;
  /**
   * The grace instead, for an alert taken up from the database after a restart and not yet
   * found again: the detectors' own state is older than the alert, and the longest of them needs
   * 30 min of observation (encounter) before it can confirm the condition.
   */
  resumedCloseGraceMs: number;
  /**
   * While an alert is open and nothing the rule depends on changed (zones, segments, identity),
   * its detector re-runs at most this often instead of on every fix.
   */
  reevaluateMs: number;
  /** Re-emit `updated` at most this often when only the position/evidence tail changed. */
  updateEveryMs: number;
  /**
   * A vessel silent this long has its open alerts (other than ais_gap) closed. Long, because
   * going dark is how violators hide: a violation that continues after the silence updates the
   * same alert, and ais_gap reports the silence itself.
   */
  staleCloseMs: number;
  /** Evidence items kept per alert (the first few and the newest are kept). */
  maxEvidence: number;

  // 1 fishing_during_ban
  fishingMinKn: number;
  fishingMaxKn: number;
  /** Window over which the fishing-like pattern must hold. */
  fishingWindowMs: number;
  /** Summed heading change over the window that marks fishing rather than transit. */
  fishingMinTurnDeg: number;
  /** Share of fixes inside the fishing speed band. */
  fishingMinBandShare: number;
  /** Time at sea inside an active ban zone before a (low) transit alert. */
  banAtSeaMinMs: number;

  // 2 illegal_passenger_carrying
  ferryStopMinMs: number;
  ferryStopMaxMs: number;
  ferryLegMinKn: number;
  ferryLegMaxKn: number;
  /** Displacement / path length of a leg. */
  ferryLegMinStraightness: number;
  ferryLegMinM: number;
  /** Boats at or above this length are not "small". */
  smallCraftMaxM: number;
  /** Persons on board above this on a leisure boat is evidence of carrying passengers. */
  leisureCrewMax: number;
  /** Window for counting round trips. */
  ferryWindowMs: number;
  /** The alert stays open this long after the last ferry-like leg (boats wait for customers). */
  ferryHoldMs: number;

  // 3 restricted_entry / temporary_closure
  restrictedDwellMs: number;
  closureDwellMs: number;
  /** Ship types never alerted in restricted/closure zones (SAR, law enforcement). */
  exemptShipTypes: number[];

  // 4 speeding
  speedToleranceKn: number;
  speedingMinMs: number;

  // 5 ais_gap
  /** Silent for more than k × the expected reporting interval. */
  gapK: number;
  /** Never report a gap shorter than this. */
  gapMinMs: number;
  gapEscalateMs: [number, number, number];
  /** A vessel must have sent this many fixes before its silence means anything. */
  gapMinFixes: number;
  /** Distance to a ban zone counted as "near" (severity raised). */
  gapNearBanM: number;

  // 6 identity
  /** Position jumps within `identityWindowMs` before an identity alert. */
  identityMinJumps: number;
  identityWindowMs: number;
  /** Name changes (A→B→A) within the window that mean two transmitters share the MMSI. */
  identityMinNameFlips: number;
  /** How often a vessel's position is checked against the land mask (and after a believed jump). */
  landCheckEveryMs: number;
  /**
   * A position counts as "on land" only this far inside the outline: coastlines are coarse at
   * piers and slipways, and a hauled-out boat sits at the water's edge.
   */
  landMinInlandM: number;

  // 7 night_operation
  nightNearScenicM: number;
  nightMinUnderwayMs: number;
  /** A stop shorter than this between night legs keeps the same night_operation alert. */
  nightHoldMs: number;

  // 8 encounter
  encounterMaxM: number;
  encounterMinMs: number;
  encounterMaxKn: number;
  /** A vessel with this many or more slow neighbours is in a crowd (berth, unlisted anchorage): no encounter. */
  encounterMaxGroup: number;
  /** How often the encounter grid is rebuilt (tick). */
  encounterEveryMs: number;
  /** Fixes older than this are not used for encounters. */
  encounterFreshMs: number;

  // 9 loitering
  /** Average speed below which a vessel at sea is loitering. */
  loiterMaxKn: number;
  /** How long the slow run must last. */
  loiterMinMs: number;
  /** Time constant of the short-term average that ends a run (short station-keeping hops do not). */
  loiterAverageMs: number;
  /** A silence longer than this starts the run again. */
  loiterMaxGapMs: number;
  /** Navigational statuses that explain lying still: restricted manoeuvrability, moored, aground, fishing. */
  loiterExemptNavStatus: number[];
}

const MIN = 60_000;
const HOUR = 60 * MIN;

export const DEFAULT_PARAMS: DetectorParams = {
  trackCapacity: 96,
  trackMinIntervalMs: 15_000,
  stoppedBelowKn: 0.5,
  underwayAboveKn: 3.5,
  maxPlausibleKnSmall: 60,
  maxPlausibleKnLarge: 80,
  jumpSlackM: 150,
  zoneCacheM: 15,
  zoneCacheMs: 10 * MIN,
  zoneExitGraceMs: 2 * MIN,
  evictAfterMs: 24 * HOUR,
  outOfOrderToleranceMs: 0,

  closeGraceMs: 10 * MIN,
  resumedCloseGraceMs: 40 * MIN,
  updateEveryMs: 10 * MIN,
  reevaluateMs: 30_000,
  staleCloseMs: 6 * HOUR,
  maxEvidence: 40,

  fishingMinKn: 0.5,
  fishingMaxKn: 5,
  fishingWindowMs: 20 * MIN,
  fishingMinTurnDeg: 90,
  fishingMinBandShare: 0.7,
  banAtSeaMinMs: 20 * MIN,

  ferryStopMinMs: 3 * MIN,
  ferryStopMaxMs: 15 * MIN,
  ferryLegMinKn: 8,
  ferryLegMaxKn: 20,
  ferryLegMinStraightness: 0.8,
  ferryLegMinM: 800,
  smallCraftMaxM: 24,
  leisureCrewMax: 6,
  ferryWindowMs: 24 * HOUR,
  ferryHoldMs: 3 * HOUR,

  restrictedDwellMs: 60_000,
  closureDwellMs: 2 * MIN,
  exemptShipTypes: [51, 55],

  speedToleranceKn: 1,
  speedingMinMs: 60_000,

  gapK: 10,
  gapMinMs: 15 * MIN,
  gapEscalateMs: [HOUR, 6 * HOUR, 12 * HOUR],
  gapMinFixes: 3,
  gapNearBanM: 3704,

  identityMinJumps: 2,
  identityWindowMs: HOUR,
  identityMinNameFlips: 2,
  landCheckEveryMs: 10 * MIN,
  landMinInlandM: 1000,

  nightNearScenicM: 1852,
  nightMinUnderwayMs: 5 * MIN,
  nightHoldMs: HOUR,

  encounterMaxM: 500,
  encounterMinMs: 30 * MIN,
  encounterMaxKn: 2,
  encounterMaxGroup: 3,
  encounterEveryMs: 60_000,
  encounterFreshMs: 10 * MIN,

  loiterMaxKn: 2,
  loiterMinMs: 4 * HOUR,
  loiterAverageMs: 30 * MIN,
  loiterMaxGapMs: HOUR,
  loiterExemptNavStatus: [3, 5, 6, 7],
};

export function resolveParams(p?: Partial<DetectorParams>): DetectorParams {
  return { ...DEFAULT_PARAMS, ...(p ?? {}) };
}
