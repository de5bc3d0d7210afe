/**
 * POST /api/ingest: NMEA text (text/plain, one sentence per line) into the `http` feed.
 * Guarded by INGEST_TOKEN (Bearer) when it is set.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  Controller, HttpCode, Inject, NotFoundException, PayloadTooLargeException, Post, Req,
  UnauthorizedException, UnsupportedMediaTypeException,
} from '@nestjs/common';
import { FeedManager } from './feed-manager.js';
import { INGEST_TOKEN } from './ingestor.tokens.js';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

@Controller('api/ingest')
export class IngestController {
  constructor(
    @Inject(FeedManager) private readonly feeds: FeedManager,
    @Inject(INGEST_TOKEN) private readonly token: string | null,
  ) {}

  @Post()
  @HttpCode(202)
  async ingest(@Req() req: IncomingMessage & { body?: unknown }): Promise<{ source: string; lines: number }> {
    this.authorize(req.headers.authorization);
    const source = this.feeds.httpSource();
    if (!source) throw new NotFoundException('HTTP ingest is not enabled: add "http" to FEEDS');
    const text = await readText(req);
    return { source: source.id, lines: source.ingest(text, req.socket.remoteAddress) };
  }

  private authorize(header: string | undefined): void {
    if (!this.token) return;
    const given = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new UnauthorizedException('missing or wrong ingest token (Authorization: Bearer <INGEST_TOKEN>)');
  }
}

/** The body as text whether or not a body parser ran before us. */
async function readText(req: IncomingMessage & { body?: unknown }): Promise<string> {
  const body = req.body;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('latin1');
  if (body !== undefined && body !== null && typeof body === 'object' && Object.keys(body).length > 0) {
    throw new UnsupportedMediaTypeException('send NMEA as text/plain, one sentence per line');
  }
  if (req.readableEnded) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeException(`body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('latin1');
}
