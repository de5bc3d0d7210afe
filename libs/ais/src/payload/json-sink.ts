import { shortestSixths, type SixthsDigits } from './sixths-text.js';

/**
 * A growable byte buffer that JSON text is written into directly (UTF-8, as `Buffer.from(
 * JSON.stringify(v))` would give). The decoder's JSON Lines output goes through it: integers are
 * written digit by digit and ASCII strings char by char, so a message costs no intermediate
 * strings (JSON.stringify plus `+=` of its result made most of the decode CLI's garbage).
 */
/** Bytes always free after a JsonSink call; a generated constant is at most MAX_CONSTANT long. */
const RESERVE = 1024;
const MAX_CONSTANT = 256;

export class JsonSink {
  /** The bytes and the write position; generated writers store constant bytes here directly (see ensure). */
  buf: Buffer;
  pos = 0;
  /** Start of the bytes not yet taken. */
  private start = 0;
  /** Scratch for shortestSixths (one per sink: no allocation per value). */
  private readonly digits: SixthsDigits = { negative: false, int: 0, head: 0, tail: 0, repeat: 0, last: 0 };

  /**
   * `slab`: size of the buffers written into. take() hands out views of the current slab and
   * writing continues behind them, so a new slab (one allocation) is needed only when it is
   * full: allocating a buffer per take made the external-memory churn cost more than the JSON.
   */
  constructor(private readonly slab = 1 << 20) {
    this.buf = Buffer.allocUnsafeSlow(Math.max(slab, 2 * RESERVE));
  }

  /** Bytes written since the last take(). */
  get length(): number {
    return this.pos - this.start;
  }

  /** The bytes written since the last take(), handed to the caller (they are never written again). */
  take(): Buffer {
    const out = this.buf.subarray(this.start, this.pos);
    this.start = this.pos;
    return out;
  }

  /**
   * Room for n more bytes at pos plus RESERVE (a new slab when the current one is full; untaken
   * bytes move with it). Every method ends with RESERVE bytes free, so generated writers store
   * one constant between two calls without a check (a rarely taken check per key cost a
   * deoptimization each time a slab filled).
   */
  ensure(n: number): void {
    if (this.pos + n + RESERVE <= this.buf.length) return;
    const pending = this.pos - this.start;
    const next = Buffer.allocUnsafeSlow(Math.max(this.slab, 2 * (pending + n + RESERVE)));
    this.buf.copy(next, 0, this.start, this.pos);
    this.buf = next;
    this.start = 0;
    this.pos = pending;
  }

