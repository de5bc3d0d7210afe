import { describe, expect, it } from 'vitest';
import { decodePayload } from './decode-payload.js';
import { encodePayload, PayloadEncodeError } from './encode-payload.js';

function decode(p: { payload: string; fillBits: number }): Record<string, unknown> {
  const r = decodePayload(p.payload, p.fillBits);
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return r.message;
}

function encodeError(m: Record<string, unknown>): PayloadEncodeError {
  try {
    encodePayload(m);
  } catch (e) {
    if (e instanceof PayloadEncodeError) return e;
    throw e;
  }
  throw new Error('expected a PayloadEncodeError');
}

describe('encodePayload', () => {
  it('re-encodes real payloads bit for bit', () => {
    for (const [payload, fillBits] of [
      ['15N1u<PP1FJuvSRHOE6QIwwh0HQ6', 0],
      ['B5MiOp0006g4up6:EV403wr5oP06', 0],
      ['H5MiOp1:uJ0MDhJ0<P4hhDpLE80', 2],
      ['63iHnT00OEGp06P0h0', 4],
    ] as const) {
      expect(encodePayload(decode({ payload, fillBits }))).toEqual({ payload, fillBits });
    }
  });

  it('writes full-length messages with fill bits (type 1: 168 bits, type 5: 424 bits)', () => {
    expect(encodePayload({ type: 1, mmsi: 412000001 })).toMatchObject({ fillBits: 0 });
    expect(encodePayload({ type: 1, mmsi: 412000001 }).payload).toHaveLength(28);
    const t5 = encodePayload({ type: 5, mmsi: 412000001, name: 'ZHE PU YU 1' });
    expect(t5.payload).toHaveLength(71);
    expect(t5.fillBits).toBe(2);
  });

  it('writes missing and null fields as not available', () => {
    const m = decode(encodePayload({ type: 1, mmsi: 412000001, lat: null }));
    expect(m).toMatchObject({ rot: null, sog: null, lat: null, lon: null, cog: null, heading: null, second: null, navStatus: 0 });
    const t5 = decode(encodePayload({ type: 5, mmsi: 412000001 }));
    expect(t5).toMatchObject({ imo: null, name: null, callsign: null, draught: null, eta: null, etaHour: null });
  });

  it('takes ETA from an `MM-DDTHH:MMZ` or ISO string when its parts are not given', () => {
    expect(decode(encodePayload({ type: 5, mmsi: 412000001, eta: '07-15T08:30Z' }))).toMatchObject({ etaMonth: 7, etaDay: 15, etaHour: 8, etaMinute: 30, eta: '07-15T08:30Z' });
    expect(decode(encodePayload({ type: 5, mmsi: 412000001, eta: '2026-08-01T23:05:00Z' })).eta).toBe('08-01T23:05Z');
  });

  it('upper-cases text and pads with @', () => {
    expect(decode(encodePayload({ type: 24, partNo: 0, mmsi: 412000001, name: 'Lao Wang' })).name).toBe('LAO WANG');
  });

  it('clamps ROT beyond the measurable range to ±127 (turning fast)', () => {
    expect(decode(encodePayload({ type: 1, mmsi: 412000001, rot: 5000 })).rot).toBeCloseTo(720.003, 3);
    expect(decode(encodePayload({ type: 1, mmsi: 412000001, rot: -5000 })).rot).toBeCloseTo(-720.003, 3);
  });

  it('encodes type 8 persons on board (DAC 1 FI 16) and raw application data', () => {
    const pob = encodePayload({ type: 8, mmsi: 412000001, dac: 1, fid: 16, personsOnBoard: 12 });
    expect(decode(pob)).toMatchObject({ type: 8, dac: 1, fid: 16, personsOnBoard: 12 });
    const raw = decode(encodePayload({ type: 8, mmsi: 412000001, dac: 366, fid: 56, data: 'deadbeef5', dataBits: 34 }));
    expect(raw).toMatchObject({ dac: 366, fid: 56, dataBits: 34, data: 'deadbeef4' });
  });

  it('throws a typed error naming the field for values that do not fit', () => {
    expect(encodeError({ type: 0, mmsi: 1 }).field).toBe('type');
    expect(encodeError({ type: 28, mmsi: 1 }).field).toBe('type');
    expect(encodeError({ type: 1, mmsi: 2 ** 30 }).field).toBe('mmsi');
    expect(encodeError({ type: 1, mmsi: 412000001, lat: 120 }).field).toBe('lat');
    expect(encodeError({ type: 1, mmsi: 412000001, sog: 'fast' })).toMatchObject({ field: 'sog', value: 'fast' });
    expect(encodeError({ type: 5, mmsi: 412000001, name: 'A NAME LONGER THAN TWENTY' }).message).toMatch(/longer than 20/);
    expect(encodeError({ type: 5, mmsi: 412000001, callsign: 'BÉ1' }).message).toMatch(/no AIS 6-bit code/);
    expect(encodeError({ type: 24, partNo: 3, mmsi: 412000001 }).field).toBe('partNo');
    expect(encodeError({ type: 8, mmsi: 1, dac: 1, fid: 1, data: 'xyz' }).field).toBe('data');
  });
});
