import type { RejectReason } from '@seawarden/contracts';

/** What the assembler needs to know of one fragment; the decoder's fragments carry more. */
export interface FragmentBase {
  /** 1-based fragment number and total, from the sentence. */
  num: number;
  count: number;
  payload: string;
  fillBits: number;
  /** Input line of the fragment. */
  line: number;
  /** Receive time of the fragment in ms, or null. */
  timeMs: number | null;
  /**
   * Time on the expiry clock, or null: the feed's arrival time when the feed gives one
   * (live sources), else `timeMs`. Kept apart from `timeMs` because a live feed may carry
   * tag-block times from another epoch (replays, the simulator) on only the first fragment.
   */
  clockMs: number | null;
}

export interface FragmentAssemblerOptions<F extends FragmentBase> {
  /** A group older than this (in its source's receive time) expires. */
  timeoutMs: number;
  /** A group without receive time expires after this many input lines. */
  timeoutLines: number;
  /** Upper bound on buffered fragments; the oldest group is evicted to make room. */
  maxFragments: number;
  /** Every fragment the assembler gives up on, with why. */
  onDrop: (fragment: F, reason: RejectReason, detail: string) => void;
}

interface Group<F> {
  key: string;
  clockKey: string;
  count: number;
  frags: (F | undefined)[];
  received: number;
  maxNum: number;
  firstLine: number;
  lastLine: number;
  startMs: number | null;
}

/**
 * Multi-part message reassembly. Fragments are grouped by a caller-built key (source,
 * channel, sequence id — or the tag-block group id) and complete when all parts are in.
 *
 * Ordering: fragments normally arrive in order. A fragment that arrives "backwards" (a lower
 * number than one already buffered) joins the group only within `reorderWindow` lines of
 * the group's last fragment; otherwise it starts a new message and the old group is dropped
 * as incomplete. This keeps an orphan last fragment from being glued to the first fragment
 * of the next message that reuses the sequence id (common on terrestrial feeds), while
 * tag-block groups (unique ids) may arrive in any order.
 */
export class FragmentAssembler<F extends FragmentBase> {
  private readonly groups = new Map<string, Group<F>>();
  private readonly clocks = new Map<string, number>();
  /** Fragments currently buffered. */
  fragments = 0;

  constructor(private readonly opts: FragmentAssemblerOptions<F>) {}

  /** Groups currently waiting for fragments. */
  get size(): number {
    return this.groups.size;
  }

  /** Advance the receive-time clock of one source (times are compared per source). */
  tick(clockKey: string, timeMs: number): void {
    const now = this.clocks.get(clockKey);
    if (now === undefined || timeMs > now) {
      if (now === undefined && this.clocks.size >= 10_000) this.clocks.clear();
      this.clocks.set(clockKey, timeMs);
    }
  }

  /**
   * Add one fragment. Returns the complete group in fragment order when this fragment
   * completes it, else null. Dropped fragments (this one or older ones) go to onDrop.
   */
  add(key: string, clockKey: string, f: F, lineNo: number, reorderWindow: number): F[] | null {
    let g = this.groups.get(key);
    if (g !== undefined) {
      const held = g.frags[f.num - 1];
      if (g.count !== f.count) {
        this.drop(g, 'fragment_incomplete', `superseded on line ${lineNo} by fragment ${f.num} of a ${f.count}-part message`);
        g = undefined;
      } else if (held !== undefined) {
        if (held.payload === f.payload && held.fillBits === f.fillBits) {
          this.opts.onDrop(f, 'duplicate_fragment', `fragment ${f.num} of ${f.count} already received on line ${held.line}`);
          return null;
        }
        this.drop(g, 'fragment_incomplete', `superseded on line ${lineNo} by a different fragment ${f.num} of ${f.count}`);
        g = undefined;
      } else if (g.startMs !== null && f.clockMs !== null && f.clockMs - g.startMs > this.opts.timeoutMs) {
        this.drop(g, 'fragment_timeout', `no fragment for ${Math.round((f.clockMs - g.startMs) / 1000)} s`);
        g = undefined;
      } else if (f.num < g.maxNum && lineNo - g.lastLine > reorderWindow) {
        this.drop(g, 'fragment_incomplete', `superseded on line ${lineNo} by fragment ${f.num} of ${f.count} of a new message`);
        g = undefined;
      }
    }
    if (f.count === 1 && g === undefined) return [f];
    // Make room: evict the oldest groups (the one this fragment joins last of all).
    while (this.fragments >= this.opts.maxFragments && this.groups.size > 0) {
      let victim: Group<F> | undefined;
      for (const other of this.groups.values()) {
        if (other !== g) {
          victim = other;
          break;
        }
      }
      if (victim === undefined) {
        victim = g!;
        g = undefined;
      }
      this.evict(victim);
    }
    if (g === undefined) {
      g = {
        key,
        clockKey,
        count: f.count,
        frags: new Array<F | undefined>(f.count),
        received: 0,
        maxNum: 0,
        firstLine: lineNo,
        lastLine: lineNo,
        startMs: f.clockMs,
      };
      this.groups.set(key, g);
    }
    g.frags[f.num - 1] = f;
    g.received++;
    this.fragments++;
    if (f.num > g.maxNum) g.maxNum = f.num;
    g.lastLine = lineNo;
    if (g.startMs === null) g.startMs = f.clockMs;
    if (g.received < g.count) return null;
    this.groups.delete(key);
    this.fragments -= g.count;
    return g.frags as F[];
  }

  /** Expire groups past their timeout (by their source's clock, or by lines when untimed). */
  sweep(lineNo: number): void {
    for (const g of this.groups.values()) {
      if (g.startMs !== null) {
        const now = this.clocks.get(g.clockKey);
        if (now !== undefined && now - g.startMs > this.opts.timeoutMs) {
          this.drop(g, 'fragment_timeout', `no fragment for ${Math.round((now - g.startMs) / 1000)} s (have ${g.received} of ${g.count})`);
        }
      } else if (lineNo - g.firstLine > this.opts.timeoutLines) {
        this.drop(g, 'fragment_timeout', `no fragment for ${lineNo - g.firstLine} lines (have ${g.received} of ${g.count})`);
      }
    }
  }

  /** End of stream: every buffered fragment is dropped as incomplete. */
  flush(): void {
    for (const g of this.groups.values()) {
      this.drop(g, 'fragment_incomplete', `end of stream with ${g.received} of ${g.count} fragments`);
    }
    this.clocks.clear();
  }

  private evict(g: Group<F>): void {
    this.drop(g, 'fragment_evicted', `fragment buffer full (${this.opts.maxFragments}); oldest group dropped with ${g.received} of ${g.count} fragments`);
  }

  private drop(g: Group<F>, reason: RejectReason, detail: string): void {
    this.groups.delete(g.key);
    this.fragments -= g.received;
    for (const f of g.frags) if (f !== undefined) this.opts.onDrop(f, reason, detail);
  }
}
