import { describe, expect, it } from 'vitest';
import { decodePayload } from './decode-payload.js';

/**
 * Builds a payload from [value, width] pairs with its own armoring, independent of the code under
 * test, so each field can be set to an exact raw value (negative values in two's complement).
 */
function payloadOf(fields: [number, number][], extraBits = 0): { payload: string; fill: number } {
  let bits = '';
  for (const [v, w] of fields) bits += (BigInt.asUintN(w, BigInt(v)) | 0n).toString(2).padStart(w, '0');
  bits += '0'.repeat(extraBits);
  const fill = (6 - (bits.length % 6)) % 6;
  bits += '0'.repeat(fill);
  let payload = '';
  for (let i = 0; i < bits.length; i += 6) {
    const v = parseInt(bits.slice(i, i + 6), 2);
    payload += String.fromCharCode(v < 40 ? v + 48 : v + 56);
  }
  return { payload, fill };
}
const sixBit = (s: string, chars: number): [number, number][] =>
  Array.from({ length: chars }, (_, i) => {
    const c = i < s.length ? s.charCodeAt(i) : 64;
    return [c >= 64 ? c - 64 : c, 6];
  });

function decoded(p: { payload: string; fill: number }): Record<string, unknown> {
  const r = decodePayload(p.payload, p.fill);
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return r.message;
}

/** Type 1 with the given raw values (defaults: a plausible report). */
function type1(raw: Partial<Record<'mmsi' | 'status' | 'rot' | 'sog' | 'lon' | 'lat' | 'cog' | 'heading' | 'second', number>> = {}) {
  const r = { mmsi: 412345678, status: 0, rot: 0, sog: 100, lon: 122.3 * 600000, lat: 29.95 * 600000, cog: 900, heading: 90, second: 30, ...raw };
  return payloadOf([
    [1, 6], [0, 2], [r.mmsi, 30], [r.status, 4], [r.rot, 8], [r.sog, 10], [1, 1], [Math.round(r.lon), 28], [Math.round(r.lat), 27],
    [r.cog, 12], [r.heading, 9], [r.second, 6], [0, 2], [0, 3], [0, 1], [0, 19],
  ]);
}

