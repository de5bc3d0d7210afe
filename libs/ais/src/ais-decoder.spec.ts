import type { AisMessage } from '@seawarden/contracts';
import { describe, expect, it } from 'vitest';
import { AisDecoder, type AisDecoderOptions, type PayloadDecoder, type Rejection } from './ais-decoder.js';
import { toHexByte, xorChecksum } from './nmea-checksum.js';

/**
 * Stand-in payload decoder so these specs exercise the sentence layer alone: it reports
 * the payload it was given. (The real payload layer is covered by its own specs and by the
 * corpus conformance test.)
 */
const standIn: PayloadDecoder = (payload, fillBits) => {
  if (payload.length === 0) return { ok: false, reason: 'payload_too_short', detail: 'empty' };
  if (payload.includes('~')) return { ok: false, reason: 'bad_payload_char', detail: '~' };
  return { ok: true, message: { type: 1, repeat: 0, mmsi: 123456789, payload, fillBits } };
};

/** `!AIVDM`-style sentence with a correct checksum. */
function nmea(body: string, start = '!'): string {
  return `${start}${body}*${toHexByte(xorChecksum(body, 0, body.length))}`;
}
function tag(body: string): string {
  return `\\${body}*${toHexByte(xorChecksum(body, 0, body.length))}\\`;
}

function run(lines: (string | [string, { source?: string | null; receivedAtMs?: number | null }])[], opts: AisDecoderOptions = {}) {
  const messages: AisMessage[] = [];
  const rejections: Rejection[] = [];
  const d = new AisDecoder({ decodePayload: standIn, ...opts, onMessage: (m) => messages.push(m), onReject: (r) => rejections.push(r) });
  for (const l of lines) {
    if (typeof l === 'string') d.push(l);
    else d.push(l[0], l[1]);
  }
  d.flush();
  const c = d.counters;
  const rejected = Object.values(c.rejected).reduce((a, b) => a + (b ?? 0), 0);
  // The accounting invariant holds after every run.
  expect(c.lines).toBe(lines.length);
  expect(c.consumedLines! + rejected).toBe(c.lines);
  expect(c.pendingLines).toBe(0);
  expect(rejections.length).toBe(rejected);
  expect(new Set(rejections.map((r) => r.line)).size).toBe(rejections.length);
  return { messages, rejections, counters: c, decoder: d };
}

const reasons = (rs: Rejection[]) => rs.map((r) => `${r.line}:${r.reason}`);

