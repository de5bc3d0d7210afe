import { appendFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import type { AlertChange } from '@seawarden/contracts';
import { applyAlertChanges } from './alert.repository.js';
import { AlertJournal, type JournalEntry } from './alert-journal.js';
import { isConnectionError } from './connection-errors.js';
import type { Db } from './db.js';
import { StoreClosedError } from './errors.js';
import type { StoreLogger } from './logger.js';

interface Pending extends JournalEntry {
  journaled: boolean;
  resolve?: (stored: AlertChange[]) => void;
  reject?: (err: unknown) => void;
}

export interface AlertWriterStats {
  /** Change sets waiting for the database (in order). */
  pending: number;
  /** Of those, on disk in the journal. */
  journaled: number;
  committed: number;
  /** Change sets the database refused for a reason other than an outage (in the dead-letter file). */
  rejected: number;
  dbUp: boolean;
}

/**
 * Commits alert change sets one at a time, in order. While the database is away they wait in
 * an fsync'd journal and are retried; a restart replays the journal first. Nothing is dropped.
 */
export class AlertWriter {
  private readonly queue: Pending[] = [];
  private readonly listeners = new Set<(changes: AlertChange[]) => void>();
  private seq = 0;
  private running = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private dbUp = true;
  private closed = false;
  private counters = { committed: 0, rejected: 0 };

  constructor(
    private readonly db: Db,
    private readonly journal: AlertJournal,
    private readonly logger: StoreLogger,
    private readonly retryMinMs = 200,
    private readonly retryMaxMs = 5_000,
  ) {
    this.retryDelay = retryMinMs;
    for (const e of journal.load()) {
      this.queue.push({ ...e, journaled: true });
      this.seq = Math.max(this.seq, e.seq);
    }
  }

  /** Starts replaying what an earlier run left in the journal. */
  start(): void {
    if (this.queue.length) this.logger.warn('replaying journaled alert changes', { entries: this.queue.length });
    void this.run();
  }

  /** Resolves with the changes as stored (alert ids of continued episodes) once committed. */
  apply(changes: AlertChange[]): Promise<AlertChange[]> {
    if (this.closed) return Promise.reject(new StoreClosedError('alert writer is closed', { alerts: changes.map((c) => c.alert.id) }));
    if (!changes.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const p: Pending = { seq: ++this.seq, changes, journaled: false, resolve, reject };
      this.queue.push(p);
      if (!this.dbUp) this.persist(p);
      void this.run();
    });
  }

  /** Every committed change set (including journal replays, which have no caller to resolve). */
  onCommitted(listener: (changes: AlertChange[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): AlertWriterStats {
    return { pending: this.queue.length, journaled: this.queue.filter((p) => p.journaled).length, ...this.counters, dbUp: this.dbUp };
  }

  /** Resolves once nothing is pending (e.g. the journal of an earlier run is replayed), or after timeoutMs. */
  async settled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.queue.length || this.running) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  /** Waits up to timeoutMs for pending changes; whatever is left stays journaled for the next start. */
  async close(timeoutMs = 10_000): Promise<void> {
    await this.settled(timeoutMs);
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
    for (const p of this.queue) this.persist(p);
  }

  private persist(p: Pending): void {
    if (p.journaled) return;
    this.journal.append({ seq: p.seq, changes: p.changes });
    p.journaled = true;
  }

  private async run(): Promise<void> {
    if (this.running || this.retryTimer || this.closed) return;
    this.running = true;
    try {
      while (this.queue.length && !this.closed) {
        const head = this.queue[0]!;
        let stored: AlertChange[];
        try {
          stored = await this.db.tx((q) => applyAlertChanges(q, head.changes));
        } catch (err) {
          if (isConnectionError(err)) {
            if (this.dbUp) this.logger.warn('database unreachable; journaling alert changes', { error: (err as Error).message });
            this.dbUp = false;
            for (const p of this.queue) this.persist(p);
            this.scheduleRetry();
            return;
          }
          this.queue.shift();
          this.counters.rejected++;
          this.deadLetter(head, err);
          if (head.journaled) this.journal.rewrite(this.queue.filter((p) => p.journaled));
          head.reject?.(err);
          continue;
        }
        this.queue.shift();
        if (!this.dbUp) this.logger.warn('database is back; alert changes committed');
        this.dbUp = true;
        this.retryDelay = this.retryMinMs;
        this.counters.committed++;
        if (head.journaled) this.journal.rewrite(this.queue.filter((p) => p.journaled));
        head.resolve?.(stored);
        for (const l of this.listeners) {
          try {
            l(stored);
          } catch (err) {
            this.logger.error('alert committed listener failed', { error: (err as Error).message });
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.run();
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, this.retryMaxMs);
  }

  private deadLetter(p: Pending, err: unknown): void {
    const file = join(dirname(this.journal.file), 'rejected-alerts.jsonl');
    this.logger.error('database rejected alert changes; kept in dead-letter file', { file, error: (err as Error).message });
    try {
      appendFileSync(file, JSON.stringify({ error: (err as Error).message, changes: p.changes }) + '\n');
    } catch (e) {
      this.logger.error('could not write dead-letter file', { file, error: (e as Error).message });
    }
  }
}
