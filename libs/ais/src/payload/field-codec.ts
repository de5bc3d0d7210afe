/**
 * Encoder side of the field kinds: value → raw bits with checks, and the bit/armor plumbing the
 * compiled writers call. Errors name the field and the value.
 */
import { readUint } from './bit-buffer.js';
import type { FieldSpec } from './field-table.js';
import { armorChar, asciiToSixBit } from './six-bit.js';

export class PayloadEncodeError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(`cannot encode ${field}=${JSON.stringify(value)}: ${reason}`);
    this.name = 'PayloadEncodeError';
  }
}

let scratch = new Uint32Array(64);

/** The encoder's reusable bit buffer, zeroed over `nwords` (encoding is synchronous). */
export function scratchWords(nwords: number): Uint32Array {
  if (nwords > scratch.length) scratch = new Uint32Array(nwords * 2);
  scratch.fill(0, 0, nwords);
  return scratch;
}

/** Writes an unsigned value of up to 31 bits. */
export function putBits(w: Uint32Array, start: number, width: number, value: number): void {
  const i = start >>> 5;
  const off = start & 31;
  if (off + width <= 32) w[i] |= value << (32 - off - width);
  else {
    const low = off + width - 32;
    w[i] |= value >>> low;
    w[i + 1] |= value << (32 - low);
  }
}

/** A numeric field prepared for encoding: one object shape for all fields, bounds precomputed. */
export class NumericCodec {
  readonly name: string;
  readonly isBool: boolean;
  readonly isRot: boolean;
  readonly na: number;
  readonly div: number;
  readonly offset: number;
  readonly min: number;
  readonly max: number;
  readonly width: number;
  constructor(f: FieldSpec) {
    const width = f.width as number;
    const signed = f.kind === 'int' || f.kind === 'rot';
    this.name = f.name;
    this.isBool = f.kind === 'bool';
    this.isRot = f.kind === 'rot';
    this.na = f.na ?? 0;
    this.div = f.div ?? 0;
    this.offset = f.offset ?? 0;
    this.width = width;
    this.max = signed ? 2 ** (width - 1) - 1 : 2 ** width - 1;
    this.min = signed ? -this.max - 1 : 0;
  }
}

/** Raw field bits for a value, checked against the field width (two's complement for signed). */
export function rawValue(c: NumericCodec, value: unknown): number {
  let raw: number;
  if (value === null || value === undefined) raw = c.na;
  else if (c.isBool) raw = value ? 1 : 0;
  else if (typeof value !== 'number' || !Number.isFinite(value)) throw new PayloadEncodeError(c.name, value, 'not a finite number');
  else if (c.isRot) raw = Math.max(-127, Math.min(127, Math.sign(value) * Math.round(Math.sqrt(Math.abs(value)) * 4.733)));
  else {
    const v = value - c.offset;
    raw = c.div !== 0 ? Math.round(v * c.div) : c.offset !== 0 ? Math.round(v) : v;
    if (!Number.isInteger(raw)) throw new PayloadEncodeError(c.name, value, 'not an integer');
  }
  if (raw < c.min || raw > c.max) throw new PayloadEncodeError(c.name, value, `outside the ${c.width}-bit field (${c.min}..${c.max} raw)`);
  return raw < 0 ? raw + c.max + c.max + 2 : raw;
}

function sixBitOf(f: FieldSpec, value: string, i: number): number {
  const v = asciiToSixBit(value.charCodeAt(i));
  if (v < 0) throw new PayloadEncodeError(f.name, value, `character ${JSON.stringify(value[i])} has no AIS 6-bit code`);
  return v;
}

function checkString(f: FieldSpec, value: unknown): value is string {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'string') throw new PayloadEncodeError(f.name, value, 'not a string');
  return true;
}

/** Fixed-width text: upper-cased, padded with '@' (zero bits); null/undefined is all '@'. */
export function writeText(w: Uint32Array, f: FieldSpec, value: unknown): void {
  if (!checkString(f, value)) return;
  const chars = (f.width as number) / 6;
  if (value.length > chars) throw new PayloadEncodeError(f.name, value, `longer than ${chars} characters`);
  for (let i = 0; i < value.length; i++) putBits(w, f.start + i * 6, 6, sixBitOf(f, value, i));
}

/** Bit length of a variable-length text or data field (validated); `nbits` is `<name>Bits` for data. */
export function restBits(f: FieldSpec, value: unknown, nbits: unknown): number {
  if (f.kind === 'text') return checkString(f, value) ? value.length * 6 : 0;
  if (value === null || value === undefined) return 0;
  if (typeof value !== 'string' || !/^[0-9a-fA-F]*$/.test(value)) throw new PayloadEncodeError(f.name, value, 'not a hex string');
  const n = nbits === undefined || nbits === null ? value.length * 4 : nbits;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > value.length * 4)
    throw new PayloadEncodeError(`${f.name}Bits`, nbits, `must be an integer 0..${value.length * 4} (the bits the hex string holds)`);
  return n;
}

/** Writes a variable-length text or data field of `n` bits (from restBits) at its start. */
export function writeRest(w: Uint32Array, f: FieldSpec, value: unknown, n: number): void {
  const s = value as string;
  if (f.kind === 'text') {
    for (let i = 0; i < n / 6; i++) putBits(w, f.start + i * 6, 6, sixBitOf(f, s, i));
    return;
  }
  for (let b = 0; b < n; b += 4) {
    const width = Math.min(4, n - b);
    putBits(w, f.start + b, width, parseInt(s[b >> 2], 16) >> (4 - width));
  }
}

const codes = new Uint16Array(1024);

/** The first `nbits` of `w` as armored payload characters, with the fill-bit count. */
export function armorWords(w: Uint32Array, nbits: number): { payload: string; fillBits: number } {
  const chars = Math.ceil(nbits / 6);
  const out = chars <= codes.length ? codes : new Uint16Array(chars);
  for (let c = 0; c < chars; c++) out[c] = armorChar(readUint(w, c * 6, 6));
  return { payload: String.fromCharCode.apply(null, out.subarray(0, chars) as unknown as number[]), fillBits: chars * 6 - nbits };
}