describe('AisDecoder framing', () => {
  it('decodes VDM and VDO of any talker, both start delimiters, either checksum case', () => {
    const lower = nmea('AIVDM,1,1,,B,LOWER,0').toLowerCase().replace('!aivdm', '!AIVDM').replace(',b,lower,', ',B,LOWER,');
    const { messages } = run([
      nmea('AIVDM,1,1,,A,P1,0'),
      nmea('ABVDM,1,1,,B,P2,0'),
      nmea('BSVDM,1,1,,1,P3,0'),
      nmea('=IVDM,1,1,,2,P4,0'),
      nmea('--VDM,1,1,,0,P5,0'),
      nmea('AIVDO,1,1,,,P6,0'),
      nmea('AIVDM,1,1,,A,P7,0', '$'),
      lower,
    ]);
    expect(messages.map((m) => [m.talker, m.channel, m.own, m.payload, m.line])).toEqual([
      ['AI', 'A', false, 'P1', 1],
      ['AB', 'B', false, 'P2', 2],
      ['BS', '1', false, 'P3', 3],
      ['=I', '2', false, 'P4', 4],
      ['--', '0', false, 'P5', 5],
      ['AI', null, true, 'P6', 6],
      ['AI', 'A', false, 'P7', 7],
      ['AI', 'B', false, 'LOWER', 8],
    ]);
    expect(lower).toMatch(/\*[0-9a-f]{2}$/);
  });

  it('tolerates CRLF and stray whitespace; a lost leading "!" is repaired and counted', () => {
    const s = nmea('AIVDM,1,1,,A,P1,0');
    const { messages, counters } = run([`${s}\r\n`, `  ${s}  `, `\t${s}\r`, s.slice(1)]);
    expect(messages.map((m) => m.line)).toEqual([1, 2, 3, 4]);
    expect(counters.warnings!.missing_start_delimiter).toBe(1);
  });

  it('rejects with typed reasons: checksum, unknown sentence, not NMEA, truncated, empty, too long, bad fields', () => {
    const good = nmea('AIVDM,1,1,,A,P1,0');
    const { rejections, messages } = run(
      [
        good.slice(0, -2) + (good.endsWith('00') ? '01' : '00'),
        nmea('GPRMC,213950.00,A,5250.53669,N', '$'),
        '53l3sj42A590=5Q2220UHE:04',
        good.slice(0, 20),
        '',
        '!' + 'x'.repeat(3000),
        nmea('AIVDM,0,1,,A,P1,0'),
        nmea('AIVDM,2,3,1,A,P1,0'),
        nmea('AIVDM,1,1,,A,P1,7'),
        nmea('AIVDM,1,1,,A,P1'),
        nmea('AIVDM,1,1,,A,,0'),
        nmea('AIVDM,1,1,,A,P~,0'),
        good.replace(/\*..$/, '*ZZ'),
        '!AIVDM',
        nmea('AIVDMX,1,1,,A,P1,0'),
      ],
      { maxLineLength: 2048 },
    );
    expect(messages).toHaveLength(0);
    expect(reasons(rejections)).toEqual([
      '1:bad_checksum',
      '2:unknown_sentence',
      '3:not_nmea',
      '4:malformed_sentence',
      '5:empty_line',
      '6:line_too_long',
      '7:bad_fragment',
      '8:bad_fragment',
      '9:malformed_sentence',
      '10:malformed_sentence',
      '11:payload_too_short',
      '12:bad_payload_char',
      '13:malformed_sentence',
      '14:malformed_sentence',
      '15:unknown_sentence',
    ]);
    expect(rejections[5]!.text.length).toBe(200);
    expect(rejections[1]!.detail).toContain('GPRMC');
  });
});

describe('AisDecoder receive time and source', () => {
  it('takes a trailing unix time in seconds or ms, and the first time of the long NAIS trailer', () => {
    const s = nmea('AIVDM,1,1,,A,P1,0');
    const { messages } = run([
      `${s},1272412827`,
      `${s},1327992119173`,
      `${s},b003669794,1272412827`,
      `${s},d-109,S2105,t050056.00,T56.13718694,r003669946,1325394060,1325394001`,
      s,
    ]);
    expect(messages.map((m) => m.receivedAt)).toEqual([
      '2010-04-28T00:00:27.000Z',
      '2012-01-31T06:41:59.173Z',
      '2010-04-28T00:00:27.000Z',
      '2012-01-01T05:01:00.000Z',
      null,
    ]);
  });

  it('falls back to meta time and source, then the decoder source', () => {
    const s = nmea('AIVDM,1,1,,A,P1,0');
    const { messages } = run([[s, { receivedAtMs: Date.UTC(2024, 0, 1), source: 'feed-2' }], s, [`${tag('s:station9,c:1700000000')}${s}`, { source: 'feed-2', receivedAtMs: 5 }]], {
      source: 'feed-1',
    });
    expect(messages.map((m) => [m.source, m.receivedAt])).toEqual([
      ['feed-2', '2024-01-01T00:00:00.000Z'],
      ['feed-1', null],
      ['station9', '2023-11-14T22:13:20.000Z'],
    ]);
  });
});

