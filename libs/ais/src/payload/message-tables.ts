/**
 * Bit layouts of all 27 AIS messages, ITU-R M.1371-5 Annex 8. Names follow ARCHITECTURE.md
 * "Contracts" (camelCase M.1371 names). Where a message has several layouts (type 24 parts,
 * addressed/broadcast forms, application messages) each layout is its own table; the choice is
 * made in `message-variants.ts`.
 */
import { bool, data, int, lat, lon, spare, text, uint, type DerivedField, type FieldSpec, type MessageTable } from './field-table.js';

const HEADER: readonly FieldSpec[] = [uint('type', 0, 6), uint('repeat', 6, 2), uint('mmsi', 8, 30)];

const SOG = (start: number) => uint('sog', start, 10, { div: 10, na: 1023 });
const COG = (start: number) => uint('cog', start, 12, { div: 10, na: 3600, range: [0, 3599], warn: 'cog_out_of_range' });
const HEADING = (start: number) => uint('heading', start, 9, { na: 511, range: [0, 359], warn: 'heading_out_of_range' });
// 60 = not available; 61..63 are status codes (manual input, dead reckoning, inoperative) and kept.
const SECOND = (start: number) => uint('second', start, 6, { na: 60 });
const DIMENSIONS = (start: number): FieldSpec[] => [
  uint('toBow', start, 9),
  uint('toStern', start + 9, 9),
  uint('toPort', start + 18, 6),
  uint('toStarboard', start + 24, 6),
];

function table(id: string, minBits: number, fields: readonly FieldSpec[], derived?: readonly DerivedField[]): MessageTable {
  return { id, minBits, fields: [...HEADER, ...fields], derived };
}

const pad2 = (v: unknown) => (typeof v === 'number' ? (v < 10 ? '0' : '') + v : '00');

/** ETA as gpsd prints it (`MM-DDTHH:MMZ`); null when month and day are both not available. */
const ETA: DerivedField = {
  name: 'eta',
  derive: (m) =>
    m.etaMonth === null && m.etaDay === null
      ? null
      : `${pad2(m.etaMonth)}-${pad2(m.etaDay)}T${pad2(m.etaHour ?? 24)}:${pad2(m.etaMinute ?? 60)}Z`,
  underive: (m) => {
    if (m.etaMonth !== undefined || m.etaDay !== undefined || m.etaHour !== undefined || m.etaMinute !== undefined) return {};
    // Accepts `MM-DDTHH:MMZ` or a full ISO time (its UTC month/day/hour/minute are used).
    const s = typeof m.eta === 'string' ? m.eta : '';
    const short = /^(\d\d)-(\d\d)T(\d\d):(\d\d)Z$/.exec(s);
    if (short) {
      const [mo, d, h, mi] = short.slice(1).map(Number);
      return { etaMonth: mo || null, etaDay: d || null, etaHour: h === 24 ? null : h, etaMinute: mi === 60 ? null : mi };
    }
    const t = Date.parse(s);
    if (Number.isNaN(t)) return {};
    const at = new Date(t);
    return { etaMonth: at.getUTCMonth() + 1, etaDay: at.getUTCDate(), etaHour: at.getUTCHours(), etaMinute: at.getUTCMinutes() };
  },
};

/** Types 1, 2, 3: Class A position report (168 bits). */
export const POSITION_A = (type: number) =>
  table(`${type}`, 137, [
    uint('navStatus', 38, 4),
    { name: 'rot', start: 42, width: 8, kind: 'rot', na: -128 },
    SOG(50),
    bool('accuracy', 60),
    lon('lon', 61, 28, 10000),
    lat('lat', 89, 27, 10000),
    COG(116),
    HEADING(128),
    SECOND(137),
    uint('maneuver', 143, 2),
    spare(145, 3),
    bool('raim', 148),
    uint('radio', 149, 19),
  ]);

/** Types 4 and 11: base station report / UTC and date response (168 bits). */
export const BASE_STATION = (type: number) =>
  table(`${type}`, 134, [
    uint('year', 38, 14, { na: 0 }),
    uint('month', 52, 4, { na: 0, range: [1, 12], warn: 'month_out_of_range' }),
    uint('day', 56, 5, { na: 0 }),
    uint('hour', 61, 5, { na: 24, range: [0, 23], warn: 'hour_out_of_range' }),
    uint('minute', 66, 6, { na: 60, range: [0, 59], warn: 'minute_out_of_range' }),
    uint('second', 72, 6, { na: 60, range: [0, 59], warn: 'second_out_of_range' }),
    bool('accuracy', 78),
    lon('lon', 79, 28, 10000),
    lat('lat', 107, 27, 10000),
    uint('epfd', 134, 4),
    spare(138, 10),
    bool('raim', 148),
    uint('radio', 149, 19),
  ]);

