/**
 * The same AIS transmission heard by several receivers arrives several times. Within
 * `windowMs` of receive time a message with the same content is passed on once. Memory is
 * bounded by the window and by `maxEntries`.
 */
import type { AisMessage } from '@seawarden/contracts';

/** Fields that differ between receivers of one transmission, or are per-line bookkeeping. */
const PER_RECEPTION = new Set(['line', 'receivedAt', 'source', 'channel', 'talker', 'own', 'warnings', 'raw', 'sentences', 'tagBlock']);

/**
 * The content key: the armored payload (from the decoder, or on the message), else every
 * decoded field except those that depend on who heard it (same payload ⇔ same decoded fields).
 */
export function messageKey(msg: AisMessage, armored?: string): string {
  const payload = armored ?? msg['payload'] ?? msg['payloads'];
  if (typeof payload === 'string') return `${msg.type}|${msg.mmsi}|${payload}`;
  if (Array.isArray(payload)) return `${msg.type}|${msg.mmsi}|${payload.join('|')}`;
  let key = `${msg.type}|${msg.mmsi}`;
  for (const name of Object.keys(msg).sort()) {
    if (PER_RECEPTION.has(name) || name === 'type' || name === 'mmsi') continue;
    const v = msg[name];
    key += `|${name}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`;
  }
  return key;
}

export interface DeduplicatorOptions {
  /** 0 disables deduplication. */
  windowMs: number;
  maxEntries?: number;
}

interface Seen {
  /** Receive time of the first copy (event time: the message's own time when it has one). */
  at: number;
  /** Wall-clock arrival of the first copy. */
  arrival: number;
}

/**
 * Copies are compared by receive time; an entry is forgotten once it is older than the window
 * in both receive time and arrival time. Both, because sources are not always in step: two
 * fast replays race ahead in receive time, a slow replay lags in it.
 */
export class MessageDeduplicator {
  /** Insertion order = arrival order, so pruning is from the front. */
  private readonly seen = new Map<string, Seen>();
  private newestAt = -Infinity;
  private newestArrival = -Infinity;
  private readonly windowMs: number;
  private readonly maxEntries: number;

  constructor(options: DeduplicatorOptions) {
    this.windowMs = options.windowMs;
    this.maxEntries = options.maxEntries ?? 200_000;
  }

  /** True when a copy with this key was passed on within the window of `atMs`. */
  isDuplicate(key: string, atMs: number, arrivalMs: number = atMs): boolean {
    if (this.windowMs <= 0) return false;
    if (atMs > this.newestAt) this.newestAt = atMs;
    if (arrivalMs > this.newestArrival) this.newestArrival = arrivalMs;
    this.prune();
    const first = this.seen.get(key);
    if (first !== undefined && Math.abs(atMs - first.at) <= this.windowMs) return true;
    // Re-insert so the entry moves to the back (newest).
    this.seen.delete(key);
    this.seen.set(key, { at: atMs, arrival: arrivalMs });
    if (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
    return false;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(): void {
    const atHorizon = this.newestAt - this.windowMs;
    const arrivalHorizon = this.newestArrival - this.windowMs;
    for (const [key, e] of this.seen) {
      if (e.arrival >= arrivalHorizon || e.at >= atHorizon) break;
      this.seen.delete(key);
    }
  }
}
