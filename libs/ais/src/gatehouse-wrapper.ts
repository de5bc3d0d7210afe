import { hexByteAt } from './nmea-checksum.js';

/**
 * Gatehouse `$PGHP,1,<yyyy>,<m>,<d>,<h>,<min>,<s>,<ms>,<country>,<region>,<pss>,<online>,<cs>*hh`:
 * a wrapper line with the receive time of one sentence or multi-part group, usually the one after
 * it, in some captures the one before it; its last field (`cs`) names the checksum of that sentence.
 * Returns the time in ms since the epoch, or an error message.
 * `line[start]` is the first field after `PGHP,`; `end` is the `*`.
 */
export function parseGatehouseTime(line: string, start: number, end: number): number | string {
  const f: number[] = [];
  let i = start;
  // Message type, then the seven date/time fields.
  while (f.length < 8) {
    let comma = line.indexOf(',', i);
    if (comma < 0 || comma > end) comma = end;
    if (comma === i) return `$PGHP field ${f.length + 1} is empty`;
    let v = 0;
    for (let j = i; j < comma; j++) {
      const c = line.charCodeAt(j) - 48;
      if (c < 0 || c > 9) return `$PGHP field ${f.length + 1} "${line.slice(i, comma)}" is not a number`;
      v = v * 10 + c;
    }
    f.push(v);
    if (comma === end && f.length < 8) return '$PGHP has fewer than 8 fields';
    i = comma + 1;
  }
  const [msgType, y, mo, d, h, mi, s, ms] = f as [number, number, number, number, number, number, number, number];
  if (msgType !== 1) return `$PGHP message type ${msgType} carries no time`;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || ms > 999) {
    return `$PGHP time ${y}-${mo}-${d} ${h}:${mi}:${s}.${ms} is out of range`;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/**
 * The last `$PGHP` field: the checksum of the sentence it wraps (for a multi-part message, the
 * XOR of its sentences' checksums). -1 when it is not two hex digits. `end` is the `*`.
 */
export function gatehouseTarget(line: string, start: number, end: number): number {
  const comma = line.lastIndexOf(',', end - 1);
  if (comma < start - 1 || comma + 3 !== end) return -1;
  return hexByteAt(line, comma + 1);
}
