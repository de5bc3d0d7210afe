/**
 * The decoder as the feed manager uses it: the AisDecoder of @seawarden/ais.
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
  /** `payload`: the armored payload, when the decoder knows it (the dedupe key); `timeMs`: receive time. */
  onMessage(msg: AisMessage, payload?: string, timeMs?: number | null): void;
  onReject(reason: RejectReason, line?: string): void;
}

export type DecoderFactory = (options: LineDecoderOptions) => LineDecoder;
