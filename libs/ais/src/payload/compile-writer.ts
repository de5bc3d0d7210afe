/**
 * Compiles a MessageTable into a specialised encoder, the mirror of compile-reader.ts: static
 * property reads and constant bit offsets, one scratch buffer, no per-bit work. The values are
 * converted and checked by the helpers in field-codec.ts.
 */
import type { MessageTable } from './field-table.js';
import { armorWords, NumericCodec, putBits, rawValue, restBits, scratchWords, writeRest, writeText } from './field-codec.js';

/** `x`: table fields computed from derived values (ETA string, long AtoN name); they win over `m`. */
export type Writer = (m: Record<string, unknown>, x?: Record<string, unknown>) => { payload: string; fillBits: number };

export function compileWriter(t: MessageTable): Writer {
  // Only tables with derived fields look at the overrides, so the common path reads `m` alone.
  const overridable = (t.derived ?? []).some((d) => d.underive);
  const prop = (name: string) => {
    const key = JSON.stringify(name);
    return overridable ? `(x !== undefined && x[${key}] !== undefined ? x[${key}] : m[${key}])` : `m[${key}]`;
  };
  const pre: string[] = [];
  const body: string[] = [];
  let fixedEnd = 0;
  let restStart = -1;
  let restK = -1;
  let tailK = -1;
  t.fields.forEach((f, k) => {
    if (f.kind === 'spare') {
      fixedEnd = Math.max(fixedEnd, f.start + (f.width as number));
      return;
    }
    if (f.fromEnd) {
      tailK = k;
      return;
    }
    if (f.width === 'rest') {
      restStart = f.start;
      restK = k;
      pre.push(`const restValue = ${prop(f.name)};`, `const rest = B(F[${k}], restValue, ${prop(f.name + 'Bits')});`);
      body.push(`W(w, F[${k}], restValue, rest);`);
      return;
    }
    // An absent optional group ends the message where the standard says (its spare included).
    if (f.cutAt !== undefined) body.push(`if (${prop(f.name)} == null) { end = ${f.cutAt}; break body; }`);
    if (f.kind === 'text') body.push(`X(w, F[${k}], ${prop(f.name)});`);
    else body.push(`P(w, ${f.start}, ${f.width}, V(N[${k}], ${prop(f.name)}));`);
    fixedEnd = Math.max(fixedEnd, f.start + f.width);
  });
  if (restK >= 0) fixedEnd = Math.max(fixedEnd, restStart);
  const tailWidth = tailK >= 0 ? (t.fields[tailK].width as number) : 0;
  const size = `${fixedEnd}${restK >= 0 ? ' + rest' : ''}${tailK >= 0 ? ` + ${tailWidth}` : ''}`;
  const src = [
    '"use strict";',
    `return function write_${t.id.replace(/\W/g, '_')}(m, x) {`,
    ...pre,
    `const w = S(((${size}) >>> 5) + 2);`,
    `let end = ${fixedEnd}${restK >= 0 ? ' + rest' : ''};`,
    'body: {',
    ...body,
    '}',
    ...(tailK >= 0 ? [`P(w, end, ${tailWidth}, V(N[${tailK}], ${prop(t.fields[tailK].name)}));`, `end += ${tailWidth};`] : []),
    'return A(w, end);',
    '};',
  ].join('\n');
  const numeric = t.fields.map((f) => (f.width !== 'rest' && f.kind !== 'text' && f.kind !== 'data' && f.kind !== 'spare' ? new NumericCodec(f) : null));
  return new Function('F', 'N', 'S', 'P', 'V', 'X', 'B', 'W', 'A', src)(t.fields, numeric, scratchWords, putBits, rawValue, writeText, restBits, writeRest, armorWords) as Writer;
}
