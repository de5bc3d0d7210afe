/**
 * AIS 6-bit armor (ITU-R M.1371 / IEC 61162-1 payload encoding) and the 6-bit text alphabet.
 * Shared by the decoder (armor → words) and the encoder (words → armor).
 */

/** Payload character code → 6-bit value, or -1 when the character is outside the armor. */
export const ARMOR_VALUE: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let c = 48; c <= 87; c++) t[c] = c - 48; // '0'..'W'
  for (let c = 96; c <= 119; c++) t[c] = c - 56; // '`'..'w'
  return t;
})();

/** 6-bit value → payload character code. */
export function armorChar(v: number): number {
  return v < 40 ? v + 48 : v + 56;
}

/** 6-bit text value → ASCII code ('@' for 0, 'A'..'_' for 1..31, ' '..'?' for 32..63). */
export function sixBitToAscii(v: number): number {
  return v < 32 ? v + 64 : v;
}

/** ASCII code → 6-bit text value, or -1 when the character has none (lower case is upper-cased). */
export function asciiToSixBit(code: number): number {
  if (code >= 97 && code <= 122) code -= 32;
  if (code >= 64 && code <= 95) return code - 64;
  if (code >= 32 && code <= 63) return code;
  return -1;
}
