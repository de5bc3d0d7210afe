/**
 * Acceptance 6: encode → decode gives back the same message, for every layout the encoder knows
 * (all 27 types), with negatives, not-available values and maxima; and once more through NMEA
 * sentences (encodeMessage → AisDecoder) for the types the simulator sends.
 */
import { describe, expect, it } from 'vitest';
import { AisDecoder, decodePayload, encodePayload, encodeMessage } from '@seawarden/ais';
import type { AisMessage } from '@seawarden/contracts';
import type { FieldSpec, MessageTable } from '../libs/ais/src/payload/field-table.js';
import { ALL_LAYOUTS } from '../libs/ais/src/payload/message-variants.js';

function roundTrip(m: Record<string, unknown>): Record<string, unknown> {
  const e = encodePayload(m);
  const r = decodePayload(e.payload, e.fillBits);
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail} (${JSON.stringify(m)})`);
  return r.message;
}

const rot = (raw: number) => Math.sign(raw) * (raw / 4.733) ** 2;

describe('encode → decode, hand-written messages', () => {
  const cases: Record<string, unknown>[] = [
    // Class A, southern/western hemisphere, left turn, maxima
    { type: 1, repeat: 3, mmsi: 999_999_999 - 14_669_950, navStatus: 15, rot: rot(-127), sog: 102.2, accuracy: true, lon: -180, lat: -90, cog: 359.9, heading: 359, second: 63, maneuver: 2, raim: true, radio: 2 ** 19 - 1 },
    { type: 2, repeat: 0, mmsi: 412_000_001, navStatus: 7, rot: rot(5), sog: 0, accuracy: false, lon: 180, lat: 90, cog: 0, heading: 0, second: 0, maneuver: 1, raim: false, radio: 0 },
    { type: 3, repeat: 1, mmsi: 413_765_432, navStatus: 1, rot: null, sog: null, accuracy: false, lon: null, lat: null, cog: null, heading: null, second: null, maneuver: 0, raim: false, radio: 81_234 },
    { type: 4, repeat: 0, mmsi: 4_130_001, year: 2026, month: 7, day: 31, hour: 23, minute: 59, second: 59, accuracy: true, lon: 122.3, lat: 29.95, epfd: 7, raim: false, radio: 12_345 },
    { type: 11, repeat: 0, mmsi: 412_000_002, year: null, month: null, day: null, hour: null, minute: null, second: null, accuracy: false, lon: -0.0001 / 60, lat: 1e-4 / 60, epfd: 15, raim: true, radio: 0 },
    {
      type: 5, repeat: 0, mmsi: 412_440_001, aisVersion: 2, imo: 2 ** 30 - 1, callsign: 'BXYZ9', name: 'ZHE PU YU 01234', shipType: 30,
      toBow: 511, toStern: 0, toPort: 63, toStarboard: 1, epfd: 1, etaMonth: 8, etaDay: 1, etaHour: 12, etaMinute: 0, draught: 25.5,
      destination: 'SHENJIAMEN', dte: true, eta: '08-01T12:00Z',
    },
    { type: 5, repeat: 0, mmsi: 412_440_002, aisVersion: 0, imo: null, callsign: null, name: null, shipType: 0, toBow: 0, toStern: 0, toPort: 0, toStarboard: 0, epfd: 0, etaMonth: null, etaDay: null, etaHour: null, etaMinute: null, draught: null, destination: null, dte: false, eta: null },
    { type: 6, repeat: 0, mmsi: 4_130_001, seqNo: 3, destMmsi: 412_000_003, retransmit: true, dac: 1, fid: 40, personsOnBoard: 8191 },
    { type: 6, repeat: 0, mmsi: 211_000_001, seqNo: 0, destMmsi: 2_190_047, retransmit: false, dac: 200, fid: 55, crew: 254, passengers: null, personnel: 0, personsOnBoard: 254 },
    { type: 8, repeat: 0, mmsi: 412_000_004, dac: 1, fid: 16, personsOnBoard: 42 },
    { type: 8, repeat: 0, mmsi: 412_000_005, dac: 1, fid: 16, personsOnBoard: null },
    { type: 8, repeat: 0, mmsi: 244_670_973, dac: 200, fid: 10, eni: '02333145', length: 110, beam: 11.4, eriShipType: 8010, hazard: 5, draught: 2.05, loaded: 2, speedQuality: true, courseQuality: false, headingQuality: true },
    { type: 9, repeat: 0, mmsi: 111_412_001, altitude: 4094, sog: 1022, accuracy: true, lon: 122.001, lat: -29.5, cog: 12.3, second: 5, altitudeSensor: true, dte: false, assigned: false, raim: true, radio: 2 ** 20 - 1 },
    { type: 18, repeat: 0, mmsi: 412_123_456, reserved: 0, sog: 12.5, accuracy: true, lon: 122.38, lat: 29.97, cog: 45.5, heading: null, second: 12, regional: 3, cs: true, display: false, dsc: true, band: true, msg22: true, assigned: false, raim: true, radio: 917_510 },
    { type: 19, repeat: 0, mmsi: 412_123_457, reserved: 255, sog: null, accuracy: false, lon: -122.38, lat: -29.97, cog: null, heading: 511 - 152, second: 60 - 1, regional: 15, name: 'PU TUO LEISURE 8', shipType: 37, toBow: 5, toStern: 7, toPort: 2, toStarboard: 2, epfd: 1, raim: false, dte: true, assigned: true },
    { type: 21, repeat: 0, mmsi: 994_121_001, aidType: 24, name: 'ZHOUSHAN PORT HAND MARK', accuracy: true, lon: 122.29, lat: 29.94, toBow: 1, toStern: 1, toPort: 1, toStarboard: 1, epfd: 7, second: 61, offPosition: false, regional: 0, raim: false, virtualAid: true, assigned: false, nameExtension: 'ARK' },
    { type: 24, repeat: 0, mmsi: 412_123_458, partNo: 0, name: 'LAO WANG' },
    { type: 24, repeat: 0, mmsi: 412_123_458, partNo: 1, shipType: 37, vendorId: 'SRT', model: 15, serial: 2 ** 20 - 1, callsign: 'BX123', toBow: 4, toStern: 3, toPort: 1, toStarboard: 1, epfd: 1 },
    { type: 24, repeat: 0, mmsi: 984_121_234, partNo: 1, shipType: 0, vendorId: null, model: 0, serial: 0, callsign: null, mothershipMmsi: 412_123_458, epfd: 0 },
    { type: 27, repeat: 3, mmsi: 412_000_006, accuracy: true, raim: false, navStatus: 0, lon: -179.9, lat: 89.9, sog: 62, cog: 359, positionLatency: false },
    { type: 27, repeat: 0, mmsi: 412_000_007, accuracy: false, raim: true, navStatus: 15, lon: null, lat: null, sog: null, cog: null, positionLatency: true },
  ];
  it.each(cases.map((c) => [`type ${c.type}${c.dac !== undefined ? ` ${c.dac}/${c.fid}` : ''}${c.partNo !== undefined ? ` part ${c.partNo}` : ''} mmsi ${c.mmsi}`, c]))('%s', (_, m) => {
    expect(roundTrip(m as Record<string, unknown>)).toEqual(m);
  });
});

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const TEXT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !"#$%&\'()*+,-./0123456789:;<=>?';

/** A random message for a layout, in decoded units, computed independently of the decoder. */
function randomMessage(t: MessageTable, rnd: () => number): Record<string, unknown> {
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const m: Record<string, unknown> = {};
  const id = t.id;
  const text = (max: number) => {
    let s = '';
    for (let n = int(1, max); s.length < n; ) s += TEXT[int(0, TEXT.length - 1)];
    return s.replace(/ +$/, '') || 'X';
  };
  let cut = false;
  for (const f of t.fields as FieldSpec[]) {
    if (f.kind === 'spare') continue;
    if (f.cutAt !== undefined && (cut || rnd() < 0.3)) cut = true;
    if (cut) {
      m[f.name] = null;
      continue;
    }
    const w = f.width === 'rest' ? 0 : f.width;
    const roll = rnd();
    if (f.kind === 'bool') m[f.name] = roll < 0.5;
    else if (f.kind === 'rot') m[f.name] = roll < 0.1 ? null : rot(roll < 0.2 ? 127 * (roll < 0.15 ? 1 : -1) : int(-127, 127));
    else if (f.kind === 'text') m[f.name] = roll < 0.15 ? null : text(f.width === 'rest' ? 14 : w / 6);
    else if (f.kind === 'data') {
      const bits = int(1, 200);
      let hex = '';
      for (let b = 0; b < bits; b += 4) hex += '0123456789abcdef'[bits - b >= 4 ? int(0, 15) : int(0, 15) & (0xf << (4 - (bits - b))) & 0xf];
      m[f.name] = hex;
      m[`${f.name}Bits`] = bits;
    } else {
      const signed = f.kind === 'int';
      const [lo, hi] = f.range ?? (signed ? [-(2 ** (w - 1)), 2 ** (w - 1) - 1] : [0, 2 ** w - 1]);
      let raw = roll < 0.1 && f.na !== undefined ? f.na : roll < 0.2 ? hi : roll < 0.3 ? lo : int(lo, hi);
      if (raw === f.na && roll >= 0.1) raw = lo; // the extreme happened to be the sentinel
      m[f.name] = raw === f.na ? null : (f.div ? raw / f.div : raw) + (f.offset ?? 0);
      if (f.offset === undefined && !f.div) m[f.name] = raw === f.na ? null : raw;
    }
  }
  // Fields that select the layout or would raise warnings get fixed, valid values.
  m.type = Number(id.split(/\D/)[0]);
  m.mmsi = id === '24B-auxiliary' ? 984_121_234 : 412_000_000 + int(0, 999_999);
  if (id.startsWith('24')) m.partNo = id === '24A' ? 0 : 1;
  if (id.startsWith('22')) m.addressed = id === '22-addressed';
  if (id.startsWith('25') || id.startsWith('26')) {
    m.addressed = id.includes('-addressed');
    m.structured = id.includes('-structured');
  }
  const app = /^(6|8)-(.+)$/.exec(id);
  if (app) {
    const key = { 'persons-on-board': [1, m.type === 6 ? 40 : 16], 'inland-persons-on-board': [200, 55], 'inland-static-voyage': [200, 10], 'met-hydro-236': [1, 11], 'met-hydro-289': [1, 31], 'clearance-time': [1, 18] }[app[2]];
    if (!key) throw new Error(`unknown application layout ${id}`);
    [m.dac, m.fid] = key;
  } else if (id === '6' || id === '8') m.dac = 999; // no application table: raw data
  return m;
}

describe('encode → decode, random messages for every layout (seeded)', () => {
  it.each(ALL_LAYOUTS.map((t) => [t.id, t] as const))('layout %s', (_, t) => {
    const rnd = prng(0x5ea + t.id.length * 7919 + t.id.charCodeAt(0));
    const derived = new Set((t.derived ?? []).map((d) => d.name));
    for (let i = 0; i < 200; i++) {
      const m = randomMessage(t, rnd);
      const back = roundTrip(m);
      const same: Record<string, unknown> = {};
      for (const k of Object.keys(m)) if (!derived.has(k)) same[k] = back[k];
      for (const k of derived) delete m[k];
      expect({ ...same, warnings: back.warnings }, JSON.stringify(m)).toEqual({ ...m, warnings: undefined });
    }
  });

  it('covers all 27 message types', () => {
    expect(new Set(ALL_LAYOUTS.map((t) => Number(t.id.split(/\D/)[0])))).toEqual(new Set(Array.from({ length: 27 }, (_, i) => i + 1)));
  });
});

describe('encode → NMEA → decode (sentence layer)', () => {
  it('gives back the messages, multi-part type 5 included', () => {
    const sent: Record<string, unknown>[] = [
      { type: 1, repeat: 0, mmsi: 412_000_001, navStatus: 7, rot: rot(-3), sog: 9.4, accuracy: true, lon: 122.3136, lat: 29.9584, cog: 271.5, heading: 270, second: 14, maneuver: 0, raim: false, radio: 0 },
      { type: 5, repeat: 0, mmsi: 412_440_001, aisVersion: 2, imo: null, callsign: 'BXYZ9', name: 'ZHE PU YU 01234', shipType: 30, toBow: 20, toStern: 8, toPort: 3, toStarboard: 3, epfd: 1, etaMonth: 8, etaDay: 1, etaHour: 12, etaMinute: 0, draught: 2.5, destination: 'SHENJIAMEN', dte: false, eta: '08-01T12:00Z' },
      { type: 18, repeat: 0, mmsi: 412_123_456, reserved: 0, sog: 15, accuracy: true, lon: 122.38, lat: 29.97, cog: 45.5, heading: null, second: 12, regional: 0, cs: true, display: false, dsc: true, band: true, msg22: true, assigned: false, raim: true, radio: 0 },
      { type: 24, repeat: 0, mmsi: 412_123_456, partNo: 0, name: 'LAO WANG' },
      { type: 8, repeat: 0, mmsi: 412_123_456, dac: 1, fid: 16, personsOnBoard: 18 },
    ];
    const got: AisMessage[] = [];
    const d = new AisDecoder({ onMessage: (m) => got.push(m), onReject: (r) => expect.fail(`${r.reason}: ${r.detail}`) });
    for (const m of sent) for (const line of encodeMessage(m)) d.push(line);
    d.flush();
    expect(got).toHaveLength(sent.length);
    got.forEach((g, i) => expect(g).toMatchObject(sent[i]));
  });
});
