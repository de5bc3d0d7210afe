import { ARMOR_VALUE, sixBitToAscii } from './six-bit.js';

/**
 * The payload bits, big-endian, packed 32 per word. One module-level buffer is reused for every
 * message (decoding is synchronous), so decoding a payload allocates nothing.
 */
export let words = new Uint32Array(64);

/**
 * Unpacks an armored payload into `words`. Returns the bit count, or `-(index + 1)` of the first
 * character outside the armor.
 */
export function loadArmor(payload: string, fillBits: number): number {
  const len = payload.length;
  const need = ((len * 6) >>> 5) + 2;
  if (need > words.length) words = new Uint32Array(need * 2);
  const w = words;
  let k = 0;
  let cur = 0;
  let curBits = 0;
  for (let i = 0; i < len; i++) {
    const code = payload.charCodeAt(i);
    const v = code < 128 ? ARMOR_VALUE[code] : -1;
    if (v < 0) return -(i + 1);
    const spill = curBits - 26; // bits that do not fit in the current word
    if (spill > 0) {
      w[k++] = (cur << (6 - spill)) | (v >>> spill);
      cur = v & ((1 << spill) - 1);
      curBits = spill;
    } else {
      cur = (cur << 6) | v;
      curBits += 6;
      if (curBits === 32) {
        w[k++] = cur;
        cur = 0;
        curBits = 0;
      }
    }
  }
  if (curBits > 0) w[k++] = cur << (32 - curBits);
  w[k] = 0;
  w[k + 1] = 0;
  return len * 6 - fillBits;
}

/** Reads an unsigned field of up to 32 bits (the generated readers inline this for fixed offsets). */
export function readUint(w: Uint32Array, start: number, width: number): number {
  const i = start >>> 5;
  const off = start & 31;
  if (off + width <= 32) return ((w[i] << off) >>> (32 - width)) >>> 0;
  return (((w[i] << off) >>> (32 - width)) | (w[i + 1] >>> (64 - off - width))) >>> 0;
}

const textCodes = new Uint16Array(256);

/**
 * Reads `nchars` 6-bit characters. Trailing `@` padding and spaces are trimmed (pyais style; an
 * `@` inside the text is kept). Returns null when nothing is left ("not available").
 */
export function readText(w: Uint32Array, start: number, nchars: number): string | null {
  let end = 0;
  for (let k = 0; k < nchars; k++) {
    const c = sixBitToAscii(readUint(w, start + k * 6, 6));
    textCodes[k] = c;
    if (c !== 64 && c !== 32) end = k + 1;
  }
  if (end === 0) return null;
  return String.fromCharCode.apply(null, textCodes.subarray(0, end) as unknown as number[]);
}

const HEX = '0123456789abcdef';

/** Raw bits as lower-case hex, the last nibble zero-padded on the right. */
export function readHex(w: Uint32Array, start: number, nbits: number): string {
  let s = '';
  for (let b = 0; b < nbits; b += 4) {
    const width = nbits - b >= 4 ? 4 : nbits - b;
    s += HEX[readUint(w, start + b, width) << (4 - width)];
  }
  return s;
}
