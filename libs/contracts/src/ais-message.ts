/**
 * A decoded AIS message. Field names are fixed by ARCHITECTURE.md ("Contracts"):
 * camelCase, ITU-R M.1371-5 names, `null` where the message says "not available".
 * Type-specific fields beyond those listed here are carried under their M.1371 names.
 */
export interface AisMessage {
  type: number;
  repeat: number;
  mmsi: number;
  /** Radio channel from the sentence (`A`, `B`, `1`, `2`, `0`) or null when empty. */
  channel: string | null;
  /** NMEA talker id (`AI`, `AB`, `BS`, `=I`, …). */
  talker: string;
  /** True for VDO (own-ship) sentences. */
  own: boolean;
  /** 1-based input line of the sentence that completed the message. */
  line: number;
  /** ISO time from the tag block `c:` or a trailing unix time, else null. */
  receivedAt: string | null;
  /** Receiver/station: tag block `s:`, else the feed source id, else null. */
  source: string | null;
  // Position reports
  lat?: number | null;
  lon?: number | null;
  sog?: number | null;
  cog?: number | null;
  heading?: number | null;
  navStatus?: number | null;
  rot?: number | null;
  accuracy?: boolean;
  second?: number | null;
  // Static and voyage data
  shipType?: number | null;
  name?: string | null;
  callsign?: string | null;
  imo?: number | null;
  destination?: string | null;
  draught?: number | null;
  eta?: string | null;
  toBow?: number | null;
  toStern?: number | null;
  toPort?: number | null;
  toStarboard?: number | null;
  /** Type 24 part number (0 = A, 1 = B). */
  partNo?: number;
  // Binary application messages
  dac?: number;
  fid?: number;
  personsOnBoard?: number | null;
  /** Plausibility problems found while decoding (out-of-range values, invalid MMSI, …). */
  warnings?: string[];
  [field: string]: unknown;
}

/** Why a line did not become (part of) a decoded message. */
export type RejectReason =
  | 'empty_line'
  | 'not_nmea'
  | 'bad_checksum'
  | 'bad_tag_block'
  | 'unknown_sentence'
  | 'malformed_sentence'
  | 'bad_fragment'
  | 'fragment_timeout'
  | 'fragment_evicted'
  | 'duplicate_fragment'
  | 'bad_payload_char'
  | 'unsupported_type'
  | 'payload_too_short'
  | 'line_too_long'
  | 'duplicate_message';

export interface DecodeCounters {
  lines: number;
  messages: number;
  rejected: Partial<Record<RejectReason, number>>;
}