describe('AisDecoder tag blocks', () => {
  const s = nmea('ABVDM,1,1,4,B,P1,0');
  it('parses s: and c: (seconds or ms) and skips other tags', () => {
    const { messages } = run([`${tag('s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53')}${s}`, `${tag('c:1418172113123,n:7,r:100')}${s}`]);
    expect(messages.map((m) => [m.source, m.receivedAt, m.warnings])).toEqual([
      ['rORBCOMM104', '2014-12-10T00:41:53.000Z', undefined],
      [null, '2014-12-10T00:41:53.123Z', undefined],
    ]);
  });

  it('accepts a wrong tag-block checksum when the sentence checksum is right, and counts and flags it', () => {
    const { messages, counters } = run([`\\c:1420030798*00\\${s}`, `\\c:1420030798\\${s}`]);
    expect(messages.map((m) => m.warnings)).toEqual([['tag_block_checksum'], ['tag_block_no_checksum']]);
    expect(messages[0]!.receivedAt).toBe('2014-12-31T12:59:58.000Z');
    expect(counters.warnings).toMatchObject({ tag_block_checksum: 1, tag_block_no_checksum: 1 });
  });

  it('rejects unusable tag blocks', () => {
    const { rejections } = run([`\\c:1420030798*00${s}`, `${tag('c:soon')}${s}`, `${tag('g:3-2-9')}${s}`, `${tag('cfoo')}${s}`, tag('s:x')]);
    expect(reasons(rejections)).toEqual(['1:bad_tag_block', '2:bad_tag_block', '3:bad_tag_block', '4:bad_tag_block', '5:bad_tag_block']);
  });

  it('joins g: groups whose fragments are not adjacent, in any order, with s: and c: from the first', () => {
    const { messages, rejections } = run([
      `${tag('g:1-2-1604,s:rORBCOMM008,c:1418169601')}${nmea('AIVDM,2,1,6,A,FIRST,0')}`,
      `${tag('s:rORBCOMM104,c:1418172113')}${nmea('AIVDM,1,1,,B,OTHER,0')}`,
      `${tag('g:2-2-1604')}${nmea('AIVDM,2,2,6,A,SECOND,2')}`,
      `${tag('g:2-2-77')}${nmea('AIVDM,2,2,6,A,LATE2,2')}`,
      `${tag('s:rORBCOMM104,c:1418172113')}${nmea('AIVDM,1,1,,B,OTHER,0')}`,
      `${tag('s:rORBCOMM104,c:1418172113')}${nmea('AIVDM,1,1,,B,OTHER,0')}`,
      `${tag('g:1-2-77,s:sat,c:1418172113')}${nmea('AIVDM,2,1,6,A,EARLY1,0')}`,
    ]);
    expect(rejections).toEqual([]);
    expect(messages.map((m) => [m.line, m.payload, m.fillBits, m.source, m.receivedAt])).toEqual([
      [2, 'OTHER', 0, 'rORBCOMM104', '2014-12-10T00:41:53.000Z'],
      [3, 'FIRSTSECOND', 2, 'rORBCOMM008', '2014-12-10T00:00:01.000Z'],
      [5, 'OTHER', 0, 'rORBCOMM104', '2014-12-10T00:41:53.000Z'],
      [6, 'OTHER', 0, 'rORBCOMM104', '2014-12-10T00:41:53.000Z'],
      [7, 'EARLY1LATE2', 2, 'sat', '2014-12-10T00:41:53.000Z'],
    ]);
  });
});

