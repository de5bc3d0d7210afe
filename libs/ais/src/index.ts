export { AisDecoder, type AisDecoderOptions, type PushMeta, type Rejection, type PayloadDecoder } from './ais-decoder.js';
export { decodePayload } from './payload/index.js';
// encodeMessage (./nmea-encoder.js) and encodePayload are exported once the payload encoder lands.
