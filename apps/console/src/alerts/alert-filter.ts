import { ALERT_RULES, SEVERITIES } from '@seawarden/contracts';
import { z } from 'zod';
import type { AlertListFilter } from '../console.deps.js';
import { validate } from '../common/validate.js';
import { isoDate } from '../common/schemas.js';

export const alertFilterSchema = (maxLimit: number) =>
  z.object({
    rule: z.enum(ALERT_RULES as unknown as [string, ...string[]]).optional(),
    severity: z.enum(SEVERITIES as unknown as [string, ...string[]]).optional(),
    status: z.enum(['open', 'acknowledged', 'confirmed', 'dismissed']).optional(),
    mmsi: z.coerce.number().int().min(0).max(999_999_999).optional(),
    zoneId: z.string().min(1).max(100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    assignee: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(maxLimit).optional(),
    cursor: z.string().min(1).max(500).optional(),
  }).strict();

export function parseAlertFilter(query: unknown, maxLimit = 500): AlertListFilter {
  return validate(alertFilterSchema(maxLimit), query ?? {});
}
