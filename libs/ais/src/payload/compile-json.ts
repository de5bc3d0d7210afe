/**
 * Compiles a MessageTable into a JSON writer for the objects its reader (compile-reader.ts)
 * builds: writes `{"type":1,...` into a JsonSink with the same keys in the same order and the
 * same text JSON.stringify gives, without the closing brace (the sentence layer appends its
 * fields). Knowing each field's kind makes most values cheap: integers need no formatting
 * library, 6-bit text can hold `"` and `\` but no control characters.
 */
import type { FieldSpec, MessageTable } from './field-table.js';
import { ROT_DEGREES } from './compile-reader.js';
import { NumberTexts, constantBytesSource, type JsonSink } from './json-sink.js';

export type JsonWriter = (o: Record<string, unknown>, out: JsonSink) => void;

/** Key and value kind of each property the compiled reader sets, in its order. */
export function layoutKeys(t: MessageTable): { name: string; kind: FieldSpec['kind'] | 'derived' | 'bits' }[] {
  const keys: { name: string; kind: FieldSpec['kind'] | 'derived' | 'bits' }[] = [];
  const derived = new Set((t.derived ?? []).map((d) => d.name));
  const seen = new Set<string>();
  for (const f of t.fields) {
    if (f.kind === 'spare') continue;
    seen.add(f.name);
    if (f.kind === 'data' && f.width === 'rest') keys.push({ name: f.name + 'Bits', kind: 'bits' });
    keys.push({ name: f.name, kind: derived.has(f.name) ? 'derived' : f.kind });
  }
  for (const d of t.derived ?? []) if (!seen.has(d.name)) keys.push({ name: d.name, kind: 'derived' });
  return keys;
}

/** Rate of turn values back to their raw slot (raw + 128), the inverse of ROT_DEGREES. */
const ROT_TEXTS = new NumberTexts(256, (v) => Math.sign(v) * Math.round(Math.sqrt(Math.abs(v)) * 4.733) + 128);
void ROT_DEGREES; // the table NumberTexts' slots index (values are checked, not trusted)

/** The sink call that writes a numeric field's value `v`; `luts` collects per-field caches. */
function numberCall(f: FieldSpec | undefined, v: string, luts: NumberTexts[]): string {
  if (f === undefined) return `out.num(${v})`;
  if (f.kind === 'rot') return `out.cached(${v}, ROT)`;
  const div = f.div ?? 0;
  const offset = f.offset ?? 0;
  const width = f.width as number;
  if (div === 0 && offset === 0) return `out.num(${v})`;
  if (div % 3 === 0 && offset === 0 && width > 12) {
    const digits = Math.log10((div * 5) / 3);
    if (Number.isInteger(digits)) return `out.sixths(${v}, ${div}, ${digits}, ${10 ** digits})`;
  }
  if (width <= 12) {
    const min = f.kind === 'int' ? -(2 ** (width - 1)) : 0;
    const d = div || 1;
    luts.push(new NumberTexts(2 ** width, (x) => Math.round((x - offset) * d) - min));
    return `out.cached(${v}, L[${luts.length - 1}])`;
  }
  return `out.num(${v})`;
}

export function compileJsonWriter(t: MessageTable): JsonWriter {
  const luts: NumberTexts[] = [];
  const byName = new Map(t.fields.map((f) => [f.name, f]));
  const lines = layoutKeys(t).map(({ name, kind }, k) => {
    const key = (k === 0 ? '{' : ',') + JSON.stringify(name) + ':';
    const v = `o[${JSON.stringify(name)}]`;
    let call: string;
    if (kind === 'bool') call = `out.bool(${v})`;
    else if (kind === 'text') call = `out.text(${v})`;
    else if (kind === 'data') call = `out.str(${v})`;
    else if (kind === 'derived') call = `out.any(${v})`;
    else call = numberCall(kind === 'bits' ? undefined : byName.get(name), v, luts);
    return `${constantBytesSource(key)}\n  out.pos = p; ${call}; b = out.buf; p = out.pos;`;
  });
  // out.ensure(0): RESERVE bytes free for the first key (see constantBytesSource).
  const body = `"use strict";\nreturn function json_${t.id.replace(/\W/g, '_')}(o, out) {\n  out.ensure(0);\n  let b = out.buf, p = out.pos;\n  ${lines.join('\n  ')}\n};`;
  return new Function('L', 'ROT', body)(luts, ROT_TEXTS) as JsonWriter;
}
