import type { Alert } from '@seawarden/contracts';

/** How long one click snoozes an alarm. */
export const SNOOZE_MS = 60 * 60_000;

type Subject = Pick<Alert, 'mmsi' | 'rule'>;
const key = (a: Subject) => `${a.mmsi}|${a.rule}`;

/**
 * Alarms this console has snoozed, per vessel and rule, until a time: new alerts of that rule
 * for that vessel still arrive (unread, in the feed) but do not sound. Kept per console like the
 * mute switch — the sound is the station's own; acknowledging is the shared, audited action.
 * Pure state; the feed persists it.
 */
export class AlarmSnoozes {
  private readonly until = new Map<string, number>();

  snooze(a: Subject, nowMs: number, ms = SNOOZE_MS): void {
    this.until.set(key(a), nowMs + ms);
  }

  clear(a: Subject): void {
    this.until.delete(key(a));
  }

  /** End of the snooze covering the alert's vessel and rule at nowMs, or null. */
  snoozedUntil(a: Subject, nowMs: number): number | null {
    const u = this.until.get(key(a));
    if (u === undefined) return null;
    if (u <= nowMs) {
      this.until.delete(key(a));
      return null;
    }
    return u;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.until);
  }

  /** From what toJSON wrote (expired and malformed entries dropped). */
  static fromJSON(v: unknown, nowMs: number): AlarmSnoozes {
    const s = new AlarmSnoozes();
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, u] of Object.entries(v)) if (/^\d+\|[a-z_]+$/.test(k) && typeof u === 'number' && u > nowMs) s.until.set(k, u);
    }
    return s;
  }
}
