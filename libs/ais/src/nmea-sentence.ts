import type { RejectReason } from '@seawarden/contracts';
import { hexByteAt, toHexByte } from './nmea-checksum.js';
import { trailingTimeMs } from './trailing-time.js';

/**
 * The fields of one `!xxVDM` / `!xxVDO` sentence. One instance is reused for every line
 * (the hot path allocates only the payload and the strings it must hand on).
 */
export class SentenceFields {
  talker = '';
  own = false;
  fragCount = 0;
  fragNum = 0;
  seqId = '';
  channel: string | null = null;
  payload = '';
  fillBits = 0;
  /** The sentence checksum (verified). */
  checksum = 0;
  /** Unix time written after the checksum, in ms, or null. */
  trailingMs: number | null = null;
  /** Index where a second sentence glued on the same line starts, or -1. */
  next = -1;
  /** Why the sentence is unusable (when parseAisSentence returns false). */
  reason: RejectReason = 'malformed_sentence';
  detail = '';
}

const talkers = new Map<number, string>();

/** Two-character talker, interned (a handful of distinct values in any feed). */
function talkerAt(line: string, i: number): string {
  const k = (line.charCodeAt(i) << 16) | line.charCodeAt(i + 1);
  let t = talkers.get(k);
  if (t === undefined) {
    t = line.slice(i, i + 2);
    if (talkers.size < 4096) talkers.set(k, t);
  }
  return t;
}

function fail(f: SentenceFields, reason: RejectReason, detail: string): false {
  f.reason = reason;
  f.detail = detail;
  return false;
}

/**
 * Parse `xxVDM,count,num,seq,channel,payload,fill*hh[trailer]` where `line[addr]` is the
 * first talker character, `line[comma]` the comma after the address and `end` the end of
 * the (trimmed) line. Checks the checksum first: when it is wrong, nothing else is trusted.
 * Sets `f.next` when another sentence is glued after this one.
 */
export function parseAisSentence(line: string, addr: number, comma: number, end: number, f: SentenceFields): boolean {
  f.next = -1;
  f.trailingMs = null;
  // One pass up to the `*`: the checksum and the commas of the six fields (no indexOf per field).
  let got = 44; // the comma after the address
  for (let i = addr; i < comma; i++) got ^= line.charCodeAt(i);
  let c2 = -1;
  let c3 = -1;
  let c4 = -1;
  let c5 = -1;
  let c6 = -1;
  let commas = 0;
  let star = -1;
  for (let i = comma + 1; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 42 /* * */) {
      star = i;
      break;
    }
    got ^= c;
    if (c === 44) {
      commas++;
      if (commas === 1) c2 = i;
      else if (commas === 2) c3 = i;
      else if (commas === 3) c4 = i;
      else if (commas === 4) c5 = i;
      else if (commas === 5) c6 = i;
    }
  }
  if (star < 0) return fail(f, 'malformed_sentence', 'no checksum (truncated sentence?)');
  if (star + 2 >= end) return fail(f, 'malformed_sentence', 'checksum cut short');
  const want = hexByteAt(line, star + 1);
  if (want < 0) return fail(f, 'malformed_sentence', `checksum "${line.slice(star + 1, star + 3)}" is not hex`);
  // What follows the checksum: nothing, a trailer (`,…`), or a glued sentence.
  const pos = star + 3;
  if (pos < end) {
    const c = line.charCodeAt(pos);
    let next = c === 92 || c === 33 ? pos : nextSentenceStart(line, pos, end);
    if (next >= 0) f.next = next;
    else next = end;
    if (c === 44 /* , */) f.trailingMs = trailingTimeMs(line, pos + 1, next);
  }
  if (got !== want) return fail(f, 'bad_checksum', `checksum ${toHexByte(want)}, computed ${toHexByte(got)}`);
  if (commas < 5) return fail(f, 'malformed_sentence', 'fewer than 6 fields before the checksum');
  if (commas > 5) return fail(f, 'malformed_sentence', 'more than 6 fields before the checksum');
  const count = digit(line, comma + 1, c2);
  const num = digit(line, c2 + 1, c3);
  if (count < 1) return fail(f, 'bad_fragment', `fragment count "${line.slice(comma + 1, c2)}" is not 1-9`);
  if (num < 1 || num > count) return fail(f, 'bad_fragment', `fragment number "${line.slice(c2 + 1, c3)}" of ${count}`);
  if (c4 - c3 - 1 > 2) return fail(f, 'bad_fragment', `sequence id "${line.slice(c3 + 1, c4)}" is too long`);
  if (c5 - c4 - 1 > 2) return fail(f, 'malformed_sentence', `channel "${line.slice(c4 + 1, c5)}" is too long`);
  let fill = 0;
  if (star > c6 + 1) {
    fill = digit(line, c6 + 1, star);
    if (fill < 0 || fill > 5) return fail(f, 'malformed_sentence', `fill bits "${line.slice(c6 + 1, star)}" is not 0-5`);
  }
  f.talker = talkerAt(line, addr);
  f.own = line.charCodeAt(addr + 4) === 79; /* O */
  f.fragCount = count;
  f.fragNum = num;
  f.seqId = c4 === c3 + 1 ? '' : line.slice(c3 + 1, c4);
  f.channel = c5 === c4 + 1 ? null : line.slice(c4 + 1, c5);
  f.payload = line.slice(c5 + 1, c6);
  f.fillBits = fill;
  f.checksum = got;
  return true;
}

/** One decimal digit as the whole of line[start, end), else -1 (0 counts). */
function digit(line: string, start: number, end: number): number {
  if (end !== start + 1) return -1;
  const d = line.charCodeAt(start) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Start of a glued sentence (`\` tag block or `!`) in line[from, end), or -1. */
function nextSentenceStart(line: string, from: number, end: number): number {
  const a = line.indexOf('\\', from);
  const b = line.indexOf('!', from);
  let n = a < 0 || a >= end ? -1 : a;
  if (b >= 0 && b < end && (n < 0 || b < n)) n = b;
  return n;
}
