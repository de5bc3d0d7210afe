/** Conversions of values read back from pg (PGlite and the server differ in a few types). */
export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
export const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const jsonValue = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** Escapes LIKE wildcards so user text matches literally. */
export const likeLiteral = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A float4 column read back at AIS resolution (0.1 kn, 0.1°, 0.1 m): 8.2, not 8.199999809. */
export const tenthOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
