/**
 * The shortest decimal text of d = raw/div (div·5/3 = 10^digits: lat/lon 600000 and 600), the text
 * `'' + d` gives, computed with a few float operations instead of V8's general double → text
 * (the costliest step of the decoder's JSON output: two such values per position report).
 *
 * With N = 5·|raw| = 3q + r, the exact value is x = (q + r/3)·10^-digits. When r = 0 x is a
 * short decimal (written elsewhere). Otherwise x's decimals are q's digits followed by 3s
 * (r = 1) or 6s (r = 2) forever, so on the grid of f decimals (f > digits) the point just
 * below x is "q then (f - digits) repeated digits", and any grid point is that plus k units
 * in the last place. `'' + d` is the grid point closest to d on the coarsest grid that has one
 * inside d's rounding interval (|g − d| < ulp/2). d − x is known exactly (Dekker's product),
 * so each grid is checked with plain arithmetic. Whenever a comparison is too close to call
 * with a safe margin, or the digit pattern would carry, `shortestSixths` returns null and the
 * caller uses `'' + d`: the result is never a different text.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
/** Index of the high 32 bits of a double in u32 (the platform's byte order). */
const HI = u32[1] === 0x3ff00000 ? 1 : 0;

/** 10^-f for f = 0..40, correctly rounded (parsed from text). */
const NEG_POW10 = Array.from({ length: 41 }, (_, f) => Number(`1e-${f}`));
/** Relative margin on every comparison: far above the float error of these few operations. */
const EPS = 1e-9;
/** Per binary exponent: the spacing of doubles, and the first grid (decimals) that can reach d's interval. */
const ULP = Array.from({ length: 2048 }, (_, e) => 2 ** (e - 1075));
/** No grid coarser than 3·ulp can reach d's interval: x's nearest grid point is ≥ s/3 away. */
const FIRST_GRID = ULP.map((u) => Math.max(0, Math.floor(-Math.log10(3 * u))));
/** Veltkamp splitter for 53-bit doubles. */
const SPLIT = 134217729;

/** The digits of one value: sign, integer part, the first `digits` decimals, then the repeating ones. */
export interface SixthsDigits {
  negative: boolean;
  /** Integer part of |d|. */
  int: number;
  /** The first `digits` decimals, as an integer (to be zero-padded to `digits`). */
  head: number;
  /** How many decimals follow the head: all `repeat` except the last, which is `last`. */
  tail: number;
  repeat: number;
  last: number;
}

/**
 * Fill `out` with the digits of `'' + raw/div`, where div·5/3 = 10^digits. False when raw is a
 * multiple of 3 (an exact short decimal) or this method cannot be sure: the caller formats those.
 */
export function shortestSixths(raw: number, div: number, digits: number, pow: number, out: SixthsDigits): boolean {
  const a = raw < 0 ? -raw : raw;
  const d = a / div;
  f64[0] = d;
  const hi = u32[HI]!;
  const e = (hi >>> 20) & 0x7ff;
  // Zero/subnormal/huge, or an exact power of two (its interval is lopsided): leave to V8.
  if (e === 0 || e > 1023 + 60 || ((hi & 0xfffff) === 0 && u32[1 - HI] === 0)) return false;
  if (d < 1e-6) return false; // V8 writes these with an exponent
  const half = ULP[e]! / 2;
  // d·div = p + err exactly (div < 2^26 needs no split), so x − d = ((a − p) − err) / div.
  const p = d * div;
  const c = SPLIT * d;
  const dh = c - (c - d);
  const dl = d - dh;
  const err = dh * div - p + dl * div;
  const delta = (a - p - err) / div;
  const n = 5 * a;
  const q = Math.floor(n / 3);
  const r = n - 3 * q;
  if (r === 0) return false; // an exact short decimal: the caller writes it
  const phi = r / 3; // x is phi grid units above the point just below it
  let f = Math.max(digits + 1, FIRST_GRID[e]!);
  const stop = f + 4;
  for (; f <= stop && f <= 40; f++) {
    const s = NEG_POW10[f]!;
    // d sits t grid units above the point just below x; the nearest grid point is k units up.
    const t = phi - delta / s;
    const k = Math.round(t);
    const frac = t - k; // in [-0.5, 0.5]
    const dist = Math.abs(frac) * s;
    if (dist > half * (1 + EPS)) continue; // no point of this grid is inside
    if (dist >= half * (1 - EPS)) return false; // on the edge of the interval
    if (0.5 - Math.abs(frac) < EPS) return false; // two points equally near d
    const last = 3 * r + k;
    if (last < 1 || last > 9) return false; // the pattern would carry (or end in 0: not shortest)
    out.negative = raw < 0;
    out.int = Math.floor(q / pow);
    out.head = q - out.int * pow;
    out.tail = f - digits;
    out.repeat = 3 * r;
    out.last = last;
    return true;
  }
  return false;
}

/** The text of a SixthsDigits (for tests and the slow path; the JSON sink writes the bytes itself). */
export function sixthsText(x: SixthsDigits, digits: number): string {
  return `${x.negative ? '-' : ''}${x.int}.${String(x.head).padStart(digits, '0')}${String(x.repeat).repeat(x.tail - 1)}${x.last}`;
}
