/** NMEA text POSTed to /api/ingest; the controller hands bodies to this source. */
import { BaseFeedSource } from './feed-source.js';
import { splitLines } from './line-splitter.js';

export class HttpIngestSource extends BaseFeedSource {
  constructor(
    id: string,
    private readonly now: () => number = Date.now,
  ) {
    super(id, 'http');
  }

  async start(): Promise<void> {
    this.setState('listening');
  }

  async stop(): Promise<void> {
    this.setState('stopped');
  }

  /** Emits every non-blank line of the body; returns how many. */
  ingest(text: string, peer?: string): number {
    if (this.state !== 'listening') return 0;
    const at = this.now();
    const lines = splitLines(text);
    for (const line of lines) this.emitLine(line, at, peer);
    return lines.length;
  }
}
