import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AisMessage } from '@seawarden/contracts';
import { isConnectionError } from './connection-errors.js';
import { StoreClosedError } from './errors.js';
import type { StoreLogger } from './logger.js';
import { OVERVIEW_EVERY, PositionColumns, type PositionBatch, type PositionRow } from './position-row.js';
import type { PositionSink } from './position-sink.js';
import type { SpillStore } from './spill-store.js';

/** Vessels whose fixes are counted for the overview mark before the counts start again. */
const MAX_COUNTED = 500_000;

export interface PositionWriterStats {
  /** Rows in memory not yet in the database (including batches being written). */
  queued: number;
  /** Rows in spill files waiting for the database. */
  spilled: number;
  /** Rows committed by this process. */
  written: number;
  /** Rows of replayed batches that were already in the database (skipped). */
  duplicates: number;
  /** Batches the database rejected for a reason other than an outage (kept in the dead-letter file). */
  failedBatches: number;
  /** Messages without a usable position (not queued). */
  skipped: number;
  dbUp: boolean;
}

export interface PositionWriterOptions {
  sink: PositionSink;
  spill: SpillStore;
  logger: StoreLogger;
  /** Rows per batch (one transaction). */
  batchSize?: number;
  /** A partial batch is sealed after this long. */
  flushIntervalMs?: number;
  /** In-memory rows: above this write() returns false while the database is up, and further batches spill to disk. */
  maxQueuedRows?: number;
  /** Batches written at once. */
  concurrency?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  now?: () => number;
  /** Called with the rows of every batch committed (not for replays already stored). */
  onWritten?: (cols: PositionColumns) => void;
}

/** A batch waiting for the database: filled by the writer, or read back from a spill segment. */
interface QueuedBatch extends PositionBatch {
  /** Spill segment this batch was loaded from (already on disk). */
  readonly segment?: string;
}

/**
 * Batches positions into the database with bounded memory. Backpressure while the database is
 * merely slow (write() returns false: await drain()); while it is away the sources keep going,
 * rows beyond the memory bound go to spill files and everything is written when it is back.
 */
export class PositionWriter {
  private readonly sink: PositionSink;
  private readonly spill: SpillStore;
  private readonly logger: StoreLogger;
  private readonly batchSize: number;
  private readonly maxQueuedRows: number;
  private readonly concurrency: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly now: () => number;
  private readonly onWritten?: (cols: PositionColumns) => void;
  private readonly timer: NodeJS.Timeout;

  /** The batch being filled (made on the first row after a seal). */
  private current: PositionColumns | null = null;
  private readonly queue: QueuedBatch[] = [];
  private memRows = 0;
  private inflight = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private segmentLeft = new Map<string, number>();
  /** Fixes seen per vessel, for the overview mark (cleared beyond MAX_COUNTED vessels: the marks just restart). */
  private readonly fixCount = new Map<number, number>();
  private closed = false;
  private waiters: Array<{ kind: 'drain' | 'flush'; resolve: () => void }> = [];
  private readonly counters = { written: 0, duplicates: 0, failedBatches: 0, skipped: 0 };
  private dbUp = true;

  constructor(opts: PositionWriterOptions) {
    this.sink = opts.sink;
    this.spill = opts.spill;
    this.logger = opts.logger;
    this.batchSize = opts.batchSize ?? 5_000;
    this.maxQueuedRows = opts.maxQueuedRows ?? 100_000;
    this.concurrency = opts.concurrency ?? 1;
    this.retryMinMs = opts.retryMinMs ?? 200;
    this.retryMaxMs = opts.retryMaxMs ?? 5_000;
    this.retryDelay = this.retryMinMs;
    this.now = opts.now ?? Date.now;
    this.onWritten = opts.onWritten;
    this.timer = setInterval(() => this.sealCurrent(), opts.flushIntervalMs ?? 200);
    this.timer.unref();
    // Spill left by an earlier run goes in first.
    if (this.spill.rows > 0) queueMicrotask(() => this.pump());
  }

  /** Queues the message's position (if it has one). False = over the bound: await drain(). */
  write(msg: AisMessage): boolean {
    if (this.closed) throw new StoreClosedError('position writer is closed', { mmsi: msg.mmsi });
    const cols = (this.current ??= new PositionColumns(this.batchSize));
    if (!cols.pushMessage(msg, this.now())) {
      this.counters.skipped++;
      return this.accepting();
    }
    return this.appended(cols);
  }

  writeRow(row: PositionRow): boolean {
    if (this.closed) throw new StoreClosedError('position writer is closed', { mmsi: row[1] });
    const cols = (this.current ??= new PositionColumns(this.batchSize));
    cols.pushRow(row);
    return this.appended(cols);
  }

  /** After a row went into the current batch: its overview mark, the count, a seal when full. */
  private appended(cols: PositionColumns): boolean {
    const i = cols.length - 1;
    const mmsi = cols.mmsi[i]!;
    const seen = this.fixCount.get(mmsi);
    if (seen === undefined && this.fixCount.size >= MAX_COUNTED) this.fixCount.clear();
    this.fixCount.set(mmsi, (seen ?? 0) + 1);
    cols.overview[i] = (seen ?? 0) % OVERVIEW_EVERY === 0 ? 1 : 0;
    this.memRows++;
    if (cols.length >= this.batchSize) this.sealCurrent();
    return this.accepting();
  }

  private accepting(): boolean {
    return !this.dbUp || this.memRows < this.maxQueuedRows;
  }

