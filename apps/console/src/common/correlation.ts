import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const HEADER = 'x-correlation-id';
const SAFE = /^[A-Za-z0-9._:-]{1,100}$/;

/** Express middleware: take the caller's correlation id when sane, else make one; echo it. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers[HEADER];
  const id = typeof given === 'string' && SAFE.test(given) ? given : randomUUID();
  (req as any).correlationId = id;
  res.setHeader('X-Correlation-Id', id);
  next();
}

export const correlationIdOf = (req: unknown): string =>
  ((req as any)?.correlationId as string | undefined) ?? randomUUID();