describe('AisDecoder $PGHP wrappers', () => {
  /** A `$PGHP` whose last field names the checksum of the sentence(s) it wraps. */
  const pghp = (ms: number, ...sentences: string[]) => {
    const cs = sentences.reduce((x, s) => x ^ parseInt(s.slice(-2), 16), 0);
    return nmea(`PGHP,1,2010,6,11,11,46,11,${ms},231,45,992190934,1,${toHexByte(cs)}`, '$');
  };
  const s1 = nmea('AIVDM,1,1,,B,P1,0');
  const s2 = nmea('AIVDM,1,1,,B,P2,0');
  const f1 = nmea('AIVDM,2,1,1,,A1,0');
  const f2 = nmea('AIVDM,2,2,1,,A2,2');

  it('gives its time to the sentence (or multi-part group) after it and is consumed with it', () => {
    const { messages, counters } = run([pghp(390, s1), s1, pghp(391, f1, f2), f1, f2, s2]);
    expect(messages.map((m) => [m.line, m.receivedAt])).toEqual([
      [2, '2010-06-11T11:46:11.390Z'],
      [5, '2010-06-11T11:46:11.391Z'],
      [6, null],
    ]);
    expect(counters.consumedLines).toBe(6);
  });

  it('finds its sentence by checksum a few lines before or after it (once the stream has shown wrappers)', () => {
    const { messages, rejections } = run([pghp(50, s2), s2, s1, pghp(100, s1), pghp(200, s2), nmea('GPGSA,A,3', '$'), nmea('AIVDM,1,1,,B,Q,0'), s2]);
    expect(reasons(rejections)).toEqual(['6:unknown_sentence']);
    expect(messages.map((m) => [m.line, m.receivedAt])).toEqual([
      [2, '2010-06-11T11:46:11.050Z'],
      [3, '2010-06-11T11:46:11.100Z'],
      [7, null],
      [8, '2010-06-11T11:46:11.200Z'],
    ]);
  });

  it('holds messages of a wrapper stream for a few lines only; deliverHeld releases them at once', () => {
    const got: number[] = [];
    const d = new AisDecoder({ decodePayload: standIn, onMessage: (m) => got.push(m.line) });
    d.push(pghp(1, s1));
    d.push(s1);
    d.push(s2);
    expect(got).toEqual([2]);
    d.deliverHeld();
    expect(got).toEqual([2, 3]);
  });

  it('prefers the wrapper time to a trailing logging time', () => {
    const { messages } = run([`${pghp(390, s1)},1327992119157`, `${s1},1327992119173`]);
    expect(messages[0]!.receivedAt).toBe('2010-06-11T11:46:11.390Z');
  });

  it('accepts cs 00 for the sentence right after it (own-ship sentences in DMA captures)', () => {
    const own = nmea('AIVDO,1,1,,,P9,0');
    const { messages } = run([nmea('PGHP,1,2010,6,11,11,46,12,105,331,49,993310001,1,00', '$'), own]);
    expect(messages.map((m) => [m.own, m.receivedAt])).toEqual([[true, '2010-06-11T11:46:12.105Z']]);
  });

  it('rejects a wrapper whose sentence never comes (or is rejected) as unused_wrapper', () => {
    const bad = s1.replace(/..$/, '00');
    const filler = Array.from({ length: 9 }, () => nmea('GPGSA,A,3', '$'));
    const { rejections } = run([pghp(1, s1), bad, ...filler, pghp(2, s2), pghp(3, s2)]);
    expect(reasons(rejections)).toEqual([
      '2:bad_checksum',
      ...filler.slice(0, 7).map((_, i) => `${i + 3}:unknown_sentence`),
      '1:unused_wrapper',
      '10:unknown_sentence',
      '11:unknown_sentence',
      '12:unused_wrapper',
      '13:unused_wrapper',
    ]);
  });

  it('rejects a wrapper with a bad checksum or no time', () => {
    const p = pghp(1, s1);
    const { rejections } = run([p.replace(/..$/, '00'), nmea('PGHP,1,2010,6', '$'), nmea('PGHP,2,2010,6,11,11,46,11,390', '$')]);
    expect(reasons(rejections)).toEqual(['1:bad_checksum', '2:malformed_sentence', '3:malformed_sentence']);
  });
});

