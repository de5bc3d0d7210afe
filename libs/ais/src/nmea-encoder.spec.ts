import type { AisMessage } from '@seawarden/contracts';
import { describe, expect, it } from 'vitest';
import { AisDecoder } from './ais-decoder.js';
import { encodeMessage } from './nmea-encoder.js';

function decodeAll(lines: string[]) {
  const out: AisMessage[] = [];
  const d = new AisDecoder({ onMessage: (m) => out.push(m), onReject: (r) => out.push({ rejected: r } as unknown as AisMessage) });
  for (const l of lines) d.push(l);
  d.flush();
  return { out, counters: d.counters };
}

const position = { type: 1, repeat: 0, mmsi: 412345678, navStatus: 0, rot: 0, sog: 12.3, accuracy: true, lon: 122.3136, lat: 29.9584, cog: 87.5, heading: 88, second: 14 };
const voyage = {
  type: 5,
  repeat: 0,
  mmsi: 412345678,
  imo: 9123456,
  callsign: 'BXYZ9',
  name: 'ZHE PU YU 12345',
  shipType: 30,
  toBow: 20,
  toStern: 10,
  toPort: 3,
  toStarboard: 4,
  draught: 3.5,
  destination: 'SHENJIAMEN',
};

describe('encodeMessage', () => {
  it('writes one checksummed sentence for a position report and decodes back', () => {
    const lines = encodeMessage(position);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^!AIVDM,1,1,,A,[0-9:;<=>?@A-W`a-w]+,0\*[0-9A-F]{2}$/);
    const { out } = decodeAll(lines);
    expect(out[0]).toMatchObject({ ...position, talker: 'AI', channel: 'A', own: false, line: 1 });
  });

  it('splits a long payload into sentences of at most 82 characters with CR LF', () => {
    const lines = encodeMessage(voyage, { sequenceId: 7, channel: 'B', talker: 'BS' });
    expect(lines.length).toBe(2);
    for (const l of lines) expect(l.length + 2).toBeLessThanOrEqual(82);
    expect(lines[0]).toMatch(/^!BSVDM,2,1,7,B,/);
    expect(lines[1]).toMatch(/^!BSVDM,2,2,7,B,/);
    const { out } = decodeAll(lines);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ ...voyage, line: 2, talker: 'BS', channel: 'B' });
  });

  it('puts a checksummed tag block on the first sentence and g: group tags on every part', () => {
    const lines = encodeMessage(voyage, { tagBlock: { s: 'zhoushan-1', c: 1_717_200_000, groupId: 42 } });
    expect(lines[0]).toMatch(/^\\g:1-2-42,s:zhoushan-1,c:1717200000\*[0-9A-F]{2}\\!AIVDM,2,1,/);
    expect(lines[1]).toMatch(/^\\g:2-2-42\*[0-9A-F]{2}\\!AIVDM,2,2,/);
    // Group tags let the parts be joined even when other traffic comes between them.
    const { out, counters } = decodeAll([lines[0]!, ...encodeMessage(position), lines[1]!]);
    expect(counters.warnings).toEqual({});
    expect(out.map((m) => [m.type, m.line, m.source, m.receivedAt])).toEqual([
      [1, 2, null, null],
      [5, 3, 'zhoushan-1', '2024-06-01T00:00:00.000Z'],
    ]);
    const single = encodeMessage(position, { tagBlock: { c: 1_717_200_000 } });
    expect(single[0]).toMatch(/^\\c:1717200000\*[0-9A-F]{2}\\!AIVDM,1,1,,A,/);
  });

  it('writes VDO for own-ship messages', () => {
    expect(encodeMessage({ ...position, own: true })[0]).toMatch(/^!AIVDO,/);
    expect(encodeMessage(position, { own: true })[0]).toMatch(/^!AIVDO,/);
  });

  it('refuses a talker that is not two characters and a sequence id outside 0-9', () => {
    expect(() => encodeMessage(position, { talker: 'A' })).toThrow(RangeError);
    expect(() => encodeMessage(voyage, { sequenceId: 10 })).toThrow(RangeError);
  });
});
