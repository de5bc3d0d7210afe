import type { Writable } from 'node:stream';

/**
 * Writes lines in ~64 KiB chunks, waiting for 'drain' when the stream is full, so a day of
 * traffic piped into a slow reader does not pile up in memory. A closed pipe (EPIPE: the
 * reader quit, e.g. `| head`) ends the output quietly.
 */
export async function writeLines(out: Writable, lines: Iterable<string>): Promise<void> {
  let closed = false;
  let failure: Error | null = null;
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
    else failure = e;
  };
  out.on('error', onError);
  try {
    let buf = '';
    for (const line of lines) {
      if (failure) throw failure;
      if (closed) return;
      buf += `${line}\n`;
      if (buf.length >= 65_536) {
        const ok = out.write(buf);
        buf = '';
        if (!ok) await new Promise<void>((resolve) => {
          const done = () => { out.off('drain', done); out.off('close', done); resolve(); };
          out.once('drain', done);
          out.once('close', done);
        });
      }
    }
    if (buf && !closed) out.write(buf);
    if (failure) throw failure;
  } finally {
    out.off('error', onError);
  }
}
