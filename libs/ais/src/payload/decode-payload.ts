import { loadArmor, words } from './bit-buffer.js';
import type { JsonWriter } from './compile-json.js';
import { variantForBits } from './message-variants.js';

export type PayloadRejectReason = 'bad_payload_char' | 'unsupported_type' | 'payload_too_short';

export type PayloadResult =
  /** `json` writes the message's own fields as JSON (see compile-json.ts). */
  | { ok: true; message: Record<string, unknown>; json: JsonWriter }
  | { ok: false; reason: PayloadRejectReason; detail: string };

/**
 * Decodes the armored 6-bit payload of one complete AIS message (all fragments joined).
 * Returns type, repeat, mmsi and the type's fields (see message-tables.ts), with `warnings`
 * only when a value is implausible. Never throws on bad input.
 */
export function decodePayload(payload: string, fillBits: number): PayloadResult {
  // A fill count outside 0..5 cannot come from a valid sentence; decode as 0 and say so.
  const fill = fillBits >= 0 && fillBits <= 5 ? fillBits | 0 : 0;
  const n = loadArmor(payload, fill);
  if (n < 0) {
    const at = -n - 1;
    return { ok: false, reason: 'bad_payload_char', detail: `character ${JSON.stringify(payload[at])} at ${at} is outside the AIS 6-bit armor` };
  }
  if (n < 38) return { ok: false, reason: 'payload_too_short', detail: `${n} bits, less than the 38-bit message header` };
  const w = words;
  const type = w[0] >>> 26;
  if (type === 0 || type > 27) return { ok: false, reason: 'unsupported_type', detail: `message type ${type}` };
  const v = variantForBits(type, w, n);
  if (n < v.table.minBits)
    return { ok: false, reason: 'payload_too_short', detail: `type ${type} (${v.table.id}): ${n} bits, needs at least ${v.table.minBits}` };
  const message = v.read(w, n);
  if (fill !== fillBits) ((message.warnings ??= []) as string[]).push('bad_fill_bits');
  return { ok: true, message, json: v.json };
}
