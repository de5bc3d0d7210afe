export { AisDecoder, type AisDecoderOptions, type PushMeta, type Rejection, type PayloadDecoder } from './ais-decoder.js';
export { encodeMessage, type EncodeOptions } from './nmea-encoder.js';
export { decodePayload, encodePayload, JsonSink, PayloadEncodeError, ROT_DEGREES, type PayloadResult, type PayloadRejectReason } from './payload/index.js';
