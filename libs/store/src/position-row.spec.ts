import { describe, expect, it } from 'vitest';
import type { AisMessage } from '@seawarden/contracts';
import { PositionColumns, toCopyBinary, toPositionRow, type PositionRow } from './position-row.js';

const msg = (over: Partial<AisMessage> = {}): AisMessage => ({
  type: 1, repeat: 0, mmsi: 412000001, channel: 'A', talker: 'AI', own: false, line: 1,
  receivedAt: '2026-06-10T01:02:03.456Z', source: 'rx1', lat: 29.95, lon: 122.3, sog: 8.2, cog: 91.5, heading: 90, navStatus: 0, ...over,
});

describe('toPositionRow', () => {
  it('keeps a usable position with its receive time', () => {
    expect(toPositionRow(msg(), 0)).toEqual([Date.parse('2026-06-10T01:02:03.456Z'), 412000001, 29.95, 122.3, 8.2, 91.5, 90, 0, 1, 'rx1', false]);
  });
  it('uses the writer clock when the message has no time', () => {
    expect(toPositionRow(msg({ receivedAt: null }), 1234)![0]).toBe(1234);
  });
  it('skips messages without a usable position or MMSI', () => {
    expect(toPositionRow(msg({ lat: null }), 0)).toBeNull();
    expect(toPositionRow(msg({ lat: 91 }), 0)).toBeNull();
    expect(toPositionRow(msg({ lon: 181 }), 0)).toBeNull();
    expect(toPositionRow(msg({ mmsi: 0 }), 0)).toBeNull();
    expect(toPositionRow(msg({ type: 5, lat: undefined, lon: undefined }), 0)).toBeNull();
  });
  it('nulls out-of-range optional values instead of failing the batch', () => {
    const r = toPositionRow(msg({ sog: -1, cog: 400, heading: 1.5, navStatus: null }), 0)!;
    expect(r.slice(4, 8)).toEqual([null, null, null, null]);
  });
});

describe('COPY encodings', () => {
  const rows: PositionRow[] = [
    [Date.parse('2026-06-10T01:02:03.456Z'), 412000001, 29.95, 122.3, 8.5, null, 90, null, 18, 'a\tb', true],
    // As spilled before the overview mark existed: no 11th element, written as false.
    [Date.parse('1999-12-31T23:59:59.999Z'), 1, -10, -170, null, 1, null, 2, 1, null],
  ];
  it('writes binary tuples PostgreSQL can read back (times before 2000 too), by vessel then time', () => {
    const buf = toCopyBinary(PositionColumns.fromRows(rows));
    expect(buf.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
    let o = 19;
    const readRow = () => {
      expect(buf.readInt16BE(o)).toBe(11);
      o += 2;
      const field = () => {
        const n = buf.readInt32BE(o);
        o += 4;
        if (n < 0) return null;
        const b = buf.subarray(o, o + n);
        o += n;
        return b;
      };
      const us = field()!.readBigInt64BE();
      return [Number(us / 1000n) + Date.UTC(2000, 0, 1), field()!.readInt32BE(), field()!.readDoubleBE(), field()!.readDoubleBE(),
        field()?.readFloatBE() ?? null, field()?.readFloatBE() ?? null, field()?.readInt16BE() ?? null, field()?.readInt16BE() ?? null,
        field()!.readInt16BE(), field()?.toString('utf8') ?? null, field()!.readUInt8() === 1];
    };
    const first = readRow(); // MMSI 1 sorts first
    expect(first[0]).toBe(rows[1]![0]);
    expect(first.slice(1)).toEqual([...rows[1]!.slice(1), false]);
    expect(readRow()).toEqual(rows[0]);
    expect(buf.readInt16BE(o)).toBe(-1);
    expect(o + 2).toBe(buf.length);
  });
});

describe('PositionColumns', () => {
  it('gives back the rows it was given, nulls included, and the rows toPositionRow makes from messages', () => {
    const rows: PositionRow[] = [
      [1000, 412000001, 29.95, 122.3, 8.5, null, 90, null, 18, 'a', true],
      [2000, 412000002, -10, -170, null, 1, null, 2, 1, null, false],
      [3000, 412000003, 0.5, 0.5, 0, 0, 0, 0, 3, 'b', false],
    ];
    const c = PositionColumns.fromRows(rows);
    expect(c.toRows()).toEqual(rows);
    const m = new PositionColumns(4);
    for (const over of [{}, { sog: -1, cog: 400, heading: 1.5, navStatus: null }, { lat: null }, { receivedAt: null, source: undefined }]) {
      const expected = toPositionRow(msg(over as Partial<AisMessage>), 77);
      expect(m.pushMessage(msg(over as Partial<AisMessage>), 77)).toBe(expected !== null);
      if (expected) expect(m.row(m.length - 1)).toEqual(expected);
    }
    expect(m.length).toBe(3);
    expect(m.trimmed().toRows()).toEqual(m.toRows());
    expect(m.trimmed().capacity).toBe(3);
    m.pushRow(rows[0]!);
    expect(() => m.pushRow(rows[0]!)).toThrow(/full \(4 rows\)/);
  });
  it('orders rows by vessel, then time', () => {
    const c = PositionColumns.fromRows([
      [3000, 2, 0, 0, null, null, null, null, 1, null],
      [1000, 2, 0, 0, null, null, null, null, 1, null],
      [2000, 1, 0, 0, null, null, null, null, 1, null],
    ]);
    expect([...c.order()]).toEqual([2, 1, 0]);
  });
});