describe('decodePayload: real sentences', () => {
  it('type 1 (libais typeexamples line 2) agrees with gpsd', () => {
    const m = decoded({ payload: '15N1u<PP1FJuvSRHOE6QIwwh0HQ6', fill: 0 });
    expect(m).toEqual({
      type: 1, repeat: 0, mmsi: 367033650, navStatus: 0, rot: null, sog: 8.6, accuracy: false,
      lon: -42208143 / 600000, lat: 25679130 / 600000, cog: 35.9, heading: null, second: 56, maneuver: 0, raim: false, radio: 100422,
    });
    expect('warnings' in m).toBe(false);
  });

  it('type 5 (two fill bits) with text, dimensions, ETA and draught', () => {
    const m = decoded({ payload: '53eaFL02?;fwTPm7V219E@R1@PE8E<622222221@9hG1A7?@NCPSlm3kc5DhH8888888880', fill: 2 });
    expect(m).toMatchObject({
      type: 5, mmsi: 249190000, imo: 9383663, callsign: '9HMQ9', name: 'RUTH THERESA', shipType: 80,
      toBow: 78, toStern: 23, toPort: 1, toStarboard: 17, epfd: 1, eta: '12-30T16:30Z', etaMonth: 12, etaDay: 30,
      etaHour: 16, etaMinute: 30, draught: 7.8, destination: 'BOSTON,USA', dte: false,
    });
  });

  it('accepts a type 5 two bits short (dte missing) and rejects one cut into the destination', () => {
    const full = '53eaFL02?;fwTPm7V219E@R1@PE8E<622222221@9hG1A7?@NCPSlm3kc5DhH8888888880';
    const short = decoded({ payload: full, fill: 4 }); // 422 bits
    expect(short.destination).toBe('BOSTON,USA');
    expect(short.dte).toBeNull();
    const r = decodePayload(full.slice(0, 60), 0);
    expect(r).toMatchObject({ ok: false, reason: 'payload_too_short' });
  });

  it('type 6 DAC 1 FI 16: 42 persons on board (gpsd 3.22 reads 6839 here)', () => {
    expect(decoded({ payload: '639>Jh@0QJet0501D000000', fill: 2 })).toMatchObject({
      type: 6, mmsi: 211000001, destMmsi: 2190047, dac: 1, fid: 16, personsOnBoard: 42,
    });
  });

  it('type 6 DAC 1 FI 40 persons on board, and DAC 200 FI 55 inland crew/passengers/personnel', () => {
    expect(decoded({ payload: '63iHnT00OEGp06P0h0', fill: 4 })).toMatchObject({ dac: 1, fid: 40, personsOnBoard: 24 });
    expect(decoded({ payload: '63aGD6@0RW?8<SL4000000000000', fill: 0 })).toMatchObject({
      type: 6, mmsi: 244700185, dac: 200, fid: 55, crew: 4, passengers: 0, personnel: 0, personsOnBoard: 4,
    });
  });

  it('type 8 DAC 1 FI 16 (IMO 289 broadcast persons on board)', () => {
    const p = payloadOf([[8, 6], [0, 2], [413000001, 30], [0, 2], [1, 10], [16, 6], [37, 13], [0, 3]]);
    expect(decoded(p)).toMatchObject({ type: 8, dac: 1, fid: 16, personsOnBoard: 37 });
    const unknown = payloadOf([[8, 6], [0, 2], [413000001, 30], [0, 2], [1, 10], [16, 6], [0, 13], [0, 3]]);
    expect(decoded(unknown).personsOnBoard).toBeNull();
  });

  it('type 8 DAC 200 FI 10 inland static data, and unknown applications as hex data', () => {
    const p = payloadOf([
      [8, 6], [0, 2], [244670973, 30], [0, 2], [200, 10], [10, 6], ...sixBit('02333145', 8), [1100, 13], [135, 10], [8022, 14], [0, 3], [250, 11], [1, 2], [0, 1], [1, 1], [0, 1], [0, 8],
    ]);
    expect(decoded(p)).toMatchObject({ eni: '02333145', length: 110, beam: 13.5, eriShipType: 8022, hazard: 0, draught: 2.5, loaded: 1, speedQuality: false, courseQuality: true });
    expect(decoded({ payload: '803Ovrh0EP:024`@02PN04da=3V<>N0000', fill: 4 })).toMatchObject({
      type: 8, mmsi: 3669739, dac: 1, fid: 22, dataBits: 144, data: '0280084a1000281e004b2934398c39e00000',
    });
  });

  it('type 18 Class B position and type 24 part A', () => {
    expect(decoded({ payload: 'B5MiOp0006g4up6:EV403wr5oP06', fill: 0 })).toMatchObject({
      type: 18, mmsi: 366764000, sog: 0, lon: -42426640 / 600000, lat: 25843297 / 600000, cog: 0, heading: null, second: 52,
      cs: true, display: false, dsc: true, band: true, msg22: true, raim: true,
    });
    expect(decoded({ payload: 'H5MiOp1:uJ0MDhJ0<P4hhDpLE80', fill: 2 })).toEqual({ type: 24, repeat: 0, mmsi: 366764000, partNo: 0, name: 'R/V GULF CHALLENGER' });
  });

  it('type 27 long-range broadcast: 1/10 minute position, whole knots', () => {
    expect(decoded({ payload: 'KvQ:1o`7EBrBQ`?w', fill: 0 })).toMatchObject({ type: 27, sog: 16, cog: 255, lon: 120139 / 600, lat: -46781 / 600, warnings: ['lon_out_of_range'] });
  });
});

