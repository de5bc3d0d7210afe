/**
 * Compiles a declarative MessageTable into a specialised reader function once, at module load.
 * The generated code reads every field with constant word indexes and shifts and builds the
 * message in one object literal (one hidden class per layout), so decoding a position report
 * allocates only the result object.
 */
import { readHex, readText, readUint } from './bit-buffer.js';
import type { FieldSpec, MessageTable } from './field-table.js';
import { mmsiWarning } from './plausibility.js';

export type Reader = (w: Uint32Array, n: number) => Record<string, unknown>;

/**
 * ROT_AIS → degrees/minute, ITU-R M.1371-5 Table 48: sign(raw)·(raw/4.733)²; −128 = not available
 * → null. ±127 ("turning faster than 5°/30 s, no turn indicator") is kept on the same formula,
 * ±720.0032°/min: it is the only value above the largest measurable one (±126 → ±708.7), so
 * |rot| > 709 reads as "fast turn, rate unknown" and encoding gives back ±127.
 */
export const ROT_DEGREES: readonly (number | null)[] = Array.from({ length: 256 }, (_, i) => {
  const raw = i - 128;
  return raw === -128 ? null : Math.sign(raw) * (raw / 4.733) ** 2;
});

/** Source of an expression that reads an unsigned field at a fixed offset. */
function uintSource(start: number, width: number): string {
  if (width > 31) throw new Error(`field at ${start} is ${width} bits wide; integer fields are at most 31 bits`);
  const i = start >>> 5;
  const off = start & 31;
  if (off + width <= 32) return `((w[${i}] << ${off}) >>> ${32 - width})`;
  return `(((w[${i}] << ${off}) >>> ${32 - width}) | (w[${i + 1}] >>> ${64 - off - width}))`;
}

function rawSource(f: FieldSpec): string {
  const width = f.width as number;
  if (f.fromEnd) return `R(w, n - ${width}, ${width})`; // offset known only at run time
  const u = uintSource(f.start, width);
  if (f.kind === 'int' || f.kind === 'rot') return `((${u} << ${32 - width}) >> ${32 - width})`;
  return u;
}

function fieldEnd(f: FieldSpec): number {
  return f.start + (f.width === 'rest' ? 0 : f.width);
}

export function compileReader(t: MessageTable): Reader {
  const lines: string[] = ['let W;'];
  const props: string[] = [];
  const seen = new Set<string>();
  t.fields.forEach((f, k) => {
    if (f.kind === 'spare') return;
    if (seen.has(f.name)) throw new Error(`table ${t.id}: duplicate field ${f.name}`);
    seen.add(f.name);
    const v = `v${k}`;
    // Fields past the mandatory core may be missing from a short payload: null then.
    const guard = f.fromEnd ? null : fieldEnd(f) > t.minBits ? `n >= ${fieldEnd(f)}` : null;
    let value: string;
    if (f.kind === 'text' || f.kind === 'data') {
      const tail = f.tail ?? 0;
      const len = f.width === 'rest' ? `(n - ${f.start + tail})` : String(f.width);
      const read = f.kind === 'text' ? `T(w, ${f.start}, (${len} / 6) | 0)` : `H(w, ${f.start}, ${len})`;
      if (f.width === 'rest') {
        lines.push(`const ${v} = n > ${f.start + tail} ? ${read} : null;`);
        if (f.kind === 'data') props.push(`${JSON.stringify(f.name + 'Bits')}: n > ${f.start + tail} ? n - ${f.start + tail} : 0`);
      } else lines.push(`const ${v} = ${guard ? `${guard} ? ${read} : null` : read};`);
      props.push(`${JSON.stringify(f.name)}: ${v}`);
      return;
    }
    const r = `r${k}`;
    lines.push(`const ${r} = ${guard ? `${guard} ? ${rawSource(f)} : -1` : rawSource(f)};`);
    if (f.kind === 'bool') value = `${r} !== 0`;
    else if (f.kind === 'rot') value = `ROT[${r} + 128]`;
    else {
      let scaled = f.div ? `${r} / ${f.div}` : r;
      if (f.offset) scaled = `${scaled} + ${f.offset}`;
      value = f.na !== undefined ? `${r} === ${f.na} ? null : ${scaled}` : scaled;
    }
    lines.push(`const ${v} = ${guard ? `${guard} ? (${value}) : null` : `(${value})`};`);
    if (f.range && f.warn) {
      const present = guard ? `(${guard}) && ` : '';
      const notNa = f.na !== undefined ? `${r} !== ${f.na} && ` : '';
      lines.push(`if (${present}${notNa}(${r} < ${f.range[0]} || ${r} > ${f.range[1]})) (W ??= []).push(${JSON.stringify(f.warn)});`);
    }
    if (f.name === 'mmsi') lines.push(`{ const mw = M(${v}); if (mw !== undefined) (W ??= []).push(mw); }`);
    props.push(`${JSON.stringify(f.name)}: ${v}`);
  });
  for (const d of t.derived ?? []) if (!seen.has(d.name)) props.push(`${JSON.stringify(d.name)}: null`);
  lines.push(`const o = { ${props.join(', ')} };`);
  (t.derived ?? []).forEach((d, k) => lines.push(`o[${JSON.stringify(d.name)}] = D[${k}](o);`));
  lines.push('if (W !== undefined) o.warnings = W;', 'return o;');
  const body = `"use strict";\nreturn function read_${t.id.replace(/\W/g, '_')}(w, n) {\n  ${lines.join('\n  ')}\n};`;
  const derive = (t.derived ?? []).map((d) => d.derive);
  return new Function('R', 'T', 'H', 'ROT', 'M', 'D', body)(readUint, readText, readHex, ROT_DEGREES, mmsiWarning, derive) as Reader;
}
