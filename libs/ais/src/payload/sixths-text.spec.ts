import { describe, expect, it } from 'vitest';
import { shortestSixths, sixthsText, type SixthsDigits } from './sixths-text.js';

const LAYOUTS = [
  { div: 600000, digits: 6, pow: 1e6, bits: 28 }, // lon/lat in 1/10000 min
  { div: 600, digits: 3, pow: 1000, bits: 18 }, // type 27's 1/10 min
];

describe('shortestSixths', () => {
  const x: SixthsDigits = { negative: false, int: 0, head: 0, tail: 0, repeat: 0, last: 0 };
  /** Its text when it vouches for one; counts the values it leaves to V8. */
  const check = (raw: number, l: (typeof LAYOUTS)[number], misses: { n: number }) => {
    if (!shortestSixths(raw, l.div, l.digits, l.pow, x)) return void misses.n++;
    const got = sixthsText(x, l.digits);
    if (got !== '' + raw / l.div) expect(got, `raw ${raw} / ${l.div}`).toBe('' + raw / l.div);
  };

  it("gives the text '' + raw/div for random and edge values, and leaves almost none to V8", () => {
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const l of LAYOUTS) {
      const misses = { n: 0 };
      const raws: number[] = [];
      for (let r = -3000; r <= 3000; r++) raws.push(r); // near zero: long fractions
      for (let i = 0; i < 300_000; i++) raws.push(Math.floor((rnd() - 0.5) * 2 ** l.bits));
      // Either side of every power of two in range, where the spacing of doubles changes.
      for (let p = 2 ** -10; p < 2 ** l.bits / l.div; p *= 2) for (let k = -30; k <= 30; k++) raws.push(Math.round(p * l.div) + k);
      let tried = 0;
      for (const raw of raws) {
        if (raw % 3 === 0) continue;
        tried++;
        check(raw, l, misses);
      }
      expect(tried).toBeGreaterThan(200_000);
      expect(misses.n / tried, `values left to V8 for div ${l.div}`).toBeLessThan(0.001);
    }
  });

  it('declines multiples of 3 (exact short decimals, which JsonSink.sixths writes itself)', () => {
    for (const raw of [0, 3, 300, -600000]) expect(shortestSixths(raw, 600000, 6, 1e6, x)).toBe(false);
  });
});