describe('decodePayload: layouts chosen by the bits', () => {
  const partB = (mmsi: number, part = 1) =>
    payloadOf([[24, 6], [0, 2], [mmsi, 30], [part, 2], [37, 8], ...sixBit('ABC', 3), [5, 4], [1234, 20], ...sixBit('BXYZ', 7), [412000001, 30], [1, 4], [0, 2]]);

  it('type 24 part B of a ship carries dimensions', () => {
    const m = decoded(partB(412345678));
    expect(m).toMatchObject({ partNo: 1, shipType: 37, vendorId: 'ABC', model: 5, serial: 1234, callsign: 'BXYZ', epfd: 1 });
    // the 30 bits read as bow 9 | stern 9 | port 6 | starboard 6
    expect(m).toMatchObject({ toBow: 412000001 >>> 21, toStern: (412000001 >>> 12) & 511, toPort: (412000001 >>> 6) & 63, toStarboard: 412000001 & 63 });
    expect(m.mothershipMmsi).toBeUndefined();
  });

  it('type 24 part B of an auxiliary craft (98MIDxxxx) carries the mother ship MMSI', () => {
    const m = decoded(partB(984121234));
    expect(m).toMatchObject({ partNo: 1, mothershipMmsi: 412000001 });
    expect(m.toBow).toBeUndefined();
  });

  it('type 24 with an invalid part number keeps the header and warns', () => {
    expect(decoded(partB(412345678, 3))).toEqual({ type: 24, repeat: 0, mmsi: 412345678, partNo: 3, warnings: ['invalid_part_no'] });
  });

  it('type 22 addressed vs area', () => {
    const head: [number, number][] = [[22, 6], [0, 2], [3160048, 30], [0, 2], [2087, 12], [2088, 12], [0, 4], [1, 1]];
    const area = decoded(payloadOf([...head, [-44100, 18], [27330, 17], [-48100, 18], [25400, 17], [0, 1], [0, 1], [1, 1], [4, 3], [0, 23]]));
    expect(area).toMatchObject({ channelA: 2087, channelB: 2088, power: true, neLon: -73.5, neLat: 45.55, swLon: -48100 / 600, addressed: false, bandB: true, zoneSize: 4 });
    const addressed = decoded(payloadOf([...head, [412000001, 30], [0, 5], [413000002, 30], [0, 5], [1, 1], [0, 1], [0, 1], [4, 3], [0, 23]]));
    expect(addressed).toMatchObject({ addressed: true, destMmsi1: 412000001, destMmsi2: 413000002 });
    expect(addressed.neLon).toBeUndefined();
  });

  it('types 25 and 26: addressed/structured flags move the data', () => {
    const t25 = decoded(payloadOf([[25, 6], [0, 2], [412000001, 30], [1, 1], [1, 1], [413000002, 30], [1, 10], [16, 6], [0xabc, 12]]));
    expect(t25).toMatchObject({ addressed: true, structured: true, destMmsi: 413000002, dac: 1, fid: 16, dataBits: 12, data: 'abc' });
    const t26 = decoded(payloadOf([[26, 6], [0, 2], [412000001, 30], [0, 1], [0, 1], [0xff, 8], [123456, 20]]));
    expect(t26).toMatchObject({ addressed: false, structured: false, dataBits: 8, data: 'ff', radio: 123456 });
  });

  it('types 7 and 20 carry 1 to 4 entries; absent ones are null', () => {
    const ack = decoded(payloadOf([[7, 6], [0, 2], [2320061, 30], [0, 2], [412000001, 30], [3, 2]]));
    expect(ack).toMatchObject({ mmsi1: 412000001, mmsiSeq1: 3, mmsi2: null, mmsi4: null });
  });

  it('type 21 joins the name extension (more than 20 characters)', () => {
    const p = payloadOf([
      [21, 6], [0, 2], [992351000, 30], [1, 5], ...sixBit('ABCDEFGHIJKLMNOPQRST', 20), [0, 1], [0, 28], [0, 27], [0, 30], [7, 4], [10, 6], [0, 1], [0, 8], [0, 1], [1, 1], [0, 1], [0, 1], ...sixBit('UVW', 3),
    ]);
    expect(decoded(p)).toMatchObject({ name: 'ABCDEFGHIJKLMNOPQRSTUVW', nameExtension: 'UVW', virtualAid: true });
  });
});

describe('decodePayload: units, not-available values, ROT', () => {
  it('converts ROT_AIS to degrees/minute with its sign; -128 is null; ±127 stays on the formula (±720.003)', () => {
    const rot = (raw: number) => decoded(type1({ rot: raw })).rot as number | null;
    expect(rot(-128)).toBeNull();
    expect(rot(0)).toBe(0);
    expect(rot(4)).toBeCloseTo((4 / 4.733) ** 2, 12);
    expect(rot(-5)).toBeCloseTo(-((5 / 4.733) ** 2), 12);
    expect(rot(126)).toBeCloseTo(708.7, 1);
    expect(rot(127)).toBeCloseTo(720.003, 3);
    expect(rot(-127)).toBeCloseTo(-720.003, 3);
  });

  it('maps not-available sentinels to null without warnings', () => {
    const m = decoded(type1({ rot: -128, sog: 1023, lon: 181 * 600000, lat: 91 * 600000, cog: 3600, heading: 511, second: 60 }));
    expect(m).toMatchObject({ rot: null, sog: null, lon: null, lat: null, cog: null, heading: null, second: null });
    expect(m.warnings).toBeUndefined();
  });

  it('keeps 102.2 kn, 359.9°, second codes 61..63 as values', () => {
    const m = decoded(type1({ sog: 1022, cog: 3599, heading: 359, second: 62 }));
    expect(m).toMatchObject({ sog: 102.2, cog: 359.9, heading: 359, second: 62 });
  });

  it('trims trailing @ and spaces from text but keeps an inner @; all-@ text is null', () => {
    const t24 = (name: string) => decoded(payloadOf([[24, 6], [0, 2], [412000001, 30], [0, 2], ...sixBit(name, 20)])).name;
    expect(t24('SEA DOG  @@')).toBe('SEA DOG');
    expect(t24("S@PORE")).toBe('S@PORE');
    expect(t24('')).toBeNull();
    expect(t24('    ')).toBeNull();
  });
});

