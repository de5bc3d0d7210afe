import type { EvidenceItem, Reason } from '@seawarden/contracts';

/**
 * A flat copy of a string built by concatenation. Template literals leave a tree of cons
 * strings (one node per piece, plus the number-to-string leaves), several times the size of
 * the text; alerts keep theirs for hours, so what they keep is copied flat once.
 */
export function flat(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

export const flatReason = (r: Reason): Reason => ({ zh: flat(r.zh), en: flat(r.en) });

/** The evidence item with its reason flattened (in place: items are fresh from the detector). */
export function flatEvidence(e: EvidenceItem): EvidenceItem {
  e.reason = flatReason(e.reason);
  return e;
}
