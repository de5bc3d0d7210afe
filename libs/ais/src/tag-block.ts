import { hexByteAt, xorChecksum } from './nmea-checksum.js';

/**
 * An IEC 62320-1 tag block: `\s:station,c:unixtime,g:1-2-42*hh\` in front of a sentence.
 * Only the tags the sentence layer uses are kept; the others (`n:`, `r:`, `t:`, `d:`, `q:`,
 * `T:`, …) are checked for shape and skipped.
 */
export interface TagBlock {
  /** `s:` source/station, or null. */
  source: string | null;
  /** `c:` receive time in ms since the epoch (seconds and ms both accepted), or null. */
  timeMs: number | null;
  /** `g:` sentence number in the group (1-based), 0 when there is no group. */
  groupIndex: number;
  /** `g:` number of sentences in the group, 0 when there is no group. */
  groupCount: number;
  /** `g:` group id as written (kept as text: `--001` is seen in the wild), or null. */
  groupId: string | null;
  /** Checksum state: ok, wrong (value present but not matching), or absent. */
  checksum: 'ok' | 'wrong' | 'absent';
}

/** A tag block that cannot be used: the sentence behind it is rejected as `bad_tag_block`. */
export interface TagBlockError {
  error: string;
}

/** Unix time in seconds or milliseconds (told apart by magnitude) → ms. */
export function unixToMs(value: number): number {
  return value >= 1e11 ? value : value * 1000;
}

/**
 * Parse the tag block body `line[start, end)` (between the two backslashes).
 */
export function parseTagBlock(line: string, start: number, end: number): TagBlock | TagBlockError {
  let bodyEnd = end;
  let checksum: TagBlock['checksum'] = 'absent';
  const star = line.lastIndexOf('*', end - 1);
  if (star >= start) {
    if (star + 3 !== end) return { error: 'tag block checksum is not two hex digits before the closing backslash' };
    const want = hexByteAt(line, star + 1);
    if (want < 0) return { error: 'tag block checksum is not hex' };
    checksum = xorChecksum(line, start, star) === want ? 'ok' : 'wrong';
    bodyEnd = star;
  }
  const tag: TagBlock = { source: null, timeMs: null, groupIndex: 0, groupCount: 0, groupId: null, checksum };
  let i = start;
  while (i < bodyEnd) {
    let comma = line.indexOf(',', i);
    if (comma < 0 || comma > bodyEnd) comma = bodyEnd;
    const colon = line.indexOf(':', i);
    if (colon < 0 || colon >= comma) return { error: `tag field "${line.slice(i, comma)}" has no colon` };
    // Keys are one letter in the standard; some feeds use longer ones: accept and skip them.
    if (colon === i + 1) {
      const key = line.charCodeAt(i);
      if (key === 115 /* s */) tag.source = line.slice(colon + 1, comma);
      else if (key === 99 /* c */) {
        const v = Number(line.slice(colon + 1, comma));
        if (!(v >= 0) || colon + 1 === comma) return { error: `tag c: "${line.slice(colon + 1, comma)}" is not a unix time` };
        tag.timeMs = unixToMs(v);
      } else if (key === 103 /* g */) {
        const err = parseGroup(line, colon + 1, comma, tag);
        if (err) return { error: err };
      }
    }
    i = comma + 1;
  }
  return tag;
}

/** `g:n-m-id` into the tag; an error message when it is unusable. */
function parseGroup(line: string, start: number, end: number, tag: TagBlock): string | null {
  const d1 = line.indexOf('-', start);
  const d2 = d1 < 0 ? -1 : line.indexOf('-', d1 + 1);
  if (d1 < 0 || d2 < 0 || d2 >= end) return `tag g: "${line.slice(start, end)}" is not n-m-id`;
  const n = smallInt(line, start, d1);
  const m = smallInt(line, d1 + 1, d2);
  if (n < 1 || m < 1 || n > m) return `tag g: "${line.slice(start, end)}" has sentence ${n} of ${m}`;
  if (d2 + 1 >= end) return `tag g: "${line.slice(start, end)}" has no group id`;
  tag.groupIndex = n;
  tag.groupCount = m;
  tag.groupId = line.slice(d2 + 1, end);
  return null;
}

/** Decimal integer of 1–4 digits in [start, end), else -1. */
function smallInt(s: string, start: number, end: number): number {
  if (end <= start || end - start > 4) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export function isTagBlockError(t: TagBlock | TagBlockError): t is TagBlockError {
  return (t as TagBlockError).error !== undefined;
}
