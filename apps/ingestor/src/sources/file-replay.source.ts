/**
 * Replays a capture file: as fast as possible, or paced by the lines' own timestamps divided by
 * a speed factor. The clock is injectable so pacing is testable without waiting.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import type { FileFeedSpec } from '@seawarden/config';
import { FeedSourceError, PlaybackFeedSource } from './feed-source.js';
import { sentenceTimeMs } from './sentence-time.js';

export interface ReplayClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const wallClock: ReplayClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
};

export type FileReplayOptions = Pick<FileFeedSpec, 'id' | 'path' | 'pace' | 'speed' | 'loop'> & {
  clock?: ReplayClock;
  /** Lines over this length are rejected as line_too_long. */
  maxLineLength?: number;
};

export class FileReplaySource extends PlaybackFeedSource {
  private readonly clock: ReplayClock;

  constructor(private readonly options: FileReplayOptions) {
    super(options.id, 'file');
    this.clock = options.clock ?? wallClock;
  }

  async start(): Promise<void> {
    try {
      await access(this.options.path);
    } catch (err) {
      throw new FeedSourceError(this.id, `cannot read ${this.options.path}: ${(err as NodeJS.ErrnoException).code ?? err}`, { cause: err });
    }
    this.startPlayback((signal) => this.replay(signal));
  }

  private async replay(signal: AbortSignal): Promise<void> {
    const max = this.options.maxLineLength ?? 4096;
    do {
      // Pacing anchors: the first timestamped line is played now; later ones at their offset/speed.
      let anchorLine: number | null = null;
      let anchorWall = 0;
      const input = createReadStream(this.options.path, { encoding: 'latin1', signal });
      const lines = createInterface({ input, crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          if (signal.aborted) return;
          if (line.trim() === '') continue;
          if (line.length > max) {
            this.emit('reject', 'line_too_long', line.slice(0, 40));
            continue;
          }
          if (this.options.pace) {
            const t = sentenceTimeMs(line);
            if (t !== null) {
              if (anchorLine === null) {
                anchorLine = t;
                anchorWall = this.clock.now();
              } else {
                const due = anchorWall + (t - anchorLine) / this.options.speed;
                const wait = due - this.clock.now();
                if (wait > 0) await this.clock.sleep(wait, signal);
                if (signal.aborted) return;
              }
            }
          }
          this.emitLine(line, this.clock.now());
        }
      } catch (err) {
        if (signal.aborted) return;
        throw err;
      } finally {
        lines.close();
        input.destroy();
      }
    } while (this.options.loop && !signal.aborted);
  }
}
