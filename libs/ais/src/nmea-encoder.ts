import { toHexByte, xorChecksum } from './nmea-checksum.js';
import { encodePayload } from './payload/index.js';

export interface EncodeOptions {
  /** Talker id (default `AI`). */
  talker?: string;
  /** Radio channel (default `A`; empty string for none). */
  channel?: string;
  /** Sequence id for multi-part messages (default: a rolling 0–9 counter). */
  sequenceId?: number;
  /** Write VDO (own ship) instead of VDM (default: `message.own === true`). */
  own?: boolean;
  /** IEC 62320-1 tag block on the first sentence; multi-part messages also get `g:` group tags. */
  tagBlock?: { s?: string; c?: number /* unix seconds */; groupId?: number };
}

/** NMEA 0183 allows 82 characters including `!` and CR LF: 80 before the line end. */
const MAX_SENTENCE = 80;

let nextSequence = 0;
let nextGroup = 1;

/**
 * One message as NMEA sentences (multi-part when the payload does not fit one 82-character
 * sentence), each with its checksum; with a tag block (its own checksum) in front of the first
 * sentence, and `g:n-m-id` group tags in front of every sentence of a multi-part message.
 */
export function encodeMessage(message: Record<string, unknown>, opts: EncodeOptions = {}): string[] {
  const { payload, fillBits } = encodePayload(message);
  const talker = opts.talker ?? 'AI';
  if (talker.length !== 2) throw new RangeError(`talker must be 2 characters, got "${talker}"`);
  const channel = opts.channel ?? 'A';
  const kind = (opts.own ?? message.own === true) ? 'VDO' : 'VDM';
  // `!AIVDM,n,k,s,c,` + payload + `,f*hh`
  const fixed = 1 + 5 + 1 + 2 + 2 + 2 + channel.length + 1 + 2 + 3;
  const room = MAX_SENTENCE - fixed;
  const parts = Math.max(1, Math.ceil(payload.length / room));
  if (parts > 9) throw new RangeError(`payload of ${payload.length} characters needs ${parts} sentences (at most 9)`);
  let seq = '';
  if (parts > 1) {
    const id = opts.sequenceId ?? nextSequence++ % 10;
    if (!Number.isInteger(id) || id < 0 || id > 9) throw new RangeError(`sequenceId must be 0-9, got ${id}`);
    seq = String(id);
  }
  const tb = opts.tagBlock;
  const group = tb !== undefined && parts > 1 ? (tb.groupId ?? nextGroup++ % 10_000) : 0;
  const out: string[] = [];
  for (let k = 1; k <= parts; k++) {
    const chunk = payload.slice((k - 1) * room, k * room);
    const fill = k === parts ? fillBits : 0;
    const body = `!${talker}${kind},${parts},${k},${seq},${channel},${chunk},${fill}`;
    let sentence = `${body}*${toHexByte(xorChecksum(body, 1, body.length))}`;
    if (tb !== undefined) {
      const tags: string[] = [];
      if (parts > 1) tags.push(`g:${k}-${parts}-${group}`);
      if (k === 1) {
        if (tb.s !== undefined) tags.push(`s:${tb.s}`);
        if (tb.c !== undefined) tags.push(`c:${Math.floor(tb.c)}`);
      }
      if (tags.length > 0) {
        const t = tags.join(',');
        sentence = `\\${t}*${toHexByte(xorChecksum(t, 0, t.length))}\\${sentence}`;
      }
    }
    out.push(sentence);
  }
  return out;
}
