import type { AisMessage, DecodeCounters, DecodeWarning, RejectReason } from '@seawarden/contracts';
import { FragmentAssembler, type FragmentBase } from './fragment-assembler.js';
import { gatehouseTarget, parseGatehouseTime } from './gatehouse-wrapper.js';
import { hexByteAt, toHexByte, xorChecksum } from './nmea-checksum.js';
import { SentenceFields, parseAisSentence } from './nmea-sentence.js';
import { decodePayload as defaultDecodePayload } from './payload/index.js';
import { constantBytesSource, type JsonSink } from './payload/json-sink.js';
import { isTagBlockError, parseTagBlock, type TagBlock } from './tag-block.js';

/** A line that did not become (part of) a decoded message. */
export interface Rejection {
  line: number;
  reason: RejectReason;
  detail: string;
  /** The input line, cut to 200 characters. */
  text: string;
}

/** The payload layer's contract (libs/ais/src/payload). */
export type PayloadDecoder = (
  payload: string,
  fillBits: number,
) =>
  | { ok: true; message: Record<string, unknown>; json?: FieldsJson }
  | { ok: false; reason: RejectReason; detail: string };

/** Writes a decoded message's payload fields as JSON, up to the last of them (no closing brace). */
type FieldsJson = (m: Record<string, unknown>, out: JsonSink) => void;

export interface AisDecoderOptions {
  /** Feed/receiver id used when a sentence has no tag-block `s:`. */
  source?: string | null;
  /** A multi-part group older than this in receive time expires (default 60 s). */
  fragmentTimeoutMs?: number;
  /** Without receive times, a group expires after this many input lines (default 1000). */
  fragmentTimeoutLines?: number;
  /** Bound on buffered fragments; the oldest group is evicted (counted) to make room (default 4096). */
  maxPendingFragments?: number;
  /** Lines longer than this are rejected unread (default 2048). */
  maxLineLength?: number;
  /** A fragment arriving before one already buffered joins it within this many lines (default 10). */
  reorderWindowLines?: number;
  /**
   * Each decoded message, with its armored payload (all fragments joined: the identity of the
   * transmission, the same from every receiver that heard it) and its receive time in ms
   * (`receivedAt` as a number, or null).
   */
  onMessage?: (m: AisMessage, payload: string, timeMs: number | null) => void;
  /**
   * Each delivered message is appended here as one line of JSON (the bytes of
   * `JSON.stringify(m) + '\n'`), after onMessage. Written by per-layout writers straight into
   * bytes: several times cheaper than JSON.stringify. Take the bytes with `jsonOut.take()`.
   */
  jsonOut?: JsonSink;
  onReject?: (r: Rejection) => void;
  /** The payload decoder (defaults to this library's). */
  decodePayload?: PayloadDecoder;
}

export interface PushMeta {
  source?: string | null;
  receivedAtMs?: number | null;
}

/** A `$PGHP` line waiting for the sentence it wraps. */
interface Wrapper {
  line: number;
  timeMs: number;
  /** Checksum of the sentence it wraps (XOR over a multi-part group), -1 when unknown. */
  target: number;
  text: string;
}

/** A line carrying several sentences; it is settled once, when its last sentence is. */
interface GluedLine {
  line: number;
  text: string;
  remaining: number;
  ok: boolean;
  reason: RejectReason | null;
  detail: string;
  done: boolean;
}

/** A decoded message waiting (in wrapper mode) for a `$PGHP` that may follow it. */
interface HeldMessage {
  m: AisMessage;
  json: FieldsJson | null;
  /** The payload layer set `warnings` (it precedes the sentence fields in key order). */
  early: boolean;
  /** Checksum a wrapper must name to claim it; -1 once wrapped (or timed by a tag block). */
  checksum: number;
  payload: string;
  timeMs: number | null;
}

interface Fragment extends FragmentBase {
  checksum: number;
  text: string;
  talker: string;
  channel: string | null;
  own: boolean;
  /** Tag-block `s:` of this fragment (null when none). */
  tagSource: string | null;
  warning: DecodeWarning | null;
  wrap: Wrapper | null;
  glued: GluedLine | null;
}

