import { appendFileSync, closeSync, fsyncSync, openSync } from 'node:fs';

/** Appends one line and fsyncs it before returning: the line survives a crash right after. */
export function appendLineDurably(file: string, line: string): void {
  const fd = openSync(file, 'a');
  try {
    appendFileSync(fd, line + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
