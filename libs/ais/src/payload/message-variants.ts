/**
 * Chooses the layout (table) of a message: from the bits when decoding, from the message's own
 * fields when encoding. Every table is compiled into a reader once, here, at module load.
 */
import { readUint } from './bit-buffer.js';
import { compileJsonWriter, type JsonWriter } from './compile-json.js';
import { compileReader, type Reader } from './compile-reader.js';
import { compileWriter, type Writer } from './compile-writer.js';
import { APPLICATION_TABLES, type ApplicationTable } from './application-tables.js';
import { bool, data, spare, uint, type FieldSpec, type MessageTable } from './field-table.js';
import * as T from './message-tables.js';

export interface Variant {
  table: MessageTable;
  read: Reader;
  write: Writer;
  /** JSON text of what `read` returns, up to its last field (no closing brace). */
  json: JsonWriter;
}

const variant = (table: MessageTable): Variant => ({ table, read: compileReader(table), write: compileWriter(table), json: compileJsonWriter(table) });

/** Type 6 and 8 headers, and where their application data begins. */
const BINARY_HEADERS: Record<6 | 8, { fields: FieldSpec[]; dataStart: number }> = {
  6: {
    fields: [uint('seqNo', 38, 2), uint('destMmsi', 40, 30), bool('retransmit', 70), spare(71, 1), uint('dac', 72, 10), uint('fid', 82, 6)],
    dataStart: 88,
  },
  8: { fields: [spare(38, 2), uint('dac', 40, 10), uint('fid', 50, 6)], dataStart: 56 },
};

function binaryTable(type: 6 | 8, app: ApplicationTable | null): MessageTable {
  const h = BINARY_HEADERS[type];
  const fields = [...T.HEADER, ...h.fields];
  if (!app) return { id: `${type}`, minBits: h.dataStart, fields: [...fields, data('data', h.dataStart)] };
  const shifted = app.fields.map((f) => ({ ...f, start: f.start + h.dataStart }));
  return { id: `${type}-${app.id}`, minBits: h.dataStart + app.minBits, fields: [...fields, ...shifted], derived: app.derived };
}

const BINARY_GENERIC = { 6: variant(binaryTable(6, null)), 8: variant(binaryTable(8, null)) };
const BINARY_APPS = new Map<string, { app: ApplicationTable; v: Variant }>();
for (const [key, app] of APPLICATION_TABLES) {
  const type = Number(key.split('/')[0]) as 6 | 8;
  BINARY_APPS.set(key, { app, v: variant(binaryTable(type, app)) });
}

/** Layouts that depend on the message type alone, indexed by type. */
const SIMPLE: (Variant | undefined)[] = [];
for (const t of [1, 2, 3]) SIMPLE[t] = variant(T.POSITION_A(t));
SIMPLE[4] = variant(T.BASE_STATION(4));
SIMPLE[11] = variant(T.BASE_STATION(11));
SIMPLE[5] = variant(T.STATIC_VOYAGE);
SIMPLE[7] = variant(T.ACKNOWLEDGE(7));
SIMPLE[13] = variant(T.ACKNOWLEDGE(13));
SIMPLE[9] = variant(T.SAR_AIRCRAFT);
SIMPLE[10] = variant(T.UTC_INQUIRY);
SIMPLE[12] = variant(T.SAFETY_ADDRESSED);
SIMPLE[14] = variant(T.SAFETY_BROADCAST);
SIMPLE[15] = variant(T.INTERROGATION);
SIMPLE[16] = variant(T.ASSIGNMENT);
SIMPLE[17] = variant(T.DGNSS);
SIMPLE[18] = variant(T.POSITION_B);
SIMPLE[19] = variant(T.POSITION_B_EXTENDED);
SIMPLE[20] = variant(T.DATA_LINK_MANAGEMENT);
SIMPLE[21] = variant(T.AID_TO_NAVIGATION);
SIMPLE[23] = variant(T.GROUP_ASSIGNMENT);
SIMPLE[27] = variant(T.LONG_RANGE);

