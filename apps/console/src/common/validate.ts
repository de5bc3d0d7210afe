import type { z } from 'zod';
import { badRequest } from './api-error.js';

/** Parses input with a zod schema; a failure is a 400 naming the first offending field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || undefined;
  throw badRequest(field ? `${field}: ${issue.message}` : issue.message, field);
}
