/**
 * `seawarden decode [FILE|-] [--stats]`: NMEA in, one JSON object per decoded message out
 * (JSON Lines, each with its `line`). `--stats` prints decoded and rejected line counts by
 * reason to stderr. The input is streamed; output is written in large chunks with backpressure.
 */
import { AisDecoder, JsonSink } from '@seawarden/ais';
import type { DecodeCounters } from '@seawarden/contracts';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

const usage = 'usage: seawarden decode [FILE|-] [--stats]\n';

/**
 * Input is read and output handed to stdout in chunks of about this size: large enough to make
 * syscalls rare, small enough that the strings stay in V8's young generation (1 MB chunks
 * doubled peak RSS and cost more GC time).
 */
const CHUNK = 1 << 16;
/** JSON output is written into slabs of this size and handed to stdout as views of them (see JsonSink). */
const SLAB = 1 << 20;
/** A line longer than this is cut while reading (the decoder rejects it as line_too_long). */
const MAX_KEEP = 8192;

export async function run(argv: string[]): Promise<number> {
  let file: string | null = null;
  let stats = false;
  for (const a of argv) {
    if (a === '--stats') stats = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(usage);
      return 0;
    } else if (a.startsWith('--')) {
      process.stderr.write(`seawarden decode: unknown option ${a}\n${usage}`);
      return 2;
    } else if (file === null) file = a;
    else {
      process.stderr.write(`seawarden decode: one input only (got "${file}" and "${a}")\n${usage}`);
      return 2;
    }
  }
  const input = file === null || file === '-' ? process.stdin : fileChunks(file);
  const counters = await decodeStream(input, process.stdout, (err) => {
    process.stderr.write(`seawarden decode: cannot read ${file ?? 'stdin'}: ${err.message}\n`);
  });
  if (counters === null) return 1;
  if (stats) process.stderr.write(formatStats(counters));
  return 0;
}

/**
 * Decode `input` to JSON Lines on `out`. Returns the counters, or null when the input failed
 * (reported through onInputError). A closed output (EPIPE) ends decoding quietly.
 */
export async function decodeStream(input: Readable | Iterable<string>, out: Writable, onInputError: (err: Error) => void): Promise<DecodeCounters | null> {
  const json = new JsonSink(SLAB);
  let outClosed = false;
  const onOutError = () => {
    outClosed = true;
  };
  out.on('error', onOutError);
  const decoder = new AisDecoder({
    // Per-layout JSON writers, straight into bytes: the text JSON.stringify(m) gives, for less CPU.
    jsonOut: json,
  });

  const drain = async () => {
    if (json.length === 0 || outClosed) {
      json.take();
      return;
    }
    const ok = out.write(json.take());
    if (!ok && !outClosed) await drained(out); // an error (EPIPE: the reader went away) sets outClosed
  };

  // AIS is ASCII; latin1 maps any byte to one character, so binary garbage cannot break decoding.
  if ('setEncoding' in input) input.setEncoding('latin1');
  let rest = '';
  let skipping = false; // inside an over-long line: drop until its newline
  let first = true;
  try {
    for await (const chunk of input) {
      const s = typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('latin1');
      let start = 0;
      if (first) {
        first = false;
        if (s.startsWith('\xEF\xBB\xBF')) start = 3; // UTF-8 byte order mark
      }
      let nl = s.indexOf('\n');
      while (nl >= 0) {
        if (skipping) {
          decoder.push(rest);
          rest = '';
          skipping = false;
        } else if (rest.length > 0) {
          decoder.push(rest + s.slice(start, nl));
          rest = '';
        } else {
          decoder.push(s.slice(start, nl));
        }
        start = nl + 1;
        nl = s.indexOf('\n', start);
      }
      if (start < s.length && !skipping) {
        rest += s.slice(start);
        if (rest.length > MAX_KEEP) {
          rest = rest.slice(0, MAX_KEEP);
          skipping = true;
        }
      }
      if (json.length >= CHUNK) await drain();
      if (outClosed) break;
    }
  } catch (err) {
    out.off('error', onOutError);
    await drain();
    onInputError(err as Error);
    return null;
  }
  if (rest.length > 0) decoder.push(rest);
  decoder.flush();
  await drain();
  out.off('error', onOutError);
  return decoder.counters;
}

/**
 * A file's text in CHUNK pieces, read synchronously: the CLI has nothing else to do meanwhile,
 * and asynchronous reads left the main thread idle waiting for the thread pool (~3% of the run).
 * Latin-1, as for stdin. Errors (missing file, EISDIR, …) surface from the first next().
 */
function* fileChunks(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  try {
    for (let n = readSync(fd, buf, 0, CHUNK, null); n > 0; n = readSync(fd, buf, 0, CHUNK, null)) yield buf.toString('latin1', 0, n);
  } finally {
    closeSync(fd);
  }
}

/** Resolves on the output's next drain, close or error, leaving no listener behind (one wait per chunk). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}

/** `--stats`: decoded and rejected line counts by reason. */
export function formatStats(c: DecodeCounters): string {
  const rejected = Object.entries(c.rejected)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const rejectedTotal = rejected.reduce((a, [, n]) => a + (n ?? 0), 0);
  const lines = [
    `lines            ${c.lines}`,
    `decoded lines    ${c.consumedLines ?? c.lines - rejectedTotal}   (${c.messages} messages)`,
    `rejected lines   ${rejectedTotal}`,
    ...rejected.map(([r, n]) => `  ${r.padEnd(20)} ${n}`),
  ];
  const warnings = Object.entries(c.warnings ?? {}).filter(([, n]) => (n ?? 0) > 0);
  if (warnings.length > 0) lines.push('accepted with warnings', ...warnings.map(([w, n]) => `  ${w.padEnd(20)} ${n}`));
  return lines.join('\n') + '\n';
}
