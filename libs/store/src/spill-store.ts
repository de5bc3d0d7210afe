import { appendFileSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreLogger } from './logger.js';
import type { SpilledBatch } from './position-row.js';

const SEGMENT_RE = /^positions-(\d{12})\.jsonl$/;

export interface SpillSegment {
  file: string;
  batches: SpilledBatch[];
}

/**
 * Position batches that did not fit in memory while the database was away, as JSON Lines in
 * numbered segment files. A segment is deleted only after all its batches are written;
 * replaying one twice is harmless (batch ids).
 */
export class SpillStore {
  private seq = 0;
  private currentRows = 0;
  private readonly segmentRows = new Map<string, number>();
  rows = 0;

  constructor(
    readonly dir: string,
    private readonly logger: StoreLogger,
    private readonly maxRowsPerSegment = 50_000,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir).filter((n) => SEGMENT_RE.test(n)).sort()) {
      const n = this.read(join(dir, f)).reduce((s, b) => s + b.rows.length, 0);
      this.segmentRows.set(join(dir, f), n);
      this.rows += n;
      this.seq = Math.max(this.seq, Number(SEGMENT_RE.exec(f)![1]));
    }
    this.seq++; // never append to a segment left by an earlier process
  }

  private currentFile(): string {
    return join(this.dir, `positions-${String(this.seq).padStart(12, '0')}.jsonl`);
  }

  append(batch: SpilledBatch): void {
    const file = this.currentFile();
    appendFileSync(file, JSON.stringify(batch) + '\n');
    this.segmentRows.set(file, (this.segmentRows.get(file) ?? 0) + batch.rows.length);
    this.rows += batch.rows.length;
    this.currentRows += batch.rows.length;
    if (this.currentRows >= this.maxRowsPerSegment) this.rotate();
  }

  private rotate(): void {
    this.seq++;
    this.currentRows = 0;
  }

  /** The oldest segment (closing the one being appended to if it is the only one). */
  next(): SpillSegment | null {
    const files = [...this.segmentRows.keys()].sort();
    if (!files.length) return null;
    const file = files[0]!;
    if (file === this.currentFile()) this.rotate();
    return { file, batches: this.read(file) };
  }

  /** All batches of the segment are in the database. */
  remove(file: string): void {
    try {
      unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.rows -= this.segmentRows.get(file) ?? 0;
    this.segmentRows.delete(file);
  }

  private read(file: string): SpilledBatch[] {
    const out: SpilledBatch[] = [];
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line) return;
      try {
        const b = JSON.parse(line) as SpilledBatch;
        if (typeof b.id !== 'string' || !Array.isArray(b.rows)) throw new Error('not a position batch');
        out.push(b);
      } catch (err) {
        // A torn last line (killed mid-append) is expected; anything else is reported.
        const torn = i === lines.length - 1;
        this.logger[torn ? 'warn' : 'error']('unreadable spill line skipped', { file, line: i + 1, error: (err as Error).message });
      }
    });
    return out;
  }
}