describe('AisDecoder fragment reassembly', () => {
  const frag = (n: number, k: number, seq: string, ch: string, p: string) => nmea(`AIVDM,${n},${k},${seq},${ch},${p},${k === n ? 2 : 0}`);

  it('reassembles interleaved messages on different sequence ids and channels', () => {
    const { messages, rejections } = run([frag(2, 1, '1', 'A', 'a1'), frag(2, 1, '2', 'A', 'b1'), frag(2, 1, '1', 'B', 'c1'), frag(2, 2, '2', 'A', 'b2'), frag(2, 2, '1', 'A', 'a2'), frag(2, 2, '1', 'B', 'c2')]);
    expect(rejections).toEqual([]);
    expect(messages.map((m) => [m.line, m.payload])).toEqual([
      [4, 'b1b2'],
      [5, 'a1a2'],
      [6, 'c1c2'],
    ]);
  });

  it('keeps the good messages around a missing fragment', () => {
    const { messages, rejections } = run([frag(2, 1, '3', 'A', 'x1'), frag(2, 1, '3', 'A', 'a1'), frag(2, 2, '3', 'A', 'a2'), frag(2, 2, '4', 'A', 'orphan'), frag(3, 1, '5', 'A', 'y1'), frag(3, 3, '5', 'A', 'y3')]);
    expect(messages.map((m) => m.payload)).toEqual(['a1a2']);
    expect(reasons(rejections)).toEqual(['1:fragment_incomplete', '4:fragment_incomplete', '5:fragment_incomplete', '6:fragment_incomplete']);
  });

  it('rejects a repeated fragment as duplicate and still completes the message', () => {
    const { messages, rejections } = run([frag(2, 1, '3', 'A', 'a1'), frag(2, 1, '3', 'A', 'a1'), frag(2, 2, '3', 'A', 'a2')]);
    expect(messages.map((m) => m.payload)).toEqual(['a1a2']);
    expect(reasons(rejections)).toEqual(['2:duplicate_fragment']);
  });

  it('accepts out-of-order fragments close together, but never joins an old orphan to a new message', () => {
    const near = run([frag(3, 2, '1', 'A', 'b'), frag(3, 3, '1', 'A', 'c'), frag(3, 1, '1', 'A', 'a')]);
    expect(near.messages.map((m) => [m.line, m.payload])).toEqual([[3, 'abc']]);
    const filler = Array.from({ length: 12 }, () => nmea('AIVDM,1,1,,B,F,0'));
    const far = run([frag(2, 2, '1', 'A', 'orphan'), ...filler, frag(2, 1, '1', 'A', 'n1'), frag(2, 2, '1', 'A', 'n2')]);
    expect(far.messages.filter((m) => m.payload !== 'F').map((m) => m.payload)).toEqual(['n1n2']);
    expect(reasons(far.rejections)).toEqual(['1:fragment_incomplete']);
    // Without a sequence id there is nothing to tell messages apart: order is required.
    const noSeq = run([frag(2, 2, '', 'A', 'orphan'), frag(2, 1, '', 'A', 'n1'), frag(2, 2, '', 'A', 'n2')]);
    expect(noSeq.messages.map((m) => m.payload)).toEqual(['n1n2']);
  });

  it('times out a group by receive time per source, and by lines when there is no time', () => {
    const t0 = 1_700_000_000_000;
    const lines: [string, { receivedAtMs: number }][] = [[frag(2, 1, '1', 'A', 'old'), { receivedAtMs: t0 }]];
    for (let i = 1; i <= 70; i++) lines.push([nmea('AIVDM,1,1,,B,F,0'), { receivedAtMs: t0 + i * 1000 }]);
    lines.push([frag(2, 2, '1', 'A', 'x'), { receivedAtMs: t0 + 71_000 }]);
    const timed = run(lines);
    expect(reasons(timed.rejections)).toEqual(['1:fragment_timeout', '72:fragment_incomplete']);
    expect(timed.rejections[0]!.detail).toMatch(/no fragment for 6\d s/);

    const untimed = [frag(2, 1, '1', 'A', 'old'), ...Array.from({ length: 200 }, () => nmea('AIVDM,1,1,,B,F,0'))];
    const byLines = run(untimed, { fragmentTimeoutLines: 100 });
    expect(reasons(byLines.rejections)).toEqual(['1:fragment_timeout']);
  });

  it('stays within maxPendingFragments under an orphan flood, evicting the oldest (counted)', () => {
    const rej: Rejection[] = [];
    const d = new AisDecoder({ decodePayload: standIn, maxPendingFragments: 50, onReject: (r) => rej.push(r) });
    let peak = 0;
    for (let i = 0; i < 5000; i++) {
      d.push(frag(3, 1, String(i % 10), 'ABCDEFGH'[i % 8]!, `o${i}`), { source: `rx${i % 97}` });
      peak = Math.max(peak, d.pendingFragments);
    }
    expect(peak).toBe(50);
    d.flush();
    expect(d.pendingFragments).toBe(0);
    expect(d.counters.rejected.fragment_evicted! + d.counters.rejected.fragment_incomplete!).toBe(5000);
    expect(d.counters.rejected.fragment_evicted).toBeGreaterThan(4000);
  });

  it('decodes two sentences glued on one line, and accounts the line once', () => {
    const a = `${tag('s:rMT2083,c:1698785948')}${frag(2, 1, '8', 'A', 'g1')}`;
    const b = `${tag('s:rMT2083,c:1698785947')}${frag(2, 2, '8', 'A', 'g2')}`;
    const single = nmea('AIVDM,1,1,,B,S,0');
    const { messages, rejections, counters } = run([a + b, single + single, single + single.slice(0, 9), `${tag('c:1')}${frag(2, 1, '1', 'A', 'lone')}${tag('g:2-1-1')}${frag(2, 2, '1', 'A', 'x')}`]);
    expect(messages.map((m) => [m.line, m.payload, m.source, m.receivedAt])).toEqual([
      [1, 'g1g2', 'rMT2083', '2023-10-31T20:59:08.000Z'],
      [2, 'S', null, null],
      [2, 'S', null, null],
      [3, 'S', null, null],
    ]);
    expect(reasons(rejections)).toEqual(['4:bad_tag_block']);
    expect(counters.consumedLines).toBe(3);
    expect(counters.warnings!.glued_line).toBe(4);
  });
});