/** `$PGHP` lines wait at most this many lines, and this many at once, for their sentence. */
const WRAPPER_REACH = 8;
const MAX_WRAPPERS = 4;
const MAX_HELD = 4;

const BACKSLASH = 92;
const BANG = 33;
const DOLLAR = 36;
const COMMA = 44;

/**
 * The AIS sentence layer: NMEA framing, tag blocks, `$PGHP` wrappers, trailing times,
 * fragment reassembly and accounting. Push lines in; decoded messages and typed rejections
 * come out through the callbacks. Never throws out of `push`/`flush`.
 *
 * Accounting: every pushed line ends as exactly one of
 *   - consumed: part of a decoded message (counters.consumedLines), or
 *   - rejected: one rejection with a reason (counters.rejected[reason]),
 * and until then it is pending (a buffered fragment or a `$PGHP` waiting for its sentence).
 * After flush(): lines === consumedLines + Σ rejected.
 */
export class AisDecoder {
  private readonly c: Required<Pick<DecodeCounters, 'lines' | 'messages' | 'rejected' | 'consumedLines' | 'pendingLines' | 'warnings' | 'callbackErrors'>>;
  private rejectedTotal = 0;
  private readonly assembler: FragmentAssembler<Fragment>;
  private readonly decodePayload: PayloadDecoder;
  private readonly onMessage: ((m: AisMessage, payload: string, timeMs: number | null) => void) | null;
  private readonly jsonOut: JsonSink | null;
  private readonly onReject: ((r: Rejection) => void) | null;
  private readonly defaultSource: string | null;
  private readonly maxLineLength: number;
  private readonly reorderWindow: number;
  private readonly f = new SentenceFields();

  /** The line being processed, until its fate is settled or handed on (for the safety net). */
  private openLine = 0;
  /** `$PGHP` lines waiting for their sentence (a few, oldest first). */
  private readonly wrappers: Wrapper[] = [];
  /** The wrapper taken by the sentence in flight, until it is settled or buffered (for the safety net). */
  private curWrap: Wrapper | null = null;
  private curGlued: GluedLine | null = null;
  /**
   * Set once a `$PGHP` is seen: messages then pass through a short queue (a few lines) so a
   * `$PGHP` written after its sentence can still give it its time. Other feeds are not delayed.
   */
  private wrapperMode = false;
  private readonly held: HeldMessage[] = [];
  private lastIsoMs = NaN;
  private lastIso = '';

  constructor(opts: AisDecoderOptions = {}) {
    this.defaultSource = opts.source ?? null;
    this.maxLineLength = opts.maxLineLength ?? 2048;
    this.reorderWindow = opts.reorderWindowLines ?? 10;
    this.onMessage = opts.onMessage ?? null;
    this.jsonOut = opts.jsonOut ?? null;
    this.onReject = opts.onReject ?? null;
    this.decodePayload = opts.decodePayload ?? (defaultDecodePayload as PayloadDecoder);
    this.c = { lines: 0, messages: 0, rejected: {}, consumedLines: 0, pendingLines: 0, warnings: {}, callbackErrors: 0 };
    this.assembler = new FragmentAssembler<Fragment>({
      timeoutMs: opts.fragmentTimeoutMs ?? 60_000,
      timeoutLines: opts.fragmentTimeoutLines ?? 1000,
      maxFragments: Math.max(1, opts.maxPendingFragments ?? 4096),
      onDrop: (fr, reason, detail) => this.settleBad(fr.line, fr.wrap, fr.glued, reason, detail, fr.text),
    });
  }

  /** Live counters; `pendingLines` is brought up to date on each read. */
  get counters(): DecodeCounters {
    this.c.pendingLines = this.c.lines - this.c.consumedLines - this.rejectedTotal;
    return this.c;
  }

  /** Fragments currently buffered (bounded by maxPendingFragments). */
  get pendingFragments(): number {
    return this.assembler.fragments;
  }

