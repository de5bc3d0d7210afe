/**
 * AIS payload layer: the armored 6-bit payload of one complete message ⇄ a message object.
 * Table-driven (message-tables.ts, application-tables.ts); each table is compiled once into a
 * reader (compile-reader.ts). Units and names follow ARCHITECTURE.md "Contracts"; "not available"
 * values are null; implausible values are kept and named in `warnings`.
 */
export { decodePayload, type PayloadResult, type PayloadRejectReason } from './decode-payload.js';
export type { JsonWriter } from './compile-json.js';
export { JsonSink } from './json-sink.js';
export { encodePayload, PayloadEncodeError } from './encode-payload.js';
export { ROT_DEGREES } from './compile-reader.js';