describe('AisDecoder never throws', () => {
  it('counts a payload decoder crash as internal_error and carries on', () => {
    let n = 0;
    const crashing: PayloadDecoder = (p, f) => {
      if (++n === 2) throw new Error('boom');
      return standIn(p, f);
    };
    const { messages, rejections } = run([nmea('AIVDM,1,1,,A,P1,0'), nmea('AIVDM,1,1,,A,P2,0'), nmea('AIVDM,1,1,,A,P3,0')], { decodePayload: crashing });
    expect(messages.map((m) => m.payload)).toEqual(['P1', 'P3']);
    expect(reasons(rejections)).toEqual(['2:internal_error']);
    expect(rejections[0]!.detail).toContain('boom');
  });

  it('survives throwing callbacks and non-string input', () => {
    const d = new AisDecoder({
      decodePayload: standIn,
      onMessage: () => {
        throw new Error('consumer bug');
      },
      onReject: () => {
        throw new Error('consumer bug');
      },
    });
    d.push(nmea('AIVDM,1,1,,A,P1,0'));
    d.push('junk');
    d.push(undefined as unknown as string);
    d.flush();
    expect(d.counters.callbackErrors).toBe(3);
    expect(d.counters.messages).toBe(1);
    expect(d.counters.pendingLines).toBe(0);
  });
});

describe('AisDecoder fragment expiry on a live feed', () => {
  it('joins a tag-block group whose first fragment carries a time from another epoch', () => {
    // The simulator and replays put scenario times in c: on the first fragment only, while
    // the feed stamps every line with the wall clock: the group must not expire between them.
    const now = Date.UTC(2026, 10, 29, 12);
    const scenario = Date.UTC(2026, 6, 18, 4) / 1000;
    const { messages, rejections } = run([
      [tag(`g:1-2-7,s:STATION,c:${scenario}`) + nmea('AIVDM,2,1,0,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0'), { source: 'sim', receivedAtMs: now }],
      [tag('g:2-2-7') + nmea('AIVDM,2,2,0,B,1@0000000000000,2'), { source: 'sim', receivedAtMs: now + 20 }],
    ]);
    expect(rejections).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.receivedAt).toBe(new Date(scenario * 1000).toISOString());
  });
});
