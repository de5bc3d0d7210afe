/**
 * The decoder as the feed manager uses it: owner B's AisDecoder from @seawarden/ais.
 * One per source, so fragment reassembly never mixes receivers.
 */
import type { AisMessage, DecodeCounters, RejectReason } from '@seawarden/contracts';

export interface LineDecoder {
  push(line: string, meta: { source: string; receivedAtMs?: number }): void;
  /** End of stream: pending fragments become rejections. */
  flush?(): void;
  readonly counters?: DecodeCounters;
}

export interface LineDecoderOptions {
  source: string;
  onMessage(msg: AisMessage): void;
  onReject(reason: RejectReason, line?: string): void;
}

export type DecoderFactory = (options: LineDecoderOptions) => LineDecoder;

/** B's rejection callback may pass a reason or an object carrying one. */
export function rejectReasonOf(rejection: unknown): RejectReason {
  if (typeof rejection === 'string') return rejection as RejectReason;
  const r = (rejection as { reason?: unknown } | null)?.reason;
  return typeof r === 'string' ? (r as RejectReason) : 'malformed_sentence';
}
