import { ARMOR_VALUE, sixBitToAscii } from './six-bit.js';

/**
 * The payload bits, big-endian, packed 32 per word. One module-level buffer is reused for every
 * message (decoding is synchronous), so decoding a payload allocates nothing.
 */
export let words = new Uint32Array(64);

/** Character code → 6-bit value for every UTF-16 code unit; 64 marks characters outside the armor. */
const SIX = (() => {
  const t = new Uint8Array(65536).fill(64);
  for (let c = 0; c < 128; c++) if (ARMOR_VALUE[c] >= 0) t[c] = ARMOR_VALUE[c];
  return t;
})();

/**
 * Unpacks an armored payload into `words`. Returns the bit count, or `-(index + 1)` of the first
 * character outside the armor. 16 characters (96 bits) fill 3 words without branches.
 */
export function loadArmor(payload: string, fillBits: number): number {
  const len = payload.length;
  const need = ((len * 6) >>> 5) + 4;
  if (need > words.length) words = new Uint32Array(need * 2);
  const w = words;
  const T = SIX;
  let bad = 0;
  let i = 0;
  let k = 0;
  for (; i + 16 <= len; i += 16, k += 3) {
    const c0 = T[payload.charCodeAt(i)], c1 = T[payload.charCodeAt(i + 1)], c2 = T[payload.charCodeAt(i + 2)], c3 = T[payload.charCodeAt(i + 3)];
    const c4 = T[payload.charCodeAt(i + 4)], c5 = T[payload.charCodeAt(i + 5)], c6 = T[payload.charCodeAt(i + 6)], c7 = T[payload.charCodeAt(i + 7)];
    const c8 = T[payload.charCodeAt(i + 8)], c9 = T[payload.charCodeAt(i + 9)], c10 = T[payload.charCodeAt(i + 10)], c11 = T[payload.charCodeAt(i + 11)];
    const c12 = T[payload.charCodeAt(i + 12)], c13 = T[payload.charCodeAt(i + 13)], c14 = T[payload.charCodeAt(i + 14)], c15 = T[payload.charCodeAt(i + 15)];
    bad |= c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15;
    const a0 = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    const a1 = (c4 << 18) | (c5 << 12) | (c6 << 6) | c7;
    const a2 = (c8 << 18) | (c9 << 12) | (c10 << 6) | c11;
    const a3 = (c12 << 18) | (c13 << 12) | (c14 << 6) | c15;
    w[k] = (a0 << 8) | (a1 >>> 16);
    w[k + 1] = (a1 << 16) | (a2 >>> 8);
    w[k + 2] = (a2 << 24) | a3;
  }
  // Tail: fewer than 16 characters, one at a time into a 32-bit accumulator.
  let cur = 0;
  let curBits = 0;
  for (; i < len; i++) {
    const v = T[payload.charCodeAt(i)];
    bad |= v;
    const spill = curBits - 26;
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
  if (bad & 64) {
    for (let j = 0; j < len; j++) if (T[payload.charCodeAt(j)] === 64) return -(j + 1);
  }
  return len * 6 > fillBits ? len * 6 - fillBits : 0;
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