  /** ASCII text that needs no escaping (keys, punctuation). */
  raw(s: string): void {
    const n = s.length;
    this.ensure(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** A JSON number (non-finite numbers are `null`, as in JSON.stringify), or null. */
  num(v: number | null): void {
    if (v === null) return this.raw('null');
    if (v >= 0 && v < 4294967296 && Math.floor(v) === v) return this.uint(v);
    if (v - v !== 0) return this.raw('null'); // NaN, ±Infinity
    this.raw('' + v);
  }

  /** A non-negative integer below 2^32, digit by digit. */
  uint(v: number): void {
    this.ensure(10);
    const b = this.buf;
    let p = this.pos;
    if (v < 10) {
      b[p] = 48 + v;
      this.pos = p + 1;
      return;
    }
    let digits = 2;
    for (let t = 100; v >= t && digits < 10; t *= 10) digits++;
    p += digits;
    this.pos = p;
    while (v >= 10) {
      const q = Math.floor(v / 10);
      b[--p] = 48 + v - q * 10;
      v = q;
    }
    b[--p] = 48 + v;
  }

  /**
   * A field value raw/div + offset of a narrow field (sog, cog, rate of turn, …): its text is
   * cached per raw value, as double → shortest decimal is the costliest step of JSON output.
   * `index` maps the value back to its raw slot; the cache is only used when the slot holds
   * exactly this value, so the text is always `'' + v`.
   */
  cached(v: number | null, lut: NumberTexts): void {
    if (v === null) return this.raw('null');
    const k = lut.index(v);
    if (k >= 0 && k < lut.nums.length) {
      if (lut.nums[k] === v) return this.raw(lut.texts[k]!);
      if (v - v === 0) {
        const t = '' + v;
        lut.nums[k] = v;
        lut.texts[k] = t;
        return this.raw(t);
      }
    }
    this.num(v);
  }

  /**
   * raw/div for a `div` with 10^digits = div·5/3 (lat/lon: 600000 → 6, 600 → 3), written
   * without V8's double → text. When raw is a multiple of 3 the value is the decimal
   * (raw·5/3)·10^-digits exactly (at most 9 significant digits, so that decimal is the shortest
   * text); otherwise its decimals repeat and shortestSixths finds the text `'' + v` gives. Any
   * value neither can vouch for goes through V8.
   */
  sixths(v: number | null, div: number, digits: number, pow: number): void {
    if (v === null) return this.raw('null');
    const r = Math.round(v * div);
    if (r / div !== v) return this.num(v);
    if (r % 3 !== 0) {
      const x = this.digits;
      if (!shortestSixths(r, div, digits, pow, x)) return this.num(v);
      this.ensure(digits + x.tail + 12);
      if (x.negative) this.buf[this.pos++] = 45; // '-'
      this.uint(x.int);
      const b = this.buf;
      let p = this.pos;
      b[p] = 46; // '.'
      let head = x.head;
      for (let i = digits; i > 0; i--) {
        const q = Math.floor(head / 10);
        b[p + i] = 48 + head - q * 10;
        head = q;
      }
      p += digits + 1;
      const rep = 48 + x.repeat;
      for (let i = x.tail - 1; i > 0; i--) b[p++] = rep;
      b[p++] = 48 + x.last;
      this.pos = p;
      return;
    }
    let m = (r / 3) * 5;
    if (m === 0) return this.raw('0');
    if (m < 0) {
      this.raw('-');
      m = -m;
    }
    const ip = Math.floor(m / pow);
    let fp = m - ip * pow;
    this.uint(ip);
    if (fp === 0) return;
    let d = digits;
    while (fp % 10 === 0) {
      fp /= 10;
      d--;
    }
    this.ensure(d + 1);
    const b = this.buf;
    let p = this.pos;
    b[p] = 46; // '.'
    p += d;
    this.pos = p + 1;
    for (let i = 0; i < d; i++) {
      const q = Math.floor(fp / 10);
      b[p--] = 48 + fp - q * 10;
      fp = q;
    }
  }

  bool(v: boolean | null): void {
    this.raw(v === null ? 'null' : v ? 'true' : 'false');
  }

  /** AIS 6-bit text or null: printable ASCII, of which only `"` and `\` need escaping. */
  text(s: string | null): void {
    if (s === null) return this.raw('null');
    const n = s.length;
    this.ensure(2 * n + 2);
    const b = this.buf;
    let p = this.pos;
    b[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 34 || c === 92) b[p++] = 92;
      b[p++] = c;
    }
    b[p++] = 34;
    this.pos = p;
  }

  /** Any string or null, escaped exactly as JSON.stringify does. */
  str(s: string | null): void {
    if (s === null) return this.raw('null');
    const n = s.length;
    this.ensure(n + 2);
    const b = this.buf;
    const start = this.pos;
    let p = start;
    b[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c > 126 || c === 34 || c === 92) return this.utf8(JSON.stringify(s)); // rare: let V8 escape
      b[p++] = c;
    }
    b[p++] = 34;
    this.pos = p;
  }

  /** Any JSON value (strings, numbers, null, booleans fast; the rest through JSON.stringify). */
  any(v: unknown): void {
    if (v === null) this.raw('null');
    else if (typeof v === 'number') this.num(v);
    else if (typeof v === 'string') this.str(v);
    else if (typeof v === 'boolean') this.bool(v);
    else this.utf8(JSON.stringify(v) ?? 'null');
  }

  /** Text that is already JSON, UTF-8 encoded. */
  utf8(json: string): void {
    this.ensure(json.length * 3);
    this.pos += this.buf.write(json, this.pos, 'utf8');
  }
}

/**
 * Source that writes the ASCII constant `s` at `b[p]` in a generated writer (locals `out`, `b`,
 * `p`): one store per byte, no call, no loop. Only right after a JsonSink call (or
 * `out.ensure(0)`), which leaves RESERVE bytes free.
 */
export function constantBytesSource(s: string): string {
  const n = s.length;
  const stores = Array.from(s, (ch, i) => {
    const c = ch.charCodeAt(0);
    if (c > 126 || (c < 32 && c !== 10)) throw new Error(`constant ${JSON.stringify(s)} is not printable ASCII or a newline`);
    return `b[p${i ? ' + ' + i : ''}] = ${c};`;
  });
  if (n > MAX_CONSTANT) throw new Error(`constant ${JSON.stringify(s)} is longer than ${MAX_CONSTANT}`);
  return `${stores.join(' ')} p += ${n};`;
}

/** Texts of the values of one narrow numeric field, filled as values are seen (see JsonSink.cached). */
export class NumberTexts {
  readonly nums: Float64Array;
  readonly texts: (string | undefined)[];
  constructor(
    size: number,
    /** Slot of a value (anything outside 0..size-1 when it has none). */
    readonly index: (v: number) => number,
  ) {
    this.nums = new Float64Array(size).fill(NaN);
    this.texts = new Array<string | undefined>(size).fill(undefined);
  }
}
