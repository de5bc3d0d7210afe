import type { RejectReason } from '@seawarden/contracts';
import { describe, expect, it } from 'vitest';
import { FragmentAssembler, type FragmentBase } from './fragment-assembler.js';

const frag = (num: number, count: number, payload: string, line: number, timeMs: number | null = null): FragmentBase => ({
  num,
  count,
  payload,
  fillBits: 0,
  line,
  timeMs,
  clockMs: timeMs,
});

function setup(max = 100, timeoutMs = 60_000, timeoutLines = 1000) {
  const dropped: [number, RejectReason][] = [];
  const a = new FragmentAssembler<FragmentBase>({ timeoutMs, timeoutLines, maxFragments: max, onDrop: (f, r) => dropped.push([f.line, r]) });
  return { a, dropped };
}

describe('FragmentAssembler', () => {
  it('returns the group in fragment order once complete, whatever the arrival order', () => {
    const { a } = setup();
    expect(a.add('k', 's', frag(2, 3, 'b', 1), 1, Infinity)).toBeNull();
    expect(a.add('k', 's', frag(3, 3, 'c', 2), 2, Infinity)).toBeNull();
    expect(a.add('k', 's', frag(1, 3, 'a', 3), 3, Infinity)!.map((f) => f.payload)).toEqual(['a', 'b', 'c']);
    expect(a.fragments).toBe(0);
    expect(a.size).toBe(0);
  });

  it('keeps the bound when a fragment joins an existing group (evicting older groups first)', () => {
    const { a, dropped } = setup(3);
    a.add('x', 's', frag(1, 3, 'x1', 1), 1, 0);
    a.add('y', 's', frag(1, 3, 'y1', 2), 2, 0);
    a.add('z', 's', frag(1, 3, 'z1', 3), 3, 0);
    expect(a.add('z', 's', frag(2, 3, 'z2', 4), 4, 0)).toBeNull();
    expect(a.fragments).toBe(3);
    expect(dropped).toEqual([[1, 'fragment_evicted']]);
    expect(a.add('z', 's', frag(3, 3, 'z3', 5), 5, 0)!.map((f) => f.payload)).toEqual(['z1', 'z2', 'z3']);
    expect(dropped).toEqual([[1, 'fragment_evicted'], [2, 'fragment_evicted']]);
  });

  it('expires by the clock of the group source only (other stations may run ahead)', () => {
    const { a, dropped } = setup(100, 60_000);
    a.add('k', 'sat1', frag(1, 2, 'a', 1, 1_000_000), 1, Infinity);
    a.tick('sat2', 1_000_000 + 3_600_000);
    a.sweep(2);
    expect(dropped).toEqual([]);
    a.tick('sat1', 1_000_000 + 61_000);
    a.sweep(3);
    expect(dropped).toEqual([[1, 'fragment_timeout']]);
  });

  it('expires untimed groups by lines, and drops the rest at flush', () => {
    const { a, dropped } = setup(100, 60_000, 10);
    a.add('old', 's', frag(1, 2, 'a', 1), 1, Infinity);
    a.add('new', 's', frag(1, 2, 'b', 8), 8, Infinity);
    a.sweep(12);
    expect(dropped).toEqual([[1, 'fragment_timeout']]);
    a.flush();
    expect(dropped).toEqual([[1, 'fragment_timeout'], [8, 'fragment_incomplete']]);
  });
});
