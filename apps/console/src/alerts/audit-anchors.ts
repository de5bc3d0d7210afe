import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import type { AuditVerifyResult } from '@seawarden/contracts';
import { appendLineDurably, AUDIT_ANCHOR_ORIGIN, type AuditAnchor, type AuditRepository } from '@seawarden/store';
import type { ConsoleMetrics } from '../ops/console-metrics.js';
import type { AnchorWitness } from './anchor-witness.js';

/** A line of the anchor file that is not an anchor (a damaged or edited file). */
export class AuditAnchorFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file} line ${line}: ${reason}`);
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The anchors, one JSON object a line, appended and fsync'd: outside the database on purpose.
 * A last line without its newline is an append cut short by a crash: it is not an anchor, and
 * the next append replaces it.
 */
export class AuditAnchorFile {
  constructor(readonly file: string) {}

  read(): AuditAnchor[] {
    if (!existsSync(this.file)) return [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    lines.pop(); // after the last newline: nothing, or a torn append
    const anchors: AuditAnchor[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim() === '') continue;
      let a: Partial<AuditAnchor>;
      try {
        a = JSON.parse(lines[i]);
      } catch {
        throw new AuditAnchorFileError(this.file, i + 1, 'not JSON');
      }
      if (
        typeof a.at !== 'string' || Number.isNaN(Date.parse(a.at)) ||
        !Number.isSafeInteger(a.lastEventId) || a.lastEventId! < 1 ||
        !Number.isSafeInteger(a.events) || a.events! < 0 ||
        typeof a.root !== 'string' || !HEX64.test(a.root)
      ) {
        throw new AuditAnchorFileError(this.file, i + 1, 'expected {"at": ISO time, "lastEventId": integer ≥ 1, "events": integer ≥ 0, "root": 64 hex digits}');
      }
      anchors.push({ at: a.at, lastEventId: a.lastEventId!, events: a.events!, root: a.root });
    }
    return anchors;
  }

  append(a: AuditAnchor): void {
    if (existsSync(this.file)) {
      const text = readFileSync(this.file, 'utf8');
      if (!text.endsWith('\n')) truncateSync(this.file, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
    }
    appendLineDurably(this.file, JSON.stringify(a));
  }
}

/**
 * Anchors the audit chains outside the database every `everyMs`: a rewrite of the whole history
 * (events and the heads recorded on the alerts together) passes the chain check, not the anchors.
 * An anchor covers the events up to the highest id seen one pass earlier, so that a transaction
 * that had taken its id but not yet committed cannot be missed and later read as an insertion.
 */
export class AuditAnchors {
  private timer?: NodeJS.Timeout;
  /** Passes run one after another. */
  private queue: Promise<void> = Promise.resolve();
  /** The highest event id at the previous pass: what the next anchor covers. */
  private seenMax: number | null = null;
  private last: AuditAnchor | null = null;
  /** `lastEventId` of the newest anchor the witness accepted (null: none yet in this process). */
  private witnessed: number | null = null;

  constructor(
    private readonly audit: AuditRepository,
    readonly file: AuditAnchorFile,
    private readonly everyMs: number,
    private readonly metrics: ConsoleMetrics | null = null,
    /** A copy of the newest anchor is sent there after each pass until it is accepted. */
    private readonly witness: AnchorWitness | null = null,
  ) {}

  private readonly logger = new Logger('AuditAnchors');

  start(): void {
    if (this.everyMs <= 0) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.queue;
  }

  /** One pass (tests call it directly), after any pass under way: returns the anchor written, if any. Never throws. */
  runOnce(): Promise<AuditAnchor | null> {
    const pass = this.queue.then(() => this.pass());
    this.queue = pass.then(() => undefined);
    return pass;
  }

  private async pass(): Promise<AuditAnchor | null> {
    let newest: AuditAnchor | null = null;
    let written: AuditAnchor | null = null;
    try {
      const target = this.seenMax;
      this.seenMax = await this.audit.lastEventId();
      newest = this.last ?? this.file.read().at(-1) ?? null;
      if (target !== null && target > (newest?.lastEventId ?? 0)) {
        const next = await this.audit.extendAnchor(newest ?? AUDIT_ANCHOR_ORIGIN, target);
        written = { at: new Date().toISOString(), ...next };
        this.file.append(written);
        this.last = newest = written;
        this.logger.log('audit anchor written', { file: this.file.file, ...written });
        this.metrics?.auditAnchors.inc({ outcome: 'written' });
        this.metrics?.auditAnchorTime.set(Date.parse(written.at) / 1000);
      }
    } catch (err) {
      this.logger.error('audit anchor not written', { file: this.file.file, error: (err as Error).message });
      this.metrics?.auditAnchors.inc({ outcome: 'failed' });
    }
    if (newest) await this.sendToWitness(newest);
    return written;
  }

  /** The newest anchor to the witness, unless it has it already; a failure waits for the next pass. */
  private async sendToWitness(anchor: AuditAnchor): Promise<void> {
    if (!this.witness || anchor.lastEventId === this.witnessed) return;
    try {
      await this.witness.send(anchor);
      this.witnessed = anchor.lastEventId;
      this.logger.log('audit anchor witnessed', { url: this.witness.shownUrl, lastEventId: anchor.lastEventId });
      this.metrics?.auditAnchors.inc({ outcome: 'witnessed' });
    } catch (err) {
      this.logger.warn('audit anchor not witnessed; the next pass sends the newest again', { url: this.witness.shownUrl, error: (err as Error).message });
      this.metrics?.auditAnchors.inc({ outcome: 'witness_failed' });
    }
  }

  /** The chain check, against the anchors too. A damaged anchor file fails it, with the line. */
  async verify(): Promise<AuditVerifyResult> {
    let anchors: AuditAnchor[];
    try {
      anchors = this.file.read();
    } catch (err) {
      if (!(err instanceof AuditAnchorFileError)) throw err;
      return { ok: false, count: 0, alerts: 0, anchors: 0, reason: `anchor file: ${err.message}` };
    }
    return this.audit.verify(undefined, anchors);
  }
}
