import type { AisMessage } from '@seawarden/contracts';

/**
 * One position as stored: a tuple (cheap to queue, spill as JSON and serialise for COPY/unnest).
 * [time ms, mmsi, lat, lon, sog, cog, heading, navStatus, message type, source]
 */
export type PositionRow = [
  t: number, mmsi: number, lat: number, lon: number,
  sog: number | null, cog: number | null, heading: number | null, navStatus: number | null,
  type: number, source: string | null,
];

/** A sealed group of rows written in one transaction under one id (replays are no-ops). */
export interface PositionBatch {
  id: string;
  rows: PositionRow[];
}

export const POSITION_COLUMNS = ['t', 'mmsi', 'lat', 'lon', 'sog', 'cog', 'heading', 'nav_status', 'msg_type', 'source'] as const;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const int = (v: unknown, max: number): number | null => {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= max ? n : null;
};

/**
 * The stored row for a message that carries a usable position, else null (static data,
 * binary messages, "not available" or out-of-range coordinates). The time is the message's
 * receivedAt, else `nowMs` (when the writer saw it).
 */
export function toPositionRow(msg: AisMessage, nowMs: number): PositionRow | null {
  const lat = num(msg.lat);
  const lon = num(msg.lon);
  if (lat === null || lon === null || lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
  if (!Number.isInteger(msg.mmsi) || msg.mmsi <= 0 || msg.mmsi > 999_999_999) return null;
  const parsed = msg.receivedAt ? Date.parse(msg.receivedAt) : NaN;
  const sog = num(msg.sog);
  const cog = num(msg.cog);
  return [
    Number.isFinite(parsed) ? parsed : nowMs,
    msg.mmsi,
    lat,
    lon,
    sog !== null && sog >= 0 && sog < 1e4 ? sog : null,
    cog !== null && cog >= 0 && cog <= 360 ? cog : null,
    int(msg.heading, 32767),
    int(msg.navStatus, 32767),
    int(msg.type, 32767) ?? 0,
    typeof msg.source === 'string' ? msg.source : null,
  ];
}

/** COPY text-format escaping (backslash, tab, newline, carriage return). */
function copyText(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}
const copyNum = (v: number | null): string => (v === null ? '\\N' : String(v));

/** Rows as the text COPY expects, in POSITION_COLUMNS order. */
export function toCopyText(rows: readonly PositionRow[]): string {
  let out = '';
  for (const r of rows) {
    out += `${new Date(r[0]).toISOString()}\t${r[1]}\t${r[2]}\t${r[3]}\t${copyNum(r[4])}\t${copyNum(r[5])}\t${copyNum(r[6])}\t${copyNum(r[7])}\t${r[8]}\t${r[9] === null ? '\\N' : copyText(r[9])}\n`;
  }
  return out;
}

/** Column arrays for `unnest`, in POSITION_COLUMNS order (t as epoch milliseconds). */
export function toColumnArrays(rows: readonly PositionRow[]): unknown[][] {
  const cols: unknown[][] = POSITION_COLUMNS.map(() => new Array(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let c = 0; c < 10; c++) cols[c]![i] = r[c];
  }
  return cols;
}
