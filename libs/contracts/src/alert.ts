export type AlertRule =
  | 'fishing_during_ban'
  | 'illegal_passenger_carrying'
  | 'restricted_entry'
  | 'temporary_closure'
  | 'speeding'
  | 'ais_gap'
  | 'identity'
  | 'night_operation'
  | 'encounter'
  | 'loitering';

export const ALERT_RULES: readonly AlertRule[] = [
  'fishing_during_ban',
  'illegal_passenger_carrying',
  'restricted_entry',
  'temporary_closure',
  'speeding',
  'ais_gap',
  'identity',
  'night_operation',
  'encounter',
  'loitering',
];

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** Workflow status (console). The detector only knows open/closed via `closedAt`. */
export type AlertStatus = 'open' | 'acknowledged' | 'confirmed' | 'dismissed';

/** A reason a human can read, in both console languages. */
export interface Reason {
  zh: string;
  en: string;
}

/** One piece of evidence: what was seen, when and where, and why it matters. */
export interface EvidenceItem {
  kind: string;
  at: string;
  lat?: number;
  lon?: number;
  reason: Reason;
  data?: Record<string, unknown>;
}

export interface Alert {
  id: string;
  rule: AlertRule;
  severity: Severity;
  mmsi: number;
  vesselName: string | null;
  zoneId: string | null;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
  position: { lat: number; lon: number } | null;
  /** Summary reason for the alert as a whole. */
  reason: Reason;
  evidence: EvidenceItem[];
  status?: AlertStatus;
}

/** What the detection engine emits: the alert after the change. */
export interface AlertChange {
  kind: 'opened' | 'updated' | 'closed';
  alert: Alert;
  /**
   * The engine's episode key (rule, vessel and what the detector keys the episode on), stored
   * with the alert so that a restarted engine can resume an open alert its saved state predates.
   */
  episodeKey?: string;
}

/** An alert open in the database and its episode key (null for alerts stored without one). */
export interface OpenEpisode {
  alert: Alert;
  episodeKey: string | null;
}

/** What a restarting engine needs from the database to resume its open alerts. */
export interface EngineResume {
  /** Alerts open in the database. */
  open: OpenEpisode[];
  /** Of the alert ids the engine restored as open, those the database has closed since. */
  closedIds: string[];
}

/** GET /api/audit/verify: every chain recomputed, and checked against the anchors kept outside the database. */
export interface AuditVerifyResult {
  ok: boolean;
  /** Events checked (all alerts). */
  count: number;
  alerts: number;
  /** Anchors the events were checked against. */
  anchors: number;
  /** When the newest anchor was written, and how many events it covers (the ones after it are not yet anchored). */
  lastAnchorAt?: string;
  lastAnchorEvents?: number;
  /** The first event found broken. */
  brokenAt?: number;
  alertId?: string;
  /** The time of the anchor the events no longer match. */
  anchorAt?: string;
  /** Why it failed (English, for the record). */
  reason?: string;
}

/** One append-only audit event of the alert workflow. */
export interface AlertAuditEvent {
  id: number;
  alertId: string;
  action: 'opened' | 'updated' | 'closed' | 'acknowledged' | 'confirmed' | 'dismissed' | 'note' | 'assigned';
  actor: string;
  at: string;
  note: string | null;
  data: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}
