/** Owner B's AisDecoder behind the DecoderFactory the feed manager takes. */
import * as ais from '@seawarden/ais';
import type { DecoderFactory, LineDecoder, LineDecoderOptions } from './line-decoder.js';

type AisDecoderCtor = new (options: LineDecoderOptions) => LineDecoder;

export const aisDecoderFactory: DecoderFactory = (options) => {
  const Ctor = (ais as unknown as { AisDecoder?: AisDecoderCtor }).AisDecoder;
  if (typeof Ctor !== 'function') throw new Error('@seawarden/ais exports no AisDecoder yet');
  return new Ctor(options);
};