describe('decodePayload: plausibility warnings', () => {
  it('flags out-of-range positions, course and heading but keeps the values', () => {
    const m = decoded(type1({ lat: 95 * 600000, lon: -190 * 600000, cog: 3700, heading: 400 }));
    expect(m.lat).toBe(95);
    expect(m.lon).toBe(-190);
    expect(m.cog).toBe(370);
    expect(m.heading).toBe(400);
    expect(m.warnings).toEqual(['lon_out_of_range', 'lat_out_of_range', 'cog_out_of_range', 'heading_out_of_range']);
  });

  it('flags MMSIs that are not 9 digits or carry no valid MID', () => {
    expect(decoded(type1({ mmsi: 1_073_741_823 })).warnings).toEqual(['mmsi_not_9_digits']);
    expect(decoded(type1({ mmsi: 123_456_789 })).warnings).toEqual(['invalid_mid']);
    expect(decoded(type1({ mmsi: 412_345_678 })).warnings).toBeUndefined();
    expect(decoded(type1({ mmsi: 4_123_456 })).warnings).toBeUndefined(); // 00MIDxxxx coast station
    expect(decoded(type1({ mmsi: 984_121_234 })).warnings).toBeUndefined(); // craft of a ship
    expect(decoded(type1({ mmsi: 970_123_456 })).warnings).toBeUndefined(); // SART: no MID
  });
});

describe('decodePayload: rejections', () => {
  it('rejects characters outside the 6-bit armor with their position', () => {
    for (const bad of ['15N1u<PP1FJuvSRHOE6QIwwh0HQx', '15N1u<PP1FJ uvSRHOE6QIwwh0HQ', '15N1u<PP1FJuvSRHOE6QIwwh0HQ6,', '15N1é<PP1FJuvSRHOE6QIwwh0HQ6']) {
      const r = decodePayload(bad, 0);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).toBe('bad_payload_char');
        expect(r.detail).toMatch(/at \d+/);
      }
    }
  });

  it('rejects types 0 and 28..63', () => {
    for (const first of ['0', 'L', 'w']) expect(decodePayload(`${first}5N1u<PP1FJuvSRHOE6QIwwh0HQ6`, 0)).toMatchObject({ ok: false, reason: 'unsupported_type' });
  });

  it('rejects payloads shorter than the header or the mandatory fields', () => {
    expect(decodePayload('', 0)).toMatchObject({ ok: false, reason: 'payload_too_short' });
    expect(decodePayload('', 5)).toMatchObject({ ok: false, reason: 'payload_too_short' });
    expect(decodePayload('15N1u<', 0)).toMatchObject({ ok: false, reason: 'payload_too_short' });
    expect(decodePayload('15N1u<PP1FJuvSRHOE', 0)).toMatchObject({ ok: false, reason: 'payload_too_short' });
  });

  it('decodes with a fill count outside 0..5 as 0 and warns', () => {
    expect(decoded({ payload: '15N1u<PP1FJuvSRHOE6QIwwh0HQ6', fill: 7 })).toMatchObject({ mmsi: 367033650, radio: 100422, warnings: ['bad_fill_bits'] });
  });

  it('decodes a type 1 missing only its radio status, with radio null', () => {
    const m = decoded({ payload: '15N1u<PP1FJuvSRHOE6QIwwh', fill: 0 });
    expect(m).toMatchObject({ lat: 25679130 / 600000, heading: null, radio: null });
  });
});

describe('decodePayload: never throws', () => {
  it('returns a result for 30k random payloads of every length and type (seeded)', () => {
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const armor = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw';
    let ok = 0;
    for (let i = 0; i < 30_000; i++) {
      const len = Math.floor(rnd() * 200);
      let p = '';
      for (let k = 0; k < len; k++) p += armor[Math.floor(rnd() * 64)];
      if (rnd() < 0.05 && len > 0) p = p.slice(0, len - 1) + '~';
      const r = decodePayload(p, Math.floor(rnd() * 6));
      if (r.ok) {
        ok++;
        expect(typeof r.message.mmsi).toBe('number');
      } else expect(['bad_payload_char', 'unsupported_type', 'payload_too_short']).toContain(r.reason);
    }
    expect(ok).toBeGreaterThan(10_000);
  });
});
