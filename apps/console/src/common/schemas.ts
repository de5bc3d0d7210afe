import { z } from 'zod';

/** Field schemas the controllers share. */
export const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time');
export const mmsiSchema = z.coerce.number().int().min(1).max(999_999_999);
