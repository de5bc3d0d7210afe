// The writer's queueing rules (bound, backpressure, spill, retry, dead letter) against a sink
// whose availability the test controls; the real databases are in tests/store.*.test.ts.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PositionBatch, PositionRow } from './position-row.js';
import type { PositionSink } from './position-sink.js';
import { PositionWriter } from './position-writer.js';
import { SpillStore } from './spill-store.js';

const quiet = { info() {}, warn() {}, error() {} };
const row = (i: number): PositionRow => [i, 412000000 + (i % 7), 30, 122, null, null, null, null, 1, null];

class ControlledSink implements PositionSink {
  readonly method = 'unnest' as const;
  readonly stored = new Map<string, PositionBatch>();
  down = false;
  hold: Promise<void> | null = null;
  reject: ((b: PositionBatch) => Error | null) | null = null;
  async write(b: PositionBatch) {
    if (this.hold) await this.hold;
    if (this.down) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const bad = this.reject?.(b);
    if (bad) throw bad;
    if (this.stored.has(b.id)) return 'duplicate' as const;
    this.stored.set(b.id, b);
    return 'written' as const;
  }
  rows(): number[] {
    return [...this.stored.values()].flatMap((b) => b.cols.toRows().map((r) => r[0])).sort((a, b) => a - b);
  }
}

const setup = (sink: ControlledSink, dir = mkdtempSync(join(tmpdir(), 'writer-'))) => ({
  dir,
  writer: new PositionWriter({ sink, spill: new SpillStore(dir, quiet, 1_000), logger: quiet, batchSize: 100, flushIntervalMs: 10, maxQueuedRows: 500, retryMinMs: 5, retryMaxMs: 20 }),
});

describe('PositionWriter', () => {
  it('marks every fifth fix of each vessel for the track overview', async () => {
    const sink = new ControlledSink();
    const { writer } = setup(sink);
    for (let i = 0; i < 70; i++) writer.writeRow(row(i)); // 7 vessels interleaved, 10 fixes each
    await writer.flush();
    const marked = [...sink.stored.values()].flatMap((b) => b.cols.toRows()).filter((r) => r[10] === true).map((r) => r[0]).sort((a, b) => a - b);
    // Fix 0 and fix 5 of each vessel: rows 0–6 and 35–41.
    expect(marked).toEqual([0, 1, 2, 3, 4, 5, 6, 35, 36, 37, 38, 39, 40, 41]);
    await writer.close();
  });

  it('keeps the rows of a batch sealed early while the next batch fills the same arrays', async () => {
    const sink = new ControlledSink();
    const { writer } = setup(sink);
    for (let i = 0; i < 30; i++) writer.writeRow(row(i));
    await writer.flush(); // a partial batch of 30 (as the flush timer seals one)
    for (let i = 30; i < 280; i++) writer.writeRow(row(i));
    await writer.flush();
    expect(sink.stored.size).toBe(4); // 30, then 100, 100 and 50
    expect(sink.rows()).toEqual([...Array(280).keys()]);
    await writer.close();
  });

  it('pushes back while the database is slow and resumes on drain', async () => {
    const sink = new ControlledSink();
    let release!: () => void;
    sink.hold = new Promise((r) => (release = r));
    const { writer } = setup(sink);
    let accepted = 0;
    while (writer.writeRow(row(accepted))) accepted++;
    accepted++;
    expect(accepted).toBe(500);
    expect(writer.stats()).toMatchObject({ queued: 500, dbUp: true });
    let drained = false;
    const d = writer.drain().then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(drained).toBe(false);
    sink.hold = null;
    release();
    await d;
    await writer.flush();
    expect(sink.rows()).toEqual([...Array(500).keys()]);
    await writer.close();
  });

  it('stays bounded in memory when the caller ignores backpressure from a slow database', async () => {
    const sink = new ControlledSink();
    let release!: () => void;
    sink.hold = new Promise((r) => (release = r));
    const { writer } = setup(sink);
    for (let i = 0; i < 3_000; i++) writer.writeRow(row(i));
    const s = writer.stats();
    expect(s.dbUp).toBe(true);
    expect(s.queued).toBeLessThanOrEqual(600);
    expect(s.spilled + s.queued).toBe(3_000);
    sink.hold = null;
    release();
    await writer.flush();
    expect(sink.rows()).toEqual([...Array(3_000).keys()]);
    await writer.close();
  });

  it('keeps accepting during an outage, spills beyond the bound and writes everything once back', async () => {
    const sink = new ControlledSink();
    sink.down = true;
    const { writer, dir } = setup(sink);
    for (let i = 0; i < 500; i++) writer.writeRow(row(i));
    await new Promise((r) => setTimeout(r, 30)); // first attempt fails: database marked down
    expect(writer.stats().dbUp).toBe(false);
    for (let i = 500; i < 5_000; i++) expect(writer.writeRow(row(i))).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    const s = writer.stats();
    expect(s.queued).toBeLessThanOrEqual(600);
    expect(s.spilled + s.queued).toBe(5_000);
    expect(readdirSync(dir).length).toBeGreaterThan(1); // several segments
    sink.down = false;
    await writer.flush();
    expect(sink.rows()).toEqual([...Array(5_000).keys()]);
    expect(writer.stats()).toMatchObject({ queued: 0, spilled: 0, written: 5_000, dbUp: true });
    expect(readdirSync(dir)).toEqual([]);
    await writer.close();
  });

  it('leaves unwritten rows in spill files on close and replays them in the next process', async () => {
    const sink = new ControlledSink();
    sink.down = true;
    const { writer, dir } = setup(sink);
    for (let i = 0; i < 750; i++) writer.writeRow(row(i));
    await writer.close(50);
    expect(sink.stored.size).toBe(0);
    sink.down = false;
    const next = setup(sink, dir).writer;
    expect(next.stats().spilled).toBe(750);
    await next.flush();
    expect(sink.rows()).toEqual([...Array(750).keys()]);
    await next.close();
  });

  it('keeps a batch the database refuses in a dead-letter file and goes on', async () => {
    const sink = new ControlledSink();
    sink.reject = (b) => (b.cols.toRows().some((r) => r[0] === 150) ? Object.assign(new Error('invalid input'), { code: '22P02' }) : null);
    const { writer, dir } = setup(sink);
    for (let i = 0; i < 300; i++) writer.writeRow(row(i));
    await writer.flush();
    expect(writer.stats()).toMatchObject({ failedBatches: 1, written: 200 });
    const dead = readFileSync(join(dir, 'rejected-positions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(dead).toHaveLength(1);
    expect(dead[0].rows.map((r: PositionRow) => r[0])).toContain(150);
    await writer.close();
  });
});
