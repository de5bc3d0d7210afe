/**
 * Encodes a message object into an armored AIS payload with the same tables the decoder uses,
 * compiled into writers (compile-writer.ts). null/undefined fields are written as the field's
 * "not available" value (0 when it has none); values that do not fit their field throw a
 * PayloadEncodeError naming the field. Plausibility is the decoder's business: a heading of 400
 * fits its 9 bits and is written.
 */
import { PayloadEncodeError } from './field-codec.js';
import { variantForMessage } from './message-variants.js';

export { PayloadEncodeError };

/**
 * Encodes every type 1–27 from the field names the decoder produces (types 6/8: DAC 1 FI
 * 11/16/18/31/40, DAC 200 FI 10/55, or raw `data` hex + `dataBits`). Type 24 needs `partNo`
 * 1 for part B. Returns the armored payload and its fill bits.
 */
export function encodePayload(message: Record<string, unknown>): { payload: string; fillBits: number } {
  const type = message.type;
  if (typeof type !== 'number' || !Number.isInteger(type) || type < 1 || type > 27) throw new PayloadEncodeError('type', type, 'must be 1..27');
  const v = variantForMessage(message);
  if (!v) throw new PayloadEncodeError('partNo', message.partNo, `type ${type} has no layout for this message`);
  // Derived values given alone (an ETA string, a long AtoN name) fill their table fields. They go
  // in a separate overrides object: spreading the message into a new one costs microseconds.
  let x: Record<string, unknown> | undefined;
  for (const d of v.table.derived ?? []) {
    const extra = d.underive?.(message);
    if (extra) for (const k in extra) (x ??= {})[k] = extra[k];
  }
  return v.write(message, x);
}
