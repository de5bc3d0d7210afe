/** The AisDecoder of @seawarden/ais behind the DecoderFactory the feed manager takes. */
import { AisDecoder } from '@seawarden/ais';
import type { DecoderFactory } from './line-decoder.js';

export const aisDecoderFactory: DecoderFactory = ({ source, onMessage, onReject }) =>
  new AisDecoder({ source, onMessage, onReject: (r) => onReject(r.reason, r.text) });
