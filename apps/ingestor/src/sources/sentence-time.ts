/**
 * When a raw line says it was received: the tag block's `c:` (unix seconds, or milliseconds
 * when it has 13+ digits) or a trailing `,<unix seconds>` after the checksum. Only what pacing a
 * replay needs; full tag-block parsing is libs/ais's job.
 */
const TAG_BLOCK_TIME = /^\\(?:[^\\]*,)?c:(\d{9,13})(?:[,*][^\\]*)?\\/;
const TRAILING_TIME = /\*[0-9A-Fa-f]{2},(\d{9,10}(?:\.\d+)?)\s*$/;

export function sentenceTimeMs(line: string): number | null {
  if (line.charCodeAt(0) === 92 /* \ */) {
    const m = TAG_BLOCK_TIME.exec(line);
    if (m) return toMs(m[1]!);
  }
  const t = TRAILING_TIME.exec(line);
  return t ? Math.round(Number(t[1]) * 1000) : null;
}

function toMs(digits: string): number {
  const n = Number(digits);
  return digits.length >= 13 ? n : n * 1000;
}
