import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AlertChange } from '@seawarden/contracts';
import { appendLineDurably } from './durable-append.js';
import { SpillFileError } from './errors.js';

export interface JournalEntry {
  seq: number;
  changes: AlertChange[];
}

/**
 * Alert changes not yet committed while the database is away, fsync'd to one JSON Lines file
 * so a crash during an outage loses none. Replaying an entry twice is harmless (change keys).
 */
export class AlertJournal {
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  load(): JournalEntry[] {
    if (!existsSync(this.file)) return [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    const out: JournalEntry[] = [];
    lines.forEach((line, i) => {
      if (!line) return;
      try {
        const e = JSON.parse(line) as JournalEntry;
        if (typeof e.seq !== 'number' || !Array.isArray(e.changes)) throw new Error('not a journal entry');
        out.push(e);
      } catch (err) {
        if (i === lines.length - 1) return; // torn last line: its caller never saw it committed
        throw new SpillFileError(`alert journal ${this.file} line ${i + 1} is unreadable`, { file: this.file, line: i + 1 }, { cause: err });
      }
    });
    return out;
  }

  append(entry: JournalEntry): void {
    appendLineDurably(this.file, JSON.stringify(entry));
  }

  /** Keeps only the given entries (atomic replace). */
  rewrite(entries: JournalEntry[]): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, entries.map((e) => JSON.stringify(e) + '\n').join(''));
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.file);
  }
}