/** Type 5: static and voyage related data (424 bits; accepted from 422, i.e. without dte). */
export const STATIC_VOYAGE = table(
  '5',
  422,
  [
    uint('aisVersion', 38, 2),
    uint('imo', 40, 30, { na: 0 }),
    text('callsign', 70, 42),
    text('name', 112, 120),
    uint('shipType', 232, 8),
    ...DIMENSIONS(240),
    uint('epfd', 270, 4),
    uint('etaMonth', 274, 4, { na: 0, range: [1, 12], warn: 'eta_out_of_range' }),
    uint('etaDay', 278, 5, { na: 0 }),
    uint('etaHour', 283, 5, { na: 24, range: [0, 23], warn: 'eta_out_of_range' }),
    uint('etaMinute', 288, 6, { na: 60, range: [0, 59], warn: 'eta_out_of_range' }),
    uint('draught', 294, 8, { div: 10, na: 0 }),
    text('destination', 302, 120),
    bool('dte', 422),
    spare(423, 1),
  ],
  [ETA],
);

/** Types 7 and 13: binary / safety acknowledge, 1 to 4 destinations (72..168 bits). */
export const ACKNOWLEDGE = (type: number) =>
  table(`${type}`, 70, [
    spare(38, 2),
    uint('mmsi1', 40, 30),
    uint('mmsiSeq1', 70, 2),
    uint('mmsi2', 72, 30, { cutAt: 72 }),
    uint('mmsiSeq2', 102, 2),
    uint('mmsi3', 104, 30, { cutAt: 104 }),
    uint('mmsiSeq3', 134, 2),
    uint('mmsi4', 136, 30, { cutAt: 136 }),
    uint('mmsiSeq4', 166, 2),
  ]);

/** Type 9: standard SAR aircraft position report (168 bits). Speed in whole knots. */
export const SAR_AIRCRAFT = table('9', 128, [
  uint('altitude', 38, 12, { na: 4095 }),
  uint('sog', 50, 10, { na: 1023 }),
  bool('accuracy', 60),
  lon('lon', 61, 28, 10000),
  lat('lat', 89, 27, 10000),
  COG(116),
  SECOND(128),
  bool('altitudeSensor', 134),
  spare(135, 7),
  bool('dte', 142),
  spare(143, 3),
  bool('assigned', 146),
  bool('raim', 147),
  uint('radio', 148, 20),
]);

/** Type 10: UTC/date inquiry (72 bits). */
export const UTC_INQUIRY = table('10', 70, [spare(38, 2), uint('destMmsi', 40, 30), spare(70, 2)]);

/** Type 12: addressed safety related message (72..1008 bits). */
export const SAFETY_ADDRESSED = table('12', 72, [
  uint('seqNo', 38, 2),
  uint('destMmsi', 40, 30),
  bool('retransmit', 70),
  spare(71, 1),
  text('text', 72, 'rest'),
]);

/** Type 14: safety related broadcast message (40..1008 bits). */
export const SAFETY_BROADCAST = table('14', 40, [spare(38, 2), text('text', 40, 'rest')]);

/** Type 15: interrogation, one or two stations (88..160 bits). */
export const INTERROGATION = table('15', 88, [
  spare(38, 2),
  uint('mmsi1', 40, 30),
  uint('type1_1', 70, 6),
  uint('offset1_1', 76, 12),
  spare(88, 2),
  uint('type1_2', 90, 6, { cutAt: 88 }),
  uint('offset1_2', 96, 12),
  spare(108, 2),
  uint('mmsi2', 110, 30, { cutAt: 110 }),
  uint('type2_1', 140, 6),
  uint('offset2_1', 146, 12),
  spare(158, 2),
]);

