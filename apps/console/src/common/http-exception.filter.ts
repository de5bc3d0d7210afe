import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { correlationIdOf } from './correlation.js';

/** Maps every error to { message, field?, correlationId } (and extra keys such as featureIndex). */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('console');

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw err;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const correlationId = correlationIdOf(req);
    let status = 500;
    let body: Record<string, unknown> = { message: 'internal error' };
    if (err instanceof HttpException) {
      status = err.getStatus();
      const r = err.getResponse();
      if (typeof r === 'string') body = { message: r };
      else {
        const o = r as Record<string, unknown>;
        const message = Array.isArray(o.message) ? o.message.join('; ') : String(o.message ?? err.message);
        body = { ...o, message };
        delete body.statusCode;
        delete body.error;
      }
    } else if ((err as any)?.type === 'entity.too.large') {
      status = 413;
      body = { message: 'request body too large' };
    } else if ((err as any)?.type === 'entity.parse.failed') {
      status = 400;
      body = { message: `malformed JSON body: ${(err as Error).message}` };
    } else {
      this.log.error(`${correlationId} ${req.method} ${req.url}: ${(err as Error)?.stack ?? err}`);
    }
    if (res.headersSent) return;
    res.status(status).json({ ...body, correlationId });
  }
}
