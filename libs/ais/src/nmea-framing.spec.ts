import { describe, expect, it } from 'vitest';
import { gatehouseTarget, parseGatehouseTime } from './gatehouse-wrapper.js';
import { hexByteAt, toHexByte, xorChecksum } from './nmea-checksum.js';
import { SentenceFields, parseAisSentence } from './nmea-sentence.js';
import { isTagBlockError, parseTagBlock, unixToMs } from './tag-block.js';
import { trailingTimeMs } from './trailing-time.js';

describe('nmea checksum', () => {
  it('XORs the characters between the delimiter and the star; reads hex in either case', () => {
    const s = '!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C';
    expect(toHexByte(xorChecksum(s, 1, s.indexOf('*')))).toBe('5C');
    expect(hexByteAt('*5c', 1)).toBe(0x5c);
    expect(hexByteAt('*5g', 1)).toBe(-1);
    expect(hexByteAt('*5', 1)).toBe(-1);
  });
});

describe('tag blocks', () => {
  const body = (s: string) => parseTagBlock(s, 0, s.length);
  it('reads s:, c: (seconds or ms) and g:, and checks its checksum', () => {
    const t = body('g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37');
    expect(t).toEqual({ source: 'rORBCOMM008', timeMs: 1418169601000, groupIndex: 1, groupCount: 2, groupId: '1604', checksum: 'ok' });
    expect(body('c:1420030798*00')).toMatchObject({ timeMs: 1420030798000, checksum: 'wrong' });
    expect(body('c:1418169601123')).toMatchObject({ timeMs: 1418169601123, checksum: 'absent' });
    expect(body('g:1-2--001,c:1326055296*3C')).toMatchObject({ groupId: '-001', checksum: 'ok' });
    expect(unixToMs(1e9)).toBe(1e12);
  });
  it('reports unusable tag blocks', () => {
    for (const bad of ['c:12x*00', 'g:2-1-1*00', 'g:1-2*00', 'nocolon', 'c:1*0', 'c:1*zz']) {
      const t = body(bad);
      expect(isTagBlockError(t), bad).toBe(true);
    }
  });
});

describe('trailing times', () => {
  const t = (s: string) => trailingTimeMs(s, 0, s.length);
  it('takes the first unix time field: seconds (9-10 digits) or ms (12-13)', () => {
    expect(t('1272412827')).toBe(1272412827000);
    expect(t('1327992119173')).toBe(1327992119173);
    expect(t('b003669794,1272412827')).toBe(1272412827000);
    expect(t('d-109,S2105,t050056.00,T56.13718694,r003669946,1325394060,1325394001')).toBe(1325394060000);
    expect(t('1272412827.5')).toBe(1272412827500);
    expect(t('b003669794')).toBeNull();
    expect(t('')).toBeNull();
  });
});

describe('$PGHP', () => {
  const line = '$PGHP,1,2012,1,31,5,7,2,151,316,2,316000002,1AIS_S,51*77';
  const star = line.indexOf('*');
  it('reads the time and the checksum of the wrapped sentence', () => {
    expect(parseGatehouseTime(line, 6, star)).toBe(Date.UTC(2012, 0, 31, 5, 7, 2, 151));
    expect(gatehouseTarget(line, 6, star)).toBe(0x51);
    const noCs = '$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,*17';
    expect(gatehouseTarget(noCs, 6, noCs.indexOf('*'))).toBe(-1);
  });
  it('explains what is wrong', () => {
    const bad = '$PGHP,1,2012,13,31,5,7,2,151*00';
    expect(parseGatehouseTime(bad, 6, bad.indexOf('*'))).toMatch(/out of range/);
  });
});

describe('AIS sentence fields', () => {
  const parse = (s: string) => {
    const f = new SentenceFields();
    const addr = s.charCodeAt(0) === 33 ? 1 : 0;
    const ok = parseAisSentence(s, addr, s.indexOf(','), s.length, f);
    return { ok, f };
  };
  it('reads every field and what follows the checksum', () => {
    const { ok, f } = parse('!ABVDO,2,1,7,B,55?t0002:AQ3,0*34,1328182324603');
    expect(ok).toBe(false); // checksum made up: nothing is trusted
    expect(f.reason).toBe('bad_checksum');
    const s = '!ABVDO,2,1,7,B,55?t0002:AQ3,0';
    const good = `${s}*${toHexByte(xorChecksum(s, 1, s.length))},1328182324603\\s:x*00\\!AIVDM`;
    const r = parse(good);
    expect(r.ok).toBe(true);
    expect(r.f).toMatchObject({ talker: 'AB', own: true, fragCount: 2, fragNum: 1, seqId: '7', channel: 'B', payload: '55?t0002:AQ3', fillBits: 0, trailingMs: 1328182324603 });
    expect(r.f.next).toBe(good.indexOf('\\'));
  });
});
