/**
 * Acceptance 5: the sentence layer under ≥ 100,000 mutated and random lines (truncations, bit
 * flips, wrong checksums, stray and shuffled fragments, glued lines, broken tag blocks and
 * wrappers, huge lines, binary garbage). Seed-deterministic. Real corpus lines are mutated when
 * ../shared/ais-corpus is present, else generated ones.
 *
 * Checked: nothing throws out of push/flush and no internal_error is counted; buffered fragments
 * never exceed the limit; the heap does not grow with the input; every line ends as decoded or as
 * exactly one typed rejection (lines = consumed + rejected after flush, no line rejected twice,
 * no line both completing a message and rejected).
 */
import type { RejectReason } from '@seawarden/contracts';
import { AisDecoder, encodeMessage } from '@seawarden/ais';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const SEED = Number(process.env.FUZZ_SEED ?? 20260529);
const LINES = Number(process.env.FUZZ_LINES ?? 120_000);
const MAX_PENDING = 64;

const dir = fileURLToPath(new URL('../../shared/ais-corpus/', import.meta.url));
const corpusPresent = existsSync(dir);
if (!corpusPresent) console.warn(`ais-fuzz: corpus not found at ${dir}; mutating generated lines instead`);

/** mulberry32: small, fast, seedable. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

function corpusLines(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((f) => /\.(nmea|aivdm)$/.test(f)).sort()) {
    for (const l of readFileSync(dir + f, 'latin1').split('\n')) if (l !== '') out.push(l);
  }
  return out;
}

function generatedLines(rnd: ReturnType<typeof prng>): string[] {
  const out: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const mmsi = 412000000 + rnd.int(999999);
    const msg =
      i % 3 === 0
        ? { type: 5, repeat: 0, mmsi, imo: 9000000 + i, callsign: 'BXYZ', name: `VESSEL ${i}`, shipType: 30 + (i % 40), destination: 'ZHOUSHAN', draught: 3.2 }
        : { type: 1, repeat: 0, mmsi, navStatus: 0, rot: 0, sog: (i % 200) / 10, accuracy: false, lon: 122 + rnd.next(), lat: 29.5 + rnd.next(), cog: i % 360, heading: i % 360, second: i % 60 };
    const tag = i % 4 === 0 ? { s: `rx${i % 7}`, c: 1_700_000_000 + i } : undefined;
    out.push(...encodeMessage(msg, { tagBlock: tag, channel: i % 2 ? 'A' : 'B' }));
  }
  out.push('$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B', '$GPRMC,213950.00,A,5250.53669,N,00542.34920,E,0.020,,070420,,,A*7D');
  return out;
}

const KNOWN_REASONS = new Set<RejectReason>([
  'empty_line',
  'not_nmea',
  'bad_checksum',
  'bad_tag_block',
  'unknown_sentence',
  'malformed_sentence',
  'bad_fragment',
  'fragment_timeout',
  'fragment_evicted',
  'duplicate_fragment',
  'bad_payload_char',
  'unsupported_type',
  'payload_too_short',
  'line_too_long',
  'fragment_incomplete',
  'unused_wrapper',
]);

function mutator(rnd: ReturnType<typeof prng>, base: string[]) {
  const fragments = base.filter((l) => /VD[MO],[2-9],/.test(l));
  // Random bytes (as latin1 characters), sliced from one pool so huge lines stay cheap to make.
  let pool = '';
  for (let i = 0; i < 1 << 16; i++) pool += String.fromCharCode(rnd.int(256));
  const garbage = (n: number) => {
    let s = '';
    while (s.length < n) {
      const at = rnd.int(pool.length);
      s += pool.slice(at, at + n - s.length);
    }
    return s;
  };
  const flip = (l: string) => {
    if (l.length === 0) return l;
    const i = rnd.int(l.length);
    return l.slice(0, i) + String.fromCharCode(l.charCodeAt(i) ^ (1 << rnd.int(8))) + l.slice(i + 1);
  };
  const ops: ((l: string) => string | string[])[] = [
    (l) => l, // unchanged
    (l) => l,
    (l) => l.slice(0, rnd.int(l.length + 1)), // truncated
    flip, // one bit flipped
    (l) => flip(flip(flip(l))),
    (l) => l.replace(/\*[0-9A-Fa-f]{2}/, () => `*${rnd.int(256).toString(16).padStart(2, '0')}`), // wrong checksum
    (l) => l.replace(/\*[0-9A-Fa-f]{2}/, ''), // no checksum
    (l) => rnd.pick(fragments.length ? fragments : base), // stray fragment
    (l) => [l, l], // duplicated
    (l) => (rnd.next() > 0.15 ? l : Array.from({ length: 20 + rnd.int(80) }, () => `\\g:1-2-${rnd.int(1e6)}*00\\${rnd.pick(fragments.length ? fragments : base)}`)), // orphan flood
    (l) => l + rnd.pick(base), // two sentences glued
    (l) => `\\s:fz${rnd.int(9)},c:${1_600_000_000 + rnd.int(1e8)}*${rnd.int(256).toString(16)}\\${l}`, // tag block, maybe bad checksum
    (l) => `\\g:${1 + rnd.int(3)}-${1 + rnd.int(3)}-${rnd.int(50)}*00\\${l}`, // random group tags
    (l) => `\\${garbage(rnd.int(30))}\\${l}`,
    (l) => `$PGHP,1,2012,${rnd.int(14)},${rnd.int(33)},5,7,2,151,316,2,316000002,1AIS_S,${rnd.int(256).toString(16)}*00`,
    (l) => garbage(1 + rnd.int(120)), // binary garbage
    (l) => garbage(3000 + rnd.int(50_000)), // huge line
    (l) => l.repeat(2 + rnd.int(60)), // long repetition
    (l) => `  ${l}\r\n`,
    () => '',
    (l) => l.replace(/^[!$]/, ''),
    (l) => l.replace(/,(\d),(\d),/, () => `,${rnd.int(12)},${rnd.int(12)},`), // fragment numbers scrambled
    (l) => l.replace(/,([AB12]?),/, () => `,${garbage(rnd.int(3))},`),
  ];
  return (l: string) => rnd.pick(ops)(l);
}

function gcNow(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('AIS sentence layer fuzz', () => {
  it(`accounts for every one of ${LINES} mutated lines without throwing, within bounded memory`, () => {
    const rnd = prng(SEED);
    const base = corpusPresent ? corpusLines() : generatedLines(rnd);
    const mutate = mutator(rnd, base);
    const gc = gcNow();

    const rejectedLines = new Set<number>();
    const completingLines = new Set<number>();
    let doubleRejections = 0;
    let unknownReasons = 0;
    let badText = 0;
    let messages = 0;
    const decoder = new AisDecoder({
      source: 'fuzz',
      maxPendingFragments: MAX_PENDING,
      fragmentTimeoutLines: 500,
      onMessage: (m) => {
        messages++;
        completingLines.add(m.line);
      },
      onReject: (r) => {
        if (rejectedLines.has(r.line)) doubleRejections++;
        rejectedLines.add(r.line);
        if (!KNOWN_REASONS.has(r.reason)) unknownReasons++;
        if (r.text.length > 200 || typeof r.detail !== 'string' || r.detail === '') badText++;
      },
    });

    let pushed = 0;
    let thrown = 0;
    let maxPending = 0;
    let heapAtWarmup = 0;
    let heapPeak = 0;
    const started = Date.now();
    let i = 0;
    while (pushed < LINES) {
      const out = mutate(base[i++ % base.length]!);
      for (const line of Array.isArray(out) ? out : [out]) {
        try {
          decoder.push(line, pushed % 3 === 0 ? { receivedAtMs: 1_700_000_000_000 + pushed * 50 } : undefined);
        } catch {
          thrown++;
        }
        pushed++;
        if (decoder.pendingFragments > maxPending) maxPending = decoder.pendingFragments;
        if (pushed % 20_000 === 0) {
          gc();
          const h = process.memoryUsage().heapUsed;
          if (pushed === 20_000) heapAtWarmup = h;
          else heapPeak = Math.max(heapPeak, h);
        }
      }
    }
    try {
      decoder.flush();
    } catch {
      thrown++;
    }
    const c = decoder.counters;
    const rejected = Object.values(c.rejected).reduce((a, b) => a + (b ?? 0), 0);
    const growthMb = (heapPeak - heapAtWarmup) / 1e6;
    console.log(
      `fuzz seed ${SEED}: ${pushed} lines in ${Date.now() - started} ms from ${corpusPresent ? 'corpus' : 'generated'} lines; ` +
        `${messages} messages, ${rejected} rejected, max pending fragments ${maxPending}, heap growth after warm-up ${growthMb.toFixed(1)} MB\n` +
        JSON.stringify(c.rejected),
    );

    expect(thrown).toBe(0);
    expect(c.rejected.internal_error ?? 0).toBe(0);
    expect(c.callbackErrors).toBe(0);
    expect(c.lines).toBe(pushed);
    expect(c.consumedLines! + rejected).toBe(pushed);
    expect(c.pendingLines).toBe(0);
    expect(rejectedLines.size).toBe(rejected);
    expect(doubleRejections).toBe(0);
    expect(unknownReasons).toBe(0);
    expect(badText).toBe(0);
    expect([...completingLines].filter((l) => rejectedLines.has(l))).toEqual([]);
    expect(maxPending).toBeLessThanOrEqual(MAX_PENDING);
    expect(decoder.pendingFragments).toBe(0);
    // The decoder keeps only bounded state: the heap does not grow with the number of lines.
    expect(growthMb).toBeLessThan(16);
    // The mix really exercised the paths it is meant to.
    for (const r of ['bad_checksum', 'malformed_sentence', 'not_nmea', 'line_too_long', 'fragment_evicted', 'bad_tag_block', 'unused_wrapper', 'duplicate_fragment'] as const) {
      expect(c.rejected[r] ?? 0, r).toBeGreaterThan(0);
    }
    expect(messages).toBeGreaterThan(pushed / 10);
  });
});
