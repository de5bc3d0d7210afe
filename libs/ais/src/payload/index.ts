export { decodePayload, type PayloadResult, type PayloadRejectReason } from './decode-payload.js';
export { encodePayload, PayloadEncodeError } from './encode-payload.js';
export { ROT_DEGREES } from './compile-reader.js';