/** Type 16: assignment mode command, one or two stations (96 or 144 bits). */
export const ASSIGNMENT = table('16', 92, [
  spare(38, 2),
  uint('mmsi1', 40, 30),
  uint('offset1', 70, 12),
  uint('increment1', 82, 10),
  uint('mmsi2', 92, 30, { cutAt: 96 }),
  uint('offset2', 122, 12),
  uint('increment2', 134, 10),
]);

/** Type 17: DGNSS broadcast binary message (80..816 bits); position in 1/10 minute. */
export const DGNSS = table('17', 75, [
  spare(38, 2),
  lon('lon', 40, 18, 10),
  lat('lat', 58, 17, 10),
  spare(75, 5),
  data('data', 80),
]);

/** Bits 38–138, common to the Class B position reports (types 18 and 19). */
const CLASS_B_POSITION = [
  uint('reserved', 38, 8),
  SOG(46),
  bool('accuracy', 56),
  lon('lon', 57, 28, 10000),
  lat('lat', 85, 27, 10000),
  COG(112),
  HEADING(124),
  SECOND(133),
];

/** Type 18: standard Class B position report (168 bits). */
export const POSITION_B = table('18', 133, [
  ...CLASS_B_POSITION,
  uint('regional', 139, 2),
  bool('cs', 141),
  bool('display', 142),
  bool('dsc', 143),
  bool('band', 144),
  bool('msg22', 145),
  bool('assigned', 146),
  bool('raim', 147),
  uint('radio', 148, 20),
]);

/** Type 19: extended Class B position report (312 bits). */
export const POSITION_B_EXTENDED = table('19', 301, [
  ...CLASS_B_POSITION,
  uint('regional', 139, 4),
  text('name', 143, 120),
  uint('shipType', 263, 8),
  ...DIMENSIONS(271),
  uint('epfd', 301, 4),
  bool('raim', 305),
  bool('dte', 306),
  bool('assigned', 307),
  spare(308, 4),
]);

/** Type 20: data link management, 1 to 4 reservations (72..160 bits). */
export const DATA_LINK_MANAGEMENT = table(
  '20',
  70,
  [spare(38, 2)].concat(
    ...[1, 2, 3, 4].map((k) => {
      const b = 40 + 30 * (k - 1);
      return [uint(`offset${k}`, b, 12, k > 1 ? { cutAt: Math.ceil(b / 8) * 8 } : {}), uint(`number${k}`, b + 12, 4), uint(`timeout${k}`, b + 16, 3), uint(`increment${k}`, b + 19, 11)];
    }),
  ),
);

/** AtoN names longer than 20 characters continue in the extension field (as gpsd joins them). */
const ATON_NAME: DerivedField = {
  name: 'name',
  derive: (m) => {
    const n = m.name as string | null;
    const ext = m.nameExtension as string | null;
    return n !== null && n.length === 20 && ext !== null ? n + ext : n;
  },
  underive: (m) => {
    const n = m.name;
    if (typeof n !== 'string' || n.length <= 20) return {};
    return { name: n.slice(0, 20), nameExtension: n.slice(20) };
  },
};

/** Type 21: aid-to-navigation report (272..360 bits). */
export const AID_TO_NAVIGATION = table(
  '21',
  253,
  [
    uint('aidType', 38, 5),
    text('name', 43, 120),
    bool('accuracy', 163),
    lon('lon', 164, 28, 10000),
    lat('lat', 192, 27, 10000),
    ...DIMENSIONS(219),
    uint('epfd', 249, 4),
    SECOND(253),
    bool('offPosition', 259),
    uint('regional', 260, 8),
    bool('raim', 268),
    bool('virtualAid', 269),
    bool('assigned', 270),
    spare(271, 1),
    text('nameExtension', 272, 'rest'),
  ],
  [ATON_NAME],
);

const CHANNEL_MANAGEMENT_HEAD: FieldSpec[] = [spare(38, 2), uint('channelA', 40, 12), uint('channelB', 52, 12), uint('txrx', 64, 4), bool('power', 68)];
const CHANNEL_MANAGEMENT_TAIL: FieldSpec[] = [bool('addressed', 139), bool('bandA', 140), bool('bandB', 141), uint('zoneSize', 142, 3), spare(145, 23)];

/** Type 22: channel management, broadcast to an area (168 bits). */
export const CHANNEL_MANAGEMENT_AREA = table('22-area', 145, [
  ...CHANNEL_MANAGEMENT_HEAD,
  lon('neLon', 69, 18, 10),
  lat('neLat', 87, 17, 10),
  lon('swLon', 104, 18, 10),
  lat('swLat', 122, 17, 10),
  ...CHANNEL_MANAGEMENT_TAIL,
]);