  /** One input line (line numbers count pushes, from 1). */
  push(line: string, meta?: PushMeta): void {
    const lineNo = ++this.c.lines;
    this.openLine = lineNo;
    try {
      this.processLine(typeof line === 'string' ? line : String(line), lineNo, meta);
      if ((lineNo & 63) === 0 && this.assembler.size > 0) this.assembler.sweep(lineNo);
    } catch (err) {
      this.recover(lineNo, line, err);
    }
  }

  /**
   * Deliver now the messages held for a `$PGHP` that may still follow them (only streams that
   * carry `$PGHP` hold any, for at most a few lines). A live feed can call this when it goes quiet.
   */
  deliverHeld(): void {
    try {
      this.releaseHeld(Infinity);
    } catch {
      this.c.callbackErrors++;
    }
  }

  /** End of stream: buffered fragments and a waiting wrapper become rejections. */
  flush(): void {
    try {
      this.assembler.flush();
      this.releaseHeld(Infinity);
      for (const w of this.wrappers.splice(0)) this.reject(w.line, 'unused_wrapper', 'end of stream before a sentence with its checksum', w.text);
    } catch (err) {
      // A callback or bug mid-flush: nothing sensible is left to account; count it.
      this.c.callbackErrors++;
      void err;
    }
  }

  private processLine(line: string, lineNo: number, meta: PushMeta | undefined): void {
    this.curWrap = null;
    this.curGlued = null;
    if (this.wrappers.length > 0) this.expireWrappers(lineNo);
    const len = line.length;
    if (len > this.maxLineLength) {
      this.reject(lineNo, 'line_too_long', `${len} characters, limit ${this.maxLineLength}`, line);
    } else {
      let start = 0;
      let end = len;
      while (start < end && line.charCodeAt(start) <= 32) start++;
      while (end > start && line.charCodeAt(end - 1) <= 32) end--;
      if (start === end) this.reject(lineNo, 'empty_line', 'blank line', line);
      else this.processSentences(line, lineNo, start, end, meta);
    }
    if (this.held.length > 0) this.releaseHeld(lineNo);
  }

  /** Wrappers more than a few lines old found no sentence. */
  private expireWrappers(lineNo: number): void {
    const ws = this.wrappers;
    while (ws.length > 0 && (ws.length > MAX_WRAPPERS || lineNo - ws[0]!.line > WRAPPER_REACH)) {
      const w = ws.shift()!;
      this.reject(w.line, 'unused_wrapper', `no sentence with checksum ${w.target < 0 ? '(any)' : toHexByte(w.target)} within ${WRAPPER_REACH} lines`, w.text);
    }
  }

  /** The waiting wrapper for this sentence: one naming its checksum (or naming none); for a first fragment, the wrapper on the line just before (its cs is the XOR over the group). */
  private takeWrapper(lineNo: number, f: SentenceFields): Wrapper | null {
    const ws = this.wrappers;
    let i = -1;
    if (f.fragCount === 1) {
      for (let k = 0; k < ws.length; k++) {
        const w = ws[k]!;
        // cs 00 is also written for own-ship sentences whatever their checksum: right after it, it matches.
        if (w.target === f.checksum || w.target < 0 || (w.target === 0 && w.line === lineNo - 1)) {
          i = k;
          break;
        }
      }
    } else if (f.fragNum === 1 && ws[ws.length - 1]!.line === lineNo - 1) {
      i = ws.length - 1;
    }
    if (i < 0) return null;
    const w = ws[i]!;
    ws.splice(i, 1);
    this.curWrap = w;
    return w;
  }