  /** Resolves when write() would accept again. */
  drain(): Promise<void> {
    if (this.accepting()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ kind: 'drain', resolve }));
  }

  /** Resolves when everything written so far (memory and spill) is in the database. */
  flush(): Promise<void> {
    this.sealCurrent();
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ kind: 'flush', resolve }));
  }

  stats(): PositionWriterStats {
    return { queued: this.memRows, spilled: this.spill.rows, ...this.counters, dbUp: this.dbUp };
  }

  /** Writes what it can within timeoutMs, then keeps the rest in spill files for the next start. */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise((r) => (timeout = setTimeout(r, timeoutMs)))]);
    clearTimeout(timeout);
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    while (this.inflight > 0) await new Promise((r) => setTimeout(r, 20));
    for (const b of this.queue.splice(0)) if (!b.segment) this.spill.append({ id: b.id, rows: b.cols.toRows() });
    this.memRows = 0;
    this.settle();
  }

  private idle(): boolean {
    return this.memRows === 0 && this.spill.rows === 0 && this.inflight === 0;
  }

  private sealCurrent(): void {
    const cols = this.current;
    if (!cols?.length) return;
    // A full batch takes the arrays; one sealed early by the timer takes a trimmed copy, and the
    // arrays are filled again (a slow feed does not allocate a full batch every flush interval).
    const full = cols.length === cols.capacity;
    const batch: QueuedBatch = { id: randomUUID(), cols: full ? cols : cols.trimmed() };
    if (full) this.current = null;
    else cols.length = 0;
    // Memory stays bounded whatever the caller does with write()'s false: past the bound,
    // batches go to disk (database down, or up but slower than the feed) and follow later.
    if (this.memRows > this.maxQueuedRows) {
      this.spillBatch(batch);
    } else {
      this.queue.push(batch);
    }
    this.pump();
  }

  private spillBatch(batch: QueuedBatch): void {
    try {
      this.spill.append({ id: batch.id, rows: batch.cols.toRows() });
      this.memRows -= batch.cols.length;
    } catch (err) {
      // Disk full or unwritable: keep it in memory rather than lose it.
      this.logger.error('could not spill positions; keeping them in memory', { error: (err as Error).message, rows: batch.cols.length });
      this.queue.push(batch);
    }
  }

  private next(): QueuedBatch | undefined {
    if (!this.queue.length && this.spill.rows > 0 && this.segmentLeft.size === 0) {
      const seg = this.spill.next();
      if (seg) {
        if (!seg.batches.length) this.spill.remove(seg.file);
        else {
          this.segmentLeft.set(seg.file, seg.batches.length);
          for (const b of seg.batches) {
            const queued: QueuedBatch = { id: b.id, cols: PositionColumns.fromRows(b.rows), segment: seg.file };
            this.queue.push(queued);
            this.memRows += queued.cols.length;
          }
        }
      }
    }
    return this.queue.shift();
  }

  private pump(): void {
    if (this.closed || this.retryTimer) return;
    while (this.inflight < this.concurrency) {
      const batch = this.next();
      if (!batch) break;
      this.inflight++;
      void this.writeBatch(batch);
    }
    this.settle();
  }

  private async writeBatch(batch: QueuedBatch): Promise<void> {
    try {
      const outcome = await this.sink.write(batch);
      this.counters[outcome === 'written' ? 'written' : 'duplicates'] += batch.cols.length;
      if (outcome === 'written') this.onWritten?.(batch.cols);
      this.done(batch);
      if (!this.dbUp) this.logger.warn('database is back; writing buffered positions', { spilled: this.spill.rows });
      this.dbUp = true;
      this.retryDelay = this.retryMinMs;
    } catch (err) {
      if (isConnectionError(err)) {
        if (this.dbUp) this.logger.warn('database unreachable; buffering positions', { error: (err as Error).message });
        this.dbUp = false;
        this.queue.unshift(batch);
        this.scheduleRetry();
      } else {
        this.counters.failedBatches++;
        this.deadLetter(batch, err);
        this.done(batch);
      }
    } finally {
      this.inflight--;
    }
    if (!this.dbUp) this.shedToSpill();
    this.pump();
  }

  private done(batch: QueuedBatch): void {
    this.memRows -= batch.cols.length;
    if (batch.segment) {
      const left = (this.segmentLeft.get(batch.segment) ?? 1) - 1;
      if (left <= 0) {
        this.segmentLeft.delete(batch.segment);
        this.spill.remove(batch.segment);
      } else this.segmentLeft.set(batch.segment, left);
    }
  }

  /** While the database is away, memory above the bound moves to disk (newest first). */
  private shedToSpill(): void {
    while (this.memRows > this.maxQueuedRows && this.queue.length > 1) {
      const last = this.queue[this.queue.length - 1]!;
      if (last.segment) break; // already on disk
      this.queue.pop();
      this.spillBatch(last);
      if (this.queue.includes(last)) break; // spill failed
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.pump();
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, this.retryMaxMs);
  }

  private deadLetter(batch: QueuedBatch, err: unknown): void {
    const file = join(this.spill.dir, 'rejected-positions.jsonl');
    this.logger.error('database rejected a position batch; kept in dead-letter file', {
      file, batchId: batch.id, rows: batch.cols.length, error: (err as Error).message,
    });
    try {
      appendFileSync(file, JSON.stringify({ id: batch.id, error: (err as Error).message, rows: batch.cols.toRows() }) + '\n');
    } catch (e) {
      this.logger.error('could not write dead-letter file', { file, error: (e as Error).message });
    }
  }

  private settle(): void {
    const idle = this.idle() || this.closed;
    const accepting = this.accepting() || this.closed;
    this.waiters = this.waiters.filter((w) => {
      if ((w.kind === 'flush' && idle) || (w.kind === 'drain' && accepting)) {
        w.resolve();
        return false;
      }
      return true;
    });
  }
}
