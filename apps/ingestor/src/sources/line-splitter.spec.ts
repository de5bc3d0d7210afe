import { describe, expect, it } from 'vitest';
import { LineSplitter, splitLines } from './line-splitter.js';

function collect(max = 20) {
  const lines: string[] = [];
  const overflows: string[] = [];
  const s = new LineSplitter({ maxLineLength: max, onLine: (l) => lines.push(l), onOverflow: (h) => overflows.push(h) });
  return { s, lines, overflows };
}

describe('LineSplitter', () => {
  it('joins lines split across chunks and strips CR', () => {
    const { s, lines } = collect();
    s.push('ab');
    s.push('c\r\nde');
    s.push(Buffer.from('f\n\n\r\ng'));
    expect(lines).toEqual(['abc', 'def']);
    expect(s.reset()).toBe('g');
  });
  it('drops an over-long line, even one that never ends within a chunk, and resumes at the next newline', () => {
    const { s, lines, overflows } = collect(5);
    s.push('12345678');
    s.push('9999999');
    s.push('99\nok\n');
    s.push('toolong\nfine\n');
    expect(lines).toEqual(['ok', 'fine']);
    expect(overflows).toEqual(['12345678', 'toolong']);
  });
});

describe('splitLines', () => {
  it('splits a datagram or body into non-blank lines', () => {
    expect(splitLines('a\r\nb\n\n  \nc')).toEqual(['a', 'b', 'c']);
  });
});
