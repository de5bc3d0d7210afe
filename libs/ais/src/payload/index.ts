export { decodePayload, type PayloadResult, type PayloadRejectReason } from './decode-payload.js';