  /** One or more sentences (several when glued on one line) in line[start, end). */
  private processSentences(line: string, lineNo: number, start: number, end: number, meta: PushMeta | undefined): void {
    let pos = start;
    for (;;) {
      let tag: TagBlock | null = null;
      let s = pos; // index of the start delimiter
      if (line.charCodeAt(pos) === BACKSLASH) {
        const close = line.indexOf('\\', pos + 1);
        if (close < 0 || close >= end) {
          this.sentenceBad(lineNo, 'bad_tag_block', 'tag block has no closing backslash', line);
          return;
        }
        const t = parseTagBlock(line, pos + 1, close);
        s = close + 1;
        if (isTagBlockError(t)) {
          // The sentence behind it cannot be trusted (nor split from a glued one): the line is rejected.
          this.sentenceBad(lineNo, 'bad_tag_block', t.error, line);
          return;
        }
        tag = t;
        if (s >= end) {
          this.sentenceBad(lineNo, 'bad_tag_block', 'tag block with no sentence after it', line);
          return;
        }
      }
      const c0 = line.charCodeAt(s);
      let addr: number; // first character of the address field
      let missingStart = false;
      if (c0 === BANG || c0 === DOLLAR) {
        addr = s + 1;
      } else if (tag === null && isVdmAddress(line, s, end)) {
        addr = s; // `AIVDM,...` with the `!` lost: checksum still proves the rest
        missingStart = true;
      } else {
        this.sentenceBad(lineNo, 'not_nmea', tag === null ? 'no NMEA start delimiter' : 'no sentence after the tag block', line);
        return;
      }
      const comma = line.indexOf(',', addr);
      if (comma < 0 || comma >= end) {
        this.sentenceBad(lineNo, 'malformed_sentence', 'no fields after the address', line);
        return;
      }
      if (!(comma - addr === 5 && isVdmAddress(line, addr, end))) {
        if (comma - addr === 4 && line.startsWith('PGHP', addr) && tag === null && pos === start) {
          this.gatehouse(line, lineNo, addr, comma, end);
        } else {
          this.sentenceBad(lineNo, 'unknown_sentence', `"${line.slice(addr, comma)}" is not an AIS sentence`, line);
        }
        return;
      }
      const f = this.f;
      const ok = parseAisSentence(line, addr, comma, end, f);
      if (f.next >= 0 && this.curGlued === null) {
        this.curGlued = { line: lineNo, text: line, remaining: 1, ok: false, reason: null, detail: '', done: false };
        this.openLine = 0;
        this.warn('glued_line');
      }
      const glued = this.curGlued;
      if (glued !== null && f.next >= 0) glued.remaining++;
      if (missingStart) this.warn('missing_start_delimiter');
      if (!ok) {
        this.settleBad(lineNo, null, glued, f.reason, f.detail, line);
      } else {
        this.sentence(line, lineNo, tag, this.wrappers.length > 0 ? this.takeWrapper(lineNo, f) : null, glued, meta);
      }
      if (f.next < 0) return;
      pos = f.next;
    }
  }