/** Type 22: channel management, addressed to two stations (168 bits). */
export const CHANNEL_MANAGEMENT_ADDRESSED = table('22-addressed', 145, [
  ...CHANNEL_MANAGEMENT_HEAD,
  uint('destMmsi1', 69, 30),
  spare(99, 5),
  uint('destMmsi2', 104, 30),
  spare(134, 5),
  ...CHANNEL_MANAGEMENT_TAIL,
]);

/** Type 23: group assignment command (160 bits). */
export const GROUP_ASSIGNMENT = table('23', 154, [
  spare(38, 2),
  lon('neLon', 40, 18, 10),
  lat('neLat', 58, 17, 10),
  lon('swLon', 75, 18, 10),
  lat('swLat', 93, 17, 10),
  uint('stationType', 110, 4),
  uint('shipType', 114, 8),
  spare(122, 22),
  uint('txrx', 144, 2),
  uint('interval', 146, 4),
  uint('quiet', 150, 4),
  spare(154, 6),
]);

/** Type 24 part A: name (160 bits; some senders add 8 spare bits, ignored). */
export const STATIC_B_PART_A = table('24A', 160, [uint('partNo', 38, 2), text('name', 40, 120)]);

const STATIC_B_PART_B_HEAD: FieldSpec[] = [
  uint('partNo', 38, 2),
  uint('shipType', 40, 8),
  text('vendorId', 48, 18),
  uint('model', 66, 4),
  uint('serial', 70, 20),
  text('callsign', 90, 42),
];

/** Type 24 part B of a Class B ship (168 bits): dimensions; epfd only since M.1371-5. */
export const STATIC_B_PART_B = table('24B', 162, [...STATIC_B_PART_B_HEAD, ...DIMENSIONS(132), uint('epfd', 162, 4), spare(166, 2)]);

/** Type 24 part B of an auxiliary craft (MMSI 98MIDxxxx): the mother ship's MMSI replaces the dimensions. */
export const STATIC_B_PART_B_AUXILIARY = table('24B-auxiliary', 162, [
  ...STATIC_B_PART_B_HEAD,
  uint('mothershipMmsi', 132, 30),
  uint('epfd', 162, 4),
  spare(166, 2),
]);

/** Type 24 with an invalid part number (2, 3): only the header and the part number. */
export const STATIC_B_PART_INVALID = table('24-invalid-part', 40, [uint('partNo', 38, 2, { range: [0, 1], warn: 'invalid_part_no' })]);

/** Types 25 and 26: single/multiple slot binary message; four layouts from the addressed/structured flags. */
export function binarySlotMessage(type: 25 | 26, addressed: boolean, structured: boolean): MessageTable {
  const fields: FieldSpec[] = [bool('addressed', 38), bool('structured', 39)];
  let at = 40;
  // No spare after the destination: the data follows at bit 70, as gpsd and pyais read it (the
  // corpus has non-zero bits there, which a byte-aligning spare would not carry).
  if (addressed) {
    fields.push(uint('destMmsi', 40, 30));
    at = 70;
  }
  if (structured) {
    fields.push(uint('dac', at, 10), uint('fid', at + 10, 6));
    at += 16;
  }
  const radio = type === 26;
  fields.push(data('data', at, radio ? { tail: 20 } : {}));
  if (radio) fields.push({ name: 'radio', start: 0, width: 20, kind: 'uint', fromEnd: true });
  const id = `${type}-${addressed ? 'addressed' : 'broadcast'}-${structured ? 'structured' : 'unstructured'}`;
  return table(id, at + (radio ? 20 : 0), fields);
}

/** Type 27: long-range broadcast (96 bits): 1/10 minute position, whole knots and degrees. */
export const LONG_RANGE = table('27', 94, [
  bool('accuracy', 38),
  bool('raim', 39),
  uint('navStatus', 40, 4),
  lon('lon', 44, 18, 10),
  lat('lat', 62, 17, 10),
  uint('sog', 79, 6, { na: 63 }),
  uint('cog', 85, 9, { na: 511, range: [0, 359], warn: 'cog_out_of_range' }),
  bool('positionLatency', 94),
  spare(95, 1),
]);

export { HEADER };
