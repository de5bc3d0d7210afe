/**
 * Encodes a message object into an armored AIS payload by walking the same tables the decoder
 * uses. null/undefined fields are written as the field's "not available" value (0 when it has
 * none); values that do not fit their field throw a PayloadEncodeError.
 */
import { armorChar, asciiToSixBit } from './six-bit.js';
import type { FieldSpec } from './field-table.js';
import { variantForMessage } from './message-variants.js';

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

class BitWriter {
  readonly bits: Uint8Array;
  constructor(n: number) {
    this.bits = new Uint8Array(n);
  }
  put(start: number, width: number, value: number): void {
    for (let b = 0; b < width; b++) this.bits[start + b] = (value / 2 ** (width - 1 - b)) & 1;
  }
  armor(): { payload: string; fillBits: number } {
    const n = this.bits.length;
    const chars = Math.ceil(n / 6);
    let payload = '';
    for (let c = 0; c < chars; c++) {
      let v = 0;
      for (let b = 0; b < 6; b++) v = (v << 1) | (this.bits[c * 6 + b] ?? 0);
      payload += String.fromCharCode(armorChar(v));
    }
    return { payload, fillBits: chars * 6 - n };
  }
}

function textValues(f: FieldSpec, value: unknown): number[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'string') throw new PayloadEncodeError(f.name, value, 'not a string');
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const v = asciiToSixBit(value.charCodeAt(i));
    if (v < 0) throw new PayloadEncodeError(f.name, value, `character ${JSON.stringify(value[i])} has no AIS 6-bit code`);
    out.push(v);
  }
  return out;
}

/** Raw integer for a numeric field, checked against the field width. */
function rawValue(f: FieldSpec, value: unknown, width: number): number {
  let raw: number;
  if (value === null || value === undefined) raw = f.na ?? 0;
  else if (f.kind === 'bool') raw = value ? 1 : 0;
  else if (typeof value !== 'number' || !Number.isFinite(value)) throw new PayloadEncodeError(f.name, value, 'not a finite number');
  else if (f.kind === 'rot') raw = Math.max(-127, Math.min(127, Math.sign(value) * Math.round(Math.sqrt(Math.abs(value)) * 4.733)));
  else {
    const v = value - (f.offset ?? 0);
    raw = f.div ? Math.round(v * f.div) : f.offset ? Math.round(v) : v;
  }
  if (!Number.isInteger(raw)) throw new PayloadEncodeError(f.name, value, 'not an integer');
  const signed = f.kind === 'int' || f.kind === 'rot';
  const min = signed ? -(2 ** (width - 1)) : 0;
  const max = signed ? 2 ** (width - 1) - 1 : 2 ** width - 1;
  if (raw < min || raw > max) throw new PayloadEncodeError(f.name, value, `outside the ${width}-bit field (${min}..${max} raw)`);
  return raw < 0 ? raw + 2 ** width : raw;
}

function hexBits(f: FieldSpec, value: unknown, nbits: unknown): number[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'string' || !/^[0-9a-fA-F]*$/.test(value)) throw new PayloadEncodeError(f.name, value, 'not a hex string');
  const n = typeof nbits === 'number' ? nbits : value.length * 4;
  if (n > value.length * 4 || n < 0) throw new PayloadEncodeError(`${f.name}Bits`, nbits, 'more bits than the hex string holds');
  const out: number[] = [];
  for (let b = 0; b < n; b++) out.push((parseInt(value[b >> 2], 16) >> (3 - (b & 3))) & 1);
  return out;
}

/**
 * Encodes types 1–5, 6/8 (DAC 1 FI 16/40, DAC 200 FI 10/55, or raw `data` hex), 7, 9–27 from the
 * field names the decoder produces. Returns the armored payload and its fill bits.
 */
export function encodePayload(message: Record<string, unknown>): { payload: string; fillBits: number } {
  const type = message.type;
  if (typeof type !== 'number' || !Number.isInteger(type) || type < 1 || type > 27) throw new PayloadEncodeError('type', type, 'must be 1..27');
  const v = variantForMessage(message);
  if (!v) throw new PayloadEncodeError('partNo', message.partNo, `type ${type} has no layout for this message`);
  const t = v.table;
  let m = message;
  for (const d of t.derived ?? []) if (d.underive) m = { ...m, ...d.underive(m) };

  // Message length: fixed fields up to the first absent optional group, then variable text/data.
  let fixedEnd = 0;
  let variable: { f: FieldSpec; bits: number[] } | null = null;
  let tail: FieldSpec | null = null;
  const written: FieldSpec[] = [];
  for (const f of t.fields) {
    if (f.cutAt !== undefined && (m[f.name] === null || m[f.name] === undefined)) {
      fixedEnd = f.cutAt;
      break;
    }
    if (f.fromEnd) tail = f;
    else if (f.width === 'rest') {
      const bits =
        f.kind === 'text' ? textValues(f, m[f.name]).flatMap((c) => [32, 16, 8, 4, 2, 1].map((b) => (c & b ? 1 : 0))) : hexBits(f, m[f.name], m[`${f.name}Bits`]);
      variable = { f, bits };
    } else {
      written.push(f);
      fixedEnd = Math.max(fixedEnd, f.start + f.width);
    }
  }
  const total = (variable ? Math.max(fixedEnd, variable.f.start) + variable.bits.length : fixedEnd) + (tail ? (tail.width as number) : 0);
  const w = new BitWriter(total);
  for (const f of written) {
    const width = f.width as number;
    if (f.kind === 'spare') continue;
    if (f.kind === 'text') {
      const chars = textValues(f, m[f.name]);
      if (chars.length > width / 6) throw new PayloadEncodeError(f.name, m[f.name], `longer than ${width / 6} characters`);
      chars.forEach((c, i) => w.put(f.start + i * 6, 6, c)); // the rest stays 0 = '@' padding
    } else w.put(f.start, width, rawValue(f, m[f.name], width));
  }
  if (variable) variable.bits.forEach((b, i) => (w.bits[variable.f.start + i] = b));
  if (tail) w.put(total - (tail.width as number), tail.width as number, rawValue(tail, m[tail.name], tail.width as number));
  return w.armor();
}