  /** A valid AIS sentence in this.f: decode it or hand it to the assembler. */
  private sentence(line: string, lineNo: number, tag: TagBlock | null, wrap: Wrapper | null, glued: GluedLine | null, meta: PushMeta | undefined): void {
    const f = this.f;
    let warning: DecodeWarning | null = null;
    let timeMs: number | null = null;
    let tagSource: string | null = null;
    let timeFromTag = false;
    if (tag !== null) {
      if (tag.checksum !== 'ok') {
        warning = tag.checksum === 'wrong' ? 'tag_block_checksum' : 'tag_block_no_checksum';
        this.warn(warning);
      }
      timeMs = tag.timeMs;
      timeFromTag = timeMs !== null;
      tagSource = tag.source;
    }
    if (timeMs === null) timeMs = wrap !== null ? wrap.timeMs : f.trailingMs;
    if (timeMs === null && meta !== undefined && meta.receivedAtMs != null) timeMs = meta.receivedAtMs;
    const feedSource = meta !== undefined && meta.source !== undefined ? meta.source : this.defaultSource;

    // Expiry runs on the feed's arrival clock when it has one, else on each station's own times.
    const arrivalMs = meta !== undefined && meta.receivedAtMs != null ? meta.receivedAtMs : null;
    const clockMs = arrivalMs ?? timeMs;
    const clockKey = (arrivalMs !== null ? null : tagSource) ?? feedSource ?? '';

    if (f.fragCount === 1) {
      if (clockMs !== null && this.assembler.size > 0) this.assembler.tick(clockKey, clockMs);
      this.emit(f.payload, f.fillBits, f.checksum, lineNo, f.talker, f.channel, f.own, timeMs, timeFromTag, tagSource ?? feedSource, warning, null, wrap, glued, line);
      return;
    }
    if (clockMs !== null) this.assembler.tick(clockKey, clockMs);
    const fr: Fragment = {
      num: f.fragNum,
      count: f.fragCount,
      payload: f.payload,
      fillBits: f.fillBits,
      checksum: f.checksum,
      line: lineNo,
      timeMs,
      clockMs,
      text: line,
      talker: f.talker,
      channel: f.channel,
      own: f.own,
      tagSource,
      warning,
      wrap,
      glued,
    };
    let key: string;
    let window: number;
    if (tag !== null && tag.groupId !== null) {
      // Tag-block group ids are unique per message: fragments may come in any order.
      key = `g\u0000${feedSource ?? ''}\u0000${tag.groupId}`;
      window = Infinity;
    } else {
      key = `${clockKey}\u0000${f.channel ?? ''}\u0000${f.seqId}\u0000${f.own ? 'O' : 'M'}`;
      window = f.seqId === '' ? 0 : this.reorderWindow;
    }
    if (lineNo === this.openLine) this.openLine = 0; // now owned by the assembler
    this.curWrap = null;
    const parts = this.assembler.add(key, clockKey, fr, lineNo, window);
    if (parts === null) return;
    const first = parts[0]!;
    let payload = first.payload;
    let cs = first.checksum;
    let time = first.timeMs;
    let src = first.tagSource;
    let warn = first.warning;
    let wrapped = first.wrap;
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i]!;
      payload += p.payload;
      cs ^= p.checksum;
      if (time === null) time = p.timeMs;
      if (src === null) src = p.tagSource;
      if (warn === null) warn = p.warning;
      if (wrapped === null) wrapped = p.wrap;
    }
    const last = parts[parts.length - 1]!;
    this.emit(payload, last.fillBits, cs, lineNo, fr.talker, fr.channel, fr.own, time, timeFromTag, src ?? feedSource, warn, parts, wrapped, glued, line);
  }

  /** Decode a complete payload and settle the lines it came from. */
  private emit(
    payload: string,
    fillBits: number,
    checksum: number,
    lineNo: number,
    talker: string,
    channel: string | null,
    own: boolean,
    timeMs: number | null,
    timeFromTag: boolean,
    source: string | null,
    warning: DecodeWarning | null,
    parts: Fragment[] | null,
    wrap: Wrapper | null,
    glued: GluedLine | null,
    text: string,
  ): void {
    const r = this.decodePayload(payload, fillBits);
    if (!r.ok) {
      if (parts === null) this.settleBad(lineNo, wrap, glued, r.reason, r.detail, text);
      else for (const p of parts) this.settleBad(p.line, p.wrap, p.glued, r.reason, r.detail, p.text);
      return;
    }
    const m = r.message as AisMessage;
    const early = m.warnings !== undefined;
    m.channel = channel;
    m.talker = talker;
    m.own = own;
    m.line = lineNo;
    m.receivedAt = timeMs === null ? null : this.iso(timeMs);
    m.source = source;
    if (warning !== null) {
      const w = (m.warnings ??= []);
      w.push(warning);
    }
    this.c.messages++;
    if (parts === null) this.settleOk(lineNo, wrap, glued);
    else for (const p of parts) this.settleOk(p.line, p.wrap, p.glued);
    const claimable = wrap === null && !timeFromTag;
    // Held only while a later `$PGHP` could still claim it (or to keep the order behind one that is).
    const json = r.json ?? null;
    if (this.wrapperMode && (claimable || this.held.length > 0)) this.held.push({ m, json, early, checksum: claimable ? checksum : -1, payload, timeMs });
    else this.deliver(m, json, early, payload, timeMs);
  }

  private deliver(m: AisMessage, json: FieldsJson | null, early: boolean, payload: string, timeMs: number | null): void {
    if (this.onMessage !== null) {
      try {
        this.onMessage(m, payload, timeMs);
      } catch {
        this.c.callbackErrors++;
      }
    }
    if (this.jsonOut !== null) {
      try {
        if (json === null) this.jsonOut.utf8(JSON.stringify(m) + '\n');
        else writeJson(this.jsonOut, m, json, early);
      } catch {
        this.c.callbackErrors++;
      }
    }
  }

  /** Deliver held messages that are too old (or too many) to be claimed by a later `$PGHP`; all when lineNo is Infinity. */
  private releaseHeld(lineNo: number): void {
    const h = this.held;
    while (h.length > 0 && (h.length > MAX_HELD || lineNo - h[0]!.m.line > WRAPPER_REACH)) {
      const x = h.shift()!;
      this.deliver(x.m, x.json, x.early, x.payload, x.timeMs);
    }
  }

  /** `$PGHP,1,...`: keep its time for the next sentence. */
  private gatehouse(line: string, lineNo: number, addr: number, comma: number, end: number): void {
    const star = line.indexOf('*', comma);
    if (star < 0 || star + 2 >= end) {
      this.reject(lineNo, 'malformed_sentence', '$PGHP without checksum', line);
      return;
    }
    const want = hexByteAt(line, star + 1);
    const got = xorChecksum(line, addr, star);
    if (want !== got) {
      this.reject(lineNo, 'bad_checksum', want < 0 ? '$PGHP checksum is not hex' : `checksum ${toHexByte(want)}, computed ${toHexByte(got)}`, line);
      return;
    }
    const t = parseGatehouseTime(line, comma + 1, star);
    if (typeof t === 'string') {
      this.reject(lineNo, 'malformed_sentence', t, line);
      return;
    }
    this.wrapperMode = true;
    const target = gatehouseTarget(line, comma + 1, star);
    if (target >= 0) {
      // Some captures write the wrapper after its sentence.
      for (const h of this.held) {
        if (h.checksum === target) {
          h.m.receivedAt = this.iso(t);
          h.timeMs = t;
          h.checksum = -1;
          this.c.consumedLines++;
          this.openLine = 0;
          return;
        }
      }
    }
    this.wrappers.push({ line: lineNo, timeMs: t, target, text: line });
    if (this.wrappers.length > MAX_WRAPPERS) this.expireWrappers(lineNo);
    this.openLine = 0;
  }

  /** A sentence that failed before it was an AIS sentence: settle it (and its glued line). */
  private sentenceBad(lineNo: number, reason: RejectReason, detail: string, line: string): void {
    const glued = this.curGlued;
    if (glued !== null) this.settleBad(lineNo, null, glued, reason, detail, line);
    else this.reject(lineNo, reason, detail, line);
  }

  private settleOk(lineNo: number, wrap: Wrapper | null, glued: GluedLine | null): void {
    if (glued !== null) {
      glued.ok = true;
      if (--glued.remaining === 0) this.finishGlued(glued);
    } else {
      this.c.consumedLines++;
      if (lineNo === this.openLine) this.openLine = 0;
    }
    if (wrap !== null) {
      this.c.consumedLines++;
      if (wrap === this.curWrap) this.curWrap = null;
    }
  }

  private settleBad(lineNo: number, wrap: Wrapper | null, glued: GluedLine | null, reason: RejectReason, detail: string, text: string): void {
    if (glued !== null) {
      if (glued.reason === null) {
        glued.reason = reason;
        glued.detail = detail;
      }
      if (--glued.remaining === 0) this.finishGlued(glued);
    } else {
      this.reject(lineNo, reason, detail, text);
    }
    if (wrap !== null) {
      if (wrap === this.curWrap) this.curWrap = null;
      this.reject(wrap.line, 'unused_wrapper', `its sentence on line ${lineNo} was rejected (${reason})`, wrap.text);
    }
  }

  private finishGlued(g: GluedLine): void {
    if (g.done) return;
    g.done = true;
    if (g.ok) this.c.consumedLines++;
    else this.reject(g.line, g.reason ?? 'internal_error', g.detail, g.text);
  }

  private reject(lineNo: number, reason: RejectReason, detail: string, text: string): void {
    const r = this.c.rejected;
    r[reason] = (r[reason] ?? 0) + 1;
    this.rejectedTotal++;
    if (lineNo === this.openLine) this.openLine = 0;
    if (this.onReject !== null) {
      try {
        this.onReject({ line: lineNo, reason, detail, text: text.length > 200 ? text.slice(0, 200) : text });
      } catch {
        this.c.callbackErrors++;
      }
    }
  }

  private warn(w: DecodeWarning): void {
    const ws = this.c.warnings;
    ws[w] = (ws[w] ?? 0) + 1;
  }

  private iso(ms: number): string {
    if (ms !== this.lastIsoMs) {
      const d = new Date(ms);
      this.lastIso = Number.isNaN(d.getTime()) ? '' : d.toISOString();
      this.lastIsoMs = ms;
    }
    return this.lastIso;
  }

  /** Safety net: an exception escaped the line's processing. Keep the accounting whole. */
  private recover(lineNo: number, line: unknown, err: unknown): void {
    try {
      const detail = `decoder bug: ${err instanceof Error ? err.message : String(err)}`;
      const text = typeof line === 'string' ? line : String(line);
      const g = this.curGlued;
      if (g !== null && !g.done) {
        if (g.reason === null) {
          g.reason = 'internal_error';
          g.detail = detail;
        }
        this.finishGlued(g);
      } else if (this.openLine === lineNo) {
        this.reject(lineNo, 'internal_error', detail, text);
      }
      if (this.curWrap !== null) {
        const w = this.curWrap;
        this.curWrap = null;
        this.reject(w.line, 'unused_wrapper', detail, w.text);
      }
    } catch {
      this.c.callbackErrors++;
    }
  }
}

