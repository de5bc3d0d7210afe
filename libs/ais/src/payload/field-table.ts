/**
 * Declarative description of AIS message layouts: one table of bit fields per message (variant),
 * as in ITU-R M.1371-5. `compile-reader.ts` turns a table into a decoding function and
 * `encode-payload.ts` walks the same table to write bits.
 */

export type FieldKind =
  /** Unsigned integer, optionally divided by `div` (e.g. SOG in 1/10 knot). */
  | 'uint'
  /** Two's-complement integer, optionally divided by `div`. */
  | 'int'
  | 'bool'
  /** 6-bit text of width/6 characters; `width: 'rest'` takes whole characters up to the end. */
  | 'text'
  /** Raw bits as hex (`width: 'rest'`: up to the end, or up to `tail` bits before it). */
  | 'data'
  /** Rate of turn, ROT_AIS → degrees/minute (see ROT_DEGREES in compile-reader.ts). */
  | 'rot'
  /** Not decoded; written as zeros. */
  | 'spare';

export interface FieldSpec {
  name: string;
  start: number;
  /** Bit width, or 'rest' for variable-length text/data running to the end of the payload. */
  width: number | 'rest';
  kind: FieldKind;
  /** Raw "not available" value, decoded as null and encoded for null/undefined. */
  na?: number;
  /** Divisor applied to the raw value (lat/lon 600000, SOG 10, …). */
  div?: number;
  /** Added after dividing (met/hydro temperatures, pressure, water level). */
  offset?: number;
  /** Valid raw range; a value outside it (that is not `na`) adds the `warn` warning. */
  range?: readonly [number, number];
  warn?: string;
  /** For 'rest' data: bits at the end of the payload that belong to a later field. */
  tail?: number;
  /** Field counted from the end of the payload (type 26 radio status). */
  fromEnd?: boolean;
  /**
   * Starts an optional trailing group (types 7, 13, 15, 16, 20 carry 1..4 entries): when encoding,
   * a null/undefined value here ends the message at `cutAt` bits (the group's spare included).
   */
  cutAt?: number;
}

export interface DerivedField {
  name: string;
  /** Computes the value from the decoded fields (runs after all table fields are read). */
  derive: (m: Record<string, unknown>) => unknown;
  /** Encoder side: table fields to set from the derived value when the caller gave only it. */
  underive?: (m: Record<string, unknown>) => Record<string, unknown>;
}

export interface MessageTable {
  /** Human name for errors and docs, e.g. '24B-auxiliary'. */
  id: string;
  /** Payloads shorter than this miss mandatory fields: payload_too_short. Later fields may be null. */
  minBits: number;
  fields: readonly FieldSpec[];
  derived?: readonly DerivedField[];
}

// Shorthands that keep the tables readable; they only build FieldSpec objects.
type Opts = Omit<FieldSpec, 'name' | 'start' | 'width' | 'kind'>;
export const uint = (name: string, start: number, width: number, o: Opts = {}): FieldSpec => ({ name, start, width, kind: 'uint', ...o });
export const int = (name: string, start: number, width: number, o: Opts = {}): FieldSpec => ({ name, start, width, kind: 'int', ...o });
export const bool = (name: string, start: number): FieldSpec => ({ name, start, width: 1, kind: 'bool' });
export const text = (name: string, start: number, width: number | 'rest'): FieldSpec => ({ name, start, width, kind: 'text' });
export const data = (name: string, start: number, o: Opts = {}): FieldSpec => ({ name, start, width: 'rest', kind: 'data', ...o });
export const spare = (start: number, width: number): FieldSpec => ({ name: '', start, width, kind: 'spare' });

/** Longitude in 1/`unit` minute: 1/10000 min (28 bits) for most, 1/10 min (18 bits) for 17/22/23/27. */
export const lon = (name: string, start: number, width: number, perMinute: number): FieldSpec =>
  int(name, start, width, { div: perMinute * 60, na: 181 * 60 * perMinute, range: [-180 * 60 * perMinute, 180 * 60 * perMinute], warn: 'lon_out_of_range' });
export const lat = (name: string, start: number, width: number, perMinute: number): FieldSpec =>
  int(name, start, width, { div: perMinute * 60, na: 91 * 60 * perMinute, range: [-90 * 60 * perMinute, 90 * 60 * perMinute], warn: 'lat_out_of_range' });