const CHANNEL_AREA = variant(T.CHANNEL_MANAGEMENT_AREA);
const CHANNEL_ADDRESSED = variant(T.CHANNEL_MANAGEMENT_ADDRESSED);
const PART_A = variant(T.STATIC_B_PART_A);
const PART_B = variant(T.STATIC_B_PART_B);
const PART_B_AUX = variant(T.STATIC_B_PART_B_AUXILIARY);
const PART_INVALID = variant(T.STATIC_B_PART_INVALID);
/** Index: (type - 25) * 4 + addressed * 2 + structured. */
const BINARY_SLOT: Variant[] = [];
for (const type of [25, 26] as const)
  for (const addressed of [false, true])
    for (const structured of [false, true])
      BINARY_SLOT[(type - 25) * 4 + (addressed ? 2 : 0) + (structured ? 1 : 0)] = variant(T.binarySlotMessage(type, addressed, structured));

/** MMSI 98MIDxxxx: craft associated with a parent ship (type 24 B carries the mother ship's MMSI). */
export const isAuxiliaryCraft = (mmsi: number): boolean => mmsi >= 980_000_000 && mmsi < 990_000_000;

function binaryVariant(type: 6 | 8, dac: number, fid: number, dataBits: number): Variant {
  const hit = BINARY_APPS.get(`${type}/${dac}/${fid}`);
  if (hit && dataBits >= hit.app.minBits && dataBits <= hit.app.maxBits) return hit.v;
  return BINARY_GENERIC[type];
}

/** The layout of the payload in the bit buffer; `type` is 1..27. */
export function variantForBits(type: number, w: Uint32Array, n: number): Variant {
  const simple = SIMPLE[type];
  if (simple) return simple;
  switch (type) {
    case 6:
    case 8: {
      const h = BINARY_HEADERS[type];
      if (n < h.dataStart) return BINARY_GENERIC[type];
      const dacAt = type === 6 ? 72 : 40;
      return binaryVariant(type, readUint(w, dacAt, 10), readUint(w, dacAt + 10, 6), n - h.dataStart);
    }
    case 22:
      return n > 139 && readUint(w, 139, 1) === 1 ? CHANNEL_ADDRESSED : CHANNEL_AREA;
    case 24: {
      if (n < 40) return PART_A; // too short for any part
      const part = readUint(w, 38, 2);
      if (part === 0) return PART_A;
      if (part === 1) return isAuxiliaryCraft(readUint(w, 8, 30)) ? PART_B_AUX : PART_B;
      return PART_INVALID;
    }
    default: // 25, 26
      return BINARY_SLOT[(type - 25) * 4 + (n >= 40 ? readUint(w, 38, 2) : 0)];
  }
}

/** The layout to encode a message with (null when the type has none). */
export function variantForMessage(m: Record<string, unknown>): Variant | null {
  const type = m.type as number;
  const simple = SIMPLE[type];
  if (simple) return simple;
  switch (type) {
    case 6:
    case 8:
      if (typeof m.data === 'string') return BINARY_GENERIC[type];
      return BINARY_APPS.get(`${type}/${m.dac}/${m.fid}`)?.v ?? BINARY_GENERIC[type];
    case 22:
      return m.addressed ? CHANNEL_ADDRESSED : CHANNEL_AREA;
    case 24:
      if ((m.partNo ?? 0) === 0) return PART_A;
      if (m.partNo === 1) return isAuxiliaryCraft(m.mmsi as number) ? PART_B_AUX : PART_B;
      return null;
    case 25:
    case 26:
      return BINARY_SLOT[(type - 25) * 4 + (m.addressed ? 2 : 0) + (m.structured ? 1 : 0)];
    default:
      return null;
  }
}

/** Every layout, for tests and documentation. */
export const ALL_LAYOUTS: readonly MessageTable[] = [
  ...SIMPLE.filter((v): v is Variant => v !== undefined),
  BINARY_GENERIC[6],
  BINARY_GENERIC[8],
  ...[...BINARY_APPS.values()].map((a) => a.v),
  CHANNEL_AREA,
  CHANNEL_ADDRESSED,
  PART_A,
  PART_B,
  PART_B_AUX,
  ...BINARY_SLOT,
].map((v) => v.table);
