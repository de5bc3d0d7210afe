/**
 * NMEA 0183 / IEC 62320-1 checksums: the XOR of every character between the start
 * delimiter and the `*`, written as two hex digits (either case accepted on input).
 */

/** XOR of the character codes of `s` in [start, end). */
export function xorChecksum(s: string, start: number, end: number): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= s.charCodeAt(i);
  return x;
}

/** Value of one hex digit character code, or -1. */
export function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 65 && c <= 70) return c - 55; // A-F
  if (c >= 97 && c <= 102) return c - 87; // a-f
  return -1;
}

/** The byte written as two hex digits at `s[i]`, `s[i+1]`, or -1 when they are not hex. */
export function hexByteAt(s: string, i: number): number {
  if (i + 1 >= s.length) return -1;
  const hi = hexDigit(s.charCodeAt(i));
  const lo = hexDigit(s.charCodeAt(i + 1));
  return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
}

const HEX = '0123456789ABCDEF';

/** Two upper-case hex digits. */
export function toHexByte(n: number): string {
  return HEX[(n >> 4) & 15] + HEX[n & 15];
}

