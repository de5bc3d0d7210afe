/**
 * Splits a byte stream into lines across chunk boundaries. Keeps the partial tail for the next
 * chunk and caps its length, so a peer that never sends a newline cannot grow memory.
 */
export interface LineSplitterOptions {
  maxLineLength: number;
  onLine(line: string): void;
  /** An over-long line was dropped (its first characters, for the log). */
  onOverflow(head: string): void;
}

export class LineSplitter {
  private partial = '';
  /** True while discarding the rest of an over-long line up to its newline. */
  private skipping = false;

  constructor(private readonly options: LineSplitterOptions) {}

  push(chunk: Buffer | string): void {
    // NMEA is ASCII; latin1 maps every byte to one char, so garbage cannot throw or merge bytes.
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (this.skipping) {
        this.skipping = false;
        continue;
      }
      const line = this.partial === '' ? piece : this.partial + piece;
      this.partial = '';
      if (line.length > this.options.maxLineLength) {
        this.options.onOverflow(line.slice(0, 40));
        continue;
      }
      const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (trimmed !== '') this.options.onLine(trimmed);
    }
    if (start < text.length && !this.skipping) {
      this.partial += text.slice(start);
      if (this.partial.length > this.options.maxLineLength) {
        this.options.onOverflow(this.partial.slice(0, 40));
        this.partial = '';
        this.skipping = true;
      }
    }
  }

  /** Drops an unfinished line (the connection ended mid-line); returns what was dropped. */
  reset(): string {
    const dropped = this.partial;
    this.partial = '';
    this.skipping = false;
    return dropped;
  }
}

/** Lines of one self-contained text block (a UDP datagram, an HTTP body). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') out.push(line);
  }
  return out;
}
