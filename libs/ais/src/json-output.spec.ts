/**
 * The decoder's JSON Lines output (`jsonOut`, per-layout writers into bytes) must be byte for
 * byte `JSON.stringify(m) + '\n'` of the message objects it delivers: same keys, same order,
 * same number texts. Checked on random payloads of every type (all layouts, text with `"`/`\`,
 * odd channels and sources), on `$PGHP`-held messages and, when present, on the whole corpus.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AisDecoder } from './ais-decoder.js';
import { toHexByte, xorChecksum } from './nmea-checksum.js';
import { JsonSink } from './payload/json-sink.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/ais-corpus/', import.meta.url));
const HAVE_CORPUS = existsSync(CORPUS);
if (!HAVE_CORPUS) console.warn(`json-output.spec: corpus not found at ${CORPUS}; corpus comparison skipped`);

/** Decodes `lines` twice over (objects and bytes) and returns both outputs as text. */
function both(lines: { text: string; source?: string | null }[], capacity = 64): { want: string; got: string; messages: number } {
  let want = '';
  let messages = 0;
  const sink = new JsonSink(capacity);
  const chunks: Buffer[] = [];
  const d = new AisDecoder({
    onMessage: (m) => {
      messages++;
      want += JSON.stringify(m) + '\n';
    },
    jsonOut: sink,
  });
  for (const l of lines) {
    d.push(l.text, l.source === undefined ? undefined : { source: l.source });
    if (sink.length > 1000) chunks.push(sink.take());
  }
  d.flush();
  chunks.push(sink.take());
  return { want, got: Buffer.concat(chunks).toString('utf8'), messages };
}

function prng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const ARMOR = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw';
const sentence = (body: string) => `!${body}*${toHexByte(xorChecksum(body, 0, body.length))}`;

describe('decoder JSON Lines output (jsonOut)', () => {
  it('equals JSON.stringify of the delivered messages on random payloads of every type', () => {
    const rnd = prng(8);
    const sources = ['x\u0001y', 'caf\u00e9', 'q"\\', null, '\ud800', 'Zs', '工'];
    const channels = ['A', 'B', '', '1', '"', '\\', 'é'];
    const lines: { text: string; source?: string | null }[] = [];
    for (let i = 0; i < 40_000; i++) {
      let p = ARMOR[1 + rnd(27)]!;
      const len = 6 + rnd(90);
      for (let k = 1; k < len; k++) p += ARMOR[rnd(64)];
      const body = `AIVDM,1,1,,${channels[rnd(channels.length)]},${p},${rnd(6)}`;
      // A tag block with a wrong checksum adds a sentence-layer warning (after the sentence fields).
      const tag = rnd(4) === 0 ? `\\s:st${rnd(9)},c:${1_700_000_000 + i}*00\\` : '';
      lines.push({ text: tag + sentence(body), source: sources[rnd(sources.length)] });
    }
    const { want, got, messages } = both(lines);
    expect(messages).toBeGreaterThan(20_000);
    expect(got).toBe(want);
  });

  it('equals JSON.stringify for messages held for a $PGHP wrapper and timed by it', () => {
    const s1 = sentence('AIVDM,1,1,,A,15MgK45P3@G?fl0E`JbR0OwT0@MS,0');
    const cs = xorChecksum(s1, 1, s1.length - 3);
    const pghp = (body: string) => `$${body}*${toHexByte(xorChecksum(body, 0, body.length))}`;
    const lines = [
      { text: pghp(`PGHP,1,2010,6,11,11,46,11,929,231,45,992190934,1,${toHexByte(cs)}`) },
      { text: s1 },
      { text: sentence('AIVDM,1,1,,B,15MgK45P3@G?fl0E`JbR0OwT0@MS,0') },
      { text: pghp('PGHP,1,2010,6,11,11,46,12,0,231,45,992190934,1,00') },
    ];
    const { want, got, messages } = both(lines);
    expect(messages).toBe(2);
    expect(want).toContain('"receivedAt":"2010-06-11T11:46:11.929Z"');
    expect(got).toBe(want);
  });

  describe.skipIf(!HAVE_CORPUS)('on the corpus', () => {
    it('equals JSON.stringify for every file of ../shared/ais-corpus', () => {
      const files = readdirSync(CORPUS).filter((f) => f.endsWith('.nmea') || f.endsWith('.aivdm'));
      let total = 0;
      for (const f of files) {
        const lines = readFileSync(CORPUS + f, 'latin1')
          .split('\n')
          .map((text) => ({ text }));
        const { want, got, messages } = both(lines, 1 << 16);
        total += messages;
        expect(got, f).toBe(want);
      }
      expect(total).toBeGreaterThan(10_000);
    });
  });
});

describe('JsonSink', () => {
  const write = (f: (s: JsonSink) => void) => {
    const s = new JsonSink(4);
    f(s);
    return s.take().toString('utf8');
  };

  it('writes numbers as JSON.stringify does', () => {
    const values = [0, -0, 1, 9, 10, 99, 100, 4294967295, 4294967296, 2 ** 53, -1, -123456, 0.1, 9.6, -32.908833333333334, 1e21, 5e-7, 1e-7, NaN, Infinity, -Infinity, null];
    for (const v of values) expect(write((s) => s.num(v)), String(v)).toBe(JSON.stringify(v));
  });

  it('writes lat/lon values (raw/600000, raw/600) as JSON.stringify does', () => {
    const rnd = prng(3);
    for (let i = 0; i < 20_000; i++) {
      const raw = rnd(2 ** 28) - 2 ** 27;
      for (const div of [600000, 600]) {
        const v = raw / div;
        expect(write((s) => s.sixths(v, div, div === 600 ? 3 : 6, div === 600 ? 1000 : 1e6))).toBe(JSON.stringify(v));
      }
    }
  });

  it('escapes strings as JSON.stringify does, and grows past its capacity', () => {
    const strings = ['', 'plain', 'q"uote', 'back\\slash', 'tab\tnl\n', '\u0000\u001f\u007f', 'café', '工', '\ud800x', 'x'.repeat(5000)];
    for (const v of strings) {
      expect(write((s) => s.str(v))).toBe(JSON.stringify(v));
      expect(write((s) => s.any(v))).toBe(JSON.stringify(v));
    }
    expect(write((s) => s.text('A"B\\C @'))).toBe(JSON.stringify('A"B\\C @'));
    expect(write((s) => s.any(['a', 'b']))).toBe('["a","b"]');
  });
});