/** The bytes of JSON.stringify(m) + '\n' for a message as emit() builds it: payload fields, then the sentence's. */
function writeJson(out: JsonSink, m: AisMessage, fields: FieldsJson, early: boolean): void {
  fields(m as unknown as Record<string, unknown>, out);
  writeSentenceJson(out, m, early);
}

/** The sentence fields, in emit()'s order; `early` warnings came from the payload layer and precede them. */
const writeSentenceJson = (() => {
  const k = constantBytesSource;
  const value = (call: string) => `out.pos = p; ${call}; b = out.buf; p = out.pos;`;
  const body = `"use strict";
return function writeSentenceJson(out, m, early) {
  let b = out.buf, p = out.pos;
  if (early) { ${k(',"warnings":')} ${value('out.any(m.warnings)')} }
  ${k(',"channel":')} ${value('out.str(m.channel)')}
  ${k(',"talker":')} ${value('out.str(m.talker)')}
  if (m.own) { ${k(',"own":true,"line":')} } else { ${k(',"own":false,"line":')} }
  ${value('out.num(m.line)')}
  ${k(',"receivedAt":')} ${value('out.str(m.receivedAt)')}
  ${k(',"source":')} ${value('out.str(m.source)')}
  if (!early && m.warnings !== undefined) { ${k(',"warnings":')} ${value('out.any(m.warnings)')} }
  ${k('}\n')}
  out.pos = p;
};`;
  return new Function(body)() as (out: JsonSink, m: AisMessage, early: boolean) => void;
})();

/** `xxVDM` / `xxVDO` at line[i..i+5) (any two-character talker). */
function isVdmAddress(line: string, i: number, end: number): boolean {
  if (i + 5 >= end) return false;
  if (line.charCodeAt(i + 2) !== 86 /* V */ || line.charCodeAt(i + 3) !== 68 /* D */) return false;
  const k = line.charCodeAt(i + 4);
  return (k === 77 /* M */ || k === 79) /* O */ && line.charCodeAt(i + 5) === COMMA;
}
