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
  | 'duplicate_message'
  /** A multi-part message missing fragments: superseded by a new message on the same key, or end of stream. */
  | 'fragment_incomplete'
  /** A `$PGHP` wrapper line whose following sentence did not become part of a message. */
  | 'unused_wrapper'
  /** A bug in the decoder caught at the stream boundary (should never happen). */
  | 'internal_error';

export interface DecodeCounters {
  lines: number;
  messages: number;
  rejected: Partial<Record<RejectReason, number>>;
  /** Lines that became part of a decoded message (wrapper lines included). */
  consumedLines?: number;
  /** Lines held in the fragment buffer, not yet decided. After flush: 0. */
  pendingLines?: number;
  /** Accepted with a repair or oddity worth knowing (tag-block checksum wrong, missing `!`, glued line, …). */
  warnings?: Partial<Record<DecodeWarning, number>>;
  /** Exceptions thrown by onMessage/onReject callbacks (caught, not counted against lines). */
  callbackErrors?: number;
}

/** Oddities that the sentence layer tolerates but counts. */
export type DecodeWarning =
  | 'tag_block_checksum'
  | 'tag_block_no_checksum'
  | 'missing_start_delimiter'
  | 'glued_line';
